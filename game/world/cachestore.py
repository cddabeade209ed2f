"""Writing the compiled-world cache, on a miss only (so a start that hits never imports this).

The encoding, read back by `game.world.cache`: JSON with four tags. A record of the model is
a mapping of its fields plus `"$r": CLASS`; a tuple is `{"$t": [...]}`; a mapping whose keys
are not all plain strings (or start with `$`) is `{"$d": [[key, value], ...]}`. The file is
one JSON list: `["LENGTH", HEAD, ROOM, ROOM, ...]`, LENGTH ten digits giving HEAD's bytes,
HEAD the format, key and world but its rooms, then each room's encoding. The world's rooms
are `{"$l": {id: [start, end] of its encoding after HEAD's comma}, "$g": graph, "$p":
placements, "$o": one-way exits, "$c": crc32 of the rooms' part}`, read lazily
(game.world.cache.LazyRooms).
Nothing else is written, so nothing else is read.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from typing import Any

from game.safewrite import sweep, write_bytes_atomic
from game.world.model import Record, World

KEEP = 8  # cached worlds kept (each edit of a world or mod set makes a new one)


def encode(value: Any, records: dict[str, type], blob: list[bytes] | None = None) -> Any:
    """`value` as the tagged JSON data above; TypeError for a value the cache cannot hold.
    Given `blob`, a world's rooms go into it, to be read lazily; else they are written in line."""
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
        out = {k: encode(v, records) if k != "rooms" or kind is not World or blob is None else _rooms(v, records, blob)
               for k, v in value.__dict__.items()}
        out["$r"] = kind.__name__
        return out
    raise TypeError(f"cannot cache a {kind.__name__}")


def _rooms(rooms: dict[str, Any], records: dict[str, type], blob: list[bytes]) -> dict[str, Any]:
    """A world's rooms, read lazily (game.world.cache.LazyRooms): each room's encoding appended
    to `blob` and named by where it lies, with the graph and the placements every game needs."""
    graph: dict[str, list[Any]] = {}
    items: dict[str, str] = {}
    characters: dict[str, str] = {}
    at: dict[str, list[int]] = {}
    size = 0
    for rid, room in rooms.items():
        graph[rid] = [room.floor, room.safe, *(v for ex in room.exits.values() for v in (ex.to, ex.safeguard))]
        for item in room.items:
            items.setdefault(item, rid)
        for who in room.characters:
            characters.setdefault(who, rid)
        text = json.dumps(encode(room, records), separators=(",", ":")).encode("ascii")
        at[rid] = [size, size + len(text)]
        blob.append(text)
        size += len(text) + 1  # and the comma between rooms
    oneway: dict[str, list[str]] = {}  # rooms an exit leads into with no exit back: their sources
    for rid, room in rooms.items():
        for ex in room.exits.values():
            back = rooms.get(ex.to)
            if back is not None and all(b.to != rid for b in back.exits.values()):
                oneway.setdefault(ex.to, []).append(rid)
    return {"$l": at, "$g": graph, "$p": {"items": items, "characters": characters}, "$o": oneway,
            "$c": zlib.crc32(b",".join(blob))}


def store(where: str | None, header: dict[str, Any], world: World, records: dict[str, type]) -> str | None:
    """Write `world` (as `header` plus `"world"`) into the cache folder `where`, named by the
    header's key. None when it worked (or the world holds values the cache cannot keep),
    else a sentence saying why the cache could not be written."""
    if where is None:
        return "there is no cache folder on this system (set CITY_CACHE to one)"
    blob: list[bytes] = []
    try:
        text = json.dumps({**header, "world": encode(world, records, blob)}, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None  # a value JSON cannot hold: this world is simply not cached
    head = text.encode("ascii")
    if len(head) >= 10**10:
        return None
    # plain JSON, a list: the head's length, the world but its rooms, then each room (read lazily)
    data = b'["%010d",' % len(head) + head + b"".join(b"," + room for room in blob) + b"]"
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        sweep(where)
        write_bytes_atomic(os.path.join(where, f"world-{header['key']}.json"), data, durable=False)
    except OSError as err:
        return f"{where}: {err.strerror or err}"
    _prune(where)
    return None


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
