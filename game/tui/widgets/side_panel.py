"""The side panel: exits, what lies here and who is here as buttons, and the inventory."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Label, Static

from game.tui.messages import SendCommand
from game.world.model import DIRECTIONS


class CommandButton(Button):
    """A button that sends a command to the game when pressed."""

    def __init__(self, label: str, command: str) -> None:
        super().__init__(label, compact=True)
        self.command = command


class SidePanel(VerticalScroll):
    """Rebuilt from `offers` and `inventory` after each turn (attributes down)."""

    offers: reactive[list[str]] = reactive(list, always_update=True, recompose=True)
    inventory: reactive[list[str]] = reactive(list, always_update=True, recompose=True)
    choices: reactive[list[tuple[str, str]]] = reactive(list, always_update=True, recompose=True)

    def compose(self) -> ComposeResult:
        if self.choices:  # an encounter: the options are what matters
            yield Label("Choose", classes="panel-title")
            for number, (key, _label) in enumerate(self.choices, 1):
                yield CommandButton(f"{number}. {key}", key)
        directions = [c for c in self.offers if c in DIRECTIONS]
        if not self.choices:
            yield Label("Exits", classes="panel-title")
            for d in directions:
                yield CommandButton(d, d)
            if not directions:
                yield Label("(none open)", classes="panel-empty")
        takes = [c for c in self.offers if c.startswith(("take ", "talk to "))]
        if takes:
            yield Label("Here", classes="panel-title")
            for c in takes:
                yield CommandButton(c, c)
        yield Label("Carrying", classes="panel-title")
        for item in self.inventory or ["nothing"]:
            yield Static(f"· {item}", classes="panel-item", markup=False)

    @on(CommandButton.Pressed)
    def send(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, CommandButton)
        self.post_message(SendCommand(event.button.command))
