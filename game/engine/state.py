"""The game state: everything that changes, as plain JSON-ready data."""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from game.engine.phases import EXPLORING

INVENTORY = "@inventory"


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
        was nine tenths of a turn's cost (the undo snapshot takes one every turn)."""
        out: dict[str, Any] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if type(value) is list:
                value = [asdict(v) if type(v) is Pursuit else v for v in value]
            elif type(value) is dict:
                value = {k: (list(v) if type(v) is list else v) for k, v in value.items()}
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "State":
        data = copy.deepcopy(data)
        names = {f.name for f in fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown state fields: {', '.join(sorted(unknown))}")
        data["pursuers"] = [Pursuit(**p) for p in data.get("pursuers", [])]
        return cls(**data)

    def copy(self) -> "State":
        return State.from_dict(self.to_dict())


_FIELDS = tuple(f.name for f in fields(State))
