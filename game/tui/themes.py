"""The app's colour themes, chosen for WCAG AA contrast, and the arithmetic that checks them.

Textual's own themes derive some text colours that fall below AA on their backgrounds (the
light theme's accent is 1.4:1 on its surface), so the app offers its own three: dark, light
and high contrast. `PAIRS` lists every foreground/background pair the app's CSS and the log's
styles use; tests/tui/test_contrast.py computes each ratio in each theme.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.color import Color
from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

def _theme(name: str, dark: bool, primary: str, secondary: str, accent: str, warning: str, error: str,
           success: str, foreground: str, background: str, surface: str, panel: str) -> Theme:
    """A theme whose scrollbars are its primary on its surface, its accent under the pointer
    (set once here as the theme's scrollbar variables, for every widget that scrolls)."""
    bars = {"scrollbar": primary, "scrollbar-hover": accent, "scrollbar-active": accent,
            "scrollbar-background": surface, "scrollbar-background-hover": surface, "scrollbar-background-active": surface}
    return Theme(name=name, primary=primary, secondary=secondary, accent=accent, warning=warning, error=error,
                 success=success, foreground=foreground, background=background, surface=surface, panel=panel,
                 dark=dark, variables=bars)


CITY_DARK = _theme(
    "city-dark", primary="#5aa9ff", secondary="#b8d8ff", accent="#ffd166", warning="#ffb454",
    error="#ff7b7b", success="#7bd88f", foreground="#e8e8e8", background="#0f1317", surface="#151a20",
    panel="#222c37", dark=True,
)
CITY_LIGHT = _theme(
    "city-light", primary="#0b57a4", secondary="#4b2a85", accent="#7a4300", warning="#7a4f00",
    error="#a8231c", success="#1c6330", foreground="#161616", background="#f2f2f2", surface="#ffffff",
    panel="#e2e7ee", dark=False,
)
HIGH_CONTRAST = _theme(
    "city-high-contrast", primary="#ffffff", secondary="#ffff00", accent="#00ffff",
    warning="#ffff00", error="#ff5555", success="#00ff00", foreground="#ffffff",
    background="#000000", surface="#000000", panel="#1a1a1a", dark=True,
)
THEMES = (CITY_DARK, CITY_LIGHT, HIGH_CONTRAST)

MUTED = 0.72  # how far muted text (system lines, "Exits:") goes from the background toward the foreground

# (what, foreground variable, background variable, least ratio): WCAG AA asks 4.5:1 of text and
# 3:1 of the parts of a control one must see (a scrollbar's thumb against its track)
PAIRS: tuple[tuple[str, str, str, float], ...] = (
    ("log text", "foreground", "surface", 4.5),
    ("log room names and endings", "accent", "surface", 4.5),
    ("log warnings and encounters", "warning", "surface", 4.5),
    ("log errors", "error", "surface", 4.5),
    ("log system lines", "muted:surface", "surface", 4.5),
    ("status line", "foreground", "panel", 4.5),
    ("status alert, quiet", "success", "panel", 4.5),
    ("status alert, hunting", "warning", "panel", 4.5),
    ("status alert, swarming", "error", "panel", 4.5),
    ("side panel floor title", "secondary", "surface", 4.5),
    ("side panel headings", "accent", "surface", 4.5),
    ("side panel links and inventory", "foreground", "surface", 4.5),
    ("side panel sealed exits", "muted:surface", "surface", 4.5),
    ("a link under the mouse (side panel, key bar)", "background", "primary", 4.5),
    ("key bar", "foreground", "panel", 4.5),
    ("prompt sign", "accent", "panel", 4.5),
    ("command line", "foreground", "panel", 4.5),
    ("command line placeholder and suggestion", "muted:panel", "panel", 4.5),
    ("dialog text", "foreground", "surface", 4.5),
    ("dialog hint", "muted:surface", "surface", 4.5),
    ("scrollbar thumb", "primary", "surface", 3.0),
)


def colour(variables: Mapping[str, str], name: str) -> Color:
    """A variable's colour; `muted:BG` is the foreground taken MUTED of the way from BG."""
    if name.startswith("muted:"):
        back = Color.parse(variables[name.split(":", 1)[1]])
        return back.blend(Color.parse(variables["foreground"]), MUTED)
    return Color.parse(variables[name])


_COLOURS: dict[str, dict[str, str]] = {}


def app_colours(app: App[object]) -> dict[str, str]:
    """The theme's colours the log and the status line draw with, worked out once per theme
    (App.get_css_variables builds every variable of the theme, a few milliseconds a call)."""
    found = _COLOURS.get(app.theme)
    if found is None:
        variables = app.get_css_variables()
        found = _COLOURS[app.theme] = {**story_colours(variables),
                                       **{k: variables[k] for k in ("success", "warning", "error")}}
    return found


def story_colours(variables: Mapping[str, str]) -> dict[str, str]:
    """The log's Rich colours in the current theme (Rich styles cannot read CSS variables)."""
    return {
        "heading": colour(variables, "accent").hex,
        "warning": colour(variables, "warning").hex,
        "error": colour(variables, "error").hex,
        "muted": colour(variables, "muted:surface").hex,
    }


def luminance(c: Color) -> float:
    """WCAG 2 relative luminance."""
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
