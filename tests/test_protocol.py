"""The command-line contract: plain mode in a pipe, the JSON protocol, determinism across processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CITY = [sys.executable, "-m", "game"]


def run(args: list[str], stdin: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **(env or {})}
    return subprocess.run(CITY + args, input=stdin, capture_output=True, text=True, env=full, timeout=60)


def test_plain_mode_in_a_pipe_has_prompts_and_no_escape_codes() -> None:
    result = run(["play", "--plain", "--seed", "7"], "look\nquit\n")
    assert result.returncode == 0, result.stderr
    assert "\n> " in result.stdout and "\x1b" not in result.stdout


def test_same_seed_same_output_under_any_hash_seed() -> None:
    commands = "look\nn\nexamine zuru\ntake all\ni\nwait\nhint\nquit\n"
    outputs = {run(["play", "--plain", "--seed", "7"], commands, {"PYTHONHASHSEED": str(h)}).stdout for h in (0, 1, 99)}
    assert len(outputs) == 1


def test_json_protocol_opening_then_one_object_per_command() -> None:
    result = run(["play", "--json", "--seed", "7"], "look\nfrabjous\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["turn"] for o in lines] == [0, 1, 2]
    assert lines[0]["input"] is None and lines[1]["input"] == "look"
    for obj in lines:
        assert set(obj) >= {"turn", "input", "text", "events", "state", "commands"}
        assert set(obj["state"]) >= {"phase", "floor", "room", "inventory", "alert", "day", "ending"}
        assert all("type" in e for e in obj["events"])
    assert {"type": "error", "code": "unknown_verb", "message": lines[2]["events"][0]["message"]} == lines[2]["events"][0]


@pytest.mark.parametrize("seed", [1, 2])
def test_json_commands_offered_are_understood_when_sent_back(seed: int) -> None:
    """Walk the bundled world by always sending back the first-but-rotating offered command."""
    proc = subprocess.Popen([*CITY, "play", "--json", "--seed", str(seed)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert proc.stdin and proc.stdout
    obj = json.loads(proc.stdout.readline())
    for turn in range(60):
        offered = [c for c in obj["commands"] if c not in ("quit",)]
        if not offered:
            break
        command = offered[(turn * 7 + seed) % len(offered)]
        proc.stdin.write(command + "\n")
        proc.stdin.flush()
        obj = json.loads(proc.stdout.readline())
        codes = [e["code"] for e in obj["events"] if e["type"] == "error"]
        assert "unknown_verb" not in codes and "not_here" not in codes and "ambiguous" not in codes, (command, obj["text"])
    proc.stdin.close()
    proc.wait(timeout=30)


def test_record_writes_a_playthrough_that_passes(tmp_path) -> None:
    recording = tmp_path / "session.play"
    result = run(["play", "--plain", "--seed", "3", "--record", str(recording)], "take spear\ndown\nx zuru\nsouth\nlie\nquit\n")
    assert result.returncode == 0 and recording.exists()
    text = recording.read_text()
    assert "> take spear" in text and "@has electro_spear" in text and "@room perimeter_gate" in text
    replay = subprocess.run([*CITY, "run", str(recording)], capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    assert replay.returncode == 0, replay.stdout
