"""Assemble the world from YAML: read every source, lay mods over it, validate, cross-check.

This is the slow path (a cache miss, or `city validate`); `game.world.load` is the front
door that tries the compiled-world cache first.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.world import cache
from game.world.firstmatch import never_chosen, order_by_priority, order_hints
from game.world.manifest import Manifest, order_mods, read_manifest
from game.world.merge import merge_layers
from game.world.model import KINDS, Option, Outcome, World
from game.world.paths import bundled_data_dir
from game.world.problems import Pos, Problem, did_you_mean
from game.world.repair import UNKNOWN
from game.world.softlocks import soft_locks
from game.world.sources import Entry, Layer, display, read_layer, yaml_files
from game.world.textcheck import swallowed_fields
from game.world.vocabulary import ID_KINDS, RuleIndex, VocabularyChecker, leaves, problem_at


@dataclass
class Gathered:
    """Every source read and laid in order: the raw merged entries with their positions."""

    world_dir: Path
    layers: list[Layer]
    manifests: list[Manifest]
    merged: dict[tuple[str, str], Entry]
    game: Entry | None
    removed: dict[tuple[str, str], str]
    problems: list[Problem]
    lost: set[tuple[str, str]] = field(default_factory=set)
    """Entries a YAML syntax error (or a failed copy_from) cost: they exist, but cannot be checked."""
    lost_kinds: set[str] = field(default_factory=set)
    """Kinds a syntax error cost whole (a broken `rooms:` line): any id of them may exist."""
    missing: dict[str, str] = field(default_factory=dict)
    """Layer name -> the required mod that is not loaded (its references may be that mod's)."""


def gather(mods: Any = (), world_dir: str | os.PathLike[str] | None = None) -> Gathered:
    """Read the bundled world and the mods and lay them over each other (no validation yet)."""
    problems: list[Problem] = []
    folder = Path(world_dir) if world_dir else Path(bundled_data_dir()) / "world"
    layers = [read_layer("the bundled world", yaml_files(folder, problems), problems)]
    manifests = order_mods([read_manifest(Path(m), problems) for m in mods], problems)
    for manifest in manifests:
        files = yaml_files(manifest.folder, problems, skip=("mod.yaml",))
        layers.append(read_layer(_layer_name(manifest.id), files, problems))
    requires, missing = _requirements(manifests)
    lost = {(kind, ident) for layer in layers for kind, ident, _ in layer.lost if ident is not None}
    lost_kinds = {kind for layer in layers for kind, ident, _ in layer.lost if ident is None}
    removed: dict[tuple[str, str], str] = {}
    merged, game = merge_layers(layers, problems, removed, requires, lost)
    return Gathered(folder, layers, manifests, merged, game, removed, problems, lost, lost_kinds, missing)


def _layer_name(mod_id: str) -> str:
    return f"mod '{mod_id}'"


def _requirements(manifests: list[Manifest]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Each mod's layer -> the layers it requires, directly or through another; and the mods
    whose requirement (or a requirement's requirement) is not loaded -> which one."""
    by_id = {m.id: m for m in manifests}
    requires: dict[str, set[str]] = {}
    missing: dict[str, str] = {}
    for m in manifests:
        seen: set[str] = set()
        todo = [r.id for r in m.requires]
        while todo:
            need = todo.pop()
            if need in seen:
                continue
            seen.add(need)
            if need in by_id:
                todo += [r.id for r in by_id[need].requires]
            else:
                missing.setdefault(_layer_name(m.id), need)
        requires[_layer_name(m.id)] = {_layer_name(i) for i in seen if i in by_id}
    return requires, missing


def check_world(mods: Any = (), world_dir: str | os.PathLike[str] | None = None) -> tuple[World | None, list[Problem]]:
    """Read, merge and check everything; the world (if it has no errors) and all problems.

    Everything that could be read is checked in the same run: an entry with a wrong field
    is still checked for references (see `game.world.repair`), and a YAML syntax error
    costs only the entries it falls in."""
    g = gather(mods, world_dir)
    layers, manifests, problems = g.layers, g.manifests, g.problems
    world = _build(g, problems)
    if world is not None:
        fingerprint = cache.fingerprint([f for layer in layers for f in layer.files])
        world = World(**{**world.__dict__, "fingerprint": fingerprint,
                         "mods": tuple((m.id, m.version) for m in manifests)})
    problems = sorted(set(quieted(problems, g)))
    if any(p.severity == "error" for p in problems):
        world = None
    return world, problems


def quieted(problems: list[Problem], g: Gathered) -> list[Problem]:
    """`problems` without the warnings a mod's manifest allows, and without what follows only
    from a required mod that is not loaded (one note says how many were left out)."""
    files_of = {layer.name: {file for file, _ in layer.files} for layer in g.layers}
    allowed: dict[str, set[str]] = {}
    for m in g.manifests:
        for file in files_of.get(_layer_name(m.id), ()):
            allowed[file] = set(getattr(m, "allow", ()))
    hidden: dict[str, set[str]] = {name: files_of.get(name, set()) for name in g.missing}
    counts = dict.fromkeys(hidden, 0)
    out: list[Problem] = []
    for p in problems:
        if p.severity == "warning" and p.code and p.code in allowed.get(p.pos.file, ()):
            continue
        layer = next((name for name, files in hidden.items() if p.pos.file in files), None)
        if layer is not None and (p.severity == "warning" or p.code in CONSEQUENCES
                                  or "does not exist" in p.message or " needs '" in p.message):
            counts[layer] += 1
            continue
        out.append(p)
    for m in g.manifests:
        layer = _layer_name(m.id)
        if counts.get(layer):
            out.append(Problem(m.pos, f"{counts[layer]} problem(s) in mod '{m.id}' that may only come from the missing "
                                      f"mod '{g.missing[layer]}' are not shown; load it to check this mod fully.", "note"))
        for name in getattr(m, "allow", ()):
            if name not in WARNINGS:
                out.append(Problem(m.pos, f"allow: names no warning '{name}'{did_you_mean(name, WARNINGS)}; "
                                          f"the warnings are {', '.join(WARNINGS)}.", "warning"))
    return out


WARNINGS = ("overrides", "never-placed", "never-set", "never-reached", "never-chosen")
"""The names of the warnings, as printed after them in brackets and listed in a manifest's allow:."""
CONSEQUENCES = ("missing-ref", "unreachable", "stage-unreached", "no-way-out")


class _Any(set[str]):
    """Every id: the ids of a kind a YAML error cost whole cannot be told apart from mistakes."""

    def __contains__(self, item: object) -> bool:
        return True


def _build(g: Gathered, problems: list[Problem]) -> World | None:
    """Validate every merged entry and cross-check the world; None when anything is wrong.

    An entry that fails validation is repaired for the cross-check (its references are
    checked all the same), and ids that exist but could not be read count as existing."""
    from game.world.repair import repaired  # pydantic: imported only here
    from game.world.schema_check import validate_entry

    before = len(problems)
    # kind -> {id: record}; typed loosely because each kind holds a different record class (World's fields say which)
    objects: dict[str, Any] = {kind: {} for kind in KINDS}
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    clean: set[tuple[str, str]] = set()
    for (kind, ident), entry in g.merged.items():  # file order: hints and triggers keep the order written
        order_by_priority(entry)
        obj = validate_entry(entry, problems)
        entries[kind][ident] = entry
        if obj is None:
            obj = repaired(entry)
        else:
            clean.add((kind, ident))
        if obj is not None:
            objects[kind][ident] = obj
    objects["hints"] = order_hints(objects["hints"])
    if g.game is None:
        problems.append(Problem(Pos(display(g.world_dir)), "the world has no game: block; one file must give game: "
                                                           "title and start."))
        return None
    game = validate_entry(g.game, problems) or repaired(g.game)
    if game is None:
        return None
    world = World(game=game, **objects)
    known: dict[str, set[str]] = {kind: _Any() if kind in g.lost_kinds else {i for k, i in [*g.merged, *g.lost] if k == kind}
                                  for kind in KINDS}
    _cross_check(world, entries, g.game, problems, g.removed, known, clean, g.lost)
    return None if any(p.severity == "error" for p in problems[before:]) else world


def _cross_check(world: World, entries: dict[str, dict[str, Entry]], game_entry: Entry, problems: list[Problem],
                 removed: dict[tuple[str, str], str], ids: dict[str, set[str]], clean: set[tuple[str, str]],
                 lost: set[tuple[str, str]]) -> None:
    features = {f for room in world.rooms.values() for f in room.features}

    def ref(entry: Entry, path: tuple[Any, ...], kind: str, value: str | None) -> None:
        plural = ID_KINDS.get(kind, kind)
        if value is not None and value != UNKNOWN and value not in ids[plural]:
            gone = removed.get((plural, value))
            if gone:
                problems.append(Problem(entry.at(path), f"{kind} '{value}' is referred to here, but {gone}; "
                                                        "change or remove this reference.", "error", "missing-ref"))
            else:
                problems.append(Problem(entry.at(path), f"{kind} '{value}' does not exist{did_you_mean(value, ids[plural])}; "
                                                        f"define it under {plural}: or fix the id.", "error", "missing-ref"))

    g = world.game
    ref(game_entry, ("start",), "room", g.start)
    ref(game_entry, ("death_ending",), "ending", g.death_ending)
    ref(game_entry, ("clock", "starve_ending"), "ending", g.clock.starve_ending)
    for i, c in enumerate(g.companions):
        ref(game_entry, ("companions", i), "character", c)
    for fid, floor in world.floors.items():
        ref(entries["floors"][fid], ("death_ending",), "ending", floor.death_ending)
    for rid, room in world.rooms.items():
        e = entries["rooms"][rid]
        ref(e, ("floor",), "floor", room.floor)
        # read as written, so an exit with a misspelt direction (left out of the repaired
        # room) and `items: lamp` (text for a list) are checked all the same
        raw_exits = e.data.get("exits")
        for d, ex in raw_exits.items() if isinstance(raw_exits, dict) else ():
            to = ex.get("to") if isinstance(ex, dict) else ex
            if isinstance(to, str):
                ref(e, ("exits", d, "to") if isinstance(ex, dict) else ("exits", d), "room", to)
        for name, kind in (("items", "item"), ("characters", "character")):
            written = e.data.get(name)
            for i, one in enumerate([written] if isinstance(written, str) else written if isinstance(written, list) else []):
                if isinstance(one, str):
                    ref(e, (name,) if isinstance(written, str) else (name, i), kind, one)
        for who in room.remarks:
            ref(e, ("remarks", who), "character", who)
    for iid, item in world.items.items():
        for i, use in enumerate(item.uses):
            if use.on is not None and use.on != UNKNOWN and not any(use.on in ids[k] for k in ("items", "characters")) \
                    and use.on not in features:
                problems.append(Problem(entries["items"][iid].at(("uses", i, "on")),
                                        f"'{use.on}' is not an item, character or room feature; "
                                        "`on:` names what the item is used on."))
    for cid, character in world.characters.items():
        for gift in character.gifts:
            ref(entries["characters"][cid], ("gifts", gift), "item", gift)
    for eid, enc in world.encounters.items():
        e = entries["encounters"][eid]
        if enc.start not in enc.stages and enc.start != UNKNOWN:
            problems.append(Problem(e.at(("start",)), f"encounter '{eid}' starts at stage '{enc.start}', "
                                                      f"which it does not have{did_you_mean(enc.start, enc.stages)}."))
        for sid, stage in enc.stages.items():
            for i, opt in enumerate(stage.options):
                steps: list[tuple[tuple[Any, ...], Option | Outcome]] = [
                    (("stages", sid, "options", i), opt),
                    *((("stages", sid, "options", i, "outcomes", j), o) for j, o in enumerate(opt.outcomes)),
                ]
                for path, step in steps:
                    if step.next is not None and step.next not in enc.stages:
                        hint = did_you_mean(step.next, enc.stages)
                        problems.append(Problem(e.at((*path, "next")),
                                                f"stage '{step.next}' does not exist in encounter '{eid}'{hint}."))
                    ref(e, (*path, "ending"), "ending", step.ending)
    for pid, p in world.pursuers.items():
        ref(entries["pursuers"][pid], ("encounter",), "encounter", p.encounter)
    for tid, t in world.watchtowers.items():
        e = entries["watchtowers"][tid]
        for i, r in enumerate(t.watches):
            ref(e, ("watches", i), "room", r)
        ref(e, ("releases",), "pursuer", t.releases)
        ref(e, ("from",), "room", t.from_)

    index = RuleIndex()
    checker = VocabularyChecker(ids, removed, index)
    checker.walk(world.game, (), problem_at(game_entry.at, problems))
    for kind in KINDS:
        for ident, obj in getattr(world, kind).items():
            checker.walk(obj, (), problem_at(entries[kind][ident].at, problems))

    _never_warnings(world, entries, game_entry, problems, index)
    problems += swallowed_fields(entries)
    problems += never_chosen(world, entries)
    problems += soft_locks(world, entries, clean)
    if g.start in world.rooms:
        lost_rooms = sorted(i for k, i in lost if k == "rooms")
        maybe = (f" (unless room '{lost_rooms[0]}', which a YAML error kept from being read, leads to it)"
                 if lost_rooms else "")
        for rid in _unreachable(world):
            problems.append(Problem(entries["rooms"][rid].origin, f"room '{rid}' cannot be reached from the start room "
                                                                  f"'{g.start}': no exit or move effect leads to it{maybe}.",
                                    "error", "unreachable"))


def _unreachable(world: World) -> list[str]:
    """Rooms no exit or `move` effect leads to from the start (conditions ignored)."""
    movers: list[str] = []

    def moves(value: Any) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "move" and isinstance(v, str):
                    movers.append(v)
                moves(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                moves(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                moves(getattr(value, name))

    for kind in ("rooms", "items", "characters", "encounters", "triggers"):
        moves(getattr(world, kind))
    seen = {world.game.start}
    queue = deque([world.game.start, *[m for m in movers if m in world.rooms]])
    seen.update(queue)
    while queue:
        room = world.rooms.get(queue.popleft())
        for ex in room.exits.values() if room else ():
            if ex.to not in seen and ex.to in world.rooms:
                seen.add(ex.to)
                queue.append(ex.to)
    return [r for r in world.rooms if r not in seen]


def _never_warnings(world: World, entries: dict[str, dict[str, Entry]], game_entry: Entry, problems: list[Problem],
                    index: RuleIndex) -> None:
    """Warnings for what can never happen: conditions on items nothing gives or flags
    nothing sets (an exit that never opens), and endings nothing leads to."""
    everything = [(game_entry, world.game)] + [(entries[k][i], obj) for k in KINDS for i, obj in getattr(world, k).items()]
    given = {i for room in world.rooms.values() for i in room.items}
    flags = {f"open_{i}" for i, item in world.items.items() if item.openable}
    endings = {world.game.death_ending, world.game.clock.starve_ending} | {f.death_ending for f in world.floors.values()}
    for enc in world.encounters.values():
        for stage in enc.stages.values():
            for option in stage.options:
                endings |= {option.ending} | {o.ending for o in option.outcomes}
    for _entry, obj in everything:
        for kind, rule, path in index.of(obj):
            for name, arg, _ in leaves(rule, path) if kind == "effects" else ():
                if name == "give":
                    given.add(arg)
                elif name == "place" and isinstance(arg, dict) and isinstance(arg.get("item"), str):
                    given.add(arg["item"])
                elif name == "set" and isinstance(arg, (str, dict)):  # a wrong shape is reported by the vocabulary
                    flags |= {arg} if isinstance(arg, str) else {str(k) for k in arg}
                elif name == "add" and isinstance(arg, dict):
                    flags |= {str(k) for k in arg}
                elif name == "ending" and isinstance(arg, str):
                    endings.add(arg)
    for entry, obj in everything:
        for kind, rule, path in index.of(obj):
            if kind != "condition":
                continue
            for name, arg, where in leaves(rule, path, through_not=False):
                if name in ("has", "here") and isinstance(arg, str) and arg in world.items and arg not in given:
                    problems.append(Problem(entry.at(where), f"item '{arg}' is never placed in a room or given, "
                                                             "so this condition can never hold.", "warning", "never-placed"))
                elif ((name == "flag" and isinstance(arg, str)) or (name == "at_least" and isinstance(arg, dict) and arg)) \
                        and (arg if isinstance(arg, str) else next(iter(arg))) not in flags:
                    flag = arg if isinstance(arg, str) else next(iter(arg))
                    if isinstance(arg, dict) and not any(isinstance(v, int) and v > 0 for v in arg.values()):
                        continue
                    hint = did_you_mean(flag, flags)
                    problems.append(Problem(entry.at(where), f"flag '{flag}' is never set by any effect, "
                                                             f"so this condition can never hold{hint}.", "warning", "never-set"))
    for eid in world.endings:
        if eid not in endings:
            problems.append(Problem(entries["endings"][eid].origin, f"ending '{eid}' is never reached: no effect, "
                                                                    "encounter option or game setting leads to it.", "warning",
                                    "never-reached"))
