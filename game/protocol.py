"""The JSON-lines protocol of `city play --json`: its objects, its version and its JSON Schema.

One object per line out: the opening first, then one for each line read. Every object has
`version` (this protocol's, `VERSION`), `turn`, `input`, `text` (the plain rendering),
`events` (each with a snake_case `type`; a refusal is `{"type": "error", "code", "message"}`),
`state`, `commands` (what makes sense now, each understood if sent back; topics already heard
are left out), `score`, `max_score`, `won`, `lost` and `hash` (the world state hash of
`game.env`: a command that leaves it unchanged changed nothing that matters).

Lines that begin with `/` and name one of these are for the protocol, not the game:

    /snapshot NAME   keep the game's exact state under NAME (in this process only)
    /restore NAME    go back to it exactly (RNG and undo history included)
    /snapshots       the names kept so far
    /valid           the offered commands that would change the world (tried on a copy);
                     the answer's `valid` field holds them

`python -m game.protocol` prints the JSON Schema (docs/protocol.schema.json is the same).
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.textview import render

if TYPE_CHECKING:
    from game.engine.state import State
    from game.session import Session

VERSION = 2  # 1 was the protocol before it carried a version, score, hash and snapshots
META = ("snapshot", "restore", "snapshots", "valid")


@dataclass
class Channel:
    """What the protocol keeps for one session: named snapshots, and the topics heard."""

    snapshots: dict[str, tuple[State, tuple[State, ...], tuple[State, ...], frozenset[str]]] = field(default_factory=dict)
    heard: set[str] = field(default_factory=set)


_CHANNELS: weakref.WeakKeyDictionary[Session, Channel] = weakref.WeakKeyDictionary()


def channel(session: Session) -> Channel:
    found = _CHANNELS.get(session)
    if found is None:
        found = _CHANNELS[session] = Channel()
    return found


def make_object(session: Session, turn: int, text: str | None, events: list[ev.Event] | list[dict[str, Any]],
                **extra: Any) -> dict[str, Any]:
    """The protocol's object for one answer (events as records or as their dicts)."""
    from game.engine.offers import heard_in, offers
    from game.engine.score import max_score, score
    from game.env import world_state_hash

    game = session.game
    world = session.world
    records = [e for e in events if isinstance(e, ev.Event)]
    heard = channel(session).heard
    heard |= heard_in(world, records)
    s = game.state
    kind = world.endings[s.ending].kind if s.ending is not None else None
    said = extra.pop("said", None)
    return {
        "version": VERSION,
        "turn": turn,
        "input": text,
        "text": said if said is not None else render(records, width=None),
        "events": [e.as_dict() if isinstance(e, ev.Event) else e for e in events],
        "state": session.state_summary(),
        "commands": offers(game, heard),
        "score": score(world, s),
        "max_score": max_score(world),
        "won": kind == "victory",
        "lost": kind in ("death", "failure"),
        "hash": world_state_hash(game),
        **extra,
    }


def dumps(obj: dict[str, Any]) -> str:
    """One line of the protocol: JSON, strict UTF-8 whatever the text held."""
    line = json.dumps(obj, ensure_ascii=False)
    return line.encode("utf-8", "replace").decode("utf-8")


def answer(session: Session, turn: int, text: str) -> dict[str, Any]:
    """The object for one line read: a protocol command's answer, or the game's."""
    words = text.split()
    if words and words[0].startswith("/") and words[0][1:].lower() in META:
        return _meta(session, turn, text, words[0][1:].lower(), " ".join(words[1:]))
    return make_object(session, turn, text, session.send(text))


def _meta(session: Session, turn: int, text: str, verb: str, name: str) -> dict[str, Any]:
    game = session.game
    ch = channel(session)
    if verb == "snapshots":
        names = sorted(ch.snapshots)
        said = f"Snapshots: {', '.join(names)}." if names else "No snapshots yet. Send /snapshot NAME to keep one."
        return make_object(session, turn, text, [{"type": "snapshots", "names": names}], said=said)
    if verb == "valid":
        from game.engine.offers import offers
        from game.env import valid_commands

        valid = valid_commands(game, offers(game, ch.heard))
        said = "Commands that would change the world: " + (", ".join(valid) or "none") + "."
        return make_object(session, turn, text, [{"type": "valid_actions", "commands": valid}], said=said, valid=valid)
    if not name:
        error = {"type": "error", "code": "missing_name", "message": f"/{verb} needs a name: /{verb} NAME."}
        return make_object(session, turn, text, [error], said=error["message"])
    if verb == "snapshot":
        ch.snapshots[name] = (game.state.copy(), tuple(s.copy() for s in game.undo_stack),
                              tuple(s.copy() for s in game.redo_stack), frozenset(ch.heard))
        return make_object(session, turn, text, [{"type": "snapshot_taken", "name": name}],
                           said=f"Snapshot '{name}' kept.")
    kept = ch.snapshots.get(name)
    if kept is None:
        error = {"type": "error", "code": "no_snapshot", "message": f"There is no snapshot called '{name}'."}
        return make_object(session, turn, text, [error], said=error["message"])
    state, undo, redo, heard = kept
    game.restore(state)
    game.undo_stack = [s.copy() for s in undo]
    game.redo_stack = [s.copy() for s in redo]
    ch.heard = set(heard)
    where = game.situation()
    said = f"Snapshot '{name}' restored.\n\n" + render(where, width=None)
    return make_object(session, turn, text, [{"type": "snapshot_restored", "name": name}, *(e.as_dict() for e in where)],
                       said=said)


def _event_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}},
        "if": {"properties": {"type": {"const": "error"}}},
        "then": {"required": ["type", "code", "message"],
                 "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
    }


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every object of the protocol satisfies."""
    text_or_null = {"type": ["string", "null"]}
    strings = {"type": "array", "items": {"type": "string"}}
    state = {
        "type": "object",
        "description": "Where the game stands.",
        "required": ["phase", "floor", "room", "room_name", "inventory", "companions", "alert", "health", "day", "food",
                     "hidden", "encounter", "ending", "ending_kind", "moves", "flags", "journal", "dialogue", "score"],
        "properties": {
            "phase": {"enum": ["exploring", "encounter", "dialogue", "ended"]},
            "floor": {"type": "string"}, "room": {"type": "string"}, "room_name": {"type": "string"},
            "inventory": strings, "companions": strings,
            "alert": {"type": "integer", "minimum": 0}, "health": {"type": "integer", "minimum": 0},
            "day": {"type": "integer", "minimum": 1}, "food": {"type": "integer", "minimum": 0},
            "hidden": {"type": "boolean"}, "encounter": text_or_null, "ending": text_or_null,
            "ending_kind": {"enum": [None, "death", "failure", "partial", "victory"]},
            "moves": {"type": "integer", "minimum": 0},
            "flags": {"type": "object", "description": "The story's flags and counters, by name."},
            "journal": strings,
            "dialogue": {**text_or_null, "description": "Who the player is in conversation with (a character id)."},
            "score": {"type": "integer"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://the-city.invalid/protocol.schema.json",
        "title": "THE CITY JSON-lines protocol",
        "description": "One object per line of `city play --json`: the opening, then one per line read.",
        "type": "object",
        "required": ["version", "turn", "input", "text", "events", "state", "commands", "score", "max_score", "won",
                     "lost", "hash"],
        "properties": {
            "version": {"const": VERSION},
            "turn": {"type": "integer", "minimum": 0, "description": "0 for the opening, then 1, 2, ... per line read."},
            "input": {**text_or_null, "description": "The line read (null for the opening)."},
            "text": {"type": "string", "description": "What plain mode prints, unwrapped."},
            "events": {"type": "array", "items": _event_schema()},
            "state": state,
            "commands": {**strings, "description": "Commands that make sense now; each is understood if sent back."},
            "score": {"type": "integer"}, "max_score": {"type": "integer", "minimum": 0},
            "won": {"type": "boolean"}, "lost": {"type": "boolean"},
            "hash": {"type": "string", "pattern": "^[0-9a-f]{32}$", "description": "The world state hash (game.env)."},
            "valid": {**strings, "description": "Only in the answer to /valid: the commands that change the world."},
        },
        "additionalProperties": False,
    }


def main() -> int:
    import sys

    sys.stdout.write(json.dumps(schema(), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
