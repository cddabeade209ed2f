"""The top-level state machine: phases, and the named transitions between them.

Every phase change in the engine goes through `transition(state, name)`: the table says
which phases a transition may start from and where it leads. Anything else is a bug and
raises IllegalTransition, never a silent state.
"""

from __future__ import annotations

from typing import Protocol

EXPLORING = "exploring"
ENCOUNTER = "encounter"
DIALOGUE = "dialogue"
ENDED = "ended"
PHASES = (EXPLORING, ENCOUNTER, DIALOGUE, ENDED)

# name -> (the phases it may start from, the phase it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "begin_conversation": (frozenset({EXPLORING}), DIALOGUE),
    "end_conversation": (frozenset({DIALOGUE}), EXPLORING),
    "begin_encounter": (frozenset({EXPLORING, DIALOGUE, ENCOUNTER}), ENCOUNTER),  # one may lead into the next
    "end_encounter": (frozenset({ENCOUNTER}), EXPLORING),
    "end_game": (frozenset({EXPLORING, ENCOUNTER, DIALOGUE}), ENDED),
}


class IllegalTransition(RuntimeError):
    """A bug: the engine tried a phase change the table does not allow."""


class _HasPhase(Protocol):
    phase: str


def transition(state: _HasPhase, name: str) -> None:
    """Move `state` along the named transition, or raise IllegalTransition."""
    sources, target = TRANSITIONS[name]
    if state.phase not in sources:
        raise IllegalTransition(f"{name}: phase {state.phase!r} cannot become {target!r}")
    state.phase = target


def allowed(old: str, new: str) -> bool:
    """Whether some named transition leads from `old` to `new`."""
    return any(old in sources and target == new for sources, target in TRANSITIONS.values())
