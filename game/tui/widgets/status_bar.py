"""The status line: floor, room, day, health, food, the Safeguard's alert, companions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static


def alert_words(alert: int, top: int) -> str:
    """The alert in words, so colour is never the only signal."""
    if alert == 0:
        return "quiet"
    share = alert / max(1, top)
    return "watchful" if share < 0.3 else "hunting" if share < 0.7 else "swarming"


class StatusBar(Static):
    """Shows `summary` (the JSON protocol's state object), set by the app after each turn."""

    summary: reactive[dict[str, Any]] = reactive(dict, always_update=True)
    alert_max: int = 10
    health_max: int = 3
    floor_names: Mapping[str, str] = {}  # set by the app once the world is loaded

    def on_resize(self) -> None:
        self.watch_summary(self.summary)  # the floor's name comes and goes with the width

    def watch_summary(self, summary: dict[str, Any]) -> None:
        if not summary:
            return
        variables = self.app.get_css_variables()
        alert = summary["alert"]
        share = alert / max(1, self.alert_max)
        if share < 0.3:
            colour = variables.get("success", "green")
        elif share < 0.7:
            colour = variables.get("warning", "yellow")
        else:
            colour = variables.get("error", "red")
        filled = round(share * 8)
        text = Text()
        if self.size.width >= 100:  # room for the floor too
            text.append(f"{self.floor_names.get(summary['floor'], summary['floor'])} · ")
        text.append(f"{summary['room_name']}", style="bold")
        text.append(f" · day {summary['day']} · food {summary['food']} · hp {summary['health']}/{self.health_max} · alert ")
        text.append("■" * filled + "□" * (8 - filled), style=colour)
        text.append(f" {alert_words(alert, self.alert_max)}")
        if summary.get("hidden"):
            text.append(" · hidden")
        companions = [c.capitalize() for c in summary.get("companions") or []]
        if companions:  # by name if they fit the line, else how many (the side panel names them)
            named = " · " + " ".join(f"+{c}" for c in companions)
            room = (self.size.width or 80) - 2 - text.cell_len
            text.append(named if len(named) <= room else f" · +{len(companions)}")
        self.update(text)
