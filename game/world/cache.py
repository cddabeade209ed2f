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

FORMAT = 2  # raise when the encoding (game.world.cachestore, read by _decode below) changes (2: rooms read lazily)
MAX_SOURCE = 1_000_000  # a source file bigger than the loader accepts is a miss (the loader says why)
MAX_SOURCES = 500
MAX_CACHE = 256_000_000  # a 50,000-room world's is about 70 MB

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


class LazyRooms(dict):  # type: ignore[type-arg]
    """A cached world's rooms: each left as JSON in the cache file's bytes (after the first line)
    until the game first reads it, so a warm start parses the few rooms it shows.

    A start reads the few rooms it shows, not the thousands of a large mod (the rooms are
    nineteen twentieths of a cached world, and decoding them was nearly all of a warm start).
    What the engine needs of every room is decoded whole with the table, small: `graph` (each
    room's floor, whether it is safe, and its exits' targets with their `safeguard`, as
    [floor, safe, to, safeguard, to, safeguard, ...]) and `placed` (where rooms put items and
    characters, the first room naming one winning), and `oneway`, so that what leads into a room
is known from its own exits. Reading it as a dict reads every room."""

    graph: dict[str, list[Any]]
    placed: dict[str, dict[str, str]]
    oneway: dict[str, list[str]]  # a room -> the rooms whose exits lead into it with no exit back
    at: dict[str, list[int]]  # a room -> [start, end] of its encoding (in the world's order)
    blob: bytes
    base: int

    def __getitem__(self, key: str) -> Any:
        value = dict.__getitem__(self, key)
        if type(value) is list:  # [start, end] of its JSON in the blob
            value = json.loads(self.blob[self.base + value[0]:self.base + value[1]], object_hook=_decode)
            if type(value) is not _RECORDS["Room"]:
                raise ValueError(f"the cached room {key!r} is not a room")
            dict.__setitem__(self, key, value)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if dict.__contains__(self, key) else default

    def __iter__(self) -> Any:  # not dict's own: dict(rooms) and {**rooms} then read through __getitem__
        return dict.__iter__(self)

    def items(self) -> Any:
        return [(key, self[key]) for key in dict.__iter__(self)]

    def values(self) -> Any:
        return [self[key] for key in dict.__iter__(self)]

    def copy(self) -> dict[str, Any]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        self.items()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __repr__(self) -> str:
        self.items()
        return dict.__repr__(self)

    def __reduce__(self) -> Any:
        return dict, (self.copy(),)


def _lazy(d: dict[str, Any], blob: bytes, base: int) -> LazyRooms:
    """The rooms' table from its tagged form (their encodings in `blob` from `base` on);
    ValueError if any part has the wrong shape or the rooms' bytes are not those written."""
    at, graph, placed, oneway, crc = d["$l"], d["$g"], d["$p"], d["$o"], d["$c"]
    size = len(blob) - 1 - base  # the file ends with the list's ]
    if not (type(at) is dict and type(graph) is dict and type(placed) is dict and at.keys() == graph.keys()
            and all(type(v) is list and len(v) == 2 and type(v[0]) is int and type(v[1]) is int
                    and 0 <= v[0] <= v[1] <= size for v in at.values())
            and all(type(v) is list and len(v) >= 2 and type(v[0]) is str for v in graph.values())
            and placed.keys() == {"items", "characters"} and all(type(v) is dict for v in placed.values())
            and all(type(k) is str and type(r) is str and r in at for v in placed.values() for k, r in v.items())
            and type(oneway) is dict and all(type(v) is list and all(type(r) is str for r in v) for v in oneway.values())):
        raise ValueError("the cached rooms have the wrong shape")
    if zlib.crc32(memoryview(blob)[base:base + size]) != crc:  # rooms are read later: check them now, whole
        raise ValueError("the cached rooms are not as they were written")
    rooms = LazyRooms(at)
    rooms.graph, rooms.placed, rooms.oneway, rooms.blob, rooms.base = graph, placed, oneway, blob, base
    rooms.at = at  # where each room lies: its order in the world, too
    return rooms


def _decoder(blob: bytes, base: int) -> Any:
    """The object hook for a cache file whose rooms lie in `blob` from `base` on."""
    def hook(d: dict[str, Any]) -> Any:
        return _lazy(d, blob, base) if "$l" in d else _decode(d)
    return hook


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
        # ["LENGTH",{the world but its rooms},{room},{room},...]: the rooms are read one by one, later
        if raw[:2] != b'["' or raw[12:14] != b'",' or not raw[2:12].isdigit():
            raise ValueError("not a cache file of this format")
        end = 14 + int(raw[2:12])
        enabled = gc.isenabled()
        gc.disable()  # the decoded world is a tree: nothing for the collector to find while it is built
        try:
            data = json.loads(raw[14:end], object_hook=_decoder(raw, end + 1))
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
