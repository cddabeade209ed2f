"""`city schema`: JSON Schemas for world files and mod manifests, for editors' YAML language servers.

The world-file schema accepts what the loader accepts in any one file, base or mod: an
entry may be complete (a new id) or only the fields it changes (an existing id, or one
written across several files), so no field of an entry is required; `key: ~` takes a
field away; a list field may be a plain list (it replaces) or a patch mapping (`remove`,
`edit`, `before`, `after`, `prepend`, `extend`); any entry may start from another with
`copy_from`. Elements written whole (a replacing list, `extend`, `before`...) are complete
records, and their required fields are required. Whether an id exists, or whether a merged
entry ends up complete, only `city validate` can tell.

The schemas are draft-07: yaml-language-server (VS Code's YAML extension and the editors
that share it) validates draft-07 and below. They are built from the model (pydantic reads
the field docstrings as descriptions), with the parts pydantic cannot see filled in: room
exits written as a bare room id, the `from:` key of watchtowers, and the condition and
effect vocabulary.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import TypeAdapter

from game.world.model import KINDS, GameSettings
from game.world.vocabulary import CONDITIONS, EFFECTS, ID_KINDS, POSITIVE

DRAFT = "http://json-schema.org/draft-07/schema#"
ID_PATTERN = "^[a-z][a-z0-9_]*$"
MOD_ID_PATTERN = "^[A-Za-z][A-Za-z0-9._-]*$"  # as pip names are written; normalised to ID_PATTERN on load
DEFS = "#/definitions/"
PATCH = "Patch"  # a record's definition with nothing required and every field removable: `Room` -> `RoomPatch`
WORLD_FILE = "city-world.schema.json"  # what `city new-mod` and `city schema --write` name the files
MANIFEST_FILE = "city-mod.schema.json"
KIND_HELP = {
    "floors": "Floors of the City, by id.", "rooms": "Places, by id.", "items": "Things to see and carry, by id.",
    "characters": "People and machines to meet, by id.", "encounters": "Small state machines of stages and choices, by id.",
    "endings": "How the game can end, by id.", "pursuers": "Kinds of Safeguard hunters, by id.",
    "watchtowers": "Safeguard eyes that watch rooms, by id.",
    "triggers": "Text and effects that fire when a condition holds, by id.", "hints": "Tiered help for stuck players, by id.",
    "milestones": "Points for steps of the story (the score), by id.",
}
NULL = {"type": "null"}
BOOL_WORDS = {"type": "string",
              "pattern": "^([Yy]([Ee][Ss])?|[Nn][Oo]?|[Tt]([Rr][Uu][Ee])?|[Ff]([Aa][Ll][Ss][Ee])?|[Oo]([Nn]|[Ff][Ff])|[01])$",
              "description": "A word for true or false (yes, no, on, off, true, false...): YAML 1.1's, as the game reads them."}
INT_TEXT = {"type": "string", "pattern": "^\\s*[+-]?[0-9]+(_[0-9]+)*(\\.0*)?\\s*$",
            "description": "A whole number written as text."}
RECORDS = "_records"  # while building: the names of the model's records among the definitions


def _arg_schema(kind: Any, name: str = "") -> dict[str, Any]:
    """An argument of the vocabulary as `VocabularyChecker` takes it (non-empty text, counts of 1 or more...)."""
    if isinstance(kind, dict):
        return {"type": "object", "additionalProperties": False, "required": list(kind),
                "properties": {k: _arg_schema(v) for k, v in kind.items()}}
    if kind in ID_KINDS:
        return {"type": "string", "pattern": ID_PATTERN, "description": f"The id of a {kind}."}
    simple: dict[str, dict[str, Any]] = {
        "int": {"type": "integer", **({"minimum": 1} if name in POSITIVE else {})},
        "probability": {"type": "number", "minimum": 0, "maximum": 1},
        "text": {"type": "string", "minLength": 1},
        "name": {"type": "string", "minLength": 1, "description": "A flag name."},
        "condition": {"$ref": DEFS + "Condition"},
        "conditions": {"type": "array", "items": {"$ref": DEFS + "Condition"}},
        "counter": {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": {"type": "integer"}},
        "flagset": {"anyOf": [{"type": "string", "minLength": 1},
                              {"type": "object", "minProperties": 1,
                               "additionalProperties": {"type": ["string", "integer", "boolean"]}}]},
        "all": {"enum": ["all", True]},
    }
    return simple[kind]


def _one_key(table: dict[str, Any], what: str) -> dict[str, Any]:
    return {
        "description": f"A {what}: a mapping with exactly one of these keys.",
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
        "properties": {name: _arg_schema(kind, name) for name, kind in table.items()},
    }


def _described(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k == "description"}


def _fix(node: Any) -> Any:
    """Point condition and effect fields at the vocabulary; rename from_; allow bare exits.

    A condition field may be null (the loader reads `when: ~` as "always")."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name in list(props):
                if name in ("when", "blind_when"):
                    props[name] = {**_described(props[name]), "anyOf": [{"$ref": DEFS + "Condition"}, NULL]}
                elif name in ("effects", "on_take"):
                    props[name] = {**_described(props[name]), "type": "array", "items": {"$ref": DEFS + "Effect"}}
                elif name == "exits":
                    props[name]["additionalProperties"] = {"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                                                                     {"$ref": DEFS + "Exit"}]}
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


def _lax(node: Any) -> Any:
    """Widen true/false and whole-number fields of the model to what the loader takes for them
    (pydantic's lax mode): `portable: no`, which an editor reading YAML 1.2 sees as the word
    "no" and the game as false, and a number in quotes. Not for the vocabulary, whose checker
    takes only real numbers."""
    if isinstance(node, list):
        return [_lax(value) for value in node]
    if not isinstance(node, dict):
        return node
    node = {key: _lax(value) for key, value in node.items()}
    if node.get("type") == "boolean":
        rest = {k: v for k, v in node.items() if k != "type"}
        return {**rest, "anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, BOOL_WORDS]}
    if node.get("type") == "integer":
        bounds = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
        rest = {k: v for k, v in node.items() if k != "type" and k not in bounds}
        return {**rest, "anyOf": [{"type": "integer", **{k: node[k] for k in bounds if k in node}}, INT_TEXT]}
    return node


# -- the patch forms: what a file may write over an entry that is merged ---------------------

def _record_ref(node: dict[str, Any], defs: dict[str, Any]) -> str | None:
    """The name of the record a `{"$ref": ...}` points at (None for the vocabulary or a non-ref)."""
    target = node.get("$ref", "")
    name = target.removeprefix(DEFS)
    return name if target.startswith(DEFS) and name in defs.get(RECORDS, ()) else None


def _loose(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A value as a merge may write it: a record as its patch, a list whole or as a list patch,
    a mapping of records with each value a patch or null (removed)."""
    record = _record_ref(node, defs)
    if record:
        return {"$ref": DEFS + record + PATCH}
    if node.get("$ref") == DEFS + "Condition":  # a list of conditions may be patched too (extend, prepend)
        return {"anyOf": [node, _list_patch(node, defs)]}
    if "anyOf" in node:
        return {**node, "anyOf": [_loose(option, defs) for option in node["anyOf"]]}
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        return {"anyOf": [node, _list_patch(node["items"], defs)]}
    if node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict):
        value = _loose(node["additionalProperties"], defs)
        return {**node, "additionalProperties": {"anyOf": [value, NULL]}}
    return node


def _list_patch(item: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The patch mapping of a list whose elements are `item`, as `game.world.listpatch` applies it:
    elements are found by key (a plain word is its own; a record's is its id, key or first
    about word), so a list of records without one can only be added to (prepend, extend),
    and plain words are removed and added, never edited. One definition per element kind."""
    record = _record_ref(item, defs)
    name = f"ListPatch_{record or item.get('$ref', DEFS + item.get('type', 'any')).removeprefix(DEFS)}"
    if name in defs:
        return {"$ref": DEFS + name}
    defs[name] = {}  # filled below; an element kind whose edit refers back to its own list finds it here
    fields = defs[record]["properties"] if record else {}
    word = item.get("type") == "string"
    keyed = word or any(k in fields for k in ("id", "key", "about"))
    key = {"type": "string", "description": "An element's key: an option's key, a topic's first about word, "
                                            "an element's id, or a plain word itself."}
    elements = {"type": "array", "items": item}
    ops: dict[str, Any] = {}
    if keyed:
        ops["remove"] = {"type": "array", "items": key, "description": "Delete the elements with these keys."}
        if not word:
            ops["edit"] = {"type": "object", "additionalProperties": _loose(item, defs),
                           "description": "Merge fields into the elements with each key (`field: ~` removes one)."}
        ops["before"] = {"type": "object", "additionalProperties": elements,
                         "description": "Insert these elements just before the first element with each key."}
        ops["after"] = {"type": "object", "additionalProperties": elements,
                        "description": "Insert these elements just after the first element with each key."}
    ops["prepend"] = {**elements, "description": "Add these elements at the start."}
    ops["extend"] = {**elements, "description": "Add these elements at the end."}
    defs[name] = {
        "description": f"A patch of the list, applied in this order: {', '.join(ops)}. "
                       + ("A key that matches no element is an error." if keyed else
                          "Its elements have no key, so it can only be added to."),
        "type": "object", "additionalProperties": False, "minProperties": 1, "properties": ops,
    }
    return {"$ref": DEFS + name}


def _add_patches(defs: dict[str, Any]) -> None:
    """`XPatch` beside every record `X`: nothing required, each field also null (removed) and in its loose form."""
    for name in sorted(defs[RECORDS]):
        record = defs[name]
        props = {}
        for field_name, prop in record["properties"].items():
            core = {k: v for k, v in prop.items() if k not in ("description", "title", "default")}
            props[field_name] = {**_described(prop), "anyOf": [_loose(core, defs), NULL]}
        defs[name + PATCH] = {
            "description": f"{record.get('description', name)} (Only the fields written here are set; `field: ~` "
                           "takes one away.)",
            "type": "object", "additionalProperties": False, "properties": props,
        }


def _entry_patch(defs: dict[str, Any], name: str) -> dict[str, Any]:
    """A top-level entry: its record's patch plus `copy_from`."""
    entry: dict[str, Any] = copy.deepcopy(defs[name + PATCH])
    entry["properties"].setdefault("copy_from", {
        "type": "string", "pattern": ID_PATTERN,
        "description": "Start this entry as a copy of the entry of the same kind with this id (as merged so far), "
                       "then lay these fields over it."})
    return entry


def _pydantic_defs() -> tuple[dict[str, Any], dict[str, Any]]:
    """The model's records as draft-07 definitions, and the refs of the game settings and each kind."""
    defs: dict[str, Any] = {}

    def ref(cls: type) -> dict[str, Any]:
        schema = TypeAdapter(cls).json_schema(ref_template=DEFS + "{model}")
        defs.update(schema.pop("$defs", {}))
        defs[cls.__name__] = schema
        return {"$ref": DEFS + cls.__name__}

    refs = {"game": ref(GameSettings), **{kind: ref(cls) for kind, cls in KINDS.items()}}
    return defs, refs


def build_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of one world file, base or mod."""
    defs, refs = _pydantic_defs()
    _fix(defs)
    defs.update({name: _lax(record) for name, record in defs.items()})  # the model's records only: no vocabulary yet
    defs["Condition"] = {"anyOf": [_one_key(CONDITIONS, "condition"),
                                   {"type": "array", "description": "All of these conditions.",
                                    "items": {"$ref": DEFS + "Condition"}}]}
    defs["Effect"] = _one_key(EFFECTS, "effect")
    defs[RECORDS] = {name for name in defs if name not in ("Condition", "Effect")}
    _add_patches(defs)
    properties: dict[str, Any] = {
        "game": {"description": "World-wide settings (one game: block in the base world; a mod sets only what it changes).",
                 "allOf": [{"$ref": refs["game"]["$ref"] + PATCH}]},
    }
    for kind in KINDS:
        name = refs[kind]["$ref"].removeprefix(DEFS)
        defs[name + "Entry"] = _entry_patch(defs, name)
        properties[kind] = {"type": "object", "description": KIND_HELP[kind], "propertyNames": {"pattern": ID_PATTERN},
                            "additionalProperties": {"$ref": DEFS + name + "Entry"}}
    del defs[RECORDS]
    properties["remove"] = {"type": "object", "description": "In a mod: entries to remove, by kind.",
                            "additionalProperties": False,
                            "properties": {kind: {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}
                                           for kind in KINDS}}
    return {
        "$schema": DRAFT,
        "$id": "https://the-city.invalid/world-file.schema.json",
        "title": "THE CITY world file",
        "description": "One YAML file of a world or mod: top-level keys are kinds, each a mapping from ids to entries. "
                       "An entry gives a new id whole, or only the fields it changes of an existing one. The game reads "
                       "YAML 1.1 (unquoted yes, no, on and off are true/false): set your editor's YAML version to 1.1.",
        "type": "object", "additionalProperties": False, "properties": properties, "definitions": defs,
    }


def build_manifest_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a mod's `mod.yaml`."""
    from game.world.assemble import WARNINGS
    from game.world.manifest import KEYS

    scalar = {"type": ["string", "number"]}
    mod_id = {"type": "string", "pattern": MOD_ID_PATTERN, "description": "A mod's id (my-mod and my_mod are the same)."}
    version_range = {"type": ["string", "number"], "description": "A version range, like >=1.0,<2."}
    properties: dict[str, Any] = {
        "id": {**mod_id, "description": "The mod's id: letters, digits, -, _ and ., starting with a letter; "
                                        "it is read lower-case, with each run of -, _ and . as one _."},
        "name": {**scalar, "description": "The mod's name, as `city mods` lists it."},
        "version": {**scalar, "description": "The mod's version, like 1.0 or 2.3.1."},
        "description": {**scalar, "description": "What the mod does, in a sentence or two."},
        "requires": {"type": "array", "description": "Mods that must be loaded too (they load first).",
                     "items": {"anyOf": [mod_id, {"type": "object", "additionalProperties": False, "required": ["id"],
                                                  "properties": {"id": mod_id, "version": version_range}}]}},
        "after": {"type": "array", "items": mod_id, "description": "Load after these mods if they are present."},
        "conflicts": {"type": "array", "items": mod_id, "description": "Mods this one cannot run with."},
        "allow": {"type": "array", "items": {"type": "string", "examples": list(WARNINGS)},
                  "description": "Warnings this mod knows about, by the name in brackets after them: not printed for "
                                 f"it ({', '.join(WARNINGS)}; another name is a warning of its own)."},
        "game": {**version_range, "description": "The game versions this mod is made for, like >=0.2,<1."},
    }
    return {
        "$schema": DRAFT,
        "$id": "https://the-city.invalid/mod-manifest.schema.json",
        "title": "THE CITY mod manifest (mod.yaml)",
        "type": "object", "additionalProperties": False, "required": ["id", "name", "version"],
        "properties": {key: properties[key] for key in KEYS if key in properties},
    }


def schema_files() -> dict[str, str]:
    """The schema files a mod folder holds for its editor modelines: file name -> JSON text."""
    import json

    return {WORLD_FILE: json.dumps(build_schema(), indent=1) + "\n",
            MANIFEST_FILE: json.dumps(build_manifest_schema(), indent=1) + "\n"}
