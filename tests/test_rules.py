"""Conditions and effects: the vocabulary the loader accepts is exactly what the engine runs."""

from __future__ import annotations

import pytest

from game.engine import rules
from game.engine.game import Game
from game.engine.state import INVENTORY
from game.world import vocabulary


def test_engine_implements_exactly_the_vocabulary() -> None:
    assert sorted(rules.CONDITIONS) == sorted(vocabulary.CONDITIONS)
    assert sorted(rules.EFFECTS) == sorted(vocabulary.EFFECTS)


@pytest.mark.parametrize("cond, expected", [
    (None, True),
    ({"in": "yard"}, True),
    ({"in": "shed"}, False),
    ({"on_floor": "ground"}, True),
    ({"with": "ada"}, True),
    ({"with": "bob"}, False),
    ({"visited": "yard"}, True),
    ({"here": "lamp"}, True),
    ({"has": "lamp"}, False),
    ({"flag": "nothing"}, False),
    ({"not": {"flag": "nothing"}}, True),
    ({"all": [{"in": "yard"}, {"with": "ada"}]}, True),
    ({"any": [{"in": "shed"}, {"with": "bob"}]}, False),
    ([{"in": "yard"}, {"here": "lamp"}], True),
    ({"alert_at_least": 1}, False),
    ({"alert_at_most": 0}, True),
    ({"day_at_least": 1}, True),
    ({"food_at_most": 2}, False),
    ({"health_at_most": 2}, True),
    ({"chance": 0}, False),
    ({"chance": 1}, True),
])
def test_conditions(game: Game, cond, expected: bool) -> None:
    assert rules.holds(game.turn, cond) is expected


def test_counters_compare(game: Game) -> None:
    rules.run(game.turn, [{"add": {"trust": 2}}, {"add": {"trust": 1}}])
    assert rules.holds(game.turn, {"at_least": {"trust": 3}})
    assert not rules.holds(game.turn, {"at_most": {"trust": 2}})


def test_effects_change_the_state(game: Game) -> None:
    s = game.state
    rules.run(game.turn, [
        {"give": "lamp"}, {"set": "lit"}, {"set": {"mood": "grim"}}, {"alert": 4}, {"food": 5},
        {"hurt": 1}, {"journal": "Noted."}, {"put": {"character": "bob", "room": "yard"}},
        {"place": {"item": "hatch", "room": "cellar"}},
    ])
    assert s.items["lamp"] == INVENTORY and s.flags == {"lit": True, "mood": "grim"}
    assert s.alert == 4 and s.food == 8 and s.health == 1 and s.journal == ["Noted."]
    assert s.characters["bob"] == "yard" and s.items["hatch"] == "cellar"
    rules.run(game.turn, [{"take": "lamp"}, {"clear": "lit"}, {"leave": "ada"}, {"heal": 5}])
    assert "lamp" not in s.items and "lit" not in s.flags and s.companions == [] and s.health == 2


def test_move_takes_companions_along(game: Game) -> None:
    rules.run(game.turn, [{"move": "cellar"}])
    assert game.state.room == "cellar" and game.state.characters["ada"] == "cellar"


def test_noise_tells_the_safeguard_where_you_are(game: Game) -> None:
    rules.run(game.turn, [{"move": "street"}, {"noise": 2}])
    assert game.state.known == "street"


def test_spawn_and_dismiss(game: Game) -> None:
    rules.run(game.turn, [{"spawn": {"pursuer": "hunter", "room": "tower_foot"}}])
    assert [p.room for p in game.state.pursuers] == ["tower_foot"]
    rules.run(game.turn, [{"dismiss": "all"}])
    assert game.state.pursuers == []


def test_encounter_and_ending_effects(game: Game) -> None:
    rules.run(game.turn, [{"encounter": "fight"}])
    assert game.state.phase == "encounter" and game.state.stage == "first"
    rules.run(game.turn, [{"ending": "dead"}, {"set": "after_the_end"}])
    assert game.state.ending == "dead" and "after_the_end" not in game.state.flags


def test_days_pass_and_food_runs_out(game: Game) -> None:
    rules.run(game.turn, [{"days": 3}])
    assert game.state.ending == "starved"


def test_hurt_to_zero_is_the_death_ending(game: Game) -> None:
    rules.run(game.turn, [{"hurt": 5}])
    assert game.state.ending == "dead"
