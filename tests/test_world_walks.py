"""Random play on the bundled world over the commands the JSON protocol offers.

40 walks of 400 turns, eight from the arrival room of each floor (as `city play --start
ROOM` would begin them: from the village alone, random play rarely gets through the first
floor's story in 400 turns). After an ending the only offered command is `undo`, so a walk
counts the ending and plays on. Every offered command must be understood, nothing may
raise, and together the walks must reach 30 rooms on 4 floors and 2 endings.
"""

from __future__ import annotations

from game.engine.game import Game
from game.engine.offers import offers
from game.engine.rng import next_state
from game.world.load import load_world

NOT_UNDERSTOOD = {"unknown_verb", "not_here", "missing_object", "ambiguous", "cant_go", "empty"}
STARTS = ["hunters_loft", "stairwell_landing", "girder_forest_edge", "breach_underside", "plant_intake"]


def walk(world, seed: int, start: str, turns: int) -> tuple[set[str], set[str]]:
    game = Game(world, seed=seed, start=start)
    game.opening()
    rng = seed * 7919 + 1
    rooms: set[str] = set()
    endings: set[str] = set()
    for _ in range(turns):
        offered = offers(game) if game.state.ending else [c for c in offers(game) if c not in ("undo", "quit", "sleep")]
        if not offered:
            break
        rng, roll = next_state(rng)
        command = offered[int(roll * len(offered))]
        events = game.step(command)
        codes = {e.code for e in events if e.type == "error"}
        assert not codes & NOT_UNDERSTOOD, f"seed {seed} from {start}: offered {command!r} was not understood: {codes}"
        rooms.add(game.state.room)
        if game.state.ending:
            endings.add(game.state.ending)
    return rooms, endings


def test_random_walks_understand_every_offer_and_cover_the_world() -> None:
    world = load_world()
    rooms: set[str] = set()
    endings: set[str] = set()
    for seed in range(40):
        visited, ended = walk(world, seed, STARTS[seed % len(STARTS)], 400)
        rooms |= visited
        endings |= ended
    floors = {world.rooms[r].floor for r in rooms}
    print(f"\n40 walks of up to 400 turns: {len(rooms)} rooms on {len(floors)} floors, endings {sorted(endings)}")
    assert len(rooms) >= 30 and len(floors) >= 4
    assert len(endings) >= 2
