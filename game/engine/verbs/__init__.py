"""The verbs, one module per kind; importing this package declares them all.

A new verb is one handler in the module of its kind, declared with `@verb` (grammar lines,
phases, whether it takes a turn; its docstring is its help line). Nothing else changes:
the parser reads the lines, the turn loop reads the phases, `help` reads the docstring.
"""

from game.engine.verbs import body, control, meta, movement, objects, people, senses, tools
from game.engine.verbs.registry import REGISTRY

__all__ = ["REGISTRY", "body", "control", "meta", "movement", "objects", "people", "senses", "tools"]
