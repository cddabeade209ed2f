"""Patch one element of a list instead of replacing the list (a mod's list operations).

A list field of an existing entry may be written as a mapping of operations, applied in
this order: `remove: [key, ...]`, `edit: {key: {field: value}}`, `before: {key: [...]}`,
`after: {key: [...]}`, `prepend: [...]`, `extend: [...]`. Elements are matched by their
key: a plain word is its own key; a mapping's key is its `id:`, else its `key:` (encounter
options), else the first word of its `about:` (topics). `remove` and `edit` take every
element of the key (a stage may offer `fight` twice, under different conditions);
`before` and `after` the first. A key that matches nothing is an error where it is
written; every element keeps the position it was written at.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.world.problems import Pos, Problem, did_you_mean
from game.world.sources import Entry

PATCH_KEYS = ("remove", "edit", "before", "after", "prepend", "extend")
Path = tuple[Any, ...]
Item = tuple[Any, dict[Path, Pos], dict[Path, Pos]]  # an element and its positions, relative to it
Edit = Callable[[Entry, Entry, list[Problem], Path, Path], None]


def is_patch(value: Any) -> bool:
    """Whether a value written for a list field is a patch mapping rather than a new value."""
    return isinstance(value, dict) and bool(value) and all(k in PATCH_KEYS for k in value)


def element_key(element: Any) -> str | None:
    """How a patch names a list element: the word itself, or its id, key or first `about` word."""
    if isinstance(element, str):
        return element
    if isinstance(element, dict):
        for name in ("id", "key"):
            if isinstance(element.get(name), str):
                return str(element[name])
        about = element.get("about")
        if isinstance(about, list) and about and isinstance(about[0], str):
            return about[0]
    return None


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _items(entry: Entry, path: Path) -> list[Item]:
    n = len(path) + 1
    out: list[Item] = []
    for i, value in enumerate(_at(entry.data, path)):
        here = (*path, i)
        out.append((value, {p[n:]: v for p, v in entry.pos.items() if p[:n] == here},
                    {p[n:]: v for p, v in entry.keypos.items() if p[:n] == here}))
    return out


def _new(over: Entry, spath: Path) -> Item:
    n = len(spath)
    return (_at(over.data, spath), {p[n:]: v for p, v in over.pos.items() if p[:n] == spath},
            {p[n:]: v for p, v in over.keypos.items() if p[:n] == spath})


def _put(entry: Entry, path: Path, items: list[Item]) -> None:
    """Write the list back, re-numbering every element's positions."""
    _at(entry.data, path[:-1])[path[-1]] = [value for value, _, _ in items]
    n = len(path)
    for table in (entry.pos, entry.keypos, entry.setby):
        for old in [p for p in table if len(p) > n and p[:n] == path]:
            del table[old]
    for i, (_value, pos, keypos) in enumerate(items):
        entry.pos.update({(*path, i, *p): v for p, v in pos.items()})
        entry.keypos.update({(*path, i, *p): v for p, v in keypos.items()})


def patch_list(base: Entry, over: Entry, path: Path, spath: Path, problems: list[Problem], overlay_into: Edit) -> None:
    """Apply the patch `over` writes at `spath` to the list `base` holds at `path`."""
    patch = _at(over.data, spath)
    field = ".".join(map(str, path))
    label = "the game settings" if base.kind == "game" else f"{base.kind[:-1]} '{base.id}'"
    items = _items(base, path)

    def find(key: Any, where: Pos) -> int | None:
        """The first element with that key (None, said where the key is written, when there is none)."""
        for i, (value, _, _) in enumerate(items):
            if element_key(value) == key:
                return i
        known = [k for value, _, _ in items if (k := element_key(value)) is not None]
        listed = f"; its elements are {', '.join(known)}" if known and len(known) <= 12 else ""
        problems.append(Problem(where, f"no element '{key}' in {field} of {label}{did_you_mean(str(key), known)}{listed}. "
                                       "Elements are matched by their id:, key: or first about: word "
                                       "(plain words by themselves)."))
        return None

    def wrong(op: str, shape: str) -> None:
        problems.append(Problem(over.at((*spath, op)), f"{op}: takes {shape}, e.g. {_EXAMPLES[op]}."))

    removal = patch.get("remove")
    if removal is not None:
        if not isinstance(removal, list):
            wrong("remove", "a list of element keys")
        else:
            for j, key in enumerate(removal):
                if find(key, over.at((*spath, "remove", j))) is not None:  # every element of that key goes
                    items = [item for item in items if element_key(item[0]) != key]
    edits = patch.get("edit")
    if edits is not None:
        if not isinstance(edits, dict):
            wrong("edit", "a mapping from element keys to the fields to change")
        for key, fields in edits.items() if isinstance(edits, dict) else ():
            if find(key, over.at((*spath, "edit", key), key=True)) is None:
                continue
            if not isinstance(fields, dict) or not all(isinstance(v, dict) for v, _, _ in items if element_key(v) == key):
                problems.append(Problem(over.at((*spath, "edit", key)), f"edit: '{key}' takes the fields to change "
                                        "({field: value}); plain words in a list are removed and added, not edited."))
                continue
            _put(base, path, items)
            for index in [i for i, (v, _, _) in enumerate(items) if element_key(v) == key]:  # every element of that key
                overlay_into(base, over, problems, (*path, index), (*spath, "edit", key))
            items = _items(base, path)
    for op, shift in (("before", 0), ("after", 1)):
        places = patch.get(op)
        if places is None:
            continue
        if not isinstance(places, dict):
            wrong(op, "a mapping from an element key to the elements to insert")
            continue
        for key, new in places.items():
            place = find(key, over.at((*spath, op, key), key=True))
            if place is None:
                continue
            if not isinstance(new, list):
                problems.append(Problem(over.at((*spath, op, key)), f"{op}: '{key}' takes a list of elements to insert."))
                continue
            items[place + shift:place + shift] = [_new(over, (*spath, op, key, k)) for k in range(len(new))]
    for op in ("prepend", "extend"):
        new = patch.get(op)
        if new is None:
            continue
        if not isinstance(new, list):
            wrong(op, "a list of elements")
            continue
        added = [_new(over, (*spath, op, k)) for k in range(len(new))]
        items = added + items if op == "prepend" else items + added
    _put(base, path, items)


_EXAMPLES = {
    "remove": "remove: [old_key]",
    "edit": "edit: {fight: {label: Fight back}}",
    "before": "before: {fight: [{key: hide, label: Hide}]}",
    "after": "after: {fight: [{key: hide, label: Hide}]}",
    "prepend": "prepend: [{text: ..., when: ...}]",
    "extend": "extend: [{text: ..., when: ...}]",
}
