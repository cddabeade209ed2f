"""The modal screens. Each returns its result with dismiss(); Escape closes each.

Every dialog fits 80x24: its body takes the room left over (and scrolls), and its buttons
are docked at its foot so they are always on screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

DIALOG_CSS = """
    align: center middle;
    & > .dialog {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    & .dialog-title { width: 100%; text-style: bold; color: $accent; margin-bottom: 1; }
    & .dialog-body {
        height: auto;
        max-height: 1fr;
        scrollbar-size-vertical: 1;
    }
    & .dialog-text { width: 100%; color: $foreground; }
    & .no-wrap { width: auto; text-wrap: nowrap; }
    & .dialog-after { margin-top: 1; }
    & .dialog-hint { width: 100%; color: $foreground 72%; }
    & .dialog-buttons { height: auto; width: 100%; margin-top: 1; }
    & .dialog-buttons Button { margin-right: 2; }
"""


class TextScreen(ModalScreen[None]):
    """A scrollable page of text (help, journal, map) with a title."""

    DEFAULT_CSS = "TextScreen {" + DIALOG_CSS + """
        & > .dialog { height: 100%; }
        & .dialog-body { height: 1fr; max-height: 100%; }
    }"""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Close"), Binding("q", "dismiss", "Close", show=False)]

    def __init__(self, title: str, body: str, wrap: bool = True, after: str | Table = "") -> None:
        """`wrap=False` keeps the body's lines as they are (a map); `after` is wrapped text under it."""
        super().__init__()
        self.title_text = title
        self.body = body
        self.wrap = wrap
        self.after = after

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            with ScrollableContainer(classes="dialog-body"):
                yield Static(self.body, markup=False, classes="dialog-text" if self.wrap else "dialog-text no-wrap")
                if self.after:
                    yield Static(self.after, markup=False, classes="dialog-text dialog-after")  # a str or a Rich table
            yield Label("Escape closes · arrows and PageUp/PageDown scroll", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(".dialog-body", ScrollableContainer).focus()  # the keys scroll the text at once

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)


class SaveScreen(ModalScreen[str | None]):
    """Ask for a save name; returns it, or None when cancelled."""

    DEFAULT_CSS = "SaveScreen {" + DIALOG_CSS + "}"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save the game as:", classes="dialog-title")
            yield Input(value="slot1", id="save-name", max_length=40)  # any name: it is kept as typed
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        name = self.query_one("#save-name", Input).value.strip()
        self.dismiss(name or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LoadScreen(ModalScreen[str | None]):
    """Choose a save from the list; returns its name, or None when cancelled."""

    DEFAULT_CSS = "LoadScreen {" + DIALOG_CSS + """
        & > .dialog { height: 100%; }
        & #save-list { height: 1fr; }
    }"""
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, saves: list[tuple[str, str]]) -> None:
        super().__init__()
        self.saves = saves

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Load which save?", classes="dialog-title")
            if self.saves:
                yield OptionList(*[Option(f"{name}  ·  {detail}", id=name) for name, detail in self.saves], id="save-list")
            else:
                yield Label("There are no saves yet. Save with F5 or by typing: save NAME", classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """The game's yes/no question (quit, sleep, a point of no return); True for yes."""

    DEFAULT_CSS = "ConfirmScreen {" + DIALOG_CSS + "}"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "no", "No"),
        Binding("y", "yes", "Yes", show=False),
        Binding("n", "no", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error")
                yield Button(self.no, id="no", variant="primary")

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class ContinueScreen(ModalScreen[bool]):
    """At launch: go on with the last game, or begin a new one; True to continue."""

    DEFAULT_CSS = "ContinueScreen {" + DIALOG_CSS + "}"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "new", "New game"),
        Binding("c", "resume", "Continue", show=False),
        Binding("n", "new", "New game", show=False),
    ]

    def __init__(self, name: str, turn: int, room: str, saved: str) -> None:
        super().__init__()
        self.detail = f"'{name}': turn {turn}, {room}, saved {saved}."

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Continue your last game?", classes="dialog-title")
            yield Label(self.detail, classes="dialog-text")
            yield Label("A new game keeps this one: it stays in the saves (F9).", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Continue", id="resume", variant="primary")
                yield Button("New game", id="new")

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.dismiss(False)
