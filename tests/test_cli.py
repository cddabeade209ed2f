"""`city`: exit 0 ok, 1 a domain error (bad world, failed playthrough), 2 bad usage (one line)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

MINI = Path(__file__).parent / "worlds" / "mini" / "world.yaml"
PROBLEM_LINE = re.compile(r"^\S+:\d+:\d+: \S")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the cwd, a private world cache, and a copy of the mini world at ./world."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CITY_CACHE", str(tmp_path / "cache"))
    (tmp_path / "world").mkdir()
    shutil.copy(MINI, tmp_path / "world" / "world.yaml")
    return tmp_path


def city(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed `city` command (or `python -m game` when it is not beside python)."""
    script = Path(sys.executable).with_name("city")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "game"]
    env = {**os.environ, "CITY_CACHE": str(cwd / "cache")}
    return subprocess.run(command + list(args), cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


# --- bad usage: exit 2, one line on stderr ------------------------------------------------

def test_seed_that_is_not_a_number_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["play", "--seed", "x"])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "--seed" in err and "'x'" in err


def test_unknown_command_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["nosuch"])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert "nosuch" in err


# --- validate ---------------------------------------------------------------------------------

def test_validate_with_a_broken_mod_exits_1_listing_file_line_col(here: Path) -> None:
    broken = here / "mod_broken"
    broken.mkdir()
    (broken / "mod.yaml").write_text("id: mod_broken\nname: Broken\nversion: '1'\n")
    (broken / "rooms.yaml").write_text("rooms:\n  cellar:\n    name: The: Cellar\n")
    result = city("validate", "--mod", "mod_broken", cwd=here)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("mod_broken/rooms.yaml:3:14: YAML syntax error: mapping values are not allowed")
               for line in lines), result.stdout
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1])
    assert re.fullmatch(r"\d+ errors?\.", lines[-1])


# --- run FILE.play ----------------------------------------------------------------------------

def test_run_returns_0_when_every_playthrough_passes(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "walk.play").write_text("world: world\n@room yard\n\n> east\nThe Shed\n@room shed\n"
                                    "> down\n@error blocked\nA hatch in the floor is locked.\n")
    assert main(["run", "walk.play"]) == 0
    assert "PASS walk.play (2 commands)" in capsys.readouterr().out


def test_run_returns_1_and_names_the_failing_line(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "wrong.play").write_text("world: world\n> east\n@room cellar\n")
    assert main(["run", "wrong.play"]) == 1
    out = capsys.readouterr().out
    assert "FAIL wrong.play:3: room is 'shed'" in out
    assert "0 passed, 1 failed." in out


def test_run_returns_1_when_the_world_does_not_load(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world = here / "world" / "world.yaml"
    world.write_text(world.read_text().replace("  health: 2", "  health: lots"))
    (here / "any.play").write_text("world: world\n> look\n")
    assert main(["run", "any.play"]) == 1
    assert "health should be a whole number, not 'lots'" in capsys.readouterr().out


def test_run_returns_1_for_a_malformed_play_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "bad.play").write_text("world: world\n> look\n@colour red\n")
    assert main(["run", "bad.play"]) == 1
    assert "ERROR bad.play:3: unknown state check '@colour red'" in capsys.readouterr().out
