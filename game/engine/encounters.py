"""Encounters: small state machines written in YAML (stages, options, outcomes).

These functions run one on a `RuleContext`; the turn calls them, and effects reach them
through the context (`encounter:` starts one, `ending:` ends the game).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine import pursuit
from game.engine.phases import DIALOGUE, transition
from game.engine.words import TOKEN, words_of
from game.world.model import Option, Stage

if TYPE_CHECKING:
    from game.engine.context import RuleContext


def start(ctx: RuleContext, encounter_id: str) -> None:
    s = ctx.state
    enc = ctx.world.encounters[encounter_id]
    if s.phase == DIALOGUE:
        s.dialogue = None
    transition(s, "begin_encounter")
    s.encounter = encounter_id
    ctx.emit(ev.EncounterStarted(encounter_id, enc.title))
    enter_stage(ctx, enc.start)


def enter_stage(ctx: RuleContext, stage_id: str) -> None:
    """Begin a stage: its text, its effects, then the options."""
    s = ctx.state
    encounter = s.encounter
    assert encounter is not None
    s.stage = stage_id
    stage = ctx.world.encounters[encounter].stages[stage_id]
    ctx.emit(ev.Narration(stage.text))
    ctx.run(stage.effects)
    if s.ending is None and s.encounter == encounter and s.stage == stage_id:
        show_stage(ctx, text=False)


def show_stage(ctx: RuleContext, text: bool = True) -> None:
    """The stage's text (again) and its options; a stage with no option left ends."""
    s = ctx.state
    assert s.encounter is not None and s.stage is not None
    stage = ctx.world.encounters[s.encounter].stages[s.stage]
    if text:
        ctx.emit(ev.Narration(stage.text))
    if not ctx.options():  # every option's condition failed: never leave the player stuck
        finish(ctx)
        return
    _beam_waits(ctx, stage)
    ctx.emit(ctx.choice())


def _beam_waits(ctx: RuleContext, stage: Stage) -> None:
    """Say why a shot is not on offer: its carrier is here, but the emitter is still recovering."""
    text = ctx.world.game.beam.recovering
    if not text:
        return
    for option in stage.options:
        for who in _beam_carriers(option.when):
            left = pursuit.beam_turns_left(ctx, who)
            if left and ctx.state.characters.get(who) == ctx.state.room:
                name = ctx.character_label(who, capital=True)
                ctx.emit(ev.Narration(text.replace("{name}", name).replace("{turns}", str(left)), "warning"))
                return


def _beam_carriers(cond: object) -> list[str]:
    """The characters a condition asks `beam_ready` of (through lists and `all`)."""
    if isinstance(cond, list):
        return [who for part in cond for who in _beam_carriers(part)]
    if isinstance(cond, dict) and len(cond) == 1:
        (name, arg), = cond.items()
        if name == "beam_ready" and isinstance(arg, str):
            return [arg]
        if name == "all":
            return _beam_carriers(arg)
    return []


def finish(ctx: RuleContext) -> None:
    """Back to exploring: the encounter is over."""
    s = ctx.state
    current = s.encounter or ""
    s.encounter = s.stage = s.encounter_pursuer = None
    transition(s, "end_encounter")
    ctx.emit(ev.EncounterEnded(current))


def choose(ctx: RuleContext, option: Option) -> None:
    """Carry out an option: its text and effects, the first outcome that holds, what comes next."""
    s = ctx.state
    current = s.encounter
    if option.text:
        ctx.emit(ev.Narration(option.text))
    ctx.run(option.effects)
    nxt, ending = option.next, option.ending
    if s.ending is None and s.encounter == current:
        for outcome in option.outcomes:
            if ctx.holds(outcome.when):
                if outcome.text:
                    ctx.emit(ev.Narration(outcome.text))
                ctx.run(outcome.effects)
                nxt = outcome.next or (None if outcome.ending else nxt)
                ending = outcome.ending or ending
                break
    if s.ending is not None or s.encounter != current:
        return
    if ending:
        ctx.end(ending)
    elif nxt:
        enter_stage(ctx, nxt)
    else:
        finish(ctx)


def option_named(ctx: RuleContext, text: str) -> Option | None:
    """The option `text` picks: its number, its key, or words of its label."""
    options = ctx.options()
    words = words_of(text)
    if not words:
        return None
    if len(words) == 1 and words[0].isdigit():
        index = int(words[0]) - 1
        return options[index] if 0 <= index < len(options) else None
    joined = " ".join(words)
    for o in options:
        if joined == o.key or joined in o.names:
            return o
    hits = [o for o in options if set(words) <= set(TOKEN.findall(o.label.lower())) | set(o.names) | {o.key}]
    return hits[0] if len(hits) == 1 else None
