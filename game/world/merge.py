"""Lay the layers of a world over each other: new ids add, known ids merge field by field.

A mod writes only what it changes: `key: ~` removes a field, a mapping merges into a
mapping, a list replaces a list unless it is written as a patch (see `game.world.listpatch`),
and `copy_from: ID` starts an entry as a copy of another of its kind. Several files of one
mod may each give part of one entry: they merge in file order, like the mods themselves.
"""

from __future__ import annotations

import copy
from typing import Any

from game.world.listpatch import is_patch, patch_list
from game.world.problems import Problem, did_you_mean
from game.world.sources import Entry, Layer

BASE = "the bundled world"


def merge_layers(layers: list[Layer], problems: list[Problem], removed: dict[tuple[str, str], str],
                 requires: dict[str, set[str]], lost: set[tuple[str, str]]) -> tuple[dict[tuple[str, str], Entry], Entry | None]:
    """Lay each layer over the ones before; `removed` collects what mods removed (for messages).

    `requires` maps a layer's name to the layers it requires (directly or not): setting
    their fields is what such a mod is for, so it draws no warning. Entries that could
    not be laid (a copy_from that fails) go into `lost`, so references to them are not
    reported a second time."""
    merged: dict[tuple[str, str], Entry] = {}
    game: Entry | None = None
    for index, layer in enumerate(layers):
        is_mod = index > 0
        for kind, ident, pos in layer.removals:
            if (kind, ident) not in merged:
                problems.append(Problem(pos, f"cannot remove {kind[:-1]} '{ident}': "
                                             f"no such {kind[:-1]}{did_you_mean(ident, [i for k, i in merged if k == kind])}."))
            else:
                del merged[(kind, ident)]
                removed[(kind, ident)] = f"{layer.name} removed it at {pos}"
        _Layering(layer, is_mod, merged, problems, requires.get(layer.name, set()), lost).run()
        for entry in layer.game:
            if game is None:
                game = entry
            elif not is_mod and game.origin.file != entry.origin.file:
                problems.append(Problem(entry.origin, f"the game settings are already given at {game.origin}; "
                                                      "the bundled world has one game: block."))
            else:
                overlay(game, entry, problems, requires.get(layer.name, set()))
    return merged, game


class _Layering:
    """One layer's entries laid over what is merged so far, copy_from sources first."""

    def __init__(self, layer: Layer, is_mod: bool, merged: dict[tuple[str, str], Entry], problems: list[Problem],
                 required: set[str], lost: set[tuple[str, str]]) -> None:
        self.layer, self.is_mod, self.merged, self.problems = layer, is_mod, merged, problems
        self.required, self.lost = required, lost
        self.state: dict[int, str] = {}  # entry index -> "busy" | "done"
        self.first: dict[tuple[str, str], Entry] = {}
        self.parts: dict[tuple[str, str], list[int]] = {}  # (kind, id) -> its entries in this layer, in order
        for i, entry in enumerate(layer.entries):
            self.parts.setdefault((entry.kind, entry.id), []).append(i)

    def run(self) -> None:
        for i in range(len(self.layer.entries)):
            self._lay(i, ())

    def _lay(self, i: int, chain: tuple[Entry, ...]) -> None:
        if self.state.get(i) == "done":
            return
        entry = self.layer.entries[i]
        self.state[i] = "busy"
        key = (entry.kind, entry.id)
        source = entry.data.get("copy_from")
        if source is not None and isinstance(source, str):
            for j in self.parts.get((entry.kind, source), []):  # the source's own parts in this layer go first
                if j != i and self.state.get(j) != "done":
                    if self.state.get(j) == "busy":
                        self._cycle(entry, (*chain, entry))
                        self.state[i] = "done"
                        self.lost.add(key)
                        return
                    self._lay(j, (*chain, entry))
        self.state[i] = "done"
        if not self.is_mod and key in self.first:
            self.problems.append(Problem(entry.origin, f"duplicate id: {entry.kind[:-1]} '{entry.id}' is already defined "
                                                       f"at {self.first[key].origin}; ids must be unique."))
            return
        self.first.setdefault(key, entry)
        if "copy_from" in entry.data:
            base = self._copy(entry)
            if base is None:
                self.lost.add(key)
                self.merged.pop(key, None)
                return
            self.merged[key] = base
            overlay(base, entry, self.problems, self.required)
        elif key in self.merged:
            overlay(self.merged[key], entry, self.problems, self.required)
        else:
            _strip_patches(entry, self.problems)
            self.merged[key] = entry

    def _cycle(self, entry: Entry, chain: tuple[Entry, ...]) -> None:
        """Report the circle of copy_from that `entry` closes (`chain` is the way here, ending in it)."""
        ids = [e.id for e in chain]
        source = entry.data["copy_from"]
        circle = ids[ids.index(source):] if source in ids else ids
        names = " -> ".join(f"'{i}'" for i in [*circle, source])
        self.problems.append(Problem(entry.at(("copy_from",)), f"copy_from goes round in a circle ({names}); "
                                                               "one of them must be written out."))

    def _copy(self, entry: Entry) -> Entry | None:
        """A deep copy of the entry `copy_from` names, as merged so far; None (with a problem) if there is none."""
        source = entry.data.pop("copy_from")
        where = entry.at(("copy_from",))
        for table in (entry.pos, entry.keypos):
            table.pop(("copy_from",), None)
        entry.setby.pop(("copy_from",), None)
        noun = entry.kind[:-1]
        if not isinstance(source, str):
            self.problems.append(Problem(where, f"copy_from takes the id of another {noun}; got {source!r}."))
            return None
        found = self.merged.get((entry.kind, source))
        if found is None or found is entry:
            known = [i for k, i in self.merged if k == entry.kind]
            if (entry.kind, source) in self.lost:
                return None  # its own problem is reported where it is written
            self.problems.append(Problem(where, f"cannot copy from {noun} '{source}': no such {noun}"
                                                f"{did_you_mean(source, known)}; copy_from names an entry of the same kind "
                                                "defined in the world or in a mod loaded earlier."))
            return None
        return Entry(entry.kind, entry.id, copy.deepcopy(found.data), dict(found.pos), dict(found.keypos), entry.origin,
                     entry.layer, {(k,): entry.layer for k in found.data})


def _strip_patches(entry: Entry, problems: list[Problem], path: tuple[Any, ...] = ()) -> None:
    """A new entry has no list to patch: `{extend: [...]}` (and prepend) is just the list; other
    patch keys match nothing, which is said where they are written."""
    data: Any = entry.data
    for part in path:
        data = data[part]
    for key, value in list(data.items()):
        here = (*path, key)
        if is_patch(value):
            written = Entry(entry.kind, entry.id, entry.data, dict(entry.pos), dict(entry.keypos), entry.origin, entry.layer)
            _clear(entry, here)
            data[key] = _unpatched_from(written, here, value, problems, entry, here)
        elif isinstance(value, dict):
            _strip_patches(entry, problems, here)


def overlay(base: Entry, over: Entry, problems: list[Problem], required: set[str] = frozenset(),  # type: ignore[assignment]
            dst: tuple[Any, ...] = (), src: tuple[Any, ...] = ()) -> None:
    """Lay `over`'s fields (at `src`) on `base` (at `dst`): mappings merge, lists replace unless
    written as a patch, a null removes the key, everything else replaces. Two mods setting
    one field is a warning, unless the later requires the earlier."""
    target: Any = base.data
    for part in dst:
        target = target[part]
    source: Any = over.data
    for part in src:
        source = source[part]
    for key, value in source.items():
        path, spath = (*dst, key), (*src, key)
        if key == "copy_from" and not dst:
            continue  # laid before this (a copy_from inside a patch's edit is an unknown field, reported there)
        if is_patch(value) and not isinstance(target.get(key), dict):  # a mapping field merges, whatever its keys
            if isinstance(target.get(key), list):
                patch_list(base, over, path, spath, problems, overlay_into=_edit_into(required))
                continue
            target[key] = None
            _clear(base, path)
            target[key] = _unpatched_from(over, spath, value, problems, base, path)
            base.setby[path] = over.layer
            continue
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            overlay(base, over, problems, required, path, spath)
            continue
        if value is None and key in target:
            del target[key]  # `key: ~` takes the key away (an exit, a feature, a field): in a mod, or over a copy
            _clear(base, path)
            continue
        previous = next((base.setby[path[:i]] for i in range(len(path), 0, -1) if path[:i] in base.setby), None)
        if (previous and previous != BASE and previous != over.layer and previous not in required
                and path in base.pos):
            label = "game settings" if base.kind == "game" else f"{base.kind[:-1]} '{base.id}'"
            problems.append(Problem(over.at(spath), f"{over.layer} sets {'.'.join(map(str, path))} of {label}, "
                                                    f"which {previous} also sets at {base.at(path)}; "
                                                    "the later mod wins.", "warning", "overrides"))
        target[key] = value
        base.setby[path] = over.layer
        _clear(base, path)
        _graft(base, path, over, spath)


def _edit_into(required: set[str]) -> Any:
    def edit(base: Entry, over: Entry, problems: list[Problem], dst: tuple[Any, ...], src: tuple[Any, ...]) -> None:
        overlay(base, over, problems, required, dst, src)
    return edit


def _clear(entry: Entry, path: tuple[Any, ...]) -> None:
    """Forget the positions of everything at or under `path`."""
    for table in (entry.pos, entry.keypos):
        for old in [p for p in table if p[: len(path)] == path]:
            del table[old]


def _graft(base: Entry, path: tuple[Any, ...], over: Entry, spath: tuple[Any, ...]) -> None:
    """Copy the positions of `over` at `spath` (and under it) to `base` at `path`."""
    n = len(spath)
    for table, new in ((base.pos, over.pos), (base.keypos, over.keypos)):
        table.update({(*path, *p[n:]): v for p, v in new.items() if p[:n] == spath})


def _unpatched_from(over: Entry, spath: tuple[Any, ...], value: dict[str, Any], problems: list[Problem],
                    base: Entry, path: tuple[Any, ...]) -> list[Any]:
    """A patch laid where the field has no list yet: prepend + extend is the list."""
    for op in ("remove", "edit", "before", "after"):
        if op in value:
            problems.append(Problem(over.at((*spath, op), key=True),
                                    f"{op}: has nothing to match: {'.'.join(map(str, path))} is not a list here yet; "
                                    "write the list itself, or prepend:/extend:."))
    out: list[Any] = []
    for op in ("prepend", "extend"):
        items = value.get(op, [])
        if not isinstance(items, list):
            problems.append(Problem(over.at((*spath, op)), f"{op}: takes a list of elements."))
            continue
        for i, item in enumerate(items):
            _graft(base, (*path, len(out)), over, (*spath, op, i))
            out.append(item)
    base.pos.setdefault(path, over.at(spath))
    return out
