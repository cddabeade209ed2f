"""First-match lists: the order `priority:` gives them, and entries that can never be chosen.

The engine takes the first hint, room or item variant, reply or topic whose condition
holds, in the order of the list. A mod's entry comes after the base world's, so without
a way to say otherwise a base entry that holds everywhere would shadow it silently.
`priority:` (default 0; higher is tried first, equal keeps load order) is applied here,
once, at load time, so the engine needs no change; then every entry that an earlier one
always beats (the earlier one holds whenever it does) draws a warning.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from game.world.listpatch import _items, _put
from game.world.model import World
from game.world.problems import Problem
from game.world.sources import Entry

# kind -> the first-match list fields of its entries
FIELDS = {"rooms": ("variants",), "items": ("variants",), "characters": ("talk", "topics", "variants")}
NOUNS = {"variants": "variant", "talk": "reply", "topics": "topic"}


def order_by_priority(entry: Entry) -> None:
    """Sort the entry's first-match lists by priority (stable), moving their positions along."""
    for name in FIELDS.get(entry.kind, ()):
        value = entry.data.get(name)
        if not isinstance(value, list) or len(value) < 2:
            continue
        ranks = [_rank(v) for v in value]
        if any(r is None for r in ranks) or ranks == sorted(ranks, reverse=True):  # type: ignore[type-var]
            continue  # a bad priority is reported by validation; already in order needs nothing
        items = _items(entry, (name,))
        order = sorted(range(len(items)), key=lambda i: -(ranks[i] or 0))
        _put(entry, (name,), [items[i] for i in order])


def order_hints(hints: dict[str, Any]) -> dict[str, Any]:
    """The hints by priority, higher first, equal in load order."""
    order = sorted(range(len(hints)), key=lambda i: -list(hints.values())[i].priority)
    keys = list(hints)
    return {keys[i]: hints[keys[i]] for i in order}


def _rank(value: Any) -> int | None:
    if not isinstance(value, dict):
        return 0
    rank = value.get("priority", 0)
    return rank if isinstance(rank, int) and not isinstance(rank, bool) else None


def _leaf(cond: Any) -> str:
    return json.dumps(cond, sort_keys=True, default=str)


def conjuncts(cond: Any) -> frozenset[str] | None:
    """The parts a condition requires all of (None when it is not a plain conjunction)."""
    if cond is None:
        return frozenset()
    if isinstance(cond, (list, tuple)):
        parts: set[str] = set()
        for c in cond:
            sub = conjuncts(c)
            if sub is None:
                return None
            parts |= sub
        return frozenset(parts)
    if isinstance(cond, dict) and len(cond) == 1:
        (name, arg), = cond.items()
        if name == "all" and isinstance(arg, (list, tuple)):
            return conjuncts(arg)
        return frozenset({_leaf(cond)})
    return None


def facts(cond: Any, floors: dict[str, str]) -> frozenset[str] | None:
    """What is sure to be true while `cond` holds: its parts, and what they imply (being in a
    room means being on its floor and having visited it). None: not a plain conjunction."""
    parts = conjuncts(cond)
    if parts is None:
        return None
    more = set(parts)
    for part in parts:
        leaf = json.loads(part)
        room = leaf.get("in") if isinstance(leaf, dict) else None
        if isinstance(room, str):
            more.add(_leaf({"visited": room}))
            if room in floors:
                more.add(_leaf({"on_floor": floors[room]}))
    return frozenset(more)


Shape = tuple[str, Any]  # ("leaf", json) | ("all", [Shape]) | ("any", [Shape]) | ("opaque", None)


def shape(cond: Any) -> Shape:
    """A condition compiled once for `holds_whenever`."""
    if cond is None:
        return ("all", [])
    if isinstance(cond, (list, tuple)):
        return ("all", [shape(c) for c in cond])
    if isinstance(cond, dict) and len(cond) == 1:
        (name, arg), = cond.items()
        if name in ("all", "any") and isinstance(arg, (list, tuple)):
            return (name, [shape(c) for c in arg])
        return ("leaf", _leaf(cond))
    return ("opaque", None)


def holds_whenever(earlier: Shape, later: frozenset[str] | None) -> bool:
    """Whether a condition of shape `earlier` surely holds whenever one with `facts` later does."""
    if later is None:
        return False
    kind, inner = earlier
    if kind == "leaf":
        return bool(inner in later)
    if kind == "all":
        return all(holds_whenever(part, later) for part in inner)
    if kind == "any":
        return any(holds_whenever(part, later) for part in inner)
    return False


def never_chosen(world: World, entries: dict[str, dict[str, Entry]]) -> Iterator[Problem]:
    """A warning for each first-match entry an earlier one always beats."""
    floors = {rid: room.floor for rid, room in world.rooms.items()}
    hints = [(hid, shape(h.when), facts(h.when, floors)) for hid, h in world.hints.items() if h.tiers]
    for j, (hid, _shape, later) in enumerate(hints):
        beaten_by = next((earlier for earlier, form, _f in hints[:j] if holds_whenever(form, later)), None)
        if beaten_by is not None:
            yield _warn(entries["hints"][hid], (), f"hint '{hid}'", f"hint '{beaten_by}'", entries["hints"][beaten_by].origin)
    for kind, names in FIELDS.items():
        for ident, obj in getattr(world, kind).items():
            entry = entries[kind][ident]
            for name in names:
                elements = getattr(obj, name)
                if len(elements) > 1:
                    yield from _in_list(entry, name, elements, f"{kind[:-1]} '{ident}'", floors)


def _in_list(entry: Entry, name: str, elements: tuple[Any, ...], owner: str, floors: dict[str, str]) -> Iterator[Problem]:
    noun = NOUNS[name]
    forms = [shape(e.when) for e in elements]
    known = [facts(e.when, floors) for e in elements]
    for j, element in enumerate(elements):
        if name == "topics":  # asked by word: beaten when each of its words goes to an earlier topic first
            winners = [next((i for i, e in enumerate(elements[:j]) if w in e.about and holds_whenever(forms[i], known[j])),
                            None) for w in element.about]
            beaten_by = winners[0] if winners and all(i is not None for i in winners) else None
        else:
            beaten_by = next((i for i in range(j) if holds_whenever(forms[i], known[j])), None)
        if beaten_by is not None:
            yield _warn(entry, (name, j), f"{noun} {j + 1} of {owner}'s {name}", f"{noun} {beaten_by + 1}",
                        entry.at((name, beaten_by)))


def _warn(entry: Entry, path: tuple[Any, ...], what: str, by: str, where: Any) -> Problem:
    return Problem(entry.at(path) if path else entry.origin,
                   f"{what} can never be chosen: {by} (at {where}) is tried first and holds whenever it does; "
                   "give this one a higher priority:, or narrow the other's when:.", "warning", "never-chosen")
