"""The compiled-world cache: a validated World as plain JSON data, keyed by what built it.

A cache hit skips YAML parsing and pydantic, which keeps `city play --plain` start-up light.
The cache is data only: JSON read back into the world model's own record classes, which
are named in the file and looked up in a fixed table (any other name is a miss), each with
exactly its fields. Nothing in a cache file can run, whoever wrote it.

The key checksums the cache format, the game's version, the Python version, and the path,
size and modification time of the code that builds a World (`game/world/*.py`) and of every
source file, so any edit to the world, a mod or the loader misses. Files are only looked at
(never read) for the key: a link, a FIFO, a device or a file over the size limit is a miss,
and the loader then says what is wrong.

The cache lives only in the user's cache folder (`CITY_CACHE` overrides it), never beside the
world or a mod, so a folder that a `.play` file or `--mod` points at is never read for one.
A broken or stale entry is ignored and rebuilt; a cache that cannot be written is reported
once per start (every start is then slow).
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from typing import Any

import game
from game.safefile import check_regular, read_bytes
from game.world import model
from game.world.model import Record, World

FORMAT = 1  # raise when the encoding (game.world.cachestore, read by _decode below) changes
MAX_SOURCE = 1_000_000  # a source file bigger than the loader accepts is a miss (the loader says why)
MAX_SOURCES = 500
MAX_CACHE = 64_000_000

_RECORDS: dict[str, type] = {
    name: cls for name, cls in vars(model).items()
    if isinstance(cls, type) and issubclass(cls, Record) and cls is not Record and hasattr(cls, "__dataclass_fields__")
}
_FIELDS: dict[type, frozenset[str]] = {}


def fingerprint(files: list[tuple[str, bytes]]) -> str:
    """A short hash of the world's sources (paths as the loader saw them, and bytes)."""
    import hashlib  # on a cache miss only; the fingerprint is stored in the cached world

    h = hashlib.sha256()
    for name, data in files:
        h.update(os.path.basename(name).encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def folder() -> str | None:
    """The user's cache folder for the game (`CITY_CACHE` if set), or None if there is none.

    Found without platformdirs where the rule is simple (it costs start-up time)."""
    override = os.environ.get("CITY_CACHE")
    if override:
        return override
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "the-city")
    if os.name == "posix":
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "the-city")
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return None
    return user_cache_dir("the-city", appauthor=False)


def key_for(world_dir: str, mods: list[str | os.PathLike[str]]) -> str | None:
    """The cache key for this world and mods, or None if the sources are not plainly
    readable (a miss: the loader then reads them and says what is wrong).

    Like Python's own bytecode cache, it trusts each file's size and modification time
    (in nanoseconds): cheap on every start, and any edit changes them. It covers the code
    that builds a World (`game/world/*.py`) as well as every YAML source, by path. A link,
    a FIFO, a device or a file over the size limit is a miss before anything is read, and
    so is a mod folder without a plain `mod.yaml`.
    """
    parts = [f"{FORMAT}|{game.__version__}|{sys.version}"]
    try:
        here = os.path.dirname(os.path.abspath(__file__))
        for name in sorted(os.listdir(here)):
            if name.endswith(".py"):
                info = os.stat(os.path.join(here, name))
                parts.append(f"{name}|{info.st_size}|{info.st_mtime_ns}")
        count = 0
        for index, where in enumerate([world_dir, *mods]):
            top = os.path.abspath(os.fspath(where))
            if index > 0:
                check_regular(os.path.join(top, "mod.yaml"))  # a mod has a plain manifest, or it is a miss
            parts.append(f"\1{top}")
            for dirpath, dirnames, filenames in os.walk(top, onerror=_raise):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "__")))
                for name in sorted(filenames):
                    if name.endswith((".yaml", ".yml")):
                        count += 1
                        path = os.path.join(dirpath, name)
                        info = check_regular(path)  # no link, FIFO or device: those are a miss
                        if count > MAX_SOURCES or info.st_size > MAX_SOURCE:
                            return None
                        parts.append(f"{path}|{info.st_size}|{info.st_mtime_ns}")
    except OSError:
        return None
    text = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(parts):x}"


def _raise(err: OSError) -> None:
    raise err


# -- the encoding (see game.world.cachestore, which writes it): JSON with three tags -----------

_new = object.__new__
_set = object.__setattr__


def _decode(d: dict[str, Any]) -> Any:
    name = d.pop("$r", None)
    if name is not None:
        cls = _RECORDS[name]  # KeyError: not a record of the model, so not our cache
        fields = _FIELDS.get(cls)
        if fields is None:
            fields = _FIELDS[cls] = frozenset(cls.__dataclass_fields__)  # type: ignore[attr-defined]
        if d.keys() != fields:
            raise ValueError(f"{name} has other fields than the model's")
        record: Any = _new(cls)
        _set(record, "__dict__", d)
        return record
    if "$t" in d:
        return tuple(d["$t"])
    if "$d" in d:
        return dict(d["$d"])
    return d


def read(key: str) -> World | None:
    """The cached world for `key`, or None on a miss or an entry that is not one of ours."""
    where = folder()
    if where is None:
        return None
    import gc

    try:  # anything wrong with an entry is just a miss
        raw = read_bytes(os.path.join(where, f"world-{key}.json"), MAX_CACHE)
        enabled = gc.isenabled()
        gc.disable()  # the decoded world is a tree: nothing for the collector to find while it is built
        try:
            data = json.loads(raw, object_hook=_decode)
        finally:
            if enabled:
                gc.enable()
    except (OSError, ValueError, KeyError, TypeError, RecursionError, AttributeError):
        return None
    if not (type(data) is dict and data.get("format") == FORMAT and data.get("key") == key):
        return None
    world = data.get("world")
    return world if type(world) is World else None


def write(key: str, world: World) -> str | None:
    """Store `world` under `key` (game.world.cachestore: a miss only, so not imported to start).
    None when it worked, else a sentence saying why the cache could not be written."""
    from game.world.cachestore import store

    return store(folder(), {"format": FORMAT, "key": key}, world, _RECORDS)
