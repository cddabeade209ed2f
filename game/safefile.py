"""Reading the game's files without trusting what sits at a path.

Every file the game reads from a folder a user, a mod or a download controls (world and mod
YAML, saves, `.play` files, the world cache) goes through `read_bytes`: it looks before it
opens (a FIFO would block, `/dev/zero` never ends), opens without blocking and without
following a last link, checks again on the open file (the path may have changed in
between), and reads at most the limit and one byte more. Writing is `game.safewrite` (not needed to start
a game, so not imported by one).

Imports nothing of the game: the world loader, the saves and the playthrough runner use it.
"""

from __future__ import annotations

import errno
import os
import stat


class UnsafeFile(OSError):
    """The path is not a regular file the game may read; `reason` says what it is instead."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(errno.EINVAL, reason, os.fspath(path))
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular(path: str | os.PathLike[str], follow_links: bool = False) -> os.stat_result:
    """The path's stat if it is a regular file (and, unless `follow_links`, not a link);
    else UnsafeFile saying what it is. FileNotFoundError if nothing is there."""
    info = os.stat(path) if follow_links else os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFile(path, "it is a link, not a file; only plain files are read")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(path, f"it is {_kind(info.st_mode)}, not a file")
    return info


def read_bytes(path: str | os.PathLike[str], limit: int, follow_links: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or an OSError saying why not:
    UnsafeFile for a link (unless `follow_links`), a FIFO, a device, a folder or a file over
    the limit; FileNotFoundError and the like as the system gives them. Never blocks on a
    FIFO and never reads more than `limit` + 1 bytes."""
    check_regular(path, follow_links)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:  # O_NOFOLLOW met a link that appeared since the lstat
            raise UnsafeFile(path, "it is a link, not a file; only plain files are read") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(path, f"it is {_kind(info.st_mode)}, not a file")
        if info.st_size > limit:
            raise UnsafeFile(path, f"it is {info.st_size:,} bytes; the most read is {limit:,}")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # the file grew while it was read
            raise UnsafeFile(path, f"it is more than {limit:,} bytes; the most read is {limit:,}")
        return b"".join(chunks)
    finally:
        os.close(fd)
