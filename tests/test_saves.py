"""Saves: written atomically in CITY_HOME, loaded back exactly, refused with a reason when wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game import saves
from game.engine.game import VOLATILE
from game.session import Session
from game.textview import render


@pytest.fixture
def session(mini_world, tmp_path: Path) -> Session:
    s = Session(mini_world, seed=4, home=tmp_path)
    s.opening()
    return s


def test_save_and_load_restore_the_exact_state(session: Session, tmp_path: Path) -> None:
    session.send("take lamp. e")
    assert "Saved as 'slot1'." in render(session.send("save slot1"))
    saved = session.game.state.to_dict()
    session.send("w. drop lamp. n")
    assert "Loaded 'slot1'." in render(session.send("load slot1"))
    assert session.game.state.to_dict() == saved
    assert json.loads((tmp_path / "saves" / "slot1.json").read_text())["format"] == saves.FORMAT


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "x" * 60, ".hidden"])
def test_save_names_never_leave_the_folder(session: Session, name: str, tmp_path: Path) -> None:
    out = render(session.send(f"save {name}")) if name else ""
    if name:
        assert "Not saved" in out or "Saved as" in out
    for path in tmp_path.rglob("*"):
        assert path.resolve().is_relative_to(tmp_path.resolve())


def test_a_damaged_save_is_refused_and_left_alone(session: Session, tmp_path: Path) -> None:
    session.send("save good")
    path = tmp_path / "saves" / "good.json"
    path.write_bytes(b'{"format": 1, "game": "the-ci')
    before = session.game.state.to_dict()
    out = render(session.send("load good"))
    assert "damaged or not a save" in out
    assert path.read_bytes() == b'{"format": 1, "game": "the-ci'
    after = session.game.state.to_dict()
    assert {k: v for k, v in after.items() if k not in VOLATILE} == {k: v for k, v in before.items() if k not in VOLATILE}


def test_a_save_from_another_world_or_future_version_is_refused(session: Session, tmp_path: Path) -> None:
    session.send("save other")
    path = tmp_path / "saves" / "other.json"
    data = json.loads(path.read_text())
    data["world"] = "0000"
    path.write_text(json.dumps(data))
    assert "another world or mod set" in render(session.send("load other"))
    data["format"] = 99
    path.write_text(json.dumps(data))
    assert "save format 99" in render(session.send("load other"))


def test_loading_a_missing_save_says_so(session: Session) -> None:
    assert "no save called 'nothing'" in render(session.send("load nothing"))
