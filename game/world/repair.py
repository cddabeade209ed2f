"""Build a stand-in for an entry that failed validation, so its references can still be checked.

A room with a misspelled field is refused, but its exits, items and conditions are most
likely right, and a modder wants to hear about a wrong one now, not after the next run.
So each field pydantic refused is taken out (a wrong key), or replaced by a harmless value
of the right type (`UNKNOWN` for text), and the entry is validated again. Problems found
while repairing are thrown away: the first validation reported the real ones. The repaired
record is never played; a world with errors is never built.
"""

from __future__ import annotations

import copy
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from typing import Any

from game.world.model import KINDS, GameSettings
from game.world.sources import Entry
from game.world.typewalk import type_at

UNKNOWN = "\x00unknown"
"""Stands for text that was missing or wrong: reference checks skip it (its problem is already reported)."""

ROUNDS = 4


def repaired(entry: Entry) -> Any:
    """The entry's record with every refused field replaced or removed; None if it cannot be mended."""
    from pydantic import ValidationError  # only when an entry is wrong

    from game.world.schema_check import _adapter, _keyword_keys, _normalise

    cls = GameSettings if entry.kind == "game" else KINDS[entry.kind]
    data = _keyword_keys(cls, _normalise(entry.kind, copy.deepcopy(entry.data)))
    for _ in range(ROUNDS):
        try:
            return _adapter(cls).validate_python(data)
        except ValidationError as err:
            changed = False
            for e in sorted(err.errors(), key=lambda e: [str(p) for p in e["loc"]], reverse=True):
                changed |= _mend(data, cls, tuple(e["loc"]), e["type"])
            if not changed:
                return None
    return None


def _mend(data: Any, cls: type, loc: tuple[Any, ...], kind: str) -> bool:
    """Take out or replace the value at `loc`; whether anything changed."""
    if "[key]" in loc:  # a mapping key of the wrong kind (an exit `nort`): drop that entry
        loc = loc[: loc.index("[key]")]
        kind = "extra_forbidden"
    if not loc:
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        if isinstance(parent, dict) and last in parent:
            del parent[last]
            return True
        return False
    fill = _fill(type_at(cls, loc))
    if isinstance(parent, dict):
        parent[last] = fill
        return True
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent[last] = fill
        return True
    return False


def _fill(tp: Any) -> Any:
    """A harmless valid value of type `tp`."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return None if type(None) in typing.get_args(tp) else _fill(typing.get_args(tp)[0])
    if origin is typing.Literal:
        return typing.get_args(tp)[0]
    if origin is tuple or tp is tuple:
        return []
    if origin is dict or tp is dict:
        return {}
    if tp is str:
        return UNKNOWN
    if tp is bool:
        return False
    if tp in (int, float):
        return 0
    if is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return {f.name: _fill(hints[f.name]) for f in fields(tp)
                if f.default is MISSING and f.default_factory is MISSING}
    return None
