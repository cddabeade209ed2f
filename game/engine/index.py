"""What the engine looks up in a world again and again, computed once per world.

The world model is immutable once loaded, so these tables are shared by every game of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.routes import Navigator
from game.engine.scope import Thing, make_thing

if TYPE_CHECKING:
    from game.world.model import World


class WorldIndex:
    """Watchtowers by room, the nameable things of items and characters, pursuit routes."""

    def __init__(self, world: World) -> None:
        self.nav = Navigator(world)
        self.towers_over: dict[str, list[str]] = {}
        for tid, tower in world.watchtowers.items():
            for room in tower.watches:
                self.towers_over.setdefault(room, []).append(tid)
        self.items: dict[str, Thing] = {i: make_thing("item", i, it.name, it.names) for i, it in world.items.items()}
        self.characters: dict[str, Thing] = {
            c: make_thing("character", c, ch.name, ch.names, proper=ch.proper) for c, ch in world.characters.items()}
