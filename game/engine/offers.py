"""The commands that make sense now: for the JSON protocol, Tab completion and agents.

Every command offered here is one the parser understands (a test sends each back). The list
is TextWorld's "admissible commands": every exit, every visible thing's verbs (scenery worked
by hand, fixed things that can be used), every person's topics, every encounter option. Which
of them change anything is for `game.env` to find out by trying them.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine.phases import DIALOGUE, ENCOUNTER, ENDED
from game.engine.scope import SELF, Ambiguous, Thing, match
from game.engine.state import INVENTORY

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from game.engine.events import Event
    from game.engine.game import Game
    from game.engine.state import State
    from game.engine.turn import Turn
    from game.world.model import Feature, Topic, World

# Words for working scenery by hand, in the order they are preferred: the first that the
# feature's own text uses ("You lift it...") is offered, else "push".
HAND_WORDS = ("lift", "turn", "pull", "push", "twist", "press", "raise", "lower", "slide")
_HAND = re.compile(r"\b(" + "|".join(HAND_WORDS) + r")\b")

_PHRASES: dict[tuple[int, str, str, tuple[tuple[str, str], ...]], str] = {}  # (world, kind, id, scope) -> phrase


def _phrase(thing: Thing, scope: list[Thing], world: object, names: tuple[tuple[str, str], ...] | None = None) -> str:
    """The thing's own name if that names it alone in `scope`, else the shortest phrase that does.
    (`names`: the scope's (kind, id) pairs, when the caller has them already.)"""
    key = (id(world), thing.kind, thing.id, names if names is not None else tuple((t.kind, t.id) for t in scope))
    found = _PHRASES.get(key)
    if found is not None:
        return found
    found = f"#{thing.kind}:{thing.id}"
    by_length = sorted(thing.phrases, key=lambda p: (len(p.split()), len(p)))
    for phrase in [thing.label.lower(), *by_length]:
        try:
            if match(phrase, scope) == thing:
                found = phrase
                break
        except Ambiguous:
            continue
    if len(_PHRASES) > 20_000:  # scopes repeat: a bounded memo of the answers
        _PHRASES.clear()
    _PHRASES[key] = found
    return found


def topic_key(who: str, topic: Topic) -> str:
    """How a heard topic is named: `zuru:killy`."""
    return f"{who}:{topic.about[0]}"


def heard_in(world: World, events: Iterable[Event]) -> set[str]:
    """The topics whose answers these events hold (as `topic_key`s): what the player has heard."""
    index = _answers(world)
    return {index[text] for e in events if getattr(e, "style", None) == "speech"
            and (text := getattr(e, "text", None)) in index}


_ANSWERS: dict[int, tuple[World, dict[str, str]]] = {}


def _answers(world: World) -> dict[str, str]:
    cached = _ANSWERS.get(id(world))
    if cached is None or cached[0] is not world:
        index = {t.text: topic_key(who, t) for who, ch in world.characters.items() for t in ch.topics}
        cached = _ANSWERS[id(world)] = (world, index)
    return cached[1]


def offers(game: Game, heard: Collection[str] = ()) -> list[str]:
    """Commands worth trying now, in a stable order. Topics named in `heard` (`topic_key`s)
    are left out: asking again only passes time."""
    s = game.turn.state
    if s.pending is not None and "confirm" in s.pending:
        return ["yes", "no"]  # the game has asked before a step that cannot be taken back
    if s.phase == ENDED:
        return ["undo"] if game.undo_stack else []
    # Most turns change nothing these commands depend on (looking, asking, waiting): the answer
    # for an equal state is the one given last time. Equal: every field of the state but the
    # clock inside a day and bookkeeping no condition reads.
    day, topics_heard = game.day, frozenset(heard)
    last = _LAST.get(game)
    if last is not None and last[1] == day and last[2] == topics_heard and same_state(last[0], s):
        return list(last[3])
    rng = s.rng
    try:
        found = _offers(game, heard)
    finally:
        s.rng = rng  # a `chance` in a condition read here is not a draw of the game's
    _LAST[game] = (s.copy(), day, topics_heard, found)
    return list(found)


_UNREAD = frozenset({"moves", "time", "unseen", "last_command", "last_unknown", "last_failed", "last_typed", "it",
                     "hint_tiers", "verbose"})
_LAST: weakref.WeakKeyDictionary[Game, tuple[State, int, frozenset[str], list[str]]] = weakref.WeakKeyDictionary()


def same_state(a: State, b: State) -> bool:
    """Whether two states agree on everything a condition can read (all but the clock inside
    a day, which the caller compares as the day, and bookkeeping)."""
    da, db = a.__dict__, b.__dict__
    return da.keys() == db.keys() and all(da[k] == db[k] for k in da if k not in _UNREAD)


def _offers(game: Game, heard: Collection[str]) -> list[str]:
    t = game.turn
    s = t.state
    if s.phase == ENCOUNTER:
        return [o.key for o in t.options()] + ["look", "inventory"]
    topics: dict[str, list[Topic]] = {}

    def topics_of(who: str) -> list[Topic]:
        if who not in topics:
            topics[who] = [tp for tp in _topics(t, who) if topic_key(who, tp) not in heard]
        return topics[who]

    out: list[str] = []
    if s.phase == DIALOGUE and s.dialogue:
        out += [f"ask about {tp.about[0]}" for tp in topics_of(s.dialogue)] + ["bye"]
    for direction, ex in t.visible_exits().items():
        if t.holds(ex.when):
            out.append(direction)
    out += ["look", "inventory", "wait", "listen"]
    room = game.world.rooms[s.room]
    if room.cover and not s.hidden:
        out.append("hide")
    if room.safe:
        out.append("sleep")
    scope = t.scope()
    names = tuple((thing.kind, thing.id) for thing in scope)
    features = t.features_here()
    for thing in scope:
        if thing.kind == SELF:
            continue  # always there, and never the way forward
        name = _phrase(thing, scope, game.world, names)
        if name.startswith("#"):
            continue
        out.append(f"examine {name}")
        if thing.kind == "item":
            out += _item_commands(game, t, thing, name, scope, names)
        elif thing.kind == "feature":
            word = _hand_word(t, features.get(thing.id))
            if word:
                out.append(f"{word} {name}")
        elif thing.kind == "character":
            ch = game.world.characters[thing.id]
            if ch.talk or ch.topics:
                out.append(f"talk to {name}")
            for topic in topics_of(thing.id):
                out.append(f"ask {name} about {topic.about[0]}")
    return list(dict.fromkeys(out))


def _item_commands(game: Game, t: Turn, thing: Thing, name: str, scope: list[Thing],
                   names: tuple[tuple[str, str], ...]) -> list[str]:
    """Take or drop, open or close, use (alone or on what is here), give: what this item allows."""
    s = t.state
    item = game.world.items[thing.id]
    carried = s.items.get(thing.id) == INVENTORY
    out = []
    if carried:
        out.append(f"drop {name}")
    elif item.portable:
        out.append(f"take {name}")
    if item.openable:
        out.append(f"close {name}" if s.flags.get(f"open_{thing.id}") else f"open {name}")
    if carried or not item.portable:  # what you carry, and what is fixed here (a log, a trough)
        others = [o for o in scope if o.id != thing.id]
        for use in item.uses:
            if not t.holds(use.when):
                continue
            if use.on is None:
                out.append(f"use {name}")
            else:
                target = next((o for o in others if o.id == use.on), None)
                if target is not None:
                    out.append(f"use {name} on {_phrase(target, others, game.world)}")
    if carried:
        for who in t.people_here():
            if thing.id in game.world.characters[who].gifts:
                out.append(f"give {name} to {_phrase(t.index.characters[who], scope, game.world, names)}")
    return out


def _hand_word(t: Turn, f: Feature | None) -> str | None:
    """The word to offer for working a feature by hand, if its `handle` has an answer now."""
    if f is None:
        return None
    for trigger in f.handle:
        if t.holds(trigger.when):
            found = _HAND.search((trigger.text or "").lower())
            return found.group(1) if found else "push"
    return None


# -- the topics on offer, remembered by what their conditions read ---------------------------
#
# A person's topics are asked about on every turn they are near; their conditions read a few
# flags, the room, what is carried, who is here. So the answer is kept under exactly what those
# conditions read (`_reads`), and worked out again only when that changes. A condition this
# table does not know (or `chance`) means that person's topics are worked out every time.

_KEYS: dict[str, Callable[[Turn, set[Any]], Any]] = {
    "flag": lambda t, names: tuple(t.state.flags.get(n) for n in sorted(names)),
    "at_least": lambda t, names: tuple(t.state.flags.get(n) for n in sorted(names)),
    "at_most": lambda t, names: tuple(t.state.flags.get(n) for n in sorted(names)),
    "in": lambda t, _: t.state.room,
    "on_floor": lambda t, _: t.state.room,
    "visited": lambda t, rooms: tuple(r in t.state.visited for r in sorted(rooms)),
    # what is carried may be inside something carried, which may be open or shut: all of it
    "has": lambda t, _: (tuple(t.state.items.items()), tuple(t.state.flags.items())),
    "here": lambda t, _: (t.state.room, tuple(t.state.items.items()), tuple(t.state.flags.items())),
    "with": lambda t, _: (t.state.room, tuple(t.state.companions), tuple(t.state.characters.items())),
    "alert_at_least": lambda t, _: t.state.alert,
    "alert_at_most": lambda t, _: t.state.alert,
    "day_at_least": lambda t, _: t.day,
    "food_at_most": lambda t, _: t.state.food,
    "health_at_most": lambda t, _: t.state.health,
}
_READS: dict[tuple[int, str], tuple[Any, dict[str, set[Any]] | None]] = {}  # (world, who) -> what the topics read
_TOPICS: dict[tuple[int, str, Any], list[Topic]] = {}


def _reads(world: World, who: str) -> dict[str, set[Any]] | None:
    """What the conditions of `who`'s topics read, by condition name; None if not known."""
    cached = _READS.get((id(world), who))
    if cached is not None and cached[0] is world:
        return cached[1]
    reads: dict[str, set[Any]] | None = {}

    def walk(cond: Any) -> None:
        nonlocal reads
        if cond is None or reads is None:
            return
        if isinstance(cond, list):
            for c in cond:
                walk(c)
            return
        (name, arg), = cond.items()
        if name == "not":
            walk(arg)
        elif name in ("all", "any"):
            for c in arg:
                walk(c)
        elif name in _KEYS:
            reads.setdefault(name, set()).update(arg if isinstance(arg, dict) else [str(arg)])
        else:
            reads = None

    for topic in world.characters[who].topics:
        walk(topic.when)
    _READS[(id(world), who)] = (world, reads)
    return reads


def _topics(t: Turn, who: str) -> list[Topic]:
    """`t.topics(who)`, remembered under what its conditions read."""
    reads = _reads(t.world, who)
    if reads is None:
        return t.topics(who)
    key = (id(t.world), who, tuple(_KEYS[name](t, args) for name, args in sorted(reads.items())))
    found = _TOPICS.get(key)
    if found is None:
        if len(_TOPICS) > 50_000:
            _TOPICS.clear()
        found = _TOPICS[key] = t.topics(who)
    return found
