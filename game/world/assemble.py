"""Assemble the world from YAML: read every source, lay mods over it, validate, cross-check.

This is the slow path (a cache miss, or `city validate`); `game.world.load` is the front
door that tries the compiled-world cache first.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.world import cache
from game.world.manifest import Manifest, order_mods, read_manifest
from game.world.model import KINDS, Option, Outcome, World
from game.world.paths import bundled_data_dir
from game.world.problems import Pos, Problem, did_you_mean
from game.world.sources import Entry, Layer, display, read_layer, yaml_files
from game.world.textcheck import swallowed_fields
from game.world.vocabulary import ID_KINDS, VocabularyChecker, leaves, problem_at, rules_in


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


def gather(mods: Any = (), world_dir: str | os.PathLike[str] | None = None) -> Gathered:
    """Read the bundled world and the mods and lay them over each other (no validation yet)."""
    problems: list[Problem] = []
    folder = Path(world_dir) if world_dir else Path(bundled_data_dir()) / "world"
    layers = [read_layer("the bundled world", yaml_files(folder, problems), problems)]
    manifests = order_mods([read_manifest(Path(m), problems) for m in mods], problems)
    for manifest in manifests:
        files = yaml_files(manifest.folder, problems, skip=("mod.yaml",))
        layers.append(read_layer(f"mod '{manifest.id}'", files, problems))
    removed: dict[tuple[str, str], str] = {}
    merged, game = _merge(layers, problems, removed)
    return Gathered(folder, layers, manifests, merged, game, removed, problems)


def check_world(mods: Any = (), world_dir: str | os.PathLike[str] | None = None) -> tuple[World | None, list[Problem]]:
    """Read, merge and check everything; the world (if it has no errors) and all problems."""
    g = gather(mods, world_dir)
    layers, manifests, problems = g.layers, g.manifests, g.problems
    world = _build(g.merged, g.game, problems, g.world_dir, g.removed)
    if world is not None:
        fingerprint = cache.fingerprint([f for layer in layers for f in layer.files])
        world = World(**{**world.__dict__, "fingerprint": fingerprint,
                         "mods": tuple((m.id, m.version) for m in manifests)})
    problems = sorted(set(problems))
    if any(p.severity == "error" for p in problems):
        world = None
    return world, problems


def _merge(layers: list[Layer], problems: list[Problem],
           removed: dict[tuple[str, str], str]) -> tuple[dict[tuple[str, str], Entry], Entry | None]:
    """Lay each layer over the ones before; `removed` collects what mods removed (for messages)."""
    merged: dict[tuple[str, str], Entry] = {}
    game: Entry | None = None
    for index, layer in enumerate(layers):
        is_mod = index > 0
        for kind, ident, pos in layer.removals:
            if (kind, ident) not in merged:
                problems.append(Problem(pos, f"cannot remove {kind[:-1]} '{ident}': "
                                             f"no such {kind[:-1]}{did_you_mean(ident, [i for k, i in merged if k == kind])}."))
            else:
                del merged[(kind, ident)]
                removed[(kind, ident)] = f"{layer.name} removed it at {pos}"
        seen_here: dict[tuple[str, str], Entry] = {}
        for entry in layer.entries:
            key = (entry.kind, entry.id)
            if key in seen_here:
                problems.append(Problem(entry.origin, f"duplicate id: {entry.kind[:-1]} '{entry.id}' is already defined "
                                                      f"at {seen_here[key].origin}; ids must be unique."))
                continue
            seen_here[key] = entry
            if key in merged:
                _overlay(merged[key], entry, problems)
            else:
                merged[key] = entry
        for entry in layer.game:
            if game is None:
                game = entry
            elif not is_mod and game.origin.file != entry.origin.file:
                problems.append(Problem(entry.origin, f"the game settings are already given at {game.origin}; "
                                                      "the bundled world has one game: block."))
            else:
                _overlay(game, entry, problems)
    return merged, game


def _overlay(base: Entry, over: Entry, problems: list[Problem], prefix: tuple[Any, ...] = ()) -> None:
    """Lay `over`'s fields on `base`: mappings merge, lists replace unless given as
    {extend: [...]}, a null removes the key, everything else replaces. Two mods setting
    one field is a warning."""
    target = base.data
    for part in prefix:
        target = target[part]
    source = over.data
    for part in prefix:
        source = source[part]
    for key, value in source.items():
        path = (*prefix, key)
        if isinstance(value, dict) and set(value) == {"extend"} and isinstance(value["extend"], list):
            if isinstance(target.get(key), list):
                start = len(target[key])
                target[key].extend(value["extend"])
                for i in range(len(value["extend"])):
                    base.pos[(*path, start + i)] = over.at((*path, "extend", i))
                continue
            value = value["extend"]  # nothing to extend: the list is simply the new one
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _overlay(base, over, problems, path)
            continue
        if value is None and over.layer != "the bundled world" and key in target:
            del target[key]  # a mod's `key: ~` takes the key away (an exit, a feature, a field)
            for table in (base.pos, base.keypos):
                for old in [p for p in table if p[: len(path)] == path]:
                    del table[old]
            continue
        previous = next((base.setby[path[:i]] for i in range(len(path), 0, -1) if path[:i] in base.setby), None)
        if previous and previous != "the bundled world" and previous != over.layer and path in base.pos:
            label = "game settings" if base.kind == "game" else f"{base.kind[:-1]} '{base.id}'"
            problems.append(Problem(over.at(path), f"{over.layer} sets {'.'.join(map(str, path))} of {label}, "
                                                   f"which {previous} also sets at {base.at(path)}; "
                                                   "the later mod wins.", "warning"))
        target[key] = value
        base.setby[path] = over.layer
        for table, new in ((base.pos, over.pos), (base.keypos, over.keypos)):
            for old in [p for p in table if p[: len(path)] == path]:
                del table[old]
            table.update({p: v for p, v in new.items() if p[: len(path)] == path})


def _build(merged: dict[tuple[str, str], Entry], game_entry: Entry | None, problems: list[Problem], world_dir: Path,
           removed: dict[tuple[str, str], str]) -> World | None:
    from game.world.schema_check import validate_entry  # pydantic: imported only here

    before = len(problems)
    # kind -> {id: record}; typed loosely because each kind holds a different record class (World's fields say which)
    objects: dict[str, Any] = {kind: {} for kind in KINDS}
    entries: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    for (kind, ident), entry in merged.items():  # file order: hints and triggers keep the order written
        obj = validate_entry(entry, problems)
        entries[kind][ident] = entry
        if obj is not None:
            objects[kind][ident] = obj
    if game_entry is None:
        problems.append(Problem(Pos(display(world_dir)), "the world has no game: block; one file must give game: "
                                                         "title and start."))
        return None
    game = validate_entry(game_entry, problems)
    if len(problems) > before or game is None:
        return None
    world = World(game=game, **objects)
    _cross_check(world, entries, game_entry, problems, removed)
    return None if any(p.severity == "error" for p in problems[before:]) else world


def _cross_check(world: World, entries: dict[str, dict[str, Entry]], game_entry: Entry, problems: list[Problem],
                 removed: dict[tuple[str, str], str]) -> None:
    ids = {kind: set(getattr(world, kind)) for kind in KINDS}
    features = {f for room in world.rooms.values() for f in room.features}

    def ref(entry: Entry, path: tuple[Any, ...], kind: str, value: str | None) -> None:
        plural = ID_KINDS.get(kind, kind)
        if value is not None and value not in ids[plural]:
            gone = removed.get((plural, value))
            if gone:
                problems.append(Problem(entry.at(path), f"{kind} '{value}' is referred to here, but {gone}; "
                                                        "change or remove this reference."))
            else:
                problems.append(Problem(entry.at(path), f"{kind} '{value}' does not exist{did_you_mean(value, ids[plural])}; "
                                                        f"define it under {plural}: or fix the id."))

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
        for d, ex in room.exits.items():
            ref(e, ("exits", d, "to") if isinstance(e.data["exits"][d], dict) else ("exits", d), "room", ex.to)
        for i, it in enumerate(room.items):
            ref(e, ("items", i), "item", it)
        for i, ch in enumerate(room.characters):
            ref(e, ("characters", i), "character", ch)
        for who in room.remarks:
            ref(e, ("remarks", who), "character", who)
    for iid, item in world.items.items():
        for i, use in enumerate(item.uses):
            if use.on is not None and use.on not in ids["items"] | ids["characters"] | features:
                problems.append(Problem(entries["items"][iid].at(("uses", i, "on")),
                                        f"'{use.on}' is not an item, character or room feature; "
                                        "`on:` names what the item is used on."))
    for cid, character in world.characters.items():
        for gift in character.gifts:
            ref(entries["characters"][cid], ("gifts", gift), "item", gift)
    for eid, enc in world.encounters.items():
        e = entries["encounters"][eid]
        if enc.start not in enc.stages:
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

    checker = VocabularyChecker(ids, removed)
    checker.walk(world.game, (), problem_at(game_entry.at, problems))
    for kind in KINDS:
        for ident, obj in getattr(world, kind).items():
            checker.walk(obj, (), problem_at(entries[kind][ident].at, problems))

    _never_warnings(world, entries, game_entry, problems)
    problems += swallowed_fields(entries)
    if g.start in world.rooms:
        for rid in _unreachable(world):
            problems.append(Problem(entries["rooms"][rid].origin, f"room '{rid}' cannot be reached from the start room "
                                                                  f"'{g.start}': no exit or move effect leads to it."))


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


def _never_warnings(world: World, entries: dict[str, dict[str, Entry]], game_entry: Entry, problems: list[Problem]) -> None:
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
        for kind, rule, path in rules_in(obj):
            for name, arg, _ in leaves(rule, path) if kind == "effects" else ():
                if name == "give":
                    given.add(arg)
                elif name == "place" and isinstance(arg, dict) and isinstance(arg.get("item"), str):
                    given.add(arg["item"])
                elif name == "set":
                    flags |= {arg} if isinstance(arg, str) else set(arg)
                elif name == "add" and isinstance(arg, dict):
                    flags |= set(arg)
                elif name == "ending":
                    endings.add(arg)
    for entry, obj in everything:
        for kind, rule, path in rules_in(obj):
            if kind != "condition":
                continue
            for name, arg, where in leaves(rule, path, through_not=False):
                if name in ("has", "here") and isinstance(arg, str) and arg in world.items and arg not in given:
                    problems.append(Problem(entry.at(where), f"item '{arg}' is never placed in a room or given, "
                                                             "so this condition can never hold.", "warning"))
                elif name in ("flag", "at_least") and (arg if isinstance(arg, str) else next(iter(arg), None)) not in flags:
                    flag = arg if isinstance(arg, str) else next(iter(arg))
                    if name == "at_least" and not any(v > 0 for v in arg.values()):
                        continue
                    hint = did_you_mean(flag, flags)
                    problems.append(Problem(entry.at(where), f"flag '{flag}' is never set by any effect, "
                                                             f"so this condition can never hold{hint}.", "warning"))
    for eid in world.endings:
        if eid not in endings:
            problems.append(Problem(entries["endings"][eid].origin, f"ending '{eid}' is never reached: no effect, "
                                                                    "encounter option or game setting leads to it.", "warning"))
