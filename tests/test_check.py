"""`city check`: witnesses that replay, exit codes, the report's formats and its budget.

The worlds are small ones of our own (tests/worlds/check_base, and mods beside it that
plant traps), so the search is exhaustive and each test takes a fraction of a second.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.playthrough import run_files
from game.world.load import load_world

WORLDS = Path(__file__).parent / "worlds"
BASE = WORLDS / "check_base"


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--world", str(BASE), "--budget", "20", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_base_world_passes_and_every_witness_replays(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = check(capsys, "--witnesses", str(tmp_path / "w"))
    assert code == 0, out
    assert "4 of 4 reached" in out
    files = sorted(p.name for p in (tmp_path / "w").glob("*.play"))
    assert files == ["died.play", "escaped.play", "starved.play", "won.play"]
    assert "@ending won" in (tmp_path / "w" / "won.play").read_text()
    runner = io.StringIO()
    assert run_files([tmp_path / "w"], runner) == 0, runner.getvalue()


def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ok"] is True and data["problems"] == 0
    endings = {e["id"]: e for e in data["endings"]}
    assert set(endings) == {"won", "escaped", "died", "starved"}
    assert endings["won"]["commands"][-1] == "open"
    assert data["stats"]["seconds"] <= 20


@pytest.mark.parametrize("args", [
    ["--budget", "0"],
    ["--budget", "soon"],
    ["--coverage", "no/such/file.play"],
    ["--mod", "no/such/mod"],
    ["--frobnicate"],
    ["--format", "xml"],
])
def test_bad_usage_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    try:
        code = main(["check", "--world", str(BASE), *args])
    except SystemExit as exited:  # argparse's own refusals
        code = exited.code  # type: ignore[assignment]
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_world_that_does_not_load_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "world.yaml").write_text("game: {title: x, start: nowhere}\n")
    assert main(["check", "--world", str(tmp_path)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_the_budget_is_honoured(capsys: pytest.CaptureFixture[str]) -> None:
    import time

    began = time.monotonic()
    code = main(["check", "--budget", "3", "--format", "json"])
    took = time.monotonic() - began
    data = json.loads(capsys.readouterr().out)
    assert took < 3 + 2.5  # loading the world comes on top of the budget
    assert data["stats"]["seconds"] <= 3.5
    assert code in (0, 1)


# --- traps planted by mods: each must fail the check and name the room and command -----------

def check_json(capsys: pytest.CaptureFixture[str], *mods: str) -> tuple[int, dict[str, Any]]:
    args = [a for m in mods for a in ("--mod", str(WORLDS / m))]
    code = main(["check", "--world", str(BASE), "--budget", "20", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def kinds(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in data["findings"] if f["kind"] == kind]


def ratings(data: dict[str, Any]) -> dict[str, str]:
    return {r["goal"]: r["rating"] for r in data["ratings"]}


def test_the_base_world_declares_its_one_point_of_no_return(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = check_json(capsys)
    assert code == 0
    declared = kinds(data, "declared_point_of_no_return")
    assert [(f["room"], f["command"]) for f in declared] == [("shaft_top", "down\nyes")]
    assert not kinds(data, "point_of_no_return") and not kinds(data, "dead_end")
    assert ratings(data) == {"winning at all": "polite", "the best ending": "tough"}


def test_a_sealed_room_is_a_dead_end(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = check_json(capsys, "check_sealed")
    assert code == 1
    dead = kinds(data, "dead_end")
    assert [(f["detail"]["from_room"], f["command"], f["room"]) for f in dead] == [("ridge", "down", "pit")]
    assert dead[0]["path"] == ["north", "down"]
    assert ratings(data)["winning at all"] == "cruel"


def test_destroying_what_the_true_ending_needs_is_an_undeclared_point_of_no_return(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, data = check_json(capsys, "check_destroy")
    assert code == 1
    lost = kinds(data, "point_of_no_return")
    assert [(f["room"], f["command"]) for f in lost] == [("camp", "use brass key on fire")]
    assert "Traceback" not in json.dumps(data)
    assert ratings(data) == {"winning at all": "polite", "the best ending": "cruel"}


def test_a_one_way_exit_without_its_warning_is_undeclared(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = check_json(capsys, "check_unwarned")
    assert code == 1
    assert [(f["room"], f["command"]) for f in kinds(data, "point_of_no_return")] == [("shaft_top", "down")]


def test_the_text_report_names_the_trap(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--world", str(BASE), "--mod", str(WORLDS / "check_sealed"), "--budget", "20"])
    out = capsys.readouterr().out
    assert code == 1
    assert "after 'down' in ridge (into pit), no ending but the clock's can be reached" in out
    assert out.rstrip().endswith("FAILED: 1 problem.")


# --- the relaxation: sound (never claims a loss that play can undo) and complete in vocabulary ----

def test_the_relaxation_knows_every_condition_and_effect() -> None:
    """A new word in the vocabulary must be taught to the relaxation (else it raises), so the
    check never silently ignores a way the game can change."""
    from game.check.compile import _Compiler
    from game.check.conditions import _literal
    from game.check.relax import Relaxation
    from game.world.vocabulary import CONDITIONS, EFFECTS

    world = load_world()
    compiler = _Compiler(Relaxation(world))
    sample = {"item": "electro_spear", "room": "hunters_loft", "character": "zuru", "pursuer": next(iter(world.pursuers)),
              "encounter": next(iter(world.encounters)), "ending": next(iter(world.endings)), "int": 1, "text": "x",
              "name": "f", "flagset": "f", "counter": {"f": 1}, "all": "all",
              "milestone": next(iter(getattr(world, "milestones", {}) or {"m": 0}))}
    for name, kind in EFFECTS.items():
        arg = {k: sample[v] for k, v in kind.items()} if isinstance(kind, dict) else sample[kind]
        compiler.effects([{name: arg}])  # raises ValueError for an effect it does not know
    for name in set(CONDITIONS) - {"not", "all", "any"}:
        arg = {"x": 1} if name in ("at_least", "at_most") else "x"
        _literal(name, arg, True), _literal(name, arg, False)  # raises KeyError for one it does not know


@pytest.mark.parametrize("mods", [[], ["check_sealed"], ["check_destroy"]])
def test_every_transition_the_search_saw_stays_inside_the_relaxed_closure(mods: list[str]) -> None:
    explorer = _explored(load_world([WORLDS / m for m in mods], world_dir=BASE, use_cache=False), 2.0)
    _assert_sound(explorer)


def _explored(world: Any, seconds: float) -> Any:
    import time

    from game.check.search import Explorer

    explorer = Explorer(world)
    explorer.run(time.monotonic() + seconds, explore=True)
    return explorer


def _assert_sound(explorer: Any) -> None:
    rx = explorer.rx
    for edge in explorer.edges:
        parent, child = explorer.nodes[edge.parent], explorer.nodes[edge.child]
        level, _, _ = rx.closure(parent.atoms)
        missing = [rx.names[a] for a in child.atoms if level[a] < 0]
        assert not missing, f"after {edge.command!r} in {parent.state.room}: {missing} were thought impossible"


# --- unreachable content and coverage ------------------------------------------------------

def test_unreachable_content_and_conditions_that_never_hold(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = check_json(capsys, "check_unreachable")
    assert code == 0  # unreachable content is reported, but is not a failure
    proven = {f["detail"]["kind"]: f["detail"]["ids"] for f in kinds(data, "unreachable")}
    assert proven == {"rooms": ["loft"], "exits": ["camp.up", "loft.down"]}
    never = [f["detail"]["where"] for f in kinds(data, "never_holds")]
    assert never == ["rooms.camp.exits.up.when"]


def test_coverage_of_playthroughs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    play = tmp_path / "walk.play"
    play.write_text(f"world: {BASE}\n\n> north\n> west\n> take key\n")
    other = tmp_path / "other.play"
    other.write_text("> look\n")  # the bundled world: not the one checked, so skipped
    code, out, _ = check(capsys, "--coverage", str(play), str(other), "--format", "json")
    cov = json.loads(out)["coverage"]
    assert code == 0 and cov["files"] == 1 and len(cov["skipped"]) == 1
    assert cov["kinds"]["rooms"] == {"total": 6, "missed": ["shaft_top", "shaft_bottom", "vault"]}
    assert cov["kinds"]["endings"]["missed"] == ["won", "escaped", "died", "starved"]
    code, out, _ = check(capsys, "--coverage", str(play))
    assert "rooms               3 of 6    ( 50.0%)" in out


def test_an_engine_error_is_reported_with_the_way_to_it_not_as_a_traceback(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from game.engine.game import Game

    step = Game.step

    def broken(self: Game, text: str) -> Any:
        if text == "wait":
            raise RuntimeError("the clock stopped")
        return step(self, text)

    monkeypatch.setattr(Game, "step", broken)
    code, data = check_json(capsys)
    assert code == 1
    errors = kinds(data, "engine_error")
    assert errors and errors[0]["command"] == "wait" and "RuntimeError: the clock stopped" in errors[0]["message"]
    assert errors[0]["path"] == ["wait"]
