"""What the player can refer to, and matching typed phrases against it."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.words import TOKEN, word_forms, words_of


@dataclass(frozen=True)
class Thing:
    """Something nameable in scope: an item, a character, a feature, or yourself."""

    kind: str
    id: str
    label: str
    words: frozenset[str]
    phrases: tuple[str, ...]
    proper: bool = False  # a name ("Zuru"), not a noun: no article
    plural: bool = False  # "the coils are", not "the coil is"


SELF = "self"
_NOT_PLURAL = ("ss", "us", "is", "'s")


def make_thing(kind: str, ident: str, label: str, names: tuple[str, ...] | list[str], proper: bool = False) -> Thing:
    """A nameable thing. The words a player can type are its label's and its names', never
    its id's (an id is for writers: `ledge_edge` must not make 'edge' a word)."""
    phrases = [label.lower(), *(n.lower() for n in names)]
    words = {w for p in phrases for w in TOKEN.findall(p)}
    last = label.lower().split()[-1] if label.split() else ""
    plural = not proper and last.endswith("s") and not last.endswith(_NOT_PLURAL)
    return Thing(kind, ident, label, frozenset(words), tuple(dict.fromkeys(phrases)), proper, plural)


YOURSELF = make_thing(SELF, SELF, "yourself", ("me", "myself", "self", "yourself", "you"), proper=True)


def the(thing: Thing, capital: bool = False) -> str:
    """'the coils', 'Zuru', 'yourself': how a stock message names a thing."""
    text = thing.label if thing.proper else f"the {thing.label}"
    return text[:1].upper() + text[1:] if capital else text


def is_are(thing: Thing) -> str:
    return "are" if thing.plural else "is"


def it_them(thing: Thing) -> str:
    if thing.kind == SELF:
        return "yourself"
    return "them" if thing.plural else ("it" if thing.kind != "character" else "them")


class Ambiguous(Exception):
    """More than one thing matches; `things` are the candidates, in scope order."""

    def __init__(self, things: list[Thing]) -> None:
        super().__init__("ambiguous")
        self.things = things


def match(phrase: str, things: list[Thing]) -> Thing | None:
    """The one thing `phrase` names, None if nothing does; raises Ambiguous."""
    words = words_of(phrase)
    if not words:
        return None
    found = _match_words(words, things)
    if found is None and any(w.endswith("s") and len(w) > 3 for w in words):
        # players type plurals ("examine vats"); try the words without their s
        found = _match_words([w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words], things)
    if found is None:
        # and singulars of what the world names in the plural ("turn on lamp" for "the lamps")
        known = {w for t in things for w in t.words}
        plural = [w if w in known else next((p for p in word_forms(w)[1:] if p in known), w) for w in words]
        if plural != words:
            found = _match_words(plural, things)
    return found


def _match_words(words: list[str], things: list[Thing]) -> Thing | None:
    text = " ".join(words)
    exact = [t for t in things if text in t.phrases]
    found = exact or [t for t in things if set(words) <= t.words]
    unique = list({(t.kind, t.id): t for t in found}.values())
    if len(unique) > 1:
        raise Ambiguous(unique)
    return unique[0] if unique else None


def suggest(phrase: str, things: list[Thing]) -> Thing | None:
    """The thing a mistyped phrase most likely meant, for 'did you mean'."""
    import difflib  # only for a phrase that named nothing

    words = words_of(phrase)
    vocabulary = {w: t for t in things for w in sorted(t.words) if len(w) > 2}
    for word in words:
        close = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.75)
        if close:
            return vocabulary[close[0]]
    return None


def list_names(names: list[str], conj: str = "and") -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conj} " + names[-1]
