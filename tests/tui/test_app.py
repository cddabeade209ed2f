"""The Textual app, driven by Pilot at 80x24 on the tiny test world."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.session import Session
from game.tui.app import CityApp
from game.tui.screens.modals import ConfirmScreen, LoadScreen, SaveScreen, TextScreen
from game.tui.widgets.command_input import CommandInput
from game.tui.widgets.side_panel import PanelText
from game.tui.widgets.story_log import StoryLog


@pytest.fixture
def app(mini_world, tmp_path: Path) -> CityApp:
    session = Session(mini_world, seed=1, home=tmp_path)
    return CityApp(session, session.opening())


def log_text(app: CityApp) -> str:
    return "\n".join(block.plain for block in app.query_one(StoryLog).blocks)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


async def test_opening_and_a_typed_command_answer_in_the_log(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        assert "THE YARD" in log_text(app)
        await type_text(pilot, "take lamp")
        await pilot.press("enter")  # send it
        await pilot.pause()
        assert "> take lamp" in log_text(app) and "Taken." in log_text(app)
        assert app.session.game.state.items["lamp"] == "@inventory"


async def test_history_recalls_earlier_commands(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for command in ("look", "inventory"):
            await type_text(pilot, command)
            await pilot.press("enter")
        command_input = app.query_one(CommandInput)
        await pilot.press("up")  # the last command
        assert command_input.value == "inventory"
        await pilot.press("up")  # the one before
        assert command_input.value == "look"
        await pilot.press("down", "down")  # back to an empty line
        assert command_input.value == ""


async def test_tab_completes_from_the_commands_that_make_sense(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "talk t")
        await pilot.pause()
        await pilot.press("tab")  # accept the suggestion
        assert app.query_one(CommandInput).value == "talk to ada"


async def test_clicking_an_exit_takes_it(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.query_one(PanelText)
        row = panel.row_of("east")
        assert row is not None
        await pilot.click(PanelText, offset=(3, row))  # the exit's link in the side panel
        await pilot.pause()
        assert app.session.game.state.room == "shed"
        assert "THE SHED" in log_text(app)


@pytest.mark.parametrize("key, title", [("f1", "Help"), ("f2", "Map: The Ground"), ("f3", "Journal")])
async def test_each_screen_opens_and_escape_closes_it(app: CityApp, key: str, title: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, TextScreen) and app.screen.title_text == title
        await pilot.press("escape")
        assert not isinstance(app.screen, TextScreen)


async def test_save_and_load_through_the_screens(app: CityApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")  # save screen, name prefilled 'slot1'
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "saves" / "slot1.json").is_file()
        await type_text(pilot, "e")
        await pilot.press("enter")
        assert app.session.game.state.room == "shed"
        await pilot.press("f9")  # load screen lists the save
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("enter")  # choose the highlighted (only) save
        await pilot.pause()
        assert app.session.game.state.room == "yard"


async def test_quit_asks_first_and_autosaves(app: CityApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen) and app.is_running
        await type_text(pilot, "quit")
        await pilot.press("enter")  # typing quit asks too
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert (tmp_path / "saves" / "autosave.json").is_file()


async def test_side_panel_gives_way_on_a_narrow_terminal(app: CityApp) -> None:
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        assert app.query_one("#side").display is False
        assert app.query_one(StoryLog).size.width >= 50


async def test_command_palette_offers_our_commands(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")  # open the palette
        await type_text(pilot, "Map")
        await pilot.pause(0.3)
        await pilot.press("enter")  # run the best match
        await pilot.pause()
        assert isinstance(app.screen, TextScreen) and app.screen.title_text.startswith("Map")


async def test_themes_switch_including_high_contrast(app: CityApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        for theme in CityApp.THEMES:
            app.set_theme(theme)
            await pilot.pause()
            assert app.theme == theme


async def test_no_color_is_respected(mini_world, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    session = Session(mini_world, seed=1, home=tmp_path)
    app = CityApp(session, session.opening())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        assert "quiet" in str(app.query_one("#status").render())  # the alert in words, not only colour


async def test_quitting_without_autosave_says_the_moves_will_not_be_kept(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    session.autosaves = False  # city play --no-autosave
    app = CityApp(session, session.opening())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Autosave is off" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
    assert not (tmp_path / "saves" / "autosave.json").exists()
