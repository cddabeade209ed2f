"""Shared fixtures: the tiny test world, and saves and caches kept out of the user's folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from game.engine.game import Game
from game.world.load import load_world
from game.world.model import World

MINI = Path(__file__).parent / "worlds" / "mini"
_scratch = tempfile.mkdtemp(prefix="city-tests-")
os.environ.setdefault("CITY_HOME", os.path.join(_scratch, "home"))
os.environ.setdefault("CITY_CACHE", os.path.join(_scratch, "cache"))


@pytest.fixture(scope="session")
def mini_world() -> World:
    return load_world(world_dir=MINI, use_cache=False)


@pytest.fixture
def game(mini_world: World) -> Game:
    g = Game(mini_world, seed=1)
    g.opening()
    return g



@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working folder, holding a copy of the tiny world at ./world (for mods)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "world").mkdir()
    shutil.copy(MINI / "world.yaml", tmp_path / "world" / "world.yaml")
    return tmp_path
