"""A mod's manifest (`mod.yaml`) and the order mods load in.

    id: bigger-city            required: letters, digits, -, _ and . (read as pip reads a name:
                               lower-case, each run of -, _ and . one _, so this is bigger_city)
    name: A Bigger City        required
    version: 1.2.0             required: a version number
    description: ...           optional
    requires:                  optional: mods that must be loaded too (and load first)
      - base_pack              any version
      - {id: lanterns, version: ">=1.0,<2"}
    after: [weather]           optional: load after these if they are present
    conflicts: [tiny_city]     optional: mods this one cannot run with
    allow: [never-reached]     optional: warnings (by the name in brackets after them) this mod
                               knows about; they are not printed for this mod's files
    game: ">=0.2,<1"           optional: the game versions the mod is made for

A manifest with mistakes still names the mod (its folder's name stands in for a bad id),
so the mod's files are read and checked in the same run: one mistake hides no others.

Load order is deterministic: every mod after what it requires or names in `after`, and
otherwise by id, whatever order the --mod options came in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from game.safefile import UnsafeFile, read_bytes
from game.world.problems import Pos, Problem, did_you_mean
from game.world.sources import ID_RE, display
from game.world.yamlread import MAX_BYTES, Doc, read_yaml

KEYS = ("id", "name", "version", "description", "requires", "after", "conflicts", "allow", "game")
MOD_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*$")


def normalise_id(text: str) -> str:
    """A mod id as pip normalises a name: lower-case, each run of -, _ and . one _ (`My-Mod` is `my_mod`)."""
    return re.sub(r"[-_.]+", "_", text).lower()


def folder_id(folder: Path) -> str:
    """The id a mod folder's name gives: for a manifest without a usable one, and `city new-mod`'s."""
    ident = re.sub(r"[^a-z0-9_]+", "_", normalise_id(folder.resolve().name)).strip("_")
    return ident if ident[:1].isalpha() else f"mod_{ident}".rstrip("_")


@dataclass(frozen=True)
class Requirement:
    """A mod this one needs, perhaps within a version range."""

    id: str
    versions: str
    pos: Pos


@dataclass(frozen=True)
class Manifest:
    """A mod's manifest, checked."""

    id: str
    name: str
    version: str
    description: str
    requires: tuple[Requirement, ...]
    after: tuple[str, ...]
    conflicts: tuple[tuple[str, Pos], ...]
    folder: Path
    pos: Pos
    allow: tuple[str, ...] = ()
    """Warning names (`never-reached`, `overrides`...) acknowledged: not printed for this mod's files."""
    game: str = ""
    """The game versions the mod is made for (a version range; empty: any)."""


def read_manifest(folder: Path, problems: list[Problem]) -> Manifest | None:
    """Read and check `folder/mod.yaml`; None (with problems) when there is none to read.

    A manifest with mistakes is returned with its problems recorded and what was usable
    kept, so the mod's files are still checked (the problems are errors: nothing loads)."""
    if not folder.is_dir():
        problems.append(Problem(Pos(display(folder)), "no such mod folder, and no installed mod with that id; --mod takes "
                                                      "a folder that holds a mod.yaml, or the id of a mod in the mods "
                                                      "folder (city mods lists them)."))
        return None
    path = folder / "mod.yaml"
    if not path.is_file():
        problems.append(Problem(Pos(display(path)), "the mod has no manifest; create mod.yaml with id, "
                                                    "name and version (city new-mod makes one)."))
        return None
    if path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
        problems.append(Problem(Pos(display(path)), "mod.yaml is a link; it must be a file of the mod itself."))
        return None
    try:
        data = read_bytes(path, MAX_BYTES)
    except OSError as err:
        reason = err.reason if isinstance(err, UnsafeFile) else err.strerror or str(err)
        problems.append(Problem(Pos(display(path)), f"cannot read mod.yaml: {reason}."))
        return None
    doc, found = read_yaml(data, display(path))
    problems.extend(found)
    if doc is None:  # said above; the mod's files are still checked, under its folder's name
        return Manifest(folder_id(folder), "", "", "", (), (), (), folder, Pos(display(path)))
    data = doc.value
    for key in data:
        if key not in KEYS:
            problems.append(Problem(doc.keypos.get((key,), Pos(doc.file)),
                                    f"unknown manifest key '{key}'{did_you_mean(key, KEYS)}; a manifest has {', '.join(KEYS)}."))
    text = {key: _text(doc, key, problems, required=key != "description") for key in ("id", "name", "version", "description")}
    ident = normalise_id(text["id"])
    if text["id"] and not (MOD_ID_RE.match(text["id"]) and ID_RE.match(ident)):
        problems.append(Problem(doc.at(("id",)), f"mod id '{text['id']}' must be letters, digits, -, _ and ., "
                                                 "starting with a letter (like my-mod or my_mod)."))
        ident = ""
    if text["version"]:
        try:
            Version(text["version"])
        except InvalidVersion:
            problems.append(Problem(doc.at(("version",)), f"version '{text['version']}' is not a version number; "
                                                          "write it like 1.0 or 2.3.1."))
            text["version"] = ""
    requires = _requirements(doc, problems)
    after = tuple(normalise_id(i) for i, _ in _ids(doc, "after", problems))
    conflicts = tuple((normalise_id(i), pos) for i, pos in _ids(doc, "conflicts", problems))
    allow = tuple(name for name, _ in _ids(doc, "allow", problems, what="warning names"))
    game = _game_range(doc, problems)
    ident = ident or folder_id(folder)
    return Manifest(ident, text["name"], text["version"], text["description"] or "", requires, after, conflicts,
                    folder, doc.at(("id",)), allow, game)


def _game_range(doc: Doc, problems: list[Problem]) -> str:
    """The `game:` range, checked against this game's version."""
    from game import __version__

    value = doc.value.get("game")
    if value is None:
        return ""
    spec = str(value)
    try:
        wanted = SpecifierSet(spec)
    except InvalidSpecifier:
        problems.append(Problem(doc.at(("game",)), f"game: '{spec}' is not a version range; write it like >=0.2,<1."))
        return ""
    if Version(__version__) not in wanted:
        problems.append(Problem(doc.at(("game",)), f"this mod is made for game versions {spec}, and this game is "
                                                   f"{__version__}; use a version of the mod made for it, or, if the "
                                                   "mod works, widen its game: range."))
    return spec


def _text(doc: Doc, key: str, problems: list[Problem], required: bool) -> str:
    value = doc.value.get(key)
    if value is None:
        if required:
            problems.append(Problem(Pos(doc.file), f"the manifest needs '{key}'."))
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problems.append(Problem(doc.at((key,)), f"'{key}' must be text."))
        return ""
    return str(value)


def _ids(doc: Doc, key: str, problems: list[Problem], what: str = "mod ids") -> list[tuple[str, Pos]]:
    value = doc.value.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(Problem(doc.at((key,)), f"'{key}' must be a list of {what}."))
        return []
    return [(v, doc.at((key, i))) for i, v in enumerate(value)]


def _requirements(doc: Doc, problems: list[Problem]) -> tuple[Requirement, ...]:
    value = doc.value.get("requires", [])
    if not isinstance(value, list):
        problems.append(Problem(doc.at(("requires",)), "'requires' must be a list of mod ids, or of {id: ..., version: ...}."))
        return ()
    found = []
    for i, item in enumerate(value):
        where = doc.at(("requires", i))
        if isinstance(item, str):
            found.append(Requirement(normalise_id(item), "", where))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or set(item) - {"id", "version"}:
            problems.append(Problem(where, "each requirement is a mod id, or {id: ..., version: \">=1.0,<2\"}."))
            continue
        spec = str(item.get("version", ""))
        try:
            SpecifierSet(spec)
        except InvalidSpecifier:
            problems.append(Problem(doc.at(("requires", i, "version")), f"'{spec}' is not a version range; "
                                                                        "write it like >=1.0,<2."))
            continue
        found.append(Requirement(normalise_id(item["id"]), spec, where))
    return tuple(found)


def order_mods(found: list[Manifest | None], problems: list[Problem]) -> list[Manifest]:
    """The mods in load order, after checking ids, requirements and conflicts."""
    by_id: dict[str, Manifest] = {}
    for m in (m for m in found if m is not None):
        if m.id in by_id:
            problems.append(Problem(m.pos, f"mod id '{m.id}' is also used by {display(by_id[m.id].folder)}; "
                                           "each mod needs its own id."))
            continue
        by_id[m.id] = m
    for m in by_id.values():
        for need in m.requires:
            other = by_id.get(need.id)
            if other is None:
                problems.append(Problem(need.pos, f"mod '{m.id}' requires mod '{need.id}'{_range(need)}, which is not loaded; "
                                                  "put it in the mods folder or add --mod for it."))
            elif need.versions and other.version and Version(other.version) not in SpecifierSet(need.versions):
                problems.append(Problem(need.pos, f"mod '{m.id}' requires '{need.id}' {need.versions}, "
                                                  f"but version {other.version} is loaded."))
        for conflict, pos in m.conflicts:
            if conflict in by_id:
                problems.append(Problem(pos, f"mod '{m.id}' cannot run with mod '{conflict}' "
                                             f"({display(by_id[conflict].folder)}); load only one of them."))
    ordered: list[Manifest] = []
    remaining = sorted(by_id)
    while remaining:
        ready = [i for i in remaining if all(d not in remaining for d in _before(by_id[i], by_id))]
        if not ready:
            cycle = ", ".join(f"'{i}' ({by_id[i].pos})" for i in remaining)
            problems.append(Problem(by_id[remaining[0]].pos, f"mods must load before each other in a cycle: {cycle}; "
                                                             "remove one of the requires/after entries."))
            break
        ordered.append(by_id[ready[0]])
        remaining.remove(ready[0])
    return ordered


def _before(m: Manifest, by_id: dict[str, Any]) -> list[str]:
    """The loaded mods that must come before `m`."""
    return [r.id for r in m.requires if r.id in by_id] + [a for a in m.after if a in by_id]


def _range(need: Requirement) -> str:
    return f" ({need.versions})" if need.versions else ""
