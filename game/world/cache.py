"""The compiled-world cache: a validated World, pickled, keyed by its source bytes.

A cache hit skips YAML parsing and pydantic, which keeps `city play --plain` start-up
light. The key checksums the game version, the Python version and every source file's
path and bytes, so any edit to the world or a mod misses. The cache lives in the user's cache
folder (`CITY_CACHE` overrides it) and is only ever read by this same program, like a
.pyc file; a broken or stale entry is ignored and rebuilt.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from pathlib import Path

import game
from game.world.model import World


def fingerprint(files: list[tuple[str, bytes]]) -> str:
    """A short hash of the world's sources (paths as the loader saw them, and bytes)."""
    import hashlib  # on a cache miss only; the fingerprint is stored in the cached world

    h = hashlib.sha256()
    for name, data in files:
        h.update(Path(name).name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def _dir() -> Path:
    override = os.environ.get("CITY_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("the-city", appauthor=False))


def key_for(world_dir: Path, mods: list[Path]) -> str | None:
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


def read(key: str) -> World | None:
    """The cached world for `key`, or None on a miss or an unreadable entry."""
    try:  # anything wrong with the cache (even no platformdirs) is just a miss
        with open(_dir() / f"world-{key}.pickle", "rb") as f:
            world = pickle.load(f)
    except Exception:  # a missing, truncated or foreign file is just a miss
        return None
    return world if isinstance(world, World) else None


def write(key: str, world: World) -> None:
    """Store `world` under `key`; failure to write is harmless (next start rebuilds)."""
    import tempfile

    try:
        folder = _dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".world-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(world, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"world-{key}.pickle")
    except (OSError, ImportError, pickle.PicklingError):
        pass
