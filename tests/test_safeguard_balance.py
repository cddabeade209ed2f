"""The Safeguard's tuning holds (issue 18): scripted players on `game.env.CityEnv` (see
bench/policies.py, which reports the full figures on 50 seeds each and per floor).

On 20 seeds each: the reckless player dies before the last floor in at least half its games,
the cautious one finishes in at least four of five. A change to the pursuit, the emitter's
cost or the fights that breaks either shows here first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from policies import Player, Result, route  # bench/ is not a package: found on the path above

from game.env import CityEnv

GAMES = 20


def results(careful: bool) -> list[Result]:
    env = CityEnv(seed=0)
    player = Player(careful, route())
    return [player.play(env, seed) for seed in range(1000, 1000 + GAMES)]


@pytest.fixture(scope="module")
def last_level() -> int:
    return max(f.level for f in CityEnv(seed=0).world.floors.values())


def test_the_reckless_player_dies_before_the_last_floor_in_half_its_games(last_level: int) -> None:
    died = [r for r in results(careful=False) if r.kind == "death" and r.level < last_level]
    assert len(died) * 2 >= GAMES, f"the reckless player died early in only {len(died)} of {GAMES} games"


def test_the_cautious_player_finishes_four_games_in_five() -> None:
    finished = [r for r in results(careful=True) if r.kind in ("victory", "partial")]
    assert len(finished) * 5 >= GAMES * 4, f"the cautious player finished only {len(finished)} of {GAMES} games"
