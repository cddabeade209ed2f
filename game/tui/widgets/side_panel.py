"""The side panel: exits, what lies here and who is here as links to click, and the inventory.

One scrolling column of text, drawn at its own width: each command is a link (a click sends
it; nothing here takes the focus, so typing always goes to the command line), long lines
wrap under their first word (a hanging indent), and the panel scrolls when it is taller than
the window. Its exits are the room text's own (`Session.exits`): a sealed exit is shown as
shut, never as open, and a hidden one not at all. One widget rather than a button per line:
the first screen draws sooner and a turn rebuilds nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from game.tui.messages import SendCommand

GO, SHUT = "\u203a", "\u00d7"  # the marks before a command to click, and before an exit that is shut


@dataclass(frozen=True)
class PanelView:
    """What the panel shows: the floor, the encounter's choices (key, label), the exits
    (direction, the room's name if known, open), the commands about things and people here,
    the inventory."""

    floor: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    exits: tuple[tuple[str, str | None, bool], ...] = ()
    here: tuple[str, ...] = ()
    inventory: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """One entry of the panel: its text, the command a click sends (if any), its style."""

    text: str
    command: str | None = None
    style: str = ""
    bullet: str = ""


def panel_lines(view: PanelView) -> list[Line]:
    """The panel's entries, top to bottom (a blank Line between sections)."""
    out: list[Line] = []
    if view.floor:
        out.append(Line(view.floor, style="b $secondary"))
    if view.choices:  # an encounter: the options are what matters
        out += [Line(""), Line("Choose", style="b $accent")]
        out += [Line(label, key, bullet=f"{n}.") for n, (key, label) in enumerate(view.choices, 1)]
    else:
        out += [Line(""), Line("Exits", style="b $accent")]
        for direction, name, is_open in view.exits:
            shown = f"{direction}: {name}" if name else direction
            if is_open:
                out.append(Line(shown, direction, bullet=GO))
            else:  # the room text lists it, but it is not open: no link, as nothing is to be had by clicking
                out.append(Line(f"{shown} (shut)", style="i $foreground 72%", bullet=SHUT))
        if not view.exits:
            out.append(Line("none you can see", style="$foreground 72%"))
    if view.here:
        out += [Line(""), Line("Here", style="b $accent")]
        out += [Line(command, command, bullet=GO) for command in view.here]
    out += [Line(""), Line(f"Carrying ({len(view.inventory)})" if view.inventory else "Carrying", style="b $accent")]
    out += [Line(item, bullet="·") for item in view.inventory] or [Line("nothing", style="$foreground 72%")]
    return out


def wrapped(line: Line, width: int) -> list[str]:
    """A line's rows at `width` columns, each after the first indented under its first word."""
    lead = f"{line.bullet} " if line.bullet else ""
    rows = textwrap.wrap(line.text, max(4, width - len(lead)), break_long_words=True) or [""]
    return [(lead if i == 0 else " " * len(lead)) + row for i, row in enumerate(rows)]


class PanelText(Widget):
    """The panel's text at the panel's width; a click on a command sends it."""

    DEFAULT_CSS = """
    PanelText {
        width: 100%;
        height: auto;
        color: $foreground;
        link-color: $foreground;
        link-background: $surface;
        link-style: none;
        link-color-hover: $background;
        link-background-hover: $primary;
        link-style-hover: none;
    }
    """

    view: reactive[PanelView] = reactive(PanelView, layout=True)

    def __init__(self) -> None:
        super().__init__()
        self.commands: list[str] = []  # what each link sends, by its number (set as it is drawn)

    def row_of(self, command: str) -> int | None:
        """The row a command's link starts on (for tests: where to click)."""
        row = 0
        for line in panel_lines(self.view):
            if line.command == command:
                return row
            row += len(wrapped(line, self.content_size.width or 24))
        return None

    def render(self) -> Content:
        width = self.content_size.width or 24
        self.commands = []
        rows: list[Content] = []
        for line in panel_lines(self.view):
            for text in wrapped(line, width):
                style = line.style
                if line.command is not None:
                    self.commands.append(line.command)
                    style = f"{style} @click=pick({len(self.commands) - 1})".strip()
                rows.append(Content.from_markup(f"[{style}]$text[/]", text=text) if style else Content(text))
        return Content("\n").join(rows)

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.commands):
            self.post_message(SendCommand(self.commands[index]))


class SidePanel(VerticalScroll, can_focus=False):
    """Scrolls the panel's text; `view` (set by the app after each turn) goes down to it."""

    DEFAULT_CSS = """
    SidePanel {
        width: 26;
        padding: 0 0 0 1;
        border-left: solid $primary;
        background: $surface;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    view: reactive[PanelView] = reactive(PanelView)

    def compose(self) -> ComposeResult:
        text = PanelText()
        text.set_reactive(PanelText.view, self.view)
        yield text

    def watch_view(self, view: PanelView) -> None:
        for text in self.query(PanelText):
            text.view = view

    def commands(self) -> list[str]:
        """The commands the panel offers to click, top to bottom (for tests and the palette)."""
        return [line.command for line in panel_lines(self.view) if line.command is not None]
