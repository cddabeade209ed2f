"""What the engine reports: small typed records that front ends render.

Every event has a snake_case `type` (its class name) for the JSON protocol, and `as_dict()`.
Events are plain dataclasses without generated __repr__/__eq__: each generated method
costs start-up time, and events are compared and shown through `as_dict()`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(repr=False, eq=False)
class Event:
    """Base class: something that happened this turn."""

    @property
    def type(self) -> str:
        return _snake(type(self).__name__)

    def as_dict(self) -> dict[str, Any]:
        return {"type": self.type, **asdict(self)}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({asdict(self)})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and asdict(self) == asdict(other)


@dataclass(repr=False, eq=False)
class Narration(Event):
    """Prose for the player. `style`: narration, speech, warning, system, intro, journal."""

    text: str
    style: str = "narration"


@dataclass(repr=False, eq=False)
class RoomShown(Event):
    """A room's heading and description, with what is visible and the ways out."""

    room: str
    name: str
    floor: str
    text: str
    items: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    exits: list[str] = field(default_factory=list)


@dataclass(repr=False, eq=False)
class RoomEntered(Event):
    """The player arrived in a room (state change; RoomShown carries the prose)."""

    room: str
    floor: str
    first_visit: bool


@dataclass(repr=False, eq=False)
class ItemTaken(Event):
    item: str
    name: str


@dataclass(repr=False, eq=False)
class ItemDropped(Event):
    item: str
    name: str


@dataclass(repr=False, eq=False)
class InventoryChanged(Event):
    """An item arrived in or left the inventory by a story effect."""

    item: str
    name: str
    gained: bool


@dataclass(repr=False, eq=False)
class AlertChanged(Event):
    old: int
    new: int
    reason: str


@dataclass(repr=False, eq=False)
class PursuerMoved(Event):
    """A Safeguard hunter moved; `heard` is the direction it was heard from, if any."""

    kind: str
    room: str
    heard: str | None = None


@dataclass(repr=False, eq=False)
class EncounterStarted(Event):
    encounter: str
    title: str


@dataclass(repr=False, eq=False)
class Choice(Event):
    """The options the player can choose now: (key, label) pairs, numbered from 1."""

    options: list[tuple[str, str]]
    prompt: str = "What do you do?"


@dataclass(repr=False, eq=False)
class EncounterEnded(Event):
    encounter: str


@dataclass(repr=False, eq=False)
class DayPassed(Event):
    """Days went by (`days` of them); `day` is today, `food` the village's days of food left."""

    day: int
    food: int
    days: int = 1


@dataclass(repr=False, eq=False)
class HealthChanged(Event):
    old: int
    new: int


@dataclass(repr=False, eq=False)
class EndingReached(Event):
    ending: str
    title: str
    kind: str
    text: str


@dataclass(repr=False, eq=False)
class Question(Event):
    """The game asks before doing something that cannot be taken back; `answers` end it."""

    text: str
    answers: list[str] = field(default_factory=lambda: ["yes", "no"])


@dataclass(repr=False, eq=False)
class Error(Event):
    """A refusal: the command was not understood or could not be done. Nothing changed."""

    code: str
    message: str


@dataclass(repr=False, eq=False)
class SaveRequested(Event):
    """The front end should write a save named `name` (the engine does no I/O)."""

    name: str


@dataclass(repr=False, eq=False)
class LoadRequested(Event):
    """The front end should read the save `name` and restore it."""

    name: str


@dataclass(repr=False, eq=False)
class ScriptRequested(Event):
    """The front end should write the game so far as a playthrough named `name`."""

    name: str


@dataclass(repr=False, eq=False)
class SavesRequested(Event):
    """The front end should list the saves."""


@dataclass(repr=False, eq=False)
class QuitRequested(Event):
    pass


@dataclass(repr=False, eq=False)
class MapShown(Event):
    """The discovered rooms of the current floor and how they join."""

    floor: str
    rooms: list[dict[str, Any]]
