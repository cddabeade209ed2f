"""The sentence of a room's own prose that names a word: the last answer to `examine`.

WRITING.md asks that every noun a description makes prominent be a feature with its own
text. For the rest (a word the prose mentions in passing), "You see no watchtower here"
under a sentence about the watchtower breaks the spell; the truthful answer is the
sentence the player has just read. This module only finds that sentence: pure text, no
state, so the view decides which texts are on show.
"""

from __future__ import annotations

import re

from game.engine.words import ARTICLES, word_forms, words_of

# a sentence ends at . ! or ? (a closing quote may follow), before a space and a capital or a quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018A-Z])")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")  # "zuru's" is one word; "hunters'" is "hunters"
# words too common to name anything: a phrase made only of these never matches
_FUNCTION = ARTICLES | frozenset({
    "of", "in", "on", "at", "to", "from", "with", "by", "and", "or", "but", "is", "are", "was", "it", "its",
    "you", "your", "there", "here", "up", "down", "out", "into", "onto", "over", "under", "as", "for", "one",
    "all", "no", "not", "so", "than", "then", "what", "which", "who", "where", "when", "they", "them", "he",
    "she", "his", "her", "their", "be", "been", "has", "have", "had", "do", "does", "that", "this",
})


def sentences(text: str) -> list[str]:
    """`text` cut into sentences, each with its own spacing tidied."""
    flat = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]


def mention(phrase: str, texts: list[str]) -> str | None:
    """The first sentence of `texts` holding every word of `phrase`, or None.

    Only phrases with a word that names something count: "x the" or "x it" never match.
    """
    wanted = [w for w in words_of(phrase) if w not in _FUNCTION and len(w) > 2]
    if not wanted:
        return None
    for text in texts:
        for sentence in sentences(text):
            present = {w.split("'")[0] for w in _WORD.findall(sentence.lower())}
            if all(not present.isdisjoint(word_forms(w)) for w in wanted):
                return sentence
    return None
