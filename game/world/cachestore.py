"""Writing the compiled-world cache, on a miss only (so a start that hits never imports this).

The encoding, read back by `game.world.cache`: JSON with three tags. A record of the model is
a mapping of its fields plus `"$r": CLASS`; a tuple is `{"$t": [...]}`; a mapping whose keys
are not all plain strings (or start with `$`) is `{"$d": [[key, value], ...]}`. Nothing else
is written, so nothing else is read.
"""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from game.safewrite import sweep, write_atomic
from game.world.model import Record, World

KEEP = 8  # cached worlds kept (each edit of a world or mod set makes a new one)


def encode(value: Any, records: dict[str, type]) -> Any:
    """`value` as the tagged JSON data above; TypeError for a value the cache cannot hold."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is list:
        return [encode(v, records) for v in value]
    if kind is tuple:
        return {"$t": [encode(v, records) for v in value]}
    if kind is dict:
        if all(type(k) is str and not k.startswith("$") for k in value):
            return {k: encode(v, records) for k, v in value.items()}
        return {"$d": [[encode(k, records), encode(v, records)] for k, v in value.items()]}
    if isinstance(value, Record) and records.get(kind.__name__) is kind:
        out = {k: encode(v, records) for k, v in value.__dict__.items()}
        out["$r"] = kind.__name__
        return out
    raise TypeError(f"cannot cache a {kind.__name__}")


def store(where: str | None, header: dict[str, Any], world: World, records: dict[str, type]) -> str | None:
    """Write `world` (as `header` plus `"world"`) into the cache folder `where`, named by the
    header's key. None when it worked (or the world holds values the cache cannot keep),
    else a sentence saying why the cache could not be written."""
    if where is None:
        return "there is no cache folder on this system (set CITY_CACHE to one)"
    try:
        text = json.dumps({**header, "world": encode(world, records)}, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None  # a value JSON cannot hold: this world is simply not cached
    data = text.encode("ascii")
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        sweep(where)
        write_atomic(os.path.join(where, f"world-{header['key']}.json"), lambda fd: _write_all(fd, data), durable=False)
    except OSError as err:
        return f"{where}: {err.strerror or err}"
    _prune(where)
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _prune(where: str) -> None:
    """Keep the newest few cached worlds; remove any pickled cache an older version left."""
    try:
        names = os.listdir(where)
    except OSError:
        return
    for name in names:
        if name.startswith("world-") and name.endswith(".pickle"):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(where, name))
    found = []
    for name in names:
        if name.startswith("world-") and name.endswith(".json"):
            path = os.path.join(where, name)
            with contextlib.suppress(OSError):
                found.append((os.lstat(path).st_mtime, path))
    for _, old in sorted(found, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old)
