"""Verbs declared, not dispatched by hand: a registry of verbs and their grammar lines.

A verb is one handler registered with its grammar lines, the phases it may run in, whether
it takes a turn, and its help (the docstring's first line). A grammar line, as in Inform's
`Verb 'take' * noun 'from' noun`, is a head (the verb's words, `|` between alternatives,
`+` inside a word group: `pick+up`) then literal words and slots:

    "take|get|grab [obj]"                 a thing (all the words up to the next literal)
    "use [obj] on|with|at [obj2]"         two things and the preposition between them
    "go|walk [direction]"                 exactly one direction word (n, up, in...)
    "listen+to [_]"                       words that are read and ignored

One head word may start lines of many verbs (`look` -> look, `look at` -> examine); the
registry refuses only a line declared twice. The best line for a command is the one with
the longest head, then the most literal words, then the fewest empty slots, then the first
declared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from game.engine.words import ARTICLES, DIRECTION_WORDS

if TYPE_CHECKING:
    from game.engine.context import VerbContext

SLOT_NAMES = ("obj", "obj2", "direction", "_")


# Plain named tuples, not dataclasses: each dataclass compiles its methods at import, and
# `city play --plain` pays for every import on every start.

class Command(NamedTuple):
    """One command as the grammar read it: the verb, its objects and what was typed."""

    verb: str
    obj: str = ""
    prep: str = ""
    obj2: str = ""
    raw: str = ""
    word: str = ""  # the verb word as typed ("lift", "x"): some answers echo it


Handler = Callable[["VerbContext", Command], None]


class Slot(NamedTuple):
    name: str


Element = Slot | frozenset[str]


class Line(NamedTuple):
    """One grammar line: a head of one or more words, then literals and slots."""

    verb: str
    head: tuple[str, ...]
    pattern: tuple[Element, ...]
    fixed: tuple[tuple[str, str], ...]
    order: int
    literals: int


class Verb(NamedTuple):
    """A declared verb: its handler, where and how it runs, and its help line."""

    name: str
    handler: Handler
    phases: frozenset[str]
    takes_time: bool
    keeps_conversation: bool
    group: str
    usage: str


class GrammarError(Exception):
    """A bug in a verb's declaration (found at import, never by a player)."""


class Registry:
    """Every verb and every grammar line, looked up by the first word typed."""

    def __init__(self) -> None:
        self.verbs: dict[str, Verb] = {}
        self.heads: dict[str, list[Line]] = {}
        self._seen: set[tuple[tuple[str, ...], tuple[Element, ...]]] = set()

    def verb(self, name: str, *lines: str | tuple[str, dict[str, str]], phases: Iterable[str], group: str,
             takes_time: bool = True, keeps_conversation: bool = False) -> Callable[[Handler], Handler]:
        """Register the decorated function as the verb `name` with these grammar lines."""

        def register(fn: Handler) -> Handler:
            if name in self.verbs:
                raise GrammarError(f"verb {name!r} is declared twice")
            usage = (fn.__doc__ or name).strip().splitlines()[0]
            self.verbs[name] = Verb(name, fn, frozenset(phases), takes_time, keeps_conversation, group, usage)
            for line in lines:
                self.line(name, line)
            return fn

        return register

    def line(self, verb: str, spec: str | tuple[str, dict[str, str]]) -> None:
        """Add grammar line(s) for `verb`: one per head alternative."""
        text, fixed = (spec, {}) if isinstance(spec, str) else spec
        head_text, *rest = text.split()
        pattern: list[Element] = []
        for part in rest:
            if part.startswith("["):
                slot = part.strip("[]")
                if slot not in SLOT_NAMES:
                    raise GrammarError(f"{verb}: unknown slot [{slot}] in {text!r}")
                pattern.append(Slot(slot))
            else:
                pattern.append(frozenset(part.split("|")))
        for head in head_text.split("|"):
            words = tuple(head.split("+"))
            key = (words, tuple(pattern))
            if key in self._seen:
                raise GrammarError(f"{verb}: the line {' '.join(words)} {' '.join(rest)} is declared twice")
            self._seen.add(key)
            literals = sum(1 for e in pattern if not isinstance(e, Slot))
            line = Line(verb, words, tuple(pattern), tuple(sorted(fixed.items())), len(self._seen), literals)
            self.heads.setdefault(words[0], []).append(line)

    def words(self) -> list[str]:
        """Every word that can start a command (for 'did you mean' and conversations)."""
        return list(self.heads)

    def match(self, tokens: list[str], raw: str) -> Command | None:
        """The command the best grammar line makes of `tokens` (None if no line fits)."""
        best: tuple[tuple[int, int, int, int], Line, dict[str, list[str]], str] | None = None
        for line in self.heads.get(tokens[0], ()):
            n = len(line.head)
            if tuple(tokens[:n]) != line.head:
                continue
            rest = [t for t in tokens[n:] if t not in ARTICLES]
            found = _match(line.pattern, 0, rest, {}, "")
            if found is None:
                continue
            caps, prep = found
            empty = sum(1 for e in line.pattern if isinstance(e, Slot) and e.name in ("obj", "obj2") and not caps.get(e.name))
            score = (-n, -line.literals, empty, line.order)
            if best is None or score < best[0]:
                best = (score, line, caps, prep)
        if best is None:
            return None
        _, line, caps, prep = best
        values = {"obj": " ".join(caps.get("obj", ())), "obj2": " ".join(caps.get("obj2", ())), "prep": prep}
        if "direction" in caps:
            values["obj"] = DIRECTION_WORDS[caps["direction"][0]]
        values.update(dict(line.fixed))
        return Command(line.verb, values["obj"], values["prep"], values["obj2"], raw, " ".join(line.head))


def _match(pattern: tuple[Element, ...], i: int, toks: list[str], caps: dict[str, list[str]],
           prep: str) -> tuple[dict[str, list[str]], str] | None:
    """Match pattern against toks[i:]; slots take as few words as they can (all, if last)."""
    if not pattern:
        return (caps, prep) if i == len(toks) else None
    head, rest = pattern[0], pattern[1:]
    if isinstance(head, Slot):
        if head.name == "direction":
            if i < len(toks) and toks[i] in DIRECTION_WORDS:
                return _match(rest, i + 1, toks, {**caps, "direction": [toks[i]]}, prep)
            return None
        ends = [len(toks)] if not rest else range(i, len(toks) + 1)
        for j in ends:
            found = _match(rest, j, toks, {**caps, head.name: toks[i:j]}, prep)
            if found is not None:
                return found
        return None
    if i < len(toks) and toks[i] in head:
        after = rest[0] if rest else None
        if isinstance(after, Slot) and after.name in ("obj", "obj2") and (not prep or after.name == "obj2"):
            prep = toks[i]  # the word before a thing: "look under X", "put X in Y"
        return _match(rest, i + 1, toks, caps, prep)
    return None
