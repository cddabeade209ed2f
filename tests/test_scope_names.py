"""Naming things: a player types a singular for a plural name and a plural for a singular one."""

from __future__ import annotations

import dataclasses

from game.engine.game import Game
from game.engine.scope import make_thing, match
from game.textview import render
from game.world.model import World

LAMPS = make_thing("feature", "lamps", "the village lamps", ["lamps"])
VAT = make_thing("feature", "vat", "a sludge vat", ["vat"])
BERRIES = make_thing("item", "berries", "some berries", ["berries"])
SPEAR = make_thing("item", "spear", "an electro-spear", ["spear"])


def test_a_singular_finds_a_thing_named_in_the_plural() -> None:
    assert match("lamp", [LAMPS, SPEAR]) is LAMPS
    assert match("village lamp", [LAMPS, SPEAR]) is LAMPS
    assert match("berry", [BERRIES, SPEAR]) is BERRIES


def test_a_plural_finds_a_thing_named_in_the_singular() -> None:
    assert match("vats", [VAT, SPEAR]) is VAT


def test_a_word_no_thing_has_in_any_form_finds_nothing() -> None:
    assert match("lantern", [LAMPS, VAT, SPEAR]) is None


def test_a_plural_takes_and_drops_every_thing_it_names(game: Game) -> None:
    taken = render(game.step("take keys"), width=None)
    assert "rusty key: Taken." in taken and "brass key: Taken." in taken
    assert "rusty key" in render(game.step("i")) and "brass key" in render(game.step("i"))
    dropped = render(game.step("drop keys"), width=None)
    assert "rusty key: Dropped." in dropped and "brass key: Dropped." in dropped


def test_a_singular_still_names_one_thing(game: Game) -> None:
    assert render(game.step("take key"), width=None) == "Taken."  # the brass key is called "key"
    assert "rusty" not in render(game.step("i"))


def test_taking_scenery_says_it_is_part_of_the_place_even_with_a_thing_lying_here(game: Game) -> None:
    # the yard has a gate (scenery) and things lying about: `take gate` must not be a bare "You can't"
    assert "part of the place" in render(game.step("take gate"), width=None)


def test_examine_takes_a_list_but_not_a_name_with_and_in_it(mini_world: World) -> None:
    lamp = mini_world.items["lamp"]
    named = {**mini_world.items, "lamp": dataclasses.replace(lamp, name="salt and pepper lamp", names=("salt and pepper",))}
    game = Game(dataclasses.replace(mini_world, items=named), seed=1)
    game.opening()
    assert render(game.step("x salt and pepper"), width=None) == "A brass lamp."
    both = render(game.step("x gate and rusty key"), width=None)
    assert "The gate is rusted open." in both and "Rusty." in both
