"""Save files: JSON in CITY_HOME/saves, written atomically, refused with a reason when wrong.

A save holds a format version, the world fingerprint (bundled world and mods), the seed,
and the game state (which carries the RNG state). Never pickle: a save is data.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

FORMAT = 1
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


def make_payload(state: dict[str, Any], fingerprint: str, mods: list[tuple[str, str]]) -> dict[str, Any]:
    from datetime import datetime, timezone

    return {
        "format": FORMAT,
        "game": "the-city",
        "world": fingerprint,
        "mods": [list(m) for m in mods],
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "state": state,
    }


def read_save(path: Path, fingerprint: str, mods: list[tuple[str, str]]) -> dict[str, Any]:
    """The saved state, or SaveError saying why this file cannot be loaded."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"there is no save called '{path.stem}'.") from None
    except OSError as err:
        raise SaveError(f"could not read the save ({err.strerror or err}).") from err
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SaveError(f"'{path.stem}' is damaged or not a save file (it is not valid JSON); it was left as it is.") from None
    if not isinstance(data, dict) or data.get("game") != "the-city" or not isinstance(data.get("state"), dict):
        raise SaveError(f"'{path.stem}' is not a save of THE CITY.")
    if data.get("format") != FORMAT:
        raise SaveError(f"'{path.stem}' has save format {data.get('format')!r}; this version reads format {FORMAT}. Use the version of the game that wrote it.")
    if data.get("world") != fingerprint or [tuple(m) for m in data.get("mods", [])] != list(mods):
        theirs = ", ".join(f"{m[0]} {m[1]}" for m in data.get("mods", [])) or "no mods"
        ours = ", ".join(f"{m} {v}" for m, v in mods) or "no mods"
        raise SaveError(f"'{path.stem}' was saved with another world or mod set (it used {theirs}; this game runs {ours}). Start the game with the same world and mods to load it.")
    return data["state"]


def list_saves(home: Path | None = None) -> list[tuple[str, float]]:
    """(name, modified time) of each save, newest first."""
    folder = (home or city_home()) / "saves"
    if not folder.is_dir():
        return []
    found = [(p.stem, p.stat().st_mtime) for p in folder.glob("*.json") if NAME_RE.match(p.stem)]
    return sorted(found, key=lambda item: (-item[1], item[0]))
