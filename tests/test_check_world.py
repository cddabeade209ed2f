"""The bundled world passes `city check`: every ending has a witness that replays as a
playthrough, no dead end, no undeclared point of no return, polite to win at all and tough
for the true ending. One check of the whole world, shared by the tests here (about 40 s)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from game.check import Options, check
from game.check.report import Report
from game.playthrough import run_files
from game.world.load import load_world

BUDGET = 40.0


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    folder = tmp_path_factory.mktemp("witnesses")
    return check(load_world(), Options(budget=BUDGET, witnesses=folder)), folder


def test_the_bundled_world_passes(checked: tuple[Report, Path]) -> None:
    report, _ = checked
    assert report.ok, report.to_text()
    assert not [f for f in report.findings if f.kind in ("dead_end", "point_of_no_return", "no_witness")]
    ratings = {r.goal: r.rating for r in report.ratings}
    assert ratings == {"winning at all": "polite", "the best ending": "tough"}, report.to_text()
    assert report.stats["seconds"] <= BUDGET + 5


def test_every_ending_has_a_witness_that_city_run_passes(checked: tuple[Report, Path]) -> None:
    report, folder = checked
    world = load_world()
    assert {e.id for e in report.endings if e.commands} == set(world.endings)
    out = io.StringIO()
    assert run_files([folder], out) == 0, out.getvalue()
    assert f"{len(world.endings)} passed" in out.getvalue()


def test_the_declared_points_of_no_return_are_the_ones_the_world_warns_about(checked: tuple[Report, Path]) -> None:
    report, _ = checked
    declared = {(f.room, (f.command or "").split("\n")[0]) for f in report.findings if f.kind == "declared_point_of_no_return"}
    assert ("dominion_lift", "down") in declared  # the cage down from the Hollow Dominion
    assert declared <= {("dominion_lift", "down"), ("winding_house", "give")}


def test_the_relaxation_is_sound_on_the_bundled_world() -> None:
    """Every transition a short search sees stays inside the relaxed closure of the state before."""
    import time

    from game.check.search import Explorer

    explorer = Explorer(load_world())
    explorer.run(time.monotonic() + 4.0, explore=True)
    rx = explorer.rx
    closures: dict[int, Any] = {}
    for edge in explorer.edges:
        if edge.parent not in closures:
            closures[edge.parent] = rx.closure(explorer.nodes[edge.parent].atoms)[0]
        level = closures[edge.parent]
        missing = [rx.names[a] for a in explorer.nodes[edge.child].atoms if level[a] < 0]
        assert not missing, f"{edge.command!r}: {missing}"
