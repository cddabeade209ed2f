"""Random play on the bundled world over the commands the JSON protocol offers.

Every offered command must be understood, nothing may raise, and walks should find a good
part of the world and an ending (the figures are printed with -s).
"""

from __future__ import annotations

from game.engine.game import Game
from game.engine.offers import offers
from game.engine.rng import next_state
from game.world.load import load_world

NOT_UNDERSTOOD = {"unknown_verb", "not_here", "missing_object", "ambiguous", "cant_go", "empty"}


def walk(world, seed: int, turns: int) -> tuple[set[str], set[str], str | None]:
    game = Game(world, seed=seed)
    game.opening()
    rng = seed * 7919 + 1
    floors: set[str] = set()
    for _ in range(turns):
        offered = [c for c in offers(game) if c not in ("undo", "quit", "sleep")]
        if not offered:
            break
        rng, roll = next_state(rng)
        command = offered[int(roll * len(offered))]
        events = game.step(command)
        codes = {e.code for e in events if e.type == "error"}
        assert not codes & NOT_UNDERSTOOD, f"seed {seed}: offered {command!r} was not understood: {codes}"
        floors.add(game.world.rooms[game.state.room].floor)
        if game.state.ending:
            break
    return set(game.state.visited), floors, game.state.ending


def test_random_walks_understand_every_offer_and_reach_endings() -> None:
    world = load_world()
    rooms: set[str] = set()
    endings: set[str] = set()
    for seed in range(40):
        visited, _floors, ending = walk(world, seed, 400)
        rooms |= visited
        if ending:
            endings.add(ending)
    print(f"\n40 walks of up to 400 turns: {len(rooms)} of {len(world.rooms)} rooms, endings {sorted(endings)}")
    assert len(rooms) >= len(world.rooms) * 2 // 3
    assert endings  # random play can end the game (a death, at least)
