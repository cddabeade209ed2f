"""Probes for what a player might skip: for each landmark of a goal (an atom every way to it
must make true, in the relaxation), a greedy search toward the goal that never makes the
landmark true. Where skipping it is possible and the goal can then be lost, the probe walks
into the loss, and the analysis names the command.

Only landmarks that can be skipped on the way down are probed: with the landmark banned, the
relaxation must still reach every floor it reaches from the start (a landmark that bars the
way on, like the first door, cannot be passed by and forgotten).
"""

from __future__ import annotations

import time

from game.check.search import Explorer


def probe_landmarks(explorer: Explorer, goals: list[frozenset[str]], deadline: float, per_probe: float) -> int:
    """Probe each goal's skippable landmarks until the deadline; how many probes found a loss."""
    rx = explorer.rx
    root = explorer.nodes[0].atoms
    start, _, _ = rx.closure(root)
    floors = [rx.ids[f"floor:{f}"] for f in explorer.world.floors
              if f"floor:{f}" in rx.ids and start[rx.ids[f"floor:{f}"]] >= 0]
    tried: set[int] = set()
    found = 0
    for endings in goals:
        searchable = frozenset(endings) & frozenset(explorer.goals)
        if not searchable:
            continue
        for atom in rx.landmarks(root, [rx.endings[e] for e in searchable]):
            if time.monotonic() >= deadline:
                return found
            if atom in tried:
                continue
            tried.add(atom)
            without, _, _ = rx.closure(root, banned=(atom,))
            if any(without[f] < 0 for f in floors):
                continue  # it bars the way on: it cannot be passed by
            if explorer.probe(searchable, atom, min(deadline, time.monotonic() + per_probe)) is not None:
                found += 1
    return found


def seek_unreached(explorer: Explorer, deadline: float, per_goal: float) -> int:
    """Search toward each room, then each encounter stage, no kept state has reached yet (if
    the relaxation says it can be reached): coverage for the report, and states there for the
    analysis. How many were found."""
    rx = explorer.rx
    start, _, _ = rx.closure(explorer.nodes[0].atoms)
    states = [node.state for node in explorer.nodes if node.state is not None]
    rooms = {s.room for s in states}
    stages = {f"{s.encounter}:{s.stage}" for s in states if s.encounter}
    wanted = [f"at:{r}" for r in explorer.world.rooms if r not in rooms]
    wanted += [f"stage:{e}:{st}" for e, enc in explorer.world.encounters.items() for st in enc.stages
               if f"{e}:{st}" not in stages]
    found = 0
    for name in wanted:
        atom = rx.ids.get(name)
        if atom is None or start[atom] < 0:
            continue
        if time.monotonic() >= deadline:
            break
        if any(atom in node.atoms for node in explorer.nodes[-200:]):
            continue  # reached on the way to an earlier one
        if explorer.seek(atom, min(deadline, time.monotonic() + per_goal)) is not None:
            found += 1
    return found
