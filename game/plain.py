"""The stdin/stdout front end: `> ` prompt and plain text, or JSON lines with --json."""

from __future__ import annotations

from typing import IO

from game.engine import events as ev
from game.session import Session
from game.textview import render


def run_plain(session: Session, stdin: IO[str], stdout: IO[str], opening: list[ev.Event]) -> int:
    """Play until quit or end of input. Every line typed gets an answer."""
    stdout.write(render(opening) + "\n")
    while not session.quit:
        stdout.write("\n> ")
        stdout.flush()
        line = stdin.readline()
        if not line:  # end of input is a quit too: keep the game
            session.autosave()
            stdout.write("\n")
            break
        text = render(session.send(line.rstrip("\r\n")))
        stdout.write("\n" + text + "\n" if text else "\n")
    stdout.flush()
    return 0


def _object(session: Session, turn: int, text: str | None, events: list[ev.Event]) -> str:
    import json  # --json only

    return json.dumps({
        "turn": turn,
        "input": text,
        "text": render(events, width=None),
        "events": [e.as_dict() for e in events],
        "state": session.state_summary(),
        "commands": session.commands(),
    }, ensure_ascii=False)


def run_json(session: Session, stdin: IO[str], stdout: IO[str], opening: list[ev.Event]) -> int:
    """The JSON-lines protocol: one object per line out (the first before any input)."""
    stdout.write(_object(session, 0, None, opening) + "\n")
    stdout.flush()
    turn = 0
    while not session.quit:
        line = stdin.readline()
        if not line:
            break
        turn += 1
        text = line.rstrip("\r\n")
        stdout.write(_object(session, turn, text, session.send(text)) + "\n")
        stdout.flush()
    return 0
