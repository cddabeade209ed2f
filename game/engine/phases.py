"""The top-level state machine: phases and the only transitions allowed between them."""

from __future__ import annotations

EXPLORING = "exploring"
ENCOUNTER = "encounter"
DIALOGUE = "dialogue"
ENDED = "ended"

TRANSITIONS: dict[str, frozenset[str]] = {
    EXPLORING: frozenset({ENCOUNTER, DIALOGUE, ENDED}),
    ENCOUNTER: frozenset({EXPLORING, ENDED}),
    DIALOGUE: frozenset({EXPLORING, ENCOUNTER, ENDED}),
    ENDED: frozenset(),
}


class IllegalTransition(RuntimeError):
    """A bug: the engine tried a phase change the table does not allow."""


def check_transition(old: str, new: str) -> None:
    """Raise IllegalTransition unless `old -> new` is in the table (staying put is fine)."""
    if old != new and new not in TRANSITIONS.get(old, frozenset()):
        raise IllegalTransition(f"phase {old!r} cannot become {new!r}")
