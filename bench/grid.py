"""A floor of side x side rooms built in memory (no YAML): for counting and timing pursuit.

`bench/run.py pursuit` times hunters on it and `tests/test_scale.py` counts their work on
it; both want the same grid, so it is built here once.
"""

from __future__ import annotations

from game.world.model import (
    AlertRules,
    Clock,
    Encounter,
    Ending,
    Exit,
    Floor,
    GameSettings,
    Option,
    Pursuer,
    Room,
    Stage,
    Watchtower,
    World,
)

STEPS = {"west": (-1, 0), "east": (1, 0), "north": (0, -1), "south": (0, 1)}


def grid_world(side: int, towers: tuple[str, ...] = (), *, cover: str | None = None, patience: int = 6,
               count: int = 2) -> World:
    """Rooms `r{x}_{y}` joined to their neighbours; a Watchtower `t{i}` in each room of
    `towers`, watching that room and releasing up to `count` hunters of `patience`."""
    rooms = {}
    for y in range(side):
        for x in range(side):
            exits = {direction: Exit(f"r{x + dx}_{y + dy}") for direction, (dx, dy) in STEPS.items()
                     if 0 <= x + dx < side and 0 <= y + dy < side}
            rooms[f"r{x}_{y}"] = Room("f", f"Room {x},{y}", "A room.", exits=exits, cover=cover)  # type: ignore[arg-type]
    return World(
        game=GameSettings("grid", "r0_0", clock=Clock(turns_per_day=10**9), alert=AlertRules(decay_every=10**6)),
        floors={"f": Floor("F")}, rooms=rooms, items={}, characters={},
        encounters={"caught": Encounter("Caught", "a", {"a": Stage("Caught.", (Option("ok", "OK"),))})},
        endings={"end": Ending("End", "The end.")}, pursuers={"hunter": Pursuer("hunters", "caught", patience=patience)},
        watchtowers={f"t{i}": Watchtower(f"tower {i}", (room,), "hunter", room, count=count) for i, room in enumerate(towers)},
        triggers={}, hints={})
