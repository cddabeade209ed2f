"""Snapshots of the main screen, the map and help, at 80x24 and 120x40 (tiny test world).

Update with `pytest tests/tui --snapshot-update` after looking at the change by eye.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.session import Session
from game.tui.app import CityApp

SIZES = [(80, 24), (120, 40)]


def make_app(world, home: Path) -> CityApp:
    session = Session(world, seed=1, home=home)
    return CityApp(session, session.opening())


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    # take the lamp and walk east, so the log, panel and status all have something to show
    keys = [*"take lamp", "enter", "e", "enter"]
    keys = ["space" if k == " " else k for k in keys]
    assert snap_compare(make_app(mini_world, tmp_path), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_map_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    # walk east and back so two rooms are known, then open the map
    assert snap_compare(make_app(mini_world, tmp_path), press=["e", "enter", "w", "enter", "f2"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, mini_world, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(mini_world, tmp_path), press=["f1"], terminal_size=size)
