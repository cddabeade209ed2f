"""Save files: JSON in CITY_HOME/saves, written atomically, refused with a reason when wrong.

A save holds a format version, the world fingerprint (a hash of the bundled world's and
the mods' files) and the mods' ids and versions, the seed, the game state (which carries
the RNG state), the command log, and the undo history. Never pickle: a save is data.
Older formats are migrated on load; newer ones are refused.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

FORMAT = 2
UNDO_KEPT = 50  # turns of undo history carried in a save
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class SaveError(Exception):
    """A save could not be written or read; the message says why and what to do."""


def city_home() -> Path:
    """Where saves live: $CITY_HOME, or the platform's user data folder."""
    override = os.environ.get("CITY_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("the-city", appauthor=False))


def save_path(name: str, home: Path | None = None) -> Path:
    """The file for a save name; names are simple words so no save leaves the folder."""
    clean = name.strip().lower().replace(" ", "-")
    if not NAME_RE.match(clean):
        raise SaveError(f"'{name}' is not a usable save name: use up to 40 letters, digits, - or _.")
    return (home or city_home()) / "saves" / f"{clean}.json"


def write_save(path: Path, payload: dict[str, Any]) -> None:
    """Write atomically: a temporary file in the same folder, fsync, then rename over."""
    import tempfile

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(payload, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as err:
        raise SaveError(f"could not write the save ({err.strerror or err}); your previous save is untouched.") from err


def make_payload(state: dict[str, Any], fingerprint: str, mods: list[tuple[str, str]],
                 commands: list[str], undo: list[dict[str, Any]], redo: list[dict[str, Any]],
                 summary: dict[str, Any]) -> dict[str, Any]:
    """Everything a save holds. `summary` (turn, room name, day) is for listing saves."""
    from datetime import UTC, datetime

    return {
        "format": FORMAT,
        "game": "the-city",
        "world": fingerprint,
        "mods": [list(m) for m in mods],
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "summary": summary,
        "seed": state["seed"],
        "state": state,
        "commands": commands,
        "undo": undo[-UNDO_KEPT:],
        "redo": redo[-UNDO_KEPT:],
    }


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older save up to FORMAT, one version at a time."""
    if data.get("format") == 1:  # v1 had the state only
        state = data["state"]
        data = {**data, "format": 2, "seed": state.get("seed", 0), "commands": [], "undo": [], "redo": [],
                "summary": {"turn": state.get("moves", 0), "room": state.get("room", "?"), "day": None}}
    return data


def read_save(path: Path, fingerprint: str, mods: list[tuple[str, str]]) -> dict[str, Any]:
    """The save's contents (migrated to the current format), or SaveError saying why not."""
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("game") != "the-city" or not isinstance(data.get("state"), dict):
        raise SaveError(f"'{path.stem}' is not a save of THE CITY.")
    version = data.get("format")
    if not isinstance(version, int) or version > FORMAT or version < 1:
        raise SaveError(f"'{path.stem}' has save format {version!r}; this version of the game reads formats 1 to {FORMAT}. "
                        "Load it with the version of the game that wrote it.")
    data = _migrate(data)
    theirs = [tuple(m) for m in data.get("mods", [])]
    if theirs != list(mods):
        said = ", ".join(f"{m[0]} {m[1]}" for m in theirs) or "no mods"
        ours = ", ".join(f"{m} {v}" for m, v in mods) or "no mods"
        raise SaveError(f"'{path.stem}' was saved with {said}; this game runs {ours}. "
                        "Start the game with the same mods to load it.")
    if data.get("world") != fingerprint:
        raise SaveError(f"'{path.stem}' was saved with a different version of the world's files (world {data.get('world')}, "
                        f"this game has {fingerprint}); rooms and items may not match, so it is not loaded.")
    for key in ("undo", "redo", "commands"):
        if not isinstance(data.get(key), list):
            raise SaveError(f"'{path.stem}' is damaged ('{key}' is not a list); it was left as it is.")
    return data


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"there is no save called '{path.stem}' (the command saves lists them).") from None
    except OSError as err:
        raise SaveError(f"could not read the save ({err.strerror or err}).") from err
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise SaveError(f"'{path.stem}' is damaged or not a save file (it is not valid JSON); it was left as it is.") from None


def list_saves(home: Path | None = None) -> list[dict[str, Any]]:
    """Each save's name, summary and date, newest first; unreadable files are listed as such."""
    folder = (home or city_home()) / "saves"
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        if not NAME_RE.match(path.stem):
            continue
        entry: dict[str, Any] = {"name": path.stem, "mtime": path.stat().st_mtime, "summary": None, "saved_at": None}
        try:
            data = _read_json(path)
            if isinstance(data, dict):
                entry["summary"] = _migrate(data).get("summary") if isinstance(data.get("state"), dict) else None
                entry["saved_at"] = data.get("saved_at")
        except SaveError:
            pass
        found.append(entry)
    return sorted(found, key=lambda e: (-e["mtime"], e["name"]))
