"""A floor's own death scene: dying on a floor that names a `death_ending` ends there.

The game's `death_ending` stays the default; a floor's takes its place wherever the game
would end in it (health falling to 0, or an outcome that names the game's death)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import rules
from game.engine.game import Game
from game.world.load import load_world
from game.world.problems import WorldInvalid

MINI = Path(__file__).parent / "worlds" / "mini"

FLOOR_DEATH = """
floors:
  ground: {death_ending: died_in_the_yard}
endings:
  died_in_the_yard: {title: Died in the Yard, kind: death, text: The yard keeps you.}
"""


def _game(tmp_path: Path, mod: str | None) -> Game:
    mods = []
    if mod is not None:
        (tmp_path / "mod").mkdir()
        (tmp_path / "mod" / "mod.yaml").write_text("id: floor_death\nname: A floor's death\nversion: '1.0'\n")
        (tmp_path / "mod" / "death.yaml").write_text(mod)
        mods.append(tmp_path / "mod")
    g = Game(load_world(mods, world_dir=MINI, use_cache=False), seed=1)
    g.opening()
    return g


@pytest.mark.parametrize("effect", [{"hurt": 5}, {"ending": "dead"}])
def test_a_death_on_a_floor_with_its_own_scene_ends_in_it(tmp_path: Path, effect: dict[str, object]) -> None:
    g = _game(tmp_path, FLOOR_DEATH)
    rules.run(g.turn, [effect])
    assert g.state.ending == "died_in_the_yard"


def test_without_a_floor_scene_the_game_death_stands(tmp_path: Path) -> None:
    g = _game(tmp_path, None)
    rules.run(g.turn, [{"hurt": 5}])
    assert g.state.ending == "dead"


def test_other_endings_are_not_redirected(tmp_path: Path) -> None:
    g = _game(tmp_path, FLOOR_DEATH)
    rules.run(g.turn, [{"ending": "starved"}])
    assert g.state.ending == "starved"


def test_a_floor_death_that_does_not_exist_is_named(tmp_path: Path) -> None:
    with pytest.raises(WorldInvalid) as err:
        _game(tmp_path, "floors:\n  ground: {death_ending: died_nowhere}\n")
    assert "died_nowhere" in str(err.value) and "ending" in str(err.value)



@pytest.mark.parametrize("floor, ending", [
    ("fishers_reach", "killed_by_safeguard"),  # the village's death is the game's own
    ("hanging_stairwells", "died_on_the_stairwells"),
    ("builders_reach", "died_in_the_reach"),
    ("hollow_dominion", "died_in_the_hollow"),
    ("the_plant", "died_in_the_plant"),
])
def test_each_bundled_floor_dies_its_own_death(floor: str, ending: str) -> None:
    world = load_world()
    assert world.endings[ending].kind == "death"
    room = next(r for r, room in world.rooms.items() if room.floor == floor)
    g = Game(world, seed=1, start=room)
    g.opening()
    rules.run(g.turn, [{"hurt": 9}])
    assert g.state.ending == ending
