"""Invariant: any text typed at any time gets an answer; nothing a player types raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.game import Game
from game.engine.offers import offers
from game.textview import render

WORDS = ["n", "s", "e", "w", "u", "d", "take", "drop", "all", "it", "lamp", "key", "brass", "rusty",
         "x", "use", "on", "give", "to", "ada", "bob", "talk", "ask", "about", "tower", "hide", "wait",
         "undo", "redo", "again", "oops", "1", "2", "3", "run", "fight", "then", ".", "sleep", "look",
         "map", "journal", "hint", "score", "bye", "the", "open", "close", "hatch", "listen", "save", "load"]

typed = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=st.lists(typed, min_size=1, max_size=25), seed=st.integers(0, 2**32))
def test_no_input_ever_raises(mini_world, script: list[str], seed: int) -> None:
    game = Game(mini_world, seed=seed)
    game.opening()
    for text in script:
        events = game.step(text)
        assert events, f"no answer to {text!r}"
        requests = ("save_requested", "load_requested", "saves_requested", "quit_requested", "script_requested")
        assert render(events) or any(e.type in requests for e in events)
        offers(game)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choices=st.lists(st.integers(0, 1000), min_size=5, max_size=60), seed=st.integers(0, 1000))
def test_every_offered_command_is_understood(mini_world, choices: list[int], seed: int) -> None:
    game = Game(mini_world, seed=seed)
    game.opening()
    for pick in choices:
        offered = offers(game)
        if not offered:
            break
        command = offered[pick % len(offered)]
        events = game.step(command)
        codes = [e.code for e in events if e.type == "error"]
        confused = {"unknown_verb", "not_here", "missing_object", "ambiguous", "not_now", "cant_go"}
        assert not set(codes) & confused, (command, codes)


PHASES = {
    "exploring": [],
    "dialogue": ["talk to ada"],
    "encounter": ["n", "wait"],
    "ended": ["n", "wait", "fight", "fight"],
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(phase=st.sampled_from(sorted(PHASES)), script=st.lists(typed, min_size=1, max_size=8))
def test_no_input_raises_in_any_phase(mini_world, phase: str, script: list[str]) -> None:
    game = Game(mini_world, seed=1)
    game.opening()
    for command in PHASES[phase]:
        game.step(command)
    assert game.state.phase == phase
    for text in script:
        assert game.step(text)
