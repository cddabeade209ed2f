"""The Safeguard bites (issue 18): the emitter's cost, hunters in numbers, wounds with teeth,
and a game that says which of hiding, running and breaking line of sight worked.

Each test sets up the bundled world's own rooms and hunters; each guard's test fails when
the guard is taken out (see the comments on what each one holds).
"""

from __future__ import annotations

import pytest

from game.engine import pursuit, rng
from game.engine.game import Game
from game.engine.state import Pursuit
from game.textview import render
from game.world.load import load_world
from game.world.model import World


@pytest.fixture(scope="module")
def world() -> World:
    return load_world()


def game_at(world: World, room: str, seed: int = 1) -> Game:
    game = Game(world, seed=seed, start=room)
    game.state.companions = ["zuru", "killy"]
    game.state.characters.update(zuru=room, killy=room)
    game.opening()
    return game


def fight(game: Game, encounter: str, pursuer: str) -> str:
    """Start a Safeguard fight here, as a hunter reaching the player does; what it says."""
    game.state.encounter_pursuer = pursuer
    game.turn.events = []
    game.turn.start_encounter(encounter)
    return render(game.turn.events, width=None)


def keys(game: Game) -> list[str]:
    return [o.key for o in game.options()]


# -- the emitter ----------------------------------------------------------------------------

def test_a_shot_must_recover_and_the_game_says_why(world: World) -> None:
    game = game_at(world, "skeleton_deck")
    fight(game, "dropper_attack", "dropper")
    assert "beam" in keys(game)
    game.step("beam")
    assert game.state.phase == "exploring"
    left = world.game.beam.recover - 1  # the shot's own turn has passed
    assert pursuit.beam_turns_left(game.turn, "killy") == left
    said = fight(game, "dropper_attack", "dropper")
    assert "beam" not in keys(game)  # fails if beam_ready always held
    assert f"{left} more turns before it can fire" in said
    game.step("run")
    game.state.phase, game.state.encounter, game.state.stage = "exploring", None, None
    game.state.moves += left
    fight(game, "dropper_attack", "dropper")
    assert "beam" in keys(game)


def test_a_shot_raises_the_floors_alert_and_calls_its_hunters(world: World) -> None:
    game = game_at(world, "skeleton_deck")
    game.state.alert = 3
    fight(game, "dropper_attack", "dropper")
    game.step("beam")
    # the old beam set the alert to nothing; now the floor hears every shot
    assert game.state.alert >= 3 + world.game.beam.alert - 1  # (a turn of decay at most)
    assert game.state.known == "skeleton_deck"


def test_a_shot_in_a_fight_can_wound_killy_and_slow_the_next(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rng, "derived", lambda seed, moves, salt: 0.0)
    game = game_at(world, "skeleton_deck")
    fight(game, "dropper_attack", "dropper")
    said = render(game.step("beam"), width=None)
    assert game.state.flags.get("killy_wounds") == 1
    assert "His sleeve is dark" in said
    recover = world.game.beam.recover
    assert pursuit.beam_turns_left(game.turn, "killy") == recover - 1  # this shot's recovery was set before the wound
    game.state.moves += recover
    fight(game, "dropper_attack", "dropper")
    game.step("beam")
    assert pursuit.beam_turns_left(game.turn, "killy") == 2 * recover - 1  # the next one is twice as long


def test_a_story_shot_outside_a_fight_does_not_wound(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rng, "derived", lambda seed, moves, salt: 0.0)
    game = game_at(world, "skeleton_deck")
    pursuit.fire_beam(game.turn, "killy")  # encounter_pursuer is None: not a fight with the Safeguard
    assert "killy_wounds" not in game.state.flags


# -- hunting in numbers, hiding, running, line of sight -------------------------------------

def test_the_second_hunter_makes_for_a_way_out_not_for_the_player(world: World) -> None:
    game = game_at(world, "skeleton_deck")
    s = game.state
    s.known = "skeleton_deck"
    s.pursuers = [Pursuit("dropper", "lens_gantry"), Pursuit("dropper", "feed_conduits")]
    lead, second = s.pursuers
    assert pursuit._target(game.turn, lead, 0) == "skeleton_deck"
    flank = pursuit._target(game.turn, second, 1)
    assert flank in ("builders_wake", "megastructure_face")  # a way out, not the lead's side (the gantry)


def test_two_sides_at_once_are_called_cut_off(world: World) -> None:
    game = game_at(world, "skeleton_deck")
    s = game.state
    s.alert, s.known = 5, "skeleton_deck"
    s.pursuers = [Pursuit("dropper", "builders_wake", None, 9), Pursuit("dropper", "megastructure_face", None, 9)]
    game.turn.events = []
    pursuit._heard(game.turn)
    assert "those ways out are cut off" in render(game.turn.events, width=None)


def test_a_wounded_player_is_heard_two_rooms_away(world: World) -> None:
    game = game_at(world, "skeleton_deck")
    far = "pour_front"  # two rooms from the deck, by the Builders' wake
    assert game.turn.direction_to(far) is None
    game.state.health = world.game.health
    assert not pursuit._earshot(game.turn, far)
    game.state.health = world.game.alert.wounded_at  # fails if a wound made no noise
    assert pursuit._earshot(game.turn, far)


def test_hiding_says_whether_it_worked_and_why(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    game = game_at(world, "girder_forest")
    s = game.state
    s.hidden, s.alert, s.known = True, 5, None
    s.pursuers = [Pursuit("dropper", "girder_forest", None, 6)]
    monkeypatch.setattr(game.turn, "roll", lambda: 0.0)
    game.turn.events = []
    pursuit._contact(game.turn, s.pursuers[0])
    assert "Hiding worked" in render(game.turn.events, width=None)
    s.health = world.game.alert.wounded_at
    monkeypatch.setattr(game.turn, "roll", lambda: 0.99)
    game.turn.events = []
    pursuit._contact(game.turn, s.pursuers[0])
    said = render(game.turn.events, width=None)
    assert "Hiding is not enough this time: you are wounded" in said
    assert s.encounter == "dropper_attack"


def test_breaking_line_of_sight_is_told(world: World) -> None:
    game = game_at(world, "builders_wake")
    s = game.state
    s.alert, s.known = 5, "builders_wake"
    s.pursuers = [Pursuit("dropper", "lens_gantry", None, 9)]
    said = render(game.step("south"), width=None)  # into the pour front: out of the pod's sight
    assert "Out of sight here. The hunters will make for the last place they knew you" in said


def test_no_hunter_is_released_under_the_players_feet(world: World) -> None:
    game = game_at(world, "eye_anchor")
    s = game.state
    s.alert, s.known = 6, "eye_anchor"
    game.turn.events = []
    pursuit._release(game.turn)
    assert s.pursuers == []  # fails if a tower released into the room you stand in
    s.room = "switchbacks"
    pursuit._release(game.turn)
    assert [p.room for p in s.pursuers] == ["eye_anchor"]


# -- the seed -------------------------------------------------------------------------------

def test_ambient_draws_are_pure_and_leave_the_story_rng_alone(world: World) -> None:
    game = game_at(world, "skeleton_deck")
    s = game.state
    before = s.rng
    first = [game.turn.holds({"ambient": 0.5}) for _ in range(5)]
    assert s.rng == before and len(set(first)) == 1  # the same turn, the same answer
    hits = 0
    for moves in range(2000):
        s.moves = moves
        hits += game.turn.holds({"ambient": 0.1})
    assert 150 < hits < 250  # about one turn in ten
    assert len({_ambient_on_turn_seven(world, seed) for seed in range(40)}) == 2  # and it varies with the seed


def _ambient_on_turn_seven(world: World, seed: int) -> bool:
    game = Game(world, seed=seed)
    game.state.moves = 7
    return game.turn.holds({"ambient": 0.5})


def test_a_wounded_player_is_slower_the_hunt_gains_on_each_move(world: World) -> None:
    route = ["glass_causeway", "hesper_gate", "hesper_avenue", "caught"]  # the hunter's way after you

    def after_a_step(health: int) -> str:
        game = game_at(world, "hesper_gate")
        s = game.state
        s.health, s.alert, s.known = health, 5, "hesper_gate"
        s.pursuers = [Pursuit("dominion_exterminator", "glass_causeway", None, 9)]
        game.step("north")  # on up the avenue, away from the causeway
        if s.encounter is not None:
            return "caught"
        return next(p.room for p in s.pursuers if p.tower is None)  # (the tower may send more)

    assert world.game.alert.wounded_lag > 0
    whole = after_a_step(world.game.health)
    hurt = after_a_step(world.game.alert.wounded_at)
    assert route.index(hurt) > route.index(whole)  # fails if a wound cost no speed


def test_the_limp_never_brings_a_fight_into_the_middle_of_a_move(world: World) -> None:
    game = game_at(world, "hesper_avenue")
    s = game.state
    s.health, s.alert, s.known = world.game.alert.wounded_at, 5, "hesper_avenue"
    s.pursuers = [Pursuit("dominion_exterminator", "glass_causeway", None, 9)]
    game.turn.enter("hesper_gate")  # as a story's `move` effect would, with more effects to come
    assert s.encounter is None  # fails if the limp's extra step reached the player
    assert s.pursuers[0].room == "glass_causeway"
    assert s.known == "hesper_gate"  # but it heard where you went


def test_hunters_that_pass_over_a_hidden_player_move_on(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    game = game_at(world, "bracket_gallery")
    s = game.state
    s.hidden, s.alert, s.known = True, 5, None
    hunter = Pursuit("stair_exterminator", "bracket_gallery", None, 6)
    s.pursuers = [hunter]
    monkeypatch.setattr(game.turn, "roll", lambda: 0.0)
    pursuit._contact(game.turn, hunter)
    assert hunter.room != "bracket_gallery"  # fails if they stayed to sweep the room again every turn
