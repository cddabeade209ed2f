"""The annotated type at a path inside a world record: what the checker and the repair read.

`type_at(Room, ("exits", "north", "when"))` walks dataclass fields, dict values and tuple
elements; a name may be written without the trailing underscore a Python keyword needs
(`if` for `if_`). Any where the path leaves what the annotations say.
"""

from __future__ import annotations

import types
import typing
from dataclasses import is_dataclass
from typing import Any


def optional(tp: Any) -> Any:
    """`X | None` -> X (any other union as it is)."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def type_at(cls: Any, loc: tuple[Any, ...]) -> Any:
    """The annotated type at `loc` inside `cls` (Any when it cannot be told)."""
    tp: Any = cls
    for part in loc:
        tp = optional(tp)
        origin = typing.get_origin(tp)
        if origin is dict:
            tp = typing.get_args(tp)[1]
        elif origin is tuple:
            tp = typing.get_args(tp)[0]
        elif is_dataclass(tp):
            hints = typing.get_type_hints(tp)
            tp = hints.get(part, hints.get(f"{part}_", Any))
        else:
            return Any
    return tp
