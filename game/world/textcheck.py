"""Warnings for prose that swallowed YAML: a text field holding lines shaped like the file's keys.

A block scalar (`sounds: >`) ends where the indentation does. Indent the next fields one
step too far and they become part of the text: `listen` prints `features:` and the
features never exist, while every check of the fields passes. A line of a text that reads
like a key of the world's own format (`features:`, `text: >`, `when: ...`) is almost
always that mistake, so it is a warning at the line where the text starts.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from game.world import model
from game.world.problems import Problem
from game.world.sources import Entry

_KEY_LINE = re.compile(r"^\s*(?:- )?([a-z][a-z_]*):(?:\s|$)")


def _field_names() -> frozenset[str]:
    """Every field name of every record of the world format (`features`, `when`, `text`...)."""
    names: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value):
            names.update(f.name for f in dataclasses.fields(value))
    return frozenset(names)


FIELDS = _field_names()


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _texts(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _texts(inner, (*path, i))


def key_shaped(text: str) -> list[str]:
    """The keys of the format that `text` holds at the start of a line, in order."""
    if "\n" not in text.strip():
        return []
    found = []
    for line in text.splitlines():
        match = _KEY_LINE.match(line)
        if match and match.group(1) in FIELDS:
            found.append(match.group(1))
    return found


def swallowed_fields(entries: dict[str, dict[str, Entry]]) -> list[Problem]:
    """A warning for each text field of `entries` that holds lines shaped like the format's keys."""
    problems = []
    for kind in sorted(entries):
        for ident in sorted(entries[kind]):
            entry = entries[kind][ident]
            for path, text in _texts(entry.data, ()):
                keys = key_shaped(text)
                if keys:
                    shown = ", ".join(f"'{k}:'" for k in dict.fromkeys(keys))
                    field_name = ".".join(str(p) for p in path)
                    problems.append(Problem(
                        entry.at(path), f"the text of '{field_name}' holds lines that look like fields ({shown}): "
                        "they are indented too far, so they became part of the text. Indent them to the level of "
                        f"'{path[-1] if path else field_name}' if they are meant as fields.", "warning"))
    return problems
