"""A state as a save holds it, and read back: checked against the world before it replaces anything.

A save holds what can change, sized by the player's progress rather than by the world: where
each item and character is (`State.items`, `State.characters`) is saved as the changes from
where the world itself puts them (`placement`), not as a table of every item in the world.
`compact_places` writes that, `expand_places` reads it back, exactly (entries added or
returned since the start sit at the end, in order, as they do in the game). Saved places
without the `$gone` key are a full table (saves before format 3), read as they are.
"""

from __future__ import annotations

import weakref
from typing import Any

from game.engine.phases import DIALOGUE, ENCOUNTER, PHASES
from game.engine.state import INVENTORY, State
from game.world.model import World

PLACES = ("items", "characters")
GONE, AFTER = "$gone", "$after"  # the marks of places saved as changes (no id starts with $)
_PLACEMENTS: dict[int, tuple[weakref.ref[World], dict[str, dict[str, str]]]] = {}


def placement(world: World) -> dict[str, dict[str, str]]:
    """Where `world` puts each item and character when a game begins (as `Game` places them;
    companions at the world's start), by state field; worked out once per world."""
    found = _PLACEMENTS.get(id(world))
    if found is not None and found[0]() is world:
        return found[1]
    items: dict[str, str] = {}
    characters: dict[str, str] = {}
    placed = getattr(world.rooms, "placed", None)  # a cached world keeps them beside its rooms (no room read)
    if placed is not None:
        items.update(placed["items"])
        characters.update(placed["characters"])
    else:
        for rid, room in world.rooms.items():
            for item in room.items:
                items.setdefault(item, rid)
            for who in room.characters:
                characters.setdefault(who, rid)
    for who in world.game.companions:
        characters[who] = world.game.start
    places = {"items": items, "characters": characters}
    key, shared = id(world), _PLACEMENTS  # the callback may run as the interpreter exits
    _PLACEMENTS[key] = (weakref.ref(world, lambda _ref: shared.pop(key, None)), places)
    return places


def compact_places(live: dict[str, str], base: dict[str, str]) -> dict[str, Any]:
    """`live` (an id -> place table) as its changes from `base`: the entries that moved, as in
    the full table; `$gone`, those no longer anywhere; `$after`, those added or returned
    since, in order (they sit at the end of the table).

    Exact: the table read back has the same entries in the same order; if it would not (an
    order no change of place can make), the whole table is saved instead."""
    changed = dict(live.items() - base.items())  # compared whole, not entry by entry in Python
    after: list[str] = []
    for key in reversed(live):  # what was added since sits at the end: only that much is walked
        if key not in changed:
            break
        after.append(key)
    after.reverse()
    for key in after:
        del changed[key]
    out: dict[str, Any] = {GONE: sorted(base.keys() - live.keys()), AFTER: [[key, live[key]] for key in after],
                           **dict(sorted(changed.items()))}
    if list(expand_places(out, base).items()) != list(live.items()):
        return dict(live)
    return out


def expand_places(saved: Any, base: dict[str, str]) -> Any:
    """The full table from `compact_places` data; anything else (a full table, or damaged
    data the save's checks will name) as it is."""
    if not isinstance(saved, dict) or GONE not in saved:
        return saved
    gone, after = saved[GONE], saved.get(AFTER, [])
    if not isinstance(gone, list) or not isinstance(after, list) or not all(isinstance(p, list) and len(p) == 2
                                                                            for p in after):
        return saved
    out = base.copy()
    out.update((key, place) for key, place in saved.items() if key not in (GONE, AFTER))
    for key in gone:
        if isinstance(key, str):
            out.pop(key, None)
    for key, place in after:
        if isinstance(key, str):
            out.pop(key, None)
            out[key] = place
    return out


def compact_history(states: list[dict[str, Any]], world: World) -> list[dict[str, Any]]:
    """`compact_state` of each state's data, in order; a state whose places are those of the
    one before it (most turns move nothing) shares that one's changes rather than working
    them out again."""
    base = placement(world)
    out = []
    last: dict[str, tuple[dict[str, str], dict[str, Any]]] = {}
    for data in states:
        new = dict(data)
        for name in PLACES:
            live = data.get(name)
            if type(live) is not dict:
                continue
            before = last.get(name)
            if before is not None and before[0] == live and list(before[0]) == list(live):
                new[name] = before[1]
            else:
                new[name] = compact_places(live, base[name])
                last[name] = (live, new[name])
        out.append(new)
    return out


def expanded_state(data: Any, world: World) -> Any:
    """Saved state data with its places read back in full (data of any other shape as it is)."""
    if not isinstance(data, dict) or not any(isinstance(data.get(n), dict) and GONE in data[n] for n in PLACES):
        return data
    base = placement(world)
    return {**data, **{name: expand_places(data.get(name), base[name]) for name in PLACES if name in data}}


def checked_state(world: World, data: Any) -> State:
    """A State from saved data (places full or as changes), or ValueError naming what does not fit this world."""
    data = expanded_state(data, world)
    if not isinstance(data, dict):
        raise ValueError("the saved state is not a mapping")
    try:
        state = State.from_dict(data)
    except TypeError as err:
        raise ValueError(f"the saved state is malformed: {err}") from None
    w = world
    problems = []
    if not isinstance(state.room, str) or state.room not in w.rooms:
        problems.append(f"room {state.room!r}")
    if not isinstance(state.items, dict) or any(i not in w.items or not _a_place(w, loc) for i, loc in state.items.items()):
        problems.append("item places")
    if not isinstance(state.characters, dict) or any(c not in w.characters or r not in w.rooms
                                                     for c, r in state.characters.items()):
        problems.append("character places")
    if not isinstance(state.companions, list) or any(c not in w.characters for c in state.companions):
        problems.append("companions")
    if not isinstance(state.visited, list) or any(r not in w.rooms for r in state.visited):
        problems.append("visited rooms")
    if state.phase not in PHASES:
        problems.append(f"phase {state.phase!r}")
    if state.phase == ENCOUNTER and (state.encounter not in w.encounters
                                     or state.stage not in w.encounters[state.encounter].stages):
        problems.append(f"encounter {state.encounter!r}")
    if state.phase == DIALOGUE and state.dialogue not in w.characters:
        problems.append(f"conversation with {state.dialogue!r}")
    if state.ending is not None and state.ending not in w.endings:
        problems.append(f"ending {state.ending!r}")
    if any(not isinstance(p.room, str) or p.room not in w.rooms or p.kind not in w.pursuers for p in state.pursuers):
        problems.append("pursuers")
    for name in ("seed", "rng", "health", "food", "moves", "time", "alert", "unseen"):
        value = getattr(state, name)
        if not isinstance(value, int) or isinstance(value, bool):
            problems.append(name)
    if not isinstance(state.flags, dict):
        problems.append("flags")
    if problems:
        raise ValueError("these parts do not match this world: " + ", ".join(problems))
    return state


def _a_place(world: World, where: Any) -> bool:
    """A room, the inventory, or in or on an item or a room's feature that holds things."""
    if not isinstance(where, str):
        return False
    if where == INVENTORY or where in world.rooms:
        return True
    if not where.startswith(("in:", "on:")):
        return False
    holder = where[3:]
    if "/" in holder:
        room, _, feature = holder.partition("/")
        return room in world.rooms and feature in world.rooms[room].features
    return holder in world.items
