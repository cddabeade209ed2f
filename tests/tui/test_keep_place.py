"""Issue 15 items 1-9, driven by Pilot on the tiny test world (item 10: test_contrast.py;
item 3's saves: test_continue.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import saves
from game.session import Session
from game.tui.app import CityApp
from game.tui.mapview import draw, layout
from game.tui.screens.modals import ContinueScreen, LoadScreen, TextScreen
from game.tui.widgets.command_input import CommandInput
from game.tui.widgets.side_panel import GO, SHUT, PanelText, PanelView, SidePanel, panel_lines, wrapped
from game.tui.widgets.status_bar import StatusBar, status_parts
from game.tui.widgets.story_log import REWRAP_AFTER, WRAP_AT_ONCE, StoryLog


def make_app(world, home: Path, **kwargs: object) -> CityApp:
    session = Session(world, seed=1, home=home)
    return CityApp(session, session.opening(), **kwargs)  # type: ignore[arg-type]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def status_text(app: CityApp) -> str:
    return str(app.query_one(StatusBar).render())


# -- 1. the log scrolls from the keyboard, and a long reply is shown from its start ---------------

async def test_page_up_scrolls_the_log_while_typing_and_the_typing_is_kept(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6):
            app.send("look")
        await pilot.pause()
        log = app.query_one(StoryLog)
        assert log.scroll_y == log.max_scroll_y > 0
        await type_text(pilot, "take la")
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < log.max_scroll_y  # the log went up a page
        assert app.query_one(CommandInput).value == "take la" and app.query_one(CommandInput).has_focus
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert log.scroll_y == 0
        await pilot.press("pagedown", "ctrl+end")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        await type_text(pilot, "mp")
        await pilot.press("enter")  # the command typed around the scrolling still reaches the game
        await pilot.pause()
        assert app.session.game.state.items["lamp"] == "@inventory"


async def test_home_and_end_on_an_empty_line_scroll_the_log(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6):
            app.send("look")
        await pilot.pause()
        log = app.query_one(StoryLog)
        await pilot.press("home")
        await pilot.pause()
        assert log.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y
        await type_text(pilot, "look")
        await pilot.press("home")  # on a typed line, Home moves along the line
        await pilot.pause()
        assert app.query_one(CommandInput).cursor_position == 0 and log.scroll_y == log.max_scroll_y


async def test_the_opening_is_read_from_its_top(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    opening = session.opening() + session.send("help")  # an opening longer than the view
    app = CityApp(session, opening)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = app.query_one(StoryLog)
        assert log.max_scroll_y > 0 and log.scroll_y == 0
        assert log.render_line(0).text.strip() == "You wake in the yard."


async def test_a_reply_longer_than_the_view_is_shown_from_its_first_line(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        log = app.query_one(StoryLog)
        app.send("help")  # far longer than 12 rows
        await pilot.pause()
        shown = log.blocks.index(next(b for b in reversed(log.blocks) if b.plain == "> help"))
        assert log.scroll_y < log.max_scroll_y  # not scrolled to the end of the reply
        top = int(log.scroll_y)
        assert log.render_line(0).text.startswith("> help"), (shown, top)
        app.send("z")  # a short reply: the view follows to the end
        await pilot.pause()
        assert log.scroll_y == log.max_scroll_y


# -- 2. the mouse never takes the typing away from the command line --------------------------------

async def test_clicks_and_the_wheel_leave_the_typing_on_the_command_line(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            app.send("look")
        await pilot.pause()
        await pilot.click(StoryLog)
        await pilot.click(SidePanel, offset=(3, 20))
        await pilot.mouse_down(SidePanel)
        await pilot.pause()
        assert app.query_one(CommandInput).has_focus
        assert not app.query_one(PanelText).can_focus
        assert not app.query_one(StoryLog).can_focus and not app.query_one(SidePanel).can_focus
        await type_text(pilot, "take lamp")
        await pilot.press("enter")  # Enter sends what was typed, never a button
        await pilot.pause()
        assert app.session.game.state.items["lamp"] == "@inventory" and app.session.game.state.room == "yard"


# -- 3. the launch offers the last game --------------------------------------------------------------

async def test_launch_offers_the_last_game_and_continues_it(mini_world, tmp_path: Path) -> None:
    earlier = Session(mini_world, seed=1, home=tmp_path)
    earlier.opening()
    earlier.send("e")
    earlier.close()
    app = make_app(mini_world, tmp_path, offer_continue=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ContinueScreen)
        assert "turn 1, The Shed" in app.screen.detail
        await pilot.press("c")
        await pilot.pause()
        assert app.session.game.state.room == "shed"
        assert app.query_one(CommandInput).has_focus  # the typing goes on where it was


async def test_a_new_game_from_the_offer_keeps_the_earlier_autosave(mini_world, tmp_path: Path) -> None:
    earlier = Session(mini_world, seed=1, home=tmp_path)
    earlier.opening()
    earlier.send("e")
    earlier.close()
    app = make_app(mini_world, tmp_path, offer_continue=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # a new game
        await pilot.pause()
        assert app.session.game.state.room == "yard"
        app.send("take lamp")
        app.session.close()
    names = {entry["name"]: entry["summary"]["room"] for entry in saves.list_saves(tmp_path)}
    assert names == {"autosave": "The Yard", "autosave-1": "The Shed"}


async def test_no_offer_without_a_save(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path, offer_continue=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ContinueScreen)


# -- 4. a wider window wraps the log wider ---------------------------------------------------------

async def test_resizing_to_120x40_rewraps_the_log(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.send("x gate")
        app.send("look")
        await pilot.pause()
        log = app.query_one(StoryLog)
        narrow = log.scrollable_content_region.width
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.3)  # the log wraps again once the window keeps its size a moment
        wide = log.scrollable_content_region.width
        assert wide > narrow + 20
        drawn = [log.render_line(y).text.rstrip() for y in range(log.size.height)]
        assert max(len(line) for line in drawn) > narrow  # a paragraph now runs past the old width
        assert any("A walled yard. A gate stands to the north and a shed to the east." in line for line in drawn)


async def test_a_long_log_wraps_again_once_the_window_keeps_its_size(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            app.send("look")
        await pilot.pause()
        log = app.query_one(StoryLog)
        assert len(log.blocks) > WRAP_AT_ONCE
        await pilot.resize_terminal(100, 24)
        await pilot.resize_terminal(120, 24)  # a drag: the long log wraps once the size has held
        await pilot.pause(REWRAP_AFTER + 0.3)
        assert log.virtual_size.width == log.scrollable_content_region.width > 80


# -- 5, 6. the status line: never the alert cut, one scale ---------------------------------------------

SUMMARY = {"room_name": "The Landing at the Stair's End of the Long Descent", "floor": "f", "day": 12, "food": 27,
           "health": 3, "alert": 2, "companions": ["zuru", "killy"], "hidden": True}


@pytest.mark.parametrize("width", [40, 60, 78, 98, 118])
def test_a_long_room_name_never_cuts_the_alert(width: int) -> None:
    parts = status_parts(SUMMARY, width, 10, 3, "The Hanging Stairwells")
    line = "".join(text for text, _ in parts)
    assert len(line) <= width
    assert "2/10 watchful" in line
    assert any(role == "room" for _, role in parts) or width < 50


def test_what_gives_way_is_decided_by_the_width_not_the_room() -> None:
    short = dict(SUMMARY, room_name="Vats")
    for width in (60, 78, 98, 118, 130, 140):
        long_tail = [p for p in status_parts(SUMMARY, width, 10, 3, "F") if p[1] != "room"]
        short_tail = [p for p in status_parts(short, width, 10, 3, "F") if p[1] != "room"]
        assert long_tail == short_tail  # the floor, the companions' badge and the meter do not flip from room to room


def test_the_alert_has_one_scale_the_worlds() -> None:
    wide = "".join(t for t, _ in status_parts(dict(SUMMARY, room_name="Vats"), 118, 10, 3, "F"))
    assert "■■□□□□□□□□ 2/10" in wide  # a cell per point of the world's alert (the score says 'alert 2 of 10')


async def test_the_status_line_at_80_columns(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "0/10 quiet" in status_text(app) and "+Ada" in status_text(app)


# -- 7. the side panel: the room text's exits, inventory that wraps and scrolls ----------------------

async def test_the_panels_exits_are_the_room_texts(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.send("e")
        await pilot.pause()
        lines = {line.text: line for line in panel_lines(app.query_one(SidePanel).view)}
        # the text says "Exits: west (The Yard), down.": both listed, the sealed one as shut, not as a way to take
        assert lines["west: The Yard"].command == "west" and lines["west: The Yard"].bullet == GO
        assert lines["down (shut)"].command is None and lines["down (shut)"].bullet == SHUT
        panel = app.query_one(PanelText)
        await pilot.click(PanelText, offset=(3, panel.row_of("west")))
        await pilot.pause()
        assert app.session.game.state.room == "yard"


def test_long_entries_wrap_under_their_first_word() -> None:
    view = PanelView(inventory=("a coil of tether line long enough for the hanging flight",))
    line = next(line for line in panel_lines(view) if line.bullet == "·")
    rows = wrapped(line, 22)
    assert len(rows) > 1 and rows[0].startswith("· a coil") and all(r.startswith("  ") and r[2] != " " for r in rows[1:])


async def test_a_long_inventory_scrolls_and_the_floor_is_never_cut(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.send("take all")
        await pilot.pause()
        panel = app.query_one(SidePanel)
        assert "Carrying (3)" in [line.text for line in panel_lines(panel.view)]
        text = app.query_one(PanelText)
        assert text.size.width <= panel.scrollable_content_region.width  # never under the scrollbar
        long = PanelView(floor="The Hanging Stairwells of the Deep", inventory=tuple(f"thing {n}" for n in range(16)))
        panel.view = long
        await pilot.pause()
        assert panel.max_scroll_y > 0  # taller than the window: it scrolls
        drawn = [text.render_line(y).text.rstrip() for y in range(2)]
        assert "".join(drawn).replace(" ", "") == "TheHangingStairwellsoftheDeep"  # wrapped, not cut


# -- 8. the map --------------------------------------------------------------------------------------

ROOMS = [
    {"id": "a", "name": "The Street", "here": True, "exits": {"south": "b", "east": None}},
    {"id": "b", "name": "The Yard", "here": False, "exits": {"north": "a", "east": "c", "south": "e"}},
    {"id": "c", "name": "The Landing at the Stair's End", "here": False, "exits": {"west": "b", "down": None}},
    {"id": "e", "name": "The Pit", "here": False, "hunted": True, "exits": {"north": "b", "east": "f"}},
    {"id": "f", "name": "The Cut", "here": False, "exits": {"west": "e", "north": "c"}},
]


def test_the_map_is_laid_out_by_compass_direction() -> None:
    where = layout(ROOMS)
    assert where["c"][0] > where["b"][0] and where["c"][1] == where["b"][1]  # east is drawn east
    assert where["e"][1] > where["b"][1] and where["e"][0] == where["b"][0]  # south is drawn below
    assert where["a"][1] < where["b"][1]
    assert len(set(where.values())) == len(where)  # no two rooms in one cell


def test_the_map_marks_unexplored_ways_and_names_rooms_in_full() -> None:
    text = draw(ROOMS)
    grid, legend = text.split("\n\n")[0], text.split("\n\n")[1]
    assert "─?" in grid  # the street's unexplored east
    assert "The Landing at the Stair's End: down to a place not yet explored" in legend
    assert "! 4 The Pit" in legend or "!" in grid
    assert "│" in grid and "─" in grid


def test_a_clash_pushes_a_room_further_the_same_way() -> None:
    rooms = [
        {"id": "a", "name": "A", "here": True, "exits": {"east": "b", "south": "c"}},
        {"id": "b", "name": "B", "here": False, "exits": {"west": "a", "south": "d"}},
        {"id": "c", "name": "C", "here": False, "exits": {"north": "a", "east": "d2"}},
        {"id": "d", "name": "D", "here": False, "exits": {"north": "b"}},
        {"id": "d2", "name": "D2", "here": False, "exits": {"west": "c"}},
    ]
    where = layout(rooms)
    assert where["d2"][1] == where["c"][1] and where["d2"][0] > where["c"][0]  # still east of C
    assert len(set(where.values())) == len(where)


async def test_f2_opens_the_map_without_taking_a_turn(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.send("e")
        moves = app.session.game.state.moves
        sent = list(app.session.commands_sent)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, TextScreen) and "Shed" in app.screen.body and app.screen.after
        assert app.session.game.state.moves == moves and app.session.commands_sent == sent


# -- 9. dialogs fit 80x24; redo into an ending ----------------------------------------------------------

async def test_the_load_dialogs_buttons_are_on_screen_at_80x24(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    session.opening()
    for n in range(25):
        session.save_as(f"slot {n}")
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        cancel = app.screen.query_one("#cancel")
        assert cancel.region.bottom <= 24 and cancel.region.height > 0
        await pilot.click("#cancel")
        await pilot.pause()
        assert not isinstance(app.screen, LoadScreen)


async def test_help_scrolls_and_its_scrollbar_fits_its_text(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        body = app.screen.query_one(".dialog-body")
        assert body.max_scroll_y > 0 and body.region.bottom <= 24
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(CommandInput).has_focus


async def test_redo_into_an_ending_shows_the_ending(mini_world, tmp_path: Path) -> None:
    app = make_app(mini_world, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        while app.session.game.state.phase != "ended":
            app.session.send("z")
        app.send("undo")
        app.send("redo")
        await pilot.pause()
        log = app.query_one(StoryLog)
        after_redo = [b.plain for b in log.blocks][[b.plain for b in log.blocks].index("> redo"):]
        assert any("Starved" in line for line in after_redo)
        assert not any(line == "THE YARD" for line in after_redo)
