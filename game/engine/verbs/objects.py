"""Verbs of things: look, examine, take, drop, inventory, open, close, use, and handling scenery."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Refused
from game.engine.grammar import Command
from game.engine.phases import ENCOUNTER
from game.engine.scope import SELF, Thing, is_are, it_them, list_names, the
from game.engine.state import INVENTORY, holder_key, how_held
from game.engine.verbs.registry import ACTING, PLAYING, verb
from game.engine.verbs.tools import try_uses
from game.engine.words import TOKEN, word_forms, words_of

if TYPE_CHECKING:
    from game.engine.context import VerbContext

EXAMINE = "examine|x|inspect|check|read|study|search|describe|watch"
TAKE = "take|get|grab|collect|carry|steal|pick"
DROP = "drop|discard|abandon"
HANDLE = ("lift|turn|pull|push|press|twist|touch|wave|shake|knock|tap|rub|kick|feel|raise|lower|slide|drag|shift|clear|"
          "rotate|screw|unscrew|fondle|grope|move|nudge|yank|heave")
PREPS = "on|with|at|into|in|onto|against|to|from|under|through"
YOU = "Thin, watchful, grey with the grime of the City, and hungry, like everyone you know."


@verb("look", "look|l", "look+around|l+around", phases=PLAYING, takes_time=False, keeps_conversation=True, group="objects")
def look(ctx: VerbContext, c: Command) -> None:
    """look (l): describe where you are"""
    ctx.emit(ctx.describe(full=True))
    if ctx.state.phase == ENCOUNTER:
        ctx.show_stage()


LOOKING = {"up": "ceiling", "upward": "ceiling", "upwards": "ceiling", "down": "floor", "downward": "floor",
           "downwards": "floor"}
# what every place in the City has, for `x` when the room's prose names none of them
EVERYWHERE: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"ceiling", "ceilings", "roof", "overhead", "above"}),
     "Overhead the dark goes up to the next ceiling, and beyond it, you have always been told, another, and another."),
    (frozenset({"sky", "sun", "stars", "heavens"}),
     "There is no sky. Nobody alive has seen one: above every ceiling is the next."),
    (frozenset({"floor", "ground", "deck", "underfoot"}), "Metal underfoot, scuffed and pitted, as everywhere in the City."),
    (frozenset({"wall", "walls"}), "Steel, poured layer over layer by builders that never stop. None of it was made for you."),
    (frozenset({"dark", "darkness", "shadows", "shadow"}), "The dark goes on further than any lamp reaches."),
    (frozenset({"air"}), "The air tastes of metal and old water."),
)
SELF_PARTS = frozenset({"hands", "hand", "body", "feet", "foot", "arms", "arm", "legs", "face", "clothes", "wrappings"})


def _everywhere(ctx: VerbContext, phrase: str) -> str | None:
    """A word for what every place has (ceiling, floor, sky), or a part of you."""
    words = set(words_of(phrase))
    if words and words <= SELF_PARTS:
        return ctx.world.game.player.strip() or None
    return next((text for names, text in EVERYWHERE if words and words <= names), None)


@verb("examine", f"{EXAMINE} [obj]", "look|l [obj]", "look+at|look+in|look+inside|look+into|l+at|l+in|l+inside|l+into [obj]",
      "what+is|what+are|whats|what's|who+is|who+are|whos|who's [obj]", ("who+am+i", {"obj": "me"}),
      phases=PLAYING, takes_time=False, keeps_conversation=True, group="objects")
def examine(ctx: VerbContext, c: Command) -> None:
    """examine THING (x): look closely at something or someone"""
    room_words = set(TOKEN.findall(ctx.world.rooms[ctx.state.room].name.lower()))
    scope = ctx.scope()
    names_room = bool(c.obj) and set(words_of(c.obj)) <= room_words and ctx.resolve(c.obj, scope) is None
    if c.obj in ("room", "around", "here") or names_room:
        ctx.emit(ctx.describe(full=True))  # the room itself, unless a thing in it has that name
        return
    if not c.obj:
        typed = (ctx.state.last_typed or "").split()
        word = typed[0] if typed and typed[0] in EXAMINE.split("|") and len(typed[0]) > 2 else "examine"
        if word == "search":
            ctx.emit(ev.Narration("You search around you and turn up nothing the room has not already shown you."))
            return
        raise Refused("missing_object", f"What do you want to {word}?")
    if c.obj in ("all", "everything", "things", "it all"):
        raise Refused("refused", "One thing at a time: name what you want to look at.")
    parts = _parts(c.obj.replace(",", " and ").split())
    if len(parts) > 1 and not any(c.obj in t.phrases for t in scope):  # x spear and token: each in turn
        for part in parts:
            examine(ctx, c._replace(obj=part))
        return
    obj = LOOKING.get(c.obj, c.obj)  # look up, look down
    try:
        thing = ctx.find(obj, scope, "examine")
    except Refused as refusal:  # a word the room's own prose names: the sentence that named it
        if refusal.code != "not_here" or obj.startswith("#"):
            raise
        seen = ctx.prose_mention(obj) or _everywhere(ctx, obj)
        if seen is None:
            raise
        ctx.state.last_unknown = None
        ctx.emit(ev.Narration(seen))
        return
    if thing.kind == "item":
        item = ctx.world.items[thing.id]
        look = ctx.look_of(item)
        text = ((look.description if look and look.description else None) or item.description).strip()
        is_open = ctx.state.flags.get(f"open_{thing.id}")
        if item.openable:
            text += " It is open." if is_open else " It is closed."
        how = how_held(item.holds)
        if how and (is_open or not item.openable):
            text += holding(ctx, how, thing.id, "it")
        ctx.emit(ev.Narration(text))
    elif thing.kind == "character":
        ch = ctx.world.characters[thing.id]
        look = ctx.look_of(ch)
        ctx.emit(ev.Narration((look.description if look and look.description else None) or ch.description))
    elif thing.kind == SELF:
        ctx.emit(ev.Narration(ctx.world.game.player.strip() or YOU))
    else:
        feature = ctx.features_here()[thing.id]
        how = how_held(feature.holds)
        holds = holding(ctx, how, f"{ctx.state.room}/{thing.id}", the(thing)) if how else ""
        ctx.emit(ev.Narration(feature.text.strip() + holds))


def holding(ctx: VerbContext, how: str, holder: str, name: str) -> str:
    """' In it you see a token.': what is in or on a holder, as examining it shows."""
    inside = [ctx.item_label(i) for i in ctx.contents(holder)]
    where = f"{how.capitalize()} {name}"
    return f" {where} you see {list_names(inside)}." if inside else f" There is nothing {how} {name}."


ALL = ("all", "everything", "both", "every", "each")
BUT = ("but", "except", "apart", "besides")


def listed(ctx: VerbContext, phrase: str, things: list[Thing], verb: str) -> list[Thing] | None:
    """The things a list names ("A and B", "all", "all but A and B"), or None for one thing.
    With `all`, `things` are the candidates; a name that matches nothing is refused."""
    words = phrase.split()
    if words[:1] and words[0] in ALL:
        rest = words[1:]
        if rest[:1] == ["of"]:
            rest = rest[1:]
        excluded: set[str] = set()
        if rest[:1] and rest[0] in BUT:
            rest = rest[2:] if rest[1:2] == ["for"] else rest[1:]
            excluded = {ctx.find(p, things, verb).id for p in _parts(rest)}
        elif rest:
            return None  # "all the sludge": a name, not a list
        return [t for t in things if t.id not in excluded]
    parts = _parts(words)
    if len(parts) <= 1:
        return _plural(parts[0], things) if parts else None
    return [ctx.find(p, ctx.scope(), verb) for p in parts]


def _plural(phrase: str, things: list[Thing]) -> list[Thing] | None:
    """Every one of `things` a plural names ("take keys": the brass key and the rusty key), or None.

    Only a word no thing is called (so "keys" is not one thing's name) whose singular names
    two or more of them; one match is left to the usual naming.
    """
    words = words_of(phrase)
    if not words:
        return None
    last, rest = words[-1], set(words[:-1])
    if len(last) < 4 or not last.endswith("s") or any(last in t.words for t in things):
        return None
    singular = set(word_forms(last)[1:])
    named = [t for t in things if rest <= t.words and singular & t.words]
    return named if len(named) > 1 else None


def _parts(words: list[str]) -> list[str]:
    parts: list[str] = []
    here: list[str] = []
    for w in words:
        if w == "and":
            if here:
                parts.append(" ".join(here))
            here = []
        else:
            here.append(w)
    if here:
        parts.append(" ".join(here))
    return parts


def each(ctx: VerbContext, things: list[Thing], act: Callable[[Thing], None], code: str, none: str) -> None:
    """Do `act` to each thing, answering each by name ("pail: Taken."); refusals are answers too."""
    if not things:
        raise Refused(code, none)
    for thing in things:
        said = len(ctx.events)
        try:
            act(thing)
        except Refused as refusal:
            ctx.emit(ev.Narration(refusal.message))
        for event in ctx.events[said:]:
            if isinstance(event, ev.Narration):
                event.text = f"{thing.label}: {event.text}"
                break


@verb("take", f"{TAKE} [obj]", f"{TAKE} [obj] up|down", "pick+up [obj]", f"{TAKE}|remove [obj] from|off|outof [obj2]",
      f"{TAKE}|remove [obj] out of [obj2]", "remove|peel|peel+off [obj]", phases=ACTING, group="objects")
def take(ctx: VerbContext, c: Command) -> None:
    """take THING (get), take all, take A and B, take all but A, take all from THING"""
    portable = [ctx.index.items[i] for i in ctx.items_at(ctx.state.room) if ctx.world.items[i].portable]
    source = None
    if c.obj2:  # from a source, which must be here; a container's or shelf's things are the candidates
        source = ctx.find(c.obj2, ctx.scope(), "take things from")
        key = holder_key(source.kind, source.id, ctx.state.room)
        if source.kind in ("item", "feature"):
            portable = [ctx.index.items[i] for i in ctx.contents(key)] or portable
    many = listed(ctx, c.obj, portable, "take") if c.obj else None
    if many is not None:
        each(ctx, many, lambda thing: take_one(ctx, thing), "nothing_here", "There is nothing here you can carry.")
        return
    if source is not None and c.obj:
        _take_from(ctx, c.obj, source, portable)
        return
    reachable = [t for t in ctx.scope() if t.kind == "item" and ctx.state.items.get(t.id) != INVENTORY]
    take_one(ctx, ctx.find(c.obj, reachable or ctx.scope(), "take"))


def _take_from(ctx: VerbContext, phrase: str, source: Thing, there: list[Thing]) -> None:
    """take X from Y takes X only if it is in or on Y (or lying here, for a source that holds
    nothing): the cracked block in your pail is not taken by `take block from belt`."""
    thing = ctx.resolve(phrase, there)
    if thing is None:
        thing = ctx.find(phrase, ctx.scope(), "take")
        if thing.kind == "item" and thing.id != source.id:
            raise Refused("not_there", f"{the(thing, True)} {is_are(thing)} not in or on {the(source)}, "
                                       "so you leave it where it is.")
    take_one(ctx, thing)


def take_one(ctx: VerbContext, thing: Thing) -> None:
    if thing.kind == "character":
        raise Refused("refused", f"{the(thing, True)} would not thank you for trying.")
    if thing.kind == SELF:
        raise Refused("refused", "You have trouble enough carrying the rest of your things.")
    if thing.kind == "feature":
        raise Refused("fixed", f"{the(thing, True)} {is_are(thing)} part of the place: you can't carry {it_them(thing)}.")
    if ctx.state.items.get(thing.id) == INVENTORY:
        raise Refused("refused", f"You already have {the(thing)}.")
    carrying = ctx.world.items[thing.id]
    if not carrying.portable:
        raise Refused("fixed", carrying.fixed_text or f"{the(thing, True)} will not come away.")
    ctx.state.items[thing.id] = INVENTORY
    ctx.emit(ev.ItemTaken(thing.id, carrying.name))
    ctx.emit(ev.Narration("Taken."))
    _after_taking(ctx, thing.id)


def _after_taking(ctx: VerbContext, item: str) -> None:
    key = f"take:{item}"
    if ctx.world.items[item].on_take and key not in ctx.state.fired:
        ctx.state.fired.append(key)
        ctx.run(ctx.world.items[item].on_take)


@verb("drop", f"{DROP} [obj]", f"{DROP} [obj] up|down", "put+down [obj]", "put|set|lay [obj] down",
      "let+go+of|let+go [obj]", "release [obj]", phases=ACTING, group="objects")
def drop(ctx: VerbContext, c: Command) -> None:
    """drop THING, drop all, drop A and B, drop all but A"""
    many = listed(ctx, c.obj, ctx.carried(), "drop") if c.obj else None
    if many is not None:
        each(ctx, many, lambda thing: drop_one(ctx, thing), "nothing_carried", "You are carrying nothing.")
        return
    drop_one(ctx, ctx.find(c.obj, ctx.carried(), "drop"))


def drop_one(ctx: VerbContext, thing: Thing) -> None:
    if ctx.place_of(thing.id) != INVENTORY:
        raise Refused("not_carried", f"You aren't carrying {the(thing)}.")
    ctx.state.items[thing.id] = ctx.state.room
    ctx.emit(ev.ItemDropped(thing.id, ctx.world.items[thing.id].name))
    ctx.emit(ev.Narration("Dropped."))


@verb("inventory", "inventory|i|inv", "inventory|i|inv [_]", "take+inventory|take+inv [_]", phases=PLAYING,
      takes_time=False, keeps_conversation=True,
      group="objects")
def inventory(ctx: VerbContext, c: Command) -> None:
    """inventory (i): what you carry"""
    held = [ctx.item_label(i) for i in ctx.items_at(INVENTORY)]
    ctx.emit(ev.Narration(f"You are carrying {list_names(held)}." if held else "You are carrying nothing.", "system"))


def _opened_by_a_tool(ctx: VerbContext, feature: str) -> bool:
    """Some item in the world has a use on this feature: only then may a refusal hint that
    something carried might open it (a barred door no item opens gets no such nudge).
    Walked only on that refusal, never on a turn's ordinary path."""
    return any(use.on == feature for item in ctx.world.items.values() for use in item.uses)


def _openable(ctx: VerbContext, c: Command, verb: str) -> str:
    thing = ctx.find(c.obj, ctx.scope(), verb)
    if thing.kind == "feature" and verb == "open" and handle_feature(ctx, thing.id):
        return ""  # scenery that opens by hand (a hatch, a box's catches)
    if thing.kind != "item" or not ctx.world.items[thing.id].openable:
        hint = " It does not open by hand; something you carry might." if _opened_by_a_tool(ctx, thing.id) else ""
        raise Refused("no_effect", f"You can't {verb} {the(thing)} like that.{hint}")
    return thing.id


@verb("open", "open|unseal|unwrap|uncover [obj]", phases=ACTING, group="objects")
def open_(ctx: VerbContext, c: Command) -> None:
    """open THING"""
    item = _openable(ctx, c, "open")
    if not item:
        return
    flag = f"open_{item}"
    if ctx.state.flags.get(flag):
        raise Refused("no_effect", "It is already open.")
    ctx.state.flags[flag] = True
    ctx.emit(ev.Narration(ctx.world.items[item].open_text or "Opened."))


@verb("close", "close|shut|seal|cover [obj]", "close+up|shut+up [_]", phases=ACTING, group="objects")
def close(ctx: VerbContext, c: Command) -> None:
    """close THING"""
    item = _openable(ctx, c, "close")
    flag = f"open_{item}"
    if not ctx.state.flags.get(flag):
        raise Refused("no_effect", "It is already closed.")
    ctx.state.flags.pop(flag)
    ctx.emit(ev.Narration(ctx.world.items[item].close_text or "Closed."))


@verb("handle", HANDLE, f"{HANDLE} [obj]", f"{HANDLE} at|to|on|with [obj]", f"{HANDLE} [obj] {PREPS} [obj2]",
      f"{HANDLE} at|to|on|with [obj] {PREPS} [obj2]",
      "put|lay|place|rest hand|hands|palm|palms on|against|to [obj]",
      phases=ACTING, group="objects")
def handle(ctx: VerbContext, c: Command) -> None:
    """lift, turn, pull, push, press, touch... THING: work something with your hands"""
    word = "touch" if c.word in ("put", "lay", "place", "rest") else (c.word or "touch")  # put your hand on it
    if not c.obj:
        if word == "wave":
            ctx.emit(ev.Narration("You wave. Nothing in the City waves back."))
            return
        raise Refused("missing_object", f"What do you want to {word}?")
    thing = ctx.find(c.obj, ctx.scope(), word)
    other = ctx.find(c.obj2, [t for t in ctx.scope() if t != thing], word) if c.obj2 else None
    if thing.kind != SELF and try_uses(ctx, word, thing, other):
        return  # what the world scripts for this verb (knock the catches with the rod)
    if thing.kind == "character":
        raise Refused("refused", f"{ctx.character_label(thing.id, True)} would rather you didn't.")
    if thing.kind == "feature" and handle_feature(ctx, thing.id):
        return
    if thing.kind == SELF:
        raise Refused("no_effect", "You would rather not do that to yourself.")
    raise Refused("no_effect", f"You {word} {the(thing)}, but nothing comes of it.")


def handle_feature(ctx: VerbContext, feature: str) -> bool:
    """Run the feature's first `handle` whose condition holds; False if it has none."""
    for trigger in ctx.features_here()[feature].handle:
        if ctx.holds(trigger.when):
            if trigger.text:
                ctx.emit(ev.Narration(trigger.text))
            ctx.run(trigger.effects)
            return True
    return False
