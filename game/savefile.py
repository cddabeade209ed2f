"""A save's whole shape, checked against the running world before it replaces anything.

A save file is data a user can edit, truncate or download, so nothing in it is trusted:
`check_payload` checks every part (format, mods, the command log, the state and each state
of the undo history) and returns what to hand to `Game.load_data`, or raises `SaveError`
with a sentence saying what is wrong. It checks:

- the shape: each field of the game state against its declared type (read from the
  engine's `State` dataclass, so a field added there is checked too), strings and lists
  bounded, numbers bounded, flags plain values, nothing nested deeper than a flag can be;
- the content against this world: every room, item, character, encounter, stage,
  ending, pursuer, watchtower and hint the state names exists; health and alert lie in
  the world's ranges;
- what the engine keeps between commands: an open question (`pending`) is dropped, since
  a question the player cannot see must not be answered by their next word.

Saves are keyed on content, not bytes: a save from a world whose files changed loads when
everything it names is still there, with a note; a save from another set of mods, or whose
state does not fit, is refused with the reason.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass, field
from typing import Any, Union, get_args, get_origin, get_type_hints

from game.engine.saved import checked_state, expanded_state
from game.engine.state import State
from game.world.model import World

MAX_TEXT = 2_000  # characters of one string in a state (a journal line, a flag, a command)
MAX_LIST = 10_000  # entries of one list or mapping in a state
MAX_INT = 2**64  # numbers in a state are below this in size (the RNG state is 64 bits)
MAX_COUNT = 10**9  # moves, time, food: anything larger is not a game anyone played
MAX_COMMANDS = 5_000  # commands kept in a save's log
MAX_COMMAND = 500  # characters of one logged command (what the game reads of a line)
MAX_HISTORY = 200  # states of undo or redo history


class SaveError(Exception):
    """A save could not be written or read; the message says why and what to do."""


@dataclass
class Checked:
    """A save as it will be loaded: states (as data) the engine can take, and notes for the player."""

    state: dict[str, Any]
    undo: list[dict[str, Any]]
    redo: list[dict[str, Any]]
    commands: list[str]
    notes: list[str] = field(default_factory=list)


class _Bad(Exception):
    """One part of a state does not fit; the message names it."""


# -- shapes: a value against a declared type ---------------------------------------------------

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _plain(value: Any, where: str) -> None:
    """A flag's value: a string, a number, true/false or nothing (no lists, no mappings)."""
    if value is None or type(value) is bool:
        return
    if type(value) is int:
        if abs(value) >= MAX_INT:
            raise _Bad(f"{where} is out of range")
        return
    if type(value) is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise _Bad(f"{where} is not a number")
        return
    if type(value) is str:
        if len(value) > MAX_TEXT:
            raise _Bad(f"{where} is too long")
        return
    raise _Bad(f"{where} is a {_kind(value)}, not a plain value")


def _kind(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "text", int: "number", float: "number", bool: "true/false",
            type(None): "null"}.get(type(value), type(value).__name__)


def _shape(value: Any, tp: Any, where: str) -> Any:
    """`value` if it has the declared type `tp` (JSON data: lists for lists, mappings for
    dataclasses), else _Bad naming `where`. Returns the value (dataclasses as checked dicts)."""
    if tp is Any or tp is object:
        _plain(value, where)
        return value
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        problems = []
        for option in get_args(tp):
            try:
                return _shape(value, option, where)
            except _Bad as bad:
                problems.append(str(bad))
        raise _Bad(problems[0] if len(problems) == 1 else f"{where} is a {_kind(value)} of the wrong kind")
    if tp is type(None):
        if value is not None:
            raise _Bad(f"{where} should be empty (null), not a {_kind(value)}")
        return value
    if tp is bool:
        if type(value) is not bool:
            raise _Bad(f"{where} should be true or false, not a {_kind(value)}")
        return value
    if tp is int:
        if type(value) is not int:
            raise _Bad(f"{where} should be a whole number, not a {_kind(value)}")
        if abs(value) >= MAX_INT:
            raise _Bad(f"{where} is out of range")
        return value
    if tp is float:
        if type(value) not in (int, float):
            raise _Bad(f"{where} should be a number, not a {_kind(value)}")
        return value
    if tp is str:
        if type(value) is not str:
            raise _Bad(f"{where} should be text, not a {_kind(value)}")
        if len(value) > MAX_TEXT:
            raise _Bad(f"{where} is too long ({len(value):,} characters)")
        return value
    if origin is list or origin is tuple:
        if type(value) is not list:
            raise _Bad(f"{where} should be a list, not a {_kind(value)}")
        if len(value) > MAX_LIST:
            raise _Bad(f"{where} has too many entries")
        (inner, *_) = get_args(tp) or (Any,)
        return [_shape(v, inner, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if type(value) is not dict:
            raise _Bad(f"{where} should be a mapping, not a {_kind(value)}")
        if len(value) > MAX_LIST:
            raise _Bad(f"{where} has too many entries")
        key_tp, value_tp = get_args(tp) or (str, Any)
        return {_shape(k, key_tp, f"a key of {where}"): _shape(v, value_tp, f"{where}[{k!r}]") for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record(value, tp, where)
    raise _Bad(f"{where} has a type this version cannot check")  # a new kind of field: refuse rather than guess


def _record(value: Any, cls: type, where: str) -> dict[str, Any]:
    """A dataclass as saved data: a mapping with its fields (defaults may be left out)."""
    if type(value) is not dict:
        raise _Bad(f"{where} should be a mapping, not a {_kind(value)}")
    known = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(str(k) for k in value if k not in known)
    if unknown:
        raise _Bad(f"{where} has fields this version of the game does not know ({', '.join(unknown[:5])})")
    hints = _hints(cls)
    out = {}
    for name, spec in known.items():
        if name not in value:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise _Bad(f"{where} lacks its '{name}'")
            continue
        out[name] = _shape(value[name], hints[name], f"{where}.{name}" if where != "the state" else name)
    return out


# -- content: what the state names, against this world ----------------------------------------

def _in(world_table: Any, value: Any, what: str, problems: list[str]) -> None:
    if value is not None and value not in world_table:
        problems.append(f"{what} {value!r}")


def _content(s: dict[str, Any], world: World) -> list[str]:
    """What in a shape-checked state does not exist in this world (empty if it all does)."""
    problems: list[str] = []
    g = world.game
    _in(world.rooms, s.get("room"), "room", problems)
    _in(world.rooms, s.get("known"), "the room the Safeguard knows,", problems)
    _in(world.rooms, s.get("came_from"), "the room you came from,", problems)
    _in(world.endings, s.get("ending"), "ending", problems)
    _in(world.characters, s.get("dialogue"), "conversation with", problems)
    _in(world.pursuers, s.get("encounter_pursuer"), "pursuer", problems)
    encounter = s.get("encounter")
    _in(world.encounters, encounter, "encounter", problems)
    stage = s.get("stage")
    if stage is not None and (encounter not in world.encounters or stage not in world.encounters[encounter].stages):
        problems.append(f"encounter stage {stage!r}")
    for item, place in (s.get("items") or {}).items():
        _in(world.items, item, "item", problems)
        if not isinstance(place, str) or not place:
            problems.append(f"the place of item {item!r}")
    for who, room in (s.get("characters") or {}).items():
        _in(world.characters, who, "character", problems)
        _in(world.rooms, room, "room", problems)
    for who in s.get("companions") or []:
        _in(world.characters, who, "companion", problems)
    for room in s.get("visited") or []:
        _in(world.rooms, room, "visited room", problems)
    for hunter in s.get("pursuers") or []:
        _in(world.pursuers, hunter.get("kind"), "pursuer", problems)
        _in(world.rooms, hunter.get("room"), "room", problems)
        _in(world.watchtowers, hunter.get("tower"), "watchtower", problems)
        if not 0 <= hunter.get("patience", 0) <= MAX_COUNT:
            problems.append(f"a pursuer's patience {hunter.get('patience')!r}")
    if "health" in s and not 0 <= s["health"] <= g.health:
        problems.append(f"health {s['health']} (this world's is 0 to {g.health})")
    if "alert" in s and not 0 <= s["alert"] <= g.alert.max:
        problems.append(f"alert {s['alert']} (this world's is 0 to {g.alert.max})")
    for name in ("food", "moves", "time", "unseen"):
        if name in s and not 0 <= s[name] <= MAX_COUNT:
            problems.append(f"{name} {s[name]}")
    if "rng" in s and not 0 <= s["rng"] < 2**64:
        problems.append("the random number state")
    for hint, tier in (s.get("hint_tiers") or {}).items():
        if hint in world.hints and not 0 <= tier <= len(world.hints[hint].tiers):
            problems.append(f"hint {hint!r} at tier {tier}")
    for ref in s.get("it") or []:
        kind, _, ident = ref.partition(":")
        if not kind or not ident:
            problems.append(f"what 'it' means ({ref!r})")
    return problems


def _typed_lines(s: dict[str, Any]) -> list[str]:
    """Strings the engine takes as typed commands: no control characters, no longer than a line."""
    bad = []
    for name in ("last_command", "last_unknown", "last_failed", "last_typed"):
        text = s.get(name)
        if isinstance(text, str) and (len(text) > MAX_COMMAND or any(ord(c) < 32 or ord(c) == 127 for c in text)):
            bad.append(name)
    return bad


def check_state(data: Any, world: World, what: str = "the state") -> dict[str, Any]:
    """A saved state as data the engine can load (open question dropped), or SaveError."""
    data = expanded_state(data, world)  # places saved as changes from the world's (format 3), read back in full
    if type(data) is dict and "pending" in data:  # see the module's docstring: never answered invisibly
        data = {**data, "pending": None}
    try:
        state = _record(data, State, "the state")
    except _Bad as bad:
        raise SaveError(f"{what} is damaged: {bad}") from None
    except RecursionError:
        raise SaveError(f"{what} is damaged: it nests too deeply") from None
    try:  # the engine's own check first: it knows best where things may be
        checked_state(world, state)
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        why = str(err).removeprefix("these parts do not match this world: ")
        raise SaveError(f"{what} does not fit this world: {why}") from None
    problems = _content(state, world)
    if problems:
        raise SaveError(f"{what} names what this world does not have: {', '.join(problems[:6])}"
                        + (f" and {len(problems) - 6} more" if len(problems) > 6 else ""))
    lines = _typed_lines(state)
    if lines:
        raise SaveError(f"{what} is damaged: {', '.join(lines)} is not a command line")
    return state


# -- the whole file ---------------------------------------------------------------------------

def _pairs(value: Any) -> list[tuple[str, str]] | None:
    if type(value) is not list or len(value) > 100:
        return None
    out = []
    for pair in value:
        if type(pair) is not list or len(pair) != 2 or not all(type(x) is str and 0 < len(x) <= 200 for x in pair):
            return None
        out.append((pair[0], pair[1]))
    return out


def check_payload(data: dict[str, Any], world: World, name: str) -> Checked:
    """A migrated save's contents checked against `world`: what to load, or SaveError why not."""
    ours = list(world.mods)
    theirs = _pairs(data.get("mods", []))
    if theirs is None:
        raise SaveError(f"'{name}' is damaged (its list of mods is not pairs of names and versions); it was left as it is.")
    if sorted(m for m, _ in theirs) != sorted(m for m, _ in ours):  # a new version may load in another order
        said = ", ".join(f"{m} {v}" for m, v in theirs) or "no mods"
        runs = ", ".join(f"{m} {v}" for m, v in ours) or "no mods"
        raise SaveError(f"'{name}' was saved with {said}; this game runs {runs}. Start the game with the same mods "
                        "to load it (--mod adds one; city mods enable turns on one of the mods folder's).")
    for key in ("undo", "redo", "commands"):
        if type(data.get(key)) is not list:
            raise SaveError(f"'{name}' is damaged ('{key}' is not a list); it was left as it is.")
    state = check_state(data.get("state"), world, f"'{name}'")
    notes = []
    undo: list[dict[str, Any]] = []
    redo: list[dict[str, Any]] = []
    try:
        undo = [check_state(s, world) for s in data["undo"][-MAX_HISTORY:]]
        redo = [check_state(s, world) for s in data["redo"][-MAX_HISTORY:]]
    except SaveError:
        undo, redo = [], []
        notes.append("Its undo history does not fit this world, so it starts afresh from here.")
    if data.get("world") != world.fingerprint or sorted(theirs) != sorted(ours):
        notes.insert(0, _changed(theirs, ours))
    commands = [c[:MAX_COMMAND] for c in data["commands"] if type(c) is str][-MAX_COMMANDS:]
    return Checked(state, undo, redo, commands, notes)


def _changed(theirs: list[tuple[str, str]], ours: list[tuple[str, str]]) -> str:
    """The note for a save whose world changed but still fits: which mods changed version, if any.

    A mod's new version is no reason to refuse a save (what the save names was checked above)."""
    now = dict(ours)
    bumped = [f"mod {m} {v} is now {now[m]}" for m, v in theirs if now.get(m, v) != v]
    what = f" ({', '.join(bumped)})" if bumped else ""
    return (f"The world's files have changed since this game was saved{what}; everything it names is still here, "
            "so it was loaded, but some places and things may read differently.")
