"""Unreachable content, and what the playthroughs never touch.

Two kinds of "unreachable": proven (the relaxation from the start never gets there, so no play
can), and not reached (the search did not get there within its budget: perhaps it cannot,
perhaps it needed longer). Only proven ones are stated as facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.check.report import Finding
from game.check.search import Explorer
from game.engine.phases import ENDED
from game.engine.state import INVENTORY
from game.world.model import Record, World

KINDS = ("rooms", "exits", "items", "topics", "stages", "options", "hints", "endings")


def everything(world: World) -> dict[str, list[str]]:
    """Every piece of content, by kind, named as the report names it."""
    return {
        "rooms": list(world.rooms),
        "exits": [f"{r}.{d}" for r, room in world.rooms.items() for d in room.exits],
        "items": list(world.items),
        "topics": list(dict.fromkeys(f"{c}:{t.about[0]}" for c, ch in world.characters.items() for t in ch.topics)),
        "stages": [f"{e}:{s}" for e, enc in world.encounters.items() for s in enc.stages],
        "options": list(dict.fromkeys(f"{e}:{s}:{o.key}" for e, enc in world.encounters.items()
                                      for s, st in enc.stages.items() for o in st.options)),
        "hints": [h for h, hint in world.hints.items() if hint.tiers],
        "endings": list(world.endings),
    }


def proven_unreachable(world: World, explorer: Explorer) -> dict[str, list[str]]:
    """Content the relaxation never reaches from the start: no play can."""
    rx = explorer.rx
    level, _, _ = rx.closure(explorer.nodes[0].atoms)

    def atom(name: str) -> bool:
        a = rx.ids.get(name)
        return a is not None and level[a] >= 0

    def can(cond: Any) -> bool:
        return rx.holds_relaxed(cond, level)

    out: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for rid, room in world.rooms.items():
        if not atom(f"at:{rid}"):
            out["rooms"].append(rid)
        out["exits"] += [f"{rid}.{d}" for d, ex in room.exits.items() if not (atom(f"at:{rid}") and can(ex.when))]
    out["items"] = [i for i in world.items if not atom(f"scope:{i}")]
    for cid, ch in world.characters.items():
        out["topics"] += [f"{cid}:{t.about[0]}" for t in ch.topics if not (atom(f"with:{cid}") and can(t.when))]
    for eid, enc in world.encounters.items():
        for sid, stage in enc.stages.items():
            here = atom(f"stage:{eid}:{sid}")
            if not here:
                out["stages"].append(f"{eid}:{sid}")
            out["options"] += [f"{eid}:{sid}:{o.key}" for o in stage.options if not (here and can(o.when))]
    out["hints"] = [h for h, hint in world.hints.items() if hint.tiers and not can(hint.when)]
    out["endings"] = [e for e in world.endings if not atom(f"end:{e}")]
    out["topics"] = list(dict.fromkeys(out["topics"]))
    out["options"] = list(dict.fromkeys(out["options"]))
    return out


def reached(world: World, explorer: Explorer, endings: set[str]) -> dict[str, set[str]]:
    """Content some state the search kept uses."""
    got: dict[str, set[str]] = {kind: set() for kind in KINDS}
    nodes = explorer.nodes
    for node in nodes:
        s = node.state
        if s is None:
            continue
        got["rooms"].add(s.room)
        if s.encounter and s.stage:
            got["stages"].add(f"{s.encounter}:{s.stage}")
        if s.phase != ENDED:
            got["items"].update(i for i, where in s.items.items() if where in (INVENTORY, s.room))
    for edge in explorer.edges:
        parent, child = nodes[edge.parent].state, nodes[edge.child].state
        if parent is None or child is None:
            continue
        first = edge.command.split("\n")[0]
        if parent.encounter and parent.stage:
            got["options"].add(f"{parent.encounter}:{parent.stage}:{first}")
        ex = world.rooms[parent.room].exits.get(first)  # type: ignore[call-overload]
        if ex is not None and child.room != parent.room:
            got["exits"].add(f"{parent.room}.{first}")
    got["topics"] = {f"{c}:{t}" for c, t in explorer.topics_seen}
    got["hints"] = set(explorer.hints_seen)
    got["endings"] = set(endings)
    return got


def content_findings(world: World, explorer: Explorer, endings: set[str]) -> list[Finding]:
    """Unreachable content (proven), conditions that can never hold, and what the search did not reach."""
    findings: list[Finding] = []
    proven = proven_unreachable(world, explorer)
    for kind in KINDS:
        if proven[kind]:
            findings.append(Finding("unreachable", f"{kind} no play can reach: {', '.join(proven[kind])}", problem=False,
                                    detail={"kind": kind, "ids": proven[kind]}))
    rx = explorer.rx
    level, _, _ = rx.closure(explorer.nodes[0].atoms)
    for where, cond in conditions(world):
        if not rx.holds_relaxed(cond, level):
            findings.append(Finding("never_holds", f"{where}: {flow(cond)} can never hold", problem=False,
                                    detail={"where": where, "condition": cond}))
    got = reached(world, explorer, endings)
    for kind, ids in everything(world).items():
        missed = [i for i in ids if i not in got[kind] and i not in proven[kind]]
        if missed:
            findings.append(Finding("not_reached", f"{len(missed)} of {len(ids)} {kind}: {', '.join(missed)}",
                                    problem=False, detail={"kind": kind, "ids": missed}))
    return findings


def flow(value: Any) -> str:
    """A condition as the YAML's flow style writes it: {not: {with: zuru}}."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


def conditions(world: World) -> Iterator[tuple[str, Any]]:
    """Every condition in the world, with where it is written (rooms.x.exits.down.when)."""
    for kind in ("rooms", "items", "characters", "encounters", "endings", "watchtowers", "triggers", "hints"):
        for ident, entry in getattr(world, kind).items():
            yield from _walk(entry, f"{kind}.{ident}")
    yield from _walk(world.game, "game")


def _walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(obj, Record):
        for name, value in obj.__dict__.items():
            if name in ("when", "blind_when"):
                if value is not None:
                    yield f"{path}.{name}", value
            else:
                yield from _walk(value, f"{path}.{name}")
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(obj, (list, tuple)):
        for index, value in enumerate(obj):
            yield from _walk(value, f"{path}[{index}]")


# -- coverage of playthroughs ---------------------------------------------------------------

COVERED = ("rooms", "stages", "topics", "endings")


def coverage(world: World, files: list[Path], mods: list[Path], world_dir: Path | None,
             deadline: float) -> dict[str, Any]:
    """Which rooms, encounter stages, topics and endings the playthroughs never touch (those
    played before the deadline; the rest are listed as skipped)."""
    import tempfile
    import time

    from game.engine import events as ev
    from game.engine.offers import heard_in
    from game.playthrough import PlayFileError, parse_script, play_files
    from game.session import Session

    paths = play_files(files)
    touched: dict[str, set[str]] = {kind: set() for kind in COVERED}
    skipped: list[str] = []
    used = 0
    wanted_mods = sorted(str(m.resolve()) for m in mods)
    wanted_world = str(world_dir.resolve()) if world_dir else None
    for path in paths:
        if time.monotonic() > deadline:
            skipped.append(str(path))
            continue
        try:
            script = parse_script(path)
        except (PlayFileError, OSError, UnicodeDecodeError):
            skipped.append(str(path))
            continue
        same = sorted(str(m) for m in script.mods) == wanted_mods and \
            (str(script.world) if script.world else None) == wanted_world
        if not same or (script.start is not None and script.start not in world.rooms):
            skipped.append(str(path))
            continue
        used += 1
        with tempfile.TemporaryDirectory(prefix="city-check-") as home:
            session = Session(world, seed=script.seed, start=script.start, home=Path(home))
            events = session.opening()
            for step in script.steps:
                if step.command is not None:
                    events = session.send(step.command)
                s = session.game.state
                touched["rooms"].add(s.room)
                touched["rooms"].update(e.room for e in events if isinstance(e, ev.RoomEntered))
                if s.encounter and s.stage:
                    touched["stages"].add(f"{s.encounter}:{s.stage}")
                if s.ending:
                    touched["endings"].add(s.ending)
                touched["topics"].update(heard_in(world, events))
    every = everything(world)
    kinds = {kind: {"total": len(every[kind]), "missed": [i for i in every[kind] if i not in touched[kind]]}
             for kind in COVERED}
    return {"files": used, "skipped": skipped, "kinds": kinds}
