"""Write a mod that adds a floor of N rooms to the bundled world, for measuring THE CITY at scale.

    python bench/gen_world.py --rooms 20000 --out /tmp/scale20k
    city validate --mod /tmp/scale20k

The floor is a grid (row by row, the last row partial), connected, reached from the bundled
village: the sludge vats gain a `down` exit into its first room. Every kind the loader and
the engine handle appears in proportion to the rooms, so that each is exercised at scale:

- rooms with features, variants, covers, sounds, an exit with a condition, a safe room now
  and then, and arrival triggers that start encounters;
- items (one room in 8), some of them containers holding another item, some with uses;
- characters (one room in 60) with talk, topics (whose effects set flags and write the
  journal) and gifts;
- encounters (one room in 250) of two stages, options with conditions, chance outcomes;
- Watchtowers (one per 400 rooms), each watching the rooms around it and releasing one of
  two kinds of exterminators, whose capture is an encounter of its own;
- world triggers, hints and milestones (one per 1,000 rooms), and an ending.

Nothing is random: the same N writes the same files. Files hold at most `PER_FILE` rooms,
well inside the loader's limits on a file's size and values.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

PER_FILE = 400  # rooms per YAML file (each file stays far below 1 MB and 200,000 values)
FLOOR = "scale_floor"
ENTRY_FROM = "sludge_vats"  # the bundled room whose `down` leads onto the floor
ITEM_EVERY = 8
CHARACTER_EVERY = 60
ENCOUNTER_EVERY = 250
TOWER_EVERY = 400
RARE_EVERY = 1000  # triggers, hints, milestones
SAFE_EVERY = 97
LOCKED_EVERY = 331  # a room whose east exit asks for a token (the Safeguard ignores the lock)

ADJECTIVES = ["rusted", "humming", "flooded", "silent", "narrow", "vaulted", "tilted", "sealed", "warm", "dripping",
              "hollow", "ribbed", "scorched", "echoing", "cramped", "gleaming"]
NOUNS = ["gallery", "duct", "hall", "cell", "span", "landing", "chamber", "passage", "bay", "crossing", "vault",
         "sump", "junction", "terrace", "cistern", "walkway"]
THINGS = ["bolt", "lens", "cable", "plate", "valve", "spindle", "gauge", "cog", "fuse", "shard", "coil", "rivet"]
PEOPLE = ["scavenger", "tinker", "drifter", "watcher", "cable-runner", "lamp-keeper"]


def q(text: str) -> str:
    """A YAML scalar that reads back as `text` (JSON strings are YAML)."""
    return json.dumps(text)


def room_id(i: int) -> str:
    return f"sc_r{i}"


class Floor:
    """The grid: room i at (i % side, i // side), for i below n."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.side = max(1, math.isqrt(n - 1) + 1) if n > 1 else 1

    def at(self, x: int, y: int) -> int | None:
        i = y * self.side + x
        return i if 0 <= x < self.side and y >= 0 and i < self.n else None

    def xy(self, i: int) -> tuple[int, int]:
        return i % self.side, i // self.side

    def neighbours(self, i: int) -> dict[str, int]:
        x, y = self.xy(i)
        out = {}
        for direction, (dx, dy) in {"north": (0, -1), "south": (0, 1), "west": (-1, 0), "east": (1, 0)}.items():
            j = self.at(x + dx, y + dy)
            if j is not None:
                out[direction] = j
        return out

    def near(self, i: int, radius: int) -> list[int]:
        """Rooms within `radius` steps of room i along the grid (i itself first)."""
        x0, y0 = self.xy(i)
        found = [i]
        for dy in range(-radius, radius + 1):
            for dx in range(-radius, radius + 1):
                j = self.at(x0 + dx, y0 + dy)
                if j is not None and j != i and abs(dx) + abs(dy) <= radius:
                    found.append(j)
        return found


def _room(grid: Floor, i: int, out: list[str]) -> None:
    x, y = grid.xy(i)
    adjective, noun = ADJECTIVES[(i * 7) % len(ADJECTIVES)], NOUNS[(i * 11 + y) % len(NOUNS)]
    out.append(f"  {room_id(i)}:")
    out.append(f"    floor: {FLOOR}")
    out.append(f"    name: {q(f'The {adjective.capitalize()} {noun.capitalize()} ({x},{y})')}")
    text = f"A {adjective} {noun} of the undercity, grid mark {x},{y} stencilled on a pillar. Ways lead off between the ducts."
    out.append(f"    description: {q(text)}")
    if i % 3 == 0:
        out.append(f"    brief: {q(f'The {adjective} {noun} at {x},{y}.')}")
    if i % 5 == 0:
        out.append(f"    cover: {q('behind a fallen duct')}")
    if i % 9 == 0:
        out.append(f"    sounds: {q('Water ticks somewhere in the pipes.')}")
    if i % SAFE_EVERY == 0 and i > 0:
        out.append("    safe: true")
    out.append("    features:")
    out.append(f"      pillar_{i}:")
    out.append(f"        names: [pillar, stencil, {q(f'mark {x} {y}')}]")
    out.append(f"        text: {q(f'The stencil says {x},{y}. Someone has scratched a fish beside it.')}")
    if i % 4 == 0:
        out.append("      ducts:")
        out.append("        names: [ducts, duct]")
        out.append("        text: \"Ducts as wide as a doorway, cold to the touch.\"")
    if i % 6 == 0:
        out.append("    variants:")
        out.append(f"      - when: {{flag: sc_lamp_{i // 1000}}}")
        out.append(f"        description: {q(f'Lamplight lies across the {noun}: someone has been through here with a lamp.')}")
    out.append("    exits:")
    for direction, j in grid.neighbours(i).items():
        if direction == "east" and i % LOCKED_EVERY == 0:
            out.append("      east:")
            out.append(f"        to: {room_id(j)}")
            out.append("        when: {has: sc_token}")
            out.append("        refuse: \"A shutter bars the way east. It has a slot the size of a token.\"")
        else:
            out.append(f"      {direction}: {room_id(j)}")
    if i == 0:
        out.append(f"      up: {ENTRY_FROM}")
    items = [f"sc_item{i}"] if i % ITEM_EVERY == 0 else []
    if i == 0:
        items.append("sc_token")
    if items:
        out.append(f"    items: [{', '.join(items)}]")
    if i % CHARACTER_EVERY == 1:
        out.append(f"    characters: [sc_person{i}]")
    if i % ENCOUNTER_EVERY == 2:
        out.append("    on_enter:")
        out.append(f"      - when: {{not: {{flag: sc_met_{i}}}}}")
        out.append("        text: \"Something moves at the edge of the light.\"")
        out.append("        effects:")
        out.append(f"          - {{set: sc_met_{i}}}")
        out.append(f"          - {{encounter: sc_enc{i}}}")


def _item(i: int, out: list[str]) -> None:
    thing = THINGS[(i // ITEM_EVERY) % len(THINGS)]
    out.append(f"  sc_item{i}:")
    out.append(f"    name: {q(f'{thing} number {i}')}")
    out.append(f"    names: [{thing}, {q(f'{thing} {i}')}, {q(f'number {i}')}]")
    out.append(f"    description: {q(f'A {thing} stamped with the number {i}.')}")
    if i % (ITEM_EVERY * 10) == 0:
        out.append("    openable: true")
        out.append("    holds: in")
        out.append(f"    open_text: {q(f'The {thing} hinges open.')}")
    if i % (ITEM_EVERY * 5) == 0:
        out.append("    uses:")
        out.append("      - verbs: [turn, twist]")
        out.append(f"        text: {q(f'The {thing} turns with a click, and somewhere a lamp comes on.')}")
        out.append("        effects:")
        out.append(f"          - {{set: sc_lamp_{i // 1000}}}")
        out.append(f"          - {{set: sc_tower{i // TOWER_EVERY}_blind}}")  # the tower of this stretch goes dark
    if i % (ITEM_EVERY * 7) == 0:
        out.append("    portable: false")
        out.append(f"    fixed_text: {q(f'The {thing} is bolted down.')}")


def _character(i: int, out: list[str]) -> None:
    role = PEOPLE[(i // CHARACTER_EVERY) % len(PEOPLE)]
    out.append(f"  sc_person{i}:")
    out.append(f"    name: {q(f'the {role} of {i}')}")
    out.append(f"    names: [{q(role)}, {q(f'{role} {i}')}, person]")
    out.append(f"    description: {q(f'A {role} in layered rags, who watches you without blinking.')}")
    out.append(f"    here: {q(f'A {role} sits against the wall here.')}")
    out.append("    talk:")
    out.append(f"      - when: {{flag: sc_told_{i}}}")
    out.append("        text: \"\\\"I told you what I know,\\\" they say.\"")
    out.append("      - text: \"\\\"Ask,\\\" they say. \\\"About the towers, or the way down.\\\"\"")
    out.append("    topics:")
    out.append("      - about: [towers, tower, watchtower]")
    out.append("        text: \"\\\"The towers see the open rooms. Keep to cover.\\\"\"")
    out.append("        effects:")
    out.append(f"          - {{set: sc_told_{i}}}")
    out.append(f"          - {{journal: {q(f'The {role} of {i} warned me about the towers.')}}}")
    out.append("      - about: [way down, down, floor]")
    out.append("        text: \"\\\"There is no way down from here. Only across.\\\"\"")
    out.append("    gifts:")
    out.append("      sc_token:")
    out.append("        text: \"They turn the token over and hand it back, smiling.\"")


def _encounter(i: int, out: list[str]) -> None:
    out.append(f"  sc_enc{i}:")
    out.append("    title: \"A Scavenger's Ambush\"")
    out.append("    start: cornered")
    out.append("    stages:")
    out.append("      cornered:")
    out.append("        text: \"A figure drops from the ducts, blade out.\"")
    out.append("        options:")
    out.append("          - key: talk")
    out.append("            label: Talk them down")
    out.append("            names: [talk, speak]")
    out.append("            outcomes:")
    out.append("              - when: {chance: 0.5}")
    out.append("                text: \"They lower the blade and slip away.\"")
    out.append("              - text: \"They do not want to talk.\"")
    out.append("                next: fight")
    out.append("          - key: run")
    out.append("            label: Run")
    out.append("            text: \"You run, and they do not follow.\"")
    out.append("            effects:")
    out.append("              - {noise: 1}")
    out.append("      fight:")
    out.append("        text: \"The blade comes round.\"")
    out.append("        options:")
    out.append("          - key: duck")
    out.append("            label: Duck and run")
    out.append("            text: \"It misses. You are gone before it comes round again.\"")
    out.append("          - key: fight")
    out.append("            label: Fight")
    out.append("            when: {not: {health_at_most: 1}}")
    out.append("            text: \"You trade blows and both of you back off, bleeding.\"")
    out.append("            effects:")
    out.append("              - {hurt: 1}")


def _shared(grid: Floor, towers: list[int]) -> list[str]:
    """The floor, the entry from the village, the exterminators and their encounter, the ending,
    the Watchtowers, and the rare kinds (triggers, hints, milestones)."""
    out = ["# Generated by bench/gen_world.py: the floor, its way in, and the Safeguard on it.", "floors:",
           f"  {FLOOR}:", "    name: The Undergrid", "    level: 9",
           f"    description: {q(f'A grid of {grid.n:,} rooms under the village, generated for measuring.')}",
           "", "rooms:", f"  {ENTRY_FROM}:", "    exits:", "      down:", f"        to: {room_id(0)}",
           "        text: \"You climb down through the vat-room's drain into the Undergrid.\"",
           "", "pursuers:"]
    for kind in ("sc_exterminators", "sc_crawlers"):
        out += [f"  {kind}:", f"    name: {'exterminators' if kind == 'sc_exterminators' else 'crawlers'}",
                "    encounter: sc_caught", "    approach: \"Ticking legs, {direction}, and closing.\"",
                "    arrives: \"They pour out of the ducts.\"", "    patience: 8"]
    out += ["", "encounters:", "  sc_caught:", "    title: Caught in the Undergrid", "    start: swarm", "    stages:",
            "      swarm:", "        text: \"Grey legs and single lenses fill the passage.\"", "        options:",
            "          - key: flee", "            label: Flee back the way you came", "            names: [flee, run]",
            "            outcomes:", "              - when: {chance: 0.6}",
            "                text: \"You get clear, with a gash to show for it.\"", "                effects:",
            "                  - {hurt: 1}", "              - text: \"They drag you down.\"",
            "                ending: sc_lost",
            "          - key: hide", "            label: Squeeze into a duct", "            text: \"They pass you by.\"",
            "            effects:", "              - {alert: -2}",
            "", "endings:", "  sc_lost:", "    title: Lost in the Undergrid", "    kind: death",
            "    text: \"The grid keeps what it takes.\"", "", "watchtowers:"]
    for n, centre in enumerate(towers):
        watched = grid.near(centre, 2)[:9]
        out += [f"  sc_tower{n}:", f"    name: {q(f'the grid tower {n}')}",
                f"    watches: [{', '.join(room_id(r) for r in watched)}]",
                f"    releases: {'sc_exterminators' if n % 2 == 0 else 'sc_crawlers'}",
                f"    from: {room_id(centre)}", "    count: 2", f"    blind_when: {{flag: sc_tower{n}_blind}}"]
    rare = range(0, grid.n, RARE_EVERY)
    out += ["", "triggers:"]
    for r in rare:
        out += [f"  sc_trigger{r}:", f"    when: [{{in: {room_id(r)}}}, {{alert_at_least: 1}}]",
                "    text: \"The ducts tick and settle around you.\""]
    out += ["", "hints:"]
    for r in rare:
        out += [f"  sc_hint{r}:", f"    when: {{in: {room_id(r)}}}", "    tiers:",
                "      - \"The grid goes on; the village is back the way you came.\"",
                "      - \"Go UP from the first room of the grid to reach the vats.\""]
    out += ["", "milestones:"]
    for r in rare:
        out += [f"  sc_milestone{r}:", "    points: 1", f"    text: {q(f'reaching grid room {r}')}",
                f"    when: {{visited: {room_id(r)}}}"]
    return out


def write(n: int, folder: Path) -> dict[str, Any]:
    """Write the mod for `n` rooms into `folder`; what was written, counted."""
    if n < 1:
        raise ValueError("a floor needs at least one room")
    grid = Floor(n)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("grid_*.yaml"):
        old.unlink()
    (folder / "mod.yaml").write_text(
        f"# Generated by bench/gen_world.py --rooms {n}\nid: undergrid_{n}\nname: The Undergrid ({n:,} rooms)\n"
        "version: 1.0.0\ndescription: A generated floor for measuring THE CITY at scale.\n", encoding="utf-8")
    towers = [c if c % SAFE_EVERY else c + 1 for c in range(TOWER_EVERY // 2, n, TOWER_EVERY)] or [n // 2]
    (folder / "safeguard.yaml").write_text("\n".join(_shared(grid, towers)) + "\n", encoding="utf-8")
    counts = {"rooms": n, "items": 1, "characters": 0, "encounters": 1, "watchtowers": len(towers), "files": 2}
    for start in range(0, n, PER_FILE):
        rooms: list[str] = ["rooms:"]
        items: list[str] = ["items:"]
        people: list[str] = ["characters:"]
        encounters: list[str] = ["encounters:"]
        for i in range(start, min(n, start + PER_FILE)):
            _room(grid, i, rooms)
            if i % ITEM_EVERY == 0:
                _item(i, items)
                counts["items"] += 1
            if i % CHARACTER_EVERY == 1:
                _character(i, people)
                counts["characters"] += 1
            if i % ENCOUNTER_EVERY == 2:
                _encounter(i, encounters)
                counts["encounters"] += 1
        if start == 0:
            items += ["  sc_token:", "    name: brass token", "    names: [token, brass token]",
                      "    description: \"A brass token with a slot-shaped notch.\""]
        parts = [rooms] + [p for p in (items, people, encounters) if len(p) > 1]
        text = "\n".join("\n".join(p) for p in parts) + "\n"
        (folder / f"grid_{start // PER_FILE:04d}.yaml").write_text(text, encoding="utf-8")
        counts["files"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rooms", type=int, required=True, help="rooms on the generated floor")
    parser.add_argument("--out", type=Path, required=True, help="the mod's folder (made if missing)")
    args = parser.parse_args(argv)
    if args.rooms < 1:
        parser.error("--rooms must be at least 1")
    counts = write(args.rooms, args.out)
    print(f"{args.out}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
