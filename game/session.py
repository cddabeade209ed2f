"""A game as a front end drives it: the engine plus the I/O its events ask for (saves, quit).

Plain mode, the JSON protocol, playthroughs and the Textual app all talk to a Session,
so saving and loading behave the same everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.engine.game import Game
from game.textview import render
from game.world.model import World

if TYPE_CHECKING:
    from pathlib import Path

AUTOSAVE_EVERY = 20  # moves between quiet autosaves


class Session:
    """One running game and the side effects its events request."""

    def __init__(self, world: World, seed: int = 0, start: str | None = None, home: Path | None = None,
                 recorder: Any = None) -> None:
        self.world = world
        self.home = home
        self.recorder = recorder
        self.game = Game(world, seed=seed, start=start)
        self.game.host = self  # saves, loads and quitting happen at their place in a line
        self.quit = False
        self.scripter: Any = None  # writes `script NAME` as a playthrough (set by the command line)
        self.commands_sent: list[str] = []

    def opening(self) -> list[ev.Event]:
        events = self.game.opening()
        if self.recorder is not None:
            self.recorder.opening(self, render(events))
        return events

    def send(self, text: str) -> list[ev.Event]:
        """Step the game with `text` and carry out any save, load or quit it asked for."""
        moves_before = self.game.state.moves
        self.commands_sent.append(text)
        out = self.game.step(text)
        moves = self.game.state.moves
        if moves // AUTOSAVE_EVERY > moves_before // AUTOSAVE_EVERY:
            self.autosave()  # quietly: a crash never costs more than a few turns
        if self.recorder is not None and not self.quit:
            self.recorder.add(text, render(out), self, out)
        return out

    def serve(self, request: ev.Event) -> list[ev.Event]:
        """Carry out a save, load, list or quit the game asked for (the engine's Host)."""
        if isinstance(request, ev.SaveRequested):
            return [self._save(request.name)]
        if isinstance(request, ev.LoadRequested):
            return self._load(request.name)
        if isinstance(request, ev.SavesRequested):
            return [self._list_saves()]
        if isinstance(request, ev.ScriptRequested):
            return [self._script(request.name)]
        if isinstance(request, ev.QuitRequested):
            self.quit = True
            self.autosave()
        return []

    def _script(self, name: str) -> ev.Event:
        from game import saves

        if self.scripter is None:
            return ev.Error("script_failed", "No transcript here: city play --record FILE.play writes one.")
        try:
            path = self.scripter(self, name)
        except (saves.SaveError, OSError) as err:
            return ev.Error("script_failed", f"No transcript written: {err}")
        return ev.Narration(f"The game so far is written to {path}; city run replays it as a test.", "system")

    def _save(self, name: str) -> ev.Event:
        from game import saves  # only when saving or loading

        try:
            path = saves.save_path(name, self.home)
            summary = {"turn": self.game.state.moves, "room": self.world.rooms[self.game.state.room].name, "day": self.game.day}
            data = self.game.save_data()
            payload = saves.make_payload(data["state"], self.world.fingerprint, list(self.world.mods),
                                         self.commands_sent, data["undo"], data["redo"], summary)
            saves.write_save(path, payload)
        except saves.SaveError as err:
            return ev.Error("save_failed", f"Not saved: {err}")
        return ev.Narration(f"Saved as '{path.stem}'.", "system")

    def _load(self, name: str) -> list[ev.Event]:
        from game import saves  # only when saving or loading

        try:
            path = saves.save_path(name, self.home)
            data = saves.read_save(path, self.world.fingerprint, list(self.world.mods))
            self.game.load_data(data["state"], data["undo"], data["redo"])
        except saves.SaveError as err:
            return [ev.Error("load_failed", f"Not loaded: {err}")]
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            why = f"Not loaded: the save '{name}' does not fit this world ({err}); it was left as it is."
            return [ev.Error("load_failed", why)]
        self.commands_sent = [c for c in data["commands"] if isinstance(c, str)]
        return [ev.Narration(f"Loaded '{path.stem}'.", "system"), *self.game.situation()]

    def _list_saves(self) -> ev.Event:
        from datetime import datetime

        from game import saves

        found = saves.list_saves(self.home)
        if not found:
            return ev.Narration("There are no saves yet. Type save NAME to make one.", "system")
        lines = []
        for entry in found:
            when = datetime.fromtimestamp(entry["mtime"]).strftime("%Y-%m-%d %H:%M")
            summary = entry["summary"]
            detail = f"turn {summary.get('turn')}, {summary.get('room')}" if summary else "unreadable"
            lines.append(f"  {entry['name']}: {detail}, saved {when}")
        return ev.Narration("Your saves:\n" + "\n".join(lines) + "\nType load NAME to go back to one.", "system")

    def autosave(self) -> ev.Event:
        """Save as 'autosave' (on quit); the event says whether it worked."""
        return self._save("autosave")

    def load_file(self, name: str) -> list[ev.Event]:
        """Restore a save before play starts (`city play --load NAME`)."""
        return self._load(name)

    def state_summary(self) -> dict[str, Any]:
        """The `state` object of the JSON protocol."""
        g = self.game
        s = g.state
        room = self.world.rooms[s.room]
        return {
            "phase": s.phase,
            "floor": room.floor,
            "room": s.room,
            "room_name": room.name,
            "inventory": g.items_at("@inventory"),
            "companions": list(s.companions),
            "alert": s.alert,
            "health": s.health,
            "day": g.day,
            "food": s.food,
            "hidden": s.hidden,
            "encounter": s.encounter,
            "ending": s.ending,
            "moves": s.moves,
        }

    def commands(self) -> list[str]:
        from game.engine.offers import offers  # not needed before the first prompt

        return offers(self.game)
