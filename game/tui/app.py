"""CityApp: the Textual front end. Thin: it sends text to the Session and routes the events."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static

from game.engine import events as ev
from game.session import Session
from game.tui.messages import ScrollLog, SendCommand
from game.tui.palette import CityCommands
from game.tui.themes import HIGH_CONTRAST, THEMES
from game.tui.widgets.command_input import CommandInput
from game.tui.widgets.key_bar import KeyBar
from game.tui.widgets.side_panel import PanelView, SidePanel
from game.tui.widgets.status_bar import StatusBar
from game.tui.widgets.story_log import StoryLog

__all__ = ["HIGH_CONTRAST", "CityApp", "run_app"]

# The dialogs (game.tui.screens.modals) and the map's drawing are imported where they open:
# the first screen needs neither, nor the widgets and Rich tables they bring.


class CityApp(App[None]):
    """The game in a terminal: log, status, exits, inventory, input, screens."""

    CSS_PATH = "city.tcss"
    TITLE = "THE CITY"
    THEMES: ClassVar[list[str]] = [theme.name for theme in THEMES]
    COMMANDS = App.COMMANDS | {CityCommands}
    # the screen's width class: the side panel hides below 76 columns and widens from 110
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-normal"), (110, "-wide")]  # noqa: RUF012  (App declares it so)
    BINDINGS: ClassVar[list[BindingType]] = [
        # the log scrolls from the keyboard whatever is being typed (the command line keeps the focus)
        Binding("pageup", "log('page_up')", "Scroll up", show=False),
        Binding("pagedown", "log('page_down')", "Scroll down", show=False),
        Binding("ctrl+home", "log('home')", "Log top", show=False),
        Binding("ctrl+end", "log('end')", "Log end", show=False),
        Binding("f1", "help", "Help"),
        Binding("f2", "map", "Map"),
        Binding("f3", "journal", "Journal"),
        Binding("f5", "save", "Save"),
        Binding("f9", "load", "Load"),
        Binding("ctrl+z", "send('undo')", "Undo"),
        Binding("ctrl+q", "request_quit", "Quit", priority=True),
    ]

    def __init__(self, session: Session, opening: list[ev.Event], theme: str = "city-dark",
                 offer_continue: bool = False) -> None:
        super().__init__()
        self.offer_continue = offer_continue
        self._offers: list[str] = []  # the commands that make sense now (Tab completion, the panel)
        self.gc_paused = False  # run_app turned the collector off until the first screen is drawn
        self.session = session
        self.opening = opening
        for each in THEMES:
            self.register_theme(each)
        self.theme = theme
        self.signalled = 0

    def compose(self) -> ComposeResult:
        status = StatusBar(id="status")
        panel = SidePanel(id="side")
        # the first state goes in before mounting, so nothing is built twice for the first screen
        summary, view = self._now()
        status.set_reactive(StatusBar.summary, summary)
        panel.set_reactive(SidePanel.view, view)
        yield status
        with Horizontal(id="main"):
            yield StoryLog(id="log")
            yield panel
        with Horizontal(id="prompt-row"):
            yield Static(">", id="prompt")  # a Static, not a Label: one stylesheet less to read before the first screen
            yield CommandInput(id="command")
        yield KeyBar(self.BINDINGS, id="keys")  # type: ignore[arg-type]

    def on_mount(self) -> None:
        status = self.query_one(StatusBar)
        world = self.session.world
        status.alert_max = world.game.alert.max
        status.health_max = world.game.health
        status.floor_names = {fid: floor.name for fid, floor in world.floors.items()}
        log = self.query_one(StoryLog)
        log.show(self.opening, follow=False)  # a new player reads the opening from the top
        self.refresh_panels()
        self.query_one(CommandInput).focus()
        if not self.is_headless:
            self._catch_signals()
        self.call_after_refresh(self._first_screen_drawn)

    def _first_screen_drawn(self) -> None:
        """The collector, if run_app turned it off while the first screen was built, comes
        back on, and what was built to last is set aside from later collections."""
        if self.gc_paused:
            import gc

            gc.freeze()
            gc.enable()
            self.gc_paused = False
        if self.offer_continue:
            self._offer_continue()  # after the first screen: reading saves never delays it

    def _offer_continue(self) -> None:
        """Ask whether to go on with the last game, if there is one (a plain `city`)."""
        last = self.session.last_game()
        if last is None:
            return

        def chosen(resume: bool | None) -> None:
            if resume:
                log = self.query_one(StoryLog)
                start = log.show_command(f"continue {last['name']}")
                log.show(self.session.continue_last() or [], start=start)
                self.refresh_panels()

        from game.tui.screens.modals import ContinueScreen

        self.push_screen(ContinueScreen(last["name"], last["turn"], last["room"], last["saved"]), chosen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, but the app's own themes (each checked for contrast) only."""
        for command in super().get_system_commands(screen):
            if command.title != "Theme":
                yield command

    def on_click(self) -> None:
        """Whatever was clicked, typing goes on to the command line."""
        if self.screen is self.screen_stack[0]:
            self.query_one(CommandInput).focus()

    @on(ScrollLog)
    def on_scroll_log(self, message: ScrollLog) -> None:
        self.action_log(message.where)

    def action_log(self, how: str) -> None:
        """Scroll the log: page_up, page_down, home or end."""
        log = self.query_one(StoryLog)
        {"page_up": log.scroll_page_up, "page_down": log.scroll_page_down,
         "home": log.scroll_home, "end": log.scroll_end}[how](animate=False)

    # -- the one path to the game ----------------------------------------------------------

    @on(SendCommand)
    def on_send_command(self, message: SendCommand) -> None:
        self.send(message.text)

    def send(self, text: str) -> None:
        log = self.query_one(StoryLog)
        start = log.show_command(text)
        events = self.session.send(text)
        log.show(events, start=start)  # from the command's line if the reply is longer than the view
        self.refresh_panels()
        if self.session.quit:  # the player said yes to leaving, and the game is saved
            self.exit()
            return
        question = next((e for e in events if isinstance(e, ev.Question)), None)
        if question is not None:
            text = self._before_leaving() if self.session.asks_to_quit() else question.text
            from game.tui.screens.modals import ConfirmScreen

            self.push_screen(ConfirmScreen(text), lambda yes: self.send("yes" if yes else "no"))

    def _before_leaving(self) -> str:
        """The quit question, asked once the game is saved: it says 'saved' only if it was."""
        saved = self.session.autosave()
        if saved is None:  # city play --no-autosave
            return "Leave the City for now? (Autosave is off: moves since your last save will not be kept.)"
        if isinstance(saved, ev.Error):
            why = saved.message.removeprefix("Not saved: ")
            return f"Autosave failed: {why} Leave anyway? The moves since your last save would be lost."
        return "Your game is saved as 'autosave'. Leave the City for now?"

    def show_events(self, events: list[ev.Event]) -> None:
        """Show what a dialog did (a save or a load) as if it had been typed, and bring the panels up to date."""
        self.query_one(StoryLog).show(events)
        self.refresh_panels()

    def action_send(self, text: str) -> None:
        self.send(text)

    def _now(self) -> tuple[dict[str, Any], PanelView]:
        """The status line's summary and the side panel's view of the game as it is now."""
        session = self.session
        summary = session.state_summary()
        self._offers = session.commands()
        choices = tuple(session.choices())
        exits = () if choices else tuple((e.direction, e.name, e.open) for e in session.exits())
        view = PanelView(
            session.world.floors[summary["floor"]].name, choices, exits,
            tuple(c for c in self._offers if c.startswith(("take ", "talk to "))),
            tuple(session.inventory_labels()),
        )
        return summary, view

    def refresh_panels(self) -> None:
        summary, view = self._now()
        self.query_one(StatusBar).summary = summary
        self.sub_title = view.floor
        self.query_one(SidePanel).view = view  # rebuilt only if it changed
        self.query_one(CommandInput).set_offers(self._offers)

    # -- screens ----------------------------------------------------------------------------

    def action_help(self) -> None:
        from game.engine.verbs.meta import help_lines

        lines = help_lines()
        keys = ("F1 help · F2 map · F3 journal · F5 save · F9 load · Ctrl+Z undo · Ctrl+P commands · Ctrl+Q quit · "
                "PageUp/PageDown scroll the story while you type, Ctrl+Home/Ctrl+End (or Home/End on an empty line) "
                "go to its start or end")
        body = ("Type commands at the prompt. Tab completes from what makes sense now; "
                "up and down recall earlier commands. Click an exit to take it.\n\n"
                + "\n".join(lines) + "\n\nKeys: " + keys)
        from game.tui.screens.modals import TextScreen

        self.push_screen(TextScreen("Help", body))

    def action_map(self) -> None:
        floor, rooms = self.session.floor_map()
        from game.tui.mapview import draw_parts, legend_table

        grid, legend = draw_parts(rooms)
        from game.tui.screens.modals import TextScreen

        self.push_screen(TextScreen(f"Map: {floor}", grid, wrap=False, after=legend_table(legend) if legend else ""))

    def action_journal(self) -> None:
        entries = self.session.journal()
        body = "\n".join(f"· {e}" for e in entries) if entries else "Your journal is empty so far."
        from game.tui.screens.modals import TextScreen

        self.push_screen(TextScreen("Journal", body))

    def action_save(self) -> None:
        def done(name: str | None) -> None:
            if name:  # saved under the name as typed: a name is never read as commands
                self.show_events([self.session.save_as(name)])

        from game.tui.screens.modals import SaveScreen

        self.push_screen(SaveScreen(), done)

    def action_load(self) -> None:
        def done(name: str | None) -> None:
            if name:
                self.show_events(self.session.load_named(name))

        from game.tui.screens.modals import LoadScreen

        self.push_screen(LoadScreen(self.session.save_listing()), done)

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.refresh_panels()

    def action_request_quit(self) -> None:
        self.send("quit")  # the game asks first, as it does for a typed quit

    async def action_quit(self) -> None:
        """Textual's own quit (the command palette's): the game's question, like Ctrl+Q."""
        self.send("quit")

    def on_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP or SIGINT: save, then leave the normal way, which gives the terminal
        back as it was (echo, line editing)."""
        self.signalled = signum
        self.session.close()
        self.exit()

    def _catch_signals(self) -> None:
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            number = getattr(signal, name, None)
            if number is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError, OSError):
                    loop.add_signal_handler(number, self.on_signal, number)


def run_app(session: Session, opening: list[ev.Event], offer_continue: bool = False) -> int:
    """Run the app; however it ends (quit, a signal, the palette), the game is saved.
    `offer_continue`: first ask whether to go on with the last game (a plain `city`)."""
    import gc

    app = CityApp(session, opening, offer_continue=offer_continue)
    gc.disable()  # nothing to collect before the first screen is drawn (the app turns it back on then)
    app.gc_paused = True
    try:
        app.run()
    finally:
        gc.enable()
        left = session.close()
        if isinstance(left, ev.Error):
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"city: autosave failed: {left.message.removeprefix('Not saved: ')}\n")
    return 128 + app.signalled if app.signalled else 0
