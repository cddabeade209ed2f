"""`city new-mod DIR`: a working mod to start from: a manifest, a room joined to the
bundled world, an item, and a playthrough that visits them. It validates and plays at once.

Each YAML file starts with a `yaml-language-server` line naming the JSON Schema beside it
(written into the mod too, so an editor checks and completes the files with no setup)."""

from __future__ import annotations

import os
from pathlib import Path

from game.world.manifest import folder_id
from game.world.model import DIRECTIONS, World
from game.world.schema import MANIFEST_FILE, WORLD_FILE, schema_files

OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east", "northeast": "southwest",
            "southwest": "northeast", "northwest": "southeast", "southeast": "northwest", "up": "down",
            "down": "up", "in": "out", "out": "in"}


class NewModError(Exception):
    """The folder cannot hold a new mod; the message says why."""


def write_new_mod(folder: Path, world: World) -> list[Path]:
    """Create the mod's files; the list of files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NewModError(f"{folder} already exists and is not an empty folder; choose a new folder name.")
    ident = folder_id(folder)
    host = world.game.start
    here = world.rooms[host]
    direction = next((d for d in DIRECTIONS if d not in here.exits and OPPOSITE[d] != d), None)
    if direction is None:
        raise NewModError(f"the start room '{host}' has no free direction for a new exit.")
    back = OPPOSITE[direction]
    room, item = f"{ident}_nook", f"{ident}_token"
    files = {
        "mod.yaml": f"""# yaml-language-server: $schema={MANIFEST_FILE}
# The manifest: who this mod is. See MODDING.md.
id: {ident}
name: {ident.replace('_', ' ').title()}
version: 0.1.0
description: A first room and a first item, joined to the bundled world.
""",
        "rooms.yaml": f"""# yaml-language-server: $schema={WORLD_FILE}
# A new room, and an exit to it from the bundled world's start room.
rooms:
  {host}:
    exits:
      {direction}: {room}      # adds one exit; the room's other fields stay as they were
  {room}:
    floor: {here.floor}
    name: A Quiet Nook
    description: >
      A nook no wider than your outstretched arms, tucked behind a fold of old plating.
      Someone has swept it clean. A small token rests on a ledge at the height of your
      eyes, as if left for whoever came looking. The way back is {back}.
    brief: The swept nook. The way back is {back}.
    features:
      ledge:
        names: [ledge, plating]
        text: A lip of plating, polished by hands. Nothing else rests on it.
    exits:
      {back}: {host}
    items: [{item}]
""",
        "items.yaml": f"""# yaml-language-server: $schema={WORLD_FILE}
items:
  {item}:
    name: carved token
    names: [token]
    description: A disc of pale metal with a notch cut in its rim. It is warm from the ledge.
""",
        os.path.join("tests", "visit.play"): f"""# Visits the mod's room and takes its item.
# Run: city run {folder}/tests/visit.play
title: {ident} visit
mod: ..

> {direction}
A Quiet Nook
@room {room}
> take token
Taken.
@has {item}
> {back}
@room {host}
""",
        **schema_files(),
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
