"""Our command palette provider: save, load, map, help, journal, theme, and go through an exit."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from game.world.model import DIRECTIONS

if TYPE_CHECKING:
    from game.session import Session


class PaletteHost(Protocol):
    """What the palette needs of the app (the app imports the palette, never the reverse)."""

    THEMES: ClassVar[list[str]]
    session: Session

    def send(self, text: str) -> None: ...
    def set_theme(self, name: str) -> None: ...
    def action_save(self) -> None: ...
    def action_load(self) -> None: ...
    def action_map(self) -> None: ...
    def action_help(self) -> None: ...
    def action_journal(self) -> None: ...


class CityCommands(Provider):
    """Everything the footer offers, plus each open exit, searchable by name."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = cast(PaletteHost, self.app)
        found: list[tuple[str, object, str]] = [
            ("Save the game", app.action_save, "Choose a name and save"),
            ("Load a saved game", app.action_load, "Pick a save to restore"),
            ("Map", app.action_map, "The places you know on this floor"),
            ("Help", app.action_help, "Commands and keys"),
            ("Journal", app.action_journal, "What you have learned"),
            ("Undo", partial(app.send, "undo"), "Take back the last turn"),
        ]
        for theme in app.THEMES:
            found.append((f"Theme: {theme}", partial(app.set_theme, theme), "Change the colours"))
        for command in app.session.commands():
            if command in DIRECTIONS:
                found.append((f"Go {command}", partial(app.send, command), "Take this exit"))
        return found

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, action, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)  # type: ignore[arg-type]
