"""Large worlds (issue 17): a generated 2,000-room floor validates and is connected; pursuit's
work is bounded by what the hunters need, counted rather than timed; routes are exactly a
full breadth-first search's; a save holds the changes of places, not the world's table, and
reads back exactly, old saves included.
"""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from collections import deque
from pathlib import Path
from types import ModuleType

import pytest

from game import saves
from game.engine.game import Game
from game.engine.index import WorldIndex
from game.engine.routes import NEAR, REACH, Navigator
from game.engine.saved import compact_places, expand_places
from game.session import Session
from game.textview import render
from game.world import cache
from game.world.load import check_world, load_world
from game.world.model import (
    Exit,
    Room,
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


def _grid(side: int, towers: tuple[str, ...] = ()) -> World:
    """bench/grid.py's floor of side x side rooms (no YAML), for counting pursuit's work."""
    world: World = _bench("grid").grid_world(side, towers)
    return world


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


def test_only_towers_near_the_player_release_hunters_on_a_large_floor() -> None:
    small = Navigator(_grid(10, ("r9_9", "r0_0")))
    assert small.towers_near("r0_0") == small.towers_near("r5_5") == ["t0", "t1"]  # a floor of a bundled size: all, in order
    large = Navigator(_grid(100, ("r99_99", "r0_0")))
    before = large.work
    assert large.towers_near("r1_1") == ["t1"] and large.towers_near("r98_97") == ["t0"]
    assert large.work - before <= 2 * NEAR  # the rooms around the player, not the 10,000 of the floor


def test_hunters_out_on_the_generated_floor_are_those_of_the_towers_near(big: World) -> None:
    game = Game(big, seed=2, start="sc_r200")
    game.opening()
    for command in ["east", "west"] * 15:
        game.step(command if game.state.phase == "exploring" else "hide")
    near = set(game.index.nav.towers_near("sc_r200"))
    generated = {t for t in big.watchtowers if t.startswith("sc_tower")}
    assert game.state.pursuers and {p.tower for p in game.state.pursuers} <= near
    assert near & generated < generated  # the far end of the floor stays shut


def test_a_game_of_a_large_world_starts_without_searching_or_naming_everything(big: World) -> None:
    index = WorldIndex(big)
    before = index.nav.work  # shared by every game of the world: other tests searched already
    game = Game(big, seed=1, start="sc_r200", index=index)
    game.opening()
    assert index.nav.work == before  # no route is searched until a hunter needs one
    assert len(index.items._made) < 5  # only the things in scope have been named


# -- saves: what can change, sized by the player's progress ----------------------------------

def _walked(world: World, home: Path) -> Session:
    session = Session(world, seed=3, start="sc_r16", home=home)
    session.opening()
    for command in ["take cable", "east", "west", "drop cable", "take cable", "south", "north", "wait"]:
        session.send(command)
    return session


def test_an_autosave_holds_the_changes_not_the_world(big: World, tmp_path: Path) -> None:
    session = _walked(big, tmp_path)
    assert session.autosave() is not None
    data = json.loads((tmp_path / "saves" / "autosave.json").read_text())
    assert data["format"] == saves.FORMAT
    assert len(data["state"]["items"]) < 10 < len(session.game.state.items)  # not the world's 250 items
    assert all(len(s["items"]) < 10 for s in data["undo"])
    assert len(json.dumps(data)) < 60_000  # the bundled world's own save is about 90 KiB


def test_a_compact_save_loads_back_exactly_in_order(big: World, tmp_path: Path) -> None:
    session = _walked(big, tmp_path)
    session.game.state.items.pop("sc_item24")  # given away, and one returned: placed at the end
    session.game.state.items["sc_item8"] = "@inventory"
    session.game.state.items["sc_token"] = "sc_r3"
    saved = session.game.state.to_dict()
    undo = [s.to_dict() for s in session.game.undo_stack]
    session.send("save here")
    session.send("east. east")
    assert "Loaded 'here'" in render(session.send("load here"))
    now = session.game.state.to_dict()
    assert now == saved and list(now["items"]) == list(saved["items"])
    assert [s.to_dict() for s in session.game.undo_stack] == undo[-saves.UNDO_KEPT:]


def test_places_in_an_order_no_change_makes_are_saved_whole() -> None:
    base = {"a": "r1", "b": "r2", "c": "r3"}
    moved = {"b": "r2", "a": "r9", "c": "r3"}  # a table no game makes: b before a
    assert compact_places(moved, base) == moved
    returned = {"b": "r2", "c": "r3", "a": "r1"}  # a given away and placed back where it was
    assert list(expand_places(compact_places(returned, base), base).items()) == list(returned.items())
    changed = {"a": "r1", "b": "@inventory", "c": "r3", "new": "r2"}
    small = compact_places(changed, base)
    assert small == {"$gone": [], "$after": [["new", "r2"]], "b": "@inventory"}
    assert list(expand_places(small, base).items()) == list(changed.items())


def test_a_format_2_save_with_every_place_in_full_still_loads(big: World, tmp_path: Path) -> None:
    session = _walked(big, tmp_path)
    full = session.game.state.to_dict()
    old = {"format": 2, "game": "the-city", "world": big.fingerprint, "mods": [list(m) for m in big.mods],
           "summary": {"turn": 1, "room": "x", "day": 1}, "seed": 3, "state": full, "commands": [], "undo": [],
           "redo": []}
    (tmp_path / "saves").mkdir(exist_ok=True)
    (tmp_path / "saves" / "old.json").write_text(json.dumps(old))
    session.send("east")
    assert "Loaded 'old'" in render(session.send("load old"))
    assert session.game.state.to_dict() == full


# -- the cache: a warm start reads the rooms a game shows, not the world's ------------------------

def _cached(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("CITY_CACHE", str(tmp_path / "cache"))
    assert cache.write("scale-test", world) is None
    hit = cache.read("scale-test")
    assert hit is not None
    return hit


def _unread(world: World) -> int:
    rooms = world.rooms
    return sum(type(dict.__getitem__(rooms, r)) is not Room for r in dict.__iter__(rooms))


def test_a_cached_world_is_read_room_by_room_as_the_game_shows_them(big: World, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    hit = _cached(big, tmp_path, monkeypatch)
    game = Game(hit, seed=5, start="sc_r200")
    fresh = Game(big, seed=5, start="sc_r200")
    assert list(game.state.items.items()) == list(fresh.state.items.items())  # placed without reading rooms
    assert game.state.characters == fresh.state.characters
    game.opening()
    fresh.opening()
    for command in ["east", "east", "south", "west", "north", "north", "wait"] * 3:
        command = command if game.state.phase == "exploring" else "hide"
        assert render(game.step(command)) == render(fresh.step(command))
    assert game.state.pursuers and _unread(hit) > 1900  # the chase read a few dozen rooms of 2,072
    assert cache.read("scale-test") == big  # and every room reads back as it was built


def test_routes_in_a_cached_world_are_those_of_the_built_one(big: World, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    hit = _cached(big, tmp_path, monkeypatch)
    built, cached = Navigator(big), Navigator(hit)
    draw = random.Random(3)
    rooms = [r for r in big.rooms if r.startswith("sc_r")]
    for _ in range(300):
        here, target = draw.choice(rooms), draw.choice(rooms)
        assert cached.next_hop(here, target) == built.next_hop(here, target)
    assert cached.towers_near("sc_r600") == built.towers_near("sc_r600")
    assert _unread(hit) == len(hit.rooms)  # searched from the graph the cache keeps: no room read


def test_routes_in_the_cached_bundled_world_are_those_of_the_built_one(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    built_world = load_world(use_cache=False)  # it has one-way exits (a drop, a slide), which a cache names
    hit = _cached(built_world, tmp_path, monkeypatch)
    assert any(hit.rooms.oneway.values())  # type: ignore[attr-defined]
    built, cached = Navigator(built_world), Navigator(hit)
    for target in built_world.rooms:
        for here in built_world.rooms:
            assert cached.next_hop(here, target) == built.next_hop(here, target), (here, target)


def test_a_one_way_exit_leads_hunters_in_a_cached_world_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    grid = _grid(3)
    rooms = {**grid.rooms, "chute": Room("f", "Chute", "A chute.", exits={"down": Exit("r0_0")})}  # no way back up
    world = World(**{**grid.__dict__, "rooms": rooms})
    hit = _cached(world, tmp_path, monkeypatch)
    assert Navigator(world).next_hop("chute", "r2_2") == Navigator(hit).next_hop("chute", "r2_2") == "r0_0"


def test_a_cached_world_whose_rooms_were_changed_is_a_miss(big: World, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _cached(big, tmp_path, monkeypatch)
    entry = tmp_path / "cache" / "world-scale-test.json"
    data = entry.read_bytes()
    entry.write_bytes(data.replace(b'"The Warm Junction (20,4)"', b'"The Cold Junction (20,4)"'))
    assert cache.read("scale-test") is None  # found at the start, not when the room is first shown
