"""Verbs of the senses beyond looking: smell, taste, look under or behind, look something up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Refused
from game.engine.grammar import Command
from game.engine.scope import SELF, the
from game.engine.verbs.objects import examine
from game.engine.verbs.people import topic_about
from game.engine.verbs.registry import PLAYING, verb
from game.engine.words import words_of

if TYPE_CHECKING:
    from game.engine.context import VerbContext

@verb("smell", "smell|sniff|scent", "smell|sniff [obj]", phases=PLAYING, takes_time=False, keeps_conversation=True,
      group="objects")
def smell(ctx: VerbContext, c: Command) -> None:
    """smell [THING]: what the air, or a thing, smells of"""
    if not c.obj:
        ctx.emit(ev.Narration("Hot metal, old water, and somewhere under it the sweetish rot of sludge: the smell of "
                              "the City, everywhere you have ever been."))
        return
    thing = ctx.find(c.obj, ctx.scope(), "smell")
    if thing.kind == SELF:
        ctx.emit(ev.Narration("Sweat and sludge and smoke. Everyone in the village smells the same."))
    elif thing.kind == "character":
        ctx.emit(ev.Narration(f"{the(thing, True)} smells of the same things you do: sweat, smoke, the City."))
    else:
        ctx.emit(ev.Narration(f"{the(thing, True)} {'smell' if thing.plural else 'smells'} of metal and grime, "
                              "like everything else down here."))


@verb("taste", "taste|lick [obj]", phases=PLAYING, takes_time=False, keeps_conversation=True,
      group="objects")
def taste(ctx: VerbContext, c: Command) -> None:
    """taste THING"""
    thing = ctx.find(c.obj, ctx.scope(), "taste")
    if thing.kind in ("character", SELF):
        raise Refused("refused", "You would rather not.")
    ctx.emit(ev.Narration(f"You touch your tongue to {the(thing)}. Metal and old grime, and a sourness you "
                          "would rather not know the name of."))


@verb("look_under", "look|l under|beneath|below|behind|underneath [obj]", "search under|behind [obj]",
      "look|l through|across|over [obj]", phases=PLAYING, takes_time=False, keeps_conversation=True,
      group="objects")
def look_under(ctx: VerbContext, c: Command) -> None:
    """look under, behind or through THING"""
    if c.prep in ("through", "across", "over"):
        examine(ctx, c)  # what a window or an edge shows is what its own text says, not "only the dark"
        return
    thing = ctx.find(c.obj, ctx.scope(), "look at")
    if thing.kind in ("character", SELF):
        ctx.emit(ev.Narration("There is nothing to find there that you cannot already see."))
        return
    place = c.prep or "under"
    ctx.emit(ev.Narration(f"You look {place} {the(thing)} and find only grime and the dark."))


@verb("consult", "look+up [obj2] in|on [obj]", "read+about [obj2] in|on [obj]", "read [obj2] in [obj]",
      "consult|search [obj] for [obj2]", "find [obj2] in [obj]", phases=PLAYING, takes_time=False, keeps_conversation=True,
      group="objects")
def consult(ctx: VerbContext, c: Command) -> None:
    """look up SOMETHING in THING (consult THING about SOMETHING)"""
    if not c.obj2:
        raise Refused("missing_object", "Look up what?")
    source = ctx.find(c.obj, ctx.scope(), "look things up in")
    if source.kind == "character":
        topic = topic_about(ctx, source.id, words_of(c.obj2))
        if topic is not None:
            ctx.answer(topic)
            return
    has = "have" if source.plural else "has"
    raise Refused("no_effect", f"{the(source, True)} {has} nothing to tell you about that.")
