"""Containers, supporters, orders and lists on the tiny world: what the parser issue added."""

from __future__ import annotations

import pytest

from game.engine.errors import Refused
from game.engine.game import Game
from game.engine.rules import holds
from game.engine.saved import checked_state
from game.engine.scope import YOURSELF, make_thing
from game.engine.verbs.tools import FAMILIES, refusal
from game.textview import render


def say(game: Game, command: str) -> str:
    return render(game.step(command), width=None)


def test_put_in_a_closed_box_is_refused_then_works_open_and_shows_when_examined(game: Game) -> None:
    say(game, "take lamp. e")
    assert "The crate is closed." in say(game, "put lamp in crate")
    say(game, "open crate")
    assert "You put the brass lamp in the crate." in say(game, "put lamp in crate")
    assert game.state.items["lamp"] == "in:crate"
    assert "In it you see a brass lamp." in say(game, "examine crate")
    assert holds(game.turn, {"here": "lamp"}) and not holds(game.turn, {"has": "lamp"})
    assert "Taken." in say(game, "take lamp from crate")
    assert holds(game.turn, {"has": "lamp"})


def test_a_shelf_holds_things_on_it_and_the_room_says_so(game: Game) -> None:
    say(game, "take lamp. e")
    assert "Things go on the shelf, not in it." in say(game, "put lamp in shelf")
    assert "You put the brass lamp on the shelf." in say(game, "put lamp on shelf")
    assert "a brass lamp (on the shelf)" in say(game, "look")
    assert "Taken." in say(game, "take lamp")


def test_what_a_carried_box_holds_is_carried_and_can_be_tipped_out(game: Game) -> None:
    say(game, "take lamp. e. open crate. put lamp in crate")
    assert "cannot go in itself" in say(game, "take crate. put crate in crate") or game.state.items["crate"] != "in:crate"
    game.state.items["crate"] = "@inventory"  # the crate is portable in this world
    assert holds(game.turn, {"has": "lamp"})  # in the crate you carry
    assert "You tip a brass lamp out." in say(game, "empty crate")
    assert game.state.items["lamp"] == "shed"


def test_a_save_with_things_in_things_fits_the_world_and_a_bad_holder_does_not(game: Game) -> None:
    say(game, "take lamp. e. put lamp on shelf")
    data = game.state.to_dict()
    assert checked_state(game.world, data).items["lamp"] == "on:shed/shelf"
    data["items"]["lamp"] = "on:shed/nowhere"
    with pytest.raises(ValueError, match="item places"):
        checked_state(game.world, data)


def test_orders_get_an_answer_and_commas_make_lists(game: Game) -> None:
    assert "nobody takes orders" in say(game, "ada, go north")
    assert "nobody takes orders" in say(game, "tell ada to wait")
    out = say(game, "take lamp, rusty key and brass key")
    assert out.count("Taken.") == 3 and "rusty key: Taken." in out
    out = say(game, "drop all but lamp")
    assert "lamp" not in out.split("\n")[0] and game.state.items["lamp"] == "@inventory"


def test_stock_messages_agree_with_one_thing_several_and_a_name() -> None:
    one = make_thing("item", "rod", "sounding rod", ())
    several = make_thing("feature", "coils", "copper coils", ())
    named = make_thing("character", "zuru", "Zuru", (), proper=True)
    for family, words in FAMILIES.items():
        for a in (one, several, named, YOURSELF):
            text = refusal(family, words[0], a, None)
            assert text[:1].isupper(), (family, text)
            assert "the Zuru" not in text and "The Zuru" not in text, (family, text)
            assert "coils is" not in text and "coils has" not in text and "rod are" not in text, (family, text)
            assert "_" not in text and "#" not in text, (family, text)


def test_an_answer_naming_something_gone_says_its_name_never_its_id(game: Game) -> None:
    with pytest.raises(Refused) as refused:
        game.turn.find("#item:rusty_key", [], "take")
    assert refused.value.message == "The rusty key is not here now."
