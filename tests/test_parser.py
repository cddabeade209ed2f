"""The parser: the words text-adventure players type out of habit."""

import pytest

from game.engine.errors import ParseError
from game.engine.grammar import Command
from game.engine.parser import parse as parse_with
from game.engine.verbs import REGISTRY
from game.engine.words import split_commands


def parse(text: str) -> Command:
    return parse_with(text, REGISTRY)


def shape(command: Command) -> tuple[str, str, str, str]:
    return (command.verb, command.obj, command.prep, command.obj2)


@pytest.mark.parametrize("typed, direction", [
    ("n", "north"), ("s", "south"), ("e", "east"), ("w", "west"),
    ("ne", "northeast"), ("nw", "northwest"), ("se", "southeast"), ("sw", "southwest"),
    ("u", "up"), ("d", "down"), ("north", "north"), ("go north", "north"), ("go n", "north"),
    ("walk west", "west"), ("climb up", "up"), ("enter", "in"), ("exit", "out"), ("in", "in"),
])
def test_directions_and_abbreviations(typed: str, direction: str) -> None:
    assert shape(parse(typed)) == ("go", direction, "", "")


@pytest.mark.parametrize("typed, verb, obj", [
    ("l", "look", ""), ("look", "look", ""), ("x lamp", "examine", "lamp"),
    ("examine the brass lamp", "examine", "brass lamp"), ("look at lamp", "examine", "lamp"),
    ("get lamp", "take", "lamp"), ("pick up the lamp", "take", "lamp"), ("pick lamp up", "take", "lamp"),
    ("take all", "take", "all"), ("drop all", "drop", "all"), ("put down lamp", "drop", "lamp"),
    ("i", "inventory", ""), ("inv", "inventory", ""), ("z", "wait", ""), ("g", "again", ""),
    ("talk to ada", "talk", "ada"), ("speak with ada", "talk", "ada"), ("restore", "load", ""),
    ("load slot1", "load", "slot1"), ("save", "save", ""), ("undo", "undo", ""), ("q", "quit", ""),
])
def test_verbs_and_synonyms(typed: str, verb: str, obj: str) -> None:
    parsed = parse(typed)
    assert (parsed.verb, parsed.obj) == (verb, obj)


def test_use_on_and_give_to_split_into_two_objects() -> None:
    assert shape(parse("use brass key on hatch")) == ("use", "brass key", "on", "hatch")
    assert shape(parse("give the lamp to bob")) == ("give", "lamp", "to", "bob")


def test_ask_about() -> None:
    parsed = parse("ask ada about the tower")
    assert (parsed.verb, parsed.obj, parsed.obj2) == ("ask", "ada", "tower")
    assert parse("ask about tower").obj2 == "tower"


def test_several_commands_on_one_line() -> None:
    assert split_commands("take lamp. n then look; e, then w") == ["take lamp", "n", "look", "e", "w"]
    assert split_commands("...  ;;") == []


def test_unknown_verb_suggests_the_nearest_word() -> None:
    with pytest.raises(ParseError) as err:
        parse("examnie lamp")
    assert err.value.code == "unknown_verb"
    assert "examine" in err.value.message


def test_nonsense_gets_a_sentence_not_a_crash() -> None:
    with pytest.raises(ParseError) as err:
        parse("frabjous")
    assert err.value.code == "unknown_verb" and "help" in err.value.message
    with pytest.raises(ParseError) as err:
        parse("   ")
    assert err.value.code == "empty"


def test_numbers_choose() -> None:
    assert parse("2").verb == "choose"
