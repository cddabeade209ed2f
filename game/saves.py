"""Save files: JSON in CITY_HOME/saves, written atomically, refused with a reason when wrong.

A save holds a format version, the world fingerprint (a hash of the bundled world's and
the mods' files) and the mods' ids and versions, the seed, the game state (which carries
the RNG state), the command log, and the undo history. Never pickle: a save is data.
Older formats are migrated on load; newer ones are refused. What a save holds is checked
whole against the world before it replaces anything (`game.savefile`).

A save's name is kept as the player typed it (lower-cased, spaces tidied): any printable
name of up to 40 characters. On disk it is encoded so that no name can leave the folder or
clash with what the system reserves: letters a-z, digits, `-` and `_` stand for themselves,
everything else is `%XX` (its UTF-8 bytes), so `../x` is `%2E%2E%2Fx.json`. The listing
decodes the file names back, so a name `saves` shows is a name `load` finds.

Only plain files are read: a link, a FIFO or a device in `saves/` is listed as unusable,
never opened; a file bigger than any save is refused before it is read.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.savefile import SaveError

if TYPE_CHECKING:
    from game.world.model import World

FORMAT = 3  # 3: items' and characters' places saved as the changes from the world's (game.engine.saved)
UNDO_KEPT = 50  # turns of undo history carried in a save
MAX_NAME = 40  # characters of a save name
MAX_FILE_STEM = 200  # characters of its encoded file name (file systems allow 255 bytes)
MAX_SAVE = 32_000_000  # bytes: far above any real save (the command log and undo history are bounded)
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")  # the names older versions wrote (still read)
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_-")
_STEM_RE = re.compile(r"^(?:[a-z0-9_-]|%[0-9A-F]{2})+$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}

__all__ = ["FORMAT", "SaveError", "city_home", "list_saves", "make_payload", "read_save", "save_path", "write_save"]


def city_home() -> Path:
    """Where saves live: $CITY_HOME, or the platform's user data folder."""
    override = os.environ.get("CITY_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("the-city", appauthor=False))


def clean_name(name: str) -> str:
    """The save name as it is kept: trimmed, runs of spaces made one, lower-cased; or
    SaveError saying why it cannot be a name."""
    text = unicodedata.normalize("NFC", " ".join(str(name).split())).lower()
    if not text:
        raise SaveError("a save needs a name: type save NAME.")
    if len(text) > MAX_NAME:
        raise SaveError(f"'{text[:MAX_NAME]}...' is too long for a save name: use at most {MAX_NAME} characters.")
    if not text.isprintable():
        raise SaveError("a save name can only hold printable characters.")
    return text


def encode_name(name: str) -> str:
    """The file stem for a clean name: a-z, 0-9, - and _ as they are, all else %XX."""
    stem = "".join(c if c in _SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in name)
    if stem.split("%")[0] in _RESERVED or stem in _RESERVED:
        stem = f"%{ord(stem[0]):02X}{stem[1:]}"
    return stem


def decode_stem(stem: str) -> str | None:
    """The save name a file stem stands for, or None if this game would not have written it."""
    if not _STEM_RE.match(stem):
        return None
    raw = bytearray()
    i = 0
    while i < len(stem):
        if stem[i] == "%":
            raw.append(int(stem[i + 1:i + 3], 16))
            i += 3
        else:
            raw += stem[i].encode("ascii")
            i += 1
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        return name if encode_name(clean_name(name)) == stem else None
    except SaveError:
        return None


def save_path(name: str, home: Path | None = None) -> Path:
    """The file for a save name (SaveError if it cannot be one); no name leaves the folder."""
    clean = clean_name(name)
    stem = encode_name(clean)
    if len(stem) > MAX_FILE_STEM:
        raise SaveError(f"'{clean}' is too long for a save name once written as a file name; use a shorter one.")
    folder = (home or city_home()) / "saves"
    path = folder / f"{stem}.json"
    if path.parent != folder:  # cannot happen with the encoding above; never trust it blindly
        raise SaveError(f"'{clean}' cannot be a save name.")
    return path


def find_save(name: str, home: Path | None = None) -> Path:
    """The file of an existing save: its own encoding, or the name an older version gave it
    (`My Game` was saved as `my-game`)."""
    path = save_path(name, home)
    if not os.path.lexists(path):
        legacy = str(name).strip().lower().replace(" ", "-")
        if NAME_RE.match(legacy) and os.path.lexists(path.parent / f"{legacy}.json"):
            return path.parent / f"{legacy}.json"
    return path


def write_save(path: Path, payload: dict[str, Any]) -> None:
    """Write atomically: a temporary file in the same folder, fsync, then rename over.

    Temporary files a killed game left behind are removed first."""
    from game.safewrite import sweep, write_bytes_atomic

    folder = path.parent
    try:
        # one line: with an indent json encodes in Python, not C (130 of 240 ms an autosave at 5,000 rooms)
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError, RecursionError) as err:
        raise SaveError(f"could not write the save ({err}); your previous save is untouched.") from err
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep(folder)
        if os.path.islink(path):
            raise SaveError(f"'{path.stem}' is a link in the saves folder; remove it to save under that name.")
        write_bytes_atomic(path, data)
    except OSError as err:
        raise SaveError(f"could not write the save ({err.strerror or err}); your previous save is untouched.") from err


def make_payload(state: dict[str, Any], fingerprint: str, mods: list[tuple[str, str]],
                 commands: list[str], undo: list[dict[str, Any]], redo: list[dict[str, Any]],
                 summary: dict[str, Any], world: World | None = None) -> dict[str, Any]:
    """Everything a save holds. `summary` (turn, room name, day) is for listing saves.

    Given the `world`, each state holds what can change, sized by the player's progress:
    places as the changes from the world's own (game.engine.saved), so an autosave of a
    world of 50,000 rooms is as small as one of the bundled world's. An open question is
    not saved (see game.savefile): it was asked of the moment."""
    from datetime import UTC, datetime

    from game.engine.saved import compact_history

    def settled(s: dict[str, Any]) -> dict[str, Any]:
        return {**s, "pending": None} if s.get("pending") is not None else s

    if world is not None:
        kept = compact_history([state, *undo[-UNDO_KEPT:], *redo[-UNDO_KEPT:]], world)
        state, undo, redo = kept[0], kept[1:1 + len(undo[-UNDO_KEPT:])], kept[1 + len(undo[-UNDO_KEPT:]):]

    return {
        "format": FORMAT,
        "game": "the-city",
        "world": fingerprint,
        "mods": [list(m) for m in mods],
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "summary": summary,
        "seed": state["seed"],
        "state": settled(state),
        "commands": commands,
        "undo": [settled(s) for s in undo[-UNDO_KEPT:]],
        "redo": [settled(s) for s in redo[-UNDO_KEPT:]],
    }


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older save up to FORMAT, one version at a time."""
    if data.get("format") == 1:  # v1 had the state only
        state = data["state"]
        data = {**data, "format": 2, "seed": state.get("seed", 0), "commands": [], "undo": [], "redo": [],
                "summary": {"turn": state.get("moves", 0), "room": state.get("room", "?"), "day": None}}
    if data.get("format") == 2:  # v2 saved every place in full, which v3 still reads as it is
        data = {**data, "format": 3}
    return data


def read_save(path: Path, fingerprint: str = "", mods: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """The save's contents (migrated to the current format), or SaveError saying why not.

    The contents are checked against the world by game.savefile.check_payload."""
    name = display_name(path)
    data = _read_json(path)
    if not isinstance(data, dict) or data.get("game") != "the-city" or not isinstance(data.get("state"), dict):
        raise SaveError(f"'{name}' is not a save of THE CITY.")
    version = data.get("format")
    if type(version) is not int or version > FORMAT or version < 1:
        shown = version if type(version) is int and abs(version) < 10**6 else "unknown"
        raise SaveError(f"'{name}' has save format {shown}; this version of the game reads formats 1 to {FORMAT}. "
                        "Load it with the version of the game that wrote it.")
    return _migrate(data)


def display_name(path: Path) -> str:
    """The save name a file stands for (its stem if it is not one of ours)."""
    return decode_stem(path.stem) or path.stem


def _read_json(path: Path) -> Any:
    from game.safefile import read_bytes

    name = display_name(path)
    try:
        raw = read_bytes(path, MAX_SAVE)
    except FileNotFoundError:
        raise SaveError(f"there is no save called '{name}' (the command saves lists them).") from None
    except OSError as err:
        raise SaveError(f"could not read the save '{name}': {err.strerror or err}.") from err
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # ValueError: bad JSON, or a number too long to read
        raise SaveError(f"'{name}' is damaged or not a save file (it is not valid JSON); it was left as it is.") from None


def _summary(data: Any) -> dict[str, Any] | None:
    """A save's summary for listing, if it has a readable one: turn, room name, day."""
    summary = data.get("summary") if isinstance(data, dict) else None
    if not isinstance(summary, dict):
        return None
    turn, room, day = summary.get("turn"), summary.get("room"), summary.get("day")
    if type(turn) is not int or not 0 <= turn < 10**9 or type(room) is not str or not room.isprintable():
        return None
    if day is not None and (type(day) is not int or not 0 <= day < 10**9):
        day = None
    return {"turn": turn, "room": room[:80], "day": day}


def list_saves(home: Path | None = None) -> list[dict[str, Any]]:
    """Each save's name, summary and date, newest first. A file that cannot be read is listed
    with `problem` saying why (and no summary); nothing in the folder makes this fail."""
    import stat

    folder = (home or city_home()) / "saves"
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for item in entries:
        if not item.name.endswith(".json") or item.name.startswith("."):
            continue
        stem = item.name[:-5]
        name = decode_stem(stem)
        if name is None:
            continue  # not a file this game writes
        entry: dict[str, Any] = {"name": name, "file": item.name, "mtime": 0.0, "summary": None, "saved_at": None,
                                 "problem": None}
        try:
            info = os.lstat(item.path)
            entry["mtime"] = info.st_mtime
            if stat.S_ISLNK(info.st_mode):
                raise SaveError("it is a link, not a save file")
            data = _read_json(Path(item.path))
            summary = _summary(data)
            if summary is None:
                raise SaveError("it is damaged (no readable summary)")
            entry["summary"] = summary
            saved_at = data.get("saved_at")
            entry["saved_at"] = saved_at[:40] if isinstance(saved_at, str) else None
        except SaveError as err:
            entry["problem"] = _reason(str(err), name)
        except OSError as err:
            entry["problem"] = f"cannot be read ({err.strerror or err})"
        found.append(entry)
    return sorted(found, key=lambda e: (-e["mtime"], e["name"]))


def _reason(message: str, name: str) -> str:
    """A refusal as a listing shows it, without repeating the save's name."""
    for lead in (f"'{name}' is ", f"could not read the save '{name}': "):
        if message.startswith(lead):
            message = message[len(lead):]
    return message.rstrip(".").split(";")[0]


# -- one autosave per game ------------------------------------------------------------------
# The game being played autosaves as `autosave`. Before a new game (or one loaded from another
# save) first writes it, the earlier game's autosave moves to `autosave-1`, that one to
# `autosave-2`, and so on; the oldest beyond AUTOSAVES_KEPT is removed. So starting anew never
# overwrites the game before, and the folder never fills with autosaves.

AUTOSAVE = "autosave"
AUTOSAVES_KEPT = 5  # earlier games' autosaves kept besides the current one


def older_autosave(n: int) -> str:
    """The name the n-th earlier game's autosave is kept under (`autosave-1` is the last)."""
    return f"{AUTOSAVE}-{n}"


def rotate_autosaves(home: Path | None = None, kept: int = AUTOSAVES_KEPT) -> None:
    """Move `autosave` aside to `autosave-1` (and each older one a place on), dropping the
    oldest beyond `kept`. Nothing to move is not an error; SaveError if a move fails (the
    autosave then stays where it was, so nothing is lost)."""
    folder = (home or city_home()) / "saves"
    current = save_path(AUTOSAVE, home)
    if not os.path.lexists(current):
        return
    try:
        for n in range(kept - 1, 0, -1):  # autosave-(kept-1) replaces the oldest, and so on down
            path = save_path(older_autosave(n), home)
            if os.path.lexists(path):
                os.replace(path, save_path(older_autosave(n + 1), home))
        os.replace(current, save_path(older_autosave(1), home))
    except OSError as err:
        raise SaveError(f"could not keep the earlier game's autosave in {folder} ({err.strerror or err}); "
                        "nothing was overwritten.") from err


def newest_save(home: Path | None = None) -> dict[str, Any] | None:
    """The most recently written save that has a readable summary (what `city play --continue`
    and the app's launch offer resume), as `list_saves` lists it; None if there is none."""
    return next((entry for entry in list_saves(home) if entry["summary"] is not None), None)
