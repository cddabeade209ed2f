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


class Session:
    """One running game and the side effects its events request."""

    def __init__(self, world: World, seed: int = 0, start: str | None = None, home: Path | None = None,
                 recorder: Any = None) -> None:
        self.world = world
        self.home = home
        self.recorder = recorder
        self.game = Game(world, seed=seed, start=start)
        self.quit = False

    def opening(self) -> list[ev.Event]:
        events = self.game.opening()
        if self.recorder is not None:
            self.recorder.opening(self, render(events))
        return events

    def send(self, text: str) -> list[ev.Event]:
        """Step the game with `text` and carry out any save, load or quit it asked for."""
        events = self.game.step(text)
        out: list[ev.Event] = []
        for event in events:
            out.append(event)
            if isinstance(event, ev.SaveRequested):
                out.append(self._save(event.name))
            elif isinstance(event, ev.LoadRequested):
                out.extend(self._load(event.name))
            elif isinstance(event, ev.QuitRequested):
                self.quit = True
        if self.recorder is not None and not self.quit:
            self.recorder.add(text, render(out), self)
        return out

    def _save(self, name: str) -> ev.Event:
        from game import saves  # only when saving or loading

        try:
            path = saves.save_path(name, self.home)
            payload = saves.make_payload(self.game.snapshot(), self.world.fingerprint, list(self.world.mods))
            saves.write_save(path, payload)
        except saves.SaveError as err:
            return ev.Error("save_failed", f"Not saved: {err}")
        return ev.Narration(f"Saved as '{path.stem}'.", "system")

    def _load(self, name: str) -> list[ev.Event]:
        from game import saves  # only when saving or loading

        try:
            path = saves.save_path(name, self.home)
            state = saves.read_save(path, self.world.fingerprint, list(self.world.mods))
            self.game.restore(state)
        except saves.SaveError as err:
            return [ev.Error("load_failed", f"Not loaded: {err}")]
        except (ValueError, TypeError, KeyError) as err:
            return [ev.Error("load_failed", f"Not loaded: the save '{name}' does not fit this world ({err}).")]
        return [ev.Narration(f"Loaded '{path.stem}'.", "system"), self.game.describe(full=True)]

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
