"""`city check`: witnesses that replay, exit codes, the report's formats and its budget.

The worlds are small ones of our own (tests/worlds/check_base, and mods beside it that
plant traps), so the search is exhaustive and each test takes a fraction of a second.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from game.cli import main
from game.playthrough import run_files

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
    with pytest.raises(SystemExit) as exited:
        code = main(["check", "--world", str(BASE), *args])
        raise SystemExit(code)
    assert exited.value.code == 2
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
