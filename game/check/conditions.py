"""Conditions as the relaxation reads them, and walks over every condition and effect of a world."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from game.engine.state import INVENTORY
from game.world.model import World

TRUE: list[frozenset[int]] = [frozenset()]
FALSE: list[frozenset[int]] = []
MAX_TERMS = 48  # a condition whose disjunctive form grows past this is read as always true

def and_terms(parts: list[list[frozenset[int]]]) -> list[frozenset[int]]:
    out = TRUE
    for part in parts:
        out = [a | b for a in out for b in part]
        if len(out) > MAX_TERMS:
            return TRUE  # too big to follow: read as always true (the safe side)
    return _minimal(out)


def or_terms(parts: list[list[frozenset[int]]]) -> list[frozenset[int]]:
    out = [t for part in parts for t in part]
    return TRUE if len(out) > MAX_TERMS else _minimal(out)


def _minimal(terms: list[frozenset[int]]) -> list[frozenset[int]]:
    unique = list(dict.fromkeys(terms))
    return [t for t in unique if not any(o < t for o in unique)]


def dnf(atom: Callable[[str], int], cond: Any, positive: bool = True) -> list[frozenset[int]]:
    """A condition (or its negation) as a list of alternatives, each a set of atoms that must all hold."""
    if cond is None:
        return TRUE if positive else FALSE
    if isinstance(cond, list):
        parts = [dnf(atom, c, positive) for c in cond]
        return and_terms(parts) if positive else or_terms(parts)
    (name, arg), = cond.items()
    if name == "not":
        return dnf(atom, arg, not positive)
    if name in ("all", "any"):
        parts = [dnf(atom, c, positive) for c in arg]
        return and_terms(parts) if (name == "all") == positive else or_terms(parts)
    if name in ("at_least", "at_most") and len(arg) > 1:
        parts = [dnf(atom, {name: {k: v}}, positive) for k, v in arg.items()]
        return and_terms(parts) if positive else or_terms(parts)
    lit = _literal(name, arg, positive)
    return TRUE if lit is None else [frozenset([atom(lit)])]


def _literal(name: str, arg: Any, positive: bool) -> str | None:
    """The atom a primitive condition (or its negation) reads; None: always possible."""
    if name == "at_least":
        (flag, n), = arg.items()
        return f"ge:{flag}:{n}" if positive else f"le:{flag}:{n - 1}"
    if name == "at_most":
        (flag, n), = arg.items()
        return f"le:{flag}:{n}" if positive else f"ge:{flag}:{n + 1}"
    table = {
        "has": (f"item:{arg}@{INVENTORY}", f"nhas:{arg}"),
        "here": (f"here:{arg}", None),
        "flag": (f"flag:{arg}", f"nflag:{arg}"),
        "in": (f"at:{arg}", None),
        "on_floor": (f"floor:{arg}", f"nfloor:{arg}"),
        "with": (f"with:{arg}", f"ncomp:{arg}"),
        "visited": (f"vis:{arg}", f"nvis:{arg}"),
        "day_at_least": (None, f"nday:{arg}"),
        "food_at_most": (None, f"foodgt:{arg}"),
        "alert_at_least": (None, None),
        "alert_at_most": (None, None),
        "health_at_most": (None, None),
        "chance": (None, None),
        "ambient": (None, None),
        "beam_ready": (None, None),
    }
    return table[name][0 if positive else 1]


def primitives(cond: Any) -> Iterator[tuple[str, Any]]:
    """Every primitive condition inside a condition."""
    for name, arg, _ in signed(cond):
        yield name, arg


def signed(cond: Any, positive: bool = True) -> Iterator[tuple[str, Any, bool]]:
    """Every primitive condition inside a condition, and whether it is read as is (not negated)."""
    if cond is None:
        return
    if isinstance(cond, list):
        for c in cond:
            yield from signed(c, positive)
        return
    (name, arg), = cond.items()
    if name == "not":
        yield from signed(arg, not positive)
    elif name in ("all", "any"):
        for c in arg:
            yield from signed(c, positive)
    else:
        yield name, arg, positive


def world_conditions(world: World) -> Iterator[Any]:
    """Every condition written anywhere in the world."""
    for obj in _records(world):
        for name in ("when", "blind_when"):
            cond = getattr(obj, name, None)
            if cond is not None:
                yield cond


def world_effects(world: World) -> Iterator[Any]:
    for obj in _records(world):
        for name in ("effects", "on_take"):
            effects = getattr(obj, name, None)
            if effects:
                yield effects


def _records(world: World) -> Iterator[Any]:
    from game.world.model import Record

    stack: list[Any] = [world]
    while stack:
        obj = stack.pop()
        if isinstance(obj, Record):
            yield obj
            stack.extend(obj.__dict__.values())
        elif isinstance(obj, dict):
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple)):
            stack.extend(obj)
