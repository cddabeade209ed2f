"""Game-control verbs players of Inform and TADS games type out of habit: exits, pronouns,
superbrief, notify, version, verify, places, objects, topics, about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game import __version__
from game.engine import events as ev
from game.engine.errors import Refused
from game.engine.grammar import Command
from game.engine.scope import SELF, is_are, list_names, the
from game.engine.state import INVENTORY
from game.engine.verbs.movement import exits_sentence
from game.engine.verbs.registry import ALWAYS, PLAYING, verb

if TYPE_CHECKING:
    from game.engine.context import VerbContext



def _say(ctx: VerbContext, text: str) -> None:
    ctx.emit(ev.Narration(text, "system"))


@verb("exits", "exits|ways [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def exits(ctx: VerbContext, c: Command) -> None:
    """exits: the ways out of here"""
    known = [f"{d} ({ctx.world.rooms[e.to].name})" if e.to in ctx.state.visited else d for d, e in ctx.visible_exits().items()]
    _say(ctx, f"The ways out are {list_names(known)}." if known else exits_sentence(ctx))


@verb("pronouns", "pronouns|nouns [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def pronouns(ctx: VerbContext, c: Command) -> None:
    """pronouns: what 'it' and 'them' mean just now"""
    found = None
    if ctx.state.it:
        kind, _, ident = ctx.state.it[0].partition(":")
        found = next((t for t in ctx.scope() if t.kind == kind and t.id == ident), None)
    _say(ctx, f"'It' and 'them' mean {the(found)}." if found
         else "'It' and 'them' mean nothing yet: name something first.")


@verb("superbrief", "superbrief|short [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def superbrief(ctx: VerbContext, c: Command) -> None:
    """superbrief: the shortest descriptions of rooms you know"""
    ctx.state.verbose = False
    _say(ctx, "Rooms you know will be described briefly (this game's shortest).")


@verb("normal", "normal|long [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def normal(ctx: VerbContext, c: Command) -> None:
    """normal (long): full descriptions the first time, brief after"""
    long_ = c.word == "long"
    ctx.state.verbose = long_
    _say(ctx, "Rooms will always be described in full." if long_ else
         "Rooms will be described in full the first time, briefly after.")


@verb("notify", "notify [_]", phases=ALWAYS, takes_time=False, keeps_conversation=True, group="meta")
def notify(ctx: VerbContext, c: Command) -> None:
    """notify: changes to health, food and the Safeguard's alert are always reported"""
    _say(ctx, "Changes to your health, the village's food and the Safeguard's alert are always shown as they happen.")


@verb("version", "version|about|credits|info [_]", phases=ALWAYS, takes_time=False, keeps_conversation=True, group="meta")
def version(ctx: VerbContext, c: Command) -> None:
    """version (about): the game and the world you are playing"""
    mods = ", ".join(f"{m} {v}" for m, v in ctx.world.mods)
    title = ctx.world.game.title
    _say(ctx, f"THE CITY {__version__}: a text adventure set in the City of the BLAME! synopses, in its own words. "
              + (f"This world: {title}. " if title != "THE CITY" else "")
              + (f"Mods: {mods}." if mods else "No mods are loaded."))


@verb("verify", "verify [_]", phases=ALWAYS, takes_time=False, keeps_conversation=True, group="meta")
def verify(ctx: VerbContext, c: Command) -> None:
    """verify: check the game's files"""
    _say(ctx, "The world's files were checked when the game started, every one of them: nothing is missing or broken.")


@verb("places", "places|rooms [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def places(ctx: VerbContext, c: Command) -> None:
    """places: every place you have been"""
    _say(ctx, "You have been to " + list_names([ctx.world.rooms[r].name for r in ctx.state.visited]) + ".")


@verb("objects", "objects|things [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def objects(ctx: VerbContext, c: Command) -> None:
    """objects: what you carry and what you can see"""
    held = [ctx.item_label(i) for i in ctx.items_at("@inventory")]
    here = [ctx.item_label(i) for i in ctx.items_at(ctx.state.room)]
    _say(ctx, f"You carry {list_names(held) or 'nothing'}. Here you see {list_names(here) or 'nothing you could take'}.")


@verb("topics", "topics|subjects [_]", phases=PLAYING, takes_time=False, keeps_conversation=True, group="meta")
def topics(ctx: VerbContext, c: Command) -> None:
    """topics: what you could ask the people here about"""
    who = [ctx.state.dialogue] if ctx.state.dialogue else ctx.people_here()
    lines = [f"{ctx.character_label(w, True)}: {list_names([t.about[0] for t in ctx.topics(w)], 'or')}"
             for w in who if ctx.topics(w)]
    _say(ctx, "You could ask about:\n" + "\n".join(f"  {line}" for line in lines) if lines else
         "Nobody here has anything you have not already heard.")


@verb("script", "script|transcript|record|recording [obj]", "script|transcript|record|recording on [obj]",
      phases=ALWAYS, takes_time=False, keeps_conversation=True, group="meta")
def script(ctx: VerbContext, c: Command) -> None:
    """script [NAME]: write the game so far as a playthrough you can replay (city run)"""
    if c.obj in ("off", "stop"):
        _say(ctx, "Nothing is left running: script writes the whole game so far each time you type it.")
        return
    ctx.emit(ev.ScriptRequested(c.obj or "transcript"))


@verb("unscript", "noscript|unscript [_]", "script|transcript|record|recording off [_]",
      phases=ALWAYS, takes_time=False, keeps_conversation=True, group="meta")
def unscript(ctx: VerbContext, c: Command) -> None:
    """noscript: (nothing to stop: script writes the game so far at once)"""
    _say(ctx, "Nothing is left running: script writes the whole game so far each time you type it.")


@verb("find", "find|locate [obj]", "where+is|where+are|wheres|where's [obj]", "look+for|search+for|hunt+for [obj]",
      phases=PLAYING, takes_time=False, keeps_conversation=True, group="other")
def find(ctx: VerbContext, c: Command) -> None:
    """find THING (where is): whether it is here, and where to look for it"""
    if not c.obj:
        raise Refused("missing_object", "What are you looking for?")
    try:
        thing = ctx.find(c.obj, ctx.scope(), "find")
    except Refused as refusal:
        if refusal.code != "not_here":
            raise
        ctx.state.last_unknown = None
        raise Refused("not_here", f"You see no {c.obj} here. The map (map) shows where you have been, "
                                  "and your journal what you have learned.") from None
    if thing.kind == SELF:
        _say(ctx, "Right here, for now.")
    elif thing.kind == "item" and ctx.place_of(thing.id) == INVENTORY:
        _say(ctx, f"You have {the(thing)}.")
    else:
        _say(ctx, f"{the(thing, True)} {is_are(thing)} right here.")
