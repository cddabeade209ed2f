"""The .play runner: passes what holds, and points a failure at the line of the file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.playthrough import PlayFileError, parse_script, run_files, run_script

MINI = Path(__file__).parent / "worlds" / "mini"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "t.play"
    path.write_text(f"world: {MINI}\nseed: 3\n" + body)
    return path


def test_a_passing_script(tmp_path: Path) -> None:
    path = write(tmp_path, "The Yard\n> take lamp\nTaken.\n@has lamp\n> e\n/the\\s+shed/i\n!Taken\n@room shed\n@alert <= 0\n")
    failure, transcript = run_script(parse_script(path))
    assert failure is None and "> take lamp" in transcript


def test_a_failure_names_the_line_the_expectation_and_the_transcript(tmp_path: Path) -> None:
    path = write(tmp_path, "> take lamp\nTaken.\n> e\n@room cellar\n")
    failure, _ = run_script(parse_script(path))
    assert failure is not None and failure.line == 6
    report = failure.report()
    assert f"{path}:6: room is 'shed'" in report and "> take lamp" in report


def test_city_run_reports_like_a_test_runner(tmp_path: Path) -> None:
    good = write(tmp_path, "> look\nThe Yard\n")
    bad = tmp_path / "bad.play"
    bad.write_text(f"world: {MINI}\n> look\nThe Moon\n")
    out = io.StringIO()
    assert run_files([good, bad], out) == 1
    text = out.getvalue()
    assert f"PASS {good}" in text and f"FAIL {bad}:3:" in text and "1 passed, 1 failed." in text


def test_malformed_state_checks_are_reported_with_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, "> look\n@colour red\n")
    with pytest.raises(PlayFileError) as err:
        parse_script(path)
    assert err.value.line == 4
