"""A state read back from a save, checked against the world before it replaces anything."""

from __future__ import annotations

from typing import Any

from game.engine.phases import DIALOGUE, ENCOUNTER, PHASES
from game.engine.state import INVENTORY, State
from game.world.model import World


def checked_state(world: World, data: Any) -> State:
    """A State from saved data, or ValueError naming what does not fit this world."""
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
