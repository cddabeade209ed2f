"""The status line: floor, room, day, health, food, the Safeguard's alert, companions."""

from __future__ import annotations

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
    floor_names: dict[str, str] = {}

    def on_resize(self) -> None:
        self.watch_summary(self.summary)  # the floor's name comes and goes with the width

    def watch_summary(self, summary: dict[str, Any]) -> None:
        if not summary:
            return
        variables = self.app.get_css_variables()
        alert = summary["alert"]
        share = alert / max(1, self.alert_max)
        colour = variables.get("success", "green") if share < 0.3 else variables.get("warning", "yellow") if share < 0.7 else variables.get("error", "red")
        filled = round(share * 8)
        text = Text()
        if self.size.width >= 100:  # room for the floor too
            text.append(f"{self.floor_names.get(summary['floor'], summary['floor'])} · ")
        text.append(f"{summary['room_name']}", style="bold")
        text.append(f"  day {summary['day']} · food {summary['food']}d · hp {summary['health']}/{self.health_max} · alert ")
        text.append("■" * filled + "□" * (8 - filled), style=colour)
        text.append(f" {alert_words(alert, self.alert_max)}")
        if summary.get("hidden"):
            text.append(" · hidden")
        companions = summary.get("companions") or []
        if companions:  # the first two by name, the rest as a count, so the line fits 80 columns
            named = " +".join(c.capitalize() for c in companions[:2])
            text.append(f" · +{named}" + (f" +{len(companions) - 2}" if len(companions) > 2 else ""))
        self.update(text)
