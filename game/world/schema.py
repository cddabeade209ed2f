"""`city schema`: a JSON Schema for world files, for editors' YAML language servers.

Built from the model (pydantic reads the field docstrings as descriptions), with the parts
pydantic cannot see filled in: room exits written as a bare room id, the `from:` key of
watchtowers, and the condition and effect vocabulary.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from game.world.model import KINDS, GameSettings
from game.world.vocabulary import CONDITIONS, EFFECTS, ID_KINDS

ID_PATTERN = "^[a-z][a-z0-9_]*$"
KIND_HELP = {
    "floors": "Floors of the City, by id.", "rooms": "Places, by id.", "items": "Things to see and carry, by id.",
    "characters": "People and machines to meet, by id.", "encounters": "Small state machines of stages and choices, by id.",
    "endings": "How the game can end, by id.", "pursuers": "Kinds of Safeguard hunters, by id.",
    "watchtowers": "Safeguard eyes that watch rooms, by id.",
    "triggers": "Text and effects that fire when a condition holds, by id.", "hints": "Tiered help for stuck players, by id.",
    "milestones": "Points for steps of the story (the score), by id.",
}


def _arg_schema(kind: Any) -> dict[str, Any]:
    if isinstance(kind, dict):
        return {"type": "object", "additionalProperties": False, "required": list(kind),
                "properties": {k: _arg_schema(v) for k, v in kind.items()}}
    if kind in ID_KINDS:
        return {"type": "string", "pattern": ID_PATTERN, "description": f"The id of a {kind}."}
    simple: dict[str, dict[str, Any]] = {
        "int": {"type": "integer"},
        "probability": {"type": "number", "minimum": 0, "maximum": 1},
        "text": {"type": "string"},
        "name": {"type": "string", "description": "A flag name."},
        "condition": {"$ref": "#/$defs/Condition"},
        "conditions": {"type": "array", "items": {"$ref": "#/$defs/Condition"}},
        "counter": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": {"type": "integer"}},
        "flagset": {"anyOf": [{"type": "string"},
                              {"type": "object", "additionalProperties": {"type": ["string", "integer", "boolean"]}}]},
        "all": {"const": "all"},
    }
    return simple[kind]


def _one_key(table: dict[str, Any], what: str) -> dict[str, Any]:
    return {
        "description": f"A {what}: a mapping with exactly one of these keys.",
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
        "properties": {name: _arg_schema(kind) for name, kind in table.items()},
    }


def _fix(node: Any) -> Any:
    """Point condition and effect fields at the vocabulary; rename from_; allow bare exits."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name in list(props):
                if name in ("when", "blind_when"):
                    props[name] = {**{k: v for k, v in props[name].items() if k == "description"}, "$ref": "#/$defs/Condition"}
                elif name in ("effects", "on_take"):
                    props[name] = {**{k: v for k, v in props[name].items() if k == "description"},
                                   "type": "array", "items": {"$ref": "#/$defs/Effect"}}
                elif name == "exits":
                    props[name]["additionalProperties"] = {"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                                                                     {"$ref": "#/$defs/Exit"}]}
                elif name.endswith("_"):
                    props[name[:-1]] = props.pop(name)
            if "required" in node:
                node["required"] = [r.rstrip("_") for r in node["required"]]
        for value in node.values():
            _fix(value)
    elif isinstance(node, list):
        for value in node:
            _fix(value)
    return node


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one world file."""
    defs: dict[str, Any] = {}

    def ref(cls: type) -> dict[str, Any]:
        schema = TypeAdapter(cls).json_schema(ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[cls.__name__] = schema
        return {"$ref": f"#/$defs/{cls.__name__}"}

    properties: dict[str, Any] = {
        "game": {**ref(GameSettings), "description": "World-wide settings (one game: block per world)."},
    }
    for kind, cls in KINDS.items():
        properties[kind] = {"type": "object", "description": KIND_HELP[kind], "propertyNames": {"pattern": ID_PATTERN},
                            "additionalProperties": ref(cls)}
    properties["remove"] = {"type": "object", "description": "In a mod: entries to remove, by kind.",
                            "additionalProperties": False,
                            "properties": {kind: {"type": "array", "items": {"type": "string"}} for kind in KINDS}}
    defs["Condition"] = {"anyOf": [_one_key(CONDITIONS, "condition"),
                                   {"type": "array", "description": "All of these conditions.",
                                    "items": {"$ref": "#/$defs/Condition"}}]}
    defs["Effect"] = _one_key(EFFECTS, "effect")
    schema: dict[str, Any] = _fix({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://the-city.invalid/world-file.schema.json",
        "title": "THE CITY world file",
        "description": "One YAML file of a world or mod: top-level keys are kinds, each a mapping from ids to entries.",
        "type": "object", "additionalProperties": False, "properties": properties, "$defs": defs,
    })
    return schema
