"""The engine on the tiny test world: moving, things, people, encounters, clock, undo."""

from __future__ import annotations

import pytest

from game.engine.game import Game
from game.engine.phases import IllegalTransition, transition
from game.engine.state import INVENTORY, State
from game.textview import render


def text_of(events: list) -> str:
    return render(events, width=None)


def errors(events: list) -> list[str]:
    return [e.code for e in events if e.type == "error"]


def test_opening_shows_intro_room_and_exits(game: Game, mini_world) -> None:
    out = text_of(Game(mini_world).opening())
    assert "You wake in the yard." in out and "The Yard" in out and "Exits: north, east." in out


def test_moving_and_refusing_a_closed_exit(game: Game) -> None:
    assert "The Shed" in text_of(game.step("e"))
    events = game.step("down")
    assert errors(events) == ["blocked"] and "hatch in the floor is locked" in text_of(events)
    assert errors(game.step("north")) == ["cant_go"]
    assert game.state.room == "shed"


def test_exit_by_room_name(game: Game) -> None:
    game.step("go to the shed")
    assert game.state.room == "shed"


def test_take_drop_all_and_inventory(game: Game) -> None:
    out = text_of(game.step("take all"))
    assert "brass lamp: Taken." in out and "rusty key: Taken." in out
    assert "You are carrying a brass lamp, a rusty key and a brass key." in text_of(game.step("i"))
    game.step("drop all")
    assert game.items_at(INVENTORY) == []


def test_fixed_items_refuse_with_their_own_text(game: Game) -> None:
    game.step("e")
    events = game.step("take hatch")
    assert errors(events) == ["fixed"] and "set in the floor" in text_of(events)


def test_use_on_runs_the_items_effects(game: Game) -> None:
    game.step("take brass key. e. use key on hatch")
    assert game.state.flags["hatch_open"] is True
    game.step("down")
    assert game.state.room == "cellar"


def test_plurals_and_partial_names_find_things(game: Game) -> None:
    assert "A brass lamp." in text_of(game.step("examine lamps"))  # a plural, as players type
    game.step("take rusty")  # one distinguishing word is enough
    assert game.state.items["rusty_key"] == INVENTORY


def test_which_do_you_mean_then_answer(game: Game) -> None:
    events = game.step("examine brass")
    assert errors(events) == ["ambiguous"]
    assert "Which do you mean, the brass lamp or the brass key?" in text_of(events)
    assert "A brass lamp." in text_of(game.step("lamp"))
    game.step("take brass")
    assert "Which do you mean" in text_of(game.step("take brass")) or game.state.pending is None


def test_an_answer_that_is_not_a_choice_runs_as_a_command(game: Game) -> None:
    game.step("examine brass")
    game.step("east")
    assert game.state.room == "shed" and game.state.pending is None


def test_pronoun_it_refers_to_the_last_thing(game: Game) -> None:
    game.step("examine lamp")
    game.step("take it")
    assert game.state.items["lamp"] == INVENTORY


def test_typo_gets_did_you_mean_and_oops_fixes_it(game: Game) -> None:
    out = text_of(game.step("take lmap"))
    assert "Did you mean the brass lamp?" in out
    game.step("oops lamp")
    assert game.state.items["lamp"] == INVENTORY


def test_again_repeats(game: Game) -> None:
    game.step("wait")
    moves = game.state.moves
    game.step("g")
    assert game.state.moves == moves + 1


def test_talk_enters_dialogue_and_topics_answer(game: Game) -> None:
    out = text_of(game.step("talk to ada"))
    assert '"Hello," says Ada.' in out and "ask about tower" in out
    assert game.state.phase == "dialogue"
    assert "Avoid it" in text_of(game.step("tower"))
    assert game.state.journal == ["Ada fears the tower."]
    game.step("n")  # any other command leaves the conversation and runs
    assert game.state.phase == "exploring" and game.state.room == "street"


def test_ask_about_without_dialogue(game: Game) -> None:
    assert '"Home," says Ada.' in text_of(game.step("ask ada about home"))
    assert errors(game.step("ask ada about bananas")) == ["no_topic"]


def test_give_to_someone_who_wants_it(game: Game) -> None:
    game.step("take lamp. e")
    out = text_of(game.step("give lamp to old man"))
    assert "gratefully" in out and game.state.flags["bob_has_lamp"]
    assert "lamp" not in game.state.items


def test_watchtower_sighting_releases_hunters_heard_before_they_arrive(game: Game) -> None:
    out = text_of(game.step("n"))
    assert "It has seen you." in out and game.state.alert == 3
    assert "Feet from the east." in out  # released, heard, not yet here
    assert game.state.phase == "exploring"
    out = text_of(game.step("wait"))
    assert "Hunters burst in." in out and game.state.phase == "encounter"
    assert errors(game.step("wait")) == ["not_now"]


def test_encounter_options_by_number_key_and_label(game: Game) -> None:
    game.step("n. wait")
    game.step("2")  # fight
    assert game.state.stage == "second" and game.state.health == 1
    game.step("fight on")
    assert game.state.phase == "ended" and game.state.ending == "dead"
    assert errors(game.step("look")) == ["game_over"]
    game.step("undo")
    assert game.state.phase == "encounter"


def test_running_from_an_encounter_moves_you(game: Game) -> None:
    game.step("n. wait")
    game.step("run")
    assert game.state.phase == "exploring" and game.state.room == "yard"


def test_hiding_lowers_the_alert_faster(mini_world) -> None:
    g = Game(mini_world, seed=3)
    g.opening()
    g.state.room = "street"
    g.state.alert = 2
    g.step("hide")
    for _ in range(4):
        g.step("wait")
    assert g.state.alert == 0


def test_the_clock_starves_the_village(game: Game) -> None:
    for _ in range(2):
        game.step("sleep")
        game.step("yes")
    assert game.state.food == 1
    game.step("sleep")
    out = text_of(game.step("yes"))
    assert game.state.ending == "starved" and "Starved" in out


def test_sleep_refused_outside_safety(game: Game) -> None:
    game.step("e")
    assert errors(game.step("sleep")) == ["unsafe"]


def test_undo_and_redo_restore_state_including_the_rng(game: Game) -> None:
    before = game.state.to_dict()
    game.step("n")
    game.step("undo")
    assert game.state.to_dict() == before
    game.step("redo")
    assert game.state.room == "street"


def test_refusals_are_not_turns_to_undo(game: Game) -> None:
    game.step("e")
    game.step("frabjous")
    game.step("take lmap")
    game.step("undo")
    assert game.state.room == "yard"


def test_state_roundtrips_through_json(game: Game) -> None:
    import json

    game.step("take lamp. n. wait")
    data = json.loads(json.dumps(game.state.to_dict()))
    assert State.from_dict(data) == game.state


def test_phase_changes_are_named_and_the_table_refuses_the_rest(game: Game) -> None:
    s = game.state
    transition(s, "begin_encounter")
    assert s.phase == "encounter"
    with pytest.raises(IllegalTransition):
        transition(s, "begin_conversation")  # not in the middle of a fight
    transition(s, "end_game")
    for name in ("end_encounter", "begin_conversation", "end_conversation", "begin_encounter", "end_game"):
        with pytest.raises(IllegalTransition):
            transition(s, name)
    assert s.phase == "ended"


def test_same_seed_same_transcript_and_different_seed_may_differ(mini_world) -> None:
    def play(seed: int) -> str:
        g = Game(mini_world, seed=seed)
        out = [text_of(g.opening())]
        for cmd in ["n", "hide", "wait", "wait", "wait", "wait", "wait", "wait"]:
            out.append(text_of(g.step(cmd)))
        return "\n".join(out) + repr(g.state.rng)

    assert play(5) == play(5)
    assert len({play(s) for s in range(6)}) > 1


def test_the_fast_state_copy_matches_asdict_and_shares_nothing(game: Game) -> None:
    from dataclasses import asdict

    from game.engine.state import Pursuit

    game.step("take lamp. n")  # items moved, a sighting, released hunters
    game.state.pursuers.append(Pursuit("hunter", "tower_foot"))
    game.state.pending = {"command": "take \x00", "candidates": ["item:lamp", "item:brass_key"]}
    assert game.state.pursuers and game.state.pending
    copy = game.state.to_dict()
    assert copy == asdict(game.state)
    copy["items"]["lamp"] = "moon"
    copy["pending"]["candidates"].append("x")
    copy["pursuers"][0]["room"] = "moon"
    assert game.state.items["lamp"] != "moon" and "x" not in game.state.pending["candidates"]
    assert game.state.pursuers[0].room != "moon"


def test_stage_effects_run_when_the_stage_begins(mini_world) -> None:
    from dataclasses import replace as swap

    enc = mini_world.encounters["fight"]
    second = swap(enc.stages["second"], effects=({"set": "second_stage_seen"},))
    world = swap(mini_world, encounters={**mini_world.encounters, "fight": swap(enc, stages={**enc.stages, "second": second})})
    g = Game(world, seed=1)
    g.opening()
    g.step("n. wait")
    assert "second_stage_seen" not in g.state.flags
    g.step("fight")
    assert g.state.flags["second_stage_seen"] is True and g.state.stage == "second"


def test_a_stage_whose_options_all_fail_ends_the_encounter(mini_world) -> None:
    from dataclasses import replace as swap

    enc = mini_world.encounters["fight"]
    first = enc.stages["first"]
    closed = swap(first, options=tuple(swap(o, when={"flag": "never"}) for o in first.options))
    world = swap(mini_world, encounters={**mini_world.encounters, "fight": swap(enc, stages={**enc.stages, "first": closed})})
    g = Game(world, seed=1)
    g.opening()
    g.step("n. wait")
    assert g.state.phase == "exploring"


def test_verbs_the_text_invites_map_to_use_and_handle(game: Game) -> None:
    game.step("take brass key. e")
    game.step("put key in hatch")  # put X in Y is use X on Y
    assert game.state.flags.get("hatch_open") is True
    out = text_of(game.step("w. lift gate"))
    assert "You lift the gate, but nothing comes of it." in out
    assert "Nothing in the City waves back." in text_of(game.step("wave"))
    game.step("put the key down")
    assert game.state.items["brass_key"] == "yard"


def test_which_do_you_mean_takes_a_number(game: Game) -> None:
    game.step("examine brass")
    assert "A brass key." in text_of(game.step("2"))


def test_days_passing_at_once_make_one_line(game: Game) -> None:
    from game.engine import rules
    from game.engine.game import merged

    game.turn.events = []
    rules.run(game.turn, [{"days": 2}])
    lines = [e for e in merged(game.turn.events) if e.type == "day_passed"]
    assert len(lines) == 1 and lines[0].days == 2 and "2 days pass." in text_of(lines)


def test_scenery_can_be_worked_by_hand_and_arrivals_come_first(mini_world) -> None:
    from dataclasses import replace as swap

    from game.world.model import Trigger

    yard = mini_world.rooms["yard"]
    gate = swap(yard.features["gate"], handle=(Trigger(text="The gate swings wider.", effects=({"set": "gate_wide"},)),))
    street = mini_world.rooms["street"]
    journey = Trigger(text="You walk out past the gate.", arrival=True)
    world = swap(mini_world, rooms={**mini_world.rooms, "yard": swap(yard, features={**yard.features, "gate": gate}),
                                    "street": swap(street, on_enter=(journey, *street.on_enter))})
    g = Game(world, seed=1)
    g.opening()
    assert "The gate swings wider." in text_of(g.step("pull gate")) and g.state.flags["gate_wide"]
    assert "The gate swings wider." in text_of(g.step("open gate"))
    out = text_of(g.step("n"))
    assert out.index("You walk out past the gate.") < out.index("The Street")


def test_more_natural_verbs(game: Game) -> None:
    game.step("take brass key. e")
    game.step("drop key in hatch")  # dropping something into something is using it there
    assert game.state.flags.get("hatch_open") is True
    assert "The old man would rather you didn't." in text_of(game.step("wave at man"))
    assert "is no way to go anywhere" in text_of(game.step("w. climb gate"))


def test_goodbye_by_its_number_in_a_conversation(game: Game) -> None:
    out = text_of(game.step("talk to ada"))
    assert "3. say goodbye [bye]" in out
    game.step("3")
    assert game.state.phase == "exploring"
