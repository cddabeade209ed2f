"""The key bar at the foot of the screen: the app's keys, each clickable.

One line of Textual content markup with `@click` actions, in place of Textual's Footer: the
Footer mounts a widget per key and rebuilds them whenever the focus or the bindings change,
which cost the first screen about a third of its drawing time. The keys here are the app's
own (they do not change with the focus: the command line always has it).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static


def key_line(keys: Iterable[tuple[str, str, str]]) -> Content:
    """Content for (key shown, action, description) triples, each a link to its action."""
    parts = []
    for shown, action, description in keys:
        parts.append(Content.from_markup(f"[@click=app.{action}][b $accent]$key[/] $description[/]",
                                         key=shown, description=description))
    return Content("  ").join(parts)


class KeyBar(Static):
    """The bindings the app shows (`show=True`), plus the command palette's key."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        link-style: none;
        link-color: $foreground;
        link-background: $panel;
        link-style-hover: none;
        link-color-hover: $background;
        link-background-hover: $primary;
    }
    """

    def __init__(self, bindings: Iterable[Binding], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.bindings = [b for b in bindings if b.show]

    def on_mount(self) -> None:
        keys = [(self.app.get_key_display(b), b.action, b.description) for b in self.bindings]
        keys.append((self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "")), "command_palette",
                     "Commands"))
        self.update(key_line(keys))
