"""From what the player typed to commands: verbs, directions, objects and prepositions.

The parser knows the words of text adventures (directions and their abbreviations, the
usual verbs and their synonyms); the nouns come from the world and are resolved by the
game against what is in scope. Refusals raise ParseError with a code and a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIRECTION_WORDS: dict[str, str] = {
    "n": "north", "s": "south", "e": "east", "w": "west",
    "ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest",
    "u": "up", "d": "down",
    "north": "north", "south": "south", "east": "east", "west": "west",
    "northeast": "northeast", "northwest": "northwest", "southeast": "southeast", "southwest": "southwest",
    "up": "up", "down": "down", "in": "in", "out": "out", "inside": "in", "outside": "out",
    "upward": "up", "upwards": "up", "downward": "down", "downwards": "down",
}

# canonical verb -> words that mean it (the first is how help names it)
VERBS: dict[str, tuple[str, ...]] = {
    "go": ("go", "walk", "run", "head", "travel", "move", "climb", "crawl", "enter", "exit", "leave"),
    "look": ("look", "l"),
    "examine": ("examine", "x", "inspect", "check", "read", "study", "search", "describe"),
    "take": ("take", "get", "grab", "collect", "carry", "steal", "pick"),
    "drop": ("drop", "discard", "abandon"),
    "inventory": ("inventory", "i", "inv"),
    "open": ("open", "unseal"),
    "close": ("close", "shut", "seal"),
    "use": ("use", "apply", "activate", "fire", "shoot", "operate", "soak", "wet", "dip", "pour", "fill",
            "put", "place", "insert", "plug", "attach", "clip", "tie", "hook", "connect", "charge", "drink", "eat",
            "light", "unlock", "cut", "empty", "tip", "wear"),
    "handle": ("lift", "turn", "pull", "push", "press", "twist", "touch", "wave", "shake", "knock", "tap", "rub",
               "kick", "feel", "raise", "lower", "slide"),
    "give": ("give", "offer", "hand", "show"),
    "talk": ("talk", "speak", "greet", "hail", "chat"),
    "ask": ("ask", "question", "tell"),
    "wait": ("wait", "z"),
    "sleep": ("sleep", "rest", "camp"),
    "hide": ("hide", "crouch", "duck", "cower"),
    "listen": ("listen", "hear"),
    "attack": ("attack", "fight", "kill", "hit", "strike", "stab"),
    "again": ("again", "g"),
    "oops": ("oops", "o"),
    "undo": ("undo",),
    "redo": ("redo",),
    "save": ("save",),
    "saves": ("saves",),
    "load": ("load", "restore"),
    "help": ("help", "commands", "h"),
    "hint": ("hint", "hints", "clue"),
    "map": ("map",),
    "journal": ("journal", "notes", "notebook"),
    "score": ("score", "status", "time"),
    "verbose": ("verbose",),
    "brief": ("brief", "terse"),
    "bye": ("bye", "goodbye", "farewell"),
    "quit": ("quit", "q"),
}

PHRASES: dict[tuple[str, ...], str] = {
    ("pick", "up"): "take",
    ("put", "down"): "drop",
    ("look", "at"): "examine",
    ("look", "in"): "examine",
    ("look", "inside"): "examine",
    ("look", "around"): "look",
    ("talk", "to"): "talk",
    ("talk", "with"): "talk",
    ("speak", "to"): "talk",
    ("speak", "with"): "talk",
    ("go", "to"): "go",
    ("turn", "on"): "use",
    ("switch", "on"): "use",
    ("listen", "to"): "listen",
    ("wait", "for"): "wait",
    ("lie", "down"): "sleep",
    ("go", "to", "sleep"): "sleep",
}

WORD_TO_VERB: dict[str, str] = {w: v for v, words in VERBS.items() for w in words}
ARTICLES = frozenset({"the", "a", "an", "some", "my", "your", "that", "this", "these", "those"})
PRONOUNS = frozenset({"it", "them", "him", "her"})
SPLIT = re.compile(r"\s*(?:[.;!?]+|,\s*then\b|\bthen\b)\s*")
TOKEN = re.compile(r"#[a-z]+:[a-z0-9_]+|[a-z0-9']+")  # '#item:lamp' refers by id (answers to 'Which do you mean')
MAX_INPUT = 500


class ParseError(Exception):
    """The input could not be understood; `code` is for the JSON protocol."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Parsed:
    """One command: a canonical verb, the words of its object(s), and the raw text."""

    verb: str
    obj: str = ""
    prep: str = ""
    obj2: str = ""
    raw: str = ""


def split_commands(text: str) -> list[str]:
    """`take lamp. n then look` -> ['take lamp', 'n', 'look']; empty pieces dropped."""
    return [part.strip() for part in SPLIT.split(text[:MAX_INPUT].lower()) if part and part.strip()]


def words_of(text: str) -> list[str]:
    """The words of a phrase, lower-cased, with articles removed."""
    return [w for w in TOKEN.findall(text.lower()) if w not in ARTICLES]


def parse(text: str) -> Parsed:
    """Parse one command (no separators). Raises ParseError."""
    tokens = TOKEN.findall(text.lower())
    raw = " ".join(tokens)
    if not tokens:
        raise ParseError("empty", "Say what you want to do: try look, or help for the commands.")
    for length in (3, 2):
        head = tuple(tokens[:length])
        if head in PHRASES:
            return _shape(PHRASES[head], tokens[length:], raw)
    first = tokens[0]
    if first in ("put", "set", "lay") and tokens[-1] == "down" and len(tokens) > 2:
        return _shape("drop", tokens[1:-1], raw)  # "put the spear down"
    if first in DIRECTION_WORDS and (len(tokens) == 1 or first not in ("in", "out")):
        if len(tokens) == 1:
            return Parsed("go", DIRECTION_WORDS[first], raw=raw)
    if first in WORD_TO_VERB:
        verb = WORD_TO_VERB[first]
        if first in ("enter",) and len(tokens) == 1:
            return Parsed("go", "in", raw=raw)
        if first in ("exit", "leave") and len(tokens) == 1:
            return Parsed("go", "out", raw=raw)
        if first == "climb" and tokens[1:2] in (["up"], ["down"]):
            return Parsed("go", tokens[1], raw=raw)
        return _shape(verb, tokens[1:], raw)
    if first.isdigit():
        return Parsed("choose", first, raw=raw)
    import difflib  # only for a word we do not know

    close = difflib.get_close_matches(first, list(WORD_TO_VERB) + [d for d in DIRECTION_WORDS if len(d) > 2], n=1, cutoff=0.75)
    hint = f" Did you mean '{close[0]}'?" if close else " Type help for the commands."
    raise ParseError("unknown_verb", f"I don't know the word '{first}'.{hint}")


def _shape(verb: str, rest: list[str], raw: str) -> Parsed:
    rest = [w for w in rest if w not in ARTICLES]
    if verb == "go":
        if rest and rest[0] in DIRECTION_WORDS and len(rest) == 1:
            return Parsed("go", DIRECTION_WORDS[rest[0]], raw=raw)
        if rest[:1] == ["to"]:
            rest = rest[1:]
        return Parsed("go", " ".join(rest), raw=raw)
    if verb == "ask":
        if "about" in rest:
            i = rest.index("about")
            return Parsed("ask", " ".join(rest[:i]), "about", " ".join(rest[i + 1:]), raw)
        return Parsed("ask", "", "about", " ".join(rest), raw)
    if verb == "drop" and any(p in rest[1:] for p in ("in", "into", "on", "onto")):
        verb = "use"  # "drop the probe in the seam" puts it somewhere: use X on Y
    if verb == "handle" and rest[:1] in (["at"], ["to"], ["on"], ["with"]):
        rest = rest[1:]  # "wave at the eye"
    if verb in ("use", "give", "attack", "handle"):
        preps = ("to",) if verb == "give" else ("on", "with", "at", "into", "in", "onto", "against", "to", "from", "under", "through")
        for prep in preps:
            if prep in rest[1:]:
                i = rest.index(prep, 1)
                return Parsed(verb, " ".join(rest[:i]), prep, " ".join(rest[i + 1:]), raw)
    if verb in ("take", "drop") and rest:
        if rest[-1] in ("up", "down"):
            rest = rest[:-1]
    return Parsed(verb, " ".join(rest), raw=raw)
