"""Verbs about the game itself: again, oops, undo, redo, saves, help, hints, map, journal, score, status."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine import score
from game.engine.errors import Confirm, Refused, Retry
from game.engine.grammar import Command, Handler
from game.engine.phases import ENDED
from game.engine.verbs.registry import ALWAYS, GROUPS, PLAYING, REGISTRY, verb

if TYPE_CHECKING:
    from game.engine.context import VerbContext


def meta(name: str, *lines: str, after_the_end: bool = False) -> Callable[[Handler], Handler]:
    """Declare a verb about the game: no time passes, a conversation goes on, and it works in
    encounters (and, with `after_the_end`, once the story has ended)."""
    return verb(name, *lines, phases=ALWAYS if after_the_end else PLAYING, takes_time=False, keeps_conversation=True,
                group="meta")


@meta("again", "again|g", "again|g [_]")
def again(ctx: VerbContext, c: Command) -> None:
    """again (g): repeat the last command"""
    last = ctx.state.last_command
    if not last:
        raise Refused("nothing_to_repeat", "There is nothing to repeat yet.")
    raise Retry(last)


@meta("oops", "oops|o [obj]")
def oops(ctx: VerbContext, c: Command) -> None:
    """oops WORD: correct a mistyped word in the last command"""
    s = ctx.state
    if not c.obj or not s.last_unknown or not s.last_failed:
        raise Refused("nothing_to_correct", "There is no mistyped word to correct.")
    fixed = " ".join(c.obj if w == s.last_unknown else w for w in s.last_failed.split())
    s.last_unknown = s.last_failed = None
    raise Retry(fixed)


def _count(c: Command) -> int:
    if c.obj and not c.obj.isdigit():
        raise Refused("bad_grammar", f"{c.word.capitalize()} takes a number of turns: {c.word}, or {c.word} 3.")
    return int(c.obj) if c.obj else 1


@meta("undo", "undo [obj]", after_the_end=True)
def undo(ctx: VerbContext, c: Command) -> None:
    """undo [N]: take back the last turn (or N turns)"""
    _through_history(ctx, ctx.history.undo(_count(c)), "undo", "Undone")


@meta("redo", "redo [obj]", after_the_end=True)
def redo(ctx: VerbContext, c: Command) -> None:
    """redo [N]: take back an undo"""
    _through_history(ctx, ctx.history.redo(_count(c)), "redo", "Redone")


def _through_history(ctx: VerbContext, done: int, verb: str, said: str) -> None:
    """What undo or redo says: how many turns it went, then where you are now."""
    if not done:
        raise Refused(f"nothing_to_{verb}", f"There is nothing to {verb}.")
    ctx.emit(ev.Narration(f"{said}: {done} turn{'s' if done != 1 else ''}.", "system"))
    for event in ctx.situation():
        ctx.emit(event)


@meta("save", "save [obj]", after_the_end=True)
def save(ctx: VerbContext, c: Command) -> None:
    """save [NAME]: save the game"""
    ctx.emit(ev.SaveRequested(c.obj or "quicksave"))


@meta("load", "load|restore [obj]", after_the_end=True)
def load(ctx: VerbContext, c: Command) -> None:
    """load [NAME] (restore): go back to a saved game"""
    ctx.emit(ev.LoadRequested(c.obj or "quicksave"))


@meta("saves", "saves", "saves [_]", after_the_end=True)
def saves(ctx: VerbContext, c: Command) -> None:
    """saves: list your saved games"""
    ctx.emit(ev.SavesRequested())


def help_lines() -> list[str]:
    """Every verb's help line, under the heading of its group (for help here and in the app)."""
    lines = []
    for group, heading in GROUPS.items():
        lines.append(f"{heading}:")
        verbs = [v for v in REGISTRY.verbs.values() if v.group == group]
        # the everyday verbs (declared in their kind's own module) before the rarer ones
        verbs.sort(key=lambda v: v.handler.__module__.rsplit(".", 1)[-1] != group)
        lines += [f"  {v.usage}" for v in verbs]
    return lines


@meta("help", "help|commands|h [_]", after_the_end=True)
def help_(ctx: VerbContext, c: Command) -> None:
    """help: this list"""
    word, _, rest = c.raw.strip().partition(" ")
    rest = rest.strip()
    if rest and word == "help" and ctx.state.phase != ENDED:
        person = next((t for t in ctx.people() if ctx.resolve(rest, [t]) is not None), None)
        if person is not None:  # "help tavi": someone here needs a hand; what they need is said by talking
            raise Retry(f"talk to {rest}")
    ctx.emit(ev.Narration("You can type:\n" + "\n".join(help_lines())
                          + "\nSeveral commands can go on one line: take pail. north. look",
                          "system"))


@meta("hint", "hint|hints|clue|clues|objectives|objective|goals|goal|quests|quest|tasks|task|todo [_]",
      "what+now|what+next [_]", "what+should+i+do|what+do+i+do|what+to+do [_]")
def hint(ctx: VerbContext, c: Command) -> None:
    """hint: a nudge when you are stuck (ask again for more)"""
    for hid, h in ctx.world.hints.items():
        if ctx.holds(h.when) and h.tiers:
            tier = ctx.state.hint_tiers.get(hid, 0)
            shown = min(tier, len(h.tiers) - 1)
            ctx.state.hint_tiers[hid] = min(tier + 1, len(h.tiers))
            more = " Type hint again for more." if shown + 1 < len(h.tiers) else ""
            ctx.emit(ev.Narration(f"{h.tiers[shown]} (hint {shown + 1} of {len(h.tiers)}.{more})", "system"))
            return
    ctx.emit(ev.Narration("No hint comes to mind. Look around, examine what stands out, and talk to the people with you.",
                          "system"))


@meta("map", "map [_]")
def map_(ctx: VerbContext, c: Command) -> None:
    """map: the places you have found on this floor"""
    ctx.emit(ev.MapShown(*ctx.floor_map()))


@meta("journal", "journal|notes|notebook|recall [_]", after_the_end=True)
def journal(ctx: VerbContext, c: Command) -> None:
    """journal: what you have learned"""
    entries = ctx.state.journal
    text = "Your journal:\n" + "\n".join(f"  - {e}" for e in entries) if entries else "Your journal is empty so far."
    ctx.emit(ev.Narration(text, "journal"))


@meta("score", "score|points", after_the_end=True)
def score_(ctx: VerbContext, c: Command) -> None:
    """score: points scored so far (full score: what for)"""
    got, most = score.score(ctx.world, ctx.state), score.max_score(ctx.world)
    if not most:
        ctx.emit(ev.Narration("This story keeps no score. Type status for the day, food and alert.", "system"))
        return
    moves = ctx.state.moves
    ctx.emit(ev.Narration(f"Your score is {got} of a possible {most}, in {moves} move{'s' if moves != 1 else ''}.", "system"))


@meta("full_score", "full+score|fullscore|full", "full+score|fullscore|full [_]", after_the_end=True)
def full_score(ctx: VerbContext, c: Command) -> None:
    """full score: every milestone scored so far, and its points"""
    most = score.max_score(ctx.world)
    if not most:
        ctx.emit(ev.Narration("This story keeps no score.", "system"))
        return
    lines = []
    for mid in score.scored(ctx.state):
        milestone = ctx.world.milestones.get(mid)
        if milestone is not None:
            lines.append(f"  {milestone.points} point{'s' if milestone.points != 1 else ''} for {milestone.text}")
    got = score.score(ctx.world, ctx.state)
    if not lines:
        ctx.emit(ev.Narration(f"You have not scored yet. There are {most} points to be had.", "system"))
        return
    ctx.emit(ev.Narration(f"Your score is {got} of a possible {most}:\n" + "\n".join(lines), "system"))


@meta("status", "status|time|stats|diagnose|diagnosis|health|hp|condition [_]", after_the_end=True)
def status(ctx: VerbContext, c: Command) -> None:
    """status: day, food, health and the Safeguard's alert"""
    s = ctx.state
    g = ctx.world.game
    ctx.emit(ev.Narration(
        f"Day {ctx.day}. The village has food for {s.food} more day{'s' if s.food != 1 else ''}. "
        f"Health {s.health} of {g.health}. Safeguard alert {s.alert} of {g.alert.max}. "
        f"You have found {len(s.visited)} of the City's places and written {len(s.journal)} journal "
        f"entr{'ies' if len(s.journal) != 1 else 'y'}.",
        "system"))


@meta("verbose", "verbose [_]")
def verbose(ctx: VerbContext, c: Command) -> None:
    """verbose: always describe rooms in full"""
    ctx.state.verbose = True
    ctx.emit(ev.Narration("Rooms will always be described in full.", "system"))


@meta("brief", "brief|terse [_]")
def brief(ctx: VerbContext, c: Command) -> None:
    """brief: short descriptions of rooms you know"""
    ctx.state.verbose = False
    ctx.emit(ev.Narration("Rooms you know will be described briefly.", "system"))


@meta("quit", "quit|q|die [_]", after_the_end=True)
def quit_(ctx: VerbContext, c: Command) -> None:
    """quit (q): leave the game"""
    if not ctx.confirmed:
        raise Confirm("Leave the City for now?")  # whether the game is kept is the front end's to say
    ctx.emit(ev.QuitRequested())


@meta("restart", "restart [_]", after_the_end=True)
def restart(ctx: VerbContext, c: Command) -> None:
    """restart: begin the story again (undo takes you back)"""
    if not ctx.confirmed:
        raise Confirm("Begin the story again from the start? (undo would bring you back here.)")
    for event in ctx.history.restart():
        ctx.emit(event)
