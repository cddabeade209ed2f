"""The bundled world as the story issue asks for it: big enough, written for each place,
every ending reached by a playthrough."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.world.load import load_world
from game.world.model import World
from game.world.paths import bundled_data_dir
from game.world.yamlread import read_yaml

PLAYTHROUGHS = Path(__file__).parent / "playthroughs"


@pytest.fixture(scope="module")
def world() -> World:
    return load_world()


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z']+", text))


def test_the_story_is_big_enough(world: World) -> None:
    assert len(world.floors) >= 5
    assert len(world.rooms) >= 60
    assert len(world.encounters) >= 20
    assert len(world.endings) >= 6


def test_every_room_is_written_for_its_place(world: World) -> None:
    seen: dict[str, str] = {}
    for rid, room in world.rooms.items():
        texts = [room.description] + [v.description for v in room.variants if v.description]
        for text in texts:
            assert words(text) >= 40, f"room {rid}: a description of {words(text)} words (at least 40)"
            assert text not in seen, f"room {rid} repeats the description of {seen.get(text)}"
            seen[text] = rid
        assert len(room.features) >= 2, f"room {rid}: only {len(room.features)} things to examine"


def test_there_are_at_least_25000_words_of_prose() -> None:
    total = 0
    for path in sorted((Path(bundled_data_dir()) / "world").rglob("*.yaml")):
        doc, _ = read_yaml(path.read_bytes(), str(path))
        stack = [doc.value if doc else {}]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
            elif isinstance(value, str) and " " in value:
                total += words(value)
    assert total >= 25000, f"{total} words of prose"


def test_every_ending_is_reached_by_a_playthrough(world: World) -> None:
    reached = set()
    for path in PLAYTHROUGHS.rglob("*.play"):
        reached |= set(re.findall(r"^@ending (\w+)", path.read_text(encoding="utf-8"), flags=re.M))
    assert set(world.endings) <= reached, f"no playthrough reaches {sorted(set(world.endings) - reached)}"


def test_every_floor_has_a_watchtower_and_hints(world: World) -> None:
    watched = {world.rooms[t.from_].floor for t in world.watchtowers.values()}
    assert watched == set(world.floors)
    assert len(world.hints) >= 3 * len(world.floors)
