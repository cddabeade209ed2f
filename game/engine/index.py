"""What the engine looks up in a world again and again, computed once per world.

The world model is immutable once loaded, so these tables are shared by every game of it.
Nothing here walks the whole world when a game starts: the nameable things of items and
characters are made the first time each is looked up (a turn names the few things in scope,
not the thousands a large mod holds), and pursuit routes are searched when hunters need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.routes import Navigator
from game.engine.scope import Thing, make_thing

if TYPE_CHECKING:
    from game.world.model import World


class Things:
    """Item or character ids -> their nameable Things, each made on its first look-up."""

    def __init__(self, world: World, kind: str) -> None:
        self._world = world
        self._kind = kind
        self._made: dict[str, Thing] = {}

    def __getitem__(self, ident: str) -> Thing:
        thing = self._made.get(ident)
        if thing is None:
            if self._kind == "item":
                it = self._world.items[ident]  # KeyError for an id the world lacks, as a dict would
                thing = make_thing("item", ident, it.name, it.names)
            else:
                ch = self._world.characters[ident]
                thing = make_thing("character", ident, ch.name, ch.names, proper=ch.proper)
            self._made[ident] = thing
        return thing

    def get(self, ident: str) -> Thing | None:
        """The Thing for `ident`, or None if the world has no such item or character."""
        table = self._world.items if self._kind == "item" else self._world.characters
        return self[ident] if ident in table else None

    def __contains__(self, ident: object) -> bool:
        return ident in (self._world.items if self._kind == "item" else self._world.characters)


class WorldIndex:
    """Watchtowers by room, the nameable things of items and characters, pursuit routes."""

    def __init__(self, world: World) -> None:
        self.nav = Navigator(world)
        self.towers_over: dict[str, list[str]] = {}
        for tid, tower in world.watchtowers.items():
            for room in tower.watches:
                self.towers_over.setdefault(room, []).append(tid)
        self.items = Things(world, "item")
        self.characters = Things(world, "character")
