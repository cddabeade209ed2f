"""The condition and effect vocabulary of world files, and the checker for it.

This table is the single list of what YAML may say in `when:` and `effects:`; the engine
(`game.engine.rules`) implements exactly these names, which a unit test holds it to.
Argument kinds: an id kind (`item`, `room`, ...) must name an existing entry; `name`
is a flag name; `int`, `text`, `probability` are values (POSITIVE effects' ints are 1 or
more); `counter` is {NAME: int};
`flagset` is NAME or {NAME: value}; a dict gives sub-fields and their kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from game.world.problems import Pos, Problem, did_you_mean

CONDITIONS: dict[str, Any] = {
    "has": "item",
    "here": "item",
    "flag": "name",
    "at_least": "counter",
    "at_most": "counter",
    "in": "room",
    "on_floor": "floor",
    "with": "character",
    "visited": "room",
    "alert_at_least": "int",
    "alert_at_most": "int",
    "day_at_least": "int",
    "food_at_most": "int",
    "health_at_most": "int",
    "chance": "probability",
    "ambient": "probability",
    "beam_ready": "character",
    "not": "condition",
    "all": "conditions",
    "any": "conditions",
}

EFFECTS: dict[str, Any] = {
    "say": "text",
    "give": "item",
    "take": "item",
    "place": {"item": "item", "room": "room"},
    "set": "flagset",
    "clear": "name",
    "add": "counter",
    "move": "room",
    "join": "character",
    "leave": "character",
    "put": {"character": "character", "room": "room"},
    "alert": "int",
    "noise": "int",
    "spawn": {"pursuer": "pursuer", "room": "room"},
    "dismiss": "all",
    "encounter": "encounter",
    "ending": "ending",
    "hurt": "int",
    "heal": "int",
    "food": "int",
    "days": "int",
    "journal": "text",
    "score": "milestone",
    "fire_beam": "character",
}

CONDITION_HELP: dict[str, str] = {
    "has": "the player carries the item",
    "here": "the item lies in the player's room",
    "flag": "the flag is set (to anything but false or 0)",
    "at_least": "the counter is at least the number: {at_least: {trust: 2}}",
    "at_most": "the counter is at most the number",
    "in": "the player is in the room",
    "on_floor": "the player is on the floor",
    "with": "the character is in the player's room (or travelling with them)",
    "visited": "the player has been in the room",
    "alert_at_least": "the Safeguard's alert is at least N",
    "alert_at_most": "the Safeguard's alert is at most N",
    "day_at_least": "the day is at least N",
    "food_at_most": "the village has at most N days of food",
    "health_at_most": "the player's health is at most N",
    "chance": "the game's seeded random roll is under P (0 to 1)",
    "ambient": "a draw fixed by the seed and the turn is under P; it never moves the story's RNG (two with the same P agree)",
    "beam_ready": "the character's emitter has recovered from its last shot (game.beam.recover)",
    "not": "the condition does not hold",
    "all": "every condition in the list holds (a bare list means the same)",
    "any": "at least one condition in the list holds",
}

EFFECT_HELP: dict[str, str] = {
    "say": "narration",
    "give": "the item goes into the player's inventory (from wherever it was)",
    "take": "the item leaves the player's inventory (and the world)",
    "place": "puts an item in a room: {place: {item: pail, room: well}}",
    "set": "sets a flag: {set: name} or {set: {name: value}}",
    "clear": "clears a flag",
    "add": "adds to a counter: {add: {trust: 1}}",
    "move": "moves the player to the room (companions follow)",
    "join": "a character starts travelling with the player",
    "leave": "a companion stops travelling with the player and stays here",
    "put": "moves a character: {put: {character: tavi, room: commons}}",
    "alert": "changes the Safeguard's alert by N (negative lowers it)",
    "noise": "the alert rises by N and the Safeguard learns where the player is",
    "spawn": "pursuers appear: {spawn: {pursuer: exterminator, room: mast_foot}}",
    "dismiss": "every pursuer withdraws: {dismiss: all}",
    "encounter": "starts the encounter",
    "ending": "ends the game with the ending",
    "hurt": "the player loses N health",
    "heal": "the player regains N health",
    "food": "the village gains N days of food (negative: loses)",
    "days": "N days pass",
    "journal": "adds a line to the journal",
    "score": "scores the milestone's points (once; again does nothing)",
    "fire_beam": "the character fires the emitter: it must recover, the floor's alert rises (game.beam)",
}

ID_KINDS = {
    "item": "items", "room": "rooms", "floor": "floors", "character": "characters",
    "pursuer": "pursuers", "encounter": "encounters", "ending": "endings", "milestone": "milestones",
}

CONDITION_FIELDS = ("when", "blind_when")
EFFECT_FIELDS = ("effects", "on_take")

Report = Callable[[tuple[Any, ...], str], None]


_SCALARS = frozenset({str, int, float, bool, type(None)})  # nothing inside: not walked into
_ROLES: dict[type, tuple[tuple[str, str, int], ...] | None] = {}  # a record class's fields: (name, shown, role)


def _roles(cls: type) -> tuple[tuple[str, str, int], ...] | None:
    """A dataclass's fields as (name, name as shown, 1 condition / 2 effects / 0 walked into),
    worked out once per class (dataclasses.fields per object was most of a large world's check)."""
    if cls not in _ROLES:
        _ROLES[cls] = tuple((f.name, f.name.rstrip("_"), 1 if f.name in CONDITION_FIELDS else 2 if f.name in EFFECT_FIELDS
                             else 0) for f in fields(cls)) if is_dataclass(cls) else None
    return _ROLES[cls]


def rules_in(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
    """Every condition and effects list inside a model object: (kind, rule, path)."""
    roles = _roles(type(value))
    if roles is not None:
        for name, shown, role in roles:
            child = getattr(value, name)
            if role == 1:
                if child is not None:
                    yield "condition", child, (*path, shown)
            elif role == 2:
                yield "effects", child, (*path, shown)
            elif type(child) not in _SCALARS:
                yield from rules_in(child, (*path, shown))
    elif isinstance(value, dict):
        for key, child in value.items():
            if type(child) not in _SCALARS:
                yield from rules_in(child, (*path, key))
    elif isinstance(value, tuple):
        for index, child in enumerate(value):
            if type(child) not in _SCALARS:
                yield from rules_in(child, (*path, index))


Found = list[tuple[str, Any, tuple[Any, ...]]]


class RuleIndex:
    """Each record's conditions and effects, walked once per build: the checks of one
    `validate` (the vocabulary, then what can never happen) each asked for them again,
    a tenth of validating a 20,000-room world."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[Any, Found]] = {}

    def of(self, value: Any) -> Found:
        """`list(rules_in(value))`, from the first time it was asked for this object."""
        hit = self._found.get(id(value))
        if hit is None or hit[0] is not value:
            hit = (value, list(rules_in(value)))
            self._found[id(value)] = hit
        return hit[1]


def leaves(rule: Any, path: tuple[Any, ...], through_not: bool = True) -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
    """The one-key items inside a condition (through all/any, and not unless told) or effects."""
    if isinstance(rule, (list, tuple)):
        for index, part in enumerate(rule):
            yield from leaves(part, (*path, index), through_not)
    elif isinstance(rule, dict) and len(rule) == 1:
        (name, arg), = rule.items()
        yield name, arg, (*path, name)
        if name in ("all", "any") or (name == "not" and through_not):
            yield from leaves(arg, (*path, name), through_not)


class VocabularyChecker:
    """Checks every condition and effect of a world against the vocabulary and the ids."""

    def __init__(self, ids: dict[str, set[str]], removed: dict[tuple[str, str], str] | None = None,
                 index: RuleIndex | None = None) -> None:
        self.ids = ids
        self.removed = removed or {}
        self.index = index

    def walk(self, value: Any, path: tuple[Any, ...], report: Report) -> None:
        """Find the conditions and effects inside a model object and check each."""
        found = self.index.of(value) if self.index is not None and not path else rules_in(value, path)
        for kind, rule, where in found:
            if kind == "condition":
                self.condition(rule, where, report)
            else:
                self.effects(rule, where, report)

    def condition(self, cond: Any, path: tuple[Any, ...], report: Report) -> None:
        if isinstance(cond, list):
            for index, part in enumerate(cond):
                self.condition(part, (*path, index), report)
            return
        self._one(cond, path, report, CONDITIONS, "condition")

    def effects(self, effects: Any, path: tuple[Any, ...], report: Report) -> None:
        if not isinstance(effects, (list, tuple)):
            report(path, "effects must be a list of one-key mappings, e.g. [{set: door_open}, {say: The door gives.}].")
            return
        for index, effect in enumerate(effects):
            self._one(effect, (*path, index), report, EFFECTS, "effect")

    def _one(self, item: Any, path: tuple[Any, ...], report: Report, table: dict[str, Any], what: str) -> None:
        if not isinstance(item, dict) or len(item) != 1:
            report(path, f"a {what} is a mapping with exactly one key, such as {{{next(iter(table))}: ...}}; got {_show(item)}.")
            return
        (name, arg), = item.items()
        if name not in table:
            report(path, f"unknown {what} '{name}'{did_you_mean(name, table)}; the {what}s are: {', '.join(table)}.")
            return
        self._arg(table[name], arg, (*path, name), report, name)

    def _arg(self, kind: Any, arg: Any, path: tuple[Any, ...], report: Report, name: str) -> None:
        if isinstance(kind, dict):
            if not isinstance(arg, dict):
                report(path, f"'{name}' takes a mapping with {', '.join(kind)}; got {_show(arg)}.")
                return
            for key in arg:
                if key not in kind:
                    report((*path, key),
                           f"'{name}' has no field '{key}'{did_you_mean(key, kind)}; its fields are {', '.join(kind)}.")
            for key, sub in kind.items():
                if key not in arg:
                    report(path, f"'{name}' needs '{key}'.")
                else:
                    self._arg(sub, arg[key], (*path, key), report, f"{name}.{key}")
            return
        if kind in ID_KINDS:
            plural = ID_KINDS[kind]
            if not isinstance(arg, str):
                report(path, f"'{name}' takes the id of a {kind}; got {_show(arg)}.")
            elif arg not in self.ids.get(plural, set()):
                gone = self.removed.get((plural, arg))
                if gone:
                    report(path, f"'{name}' names {kind} '{arg}', but {gone}; change or remove this.")
                else:
                    hint = did_you_mean(arg, self.ids.get(plural, set()))
                    report(path, f"'{name}' names {kind} '{arg}', which does not exist{hint}.")
        elif kind == "condition":
            self.condition(arg, path, report)
        elif kind == "conditions":
            if not isinstance(arg, list):
                report(path, f"'{name}' takes a list of conditions.")
            else:
                self.condition(arg, path, report)
        elif kind == "int":
            if not isinstance(arg, int) or isinstance(arg, bool):
                report(path, f"'{name}' takes a whole number; got {_show(arg)}.")
            elif name in POSITIVE and arg < 1:
                report(path, f"'{name}' takes a whole number of 1 or more; got {arg}{_COUNT_HINTS.get(name, '')}.")
        elif kind == "probability":
            if not isinstance(arg, (int, float)) or isinstance(arg, bool) or not 0 <= arg <= 1:
                report(path, f"'{name}' takes a probability between 0 and 1; got {_show(arg)}.")
        elif kind in ("text", "name"):
            if not isinstance(arg, str) or not arg:
                report(path, f"'{name}' takes {'text' if kind == 'text' else 'a flag name'}; got {_show(arg)}.")
        elif kind == "counter":
            if not (isinstance(arg, dict) and len(arg) == 1
                    and all(isinstance(v, int) and not isinstance(v, bool) for v in arg.values())):
                report(path, f"'{name}' takes one flag and a number, e.g. {{{name}: {{trust: 2}}}}; got {_show(arg)}.")
        elif kind == "flagset":
            if isinstance(arg, str) and arg:
                return
            if not (isinstance(arg, dict) and arg and all(isinstance(v, (str, int, bool)) for v in arg.values())):
                report(path, f"'{name}' takes a flag name or {{flag: value}}; got {_show(arg)}.")
        elif kind == "all" and arg not in ("all", True):
            report(path, f"'{name}' takes 'all'; got {_show(arg)}.")


POSITIVE = ("hurt", "heal", "days")
"""Effects whose number must be 1 or more: `{heal: -5}` is a mistake, not a wound."""

_COUNT_HINTS = {
    "heal": " (to take health away, use hurt:)",
    "hurt": " (to give health back, use heal:)",
    "days": " (days only pass forward)",
}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problem_at(at: Callable[[tuple[Any, ...]], Pos], problems: list[Problem]) -> Report:
    """A report function that records problems at the positions `at` gives."""

    def report(path: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(at(path), message))

    return report
