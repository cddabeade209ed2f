"""Hardening (issue 12), the Textual app: a save name typed in the dialog is a name, never
commands; the quit question says 'saved' only once it is; bad files in saves/ do not break the
load screen; however the app ends, the game is saved. Items 5, 6, 9, 11."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game import saves
from game.engine import events as ev
from game.session import Session
from game.tui.app import CityApp, run_app
from game.tui.screens.modals import ConfirmScreen, LoadScreen, SaveScreen
from game.world.load import load_world

MINI = Path(__file__).parent / "worlds" / "mini"
WORLD = load_world(world_dir=MINI, use_cache=False)


@pytest.fixture
def app(tmp_path: Path) -> CityApp:
    session = Session(WORLD, seed=1, home=tmp_path)
    return CityApp(session, session.opening())


async def test_a_save_name_in_the_dialog_is_never_read_as_commands(app: CityApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.send("take lamp")
        await pilot.press("f5")
        assert isinstance(app.screen, SaveScreen)
        field = app.screen.query_one("#save-name")
        field.value = "my game then drop all. n"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.game.state.items["lamp"] == "@inventory"  # nothing was dropped
        assert app.session.game.state.room == "yard"  # nor walked
        assert saves.save_path("my game then drop all. n", tmp_path).is_file()


async def test_the_quit_question_says_saved_only_after_saving(app: CityApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.send("take lamp")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "saved as 'autosave'" in app.screen.question
        assert json.loads(saves.save_path("autosave", tmp_path).read_text())["state"]["items"]["lamp"] == "@inventory"
        await pilot.press("n")


async def test_a_failed_autosave_is_said_in_the_quit_question(app: CityApp, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(name: str) -> ev.Event:
        return ev.Error("save_failed", "Not saved: could not write the save (No space left on device); "
                                       "your previous save is untouched.")

    async with app.run_test(size=(80, 24)) as pilot:
        app.send("take lamp")
        monkeypatch.setattr(app.session, "_save", full)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Autosave failed" in app.screen.question and "No space left" in app.screen.question
        assert "saved as" not in app.screen.question


async def test_the_palette_quit_asks_the_game_first(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await app.action_quit()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running


async def test_bad_files_in_saves_do_not_break_the_load_screen(app: CityApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        app.session.save_as("good")
        folder = tmp_path / "saves"
        os.symlink(tmp_path / "nowhere", folder / "dangling.json")
        os.mkfifo(folder / "fifo.json")
        (folder / "summary.json").write_text(json.dumps({"format": 2, "game": "the-city", "summary": [1]}))
        (folder / "digits.json").write_text('{"summary": {"turn": ' + "9" * 5000 + "}}")
        await pilot.press("f9")
        assert isinstance(app.screen, LoadScreen)
        shown = dict(app.screen.saves)
        assert shown["good"].startswith("turn 0")
        for name in ("dangling", "fifo", "summary", "digits"):
            assert shown[name].startswith("cannot be loaded"), name


async def test_a_signal_saves_and_leaves(app: CityApp, tmp_path: Path) -> None:
    import signal

    async with app.run_test(size=(80, 24)) as pilot:
        app.send("take lamp")
        app.on_signal(signal.SIGTERM)
        await pilot.pause()
    assert app.signalled == signal.SIGTERM
    assert json.loads(saves.save_path("autosave", tmp_path).read_text())["state"]["items"]["lamp"] == "@inventory"


def test_however_the_app_ends_the_game_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = Session(WORLD, seed=1, home=tmp_path)
    opening = session.opening()

    def ends_at_once(self: CityApp) -> None:
        self.session.send("take lamp")  # a move, then the app is gone (closed, killed by an error...)
        raise RuntimeError("the app stopped")

    monkeypatch.setattr(CityApp, "run", ends_at_once)
    with pytest.raises(RuntimeError):
        run_app(session, opening)
    assert json.loads(saves.save_path("autosave", tmp_path).read_text())["state"]["items"]["lamp"] == "@inventory"
