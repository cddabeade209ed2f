"""The mods folder: mods installed as `CITY_HOME/mods/<folder>/`, found without `--mod`.

Every installed mod loads (in `city play`, `validate`, `show`, `check` and `serve`) unless
it is disabled; `city mods disable ID` and `city mods enable ID` keep the disabled ids in
`CITY_HOME/mods/disabled.json`. A `--mod` (or a `.play` file's `mod:`) may name an
installed mod by id instead of a folder. A mod's `requires` are found by id in the folder
too, disabled or not: disabling a mod means "not on its own", and a mod that needs it still
gets it. A `--mod` folder holding the same id as an installed mod takes its place (the copy
being worked on wins over the installed one).

Finding the mods reads nothing but manifests, and a start reads none of those unless a mod
is disabled or named by `--mod`: an absent mods folder costs one look at the disk, a folder
with mods a listing of it. Whether the mods load is the loader's to say (`city mods` asks it).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.world.manifest import Manifest

DISABLED_FILE = "disabled.json"
MAX_DISABLED = 64_000  # bytes of disabled.json: far more ids than anyone installs


class ModsError(Exception):
    """A mods-folder command cannot be done; the message says why."""


class Installed:
    """One folder of the mods folder, with its manifest if it could be read (`city mods` asks the
    loader for the problems).

    A plain class, not a dataclass: this module is imported on every start, and building a
    dataclass costs more than the rest of it."""

    __slots__ = ("enabled", "folder", "id", "manifest")

    def __init__(self, folder: Path, ident: str, manifest: Manifest | None, enabled: bool = True) -> None:
        self.folder, self.id, self.manifest, self.enabled = folder, ident, manifest, enabled


def mods_dir(home: Path | None = None) -> Path:
    """`CITY_HOME/mods`."""
    return (home or _city_home()) / "mods"


def _city_home() -> Path:
    """`game.saves.city_home()`, found without importing platformdirs (some 25 ms of a plain
    start) where its rule is simple; a test keeps the two equal."""
    override = os.environ.get("CITY_HOME")
    if override:
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "the-city"
    if os.name == "posix":
        base = os.environ.get("XDG_DATA_HOME", "")
        return Path(base if os.path.isabs(base) else Path.home() / ".local" / "share") / "the-city"
    from game.saves import city_home

    return city_home()


def _disabled(folder: Path) -> set[str]:
    """The ids `city mods disable` recorded (an unreadable file disables nothing; the next
    enable or disable writes it anew)."""
    from game.safefile import read_bytes

    try:
        data = json.loads(read_bytes(folder / DISABLED_FILE, MAX_DISABLED).decode("utf-8"))
    except (OSError, ValueError):
        return set()
    ids = data.get("disabled") if isinstance(data, dict) else None
    return {i for i in ids if isinstance(i, str)} if isinstance(ids, list) else set()


def installed(home: Path | None = None) -> list[Installed]:
    """Each mod in the mods folder, by folder name (folders starting with . or _ are not mods)."""
    folder = mods_dir(home)
    names = _names(folder)
    if not names:
        return []
    from game.world.manifest import folder_id, read_manifest

    off = _disabled(folder)
    found = []
    for name in names:
        manifest = read_manifest(folder / name, [])
        ident = manifest.id if manifest is not None else folder_id(folder / name)
        found.append(Installed(folder / name, ident, manifest, ident not in off))
    return found


def _names(folder: Path) -> list[str]:
    """The mod folders' names in the mods folder, sorted (. and _ folders are not mods)."""
    try:
        return sorted(e.name for e in os.scandir(folder) if e.is_dir() and not e.name.startswith((".", "_")))
    except OSError:
        return []


def find(name: str, base: Path | None = None, home: Path | None = None) -> Path | None:
    """The folder `name` means: a folder (relative to `base`), else the installed mod with that id."""
    path = (base / name) if base is not None else Path(name)
    if path.is_dir():
        return path
    if not os.path.isdir(mods_dir(home)):
        return None
    return _by_id(name, installed(home))


def installed_id(folder: Path, home: Path | None = None) -> str | None:
    """The id of the mod in `folder` if it is one of the mods folder's (None otherwise)."""
    folder = Path(folder)
    if folder.resolve().parent != mods_dir(home).resolve():
        return None
    from game.world.manifest import read_manifest

    manifest = read_manifest(folder, [])
    return manifest.id if manifest is not None else None


def _by_id(name: str, everything: list[Installed]) -> Path | None:
    from game.world.manifest import normalise_id

    wanted = normalise_id(name)
    return next((m.folder for m in everything if m.id == wanted), None)


def resolve(mods: list[str], home: Path | None = None, use_folder: bool = True) -> list[str]:
    """The mod folders to load for these `--mod` values: each as a folder or an installed
    mod's id, then (with `use_folder`) every enabled installed mod, then what they require
    from the mods folder. A value that is neither stays as it is (the loader says why)."""
    folder = mods_dir(home)
    if not os.path.isdir(folder):  # the common case: one look, nothing imported
        return list(mods)
    if use_folder and not mods and not _disabled(folder):  # every installed mod, and so all they require:
        return [str(folder / name) for name in _names(folder)]  # no manifest to read (no YAML at a start)
    from game.world.manifest import read_manifest

    everything = installed(home)
    known = {m.folder: m.manifest for m in everything}
    by_id = {m.id: m for m in everything}
    chosen: list[str] = []
    ids: set[str] = set()
    pending: list[Manifest] = []

    def add(folder: Path) -> None:
        if str(folder) in chosen:
            return
        chosen.append(str(folder))
        manifest = known[folder] if folder in known else read_manifest(folder, []) if folder.is_dir() else None
        if manifest is not None:
            ids.add(manifest.id)
            pending.append(manifest)

    for value in mods:
        add(Path(value) if Path(value).is_dir() else _by_id(value, everything) or Path(value))
    if use_folder:
        for mod in everything:
            if mod.enabled and mod.id not in ids:
                add(mod.folder)
    while pending:
        for need in pending.pop().requires:
            if need.id not in ids and need.id in by_id:
                add(by_id[need.id].folder)
    return chosen


def set_enabled(ident: str, enabled: bool, home: Path | None = None) -> str:
    """Enable or disable an installed mod by id; what happened, as a sentence (ModsError if no such mod)."""
    from game.world.manifest import normalise_id
    from game.world.problems import did_you_mean

    folder = mods_dir(home)
    everything = installed(home)
    wanted = normalise_id(ident)
    mod = next((m for m in everything if m.id == wanted), None)
    if mod is None:
        hint = did_you_mean(wanted, [m.id for m in everything])
        listed = ", ".join(m.id for m in everything) or "none"
        raise ModsError(f"there is no mod '{ident}' in {folder}{hint}; installed: {listed}.")
    if mod.enabled == enabled:
        return f"Mod '{mod.id}' is already {'enabled' if enabled else 'disabled'}."
    off = _disabled(folder)
    off = (off - {mod.id}) if enabled else (off | {mod.id})
    _write_disabled(folder, sorted(off))
    if enabled:
        return f"Enabled mod '{mod.id}': it loads in every game from now on."
    return f"Disabled mod '{mod.id}': it no longer loads, unless --mod names it or a loaded mod requires it."


def _write_disabled(folder: Path, ids: list[str]) -> None:
    from game.safewrite import write_bytes_atomic

    data = (json.dumps({"disabled": ids}, indent=1) + "\n").encode("utf-8")
    try:
        write_bytes_atomic(folder / DISABLED_FILE, data)
    except OSError as err:
        raise ModsError(f"could not write {folder / DISABLED_FILE}: {err.strerror or err}.") from err


def loads(mod: Installed, home: Path | None = None) -> str:
    """Whether the mod loads on the bundled world with what it requires: "" if it does, else
    the first problem and how many there are."""
    from game.world.load import load_world
    from game.world.problems import WorldInvalid

    try:
        load_world(resolve([str(mod.folder)], home, use_folder=False))
        return ""
    except WorldInvalid as err:
        problems = err.problems
    more = f" ({len(problems)} problems: city validate --no-mods --mod {mod.id} lists them)" if len(problems) > 1 else ""
    return f"{problems[0]}{more}"


def listing(home: Path | None = None) -> str:
    """`city mods`: each installed mod with its version, requirements, whether it is enabled
    and whether it loads; then whether the enabled ones load together."""
    folder = mods_dir(home)
    everything = installed(home)
    if not everything:
        return (f"No mods installed in {folder}.\nPut a mod's folder there (city new-mod {folder / 'my_mod'} makes "
                "one), or play a mod anywhere with --mod DIR.\n")
    on = [m for m in everything if m.enabled]
    lines = [f"Mods in {folder} ({len(on)} enabled, {len(everything) - len(on)} disabled):", ""]
    failing = {str(mod.folder): loads(mod, home) for mod in everything}
    for mod in everything:
        m = mod.manifest
        version = m.version if m is not None and m.version else "?"
        why = failing[str(mod.folder)]
        state = "loads" if not why else f"does not load: {why}"
        lines.append(f"  {mod.id} {version} - {'enabled' if mod.enabled else 'disabled'} - {state}")
        if m is not None:
            lines.append(f"    {m.name}" + (f": {' '.join(m.description.split())}" if m.description else ""))
            if m.requires:
                needs = ", ".join(f"{r.id} {r.versions}".strip() for r in m.requires)
                lines.append(f"    requires: {needs}")
            if m.game:
                lines.append(f"    made for game versions {m.game}")
        if mod.folder.name != mod.id:
            lines.append(f"    folder: {mod.folder.name}")
    if len(on) > 1 and not any(failing[str(m.folder)] for m in on):
        together = _together([str(m.folder) for m in on], home)
        lines += ["", "Together, the enabled mods load." if not together else
                  f"Together, the enabled mods do not load: {together}"]
    return "\n".join(lines) + "\n"


def _together(folders: list[str], home: Path | None) -> str:
    from game.world.load import load_world
    from game.world.problems import WorldInvalid

    try:
        load_world(resolve(folders, home, use_folder=False))
    except WorldInvalid as err:
        return str(err.problems[0])
    return ""
