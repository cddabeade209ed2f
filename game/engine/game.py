"""The Game: one world, one state, and `step(text) -> events`, the only way to change it.

A thin facade over the turn (`Turn`: the context verbs and rules see) and the command
router (`dispatch`). It owns what is not game state: the undo history, and the host that
carries out saves, loads and quitting at their own place in a line.
"""

from __future__ import annotations

from typing import Any, Protocol

from game.engine import events as ev
from game.engine.index import WorldIndex
from game.engine.phases import ENCOUNTER, ENDED
from game.engine.rng import seed_state
from game.engine.saved import checked_state, placement
from game.engine.state import State
from game.engine.turn import Turn
from game.engine.words import CONTROL, EMPTY, split_commands, tokens_of
from game.world.model import World

UNDO_LIMIT = 200
# bookkeeping that changes on refusals too: not a turn worth undoing
VOLATILE = frozenset({"pending", "last_command", "last_unknown", "last_failed", "last_typed", "it", "hint_tiers"})
REQUESTS = (ev.SaveRequested, ev.LoadRequested, ev.SavesRequested, ev.QuitRequested, ev.ScriptRequested)
HISTORY_VERBS = frozenset({"undo", "redo", "load", "restore"})


class Host(Protocol):
    """What a front end does for the engine: the I/O that saves, loads and quitting need."""

    def serve(self, request: ev.Event) -> list[ev.Event]:
        """Carry out a request event; return what to tell the player."""
        ...


class Game:
    """A game in progress. Pure: no I/O; front ends send text and render the events."""

    def __init__(self, world: World, seed: int = 0, state: State | None = None, start: str | None = None,
                 index: WorldIndex | None = None) -> None:
        if start is not None and start not in world.rooms:
            raise ValueError(f"no room '{start}' to start in")
        self.world = world
        self.index = index or WorldIndex(world)
        self.undo_stack: list[State] = []
        self.redo_stack: list[State] = []
        self.host: Host | None = None
        self.turn = Turn(world, self.index, state if state is not None else self._new_state(seed, start), self)

    @property
    def state(self) -> State:
        return self.turn.state

    @state.setter
    def state(self, state: State) -> None:
        self.turn.state = state

    def _new_state(self, seed: int, start: str | None) -> State:
        g = self.world.game
        s = State(seed=seed, rng=seed_state(seed), room=start or g.start, health=g.health, food=g.clock.food_days)
        placed = placement(self.world)  # where the rooms put things: a cached world knows without reading every room
        s.items.update(placed["items"])
        s.characters.update(placed["characters"])
        for who in g.companions:
            s.companions.append(who)
            s.characters[who] = s.room
        return s

    # -- playing ----------------------------------------------------------------------------

    def opening(self) -> list[ev.Event]:
        """The events before the first command: the intro and the first room."""
        t = self.turn
        t.events = []
        if self.world.game.intro and not t.state.visited and t.state.room == self.world.game.start:
            t.emit(ev.Narration(self.world.game.intro, "intro"))
        if t.state.visited:
            t.emit(t.describe(full=True))
        else:
            t.enter(t.state.room)
        if t.state.phase == ENCOUNTER:
            t.show_stage()
        return merged(t.events)

    def step(self, text: str) -> list[ev.Event]:
        """Run what the player typed (one or several commands); return what happened."""
        from game.engine.dispatch import answer_pending, answer_question, run_command  # the verbs load on the first command

        t = self.turn
        t.events = []
        text = CONTROL.sub(" ", str(text))
        before = t.state.copy()
        pending = t.state.pending
        t.state.pending = None
        confirmed = False
        if pending is not None and "confirm" in pending:
            answer = answer_question(text)
            if answer is False:
                t.emit(ev.Narration("You think better of it."))
                return self._finish(before, rewrites_history=False)
            if answer is True:
                text, confirmed = str(pending["confirm"]), True
        elif pending is not None:
            text = answer_pending(t, pending, text) or text
        pieces = split_commands(text)
        if not pieces:
            t.emit(ev.Error("empty", EMPTY))
            return t.events
        rewrites_history = False
        for piece in pieces:
            t.state.last_typed = piece
            rewrites_history = rewrites_history or tokens_of(piece)[:1] in (["undo"], ["redo"], ["load"], ["restore"])
            said = len(t.events)
            t.confirmed, confirmed = confirmed, False  # a yes answers the first command only
            ok = run_command(t, piece)
            t.confirmed = False
            if self._serve(said):
                break
            if not ok or t.state.phase == ENDED or t.state.pending is not None:
                break
        return self._finish(before, rewrites_history)

    def _finish(self, before: State, rewrites_history: bool) -> list[ev.Event]:
        """Keep `before` for undo if the turn changed anything, and merge what was said."""
        t = self.turn
        if not rewrites_history and _changed(before, t.state):
            before.pending = None
            self.undo_stack.append(before)
            del self.undo_stack[:-UNDO_LIMIT]
            self.redo_stack.clear()
        return merged(t.events)

    def _serve(self, since: int) -> bool:
        """Let the host carry out the requests the last command made, each at its own place
        in the events; True if one of them was to quit (the rest of the line is dropped)."""
        if self.host is None:
            return False
        t = self.turn
        events = t.events
        out = events[:since]
        quitting = False
        for event in events[since:]:
            out.append(event)
            if isinstance(event, REQUESTS):
                out.extend(self.host.serve(event))
                quitting = quitting or isinstance(event, ev.QuitRequested)
        t.events = out
        return quitting

    def situation(self) -> list[ev.Event]:
        """Where the player is now, as events (after undo, redo or load)."""
        return self.turn.situation()

    def options(self) -> list[Any]:
        return self.turn.options()

    def item_label(self, item: str) -> str:
        return self.turn.item_label(item)

    def items_at(self, place: str) -> list[str]:
        return self.turn.items_at(place)

    @property
    def day(self) -> int:
        return self.turn.day

    # -- exact copies and names of states -------------------------------------------------

    def snapshot(self) -> State:
        """An exact copy of the whole game state (RNG included), for restore()."""
        return self.state.copy()

    def restore(self, snapshot: State) -> None:
        """Go back to a snapshot exactly; the snapshot itself stays usable."""
        self.state = snapshot.copy()

    def state_hash(self) -> str:
        """A name for the current state: equal states, equal hashes, in any process."""
        return self.state.state_hash()

    # -- the undo history (the History the verbs see) ----------------------------------------

    def undo(self, count: int = 1) -> int:
        """Go back `count` turns (as many as there are); the number actually undone."""
        done = 0
        while done < count and self.undo_stack:
            self.redo_stack.append(self.state)
            self.state = self.undo_stack.pop()
            done += 1
        return done

    def restart(self) -> list[ev.Event]:
        """Begin again (the game before stays on the undo history); the opening's events."""
        said = self.turn.events
        s = self.state
        self.state = self._new_state(s.seed, None)
        self.turn.events = []
        opening = self.opening()
        self.turn.events = said
        return opening

    def redo(self, count: int = 1) -> int:
        done = 0
        while done < count and self.redo_stack:
            self.undo_stack.append(self.state)
            self.state = self.redo_stack.pop()
            done += 1
        return done

    # -- saves -------------------------------------------------------------------------------

    def save_data(self, keep: int | None = None) -> dict[str, Any]:
        """The state and the undo history (the last `keep` states of each stack, if given) as
        JSON-ready data."""
        undo = self.undo_stack if keep is None else self.undo_stack[len(self.undo_stack) - keep:]
        redo = self.redo_stack if keep is None else self.redo_stack[len(self.redo_stack) - keep:]
        return {"state": self.state.to_dict(), "undo": [s.to_dict() for s in undo], "redo": [s.to_dict() for s in redo]}

    def load_data(self, state: Any, undo: list[Any] | None = None, redo: list[Any] | None = None) -> None:
        """Replace the state and undo history with saved ones; ValueError if they do not fit.

        Everything is checked before anything changes, so a bad save leaves the game as it was.
        """
        new = checked_state(self.world, state)
        stacks = [[checked_state(self.world, d) for d in (undo or [])], [checked_state(self.world, d) for d in (redo or [])]]
        self.state = new
        self.undo_stack, self.redo_stack = stacks


def _changed(before: State, after: State) -> bool:
    """Whether a turn changed anything worth undoing."""
    a, b = before.__dict__, after.__dict__
    return any(a[k] != b[k] for k in a if k not in VOLATILE)


def merged(events: list[ev.Event]) -> list[ev.Event]:
    """One line for what changed, not one per step: consecutive alert changes and passing
    days become one event each (the first's old value, the last's new one)."""
    out: list[ev.Event] = []
    for event in events:
        last = out[-1] if out else None
        if isinstance(event, ev.AlertChanged) and isinstance(last, ev.AlertChanged):
            out[-1] = ev.AlertChanged(last.old, event.new, event.reason)
            if event.new == last.old:
                out.pop()
        elif isinstance(event, ev.DayPassed) and isinstance(last, ev.DayPassed):
            out[-1] = ev.DayPassed(event.day, event.food, last.days + event.days)
        else:
            out.append(event)
    return out
