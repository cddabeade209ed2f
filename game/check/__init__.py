"""`city check`: prove the world winnable, and name every point of no return.

The world is data, so the game can search its own states. The pieces:

- `relax.py`, `compile.py`: the world as a relaxed planning problem (nothing is ever lost),
  which guides the search and proves, soundly, what can no longer be reached;
- `search.py`: greedy best-first search over real engine snapshots toward every ending;
- `witness.py`: each ending's command sequence replayed from the start, written as .play;
- `analysis.py`: dead ends, points of no return and the cruelty ratings;
- `content.py`: unreachable content and the coverage of playthroughs;
- `report.py`: the findings as text or JSON.

`check(world, options)` runs it all within `options.budget` seconds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from game.check.report import EndingResult, Finding, Report
from game.world.model import World

SEARCH_SHARE = 0.45  # of the budget, for finding witnesses; the rest explores and analyses
EXPLORE_SHARE = 0.75  # by this share of the budget the exploration stops and the analysis starts


@dataclass
class Options:
    budget: float = 60.0
    seed: int = 0
    witnesses: Path | None = None
    coverage: list[Path] = field(default_factory=list)
    mods: list[Path] = field(default_factory=list)
    world_dir: Path | None = None


def check(world: World, options: Options) -> Report:
    """Search the world's states; everything `city check` reports."""
    from game.check.relax import Relaxation
    from game.check.search import Explorer
    from game.check.witness import Witness, clock_witness, replay, write_witness

    start = time.monotonic()
    budget = max(0.5, options.budget)
    rx = Relaxation(world)
    explorer = Explorer(world, seed=options.seed, relaxation=rx)
    explorer.run(start + SEARCH_SHARE * budget)
    level, _ = explorer.evaluate(explorer.nodes[0])
    results: list[EndingResult] = []
    findings: list[Finding] = []
    witnesses: dict[str, list[str]] = {e: explorer.path(n) for e, n in explorer.witness.items()}
    starve = world.game.clock.starve_ending
    if starve and starve not in witnesses:
        found = clock_witness(world, options.seed, start + budget, [])
        if found is not None:
            witnesses[starve] = found
    for eid, ending in world.endings.items():
        result = EndingResult(eid, ending.title, ending.kind)
        commands = witnesses.get(eid)
        if commands is not None:
            reached, why = replay(world, options.seed, commands)
            if reached == eid:
                result.commands = commands
            else:
                findings.append(Finding("note", f"the witness for {eid} did not replay: {why or reached}"))
        if result.commands is None:
            result.proven_unreachable = level[rx.endings[eid]] < 0
            how = "no play can reach it" if result.proven_unreachable else "no witness found within the budget"
            findings.append(Finding("no_witness", f"ending {eid}: {how}", detail={"ending": eid}))
        results.append(result)
    if options.witnesses is not None:
        for result in results:
            if result.commands is not None:
                path = write_witness(options.witnesses, world, Witness(result.id, options.seed, result.commands),
                                     options.mods, options.world_dir)
                result.file = str(path)
    mods = f"; mods: {', '.join(m for m, _ in world.mods)}" if world.mods else ""
    report = Report(
        world={"rooms": len(world.rooms), "endings": len(world.endings), "mods": mods},
        endings=results, findings=findings)
    report.stats = {"seconds": round(time.monotonic() - start, 2), "budget": options.budget,
                    "states": len(explorer.nodes), "expanded": explorer.expansions, "commands_tried": explorer.steps}
    return report
