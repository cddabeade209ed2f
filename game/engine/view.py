"""The read side of a turn: what is where, what can be named, what a room looks like.

`View` answers questions about one world and one state and changes neither; the turn
(`game.engine.turn.Turn`) adds the actions on top of it.
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

from game.engine import events as ev
from game.engine import rules
from game.engine.index import WorldIndex
from game.engine.prose import mention
from game.engine.rng import next_state
from game.engine.scope import YOURSELF, Thing, list_names, make_thing, match
from game.engine.state import INVENTORY, State, how_held
from game.engine.words import PRONOUNS
from game.world.model import DIRECTIONS, Direction, Exit, Feature, Option, Topic, World


class ShownExit(NamedTuple):
    """An exit as the player is shown it: the room text's `Exits:` line and the app's side
    panel both read these, so they never disagree. Hidden exits whose condition does not
    hold are left out; a listed exit whose condition does not hold is `open=False` (sealed)."""

    direction: str
    to: str
    name: str | None  # the room's name once visited, else None (not yet known)
    open: bool

    def label(self) -> str:
        """`north (The Yard)` for a room you have been to, else the direction alone."""
        return f"{self.direction} ({self.name})" if self.name else self.direction


class View:
    """Reads over a world and a state (the `Reads` part of the context)."""

    def __init__(self, world: World, index: WorldIndex, state: State) -> None:
        self.world = world
        self.index = index
        self.state = state

    @property
    def day(self) -> int:
        return 1 + self.state.time // max(1, self.world.game.clock.turns_per_day)

    def holds(self, cond: Any) -> bool:
        return rules.holds(self, cond)

    def roll(self) -> float:
        """A float in [0, 1) from the game's seeded RNG (its state lives in the game state)."""
        self.state.rng, value = next_state(self.state.rng)
        return value

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
        return next((v for v in thing.variants if self.holds(v.when)), None)

    def items_at(self, place: str) -> list[str]:
        return [i for i, where in self.state.items.items() if where == place]

    def place_of(self, item: str) -> str | None:
        """Where an item is in the end: a room, INVENTORY, or None (gone); through whatever it is in or on."""
        where = self.state.items.get(item)
        for _ in range(8):  # holders nest a few deep at most
            if where is None or not where.startswith(("in:", "on:")):
                return where
            holder = where[3:]
            if "/" in holder:
                return holder.split("/", 1)[0]  # scenery stays in its room
            where = self.state.items.get(holder)
        return None

    def contents(self, holder: str) -> list[str]:
        """What is directly in or on a holder (an item id, or room/feature)."""
        return [i for i, where in self.state.items.items() if where in (f"in:{holder}", f"on:{holder}")]

    def _reachable(self, holders: list[tuple[str, str]]) -> list[str]:
        """Items in open containers and on supporters among `holders` (kind, key), nested."""
        found: list[str] = []
        queue = list(holders)
        while queue:
            kind, key = queue.pop(0)
            if kind == "item" and self.world.items[key].openable and not self.state.flags.get(f"open_{key}"):
                continue  # a closed box hides what is in it
            for item in self.contents(key):
                found.append(item)
                queue.append(("item", item))
        return found

    def people_here(self) -> list[str]:
        return [c for c in self.world.characters if self.state.characters.get(c) == self.state.room]

    def features_here(self) -> dict[str, Feature]:
        room = self.world.rooms[self.state.room]
        return {fid: f for fid, f in room.features.items() if self.holds(f.when)}

    def scope(self) -> list[Thing]:
        """Everything the player can refer to now: inventory, room items, people, features."""
        held, lying = self.items_at(INVENTORY), self.items_at(self.state.room)
        things = [self.index.items[i] for i in held]
        things += [self.index.items[i] for i in lying]
        things += [self.index.characters[c] for c in self.people_here()]
        features = self.features_here()
        for fid, f in features.items():
            things.append(make_thing("feature", fid, f.names[0] if f.names else fid.replace("_", " "), f.names))
        holders = [("item", i) for i in held + lying if self.world.items[i].holds]
        holders += [("feature", f"{self.state.room}/{fid}") for fid, f in features.items() if f.holds]
        things += [self.index.items[i] for i in self._reachable(holders)]
        things.append(YOURSELF)
        return things

    def resolve(self, phrase: str, things: list[Thing]) -> Thing | None:
        """The thing a phrase names among `things` (handles it/them and #kind:id)."""
        if phrase.startswith("#"):
            kind, _, ident = phrase[1:].partition(":")
            return next((t for t in things if t.kind == kind and t.id == ident), None)
        if phrase in PRONOUNS and self.state.it:
            kind, _, ident = self.state.it[0].partition(":")
            return next((t for t in things if t.kind == kind and t.id == ident), None)
        return match(phrase, things)

    def visible_exits(self) -> dict[str, Exit]:
        room = self.world.rooms[self.state.room]
        return {d: e for d, e in room.exits.items() if not e.hidden or self.holds(e.when)}

    def shown_exits(self) -> list[ShownExit]:
        """The exits the player is told of, in the world's order (see ShownExit).

        A hidden exit's condition is read as `visible_exits` reads it; a listed one's is read
        without spending the game's RNG (a `chance` in it), so showing exits changes nothing."""
        s = self.state
        shown = []
        for d, e in self.world.rooms[s.room].exits.items():
            if e.hidden:
                if not self.holds(e.when):
                    continue
                open_ = True
            else:
                rng = s.rng
                open_ = self.holds(e.when)
                s.rng = rng
            shown.append(ShownExit(d, e.to, self.world.rooms[e.to].name if e.to in s.visited else None, open_))
        return shown

    def direction_to(self, room: str) -> str | None:
        exits = self.world.rooms[self.state.room].exits
        for direction in cast("tuple[Direction, ...]", DIRECTIONS):
            ex = exits.get(direction)
            if ex is not None and ex.to == room:
                return direction
        return None

    def _held_there(self, item: str) -> str:
        """' (holding a token)': what is in or on an item lying in the room, as its label says it."""
        inside = self.contents(item)
        if not inside or not self.world.items[item].holds:
            return ""
        if self.world.items[item].openable and not self.state.flags.get(f"open_{item}"):
            return ""
        return f" ({how_held(self.world.items[item].holds)} it: {list_names([self.item_label(i) for i in inside])})"

    def options(self) -> list[Option]:
        s = self.state
        if s.encounter is None or s.stage is None:
            return []
        stage = self.world.encounters[s.encounter].stages[s.stage]
        return [o for o in stage.options if self.holds(o.when)]

    def choice(self, prompt: str = "What do you do?") -> ev.Choice:
        """The current stage's options, as the event that offers them."""
        return ev.Choice([(o.key, o.label) for o in self.options()], prompt)

    def topics(self, who: str) -> list[Topic]:
        """The topics on offer now: those whose condition holds, the first for each word."""
        found, shown = [], set()
        for topic in self.world.characters[who].topics:
            if topic.about[0] not in shown and self.holds(topic.when):
                shown.add(topic.about[0])
                found.append(topic)
        return found

    def floor_map(self) -> tuple[str, list[dict[str, Any]]]:
        """The floor's name and the rooms on it the player has found, as `map` shows them: each
        with its id, name, whether you are here, and its exits by direction (to a found room's
        id, or None for a way not yet explored; a hidden exit only once it shows). Reading the
        map draws nothing from the game's RNG, even where an exit's condition has a chance."""
        s = self.state
        floor = self.world.rooms[s.room].floor
        rng = s.rng
        rooms = []
        for rid in s.visited:
            room = self.world.rooms[rid]
            if room.floor != floor:
                continue
            exits = {d: (e.to if e.to in s.visited else None) for d, e in room.exits.items()
                     if not e.hidden or self.holds(e.when)}
            rooms.append({"id": rid, "name": room.name, "here": rid == s.room, "exits": exits})
        s.rng = rng
        return self.world.floors[floor].name, rooms

    def room_text(self) -> tuple[str, str | None]:
        """The room's full and brief descriptions as the story stands (the first variant that holds)."""
        room = self.world.rooms[self.state.room]
        text, brief = room.description, room.brief
        for variant in room.variants:
            if self.holds(variant.when):
                return variant.description or text, variant.brief or brief
        return text, brief

    def room_sounds(self) -> str | None:
        """What `listen` hears here as the story stands: the sounds of the variant that gives the
        room its text (the first that holds), else the room's own."""
        room = self.world.rooms[self.state.room]
        variant = next((v for v in room.variants if self.holds(v.when)), None)
        return (variant.sounds if variant is not None else None) or room.sounds

    def prose_mention(self, phrase: str) -> str | None:
        """What `examine` says of a word the room's prose names but nothing here answers to.

        The sentence the player read (the description, a feature's text, what `listen`
        hears), so a passing noun is never "You see no ..." under the line that named it.
        """
        room = self.world.rooms[self.state.room]
        # the text as it stands, then as it read on arrival (an entry that changes the room
        # leaves the first reading on the screen), then the features on show
        seen = [self.room_text()[0], room.description] + [f.text for f in self.features_here().values()]
        sentence = mention(phrase, seen)
        if sentence is not None:
            return f"{sentence} Looking closer, you find nothing more to it than that."
        sounds = self.room_sounds()
        sentence = mention(phrase, [sounds]) if sounds else None
        if sentence is not None:
            return f"{sentence} It is something you hear, not something to look at."
        return None

    def describe(self, full: bool = True) -> ev.RoomShown:
        s = self.state
        room = self.world.rooms[s.room]
        text, brief = self.room_text()
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
        exits = [shown.label() for shown in self.shown_exits()]
        items = [self.item_label(i) + self._held_there(i) for i in self.items_at(s.room)]
        for fid, f in room.features.items():
            how = how_held(f.holds)
            if how and self.holds(f.when):
                name = f.names[0] if f.names else fid.replace("_", " ")
                items += [f"{self.item_label(i)} ({how} the {name})" for i in self.contents(f"{s.room}/{fid}")]
        floor = self.world.floors[room.floor].name
        return ev.RoomShown(s.room, room.name, floor, shown, items, people, exits)
