"""Naming things: a player types a singular for a plural name and a plural for a singular one."""

from __future__ import annotations

from game.engine.scope import make_thing, match

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
