"""The side panel: exits, what lies here and who is here as buttons, and the inventory."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class PanelView:
    """What the panel shows: the encounter's choices, the offered commands, the inventory."""

    floor: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    offers: tuple[str, ...] = ()
    inventory: tuple[str, ...] = ()


class SidePanel(VerticalScroll):
    """Rebuilt from `view` after each turn (attributes down), only when it changed."""

    view: reactive[PanelView] = reactive(PanelView, recompose=True)

    def compose(self) -> ComposeResult:
        view = self.view
        if view.floor:
            yield Label(view.floor, classes="panel-floor")
        if view.choices:  # an encounter: the options are what matters
            yield Label("Choose", classes="panel-title")
            for number, (key, _label) in enumerate(view.choices, 1):
                yield CommandButton(f"{number}. {key}", key)
        directions = [c for c in view.offers if c in DIRECTIONS]
        if not view.choices:
            yield Label("Exits", classes="panel-title")
            for d in directions:
                yield CommandButton(d, d)
            if not directions:
                yield Label("(none open)", classes="panel-empty")
        takes = [c for c in view.offers if c.startswith(("take ", "talk to "))]
        if takes:
            yield Label("Here", classes="panel-title")
            for c in takes:
                yield CommandButton(c, c)
        yield Label("Carrying", classes="panel-title")
        for item in view.inventory or ("nothing",):
            yield Static(f"· {item}", classes="panel-item", markup=False)

    @on(CommandButton.Pressed)
    def send(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, CommandButton)
        self.post_message(SendCommand(event.button.command))
