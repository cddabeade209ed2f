"""The narrative log: every event of the session, each kind in its own style.

It keeps what it was given (Rich Text blocks), not only the lines drawn from them, so a
wider or narrower window wraps the whole log again at the new width. It never takes the
focus (typing always goes to the command line); the app scrolls it from the keyboard.
A reply longer than the view is shown from its first line, not its last.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from game.engine import events as ev
from game.engine.scope import list_names
from game.textview import paragraphs, render_event
from game.tui.themes import app_colours

REWRAP_AFTER = 0.15  # seconds a window must keep its new size before a long log is wrapped again
WRAP_AT_ONCE = 400  # blocks (some 80 commands) wrapped again at once on a resize, in a few milliseconds


class StoryLog(ScrollView, can_focus=False):
    """Scrolls and keeps the whole session. Safeguard warnings carry a '!' as well as colour."""

    DEFAULT_CSS = """
    StoryLog {
        background: $surface;
        color: $foreground;
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.blocks: list[Text] = []  # everything shown, as given: wrapped again when the width changes
        self._lines: list[Strip] = []
        self._starts: list[int] = []  # the first line of each block
        self._width = 0  # the width the lines were wrapped at (0: not laid out yet)
        self._pending: Timer | None = None  # a rewrap waiting for the window to stop changing size

    # -- writing -------------------------------------------------------------------------------

    def add(self, block: Text) -> None:
        """One block of text (a paragraph, a heading), then a blank line."""
        self.blocks.append(block)
        if self._width:
            self._render_block(block)
            self.virtual_size = Size(self._width, len(self._lines))
            self.refresh()

    def show_command(self, text: str) -> int:
        """Echo a typed command; the line it starts on (where its reply is shown from)."""
        start = len(self._lines)
        self.add(Text(f"> {text}", style="bold"))
        return start

    def show(self, events: list[ev.Event], follow: bool = True, start: int | None = None) -> None:
        """Add the events. `follow` shows them from line `start` (by default their own first
        line) as `follow()` says; without it the view stays where it is (the opening is read
        from the top)."""
        first = len(self._lines) if start is None else start
        for event in events:
            for block in self._blocks(event):
                self.add(block)
        if follow:
            self.follow(first)

    def follow(self, start: int) -> None:
        """Scroll to show the reply that begins at line `start`: its end if it fits the view,
        else its first line, so the top of a long reply is never scrolled past unseen."""
        height = self.scrollable_content_region.height
        if not self._width or len(self._lines) - start <= height:
            self.scroll_end(animate=False, immediate=True, x_axis=False)
        else:
            self.scroll_to(y=start, animate=False, immediate=True)

    # -- wrapping ------------------------------------------------------------------------------

    def _render_block(self, block: Text) -> None:
        console = self.app.console
        options = console.options.update_width(self._width)
        self._starts.append(len(self._lines))
        self._lines.extend(Strip(line) for line in console.render_lines(block, options, pad=False))
        self._lines.append(Strip.blank(0))

    def on_resize(self, event: Resize) -> None:
        """Wrap again at the new width: at once while the log is short, else once the window
        has stopped changing size (a long session takes a moment to wrap; a drag sends many sizes)."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if not self._width or len(self.blocks) <= WRAP_AT_ONCE:
            self._wrap_to_width()
        else:
            self._pending = self.set_timer(REWRAP_AFTER, self._wrap_to_width)

    def _wrap_to_width(self) -> None:
        self._pending = None
        width = self.scrollable_content_region.width
        if width > 0 and width != self._width:
            self._rewrap(width)

    def _rewrap(self, width: int) -> None:
        """Wrap every block again at `width`, keeping the same text at the top of the view."""
        at_end = self._width > 0 and self.scroll_y >= self.max_scroll_y  # the first layout shows the top
        top = max(0, bisect_right(self._starts, int(self.scroll_y)) - 1)
        self._width = width
        self._lines, self._starts = [], []
        for block in self.blocks:
            self._render_block(block)
        self.virtual_size = Size(width, len(self._lines))
        if at_end:
            self.scroll_end(animate=False, immediate=True, x_axis=False)
        elif self._starts:
            self.scroll_to(y=self._starts[min(top, len(self._starts) - 1)], animate=False, immediate=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].crop_extend(0, width, style).apply_style(style)

    # -- events to text ------------------------------------------------------------------------

    def _blocks(self, event: ev.Event) -> list[Text]:
        colour = app_colours(self.app)
        heading, warn, err, muted = colour["heading"], colour["warning"], colour["error"], colour["muted"]
        if isinstance(event, ev.RoomShown):
            out = [Text(event.name.upper(), style=f"bold {heading}")]
            out += [Text(p) for p in paragraphs(event.text, None)]
            tail = list(event.people)
            if event.items:
                tail.append(f"You see {list_names(event.items)} here.")
            if tail:
                out.append(Text("\n".join(tail)))
            out.append(Text("Exits: " + (", ".join(event.exits) or "none you can see") + ".", style=muted))
            return out
        if isinstance(event, ev.Narration):
            if event.style == "warning":
                return [Text("! " + p, style=f"bold {warn}") for p in paragraphs(event.text, None)]
            style = {"speech": "italic", "system": muted, "journal": f"italic {muted}"}.get(event.style, "")
            return [Text(p, style=style) for p in paragraphs(event.text, None)]
        if isinstance(event, ev.Error):
            return [Text(event.message, style=err)]
        if isinstance(event, ev.EncounterStarted):
            return [Text(f"── {event.title} ──", style=f"bold {warn}")]
        if isinstance(event, ev.EndingReached):
            out = [Text(f"*** {event.title} ***", style=f"bold {heading}")]
            out += [Text(p) for p in paragraphs(event.text, None)]
            out.append(Text("THE END. Undo to step back, load a save, or quit.", style=muted))
            return out
        text = render_event(event, None)
        return [Text(text, style="" if isinstance(event, ev.Choice) else muted)] if text else []

