"""The registry every verb module declares into, and the phase sets verbs name.

`@verb(name, *lines, phases=..., group=...)` registers a handler; its docstring's first
line is its line in `help`.
"""

from __future__ import annotations

from game.engine.grammar import Registry
from game.engine.phases import DIALOGUE, ENCOUNTER, ENDED, EXPLORING

REGISTRY = Registry()
verb = REGISTRY.verb

ACTING = frozenset({EXPLORING, DIALOGUE})  # doing things in the world (a conversation then ends)
PLAYING = frozenset({EXPLORING, DIALOGUE, ENCOUNTER})  # looking and thinking, even mid-encounter
ALWAYS = frozenset({EXPLORING, DIALOGUE, ENCOUNTER, ENDED})  # the game itself: saves, undo, help, quit

GROUPS = {"movement": "Moving and keeping alive", "objects": "Things", "people": "People", "meta": "The game",
          "other": "And what else people try"}
