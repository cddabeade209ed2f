"""The status line: floor, room, day, food, health, the Safeguard's alert, companions.

When the line is short of room, things give way in a fixed order, decided by the width
alone so nothing flips as you walk from room to room: first the floor's name, then the
alert's cells, then the companions' names (then counted: "+2"), and last the room's name
is shortened with an ellipsis. The alert itself (its number on the game's one scale, and
its word, so colour is never the only signal) is never cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from game.tui.themes import app_colours

ROOM_ROOM = 24  # columns kept for the room's name before an optional part is given up
ROOM_FOR_FLOOR = 34  # the floor's name shows only where it leaves this much for the room's (the longest bundled: 30)
SEP = " · "


def alert_words(alert: int, top: int) -> str:
    """The alert in words, so colour is never the only signal."""
    if alert == 0:
        return "quiet"
    share = alert / max(1, top)
    return "watchful" if share < 0.3 else "hunting" if share < 0.7 else "swarming"


def fit(text: str, width: int) -> str:
    """`text` cut to `width` columns with an ellipsis (nothing if there is no room at all)."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…" if width > 1 else ""


def status_parts(summary: Mapping[str, Any], width: int, alert_max: int, health_max: int,
                 floor_name: str) -> list[tuple[str, str]]:
    """The line as (text, role) pieces fitted to `width` columns; roles: room, alert, meter, plain."""
    alert = summary["alert"]
    companions = [str(c).capitalize() for c in summary.get("companions") or []]
    meter = "■" * min(alert, alert_max) + "□" * max(0, alert_max - alert)
    tail: list[tuple[str, str]] = [
        (f"{SEP}day {summary['day']}{SEP}food {summary['food']}{SEP}hp {summary['health']}/{health_max}{SEP}alert ", "plain"),
        ("", "meter"),
        (f"{alert}/{alert_max} {alert_words(alert, alert_max)}", "alert"),
    ]
    if summary.get("hidden"):
        tail.append((f"{SEP}hidden", "plain"))
    count = f"{SEP}+{len(companions)}" if companions else ""
    named = SEP + " ".join(f"+{c}" for c in companions) if companions else ""
    tail.append((count, "plain"))

    def used() -> int:
        return sum(len(t) for t, _ in tail)

    if named and width - used() + len(count) - len(named) >= ROOM_ROOM:  # names, if they leave the room its room
        tail[-1] = (named, "plain")
    if width - used() - len(meter) - 1 >= ROOM_ROOM:
        tail[1] = (meter + " ", "meter")
    room = str(summary["room_name"])
    head: list[tuple[str, str]] = []
    floor = f"{floor_name}{SEP}"
    if width - used() - len(floor) >= ROOM_FOR_FLOOR:  # by the width alone, as the rest: it never flips by room
        head.append((floor, "plain"))
    left = width - used() - sum(len(t) for t, _ in head)
    if left < 8:  # too narrow for even a shortened name: day and food give way first
        tail[0] = (f"{SEP}hp {summary['health']}/{health_max}{SEP}alert ", "plain")
        left = width - used() - sum(len(t) for t, _ in head)
    if left < 0:  # narrower still: the companions give way, then health; the alert stays whole
        tail[-1] = ("", "plain")
        left = width - used()
    if left < 0:
        tail[0] = (f"{SEP}alert ", "plain")
        left = width - used()
    head.append((fit(room, max(0, left)), "room"))
    return [p for p in head + tail if p[0]]


class StatusBar(Widget):
    """Shows `summary` (the JSON protocol's state object), set by the app after each turn;
    drawn at whatever width it has, so a resize lays it out again by itself."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    """

    summary: reactive[dict[str, Any]] = reactive(dict, always_update=True)
    alert_max: int = 10
    health_max: int = 3
    floor_names: Mapping[str, str] = {}  # set by the app once the world is loaded

    def render(self) -> Text:
        summary = self.summary
        text = Text(no_wrap=True, overflow="ellipsis")
        if not summary:
            return text
        variables = app_colours(self.app)
        share = summary["alert"] / max(1, self.alert_max)
        colour = variables["success"] if share < 0.3 else variables["warning"] if share < 0.7 else variables["error"]
        floor = self.floor_names.get(summary["floor"], summary["floor"])
        for piece, role in status_parts(summary, self.content_size.width or 78, self.alert_max, self.health_max, floor):
            text.append(piece, style={"room": "bold", "alert": f"bold {colour}", "meter": colour}.get(role, ""))
        return text
