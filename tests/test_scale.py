"""Large worlds (issue 17): a generated 2,000-room floor validates and is connected; pursuit's
work is bounded by what the hunters need, counted rather than timed; routes are exactly a
full breadth-first search's.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections import deque
from pathlib import Path
from types import ModuleType

import pytest

from game.engine.game import Game
from game.engine.index import WorldIndex
from game.engine.routes import REACH, Navigator
from game.world.load import check_world, load_world
from game.world.model import (
    AlertRules,
    Clock,
    Encounter,
    Ending,
    Exit,
    Floor,
    GameSettings,
    Option,
    Pursuer,
    Room,
    Stage,
    World,
)

ROOT = Path(__file__).resolve().parent.parent


def _bench(name: str) -> ModuleType:
    """A module of bench/ (not a package of the game), loaded from its file."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> World:
    folder = tmp_path_factory.mktemp("undergrid")
    _bench("gen_world").write(2000, folder)
    world, problems = check_world([folder])
    assert world is not None, [str(p) for p in problems if p.severity == "error"][:5]
    return world


def _grid(side: int) -> World:
    """A floor of side x side rooms built in memory (no YAML): for counting pursuit's work."""
    rooms = {}
    for y in range(side):
        for x in range(side):
            exits = {}
            for direction, (dx, dy) in {"west": (-1, 0), "east": (1, 0), "north": (0, -1), "south": (0, 1)}.items():
                if 0 <= x + dx < side and 0 <= y + dy < side:
                    exits[direction] = Exit(f"r{x + dx}_{y + dy}")
            rooms[f"r{x}_{y}"] = Room("f", f"Room {x},{y}", "A room.", exits=exits)  # type: ignore[arg-type]
    return World(
        game=GameSettings("grid", "r0_0", clock=Clock(turns_per_day=10**9), alert=AlertRules(decay_every=10**6)),
        floors={"f": Floor("F")}, rooms=rooms, items={}, characters={},
        encounters={"caught": Encounter("Caught", "a", {"a": Stage("Caught.", (Option("ok", "OK"),))})},
        endings={"end": Ending("End", "The end.")}, pursuers={"hunter": Pursuer("hunters", "caught")},
        watchtowers={}, triggers={}, hints={})


def _full_search(world: World, target: str) -> dict[str, str]:
    """The reference: a breadth-first search from `target` over every reversed Safeguard exit."""
    into: dict[str, list[str]] = {r: [] for r in world.rooms}
    for rid, room in world.rooms.items():
        for ex in room.exits.values():
            to = world.rooms.get(ex.to)
            if ex.safeguard and to and to.floor == room.floor and not to.safe and not room.safe:
                into[ex.to].append(rid)
    hops: dict[str, str] = {}
    queue, seen = deque([target]), {target}
    while queue:
        nearer = queue.popleft()
        for source in into[nearer]:
            if source not in seen:
                seen.add(source)
                hops[source] = nearer
                queue.append(source)
    return hops


def test_the_generated_floor_validates_and_every_room_is_reached_from_the_start(big: World) -> None:
    generated = [r for r in big.rooms if r.startswith("sc_r")]
    assert len(generated) == 2000
    assert big.items and big.characters and any(w.startswith("sc_tower") for w in big.watchtowers)
    assert any(c.topics for c in big.characters.values() if c.name.startswith("the "))
    seen, queue = {big.game.start}, deque([big.game.start])
    while queue:
        for ex in big.rooms[queue.popleft()].exits.values():
            if ex.to not in seen:
                seen.add(ex.to)
                queue.append(ex.to)
    assert set(generated) <= seen


def test_routes_are_exactly_a_full_search_in_the_bundled_world() -> None:
    world = load_world()
    nav = Navigator(world)
    for target in world.rooms:
        hops = _full_search(world, target)
        for here in world.rooms:
            assert nav.next_hop(here, target) == hops.get(here), (here, target)


def test_routes_are_exactly_a_full_search_on_the_generated_floor(big: World) -> None:
    nav = Navigator(big)
    rooms = [r for r in big.rooms if r.startswith("sc_r")]
    draw = random.Random(17)
    for target in draw.sample(rooms, 8):
        hops = _full_search(big, target)
        for here in draw.sample(rooms, 200):  # asked in any order, a search resumed gives the same hops
            assert nav.next_hop(here, target) == hops.get(here)


def test_a_step_toward_a_near_room_costs_the_same_on_a_small_and_a_large_floor() -> None:
    work = {}
    for side in (10, 150):  # 100 and 22,500 rooms
        nav = Navigator(_grid(side))
        before = nav.work
        assert nav.next_hop("r5_5", "r5_7") == "r5_6"
        assert nav.next_hop("r6_7", "r5_7") == "r5_7"
        work[side] = nav.work - before
    assert work[150] == work[10] < 20  # the search stopped once it reached the hunters, whatever the floor


def test_a_search_never_goes_past_its_reach() -> None:
    world = _grid(150)
    nav = Navigator(world)
    assert nav.next_hop("r149_149", "r0_0") is None  # 298 rooms away: beyond REACH, the trail is lost
    assert nav.work <= REACH
    assert nav.next_hop("r1_0", "r0_0") == "r0_0"  # a near hunter still finds its way
    assert nav.work <= REACH


def test_a_game_of_a_large_world_starts_without_searching_or_naming_everything(big: World) -> None:
    index = WorldIndex(big)
    before = index.nav.work  # shared by every game of the world: other tests searched already
    game = Game(big, seed=1, start="sc_r200", index=index)
    game.opening()
    assert index.nav.work == before  # no route is searched until a hunter needs one
    assert len(index.items._made) < 5  # only the things in scope have been named
