"""A game as a front end drives it: the engine plus the I/O its events ask for (saves, quit).

Plain mode, the JSON protocol, playthroughs and the Textual app all talk to a Session,
so saving and loading behave the same everywhere, and so does leaving: every way out
(quit, end of input, a signal, a closed pipe, closing the app) calls `close()`, which
saves as `autosave` if anything happened since the game began or was loaded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.engine.game import Game
from game.textview import render
from game.world.model import World

if TYPE_CHECKING:
    from pathlib import Path

    from game.engine.view import ShownExit

AUTOSAVE_EVERY = 20  # moves between quiet autosaves
MAX_INPUT = 500  # characters of a line the game reads (the engine's game.engine.words.MAX_INPUT)
MAX_LOG = 5_000  # commands kept in the log a save carries
# `save NAME` / `load NAME` alone on a line: the name is taken as typed, not parsed as words
# (a name may hold dots, slashes or any letters). A line that goes on after a sentence end
# (`save a. north`) is several commands, which the engine splits as it does any line.
_NAMED = re.compile(r"\s*(save|load|restore)\s+(.*?)\s*", re.IGNORECASE | re.DOTALL)
_GOES_ON = re.compile(r"[.!?;]\s|,\s*then\b|\bthen\b", re.IGNORECASE)


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
        self.autosaves = True  # False: no autosave is ever written (`city play --no-autosave`)
        self._typed: tuple[str, str] | None = None  # `save NAME` or `load NAME` being carried out
        self.busy = False  # inside a step: a signal then waits for the step to finish
        self.stop: int | None = None  # a signal that arrived while busy: leave after this step
        self.closed = False
        self._left: ev.Event | None = None
        self._clean: dict[str, Any] | None = None  # the lasting state at the start or the last load (set by opening)
        self._autosave_ours = False  # whether `autosave` on disk is this game's (else it is moved aside first)

    def opening(self) -> list[ev.Event]:
        events = self.game.opening()
        self._clean = self._lasting()  # the opening itself is not a move worth an autosave
        if self.recorder is not None:
            self.recorder.opening(self, render(events))
        return events

    def send(self, text: str) -> list[ev.Event]:
        """Step the game with `text` and carry out any save, load or quit it asked for.

        A line longer than the game reads is cut, and the answer says so."""
        text = str(text)
        said: list[ev.Event] = []
        if len(text) > MAX_INPUT:
            said.append(ev.Narration(f"(That line was longer than {MAX_INPUT} characters; only the first {MAX_INPUT} "
                                     "were read.)", "warning"))
            text = text[:MAX_INPUT]
        moves_before = self.game.state.moves
        self.commands_sent.append(text)
        del self.commands_sent[:-MAX_LOG]
        self.busy = True
        self._typed = self._typed_name(text)
        try:
            named = self._named() if self.game.state.pending is None else None
            out = named if named is not None else self.game.step(text)
        finally:
            self.busy = False
            self._typed = None
        moves = self.game.state.moves
        if moves // AUTOSAVE_EVERY > moves_before // AUTOSAVE_EVERY:
            saved = self.autosave()  # quietly: a crash never costs more than a few turns
            if isinstance(saved, ev.Error):
                out = [*out, ev.Narration(f"Autosave failed: {saved.message.removeprefix('Not saved: ')}", "warning")]
        out = said + out
        if self.recorder is not None and not self.quit:
            self.recorder.add(text, render(out), self, out)
        return out

    @staticmethod
    def _typed_name(text: str) -> tuple[str, str] | None:
        """('save' or 'load', NAME) when the whole line is `save NAME` or `load NAME`, with the
        name as typed; else None."""
        if not text.isprintable():  # as the engine reads them (and a recording writes them): spaces
            text = "".join(c if c.isprintable() else " " for c in text)
        found = _NAMED.fullmatch(text)
        if found is None:
            return None
        name = found.group(2).rstrip(".!?; ") or found.group(2)  # `save foo.` ends a sentence; `save ..` is a name
        if not name or _GOES_ON.search(name):
            return None
        return ("save" if found.group(1).lower() == "save" else "load"), name

    def _named(self) -> list[ev.Event] | None:
        """A line that is only `save NAME` or `load NAME`, carried out with the name as typed
        (the engine's words would drop dots, slashes, articles and letters outside a-z)."""
        if self._typed is None:
            return None
        verb, name = self._typed
        return [self._save(name)] if verb == "save" else self._load(name)

    def serve(self, request: ev.Event) -> list[ev.Event]:
        """Carry out a save, load, list or quit the game asked for (the engine's Host)."""
        typed = self._typed  # while a question waits, `save NAME` goes through the engine, which puts the question aside
        if isinstance(request, ev.SaveRequested):
            return [self._save(typed[1] if typed and typed[0] == "save" else request.name)]
        if isinstance(request, ev.LoadRequested):
            return self._load(typed[1] if typed and typed[0] == "load" else request.name)
        if isinstance(request, ev.SavesRequested):
            return [self._list_saves()]
        if isinstance(request, ev.ScriptRequested):
            return [self._script(request.name)]
        if isinstance(request, ev.QuitRequested):
            self.quit = True
            left = self.close(always=True)  # the quit question promised a save
            if isinstance(left, ev.Error):
                return [ev.Narration(f"Autosave failed: {left.message.removeprefix('Not saved: ')} "
                                     "The moves since your last save are lost.", "warning")]
        return []

    def save_as(self, name: str) -> ev.Event:
        """Save under `name` exactly as given (the app's save dialog): never parsed as commands."""
        return self._save(name)

    def load_named(self, name: str) -> list[ev.Event]:
        """Load the save called `name` (the app's load dialog, `city play --load`)."""
        return self._load(name)

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
            shown = saves.clean_name(name)
            path = saves.save_path(shown, self.home)
            state = self.game.state
            summary = {"turn": state.moves, "room": self.world.rooms[state.room].name, "day": self.game.day}
            data = self.game.save_data(keep=saves.UNDO_KEPT)  # a save keeps that much history: convert no more
            payload = saves.make_payload(data["state"], self.world.fingerprint, list(self.world.mods),
                                         self.commands_sent, data["undo"], data["redo"], summary, world=self.world)
            saves.write_save(path, payload)
        except saves.SaveError as err:
            return ev.Error("save_failed", f"Not saved: {err}")
        return ev.Narration(f"Saved as '{shown}'.", "system")

    def _load(self, name: str) -> list[ev.Event]:
        from game import saves  # only when saving or loading
        from game.savefile import check_payload

        game = self.game
        before, undo, redo = game.snapshot(), list(game.undo_stack), list(game.redo_stack)
        try:
            shown = saves.clean_name(name)
            path = saves.find_save(shown, self.home)
            checked = check_payload(saves.read_save(path), self.world, shown)
            game.load_data(checked.state, checked.undo, checked.redo)
            shown_now = game.situation()
            self.state_summary()  # what every front end reads next: it must not fail on this state
            game.options()
        except saves.SaveError as err:
            game.restore(before)
            game.undo_stack, game.redo_stack = undo, redo
            return [ev.Error("load_failed", f"Not loaded: {err}")]
        except Exception as err:  # a save is untrusted data: whatever it breaks, the game goes on as it was
            game.restore(before)
            game.undo_stack, game.redo_stack = undo, redo
            why = f"Not loaded: the save '{name}' does not fit this world ({err}); it was left as it is."
            return [ev.Error("load_failed", why)]
        self.commands_sent = checked.commands
        self._clean = self._lasting()
        self._autosave_ours = shown == saves.AUTOSAVE  # going on with it; any other save is another game
        notes = [ev.Narration(note, "system") for note in checked.notes]
        return [ev.Narration(f"Loaded '{shown}'.", "system"), *notes, *shown_now]

    def _list_saves(self) -> ev.Event:
        from datetime import datetime

        from game import saves

        found = saves.list_saves(self.home)
        if not found:
            return ev.Narration("There are no saves yet. Type save NAME to make one.", "system")
        lines = []
        for entry in found:
            try:
                when = datetime.fromtimestamp(entry["mtime"]).strftime("%Y-%m-%d %H:%M")
            except (OverflowError, OSError, ValueError):
                when = "at an unknown time"
            summary = entry["summary"]
            if summary is None:
                lines.append(f"  {entry['name']}: cannot be loaded ({entry['file']} {entry['problem']})")
            else:
                lines.append(f"  {entry['name']}: turn {summary['turn']}, {summary['room']}, saved {when}")
        return ev.Narration("Your saves:\n" + "\n".join(lines) + "\nType load NAME to go back to one.", "system")

    def autosave(self) -> ev.Event | None:
        """Save as 'autosave' (every few moves, and on the way out); the event says whether it
        worked. None when autosaves are off (`city play --no-autosave`)."""
        if not self.autosaves:
            return None
        from game import saves

        if not self._autosave_ours:  # the first autosave of this game: the earlier game's is kept aside
            try:
                saves.rotate_autosaves(self.home)
            except saves.SaveError as err:
                return ev.Error("save_failed", f"Not saved: {err}")
        saved = self._save(saves.AUTOSAVE)
        self._autosave_ours = self._autosave_ours or not isinstance(saved, ev.Error)
        return saved

    def changed(self) -> bool:
        """Whether anything happened since the game began or was last loaded (worth an autosave)."""
        return self._clean is None or self._lasting() != self._clean  # never opened: assume it did

    def close(self, always: bool = False) -> ev.Event | None:
        """Leave the game: save as 'autosave' if anything happened since it began or was loaded
        (so a start and an end of input or a signal never overwrite an earlier game's autosave
        with nothing), or `always` (the player said yes to quit, which promised a save). Once;
        later calls return the first one's result. None when there was nothing to save."""
        if not self.closed:
            self.closed = True
            self._left = self.autosave() if always or self.changed() else None
        return self._left

    def _lasting(self) -> dict[str, Any]:
        from game.engine.game import VOLATILE

        return {k: v for k, v in self.game.state.to_dict().items() if k not in VOLATILE}

    def load_file(self, name: str) -> list[ev.Event]:
        """Restore a save before play starts (`city play --load NAME`)."""
        return self._load(name)

    # -- what a front end shows (the app reads the game through these, never its state) ------

    def last_game(self) -> dict[str, Any] | None:
        """The newest save that can be offered for continuing: its name, turn, room's name and
        when it was written (`saved`, local time as text); None if there is none."""
        from datetime import datetime

        from game import saves

        entry = saves.newest_save(self.home)
        if entry is None:
            return None
        try:
            when = datetime.fromtimestamp(entry["mtime"]).strftime("%Y-%m-%d %H:%M")
        except (OverflowError, OSError, ValueError):
            when = "at an unknown time"
        return {"name": entry["name"], "turn": entry["summary"]["turn"], "room": entry["summary"]["room"],
                "saved": when}

    def save_listing(self) -> list[tuple[str, str]]:
        """Each save's name and a line about it, newest first (the app's load dialog)."""
        from datetime import datetime

        from game import saves

        listing = []
        for entry in saves.list_saves(self.home):
            try:
                when = datetime.fromtimestamp(entry["mtime"]).strftime("%Y-%m-%d %H:%M")
            except (OverflowError, OSError, ValueError):
                when = "unknown time"
            summary = entry["summary"]
            if summary is None:
                listing.append((entry["name"], f"cannot be loaded: {entry['problem']}"))
            else:
                listing.append((entry["name"], f"turn {summary['turn']}, {summary['room']} · {when}"))
        return listing

    def continue_last(self) -> list[ev.Event] | None:
        """Load the newest save (`city play --continue`, the app's offer); None if there is none.
        A save that does not load says why in the events, and the game goes on as it was."""
        last = self.last_game()
        return None if last is None else self._load(last["name"])

    def exits(self) -> list[ShownExit]:
        """The exits the player is told of, as the room text lists them (open or sealed)."""
        return self.game.turn.shown_exits()

    def choices(self) -> list[tuple[str, str]]:
        """The encounter's options now (key, label); empty outside an encounter."""
        return [(o.key, o.label) for o in self.game.options()]

    def inventory_labels(self) -> list[str]:
        """What the player carries, as the game names it ("a hand lamp")."""
        return [self.game.item_label(i) for i in self.game.items_at("@inventory")]

    def journal(self) -> list[str]:
        return list(self.game.state.journal)

    def asks_to_quit(self) -> bool:
        """Whether the question waiting for an answer is the quit question."""
        pending = self.game.state.pending or {}
        return str(pending.get("confirm", "")).split()[:1] in (["quit"], ["q"])

    def floor_map(self) -> tuple[str, list[dict[str, Any]]]:
        """The current floor's name and the rooms on it the player has found, as the `map`
        command shows them (each: id, name, here, exits by direction to a found room's id or
        None for one not yet explored, `hunted` if the Safeguard is known to be there).
        Reads the state only: opening the map is not a turn."""
        hunted = {p.room for p in self.game.state.pursuers}
        name, rooms = self.game.turn.floor_map()
        return name, [{**room, "hunted": room["id"] in hunted} for room in rooms]

    def state_summary(self) -> dict[str, Any]:
        """The `state` object of the JSON protocol (see game.protocol)."""
        from game.engine.score import score

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
            "ending_kind": self.world.endings[s.ending].kind if s.ending is not None else None,
            "moves": s.moves,
            "flags": dict(s.flags),
            "journal": list(s.journal),
            "dialogue": s.dialogue,
            "score": score(self.world, s),
        }

    def commands(self) -> list[str]:
        from game.engine.offers import offers  # not needed before the first prompt

        return offers(self.game)
