"""The compiled-world cache: a validated World, pickled, keyed by its source bytes.

A cache hit skips YAML parsing and pydantic, which keeps `city play --plain` start-up
light. The key checksums the game version, the Python version and every source file's
path and bytes, so any edit to the world or a mod misses. Like Python's own bytecode,
the cache is written beside its sources (`data/__pycache__/`) when that folder is
writable, else in the user's cache folder; `CITY_CACHE` overrides both. It is only ever
read by this same program; a broken or stale entry is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Iterator

import game
from game.world.model import World


def fingerprint(files: list[tuple[str, bytes]]) -> str:
    """A short hash of the world's sources (paths as the loader saw them, and bytes)."""
    import hashlib  # on a cache miss only; the fingerprint is stored in the cached world

    h = hashlib.sha256()
    for name, data in files:
        h.update(os.path.basename(name).encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def _dirs(world_dir: str) -> Iterator[str]:
    """Where a cached world may be, in the order to try (lazily: platformdirs costs start-up)."""
    override = os.environ.get("CITY_CACHE")
    if override:
        yield override
        return
    yield os.path.join(os.path.dirname(os.path.abspath(world_dir)), "__pycache__")
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        return
    yield user_cache_dir("the-city", appauthor=False)


def key_for(world_dir: str, mods: list[str | os.PathLike[str]]) -> str | None:
    """The cache key for this world and mods, or None if a source cannot be read.

    Two 32-bit checksums (CRC-32 and Adler-32) and the length of every path and file,
    in order: cheap to compute on every start, and any edit changes them.
    """
    crc, adler, size = 0, 1, 0

    def feed(data: bytes) -> None:
        nonlocal crc, adler, size
        crc, adler, size = zlib.crc32(data, crc), zlib.adler32(data, adler), size + len(data)

    feed(f"{game.__version__}|{sys.version}".encode())
    try:
        for folder in [world_dir, *mods]:
            feed(b"\1" + os.path.abspath(folder).encode())
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames.sort()
                for name in sorted(filenames):
                    if name.endswith((".yaml", ".yml")):
                        path = os.path.join(dirpath, name)
                        with open(path, "rb") as f:
                            data = f.read()
                        feed(path.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    except OSError:
        return None
    return f"{crc:08x}{adler:08x}{size:x}"


def read(key: str, world_dir: str) -> World | None:
    """The cached world for `key`, or None on a miss or an unreadable entry."""
    for folder in _dirs(world_dir):
        try:  # anything wrong with a cache entry (even no platformdirs) is just a miss
            with open(os.path.join(folder, f"world-{key}.pickle"), "rb") as f:
                world = pickle.load(f)
        except Exception:
            continue
        if isinstance(world, World):
            return world
    return None


def write(key: str, world: World, world_dir: str) -> None:
    """Store `world` under `key`; failure to write is harmless (the next start rebuilds)."""
    import tempfile

    for folder in _dirs(world_dir):
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".world-", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(world, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, os.path.join(folder, f"world-{key}.pickle"))
            _prune(folder)
            return
        except (OSError, ImportError, pickle.PicklingError):
            continue


KEEP = 8


def _prune(folder: str) -> None:
    """Keep the newest few cached worlds (each edit of a world or mod set makes a new one)."""
    found = [os.path.join(folder, n) for n in os.listdir(folder) if n.startswith("world-") and n.endswith(".pickle")]
    for old in sorted(found, key=os.path.getmtime, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old)
