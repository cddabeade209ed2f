"""The JSON-lines protocol for agents: versioned objects that satisfy the published schema,
score and hash in each, snapshots by name, heard topics left out, and --no-autosave."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.protocol import VERSION, schema

ROOT = Path(__file__).resolve().parent.parent
CITY = [sys.executable, "-m", "game", "play", "--json"]


def _run(lines: list[str], *args: str, home: Path | None = None) -> list[dict]:
    env = {**os.environ, **({"CITY_HOME": str(home)} if home else {})}
    done = subprocess.run([*CITY, *args], input="\n".join(lines) + "\n", capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_the_published_schema_is_the_protocols() -> None:
    published = json.loads((ROOT / "docs" / "protocol.schema.json").read_text(encoding="utf-8"))
    assert published == schema(), "docs/protocol.schema.json is stale: python -m game.protocol > docs/protocol.schema.json"


def test_every_object_satisfies_the_schema(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    objects = _run(["look", "xyzzy", "take spear", "/snapshot a", "down", "/snapshots", "/valid", "/restore a",
                    "/restore nothing", "/snapshot", "talk to zuru", "ask about elders", "bye", "score", "sleep", "no"],
                   "--seed", "3", "--no-autosave", home=tmp_path)
    validator = jsonschema.Draft202012Validator(schema())
    for obj in objects:
        errors = sorted(validator.iter_errors(obj), key=str)
        assert not errors, (obj["input"], [e.message for e in errors])
        assert obj["version"] == VERSION
    assert [o["turn"] for o in objects] == list(range(len(objects)))
    by_input = {o["input"]: o for o in objects}
    assert by_input["/restore nothing"]["events"][0]["code"] == "no_snapshot"
    assert by_input["/snapshot"]["events"][0]["code"] == "missing_name"
    assert "south" in by_input["/valid"]["valid"] and "look" not in by_input["/valid"]["valid"]
    assert by_input["/snapshots"]["events"][0]["names"] == ["a"]


def test_state_score_and_hash(tmp_path: Path) -> None:
    from game.env import CityEnv

    commands = ["take spear", "down", "northwest", "use spear on frame", "talk to zuru"]
    objects = _run(commands, "--seed", "5", "--no-autosave", home=tmp_path)
    last = objects[-1]
    assert last["score"] == 3 and last["max_score"] == 100 and not last["won"] and not last["lost"]
    assert last["state"]["flags"]["spear_charged"] is True
    assert last["state"]["journal"] and last["state"]["dialogue"] == "zuru" and last["state"]["ending_kind"] is None
    env = CityEnv(seed=5)
    env.reset()
    for command in commands:
        env.step(command)
    assert last["hash"] == env.world_state_hash(), "the pipe and the library name states alike"
    assert objects[0]["hash"] != last["hash"]


def test_restore_then_the_same_commands_give_the_same_objects(tmp_path: Path) -> None:
    after = ["south", "argue", "defy", "south", "wait", "undo", "south"]
    objects = _run(["take spear", "down", "/snapshot here", *after, "/restore here", *after], "--seed", "2",
                   "--no-autosave", home=tmp_path)
    first = objects[4:4 + len(after)]
    second = objects[5 + len(after):]
    keys = ("text", "events", "state", "commands", "score", "hash")
    assert [{k: o[k] for k in keys} for o in first] == [{k: o[k] for k in keys} for o in second]
    assert objects[4 + len(after)]["state"]["room"] == "village_commons"


def test_heard_topics_leave_the_commands(tmp_path: Path) -> None:
    objects = _run(["talk to zuru", "ask about elders"], "--seed", "1", "--no-autosave", home=tmp_path)
    assert "ask about elders" in objects[1]["commands"]
    assert "ask about elders" not in objects[2]["commands"]
    assert "ask about food" in objects[2]["commands"]


def test_no_autosave_writes_nothing(tmp_path: Path) -> None:
    _run(["take spear", *["wait"] * 25, "quit", "yes"], "--seed", "1", "--no-autosave", home=tmp_path)
    assert not list(tmp_path.rglob("*.json")) and not [p for p in tmp_path.rglob("*") if p.is_file()]
    _run(["take spear", *["wait"] * 25, "quit", "yes"], "--seed", "1", home=tmp_path)
    assert [p for p in tmp_path.rglob("*") if p.is_file()], "without the option the game still autosaves"
