"""The side panel: exits, what lies here and who is here as buttons, and the inventory.

Nothing in it takes the focus, so typing always goes to the command line (a click still
presses a button). Its exits are the room text's own (`Session.exits`): a sealed exit is
shown as sealed, never as open, and a hidden one not at all. Long lines wrap under their
first word (a hanging indent), and the panel scrolls when it is taller than the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Label, Static

from game.tui.messages import SendCommand


class CommandButton(Button, can_focus=False):
    """A button that sends a command to the game when pressed (by a click: it takes no focus)."""

    DEFAULT_CSS = """
    CommandButton {
        width: 100%;
        height: auto;
        min-height: 1;
        margin: 0;
        padding: 0 1;
        border: none;
        content-align: left middle;
        text-align: left;
        background: $panel;
        color: $foreground;
        text-style: none;
        &:hover { background: $primary; color: $background; text-style: none; }
        &.-active { background: $accent; color: $background; }
        &.sealed { color: $foreground 72%; text-style: italic; }
    }
    """

    def __init__(self, label: str, command: str, classes: str = "") -> None:
        super().__init__(label, compact=True, classes=classes)
        self.command = command


@dataclass(frozen=True)
class PanelView:
    """What the panel shows: the floor, the encounter's choices, the exits (direction, the
    room's name if known, open), the commands about things and people here, the inventory."""

    floor: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    exits: tuple[tuple[str, str | None, bool], ...] = ()
    here: tuple[str, ...] = ()
    inventory: tuple[str, ...] = ()


def hanging(lines: tuple[str, ...], bullet: str = "·") -> Table:
    """Lines with a bullet, each wrapping under its own first word rather than the bullet."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=len(bullet), no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row(bullet, Text(line))
    return grid


class SidePanel(VerticalScroll, can_focus=False):
    """Rebuilt from `view` after each turn (attributes down), only when it changed."""

    DEFAULT_CSS = """
    SidePanel {
        width: 26;
        padding: 0 0 0 1;
        border-left: vkey $primary;
        background: $surface;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        scrollbar-background: $surface;
        scrollbar-background-hover: $surface;
        scrollbar-background-active: $surface;
        scrollbar-color: $primary;
        scrollbar-color-hover: $accent;
        scrollbar-color-active: $accent;
        & > .panel-floor { width: 100%; text-style: bold; color: $secondary; }
        & > .panel-title { width: 100%; text-style: bold; color: $accent; margin-top: 1; }
        & > .panel-empty { color: $foreground 72%; }
        & > .panel-list { width: 100%; color: $foreground; }
    }
    """

    view: reactive[PanelView] = reactive(PanelView, recompose=True)

    def compose(self) -> ComposeResult:
        view = self.view
        if view.floor:
            yield Static(view.floor, classes="panel-floor", markup=False)
        if view.choices:  # an encounter: the options are what matters
            yield Label("Choose", classes="panel-title")
            for number, (key, label) in enumerate(view.choices, 1):
                yield CommandButton(f"{number}. {label}", key)
        else:
            yield Label("Exits", classes="panel-title")
            for direction, name, is_open in view.exits:
                shown = f"{direction}: {name}" if name else direction
                if is_open:
                    yield CommandButton(shown, direction)
                else:  # the room text lists it; it is not open (pressing says why)
                    yield CommandButton(f"{shown} (shut)", direction, classes="sealed")
            if not view.exits:
                yield Label("none you can see", classes="panel-empty")
        if view.here:
            yield Label("Here", classes="panel-title")
            for command in view.here:
                yield CommandButton(command, command)
        yield Label(f"Carrying ({len(view.inventory)})" if view.inventory else "Carrying", classes="panel-title")
        if view.inventory:
            yield Static(hanging(view.inventory), classes="panel-list")
        else:
            yield Label("nothing", classes="panel-empty")

    @on(CommandButton.Pressed)
    def send(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, CommandButton)
        self.post_message(SendCommand(event.button.command))
