"""Saves: written atomically in CITY_HOME, loaded back exactly, refused with a reason when wrong,
and never touched (nor the running game) by a refusal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import saves
from game.engine.game import VOLATILE
from game.session import AUTOSAVE_EVERY, Session
from game.textview import render


@pytest.fixture
def session(mini_world, tmp_path: Path) -> Session:
    s = Session(mini_world, seed=4, home=tmp_path)
    s.opening()
    return s


def lasting(state: dict) -> dict:
    return {k: v for k, v in state.items() if k not in VOLATILE}


def save_file(tmp_path: Path, name: str) -> Path:
    return tmp_path / "saves" / f"{name}.json"


def test_save_and_load_restore_the_exact_state(session: Session, tmp_path: Path) -> None:
    session.send("take lamp. e")
    assert "Saved as 'slot1'." in render(session.send("save slot1"))
    saved = session.game.state.to_dict()
    session.send("w. drop lamp. n")
    assert "Loaded 'slot1'." in render(session.send("load slot1"))
    assert session.game.state.to_dict() == saved
    data = json.loads(save_file(tmp_path, "slot1").read_text())
    assert data["format"] == saves.FORMAT and data["seed"] == 4 and data["commands"][:2] == ["take lamp. e", "save slot1"]


def test_undo_history_survives_save_and_load(session: Session) -> None:
    session.send("take lamp")
    session.send("e")
    session.send("save two")
    session.send("w")
    session.send("load two")
    session.send("undo 2")
    assert session.game.state.room == "yard" and session.game.state.items["lamp"] == "yard"


@pytest.mark.parametrize("name", ["../escape", "a/b", "x" * 60, ".hidden", "CON:"])
def test_save_names_never_leave_the_folder(session: Session, name: str, tmp_path: Path) -> None:
    out = render(session.send(f"save {name}"))
    assert "Not saved" in out or "Saved as" in out
    for path in tmp_path.rglob("*"):
        assert path.resolve().is_relative_to(tmp_path.resolve())


def refused(session: Session, name: str, expected: str) -> None:
    """Loading `name` is refused with `expected` in the message; file and game unchanged."""
    path = session.home / "saves" / f"{name}.json"  # type: ignore[operator]
    before_file = path.read_bytes() if path.exists() else None
    before = lasting(session.game.state.to_dict())
    out = render(session.send(f"load {name}"))
    assert "Not loaded" in out and expected in out, out
    assert (path.read_bytes() if path.exists() else None) == before_file
    assert lasting(session.game.state.to_dict()) == before


def rewrite(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def test_a_truncated_save_is_refused(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    path = save_file(tmp_path, "good")
    path.write_bytes(path.read_bytes()[:40])
    refused(session, "good", "damaged or not a save")


def test_garbage_bytes_are_refused(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    save_file(tmp_path, "good").write_bytes(b"\xff\xfe\x00garbage")
    refused(session, "good", "damaged or not a save")


def test_a_json_file_that_is_not_a_save_is_refused(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    save_file(tmp_path, "good").write_text('{"hello": "world"}')
    refused(session, "good", "not a save of THE CITY")


def test_a_future_format_is_refused(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    rewrite(save_file(tmp_path, "good"), format=saves.FORMAT + 1)
    refused(session, "good", f"save format {saves.FORMAT + 1}")


def test_a_save_from_changed_world_files_loads_with_a_note_when_all_it_names_is_there(session: Session,
                                                                                     tmp_path: Path) -> None:
    session.send("take lamp")
    session.send("save good")
    saved = session.game.state.to_dict()
    rewrite(save_file(tmp_path, "good"), world="0000")  # any byte of any world file changed
    session.send("drop lamp")
    out = render(session.send("load good"))
    assert "Loaded 'good'." in out and "world's files have changed" in out
    assert session.game.state.to_dict() == saved


def test_a_save_from_another_mod_set_names_the_difference(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    rewrite(save_file(tmp_path, "good"), mods=[["bigger_city", "1.2"]])
    refused(session, "good", "was saved with bigger_city 1.2; this game runs no mods")


def test_a_state_that_does_not_fit_the_world_is_refused(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    data = json.loads(save_file(tmp_path, "good").read_text())
    data["state"]["room"] = "the_moon"
    data["state"]["items"]["lamp"] = "the_sun"
    save_file(tmp_path, "good").write_text(json.dumps(data))
    refused(session, "good", "room 'the_moon', item places")


def test_a_missing_save_says_so(session: Session) -> None:
    refused(session, "nothing", "no save called 'nothing'")


def test_a_version_1_save_is_migrated(session: Session, tmp_path: Path) -> None:
    session.send("take lamp")
    state = session.game.state.to_dict()
    v1 = {"format": 1, "game": "the-city", "world": session.world.fingerprint, "mods": [], "state": state}
    save_file(tmp_path, "old").parent.mkdir(parents=True, exist_ok=True)
    save_file(tmp_path, "old").write_text(json.dumps(v1))
    session.send("drop lamp")
    assert "Loaded 'old'." in render(session.send("load old"))
    assert session.game.state.items["lamp"] == "@inventory"


def test_saves_lists_turn_room_and_date(session: Session) -> None:
    session.send("e")
    session.send("save here")
    out = render(session.send("saves"))
    assert "here: turn 1, The Shed, saved" in out


def test_quit_and_every_few_moves_autosave(session: Session, tmp_path: Path) -> None:
    for _ in range(AUTOSAVE_EVERY):
        session.send("wait")
    assert save_file(tmp_path, "autosave").exists()
    save_file(tmp_path, "autosave").unlink()
    session.send("quit")
    session.send("yes")
    assert session.quit and save_file(tmp_path, "autosave").exists()


KILLER = """
import sys
from pathlib import Path
from game import saves
path = Path(sys.argv[1])
big = {"format": 2, "game": "the-city", "state": {"pad": "x" * 200000}}
n = 0
while True:
    n += 1
    big["state"]["n"] = n
    saves.write_save(path, big)
"""


def test_a_kill_mid_save_leaves_a_whole_save(tmp_path: Path) -> None:
    """Kill a process that saves in a loop, many times: the file is always whole JSON."""
    path = tmp_path / "saves" / "slot.json"
    for attempt in range(12):
        proc = subprocess.Popen([sys.executable, "-c", KILLER, str(path)], env=os.environ.copy())
        time.sleep(0.15 + 0.03 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if path.exists():
            data = json.loads(path.read_text())  # never half a file
            assert data["state"]["pad"] == "x" * 200000
    assert path.exists()
    leftovers = [p for p in path.parent.iterdir() if p.name != "slot.json"]
    assert all(p.name.endswith(".tmp") for p in leftovers)  # only a killed write's temp files
