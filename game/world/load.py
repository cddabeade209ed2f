"""Load the world: the compiled-world cache when it is fresh, else assemble it from YAML.

`load_world` is what the game calls: it returns a `World` or raises `WorldInvalid` with
every problem found. This module is on every start's path, so it imports nothing heavy:
YAML, pydantic and the problem machinery live in `game.world.assemble`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from game.world import cache
from game.world.model import World
from game.world.paths import bundled_data_dir

if TYPE_CHECKING:
    from game.world.problems import Problem


def load_world(mods: Any = (), use_cache: bool = True, world_dir: str | os.PathLike[str] | None = None,
               notes: list[str] | None = None) -> World:
    """The bundled world (or `world_dir`) with `mods` (folders) laid over it; raises WorldInvalid.

    `notes` collects what the player should hear about, such as a cache that cannot be
    written (which makes every start slow)."""
    world_dir = os.fspath(world_dir) if world_dir else os.path.join(bundled_data_dir(), "world")
    key = cache.key_for(world_dir, list(mods)) if use_cache else None
    if key is not None:
        hit = cache.read(key)
        if hit is not None:
            return hit
    from game.world.problems import WorldInvalid  # a miss: the slow path anyway

    world, problems = check_world(mods, world_dir)
    errors = [p for p in problems if p.severity == "error"]
    if errors or world is None:
        raise WorldInvalid(errors or problems)
    if key is not None:
        problem = cache.write(key, world)
        if problem is not None and notes is not None:
            notes.append(f"the world cache could not be written ({problem}); every start reads the world's "
                         "files, which is slower. Set CITY_CACHE to a folder you can write to.")
    return world


def check_world(mods: Any = (), world_dir: str | os.PathLike[str] | None = None) -> tuple[World | None, list[Problem]]:
    """Read, merge and check everything; the world (if it has no errors) and all problems.

    The cyclic collector is off meanwhile: building a world makes hundreds of thousands of
    objects and no garbage cycles, and its passes over them were a fifth of validating a
    5,000-room mod (2.8 s -> 2.1 s)."""
    import gc

    from game.world.assemble import check_world as assemble

    enabled = gc.isenabled()
    gc.disable()
    try:
        return assemble(mods, world_dir)
    finally:
        if enabled:
            gc.enable()
