"""Every noun of a room's prose answers `examine`: an Inform player types `x` on each of them.

For each room of the bundled world, a game is started there and `x <noun>` is typed for
every noun-like word of the description, the features' texts and what `listen` hears.
"You see no watchtower here" under a sentence about the watchtower is a bug (WRITING.md).

The words are found without a tagger: a word counts when an article, a possessive, a
number or a preposition comes before it within a few words, as nouns do in English
prose. That over-counts (a verb after a noun gets typed too), which costs nothing: the
engine answers every word of the prose, and only a noun can fail.

Run as a script, it also lists the nouns answered only by the engine's last resort (the
sentence that named them) rather than by a feature of their own, floor by floor: the
list writers work from (`python tests/test_prose_nouns.py [floor]`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.engine.game import Game
from game.textview import render
from game.world.load import load_world
from game.world.model import World

_WORD = re.compile(r"[A-Za-z](?:[a-z'-]*[a-z])?|[.,;:!?()\"\u201c\u201d\u2014]")
# what opens a noun phrase
_OPENER_WORDS = (
    "the a an its their his her your our my this that these those some every each no any another one two three "
    "four five six ten hundred many few several of in on at to from with by under over through into onto across "
    "along behind beside between below above beyond among against around near past toward towards")
_OPENERS = frozenset(_OPENER_WORDS.split())
# words that are never nouns worth typing (function words, common adverbs and verbs of prose)
_NEVER_WORDS = (
    "and or but nor yet so than then as if is are was were be been being has have had do does did not it they "
    "them he she you who whom whose which what where when while there here up down out off away back still "
    "only just even also too very more most less much all both either neither own same other such into once "
    "again ever never always already almost nothing something anything everything someone anyone nobody "
    "itself themselves yourself himself herself can could will would shall should may might must for about like "
    "how why because though although until unless whether")
_NEVER = _OPENERS | frozenset(_NEVER_WORDS.split())
_STOP = re.compile(r"[.,;:!?()\"\u201c\u201d\u2014]")


def noun_words(text: str) -> list[str]:
    """The noun-like words of `text`, lower-cased, in order, each once."""
    found: dict[str, None] = {}
    since_opener = 99
    for token in _WORD.findall(text):
        low = token.lower()
        if _STOP.fullmatch(token):
            since_opener = 99
            continue
        if low in _OPENERS:
            since_opener = 0
            continue
        since_opener += 1
        if since_opener <= 3 and low not in _NEVER and not low.endswith("ly") and len(low) > 2 and "'" not in low:
            found[low] = None
    return list(found)


def _world() -> World:
    return load_world()


def room_nouns(world: World, room_id: str) -> list[str]:
    """The nouns of what a player reads in the room at the start: description, features, sounds."""
    room = world.rooms[room_id]
    texts = [room.description, *(f.text for f in room.features.values() if f.when is None)]
    if room.sounds:
        texts.append(room.sounds)
    words: dict[str, None] = {}
    for text in texts:
        words.update(dict.fromkeys(noun_words(text)))
    return list(words)


def examine_all(world: World, room_id: str) -> Iterator[tuple[str, str]]:
    """(noun, what `x noun` answers) for every noun of the room's prose, in a game started there."""
    game = Game(world, seed=1, start=room_id)
    game.opening()
    start = game.snapshot()
    for noun in room_nouns(world, room_id):
        answer = render(game.step(f"x {noun}"), width=None)
        game.restore(start)
        yield noun, answer


WORLD = _world()


@pytest.mark.parametrize("room_id", sorted(WORLD.rooms))
def test_no_noun_of_the_prose_is_missing(room_id: str) -> None:
    missing = [noun for noun, answer in examine_all(WORLD, room_id) if "You see no" in answer]
    assert not missing, f"{room_id}: `x` finds nothing for {missing}: add a feature (or a name of one) for each"


def test_the_noun_finder_reads_like_english() -> None:
    text = "A dry ticking of many legs on iron comes from the east, and the lamps stutter."
    assert noun_words(text) == ["dry", "ticking", "legs", "iron", "comes", "east", "lamps", "stutter"]


def test_a_passing_noun_is_answered_with_the_sentence_that_named_it() -> None:
    game = Game(WORLD, seed=1, start="hunters_loft")
    game.opening()
    answer = render(game.step("x row"), width=None)
    assert "Bedrolls lie along it in a crooked row" in answer
    assert "You see no" not in answer
    # a word the room never names is still refused, plainly
    assert "You see no walrus here" in render(game.step("x walrus"), width=None)


WORDNET = Path("/usr/share/wordnet")  # Debian's wordnet-base: only the report uses it


def _tagged_counts(pos: str) -> dict[str, int]:
    """How often each lemma was tagged as `pos` in WordNet's corpus (its index's tagsense_cnt)."""
    counts: dict[str, int] = {}
    for line in (WORDNET / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        pointers = int(parts[3])
        counts[parts[0]] = int(parts[5 + pointers])
    return counts


def _mostly_noun() -> Callable[[str], bool]:
    """A test for "this word is used mostly as a noun": WordNet's counts where installed, else yes."""
    if not (WORDNET / "index.noun").exists():
        return lambda word: True
    noun, verb, adj = _tagged_counts("noun"), _tagged_counts("verb"), _tagged_counts("adj")

    def test(word: str) -> bool:
        for base in dict.fromkeys([word, word[:-1], word[:-2], word[:-3] + "y"]):
            if base in noun:
                return noun[base] >= max(verb.get(base, 0), adj.get(base, 0))
        return False
    return test


def fallback_report(world: World, floor: str | None = None) -> list[str]:
    """Nouns answered only by the room's own sentence, as `room: noun, noun` lines."""
    is_noun = _mostly_noun()
    lines = []
    for room_id in sorted(world.rooms):
        if floor and world.rooms[room_id].floor != floor:
            continue
        weak = [noun for noun, answer in examine_all(world, room_id) if is_noun(noun) and (
                "nothing more to it than that" in answer or "not something to look at" in answer)]
        if weak:
            lines.append(f"{room_id} ({world.rooms[room_id].floor}): {', '.join(weak)}")
    return lines


if __name__ == "__main__":
    print("\n".join(fallback_report(WORLD, sys.argv[1] if len(sys.argv) > 1 else None)))
