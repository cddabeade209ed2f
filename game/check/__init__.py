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

from game.check.report import EndingResult, Finding, Rating, Report
from game.world.model import World

SEARCH_SHARE = 0.45  # of the budget, for finding witnesses; the rest explores and analyses
EXPLORE_SHARE = 0.75  # by this share of the budget the exploration stops and the analysis starts
PROBE_SHARE = 0.04  # at most this share of the budget for each probe of a landmark a player might skip


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
    from game.check.probes import probe_landmarks, seek_unreached
    from game.check.relax import Relaxation
    from game.check.search import Explorer

    start = time.monotonic()
    budget = max(0.5, options.budget)
    rx = Relaxation(world)
    explorer = Explorer(world, seed=options.seed, relaxation=rx)
    explorer.run(start + SEARCH_SHARE * budget)
    searched = time.monotonic()
    goals = _goals(world)
    if all(g in explorer.witness for g in explorer.goals):
        seek_unreached(explorer, start + EXPLORE_SHARE * budget, PROBE_SHARE * budget)
        probe_landmarks(explorer, [endings for _, endings in reversed(goals)], start + EXPLORE_SHARE * budget,
                        PROBE_SHARE * budget)
    explorer.run(start + EXPLORE_SHARE * budget, explore=True)
    explored = time.monotonic()
    results, findings = _endings(world, explorer, options, start + budget)
    findings += _crashes(explorer)
    ratings, found = _analyse(world, explorer, start + budget)
    findings += found
    from game.check.content import content_findings, coverage

    findings += content_findings(world, explorer, {r.id for r in results if r.commands is not None})
    phases = {"search": round(searched - start, 2), "explore": round(explored - searched, 2),
              "analyse": round(time.monotonic() - explored, 2)}
    if options.witnesses is not None:
        from game.check.witness import Witness, write_witness

        for result in results:
            if result.commands is not None:
                written = write_witness(options.witnesses, world, Witness(result.id, options.seed, result.commands),
                                        options.mods, options.world_dir)
                result.file = str(written)
    mods = f"; mods: {', '.join(m for m, _ in world.mods)}" if world.mods else ""
    report = Report(world={"rooms": len(world.rooms), "endings": len(world.endings), "mods": mods},
                    endings=results, findings=findings, ratings=ratings)
    if options.coverage:
        report.coverage = coverage(world, options.coverage, options.mods, options.world_dir, start + budget)
    report.stats = {"seconds": round(time.monotonic() - start, 2), "budget": options.budget,
                    "states": len(explorer.nodes), "expanded": explorer.expansions, "commands_tried": explorer.steps,
                    "phases": phases}
    return report


def _endings(world: World, explorer: object, options: Options, deadline: float) -> tuple[list[EndingResult], list[Finding]]:
    """A replayed witness for every ending the search reached (and the clock's, by waiting)."""
    from game.check.search import Explorer
    from game.check.witness import clock_witness, replay

    assert isinstance(explorer, Explorer)
    level, _, _ = explorer.rx.closure(explorer.nodes[0].atoms)
    witnesses = {e: explorer.path(n) for e, n in explorer.witness.items()}
    starve = world.game.clock.starve_ending
    if starve and starve not in witnesses:
        found = clock_witness(world, options.seed, deadline, [])
        if found is not None:
            witnesses[starve] = found
    results: list[EndingResult] = []
    findings: list[Finding] = []
    for eid, ending in world.endings.items():
        result = EndingResult(eid, ending.title, ending.kind)
        commands = witnesses.get(eid)
        if commands is not None:
            reached, why = replay(world, options.seed, commands)
            if reached == eid:
                result.commands = commands
            else:
                findings.append(Finding("note", f"the witness for {eid} did not replay: {why or reached}", problem=False))
        if result.commands is None:
            result.proven_unreachable = level[explorer.rx.endings[eid]] < 0
            how = "no play can reach it" if result.proven_unreachable else "no witness found within the budget"
            findings.append(Finding("no_witness", f"ending {eid}: {how}", detail={"ending": eid}))
        results.append(result)
    return results, findings


def _crashes(explorer: object) -> list[Finding]:
    """What the engine raised during the search (at most five different errors), each with the
    commands that lead to it."""
    from game.check.search import Explorer

    assert isinstance(explorer, Explorer)
    out: list[Finding] = []
    seen: set[str] = set()
    for node_id, command, error in explorer.crashes:
        if error in seen or len(seen) >= 5:
            continue
        seen.add(error)
        path = [*explorer.path(node_id), command]
        state = explorer.nodes[node_id].state
        out.append(Finding("engine_error", f"the engine failed on '{command}' after {len(path) - 1} commands: {error}",
                           room=state.room if state is not None else None, command=command, path=path))
    return out


def _goals(world: World) -> list[tuple[str, frozenset[str]]]:
    """Winning at all (any victory or partial ending) and the best ending (the victories)."""
    victories = frozenset(e for e, end in world.endings.items() if end.kind == "victory")
    wins = frozenset(e for e, end in world.endings.items() if end.kind in ("victory", "partial"))
    return [("winning at all", wins), ("the best ending", victories or wins)]


def _analyse(world: World, explorer: object, deadline: float) -> tuple[list[Rating], list[Finding]]:
    from game.check.analysis import Analysis, Goal, rate
    from game.check.search import Explorer

    assert isinstance(explorer, Explorer)
    goals = [Goal(name, endings) for name, endings in _goals(world) if endings]
    alive = frozenset(e for e in world.endings if e != world.game.clock.starve_ending)
    analysis = Analysis(explorer, goals, alive)
    analysis.run(deadline)
    findings: list[Finding] = []
    for loss in analysis.dead_ends:
        findings.append(Finding(
            "dead_end", f"after '{_one_line(loss.edge.command)}' {_where(loss)}, no ending but the clock's can be reached "
            f"(the player can only wait to starve)", room=loss.to_room or loss.room, command=loss.edge.command,
            path=loss.path, detail={"from_room": loss.room}))
    dead_entries = {(loss.room, loss.edge.command) for loss in analysis.dead_ends}
    ratings: list[Rating] = []
    for goal in goals:
        mine = [loss for loss in analysis.losses if loss.goal == goal.name]
        for loss in mine:
            if loss.kind == "ended" or (loss.room, loss.edge.command) in dead_entries:
                continue  # the player knows at once, or it is reported as a dead end
            declared = loss.kind == "declared"
            what = "declared point of no return" if declared else "point of no return"
            where = _where(loss)
            findings.append(Finding(
                "declared_point_of_no_return" if declared else "point_of_no_return",
                f"{what} for {goal.name} ({', '.join(sorted(goal.endings))}): after '{_one_line(loss.edge.command)}' "
                f"{where}, {'it can no longer be reached' if len(goal.endings) == 1 else 'none of them can be reached any more'}"
                + ("" if declared else ", and the game gave no warning"),
                problem=not declared, room=loss.room, command=loss.edge.command, path=loss.path,
                detail={"goal": goal.name, "encounter": loss.encounter}))
        rating, reasons = rate(mine, analysis.dead_ends)
        ratings.append(Rating(goal.name, sorted(goal.endings), rating, reasons))
    if not analysis.complete:
        findings.append(Finding("note", f"the budget ran out after analysing {analysis.analysed} of "
                                f"{len(explorer.nodes)} states", problem=False))
    return ratings, findings


def _where(loss: object) -> str:
    from game.check.analysis import Loss

    assert isinstance(loss, Loss)
    if loss.encounter is not None:
        return f"in the encounter {loss.encounter[0]} (stage {loss.encounter[1]}, in {loss.room})"
    return f"in {loss.room}" + (f" (into {loss.to_room})" if loss.to_room else "")


def _one_line(command: str) -> str:
    return command.replace("\n", ", then ")
