"""Routes the Safeguard may take: next-hop tables toward a room, one floor at a time.

A breadth-first search outward from the target over reversed exits, cached (least recently
used first out), so a hunter's step costs a dictionary look-up however large the world.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.world.model import World


class Navigator:
    """Next-hop tables toward a target room along exits the Safeguard may use."""

    def __init__(self, world: World, capacity: int = 256) -> None:
        self.world = world
        self.capacity = capacity
        self._tables: OrderedDict[str, dict[str, str]] = OrderedDict()
        # reverse edges on each floor, for a BFS outward from the target
        self._into: dict[str, list[str]] = {r: [] for r in world.rooms}
        for rid, room in world.rooms.items():
            for ex in room.exits.values():
                target = world.rooms.get(ex.to)
                if ex.safeguard and target and target.floor == room.floor and not target.safe and not room.safe:
                    self._into[ex.to].append(rid)

    def next_hop(self, here: str, target: str) -> str | None:
        """The room to step into from `here` toward `target`, or None if there is no route."""
        table = self._tables.get(target)
        if table is None:
            table = self._search(target)
            self._tables[target] = table
            if len(self._tables) > self.capacity:
                self._tables.popitem(last=False)
        else:
            self._tables.move_to_end(target)
        return table.get(here)

    def _search(self, target: str) -> dict[str, str]:
        hops: dict[str, str] = {}
        queue = deque([target])
        seen = {target}
        while queue:
            room = queue.popleft()
            for source in self._into.get(room, ()):
                if source not in seen:
                    seen.add(source)
                    hops[source] = room
                    queue.append(source)
        return hops
