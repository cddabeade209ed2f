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
STRICT = {"extra": "forbid"}


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
    food_days: int = 30
    starve_ending: str | None = None


@dataclass(repr=False)
class AlertRules(Record):
    """How the Safeguard's alert rises and falls."""

    __pydantic_config__ = STRICT
    max: int = 10
    sighting: int = 3
    release_at: int = 3
    decay_every: int = 4


@dataclass(repr=False)
class GameSettings(Record):
    """World-wide settings: where play starts and the rules of the clock and alert."""

    __pydantic_config__ = STRICT
    title: str
    start: str
    intro: str = ""
    companions: tuple[str, ...] = ()
    health: int = 3
    death_ending: str | None = None
    clock: Clock = field(default_factory=Clock)
    alert: AlertRules = field(default_factory=AlertRules)


@dataclass(repr=False)
class Floor(Record):
    """A floor of the City, between two layers of Megastructure."""

    __pydantic_config__ = STRICT
    name: str
    level: int = 0
    description: str = ""


@dataclass(repr=False)
class Exit(Record):
    """A way out of a room, perhaps conditional."""

    __pydantic_config__ = STRICT
    to: str
    when: Condition = None
    refuse: str | None = None
    text: str | None = None
    hidden: bool = False
    safeguard: bool = True


@dataclass(repr=False)
class Feature(Record):
    """Scenery the player can examine but not take."""

    __pydantic_config__ = STRICT
    text: str
    names: tuple[str, ...] = ()
    when: Condition = None


@dataclass(repr=False)
class Variant(Record):
    """A room's description once the story has changed it."""

    __pydantic_config__ = STRICT
    when: Condition
    description: str | None = None
    brief: str | None = None


@dataclass(repr=False)
class Trigger(Record):
    """Text and effects that fire when a condition holds (once, by default)."""

    __pydantic_config__ = STRICT
    when: Condition = None
    once: bool = True
    text: str | None = None
    effects: Effects = ()


@dataclass(repr=False)
class Room(Record):
    """A place on a floor."""

    __pydantic_config__ = STRICT
    floor: str
    name: str
    description: str
    brief: str | None = None
    variants: tuple[Variant, ...] = ()
    features: dict[str, Feature] = field(default_factory=dict)
    exits: dict[Direction, Exit] = field(default_factory=dict)
    items: tuple[str, ...] = ()
    characters: tuple[str, ...] = ()
    safe: bool = False
    cover: str | None = None
    on_enter: tuple[Trigger, ...] = ()
    remarks: dict[str, str] = field(default_factory=dict)


@dataclass(repr=False)
class Use(Record):
    """What happens when an item is used, alone or on something."""

    __pydantic_config__ = STRICT
    text: str | None = None
    on: str | None = None
    when: Condition = None
    effects: Effects = ()


@dataclass(repr=False)
class Item(Record):
    """Something the player can see, and usually carry."""

    __pydantic_config__ = STRICT
    name: str
    description: str
    article: str | None = None
    names: tuple[str, ...] = ()
    portable: bool = True
    fixed_text: str | None = None
    openable: bool = False
    open_text: str | None = None
    close_text: str | None = None
    on_take: Effects = ()
    uses: tuple[Use, ...] = ()


@dataclass(repr=False)
class Reply(Record):
    """A line a character says when talked to, if its condition holds."""

    __pydantic_config__ = STRICT
    text: str
    when: Condition = None
    effects: Effects = ()


@dataclass(repr=False)
class Topic(Record):
    """What a character says when asked about something."""

    __pydantic_config__ = STRICT
    about: tuple[str, ...]
    text: str
    when: Condition = None
    effects: Effects = ()


@dataclass(repr=False)
class Gift(Record):
    """How a character takes an item given to them."""

    __pydantic_config__ = STRICT
    text: str
    effects: Effects = ()


@dataclass(repr=False)
class Character(Record):
    """A person (or something like one) the player can meet, talk to and travel with."""

    __pydantic_config__ = STRICT
    name: str
    description: str
    proper: bool = False
    article: str | None = None
    names: tuple[str, ...] = ()
    here: str | None = None
    companion: bool = False
    talk: tuple[Reply, ...] = ()
    topics: tuple[Topic, ...] = ()
    gifts: dict[str, Gift] = field(default_factory=dict)


@dataclass(repr=False)
class Outcome(Record):
    """One possible result of an encounter option (the first whose condition holds)."""

    __pydantic_config__ = STRICT
    when: Condition = None
    text: str | None = None
    effects: Effects = ()
    next: str | None = None
    ending: str | None = None


@dataclass(repr=False)
class Option(Record):
    """A choice offered in an encounter stage."""

    __pydantic_config__ = STRICT
    key: str
    label: str
    names: tuple[str, ...] = ()
    when: Condition = None
    text: str | None = None
    effects: Effects = ()
    next: str | None = None
    ending: str | None = None
    outcomes: tuple[Outcome, ...] = ()


@dataclass(repr=False)
class Stage(Record):
    """A state of an encounter: text, then options."""

    __pydantic_config__ = STRICT
    text: str
    options: tuple[Option, ...]


@dataclass(repr=False)
class Encounter(Record):
    """A small state machine of stages and choices."""

    __pydantic_config__ = STRICT
    title: str
    start: str
    stages: dict[str, Stage]


@dataclass(repr=False)
class Epilogue(Record):
    """A paragraph added to an ending when its condition holds."""

    __pydantic_config__ = STRICT
    text: str
    when: Condition = None


@dataclass(repr=False)
class Ending(Record):
    """How a game can end."""

    __pydantic_config__ = STRICT
    title: str
    text: str
    kind: Literal["death", "failure", "partial", "victory"] = "failure"
    epilogues: tuple[Epilogue, ...] = ()


@dataclass(repr=False)
class Pursuer(Record):
    """A kind of Safeguard hunter that moves along the room graph."""

    __pydantic_config__ = STRICT
    name: str
    encounter: str
    approach: str = "Something is coming from the {direction}."
    arrives: str = "They are here."
    patience: int = 6


@dataclass(repr=False)
class Watchtower(Record):
    """A Safeguard eye that watches rooms and releases pursuers."""

    __pydantic_config__ = STRICT
    name: str
    watches: tuple[str, ...]
    releases: str
    from_: str
    count: int = 2
    blind_when: Condition = None


@dataclass(repr=False)
class Hint(Record):
    """Tiered help for a stuck player, given while its condition holds."""

    __pydantic_config__ = STRICT
    tiers: tuple[str, ...]
    when: Condition = None


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
    fingerprint: str = ""
    mods: tuple[tuple[str, str], ...] = ()
