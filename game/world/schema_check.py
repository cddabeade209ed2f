"""Check raw entries against the model with pydantic, turning its errors into Problems.

Imported only when a world is actually validated (a cache miss, `city validate`), so
plain play on a cached world never pays for pydantic.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from game.world.model import KINDS, GameSettings
from game.world.problems import Problem, did_you_mean
from game.world.sources import Entry
from game.world.typewalk import optional, type_at

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "dataclass_type": "a mapping of fields",
    "dataclass_args_type": "a mapping of fields",
}


def _adapter(cls: type) -> TypeAdapter[Any]:
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


def _keyword_keys(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """YAML writes `from:`; the dataclass field is `from_`."""
    renamed = dict(data)
    for f in fields(cls):
        if f.name.endswith("_") and f.name[:-1] in renamed:
            renamed[f.name] = renamed.pop(f.name[:-1])
    return renamed


def _normalise(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    if kind == "rooms" and isinstance(data.get("exits"), dict):
        data = dict(data)
        data["exits"] = {d: ({"to": e} if isinstance(e, str) else e) for d, e in data["exits"].items()}
    return data


def _field_names(cls: Any, loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `loc` inside `cls`, for 'did you mean'."""
    tp = optional(type_at(cls, loc))
    return [f.name.rstrip("_") for f in fields(tp)] if is_dataclass(tp) else []


def validate_entry(entry: Entry, problems: list[Problem]) -> Any:
    """The model object for `entry`, or None with its problems recorded."""
    cls = GameSettings if entry.kind == "game" else KINDS[entry.kind]
    data = _keyword_keys(cls, _normalise(entry.kind, entry.data))
    try:
        return _adapter(cls).validate_python(data)
    except ValidationError as err:
        label = "game settings" if entry.kind == "game" else f"{entry.kind[:-1]} '{entry.id}'"
        for e in err.errors():
            loc = tuple(p.rstrip("_") if isinstance(p, str) else p for p in e["loc"] if p != "[key]")
            problems.append(_problem(entry, cls, label, loc, e))
        return None


def _problem(entry: Entry, cls: type, label: str, loc: tuple[Any, ...], e: Any) -> Problem:
    kind = e["type"]
    where = ".".join(str(p) for p in loc)
    if kind in ("unexpected_keyword_argument", "extra_forbidden"):
        allowed = _field_names(cls, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        return Problem(entry.at(loc, key=True), f"unknown key '{loc[-1]}' in {label}{hint}; allowed here: {', '.join(allowed)}.")
    if kind in ("missing", "missing_argument"):
        return Problem(entry.at(loc[:-1]), f"{label} needs '{where}'.")
    got = e.get("input")
    shown = repr(got) if len(repr(got)) < 40 else type(got).__name__
    if kind == "literal_error":
        expected = e.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip(" '")]
        hint = did_you_mean(str(got), choices)
        return Problem(entry.at(loc, key=True), f"{label}: '{got}' is not allowed for {where}{hint}; use one of {expected}.")
    want = _TYPE_WORDS.get(kind)
    if want:
        extra = ""
        if isinstance(got, bool) and want == "text":
            extra = " (words like yes, no, on and off mean true/false in YAML: put text in quotes)"
        if want == "a list" and isinstance(got, str):
            extra = f" (write [{got}])"
        return Problem(entry.at(loc), f"{label}: {where} should be {want}, not {shown}{extra}.")
    return Problem(entry.at(loc), f"{label}: {where}: {e['msg']}.")
