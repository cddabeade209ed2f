"""Hardening (issue 12), the front ends and files: bad bytes on stdin, FIFOs and device links,
every way out keeps the game, the terminal given back, recorded playthroughs that replay,
`city run` and the pytest plugin. Items 2, 3, 4, 5, 14, 15 and 16."""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.playthrough import PlayFileError, parse_script, run_files
from game.world.load import check_world

MINI = Path(__file__).parent / "worlds" / "mini"
CITY = [sys.executable, "-m", "game"]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    cache = os.environ.get("CITY_CACHE") or str(tmp_path / "cache")  # shared: the bundled world is built once
    return {**os.environ, "CITY_HOME": str(tmp_path / "home"), "CITY_CACHE": cache, "PYTHONIOENCODING": "utf-8:strict"}


def autosave(env: dict[str, str]) -> dict:
    return json.loads((Path(env["CITY_HOME"]) / "saves" / "autosave.json").read_text(encoding="utf-8"))


def read_until(proc: subprocess.Popen[bytes], marker: bytes, timeout: float = 60) -> bytes:
    """Read the child's stdout until `marker` appears (or fail after `timeout` seconds)."""
    assert proc.stdout is not None
    seen = b""
    end = time.monotonic() + timeout
    while marker not in seen:
        left = end - time.monotonic()
        assert left > 0, f"timed out waiting for {marker!r}; got {seen[-500:]!r}"
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            assert chunk, f"the game ended early: {seen[-500:]!r}"
            seen += chunk
    return seen


# -- 2: bytes that are not UTF-8 ----------------------------------------------------------------

def test_an_invalid_byte_on_stdin_never_stops_plain_mode(env: dict[str, str]) -> None:
    result = subprocess.run([*CITY, "play", "--plain"], input=b"take spear\nlook \xff\xfe here\nn\n", capture_output=True,
                            timeout=120, env=env)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    out = result.stdout.decode("utf-8")
    assert out.count("\n> ") == 4 and "You can't go north" in out  # every command, the bad one too, answered
    assert autosave(env)["state"]["items"]["electro_spear"] == "@inventory"


@pytest.mark.parametrize("locale", ["C", "C.UTF-8", "POSIX"])
def test_json_lines_are_strict_utf8_whatever_comes_in(env: dict[str, str], locale: str) -> None:
    env = {**env, "LC_ALL": locale, "LANG": locale}
    env.pop("PYTHONIOENCODING")
    result = subprocess.run([*CITY, "play", "--json"], input=b"take spear\nx \xff\xc3(\xed\xa0\x80\n\xe5\x90\x8d\n",
                            capture_output=True, timeout=120, env=env)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line in lines:
        json.loads(line.decode("utf-8", "strict"))  # strict UTF-8, one JSON object a line
    assert json.loads(lines[3].decode())["input"] == "名"


# -- 3: FIFOs and device links -------------------------------------------------------------------

def a_mod(tmp_path: Path) -> Path:
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "mod.yaml").write_text("id: probe\nname: Probe\nversion: 1.0\n")
    return mod


@pytest.mark.parametrize("how", ["fifo", "zero", "fifo_link_inside"])
def test_a_fifo_or_a_device_link_in_a_mod_is_refused_without_hanging(tmp_path: Path, env: dict[str, str],
                                                                     how: str) -> None:
    mod = a_mod(tmp_path)
    if how == "fifo":
        os.mkfifo(mod / "rooms.yaml")
    elif how == "zero":
        os.symlink("/dev/zero", mod / "rooms.yaml")
    else:
        os.mkfifo(mod / "pipe")
        os.symlink(mod / "pipe", mod / "rooms.yaml")
    for command in (["validate", "--mod", str(mod)], ["play", "--plain", "--mod", str(mod)]):
        result = subprocess.run([*CITY, *command], input="look\n", capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        said = result.stdout + result.stderr
        assert "rooms.yaml" in said and ("named pipe" in said or "links outside" in said or "device" in said), said


def test_the_loader_reads_a_fifo_as_a_problem_in_process(tmp_path: Path) -> None:
    mod = a_mod(tmp_path)
    os.mkfifo(mod / "rooms.yaml")

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("the loader blocked opening a FIFO")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    try:
        world, problems = check_world([mod], world_dir=MINI)  # would block here if it opened the FIFO
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert world is None and any("named pipe" in p.message for p in problems)


def test_a_fifo_or_a_link_in_saves_never_hangs_the_game(env: dict[str, str]) -> None:
    saves = Path(env["CITY_HOME"]) / "saves"
    saves.mkdir(parents=True)
    os.mkfifo(saves / "fifo.json")
    os.symlink("/dev/zero", saves / "zero.json")
    result = subprocess.run([*CITY, "play", "--plain"], input="saves\nload fifo\nload zero\n", capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert "fifo: cannot be loaded" in result.stdout and "zero: cannot be loaded" in result.stdout
    assert result.stdout.count("Not loaded") == 2
    result = subprocess.run([*CITY, "play", "--plain", "--load", "fifo"], input="", capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 1 and "named pipe" in result.stderr


def test_a_fifo_or_a_device_play_file_is_an_error_not_a_hang(tmp_path: Path, env: dict[str, str]) -> None:
    good = tmp_path / "good.play"
    good.write_text("> look\n")
    os.mkfifo(tmp_path / "fifo.play")
    os.symlink("/dev/zero", tmp_path / "zero.play")
    result = subprocess.run([*CITY, "run", str(tmp_path / "fifo.play"), str(tmp_path / "zero.play"), str(good)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "named pipe" in result.stdout and "link" in result.stdout and "PASS" in result.stdout


# -- 4: every way out keeps the game -------------------------------------------------------------

def started(env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([*CITY, "play", *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    return proc


def send(proc: subprocess.Popen[bytes], line: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(line.encode() + b"\n")
    proc.stdin.flush()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("mode", ["--plain", "--json"])
def test_a_signal_saves_the_moves_made(env: dict[str, str], signum: int, mode: str) -> None:
    proc = started(env, mode)
    marker = b"\n> " if mode == "--plain" else b"\n"
    read_until(proc, marker)
    send(proc, "take spear")
    read_until(proc, b"Taken")
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum and b"Traceback" not in err, err
    assert autosave(env)["state"]["items"]["electro_spear"] == "@inventory"
    assert b"saved as 'autosave'" in err


@pytest.mark.parametrize("mode", ["--plain", "--json"])
def test_a_closed_output_pipe_saves_the_moves_made(env: dict[str, str], mode: str) -> None:
    proc = started(env, mode)
    read_until(proc, b"\n> " if mode == "--plain" else b"\n")
    send(proc, "take spear")
    read_until(proc, b"Taken")
    assert proc.stdout is not None
    proc.stdout.close()  # the reader went away
    for _ in range(50):
        try:
            send(proc, "look")
        except BrokenPipeError:  # it has gone, as it should
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and b"Traceback" not in err and b"Exception ignored" not in err, err
    assert autosave(env)["state"]["items"]["electro_spear"] == "@inventory"


def test_json_saves_at_the_end_of_input(env: dict[str, str]) -> None:
    result = subprocess.run([*CITY, "play", "--json"], input="take spear\n", capture_output=True, text=True, timeout=60,
                            env=env)
    assert result.returncode == 0
    assert autosave(env)["state"]["items"]["electro_spear"] == "@inventory"


def test_leaving_without_a_move_keeps_the_earlier_autosave(env: dict[str, str]) -> None:
    subprocess.run([*CITY, "play", "--plain"], input="take spear\n", capture_output=True, text=True, timeout=60, env=env)
    earlier = autosave(env)
    subprocess.run([*CITY, "play", "--plain"], input="look\nhelp\n", capture_output=True, text=True, timeout=60, env=env)
    assert autosave(env)["state"] == earlier["state"]  # a start and a look are nothing to keep


def test_a_signal_during_a_command_waits_for_it_to_finish() -> None:
    from game.plain import run_plain
    from game.session import Session
    from game.world.load import load_world

    session = Session(load_world(world_dir=MINI, use_cache=False), seed=1, home=None)
    opening = session.opening()
    real_step = session.game.step

    def step_with_a_signal(text: str) -> list:
        os.kill(os.getpid(), signal.SIGTERM)  # arrives in the middle of the command
        return real_step(text)

    saved: list[str] = []
    session.game.step = step_with_a_signal  # type: ignore[method-assign]
    session.autosave = lambda: saved.append(session.game.state.items["lamp"]) or None  # type: ignore[assignment,func-returns-value]
    out = io.StringIO()
    status = run_plain(session, io.StringIO("take lamp\nlook\n"), out, opening)
    assert status == 128 + signal.SIGTERM
    assert "Taken." in out.getvalue() and out.getvalue().count("\n> ") == 1  # the command ran whole, then the game left
    assert saved == ["@inventory"]


# -- 5: the app gives the terminal back ----------------------------------------------------------

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_to_the_app_restores_the_terminal_and_saves(env: dict[str, str], signum: int) -> None:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    before = termios.tcgetattr(slave)
    proc = subprocess.Popen([*CITY, "play"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                            env={**env, "TERM": "xterm-256color"}, close_fds=True)
    try:
        seen = b""
        end = time.monotonic() + 60
        while b"Hunters" not in seen and time.monotonic() < end:
            if select.select([master], [], [], 1)[0]:
                seen += os.read(master, 65536)
        assert b"Hunters" in seen, seen[-300:]
        raw = termios.tcgetattr(slave)
        assert not raw[3] & termios.ECHO  # the app has the terminal raw
        os.write(master, b"take spear\r")
        end = time.monotonic() + 30
        while b"Taken" not in seen and time.monotonic() < end:
            if select.select([master], [], [], 1)[0]:
                seen += os.read(master, 65536)
        assert b"Taken" in seen
        proc.send_signal(signum)
        end = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < end:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        proc.wait(timeout=30)
        after = termios.tcgetattr(slave)
        assert after[3] & termios.ECHO and after[3] & termios.ICANON, "the terminal was left raw"
        assert after[3] == before[3]
        assert autosave(env)["state"]["items"]["electro_spear"] == "@inventory"
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
        os.close(slave)


# -- 14: a line without end -----------------------------------------------------------------------

def test_a_huge_line_is_read_in_bounded_memory_and_the_next_line_still_runs() -> None:
    from game.plain import LINE_LIMIT, read_line

    stream = io.StringIO("x" * (LINE_LIMIT * 5) + "\nlook\n")
    first = read_line(stream)
    assert first is not None and len(first) == LINE_LIMIT
    assert read_line(stream) == "look"
    assert read_line(stream) is None


def test_plain_mode_says_a_long_line_was_cut(env: dict[str, str]) -> None:
    result = subprocess.run([*CITY, "play", "--plain"], input="take spear " + "x" * 200_000 + "\nlook\n",
                            capture_output=True, text=True, timeout=60, env=env)
    assert "only the first 500 were read" in result.stdout and result.stdout.count("\n> ") == 3


# -- 15: a recording replays --------------------------------------------------------------------

def test_a_recording_with_control_characters_and_escapes_passes_when_run(tmp_path: Path, env: dict[str, str]) -> None:
    record = tmp_path / "rec.play"
    typed = ["take\x0bspear", "\x1b[A", "look\u2028around", "x\x00y", "\x85", "i\x1c", "\u200bn", "  look\t",
             "save my.game", "drop spear\x1b[B", "load my.game", "inventory\x7f", "take spear\x0c"]
    result = subprocess.run([*CITY, "play", "--plain", "--record", str(record)], input="\n".join(typed) + "\n",
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    text = record.read_text(encoding="utf-8")
    assert all(line.isprintable() for line in text.splitlines())
    assert text.count("\n> ") == len([t for t in typed if "".join(c for c in t if c.isprintable()).strip()])
    replay = subprocess.run([*CITY, "run", str(record)], capture_output=True, text=True, timeout=60, env=env)
    assert replay.returncode == 0, replay.stdout


# -- 16: city run and the pytest plugin ---------------------------------------------------------

def test_a_huge_seed_is_an_error_for_that_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.play"
    bad.write_text("seed: " + "9" * 5000 + "\n> look\n")
    good = tmp_path / "good.play"
    good.write_text("world: " + str(MINI) + "\n> look\nA walled yard.\n")
    out = io.StringIO()
    assert run_files([bad, good], out) == 1
    report = out.getvalue()
    assert "ERROR" in report and "at most 19 digits" in report and "PASS" in report and "1 passed, 1 failed" in report


@pytest.mark.parametrize("line", ["Seed: 7", "SEED: 7", "seed = 7", "seed 7", "sed: 7", "Mod: x", "wrld: ../w", "Title: x"])
def test_a_header_written_another_way_is_an_error_not_an_expectation(tmp_path: Path, line: str) -> None:
    path = tmp_path / "h.play"
    path.write_text(f"{line}\n> look\n")
    with pytest.raises(PlayFileError, match=r"looks like the header|unknown header"):
        parse_script(path)


def test_opening_text_with_a_colon_is_still_an_expectation(tmp_path: Path) -> None:
    path = tmp_path / "o.play"
    path.write_text("Exits: north, east.\nYou see: a lamp\n> look\n")
    assert [e.text for e in parse_script(path).steps[0].expectations] == ["Exits: north, east.", "You see: a lamp"]


def test_a_crash_inside_one_playthrough_does_not_stop_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import game.playthrough as runner

    first, second = tmp_path / "a.play", tmp_path / "b.play"
    for path in (first, second):
        path.write_text(f"world: {MINI}\n> look\n")
    real = runner.run_script
    calls = iter([RuntimeError("boom"), None])

    def flaky(script: object, home: object = None) -> object:
        problem = next(calls)
        if problem is not None:
            raise problem
        return real(script)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "run_script", flaky)
    out = io.StringIO()
    assert run_files([first, second], out) == 1
    assert "ERROR" in out.getvalue() and "boom" in out.getvalue() and "PASS" in out.getvalue()


def project(tmp_path: Path, ini: str) -> Path:
    root = tmp_path / "other"
    (root / "tests").mkdir(parents=True)
    (root / "docs").mkdir()
    for folder in ("tests", "docs", "."):
        (root / folder / "walk.play").write_text(f"world: {MINI}\n> look\nA walled yard.\n")
    (root / "pytest.ini").write_text(f"[pytest]\n{ini}\n")
    return root


def collected(root: Path, *args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
                            cwd=root, capture_output=True, text=True, timeout=120)
    return sorted(line.split("::")[0] for line in result.stdout.splitlines() if ".play" in line)


def test_the_plugin_leaves_other_projects_play_files_alone(tmp_path: Path) -> None:
    assert collected(project(tmp_path, "")) == []


def test_the_plugin_collects_under_testpaths_or_the_setting_or_a_named_file(tmp_path: Path) -> None:
    assert collected(project(tmp_path / "a", "testpaths = tests")) == ["tests/walk.play"]
    assert collected(project(tmp_path / "b", "city_playthroughs = docs")) == ["docs/walk.play"]
    assert collected(project(tmp_path / "c", ""), "walk.play") == ["walk.play"]
