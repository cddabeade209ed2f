"""Snapshots of the main screen, each modal and an encounter, at 80x24 and 120x40 (tiny test world).

Update with `pytest tests/tui/test_snapshots.py --snapshot-update` after looking at the change
by eye: render the SVGs to PNG (`python tests/tui/render_snapshots.py`) and open them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import saves
from game.session import Session
from game.tui.app import CityApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SAVED_AT = 1_767_225_600  # 2026-01-01 00:00 UTC: the load and continue dialogs show when a save was written


def make_app(world, home: Path, offer_continue: bool = False) -> CityApp:
    session = Session(world, seed=1, home=home)
    return CityApp(session, session.opening(), offer_continue=offer_continue)


def typed(*commands: str) -> list[str]:
    """Keys that type each command and press Enter."""
    keys: list[str] = []
    for command in commands:
        keys += ["space" if ch == " " else ch for ch in command] + ["enter"]
    return keys


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def saved_game(world, home: Path, name: str, *commands: str) -> None:
    """A save written at SAVED_AT, as if by an earlier game."""
    session = Session(world, seed=1, home=home)
    session.opening()
    for command in commands:
        session.send(command)
    session.save_as(name)
    os.utime(saves.save_path(name, home), (SAVED_AT, SAVED_AT))


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    # take the lamp and walk east: the log, the status, a sealed exit and someone here in the panel
    assert snap_compare(make_app(mini_world, tmp_path), press=typed("take lamp", "e"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_encounter(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    # into the watched street and wait: the hunters come, and the panel offers the choices
    assert snap_compare(make_app(mini_world, tmp_path), press=typed("n", "z"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_map_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    # three rooms known, in three directions, with ways not yet explored
    assert snap_compare(make_app(mini_world, tmp_path), press=[*typed("e", "w", "n"), "f2"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(mini_world, tmp_path), press=["f1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_journal_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(mini_world, tmp_path), press=[*typed("ask ada about tower"), "f3"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_save_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(mini_world, tmp_path), press=["f5"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_load_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    for n in range(12):  # more saves than fit: the list scrolls and the buttons stay on screen
        saved_game(mini_world, tmp_path, f"slot{n:02}", *(["z"] * n))
    assert snap_compare(make_app(mini_world, tmp_path), press=["f9"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_quit_question(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(mini_world, tmp_path), press=typed("take lamp", "quit"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_continue_offer(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    saved_game(mini_world, tmp_path, "autosave", "take lamp", "e")

    async def offered(pilot) -> None:  # the offer comes once the first screen is drawn
        await pilot.pause()

    assert snap_compare(make_app(mini_world, tmp_path, offer_continue=True), run_before=offered, terminal_size=size)
