"""The words of a command line: tokens, articles, directions, and splitting a line into commands.

The lowest layer of the parser: it knows no verbs and no world, only how players type.
"""

from __future__ import annotations

import re

DIRECTION_WORDS: dict[str, str] = {
    "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "u": "up", "d": "down",
    "north": "north", "south": "south", "east": "east", "west": "west",
    "northeast": "northeast", "northwest": "northwest", "southeast": "southeast", "southwest": "southwest",
    "up": "up", "down": "down", "in": "in", "out": "out", "inside": "in", "outside": "out",
    "upward": "up", "upwards": "up", "downward": "down", "downwards": "down",
}
ARTICLES = frozenset({"the", "a", "an", "some", "my", "your", "that", "this", "these", "those"})
PRONOUNS = frozenset({"it", "them", "him", "her"})
SPLIT = re.compile(r"\s*(?:[.;!?]+|,\s*then\b|\bthen\b)\s*")
TOKEN = re.compile(r"#[a-z]+:[a-z0-9_]+|[a-z0-9']+")  # '#item:lamp' refers by id (answers to 'Which do you mean')
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_INPUT = 500
EMPTY = "Say what you want to do: try look, or help for the commands."


def split_commands(text: str) -> list[str]:
    """`take lamp. n then look` -> ['take lamp', 'n', 'look']; empty pieces dropped."""
    return [part.strip() for part in SPLIT.split(text[:MAX_INPUT].lower()) if part and part.strip()]


def tokens_of(text: str) -> list[str]:
    """Every word of a command, lower-cased, articles included."""
    return TOKEN.findall(text.lower())


def words_of(text: str) -> list[str]:
    """The words of a phrase, lower-cased, with articles removed."""
    return [w for w in TOKEN.findall(text.lower()) if w not in ARTICLES]


def word_forms(word: str) -> tuple[str, ...]:
    """A word, then its likely plurals and singulars, in a fixed order: players type "lamp"
    for the lamps and "keys" for the keys, and prose says "pipes" where `x pipe` is typed."""
    forms = [word, word + "s", word + "es"]
    if word.endswith("y"):
        forms.append(word[:-1] + "ies")
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return tuple(dict.fromkeys(forms))
