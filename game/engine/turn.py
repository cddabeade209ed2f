"""The turn: the one implementation of the context verbs and rules are handed.

A `Turn` holds a world, its index, the current state, the undo history and the events
said so far; its actions are the only code that changes the state besides the effects
and verbs it runs. The game (`game.engine.game.Game`) keeps one and drives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine import encounters, pursuit, rules
from game.engine import events as ev
from game.engine.errors import Refused
from game.engine.index import WorldIndex
from game.engine.phases import ENCOUNTER, ENDED, transition
from game.engine.scope import SELF, Thing, is_are, it_them, suggest, the
from game.engine.state import INVENTORY, State
from game.engine.view import View
from game.engine.words import PRONOUNS, words_of
from game.world.model import Topic, Trigger, World

if TYPE_CHECKING:
    from game.engine.context import History


class Turn(View):
    """Reads (from View), the story's actions, finding things by name, and `emit`."""

    def __init__(self, world: World, index: WorldIndex, state: State, history: History) -> None:
        super().__init__(world, index, state)
        self.history = history
        self.events: list[ev.Event] = []
        self.confirmed = False  # True while a command the player said yes to runs

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)

    def run(self, effects: Any) -> None:
        rules.run(self, effects)

    # -- the player's condition and the clock ---------------------------------------------

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
            self.end(self.world.game.death_ending)  # end() picks this floor's own death

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

    def tick(self) -> None:
        """A turn of game time: the clock, the Safeguard, the world's triggers."""
        s = self.state
        s.moves += 1
        self.pass_time(1)
        if s.phase == ENDED:
            return
        if s.phase != ENCOUNTER:
            pursuit.tick(self)
        self._run_triggers()

    def _run_triggers(self) -> None:
        s = self.state
        for tid, trigger in self.world.triggers.items():
            if s.phase in (ENDED, ENCOUNTER):
                return
            self._fire(trigger, f"trigger:{tid}")

    def _fire(self, trigger: Trigger, key: str) -> bool:
        """Run a trigger if it may fire now (a once-only one is remembered by `key`); True if it did."""
        s = self.state
        if (trigger.once and key in s.fired) or not self.holds(trigger.when):
            return False
        if trigger.once:
            s.fired.append(key)
        if trigger.text:
            self.emit(ev.Narration(trigger.text))
        self.run(trigger.effects)
        return True

    # -- moving ---------------------------------------------------------------------------

    def enter(self, room_id: str) -> None:
        """Put the player (and companions) in a room: describe it, run its arrivals."""
        s = self.state
        if self.world.rooms[room_id].floor != self.world.rooms[s.room].floor and (s.alert or s.pursuers):
            # the Megastructure lies between floors: a new floor's Safeguard has not seen you yet
            s.pursuers.clear()
            s.known = None
            self.change_alert(-s.alert, "floor")
        if room_id != s.room:
            s.came_from = s.room
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
            if trigger.arrival == arrival and self._fire(trigger, f"enter:{room_id}:{index}") and (
                    s.ending is not None or s.room != room_id):
                return False
        return True

    # -- encounters, conversations, endings ---------------------------------------------------

    def start_encounter(self, encounter: str) -> None:
        encounters.start(self, encounter)

    def show_stage(self, text: bool = True) -> None:
        encounters.show_stage(self, text)

    def begin_conversation(self, who: str) -> None:
        transition(self.state, "begin_conversation")
        self.state.dialogue = who

    def end_conversation(self) -> None:
        transition(self.state, "end_conversation")
        self.state.dialogue = None

    def answer(self, topic: Topic) -> None:
        self.emit(ev.Narration(topic.text, "speech"))
        self.run(topic.effects)

    def end(self, ending_id: str) -> None:
        s = self.state
        if s.phase == ENDED:
            return
        if ending_id == self.world.game.death_ending:  # a death reads like the floor it happened on
            ending_id = self.world.floors[self.world.rooms[s.room].floor].death_ending or ending_id
        ending = self.world.endings[ending_id]
        s.dialogue = None
        s.encounter = s.stage = None
        transition(s, "end_game")
        s.ending = ending_id
        parts = [ending.text.strip()] + [e.text.strip() for e in ending.epilogues if self.holds(e.when)]
        if ending.kind == "death":
            s.health = 0  # a story's death leaves no health behind: `status` after it says 0, not "1 of 3"
        self.emit(ev.EndingReached(ending_id, ending.title, ending.kind, "\n\n".join(parts)))

    def situation(self) -> list[ev.Event]:
        """Where the player is now, as events (after undo, redo or load); in an ending, the ending."""
        s = self.state
        if s.phase == ENDED and s.ending is not None:  # redo into an ending: not the room as it was before
            ending = self.world.endings[s.ending]
            rng = s.rng  # reading the epilogues' conditions again spends nothing
            parts = [ending.text.strip()] + [e.text.strip() for e in ending.epilogues if self.holds(e.when)]
            s.rng = rng
            return [ev.EndingReached(s.ending, ending.title, ending.kind, "\n\n".join(parts))]
        events: list[ev.Event] = [self.describe(full=False)]
        if self.state.phase == ENCOUNTER:
            events.append(self.choice())
        return events

    # -- finding things by name -------------------------------------------------------------

    def carried(self) -> list[Thing]:
        """What you hold, and what is in or on what you hold."""
        held = self.items_at(INVENTORY)
        inside = self._reachable([("item", i) for i in held if self.world.items[i].holds])
        return [self.index.items[i] for i in held + inside]

    def lying_here(self) -> list[Thing]:
        return [self.index.items[i] for i in self.items_at(self.state.room)]

    def people(self) -> list[Thing]:
        return [self.index.characters[c] for c in self.people_here()]

    def find(self, phrase: str, things: list[Thing], verb: str) -> Thing:
        """The thing `phrase` names, or a refusal that says what went wrong."""
        if not phrase:
            typed = (self.state.last_typed or verb).split()[0]
            raise Refused("missing_object", f"What do you want to {typed if verb == 'use' else verb}?")
        found = self.resolve(phrase, things)
        if found is None and phrase.startswith("#"):  # an answer to "Which do you mean": say its name, not its id
            kind, _, ident = phrase[1:].partition(":")
            named = self.index.items.get(ident) if kind == "item" else self.index.characters.get(ident)
            raise Refused("not_here", f"{the(named, True)} {is_are(named)} not here now." if named else "That is not here now.")
        if found is None:
            everything = self.scope()
            elsewhere = self.resolve(phrase, everything) if things is not everything else None
            if elsewhere is not None:
                raise Refused("refused" if elsewhere.kind == SELF else "not_here", _not_available(elsewhere, verb))
            if phrase in PRONOUNS:
                raise Refused("not_here", f"I'm not sure what '{phrase}' means here.")
            guess = suggest(phrase, everything)
            hint = f" Did you mean {the(guess)}?" if guess else ""
            known = {w for t in everything for w in t.words}
            self.state.last_unknown = next((w for w in words_of(phrase) if w not in known), None)
            raise Refused("not_here", f"You see no {phrase} here.{hint}")
        self.state.it = [f"{found.kind}:{found.id}"]
        return found


def _not_available(thing: Thing, verb: str) -> str:
    if thing.kind == SELF:
        return "You have trouble enough carrying the rest of your things." if verb == "take" else f"You can't {verb} yourself."
    if thing.kind == "feature" and verb == "talk to":
        return f"There is no answer from {the(thing)}."
    if thing.kind == "item" and verb in ("drop", "give", "use"):
        return f"You aren't carrying {the(thing)}."
    if thing.kind == "item" and verb == "take":
        return f"You already have {the(thing)}."
    if thing.kind == "feature" and verb == "take":
        return f"{the(thing, True)} {is_are(thing)} part of the place: you can't carry {it_them(thing)}."
    return f"You can't {verb} that."
