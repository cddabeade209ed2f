"""A room's variant may change what `listen` hears: a room that changes with the story
sounds changed too (the Reading Hall once its hush is spent)."""

from __future__ import annotations

from pathlib import Path

from game.engine.game import Game
from game.textview import render
from game.world.load import load_world

MINI = Path(__file__).parent / "worlds" / "mini"

HUSHED = """
rooms:
  yard:
    sounds: Birds in the gate.
    variants:
      - when: {flag: storm}
        description: A walled yard in a storm.
        sounds: Rain, and the gate banging.
"""


def _game(tmp_path: Path) -> Game:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "mod.yaml").write_text("id: storm\nname: A storm\nversion: '1.0'\n")
    (tmp_path / "mod" / "storm.yaml").write_text(HUSHED)
    g = Game(load_world([tmp_path / "mod"], world_dir=MINI, use_cache=False), seed=1)
    g.opening()
    return g


def test_listen_hears_the_variant_that_holds(tmp_path: Path) -> None:
    g = _game(tmp_path)
    assert "Birds in the gate." in render(g.step("listen"))
    g.state.flags["storm"] = True
    heard = render(g.step("listen"))
    assert "Rain, and the gate banging." in heard and "Birds" not in heard


def test_a_word_only_the_variant_hears_is_quoted_by_examine(tmp_path: Path) -> None:
    g = _game(tmp_path)
    g.state.flags["storm"] = True
    assert "Rain, and the gate banging." in render(g.step("x rain"))


def test_the_reading_hall_sounds_different_once_its_hush_is_spent() -> None:
    world = load_world()
    g = Game(world, seed=1, start="archive_hall")
    g.opening()
    assert "Nothing at all" in render(g.step("listen"))
    g.state.flags["index_silenced"] = True
    heard = render(g.step("listen"))
    assert "comes back off the dome" in heard and "Nothing at all" not in heard
