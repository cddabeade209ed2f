"""The command line: history on up/down, Tab completion from the commands that make sense now."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import SuggestFromList
from textual.widgets import Input

from game.tui.messages import SendCommand


class CommandInput(Input):
    """Posts SendCommand on Enter; `offers` (set by the app) feed the suggestion and Tab."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Previous command", show=False),
        Binding("down", "history(1)", "Next command", show=False),
        Binding("tab", "complete", "Complete", show=False, priority=True),
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

    def action_complete(self) -> None:
        """Accept the inline suggestion, or cycle through the commands that start so."""
        if self._suggestion and self._suggestion != self.value:
            self.value = self._suggestion
        else:
            if not self._cycle or self.value not in self._cycle:
                stem = self.value.lower()
                self._cycle = [o for o in self._offers if o.startswith(stem)] or list(self._offers)
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
