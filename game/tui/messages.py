"""Every custom message of the app: widgets post these up; the app answers them."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SendCommand(Message):
    """A widget wants this text sent to the game (typed, clicked or chosen)."""

    text: str


@dataclass
class ScrollLog(Message):
    """The command line asks for the log to scroll: `where` is "home" or "end"."""

    where: str
