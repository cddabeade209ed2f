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


# --- refusals: a command the game refuses fails its step unless the step says @error ---

def test_an_unexpected_refusal_fails_at_the_step_with_the_refusals_message(tmp_path: Path) -> None:
    path = write(tmp_path, "> take lamp\nTaken.\n> take moon\n> look\n")
    failure, _ = run_script(parse_script(path))
    assert failure is not None and failure.line == 5
    report = failure.report()
    assert f"{path}:5: the command was refused (not_here: You see no moon here.)" in report
    assert "add @error not_here" in report and "> take moon" in report


def test_a_refusal_fails_even_when_its_text_is_expected(tmp_path: Path) -> None:
    path = write(tmp_path, "> take moon\nYou see no moon here.\n")
    failure, _ = run_script(parse_script(path))
    assert failure is not None and failure.line == 3 and "not_here" in failure.problem


@pytest.mark.parametrize("check", ["@error", "@error not_here"])
def test_an_expected_refusal_passes(tmp_path: Path, check: str) -> None:
    path = write(tmp_path, f"> take moon\n{check}\nYou see no moon here.\n> take lamp\nTaken.\n")
    failure, _ = run_script(parse_script(path))
    assert failure is None


def test_error_code_fails_on_another_code(tmp_path: Path) -> None:
    path = write(tmp_path, "> frabjous\n@error not_here\n")
    failure, _ = run_script(parse_script(path))
    assert failure is not None and failure.line == 4
    assert "refused with another code (unknown_verb: I don't know the word 'frabjous'." in failure.problem


@pytest.mark.parametrize("check", ["@error", "@error not_here"])
def test_error_fails_when_nothing_was_refused(tmp_path: Path, check: str) -> None:
    path = write(tmp_path, f"> take lamp\n{check}\n")
    failure, _ = run_script(parse_script(path))
    assert failure is not None and failure.line == 4 and failure.problem == "the command was not refused"


@pytest.mark.parametrize("body, line, words", [
    ("titel: typo\n> look\n", 3, "unknown header 'titel:'"),
    ("> look\nseed: 4\n", 4, "header 'seed:' after the first command"),
    ("@error\n> look\n", 3, "the opening is never a refusal"),
    ("> look\n@error not_here cant_go\n", 4, "write @error, or @error CODE"),
])
def test_misplaced_and_unknown_header_lines_are_errors(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = write(tmp_path, body)
    with pytest.raises(PlayFileError) as err:
        parse_script(path)
    assert err.value.line == line and words in str(err.value) and f"{path}:{line}:" in str(err.value)


def test_text_with_a_colon_is_still_an_expectation(tmp_path: Path) -> None:
    script = parse_script(write(tmp_path, "Exits: east.\n> look\nlamp: Taken.\n/title: x/\n"))
    assert [e.text for s in script.steps for e in s.expectations] == ["Exits: east.", "lamp: Taken.", "/title: x/"]


def test_a_recording_marks_refused_commands_so_it_passes_when_run(tmp_path: Path) -> None:
    from game.playthrough import Recorder, load_script_world
    from game.session import Session

    path = tmp_path / "rec.play"
    recorder = Recorder(path, seed=3, mods=[], start=None)
    session = Session(load_script_world(parse_script(path, "")), seed=3, home=tmp_path, recorder=recorder)
    session.opening()
    for command in ("take moon", "take spear", "frabjous"):
        session.send(command)
    recorder.write()
    text = path.read_text()
    assert "> take moon\n@error not_here\n" in text and "> frabjous\n@error unknown_verb\n" in text
    assert "> take spear\n@error" not in text
    failure, _ = run_script(parse_script(path))
    assert failure is None, failure.report()
