"""Find and read the world's YAML files: the bundled world, then each mod laid over it.

Produces `Layer`s of raw entries (plain dicts with positions). Mods are folders with a
`mod.yaml` manifest; files are read only from inside the mod's folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.safefile import UnsafeFile, read_bytes
from game.world.model import KINDS
from game.world.problems import Pos, Problem, did_you_mean
from game.world.yamlread import MAX_BYTES, Doc, read_yaml

TOP_KEYS = ("game", *KINDS, "remove")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_FILES = 500


@dataclass
class Entry:
    """One entry (a room, an item...) as YAML gave it, with the positions of its fields."""

    kind: str
    id: str
    data: dict[str, Any]
    pos: dict[tuple[Any, ...], Pos]
    keypos: dict[tuple[Any, ...], Pos]
    origin: Pos
    layer: str = ""
    setby: dict[tuple[Any, ...], str] = field(default_factory=dict)  # top field -> layer that set it last

    def at(self, path: tuple[Any, ...], key: bool = False) -> Pos:
        """Where `path` inside this entry was written (or its nearest ancestor)."""
        if key and path in self.keypos:
            return self.keypos[path]
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.pos:
                return self.pos[path[:cut]]
        return self.origin


@dataclass
class Layer:
    """What one source (the bundled world or one mod) contributes."""

    name: str
    entries: list[Entry] = field(default_factory=list)
    game: list[Entry] = field(default_factory=list)
    removals: list[tuple[str, str, Pos]] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)
    lost: list[tuple[str, str | None, Pos]] = field(default_factory=list)
    """Entries a YAML syntax error cost (kind, id or None for a whole kind, where): not checked, not missing."""


def display(path: Path) -> str:
    """A path as an error message shows it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


# files a mod may hold beside its YAML without a note: docs, tests, the editor schema
QUIET = (".md", ".txt", ".play", ".json", "LICENSE", ".gitignore")


def yaml_files(folder: Path, problems: list[Problem], skip: tuple[str, ...] = ()) -> list[Path]:
    """Every YAML file under `folder`, sorted, refusing links that lead outside it.

    Other files are ignored, with a note unless they are docs, tests or a schema."""
    root = folder.resolve()
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
            link = Path(dirpath) / name
            if not link.resolve().is_relative_to(root):
                problems.append(Problem(Pos(display(link)), f"this folder links outside the mod ({link.resolve()}); "
                                                            "mods may only use files inside their own folder."))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name in skip:
                continue
            if not name.endswith((".yaml", ".yml")):
                if not name.endswith(QUIET) and not name.startswith("."):
                    problems.append(Problem(Pos(display(path)), "not a YAML file, so it is ignored; "
                                                                "world files end in .yaml.", "note"))
                continue
            real = path.resolve()
            if not real.is_relative_to(root):
                problems.append(Problem(Pos(display(path)), f"this file links outside its folder ({real}); "
                                                            "mods may only use files inside their own folder."))
                continue
            found.append(path)
            if len(found) > MAX_FILES:  # no need to walk the rest of a huge folder
                break
        if len(found) > MAX_FILES:
            break
    if len(found) > MAX_FILES:
        problems.append(Problem(Pos(display(folder)), f"more than {MAX_FILES} YAML files; a world or mod may have at most "
                                                      f"{MAX_FILES}."))
        return []
    return found


def read_layer(name: str, files: list[Path], problems: list[Problem]) -> Layer:
    """Read files into a layer of entries; problems are appended, never raised."""
    layer = Layer(name)
    for path in files:
        shown = display(path)
        try:
            # looked at before it is opened: a FIFO, a device or a link out of the folder is never read
            data = read_bytes(path.resolve(), MAX_BYTES)
        except UnsafeFile as err:
            problems.append(Problem(Pos(shown), f"cannot read the file: {err.reason}; world files are plain YAML files "
                                                f"of at most {MAX_BYTES:,} bytes."))
            continue
        except OSError as err:
            problems.append(Problem(Pos(shown), f"cannot read the file: {err.strerror or err}."))
            continue
        layer.files.append((shown, data))
        doc, found = read_yaml(data, shown, recover=True)
        problems.extend(found)
        if doc is not None:
            layer.lost.extend(doc.lost)
            _split(doc, layer, problems)
    for entry in layer.entries + layer.game:
        entry.layer = name
        entry.setby = {(key,): name for key in entry.data}
    return layer


def _split(doc: Doc, layer: Layer, problems: list[Problem]) -> None:
    by_entry = _by_entry(doc)
    for kind, body in doc.value.items():
        kpos = doc.keypos.get((kind,), Pos(doc.file))
        if kind not in TOP_KEYS:
            problems.append(Problem(kpos, f"unknown kind '{kind}'{did_you_mean(kind, TOP_KEYS)}; "
                                          f"a world file's top-level keys are {', '.join(TOP_KEYS)}."))
            meant = next((k for k in KINDS if did_you_mean(str(kind), [k])), None)
            if meant is not None and isinstance(body, dict):  # `room:` for rooms: its ids are not also missing
                layer.lost.extend((meant, str(i), kpos) for i in body)
            continue
        if kind == "remove":
            _removals(doc, body, layer, problems)
            continue
        if not isinstance(body, dict):
            what = "of settings" if kind == "game" else "from ids to entries"
            problems.append(Problem(doc.at((kind,)), f"'{kind}' must be a mapping {what}."))
            layer.lost.append((kind, None, kpos))  # any id of the kind may have been meant here
            continue
        if kind == "game":
            layer.game.append(_entry(doc, "game", "game", (kind,), body))
            continue
        for ident, data in body.items():
            where = doc.keypos.get((kind, ident), kpos)
            if not ID_RE.match(str(ident)):
                problems.append(Problem(where, f"'{ident}' is not a valid id: use lower-case letters, digits and _ , "
                                               "starting with a letter."))
                layer.lost.append((kind, str(ident), where))  # references to it are not missing too
                continue
            if not isinstance(data, dict):
                problems.append(Problem(doc.at((kind, ident)), f"{kind[:-1]} '{ident}' must be a mapping of fields."))
                layer.lost.append((kind, str(ident), where))
                continue
            layer.entries.append(_entry(doc, kind, ident, (kind, ident), data, by_entry))


_Tables = dict[tuple[Any, ...], tuple[dict[tuple[Any, ...], Pos], dict[tuple[Any, ...], Pos]]]


def _by_entry(doc: Doc) -> _Tables:
    """Each entry's node and key positions, keyed by (kind, id), in one pass over the file's.
    (Filtering the file's positions once per entry was quadratic: 31 of 44 s validating 5,000 rooms.)"""
    out: _Tables = {}
    for slot, table in enumerate((doc.pos, doc.keypos)):
        for path, where in table.items():
            if len(path) > 2:
                out.setdefault(path[:2], ({}, {}))[slot][path[2:]] = where
    return out


def _entry(doc: Doc, kind: str, ident: str, prefix: tuple[Any, ...], data: dict[str, Any],
           by_entry: _Tables | None = None) -> Entry:
    n = len(prefix)
    if by_entry is not None and n == 2:
        pos, keypos = by_entry.pop(prefix, ({}, {}))
    else:
        pos = {p[n:]: v for p, v in doc.pos.items() if p[:n] == prefix and len(p) > n}
        keypos = {p[n:]: v for p, v in doc.keypos.items() if p[:n] == prefix and len(p) > n}
    origin = doc.keypos.get(prefix, doc.pos.get(prefix, Pos(doc.file)))
    return Entry(kind, ident, data, pos, keypos, origin)


def _removals(doc: Doc, body: Any, layer: Layer, problems: list[Problem]) -> None:
    if not isinstance(body, dict):
        problems.append(Problem(doc.at(("remove",)), "'remove' must map kinds to lists of ids, e.g. remove: "
                                                     "{rooms: [old_cellar]}."))
        return
    for kind, ids in body.items():
        kpos = doc.keypos.get(("remove", kind), Pos(doc.file))
        if kind not in KINDS:
            problems.append(Problem(kpos, f"cannot remove from unknown kind '{kind}'{did_you_mean(kind, KINDS)}."))
            continue
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.append(Problem(doc.at(("remove", kind)), f"remove: {kind} must be a list of ids."))
            continue
        for index, ident in enumerate(ids):
            layer.removals.append((kind, ident, doc.at(("remove", kind, index))))
