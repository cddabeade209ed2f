"""The stdin/stdout front end: `> ` prompt and plain text, or JSON lines with --json.

Every way out keeps the game: end of input, `quit`, Ctrl+C, SIGTERM, SIGHUP and a closed
output pipe all end in `Session.close()`, which autosaves. A signal that arrives while a
command runs waits for it to finish, so the save is of a whole turn.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

from game.engine import events as ev
from game.session import Session
from game.textview import render

LINE_LIMIT = 65_536  # characters read of one line; the rest of a longer line is skipped (the game reads 500)
SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class Leave(Exception):
    """A signal asked the game to end; `signum` is which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def signals_leave(session: Session) -> Iterator[Callable[[], None]]:
    """A block in which, once armed (call what it yields), SIGINT, SIGTERM and SIGHUP raise
    Leave, or, while a command runs, wait for it to finish (`session.stop`); once the game is
    leaving, more are ignored. The front ends arm it once the first prompt is out: before
    that nothing has happened that a save would keep, and the first prompt comes sooner."""
    previous: dict[int, Any] = {}

    def handle(signum: int, frame: object) -> None:
        if session.closed or session.stop is not None:
            return  # already on the way out: let the save finish
        session.stop = signum
        if not session.busy:  # else the loop leaves once the command has run
            raise Leave(signum)

    def arm() -> None:
        import signal

        if previous:
            return
        for name in SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(OSError, ValueError):  # ValueError: not the main thread, where none can be set
                    previous[number] = signal.signal(number, handle)

    try:
        yield arm
    finally:
        if previous:
            import signal

            for number, old in previous.items():
                with contextlib.suppress(OSError, ValueError, TypeError):
                    signal.signal(number, old)


def read_line(stdin: IO[str]) -> str | None:
    """The next line without its line end, at most LINE_LIMIT characters (the rest of a
    longer line is read and dropped); None at the end of input."""
    line = stdin.readline(LINE_LIMIT)
    if not line:
        return None
    if not line.endswith("\n") and len(line) >= LINE_LIMIT:
        while True:
            more = stdin.readline(LINE_LIMIT)
            if not more or more.endswith("\n"):
                break
    return line.rstrip("\r\n")


def _silence(stream: IO[str]) -> None:
    """After a closed pipe: send what is still buffered nowhere, so leaving prints no error."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, stream.fileno())
        os.close(fd)


def _tell(text: str) -> None:
    """A line on stderr, if there still is one."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def _left(session: Session, how: str) -> None:
    """Close the session and say on stderr how it went (quietly at the end of input, unless it failed)."""
    result = session.close()
    if isinstance(result, ev.Error):
        _tell(f"city: {how}; autosave failed: {result.message.removeprefix('Not saved: ')}")
    elif how != "end of input":
        _tell(f"city: {how}; " + ("your game is saved as 'autosave'." if result is not None else "nothing to save."))


def _play(session: Session, stdout: IO[str], loop: Callable[[Callable[[], None]], Iterator[None]]) -> int:
    """Run `loop` and leave by whatever way comes: end of input, quit, a signal, a closed pipe."""
    with signals_leave(session) as arm:
        try:
            for _ in loop(arm):
                if session.stop is not None:
                    raise Leave(session.stop)
            if not session.quit:  # a quit has said how its save went, in the game's answer
                _left(session, "end of input")
        except Leave as leave:
            import signal

            name = "interrupted" if leave.signum == signal.SIGINT else f"stopped by {signal.Signals(leave.signum).name}"
            _left(session, name)
            return 128 + leave.signum
        except BrokenPipeError:
            _silence(stdout)
            _left(session, "the output was closed")
        finally:
            session.close()
    return 0


def run_plain(session: Session, stdin: IO[str], stdout: IO[str], opening: list[ev.Event]) -> int:
    """Play until quit or end of input. Every line typed gets an answer."""

    def loop(arm: Callable[[], None]) -> Iterator[None]:
        stdout.write(render(opening) + "\n")
        while not session.quit:
            stdout.write("\n> ")
            stdout.flush()
            arm()
            line = read_line(stdin)
            if line is None:  # end of input is a quit too: keep the game
                stdout.write("\n")
                break
            text = render(session.send(line))
            stdout.write("\n" + text + "\n" if text else "\n")
            yield
        stdout.flush()

    return _play(session, stdout, loop)


def _object(session: Session, turn: int, text: str | None, events: list[ev.Event]) -> str:
    from game.protocol import dumps, make_object  # --json only

    return dumps(make_object(session, turn, text, events))


def _answer(session: Session, turn: int, text: str) -> str:
    """The line for one line read: the game's answer, or a protocol command's (/snapshot...)."""
    from game.protocol import answer, dumps

    return dumps(answer(session, turn, text))


def run_json(session: Session, stdin: IO[str], stdout: IO[str], opening: list[ev.Event]) -> int:
    """The JSON-lines protocol: one object per line out (the first before any input)."""

    def loop(arm: Callable[[], None]) -> Iterator[None]:
        stdout.write(_object(session, 0, None, opening) + "\n")
        stdout.flush()
        arm()
        turn = 0
        while not session.quit:
            text = read_line(stdin)
            if text is None:
                break
            turn += 1
            stdout.write(_answer(session, turn, text) + "\n")
            stdout.flush()
            yield

    return _play(session, stdout, loop)
