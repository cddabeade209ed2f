"""The narrative log: every event of the session, each kind in its own style."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from game.engine import events as ev
from game.engine.scope import list_names
from game.textview import paragraphs, render_event

# RichLog draws Rich text, so these are Rich styles; colours come from the theme's variables
STYLES = {
    "narration": "",
    "speech": "italic",
    "warning": "bold",
    "system": "dim",
    "intro": "",
    "journal": "dim italic",
}


class StoryLog(RichLog):
    """Scrolls and keeps the whole session. Safeguard warnings carry a '!' as well as colour."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, auto_scroll=True, min_width=20, **kwargs)  # type: ignore[arg-type]

    def show_command(self, text: str) -> None:
        self.write(Text(f"> {text}", style="bold"))

    def show(self, events: list[ev.Event], follow: bool = True) -> None:
        """Add the events; `follow=False` keeps the view where it is (the opening starts at the top)."""
        scroll = None if follow else False
        for event in events:
            for block in self._blocks(event):
                self.write(block, scroll_end=scroll)
                self.write(Text(""), scroll_end=scroll)

    def _blocks(self, event: ev.Event) -> list[Text]:
        warn = self.app.get_css_variables().get("warning", "yellow") if self.is_attached else "yellow"
        err = self.app.get_css_variables().get("error", "red") if self.is_attached else "red"
        accent = self.app.get_css_variables().get("accent", "cyan") if self.is_attached else "cyan"
        if isinstance(event, ev.RoomShown):
            out = [Text(event.name.upper(), style=f"bold {accent}")]
            out += [Text(p) for p in paragraphs(event.text, None)]
            tail = list(event.people)
            if event.items:
                tail.append(f"You see {list_names(event.items)} here.")
            if tail:
                out.append(Text("\n".join(tail)))
            out.append(Text("Exits: " + (", ".join(event.exits) or "none you can see") + ".", style="dim"))
            return out
        if isinstance(event, ev.Narration):
            style = STYLES.get(event.style, "")
            if event.style == "warning":
                return [Text("! " + p, style=f"bold {warn}") for p in paragraphs(event.text, None)]
            return [Text(p, style=style) for p in paragraphs(event.text, None)]
        if isinstance(event, ev.Error):
            return [Text(event.message, style=f"{err}")]
        if isinstance(event, ev.EncounterStarted):
            return [Text(f"── {event.title} ──", style=f"bold {warn}")]
        if isinstance(event, ev.EndingReached):
            out = [Text(f"*** {event.title} ***", style=f"bold {accent}")]
            out += [Text(p) for p in paragraphs(event.text, None)]
            out.append(Text("THE END. Undo to step back, load a save, or quit.", style="dim"))
            return out
        text = render_event(event, None)
        return [Text(text, style="dim" if not isinstance(event, ev.Choice) else "")] if text else []
