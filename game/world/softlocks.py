"""Soft-locks `validate` can see without playing: places a player enters and cannot leave.

An encounter stage nothing leads to (dead text), a stage with no options (the player is
held in it for ever), and a room with no exits that nothing moves the player out of or
ends the game in. The deeper cases (every option's condition false at once) are for
`city check`, which plays the world.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.world.model import World
from game.world.problems import Problem
from game.world.sources import Entry
from game.world.vocabulary import leaves, rules_in


def soft_locks(world: World, entries: dict[str, dict[str, Entry]], checked: set[tuple[str, str]]) -> Iterator[Problem]:
    """Problems for the soft-locks of entries in `checked` (those that validated as written)."""
    for eid, enc in world.encounters.items():
        if ("encounters", eid) not in checked:
            continue
        entry = entries["encounters"][eid]
        led_to: set[str | None] = {enc.start}
        for stage in enc.stages.values():
            for option in stage.options:
                led_to |= {option.next} | {o.next for o in option.outcomes}
        for sid, stage in enc.stages.items():
            if sid not in led_to and enc.start in enc.stages:  # a misspelt start: that one problem is enough
                yield Problem(entry.at(("stages", sid), key=True),
                              f"stage '{sid}' of encounter '{eid}' is never reached: it is not the start and no option "
                              "or outcome has next: it. Lead an option to it, or remove it.", "error", "stage-unreached")
            if not stage.options:
                yield Problem(entry.at(("stages", sid, "options")),
                              f"stage '{sid}' of encounter '{eid}' has no options, so a player who reaches it can never "
                              "leave; give it at least one (an option with no next: and no ending: ends the encounter).",
                              "error", "no-options")
    shut = [rid for rid, room in world.rooms.items() if not room.exits and ("rooms", rid) in checked]
    ways_out = _rooms_left_by_effect(world) if shut else set()  # the scan of every rule only when it can matter
    for rid in shut:
        if rid not in ways_out:
            yield Problem(entries["rooms"][rid].origin,
                          f"room '{rid}' has no way out: no exits, and no effect moves the player on or ends the game "
                          "there. Add an exit, or an on_enter with a move: or ending: effect.", "warning", "no-way-out")


def _rooms_left_by_effect(world: World) -> set[str]:
    """Rooms some effect can take the player out of: its own move/ending/encounter effects,
    or any rule whose condition says `in:` that room."""
    found: set[str] = set()
    leaving = ("move", "ending", "encounter")
    for rid, room in world.rooms.items():
        for kind, rule, path in rules_in(room):
            if kind == "effects" and any(name in leaving for name, _arg, _p in leaves(rule, path)):
                found.add(rid)
    for kind in ("rooms", "items", "characters", "encounters", "triggers", "game"):
        things: Any = [world.game] if kind == "game" else getattr(world, kind).values()
        for thing in things:
            for rkind, rule, path in rules_in(thing):
                if rkind == "condition":
                    found |= {arg for name, arg, _p in leaves(rule, path) if name == "in" and isinstance(arg, str)}
    return found
