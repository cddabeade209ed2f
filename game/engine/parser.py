"""From one typed command to a `Command`: directions, numbers, then the grammar lines.

The words of verbs live with the verbs (`game.engine.verbs`); nouns come from the world
and are resolved by the verb against what is in scope. Refusals raise ParseError with a
code and a sentence.
"""

from __future__ import annotations

from game.engine.errors import ParseError
from game.engine.grammar import Command, Registry
from game.engine.words import DIRECTION_WORDS, EMPTY, tokens_of


def parse(text: str, registry: Registry) -> Command:
    """Parse one command (no separators). Raises ParseError."""
    tokens = tokens_of(text)
    raw = " ".join(tokens)
    if not tokens:
        raise ParseError("empty", EMPTY)
    first = tokens[0]
    if len(tokens) == 1 and first in DIRECTION_WORDS:
        return Command("go", DIRECTION_WORDS[first], raw=raw, word=first)
    if first in registry.heads:
        command = registry.match(tokens, raw)
        if command is not None:
            return command
        raise ParseError("bad_grammar", f"I only understood you as far as wanting to {first}. Type help for the commands.")
    if first.isdigit():
        return Command("choose", first, raw=raw, word=first)
    import difflib  # only for a word we do not know

    known = registry.words() + [d for d in DIRECTION_WORDS if len(d) > 2]
    close = difflib.get_close_matches(first, known, n=1, cutoff=0.75)
    hint = f" Did you mean '{close[0]}'?" if close else " Type help for the commands."
    raise ParseError("unknown_verb", f"I don't know the word '{first}'.{hint}")
