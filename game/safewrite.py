"""Writing the game's files so that a failure or a kill never leaves half of one.

`write_atomic` writes a temporary file beside the target, named after the writing process
so that a later writer can tell a killed writer's leftovers from a live one's, flushes it,
and renames it over the target; `sweep` removes what killed writers left behind.

Imports nothing of the game: the saves, the world cache and the playthrough recorder use it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable

TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600.0  # seconds: a temporary file this old is a leftover whoever wrote it


def temp_prefix(stem: str) -> str:
    """The name start of this process's temporary files for `stem`: `.STEM~PID~`."""
    return f".{stem}~{os.getpid()}~"


def write_atomic(path: str | os.PathLike[str], write: Callable[[int], None], durable: bool = True) -> None:
    """Write a file so that it is either the old one or the whole new one, whatever happens.

    `write(fd)` fills a temporary file in the same folder; it is flushed (fsync'd when
    `durable`) and renamed over `path`. On any failure the temporary file is removed and the
    error raised; a kill leaves it behind, and `sweep` removes it later.
    """
    import tempfile

    target = os.fspath(path)
    folder = os.path.dirname(target) or "."
    stem = os.path.basename(target).rpartition(".")[0] or os.path.basename(target)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=temp_prefix(stem[:60]), suffix=TEMP_SUFFIX)
    try:
        try:
            write(fd)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        with contextlib.suppress(OSError):  # not every system can fsync a folder
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes, durable: bool = True) -> None:
    """`write_atomic` of all of `data` (os.write may write less than it is given)."""

    def write_all(fd: int) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]

    write_atomic(path, write_all, durable)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would end the process there: go by age only
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError, ValueError):
        return True  # someone else's process, or a system that cannot tell: leave it be
    return True


def sweep(folder: str | os.PathLike[str], now: float | None = None) -> int:
    """Remove the temporary files that killed writers left in `folder`: those of a process
    that no longer runs, and any older than an hour. The number removed."""
    import time

    now = time.time() if now is None else now
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        path = os.path.join(folder, name)
        parts = name.split("~")
        try:
            info = os.lstat(path)
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode)):
                continue
            pid = int(parts[-2]) if len(parts) >= 3 and parts[-2].isdigit() and len(parts[-2]) < 10 else None
            old = now - info.st_mtime > STALE_AFTER
            if old or (pid is not None and not _alive(pid)) or (pid is None and now - info.st_mtime > 60):
                os.unlink(path)
                removed += 1
        except OSError:
            continue
    return removed
