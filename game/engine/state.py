"""The game state: everything that changes, as plain JSON-ready data.

`copy()` is an exact, independent copy (RNG included) made by hand, because undo, `city
check` and agents copy states thousands of times a second; `state_hash()` names a state:
equal states give equal hashes in any process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

from game.engine.phases import EXPLORING

INVENTORY = "@inventory"
# An item inside or on something is at "in:<holder>" or "on:<holder>"; a holder is an item's
# id, or "<room>/<feature>" for scenery.


def how_held(holds: object) -> str | None:
    """'in' or 'on' from a world's `holds:` (YAML 1.1 reads a bare `on` as true), or None."""
    if holds is True or holds == "on":
        return "on"
    return "in" if holds == "in" else None


def holder_key(kind: str, ident: str, room: str) -> str:
    """How an item or a feature is named as a place things are put in or on."""
    return ident if kind == "item" else f"{room}/{ident}"


@dataclass
class Pursuit:
    """One Safeguard hunter on the move."""

    kind: str
    room: str
    tower: str | None = None
    patience: int = 6


@dataclass
class State:
    """All that differs between two games of the same world. Serialises to JSON."""

    seed: int
    rng: int
    room: str
    health: int
    food: int
    phase: str = EXPLORING
    moves: int = 0
    time: int = 0
    items: dict[str, str] = field(default_factory=dict)
    characters: dict[str, str] = field(default_factory=dict)
    companions: list[str] = field(default_factory=list)
    flags: dict[str, Any] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    came_from: str | None = None  # the room the player was in before this one (`back`)
    alert: int = 0
    unseen: int = 0
    hidden: bool = False
    known: str | None = None
    pursuers: list[Pursuit] = field(default_factory=list)
    encounter: str | None = None
    stage: str | None = None
    encounter_pursuer: str | None = None
    dialogue: str | None = None
    ending: str | None = None
    fired: list[str] = field(default_factory=list)
    journal: list[str] = field(default_factory=list)
    hint_tiers: dict[str, int] = field(default_factory=dict)
    verbose: bool = False
    it: list[str] = field(default_factory=list)
    pending: dict[str, Any] | None = None
    last_command: str | None = None
    last_unknown: str | None = None
    last_failed: str | None = None
    last_typed: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy. Hand-written: dataclasses.asdict deep-copies every string and
        was nine tenths of a turn's cost."""
        out: dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if name in _PLACES:
                value = value.copy()  # names to places, all strings: copied whole (they hold every item of the world)
            elif type(value) is list:
                value = [v.__dict__.copy() if type(v) is Pursuit else v for v in value]  # flat: asdict's deep copy is slow
            elif type(value) is dict:
                value = {k: (list(v) if type(v) is list else v) for k, v in value.items()}
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> State:
        """A State from `to_dict()` data (TypeError or ValueError if it has the wrong shape)."""
        unknown = set(data) - set(_FIELDS)
        if unknown:
            raise ValueError(f"unknown state fields: {', '.join(sorted(unknown))}")
        data = json.loads(json.dumps(data))  # an independent copy of plain data
        data["pursuers"] = [Pursuit(**p) for p in data.get("pursuers", [])]
        return cls(**data)

    def copy(self) -> State:
        """An exact, independent copy: containers are copied, strings and numbers shared."""
        new = State.__new__(State)
        d = self.__dict__.copy()
        for name in _DICTS:
            d[name] = d[name].copy()
        for name in _LISTS:
            d[name] = d[name].copy()
        d["pursuers"] = [Pursuit(p.kind, p.room, p.tower, p.patience) for p in self.pursuers]
        pending = self.pending
        if pending is not None:
            d["pending"] = {k: (list(v) if type(v) is list else v) for k, v in pending.items()}
        new.__dict__ = d
        return new

    def state_hash(self) -> str:
        """A name for this state: equal states, equal hashes, in any process."""
        import hashlib  # not needed to start a game

        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.blake2b(text.encode("ascii"), digest_size=16).hexdigest()


_FIELDS = tuple(f.name for f in fields(State))
_DICTS = ("items", "characters", "flags", "hint_tiers")
_PLACES = frozenset({"items", "characters"})  # id -> place, strings only
_LISTS = ("companions", "visited", "fired", "journal", "it")
