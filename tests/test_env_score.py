"""The score as data: milestones in the world, scored once, shown by `score` and `full score`;
the day/food/alert readout is `status`."""

from __future__ import annotations

from game.engine import score
from game.engine.game import Game
from game.textview import render
from game.world.load import load_world


def _game(seed: int = 0) -> Game:
    game = Game(load_world([]), seed=seed)
    game.opening()
    return game


def test_the_bundled_story_names_its_milestones_and_they_add_up_to_a_hundred() -> None:
    world = load_world([])
    assert len(world.milestones) >= 20
    assert score.max_score(world) == 100
    assert all(m.points > 0 and m.text and m.when is not None for m in world.milestones.values())


def test_score_full_score_and_status() -> None:
    game = _game()
    assert "Your score is 0 of a possible 100, in 0 moves." in render(game.step("score"))
    assert "not scored yet" in render(game.step("full score"))
    for command in ["take spear", "down", "northwest", "use spear on frame"]:
        game.step(command)
    assert score.score(game.world, game.state) == 3
    assert "Your score is 3 of a possible 100, in 4 moves." in render(game.step("score"))
    full = render(game.step("full score"))
    assert "3 points for charging your spear at the workshop frame" in full
    status = render(game.step("status"))
    assert "Day 1. The village has food for 30 more days." in status and "score" not in status


def test_a_milestone_is_scored_once_and_undo_takes_it_back() -> None:
    game = _game()
    for command in ["take spear", "down", "northwest", "use spear on frame"]:
        game.step(command)
    assert score.scored(game.state) == ["spear_charged"]
    from game.engine.rules import run

    run(game.turn, ({"score": "spear_charged"},))  # the effect, a second time: nothing more
    assert score.scored(game.state) == ["spear_charged"]
    game.step("undo")
    assert score.score(game.world, game.state) == 0


def test_the_score_effect_scores_a_milestone_without_a_condition() -> None:
    from game.engine.rules import EFFECTS
    from game.world import vocabulary

    assert "score" in EFFECTS and vocabulary.EFFECTS["score"] == "milestone"
    game = _game()
    before = score.score(game.world, game.state)
    EFFECTS["score"](game.turn, "dive_done")
    assert score.score(game.world, game.state) == before + game.world.milestones["dive_done"].points
