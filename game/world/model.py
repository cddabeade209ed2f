"""The world model: immutable records built from the YAML files.

Plain dataclasses, so the engine and a cached world load without pydantic;
`game.world.validate` checks raw YAML against these same classes with pydantic's
TypeAdapter (unknown keys are refused through `__pydantic_config__`).

Conditions and effects stay as the YAML wrote them (small dicts and lists); their
vocabulary is checked by `game.world.vocabulary` and interpreted by `game.engine.rules`.
A field whose YAML key is a Python keyword ends in `_` (`from_` is written `from:`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Condition = Any
Effects = tuple[Any, ...]
STRICT = {"extra": "forbid", "use_attribute_docstrings": True}


class Record:
    """Base of every model class: each field is written once, in __init__, then never.

    Frozen dataclasses would do the same but cost twice as much to create at import,
    which `city play --plain` pays on every start; for the same reason __repr__ is this
    one method rather than one generated per class.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self.__dict__:
            raise AttributeError(f"{type(self).__name__}.{name} cannot change: the world is immutable once loaded")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__}.{name} cannot be deleted: the world is immutable once loaded")

DIRECTIONS = (
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "up", "down", "in", "out",
)
Direction = Literal[
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "up", "down", "in", "out",
]


@dataclass(repr=False)
class Clock(Record):
    """The day/food clock: the village eats a day of food each day."""

    __pydantic_config__ = STRICT
    turns_per_day: int = 40
    """Turns that make one day; `sleep` ends a day at once."""
    food_days: int = 30
    """Days of food the village has when play begins."""
    starve_ending: str | None = None
    """The ending reached when the village's food runs out (none: the clock never ends the game)."""


@dataclass(repr=False)
class AlertRules(Record):
    """How the Safeguard's alert rises and falls."""

    __pydantic_config__ = STRICT
    max: int = 10
    """The highest the Safeguard's alert can go."""
    sighting: int = 3
    """Alert added when a Watchtower sees the player enter a room it watches."""
    release_at: int = 3
    """At this alert a Watchtower releases its pursuers."""
    decay_every: int = 4
    """Turns unseen for the alert to fall by one (half as many while hidden)."""
    hide_chance: float = 0.6
    """Chance that pursuers sweeping through the player's room pass over a hidden player."""
    wounded_at: int = 0
    """At or below this health the player is wounded: heard two rooms away, followed by the blood, hidden less well."""
    wounded_hide_chance: float = 0.6
    """`hide_chance` while the player is wounded."""
    wounded_lag: int = 0
    """Steps the hunters on a wounded player's trail gain each time the player moves (slower)."""


@dataclass(repr=False)
class BeamRules(Record):
    """What a shot of the Gravitational Beam Emitter (the `fire_beam` effect) costs."""

    __pydantic_config__ = STRICT
    recover: int = 0
    """Turns after a shot before `beam_ready` holds again (0: always ready)."""
    alert: int = 0
    """Alert each shot adds; the whole floor hears it, and its hunters learn where you are."""
    hurt_chance: float = 0.0
    """Chance that a shot in a Safeguard fight wounds its carrier (`<carrier>_wounds`); each wound adds `recover` turns."""
    recovering: str = ""
    """Said when an encounter offers no shot because the emitter is recovering ({name}, {turns})."""
    hurt: str = ""
    """Said when a shot wounds its carrier ({name})."""


@dataclass(repr=False)
class GameSettings(Record):
    """World-wide settings: where play starts and the rules of the clock and alert."""

    __pydantic_config__ = STRICT
    title: str
    """The game's title."""
    start: str
    """The room where play begins."""
    intro: str = ""
    """Text shown once, before the first room."""
    companions: tuple[str, ...] = ()
    """Characters travelling with the player at the start."""
    player: str = ""
    """What `examine me` says: how you look to yourself."""
    health: int = 3
    """Wounds the player can take; at 0 the death ending is reached."""
    death_ending: str | None = None
    """The ending reached when health falls to 0 (or an outcome names): a floor's own `death_ending` takes its place there."""
    clock: Clock = field(default_factory=Clock)
    """The day and food clock."""
    alert: AlertRules = field(default_factory=AlertRules)
    """How the Safeguard's alert rises and falls."""
    beam: BeamRules = field(default_factory=BeamRules)
    """What the emitter's shots cost: recovery, alert, wounds to whoever carries it."""


@dataclass(repr=False)
class Floor(Record):
    """A floor of the City, between two layers of Megastructure."""

    __pydantic_config__ = STRICT
    name: str
    """The floor's name, as the map and status show it."""
    level: int = 0
    """0 for the village's floor; deeper floors have higher numbers."""
    description: str = ""
    """A paragraph about the floor for the map and journal."""
    death_ending: str | None = None
    """The ending reached by dying on this floor, in place of the game's `death_ending` (none: the game's)."""


@dataclass(repr=False)
class Exit(Record):
    """A way out of a room, perhaps conditional."""

    __pydantic_config__ = STRICT
    to: str
    """The room this exit leads to."""
    when: Condition = None
    """The exit can be used only while this condition holds."""
    refuse: str | None = None
    """Said when the player tries the exit while its condition does not hold."""
    text: str | None = None
    """Said when the player takes the exit."""
    hidden: bool = False
    """Not listed (and not mentioned) while its condition does not hold."""
    safeguard: bool = True
    """False: the Safeguard's pursuers cannot use this exit."""
    warn: str | None = None
    """A point of no return: said before the player goes, who must then answer yes to go on."""


@dataclass(repr=False)
class Feature(Record):
    """Scenery the player can examine but not take."""

    __pydantic_config__ = STRICT
    text: str
    """What `examine` says about it."""
    names: tuple[str, ...] = ()
    """Words the player may type for it (its id counts too)."""
    when: Condition = None
    """It is there only while this condition holds."""
    handle: tuple[Trigger, ...] = ()
    """What happens when the player works it by hand (lift, turn, pull, push, open...):
    the first whose condition holds. None: hands alone do nothing."""
    exit: Direction | None = None
    """The room's exit this thing is (a ladder, a hatch): climb, enter or go through it to go that way."""
    holds: Literal["in", "on"] | bool | None = None
    """Things can be put in it (in: a trough) or on it (on: a bench; YAML's bare `on` reads as true, also fine)."""


@dataclass(repr=False)
class Variant(Record):
    """A room's description once the story has changed it."""

    __pydantic_config__ = STRICT
    when: Condition
    """The variant replaces the room's text while this holds (the first that holds wins)."""
    description: str | None = None
    """The full description while the variant holds."""
    brief: str | None = None
    """The short description while the variant holds."""
    sounds: str | None = None
    """What `listen` hears while the variant holds (none: the room's own `sounds`)."""
    id: str | None = None
    """A name for this variant, so a mod's list patch can remove, edit or insert next to it."""
    priority: int = 0
    """Tried before those with a lower priority (default 0; equal: the order written, mods after the world)."""


@dataclass(repr=False)
class Trigger(Record):
    """Text and effects that fire when a condition holds (once, by default)."""

    __pydantic_config__ = STRICT
    when: Condition = None
    """The trigger fires when this condition holds."""
    once: bool = True
    """Fire only the first time (default true)."""
    text: str | None = None
    """Narration when it fires."""
    effects: Effects = ()
    """Effects run when it fires."""
    arrival: bool = False
    """In a room's on_enter: told before the room's description (the journey that brought you)."""


@dataclass(repr=False)
class Room(Record):
    """A place on a floor."""

    __pydantic_config__ = STRICT
    floor: str
    """The floor the room is on."""
    name: str
    """The room's heading."""
    description: str
    """The full description: first visit, and `look` (40-150 words)."""
    brief: str | None = None
    """The short description for later visits (unless `verbose`)."""
    variants: tuple[Variant, ...] = ()
    """Descriptions for when the story has changed the room; the first whose condition holds is used."""
    features: dict[str, Feature] = field(default_factory=dict)
    """Scenery the player can examine, by id: every prominent noun of the description."""
    exits: dict[Direction, Exit] = field(default_factory=dict)
    """Ways out, by direction: a room id, or a mapping with `to` and more."""
    items: tuple[str, ...] = ()
    """Items lying here at the start."""
    characters: tuple[str, ...] = ()
    """Characters here at the start (companions travel with the player instead)."""
    safe: bool = False
    """Inside the perimeter: pursuers never enter, and the player may sleep."""
    cover: str | None = None
    """Where the player hides here (`hide` works only in rooms with cover)."""
    on_enter: tuple[Trigger, ...] = ()
    """Triggers checked each time the player enters."""
    remarks: dict[str, str] = field(default_factory=dict)
    """A companion's line the first time the player enters with them, by character id."""
    sounds: str | None = None
    """What `listen` hears here (besides any hunters)."""


@dataclass(repr=False)
class Look(Record):
    """How an item or character looks once the story has changed it."""

    __pydantic_config__ = STRICT
    when: Condition
    """This look is used while the condition holds (the first that holds wins)."""
    description: str | None = None
    """What `examine` says instead."""
    here: str | None = None
    """For characters: the line shown in the room instead."""
    id: str | None = None
    """A name for this look, so a mod's list patch can remove, edit or insert next to it."""
    priority: int = 0
    """Tried before those with a lower priority (default 0; equal: the order written, mods after the world)."""


@dataclass(repr=False)
class Use(Record):
    """What happens when an item is used, alone or on something."""

    __pydantic_config__ = STRICT
    text: str | None = None
    """Said when the item is used this way."""
    on: str | None = None
    """What the item is used on (an item, character or feature id); none: plain `use ITEM`."""
    when: Condition = None
    """This use works only while the condition holds."""
    effects: Effects = ()
    """Effects of using it."""
    verbs: tuple[str, ...] = ()
    """The other verbs that do this (drink, hit, knock, fill...); with none, only `use` does."""
    warn: str | None = None
    """A point of no return: said before this use happens, which the player must then confirm (yes)."""


@dataclass(repr=False)
class Item(Record):
    """Something the player can see, and usually carry."""

    __pydantic_config__ = STRICT
    name: str
    """How the item appears in lists ("You see a dented pail.")."""
    description: str
    """What `examine` says."""
    article: str | None = None
    """a, an, the or some (default: a or an)."""
    names: tuple[str, ...] = ()
    """More words the player may type for it."""
    portable: bool = True
    """False: it cannot be taken."""
    fixed_text: str | None = None
    """Said when taking a fixed item."""
    openable: bool = False
    """`open` and `close` work on it, setting the flag open_ID."""
    open_text: str | None = None
    """Said when it is opened."""
    close_text: str | None = None
    """Said when it is closed."""
    on_take: Effects = ()
    """Effects run the first time it is taken."""
    holds: Literal["in", "on"] | bool | None = None
    """A container (in: a pail) or a supporter (on: a tray; YAML's bare `on` reads as true, also fine)."""
    uses: tuple[Use, ...] = ()
    """What `use` does with it; the first use that matches and holds wins."""
    variants: tuple[Look, ...] = ()
    """How it looks once the story has changed it (a charged spear, a full flask)."""


@dataclass(repr=False)
class Reply(Record):
    """A line a character says when talked to, if its condition holds."""

    __pydantic_config__ = STRICT
    text: str
    """What the character says."""
    when: Condition = None
    """Said only while this holds (the first that holds wins)."""
    effects: Effects = ()
    """Effects of saying it."""
    id: str | None = None
    """A name for this reply, so a mod's list patch can remove, edit or insert next to it."""
    priority: int = 0
    """Tried before those with a lower priority (default 0; equal: the order written, mods after the world)."""


@dataclass(repr=False)
class Topic(Record):
    """What a character says when asked about something."""

    __pydantic_config__ = STRICT
    about: tuple[str, ...]
    """Words that ask about this topic (`ask zuru about killy`); the first is shown in menus."""
    text: str
    """The answer."""
    when: Condition = None
    """The topic is offered only while this holds."""
    effects: Effects = ()
    """Effects of the answer."""
    priority: int = 0
    """Asked about a word two topics share, the one with the higher priority answers (default 0; equal: the order written)."""


@dataclass(repr=False)
class Gift(Record):
    """How a character takes an item given to them."""

    __pydantic_config__ = STRICT
    text: str
    """Said when the character takes the item."""
    effects: Effects = ()
    """Effects of the gift."""
    warn: str | None = None
    """A point of no return: said before the item is handed over, which the player must then confirm (yes)."""


@dataclass(repr=False)
class Character(Record):
    """A person (or something like one) the player can meet, talk to and travel with."""

    __pydantic_config__ = STRICT
    name: str
    """The character's name."""
    description: str
    """What `examine` says."""
    proper: bool = False
    """A name, not a noun: no article ("Zuru", not "the Zuru")."""
    article: str | None = None
    """The article for a common noun (default: the)."""
    names: tuple[str, ...] = ()
    """More words the player may type for them."""
    here: str | None = None
    """The line shown in a room where they are (default: "NAME is here.")."""
    companion: bool = False
    """May travel with the player (see the join and leave effects)."""
    talk: tuple[Reply, ...] = ()
    """What `talk to` gets; the first reply whose condition holds."""
    topics: tuple[Topic, ...] = ()
    """What `ask ... about ...` gets."""
    gifts: dict[str, Gift] = field(default_factory=dict)
    """How they take items given to them, by item id."""
    variants: tuple[Look, ...] = ()
    """How they look, and their line in the room, once the story has changed them."""
    orders: str | None = None
    """Their answer when the player tells them to do something (zuru, wait)."""


@dataclass(repr=False)
class Outcome(Record):
    """One possible result of an encounter option (the first whose condition holds)."""

    __pydantic_config__ = STRICT
    when: Condition = None
    """The first outcome whose condition holds happens."""
    text: str | None = None
    """Narration."""
    effects: Effects = ()
    """Effects."""
    next: str | None = None
    """The stage that follows."""
    ending: str | None = None
    """The ending reached instead."""


@dataclass(repr=False)
class Option(Record):
    """A choice offered in an encounter stage."""

    __pydantic_config__ = STRICT
    key: str
    """The word the player types to choose it (the number works too)."""
    label: str
    """How the option is shown."""
    names: tuple[str, ...] = ()
    """More words that choose it."""
    when: Condition = None
    """Offered only while this holds."""
    text: str | None = None
    """Narration when chosen."""
    effects: Effects = ()
    """Effects when chosen."""
    next: str | None = None
    """The stage that follows (none, and no ending: the encounter ends)."""
    ending: str | None = None
    """The ending reached."""
    outcomes: tuple[Outcome, ...] = ()
    """Possible results; the first whose condition holds adds its own."""
    warn: str | None = None
    """A point of no return: said when the option is chosen, which the player must then confirm (yes)."""


@dataclass(repr=False)
class Stage(Record):
    """A state of an encounter: text, then options."""

    __pydantic_config__ = STRICT
    text: str
    """Shown when the stage begins."""
    options: tuple[Option, ...]
    """The choices offered."""
    effects: Effects = ()
    """Effects run when the stage begins, after its text."""


@dataclass(repr=False)
class Encounter(Record):
    """A small state machine of stages and choices."""

    __pydantic_config__ = STRICT
    title: str
    """Shown when the encounter starts."""
    start: str
    """The first stage."""
    stages: dict[str, Stage]
    """The stages, by id."""


@dataclass(repr=False)
class Epilogue(Record):
    """A paragraph added to an ending when its condition holds."""

    __pydantic_config__ = STRICT
    text: str
    """A paragraph added to the ending."""
    when: Condition = None
    """Added only while this holds."""


@dataclass(repr=False)
class Ending(Record):
    """How a game can end."""

    __pydantic_config__ = STRICT
    title: str
    """The ending's title."""
    text: str
    """The ending's scene."""
    kind: Literal["death", "failure", "partial", "victory"] = "failure"
    """death, failure, partial or victory."""
    epilogues: tuple[Epilogue, ...] = ()
    """Paragraphs added when their conditions hold."""


@dataclass(repr=False)
class Pursuer(Record):
    """A kind of Safeguard hunter that moves along the room graph."""

    __pydantic_config__ = STRICT
    name: str
    """What they are called (plural: "exterminators")."""
    encounter: str
    """The encounter that starts when they reach the player."""
    approach: str = "Something is coming from the {direction}."
    """Heard from one room away; {direction} becomes the way they come from."""
    arrives: str = "They are here."
    """Said when they enter the player's room."""
    patience: int = 6
    """Turns they search after losing the trail before withdrawing."""


@dataclass(repr=False)
class Watchtower(Record):
    """A Safeguard eye that watches rooms and releases pursuers."""

    __pydantic_config__ = STRICT
    name: str
    """What the player sees ("the Watchtower on the mast")."""
    watches: tuple[str, ...]
    """The rooms it sees."""
    releases: str
    """The pursuer kind it releases."""
    from_: str
    """The room where its pursuers appear (written `from:`)."""
    count: int = 2
    """At most this many of its pursuers out at once."""
    blind_when: Condition = None
    """It sees nothing while this condition holds."""


@dataclass(repr=False)
class Hint(Record):
    """Tiered help for a stuck player, given while its condition holds."""

    __pydantic_config__ = STRICT
    tiers: tuple[str, ...]
    """Each `hint` gives the next: a nudge, a direction, the answer."""
    when: Condition = None
    """This hint is the one given while its condition holds (the first that holds wins)."""
    priority: int = 0
    """Hints are tried by priority, higher first (default 0; equal: the order written, mods after the world)."""


@dataclass(repr=False)
class Milestone(Record):
    """Points for a step of the story, scored once (`score` and `full score` show them)."""

    __pydantic_config__ = STRICT
    points: int
    """What the milestone is worth; the maximum score is the sum of every milestone's points."""
    text: str
    """How `full score` names it, after "for": "charging your spear at the frame"."""
    when: Condition = None
    """Scored as soon as this holds after effects run (none: only a `score:` effect scores it)."""


KINDS: dict[str, type] = {
    "floors": Floor,
    "rooms": Room,
    "items": Item,
    "characters": Character,
    "encounters": Encounter,
    "endings": Ending,
    "pursuers": Pursuer,
    "watchtowers": Watchtower,
    "triggers": Trigger,
    "hints": Hint,
    "milestones": Milestone,
}


@dataclass(repr=False)
class World(Record):
    """The whole validated world. Never changes once loaded."""

    game: GameSettings
    floors: dict[str, Floor]
    rooms: dict[str, Room]
    items: dict[str, Item]
    characters: dict[str, Character]
    encounters: dict[str, Encounter]
    endings: dict[str, Ending]
    pursuers: dict[str, Pursuer]
    watchtowers: dict[str, Watchtower]
    triggers: dict[str, Trigger]
    hints: dict[str, Hint]
    milestones: dict[str, Milestone] = field(default_factory=dict)
    fingerprint: str = ""
    mods: tuple[tuple[str, str], ...] = ()
