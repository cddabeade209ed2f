"""The command line: history on up/down, Tab completion from the commands that make sense now.

It keeps the focus for the whole game. Home and End move along a line being typed; on an
empty line they scroll the log to its top or end (PageUp, PageDown, Ctrl+Home and Ctrl+End
are the app's, and work whatever is typed).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import SuggestFromList
from textual.widgets import Input

from game.tui.messages import ScrollLog, SendCommand


def completion(value: str, offers: list[str]) -> str | None:
    """The first offer that goes on from what is typed (what the grey suggestion shows)."""
    stem = value.lower()
    if not stem:
        return None
    return next((o for o in offers if o.lower().startswith(stem) and o.lower() != stem), None)


class CommandInput(Input):
    """Posts SendCommand on Enter; `offers` (set by the app) feed the suggestion and Tab."""

    DEFAULT_CSS = """
    CommandInput {
        border: none;
        height: 1;
        padding: 0;
        width: 1fr;
        background: $panel;
        color: $foreground;
        &:focus { border: none; background: $panel; background-tint: transparent; }
        & > .input--placeholder, & > .input--suggestion { color: $foreground 72%; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Previous command", show=False),
        Binding("down", "history(1)", "Next command", show=False),
        Binding("tab", "complete", "Complete", show=False, priority=True),
        Binding("home", "line_home", "Start of line, or the log's top", show=False),
        Binding("end", "line_end", "End of line, or the log's end", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(placeholder="Type a command (help, look, north...)", **kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._cursor = 0
        self._offers: list[str] = []
        self._cycle: list[str] = []
        self._cycle_at = -1

    def set_offers(self, offers: list[str]) -> None:
        self._offers = offers
        self.suggester = SuggestFromList(offers, case_sensitive=False)

    def action_history(self, delta: int) -> None:
        if not self.history:
            return
        self._cursor = max(0, min(len(self.history), self._cursor + delta))
        self.value = self.history[self._cursor] if self._cursor < len(self.history) else ""
        self.cursor_position = len(self.value)

    def action_line_home(self) -> None:
        if self.value:
            self.action_home()
        else:
            self.post_message(ScrollLog("home"))

    def action_line_end(self) -> None:
        if self.value:
            self.action_end()
        else:
            self.post_message(ScrollLog("end"))

    def action_complete(self) -> None:
        """Accept the suggestion, or cycle through the commands that start so."""
        suggested = completion(self.value, self._offers)
        if suggested is not None and not (self._cycle and self.value in self._cycle):
            self.value = suggested
        else:
            if not self._cycle or self.value not in self._cycle:
                stem = self.value.lower()
                self._cycle = [o for o in self._offers if o.lower().startswith(stem)] or list(self._offers)
                self._cycle_at = -1
            if self._cycle:
                self._cycle_at = (self._cycle_at + 1) % len(self._cycle)
                self.value = self._cycle[self._cycle_at]
        self.cursor_position = len(self.value)

    async def action_submit(self) -> None:
        text = self.value.strip()
        self.value = ""
        self._cycle = []
        if not text:
            return
        if not self.history or self.history[-1] != text:
            self.history.append(text)
        self._cursor = len(self.history)
        self.post_message(SendCommand(text))
