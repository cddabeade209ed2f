"""The Game: one world, one state, and `step(text) -> events`, the only way to change it."""

from __future__ import annotations

import re
from typing import Any

from game.engine import events as ev
from game.engine import pursuit
from game.engine.parser import ParseError, Parsed, parse, split_commands, words_of
from game.engine.phases import DIALOGUE, ENCOUNTER, ENDED, EXPLORING, check_transition
from game.engine.rng import next_state, seed_state
from game.engine.rules import holds, run
from game.engine.scope import Ambiguous, Thing, list_names, make_thing, match
from game.engine.state import INVENTORY, State
from game.world.model import DIRECTIONS, Option, World

UNDO_LIMIT = 200
# bookkeeping that changes on refusals too: not a turn worth undoing
VOLATILE = ("pending", "last_command", "last_unknown", "last_failed", "last_typed", "it", "hint_tiers")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Refused(Exception):
    """A command that was understood but cannot be done; nothing changes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Game:
    """A game in progress. Pure: no I/O; front ends send text and render the events."""

    def __init__(self, world: World, seed: int = 0, state: State | None = None, start: str | None = None) -> None:
        self.world = world
        self.nav = pursuit.Navigator(world)
        self.towers_over: dict[str, list[str]] = {}
        for tid, tower in world.watchtowers.items():
            for room in tower.watches:
                self.towers_over.setdefault(room, []).append(tid)
        self.item_things = {i: make_thing("item", i, it.name, it.names) for i, it in world.items.items()}
        self.character_things = {c: make_thing("character", c, ch.name, ch.names) for c, ch in world.characters.items()}
        self.undo_stack: list[dict[str, Any]] = []
        self.redo_stack: list[dict[str, Any]] = []
        self._events: list[ev.Event] = []
        if start is not None and start not in world.rooms:
            raise ValueError(f"no room '{start}' to start in")
        self.state = state if state is not None else self._new_state(seed, start)

    # -- set-up ---------------------------------------------------------------------------

    def _new_state(self, seed: int, start: str | None) -> State:
        g = self.world.game
        s = State(seed=seed, rng=seed_state(seed), room=start or g.start, health=g.health, food=g.clock.food_days)
        for rid, room in self.world.rooms.items():
            for item in room.items:
                s.items.setdefault(item, rid)
            for who in room.characters:
                s.characters.setdefault(who, rid)
        for who in g.companions:
            s.companions.append(who)
            s.characters[who] = s.room
        return s

    def opening(self) -> list[ev.Event]:
        """The events before the first command: the intro and the first room."""
        self._events = []
        if self.world.game.intro and not self.state.visited and self.state.room == self.world.game.start:
            self.emit(ev.Narration(self.world.game.intro, "intro"))
        if self.state.visited:
            self.emit(self.describe(full=True))
        else:
            self.enter(self.state.room)
        if self.state.phase == ENCOUNTER:
            self.show_stage()
        self._events = _merged(self._events)
        return self._events

    # -- the one entry point --------------------------------------------------------------

    def step(self, text: str) -> list[ev.Event]:
        """Run what the player typed (one or several commands); return what happened."""
        from game.engine.commands import run_command

        self._events = []
        text = CONTROL.sub(" ", str(text))
        before = self.state.to_dict()
        pending = self.state.pending
        self.state.pending = None
        if pending is not None:
            text = self._answer_pending(pending, text) or text
        pieces = split_commands(text)
        if not pieces:
            self.emit(ev.Error("empty", "Say what you want to do: try look, or help for the commands."))
            return self._events
        undoing = False
        for piece in pieces:
            self.state.last_typed = piece
            undoing = undoing or piece.split()[0] in ("undo", "redo")
            if not run_command(self, piece):
                break
            if self.state.phase == ENDED or self.state.pending is not None:
                break
        after = self.state.to_dict()
        self._events = _merged(self._events)
        if not undoing and any(after[k] != before[k] for k in after if k not in VOLATILE):
            before["pending"] = None
            self.undo_stack.append(before)
            del self.undo_stack[:-UNDO_LIMIT]
            self.redo_stack.clear()
        return self._events

    def _answer_pending(self, pending: dict[str, Any], text: str) -> str | None:
        """'Which do you mean...?' answered (by name, or 1, 2...): rebuild the command."""
        by_key = {f"{t.kind}:{t.id}": t for t in self.scope()}
        things = [by_key[c] for c in pending["candidates"] if c in by_key]
        answer = " ".join(words_of(text))
        numbered = {str(i): t for i, t in enumerate(things, 1)}
        exact = [t for t in things if answer == t.label.lower()]
        try:
            chosen = numbered.get(answer) or (exact[0] if len(exact) == 1 else match(text, things))
        except Ambiguous:
            return None
        if chosen is None:
            return None
        command = pending["command"]
        return command.replace("\x00", f"#{chosen.kind}:{chosen.id}")

    # -- helpers used by commands, rules and pursuit -----------------------------------------

    def emit(self, event: ev.Event) -> None:
        self._events.append(event)

    def roll(self) -> float:
        """A float in [0, 1) from the game's seeded RNG (its state lives in the game state)."""
        self.state.rng, value = next_state(self.state.rng)
        return value

    @property
    def day(self) -> int:
        return 1 + self.state.time // max(1, self.world.game.clock.turns_per_day)

    def set_phase(self, phase: str) -> None:
        check_transition(self.state.phase, phase)
        self.state.phase = phase

    def item_label(self, item: str) -> str:
        it = self.world.items[item]
        article = it.article if it.article is not None else ("an" if it.name[:1].lower() in "aeiou" else "a")
        return f"{article} {it.name}".strip() if article else it.name

    def character_label(self, who: str, capital: bool = False) -> str:
        ch = self.world.characters[who]
        if ch.proper:
            return ch.name
        article = ch.article if ch.article is not None else "the"
        text = f"{article} {ch.name}".strip()
        return text[:1].upper() + text[1:] if capital else text

    def look_of(self, thing: Any) -> Any:
        """The first of an item's or character's variants whose condition holds, or None."""
        return next((v for v in thing.variants if holds(self, v.when)), None)

    def items_at(self, place: str) -> list[str]:
        return [i for i, where in self.state.items.items() if where == place]

    def people_here(self) -> list[str]:
        return [c for c in self.world.characters if self.state.characters.get(c) == self.state.room]

    def features_here(self) -> dict[str, Any]:
        room = self.world.rooms[self.state.room]
        return {fid: f for fid, f in room.features.items() if holds(self, f.when)}

    def scope(self) -> list[Thing]:
        """Everything the player can refer to now: inventory, room items, people, features."""
        things = [self.item_things[i] for i in self.items_at(INVENTORY)]
        things += [self.item_things[i] for i in self.items_at(self.state.room)]
        things += [self.character_things[c] for c in self.people_here()]
        for fid, f in self.features_here().items():
            things.append(make_thing("feature", fid, f.names[0] if f.names else fid.replace("_", " "), f.names))
        return things

    def resolve(self, phrase: str, things: list[Thing]) -> Thing | None:
        """The thing a phrase names among `things` (handles it/them and #kind:id)."""
        if phrase.startswith("#"):
            kind, _, ident = phrase[1:].partition(":")
            return next((t for t in things if t.kind == kind and t.id == ident), None)
        if phrase in ("it", "them", "him", "her") and self.state.it:
            kind, _, ident = self.state.it[0].partition(":")
            return next((t for t in things if t.kind == kind and t.id == ident), None)
        return match(phrase, things)

    def visible_exits(self) -> dict[str, Any]:
        room = self.world.rooms[self.state.room]
        return {d: e for d, e in room.exits.items() if not e.hidden or holds(self, e.when)}

    def direction_to(self, room: str) -> str | None:
        exits = self.world.rooms[self.state.room].exits
        for direction in DIRECTIONS:
            ex = exits.get(direction)
            if ex is not None and ex.to == room:
                return direction
        return None

    def change_alert(self, n: int, reason: str) -> None:
        s = self.state
        old = s.alert
        s.alert = max(0, min(self.world.game.alert.max, s.alert + n))
        if s.alert != old:
            self.emit(ev.AlertChanged(old, s.alert, reason))

    def change_health(self, n: int) -> None:
        s = self.state
        old = s.health
        s.health = max(0, min(self.world.game.health, s.health + n))
        if s.health != old:
            self.emit(ev.HealthChanged(old, s.health))
        if s.health <= 0 and self.world.game.death_ending:
            self.end(self.world.game.death_ending)

    def pass_time(self, turns: int) -> None:
        s = self.state
        old_day = self.day
        s.time += turns
        if turns > 1 and s.alert:  # a long wait (sleep, days on the road) cools the Safeguard
            self.change_alert(-(turns // max(1, self.world.game.alert.decay_every)), "time")
        for _ in range(self.day - old_day):
            s.food = max(0, s.food - 1)
            self.emit(ev.DayPassed(self.day, s.food))
            ending = self.world.game.clock.starve_ending
            if s.food <= 0 and ending and s.phase != ENDED:
                self.end(ending)
                return

    # -- moving and describing -------------------------------------------------------------

    def describe(self, full: bool = True) -> ev.RoomShown:
        s = self.state
        room = self.world.rooms[s.room]
        text, brief = room.description, room.brief
        for variant in room.variants:
            if holds(self, variant.when):
                text = variant.description or text
                brief = variant.brief or brief
                break
        shown = text if (full or s.verbose or not brief) else brief
        people = []
        for who in self.people_here():
            if who in s.companions:
                continue
            ch = self.world.characters[who]
            look = self.look_of(ch)
            here = (look.here if look and look.here else None) or ch.here
            people.append(here or f"{self.character_label(who, capital=True)} is here.")
        if s.companions:
            names = [self.character_label(c, capital=True) for c in s.companions]
            people.append(f"{list_names(names)} {'is' if len(names) == 1 else 'are'} with you.")
        exits = []
        for direction, ex in self.visible_exits().items():
            target = self.world.rooms[ex.to]
            exits.append(f"{direction} ({target.name})" if ex.to in s.visited else direction)
        items = [self.item_label(i) for i in self.items_at(s.room)]
        floor = self.world.floors[room.floor].name
        return ev.RoomShown(s.room, room.name, floor, shown, items, people, exits)

    def enter(self, room_id: str) -> None:
        """Put the player (and companions) in a room: describe it, run its arrivals."""
        s = self.state
        if self.world.rooms[room_id].floor != self.world.rooms[s.room].floor and (s.alert or s.pursuers):
            # the Megastructure lies between floors: a new floor's Safeguard has not seen you yet
            s.pursuers.clear()
            s.known = None
            self.change_alert(-s.alert, "floor")
        s.room = room_id
        s.hidden = False
        first = room_id not in s.visited
        if first:
            s.visited.append(room_id)
        for who in s.companions:
            s.characters[who] = room_id
        room = self.world.rooms[room_id]
        self.emit(ev.RoomEntered(room_id, room.floor, first))
        if not self._run_arrivals(room_id, arrival=True):
            return
        self.emit(self.describe(full=first))
        for who in s.companions:
            key = f"remark:{room_id}:{who}"
            if who in room.remarks and key not in s.fired:
                s.fired.append(key)
                self.emit(ev.Narration(room.remarks[who], "speech"))
        if self._run_arrivals(room_id, arrival=False):
            pursuit.after_move(self)

    def _run_arrivals(self, room_id: str, arrival: bool) -> bool:
        """A room's on_enter triggers (those told before or after its description);
        False if one of them ended the game or moved the player on."""
        s = self.state
        for index, trigger in enumerate(self.world.rooms[room_id].on_enter):
            key = f"enter:{room_id}:{index}"
            if trigger.arrival != arrival or (trigger.once and key in s.fired):
                continue
            if holds(self, trigger.when):
                if trigger.once:
                    s.fired.append(key)
                if trigger.text:
                    self.emit(ev.Narration(trigger.text))
                run(self, trigger.effects)
                if s.ending is not None or s.room != room_id:
                    return False
        return True

    def tick(self) -> None:
        """A turn of game time: the clock, the Safeguard, the world's triggers."""
        s = self.state
        s.moves += 1
        self.pass_time(1)
        if s.phase == ENDED:
            return
        if s.phase != ENCOUNTER:
            pursuit.tick(self)
        self.run_triggers()

    def run_triggers(self) -> None:
        s = self.state
        for tid, trigger in self.world.triggers.items():
            if s.phase in (ENDED, ENCOUNTER):
                return
            key = f"trigger:{tid}"
            if trigger.once and key in s.fired:
                continue
            if holds(self, trigger.when):
                if trigger.once:
                    s.fired.append(key)
                if trigger.text:
                    self.emit(ev.Narration(trigger.text))
                run(self, trigger.effects)

    # -- encounters and endings -------------------------------------------------------------

    def start_encounter(self, encounter_id: str) -> None:
        s = self.state
        enc = self.world.encounters[encounter_id]
        if s.phase == DIALOGUE:
            s.dialogue = None
        self.set_phase(ENCOUNTER)
        s.encounter = encounter_id
        self.emit(ev.EncounterStarted(encounter_id, enc.title))
        self.enter_stage(enc.start)

    def enter_stage(self, stage_id: str) -> None:
        """Begin a stage: its text, its effects, then the options."""
        s = self.state
        encounter = s.encounter
        s.stage = stage_id
        stage = self.world.encounters[encounter].stages[stage_id]  # type: ignore[index]
        self.emit(ev.Narration(stage.text))
        run(self, stage.effects)
        if s.ending is None and s.encounter == encounter and s.stage == stage_id:
            self.show_stage(text=False)

    def options(self) -> list[Option]:
        s = self.state
        if s.encounter is None or s.stage is None:
            return []
        stage = self.world.encounters[s.encounter].stages[s.stage]
        return [o for o in stage.options if holds(self, o.when)]

    def show_stage(self, text: bool = True) -> None:
        s = self.state
        stage = self.world.encounters[s.encounter].stages[s.stage]  # type: ignore[index]
        if text:
            self.emit(ev.Narration(stage.text))
        if not self.options():  # every option's condition failed: never leave the player stuck
            self.end_encounter()
            return
        self.emit(self.choice())

    def choice(self, prompt: str = "What do you do?") -> ev.Choice:
        """The current stage's options, as the event that offers them."""
        return ev.Choice([(o.key, o.label) for o in self.options()], prompt)

    def end_encounter(self) -> None:
        """Back to exploring: the encounter is over."""
        s = self.state
        current = s.encounter or ""
        s.encounter = s.stage = s.encounter_pursuer = None
        self.set_phase(EXPLORING)
        self.emit(ev.EncounterEnded(current))

    def choose(self, option: Option) -> None:
        s = self.state
        current = s.encounter
        if option.text:
            self.emit(ev.Narration(option.text))
        run(self, option.effects)
        nxt, ending = option.next, option.ending
        if s.ending is None and s.encounter == current:
            for outcome in option.outcomes:
                if holds(self, outcome.when):
                    if outcome.text:
                        self.emit(ev.Narration(outcome.text))
                    run(self, outcome.effects)
                    nxt = outcome.next or (None if outcome.ending else nxt)
                    ending = outcome.ending or ending
                    break
        if s.ending is not None or s.encounter != current:
            return
        if ending:
            self.end(ending)
        elif nxt:
            self.enter_stage(nxt)
        else:
            self.end_encounter()

    def end(self, ending_id: str) -> None:
        s = self.state
        if s.phase == ENDED:
            return
        ending = self.world.endings[ending_id]
        s.dialogue = None
        s.encounter = s.stage = None
        self.set_phase(ENDED)
        s.ending = ending_id
        parts = [ending.text.strip()] + [e.text.strip() for e in ending.epilogues if holds(self, e.when)]
        self.emit(ev.EndingReached(ending_id, ending.title, ending.kind, "\n\n".join(parts)))

    # -- undo ---------------------------------------------------------------------------------

    def undo(self, count: int = 1) -> int:
        """Go back `count` turns (as many as there are); the number actually undone."""
        done = 0
        while done < count and self.undo_stack:
            self.redo_stack.append(self.state.to_dict())
            self.state = State.from_dict(self.undo_stack.pop())
            done += 1
        return done

    def redo(self, count: int = 1) -> int:
        done = 0
        while done < count and self.redo_stack:
            self.undo_stack.append(self.state.to_dict())
            self.state = State.from_dict(self.redo_stack.pop())
            done += 1
        return done

    def snapshot(self) -> dict[str, Any]:
        """The state as JSON-ready data (for saves)."""
        return self.state.to_dict()

    def restore(self, data: dict[str, Any], undo: list[Any] | None = None, redo: list[Any] | None = None) -> None:
        """Replace the state (and undo history) with saved ones; ValueError if they do not fit.

        Everything is checked before anything changes, so a bad save leaves the game as it was.
        """
        state = self.checked_state(data)
        stacks = [[self.checked_state(d).to_dict() for d in (undo or [])], [self.checked_state(d).to_dict() for d in (redo or [])]]
        self.state = state
        self.undo_stack, self.redo_stack = stacks

    def checked_state(self, data: Any) -> State:
        """A State from saved data, or ValueError naming what does not fit this world."""
        if not isinstance(data, dict):
            raise ValueError("the saved state is not a mapping")
        try:
            state = State.from_dict(data)
        except TypeError as err:
            raise ValueError(f"the saved state is malformed: {err}") from None
        w = self.world
        problems = []
        if not isinstance(state.room, str) or state.room not in w.rooms:
            problems.append(f"room {state.room!r}")
        if not isinstance(state.items, dict) or any(i not in w.items or (loc != INVENTORY and loc not in w.rooms) for i, loc in state.items.items()):
            problems.append("item places")
        if not isinstance(state.characters, dict) or any(c not in w.characters or r not in w.rooms for c, r in state.characters.items()):
            problems.append("character places")
        if not isinstance(state.companions, list) or any(c not in w.characters for c in state.companions):
            problems.append("companions")
        if not isinstance(state.visited, list) or any(r not in w.rooms for r in state.visited):
            problems.append("visited rooms")
        if state.phase not in (EXPLORING, ENCOUNTER, DIALOGUE, ENDED):
            problems.append(f"phase {state.phase!r}")
        if state.phase == ENCOUNTER and (state.encounter not in w.encounters or state.stage not in w.encounters[state.encounter].stages):
            problems.append(f"encounter {state.encounter!r}")
        if state.phase == DIALOGUE and state.dialogue not in w.characters:
            problems.append(f"conversation with {state.dialogue!r}")
        if state.ending is not None and state.ending not in w.endings:
            problems.append(f"ending {state.ending!r}")
        if any(not isinstance(p.room, str) or p.room not in w.rooms or p.kind not in w.pursuers for p in state.pursuers):
            problems.append("pursuers")
        for name in ("seed", "rng", "health", "food", "moves", "time", "alert", "unseen"):
            value = getattr(state, name)
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(name)
        if not isinstance(state.flags, dict):
            problems.append("flags")
        if problems:
            raise ValueError("these parts do not match this world: " + ", ".join(problems))
        return state

    def situation(self) -> list[ev.Event]:
        """Where the player is now, as events (after undo, redo or load)."""
        events: list[ev.Event] = [self.describe(full=False)]
        if self.state.phase == ENCOUNTER:
            events.append(self.choice())
        return events


def _merged(events: list[ev.Event]) -> list[ev.Event]:
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


def parse_or_error(game: Game, text: str) -> Parsed | None:
    """Parse, or emit the parse error and return None."""
    try:
        return parse(text)
    except ParseError as err:
        if err.code == "unknown_verb":
            game.state.last_unknown = text.split()[0] if text.split() else None
        game.emit(ev.Error(err.code, err.message))
        return None
