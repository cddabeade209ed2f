"""Routes the Safeguard may take: the next room toward a target, one floor at a time.

A breadth-first search outward from the target over reversed exits gives each room its next
hop. It is searched lazily: only as far as the hunter that asks (so a hunter one room from
what it heard costs a few rooms, not the floor), resumed where it stopped when another asks,
and never beyond `REACH` rooms from the target: a hunter farther than that has lost the trail
and searches where it is. The result is the full search's, exactly (hops are fixed when a
room is first reached, and the search always takes rooms in the same order), so how far a
search has gone never shows in the game.

The reversed exits are worked out once per world, the first time any hunter needs a route,
and shared by every game of that world in the process (the world is immutable), as are the
searches: `city check` and agents run thousands of games of one world. They come from each
room's floor, safety and exits, which a cached world keeps beside its rooms, so a search
never makes the game read a room it does not show.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.world.model import World

REACH = 4096  # rooms a search reaches from its target at most (the bundled world's floors hold under 30)
KEPT = 64  # searches kept, least recently used first out (each holds at most REACH rooms)
NEAR = 1024  # rooms around the player whose Watchtowers release hunters (every room of a bundled floor)


class _Search:
    """A breadth-first search outward from one target, stopped wherever it was last needed."""

    __slots__ = ("full", "hops", "queue")

    def __init__(self, target: str) -> None:
        self.hops: dict[str, str] = {target: target}  # room -> next room toward the target
        self.queue: deque[str] = deque([target])
        self.full = False  # reached REACH rooms: it goes no further

    def hop(self, here: str, sources: Callable[[str], list[str]], counter: list[int]) -> str | None:
        hops, queue = self.hops, self.queue
        while here not in hops and queue and not self.full:
            room = queue.popleft()
            counter[0] += 1
            for source in sources(room):
                if source not in hops:
                    hops[source] = room
                    queue.append(source)
            self.full = len(hops) >= REACH
        step = hops.get(here)
        return None if step == here else step  # the target itself has no next hop


class _Routes:
    """What every game of one world shares: the reversed exits and the searches."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.into: dict[str, list[str]] = {}  # a room -> its sources (see sources), as found
        self.whole = False  # every room's sources are in `into`
        self.graph: dict[str, list[Any]] | None = None
        self.searches: OrderedDict[str, _Search] = OrderedDict()
        self.expanded = [0]  # rooms taken off a search's queue, ever: the work done, for tests and benches
        self.towers_from: dict[str, list[str]] | None = None  # a room -> the towers that release there
        self.near: OrderedDict[str, list[str]] = OrderedDict()  # a room -> the towers near it, in the world's order
        self.tower_order: dict[str, int] = {}

    def links(self) -> dict[str, list[Any]]:
        """Each room as [floor, safe, to, safeguard, to, safeguard, ...] (its exits in order): a
        cached world keeps this beside its rooms (game.world.cache.LazyRooms), so no room is read."""
        if self.graph is None:
            graph = getattr(self.world.rooms, "graph", None)
            if graph is None:
                graph = {rid: [room.floor, room.safe, *(v for ex in room.exits.values() for v in (ex.to, ex.safeguard))]
                         for rid, room in self.world.rooms.items()}
            self.graph = graph
        return self.graph

    def sources(self, room: str) -> list[str]:
        """The rooms whose Safeguard exits lead into `room` on its floor, neither safe, in the
        world's order. A cached world names its one-way exits, so these are found from the
        room's own neighbours, as searches reach it; a world just built is reversed whole, once."""
        found = self.into.get(room)
        if found is not None or self.whole:
            return found or []
        oneway = getattr(self.world.rooms, "oneway", None)
        if oneway is None:
            self._reverse_whole()
            return self.into.get(room, [])
        links = self.links()
        here = links.get(room)
        found = []
        if here is not None and not here[1]:
            floor = here[0]
            for source in dict.fromkeys([*here[2::2], *oneway.get(room, ())]):  # its neighbours, and one-way ways in
                there = links.get(source)
                if there is None or there[1] or there[0] != floor:
                    continue
                for i in range(2, len(there), 2):
                    if there[i] == room and there[i + 1]:
                        found.append(source)
                        break
            if len(found) > 1:  # in the world's order, as a whole reversal lists them
                at = self.world.rooms.at  # type: ignore[attr-defined]
                found.sort(key=lambda r: at[r][0])
        self.into[room] = found
        return found

    def _reverse_whole(self) -> None:
        links = self.links()
        into: dict[str, list[str]] = {}
        for rid, (floor, safe, *exits) in links.items():
            if safe:
                continue
            for i in range(0, len(exits), 2):
                target = links.get(exits[i])
                if exits[i + 1] and target is not None and target[0] == floor and not target[1]:
                    into.setdefault(exits[i], []).append(rid)
        self.into, self.whole = into, True

    def towers_near(self, room: str) -> list[str]:
        """The Watchtowers (in the world's order) whose hunters come out within NEAR rooms of
        `room`, through any exits on its floor: a floor of a bundled size holds all its towers."""
        found = self.near.get(room)
        if found is not None:
            self.near.move_to_end(room)
            return found
        links = self.links()
        if self.towers_from is None:
            self.towers_from = {}
            for tid, tower in self.world.watchtowers.items():
                self.towers_from.setdefault(tower.from_, []).append(tid)
            self.tower_order = {tid: i for i, tid in enumerate(self.world.watchtowers)}
        floor = links[room][0]
        seen = {room}
        queue = deque([room])
        while queue and len(seen) < NEAR:
            here = queue.popleft()
            self.expanded[0] += 1
            for to in links[here][2::2]:
                there = links.get(to)
                if there is not None and there[0] == floor and to not in seen:
                    seen.add(to)
                    queue.append(to)
        towers = self.towers_from
        found = sorted((tid for r in seen if r in towers for tid in towers[r]), key=self.tower_order.__getitem__)
        self.near[room] = found
        while len(self.near) > KEPT:
            self.near.popitem(last=False)
        return found


_SHARED: dict[int, tuple[weakref.ref[World], _Routes]] = {}


def _routes_of(world: World) -> _Routes:
    """The shared routes of `world` (made on first use, dropped when the world is)."""
    key = id(world)
    found = _SHARED.get(key)
    if found is not None and found[0]() is world:
        return found[1]
    routes = _Routes(world)
    shared = _SHARED  # the callback may run as the interpreter exits, after the module's names are gone
    _SHARED[key] = (weakref.ref(world, lambda _ref: shared.pop(key, None)), routes)
    return routes


class Navigator:
    """Next hops toward a target room along exits the Safeguard may use."""

    def __init__(self, world: World, capacity: int = KEPT) -> None:
        self.world = world
        self.capacity = capacity
        self._routes: _Routes | None = None  # nothing is worked out until a hunter needs a route

    def next_hop(self, here: str, target: str) -> str | None:
        """The room to step into from `here` toward `target`, or None if there is no route
        (or `target` is more than REACH rooms away)."""
        routes = self._routes or self._shared()
        searches = routes.searches
        search = searches.get(target)
        if search is None:
            search = searches[target] = _Search(target)
            while len(searches) > self.capacity:
                searches.popitem(last=False)
        else:
            searches.move_to_end(target)
        return search.hop(here, routes.sources, routes.expanded)

    def towers_near(self, room: str) -> list[str]:
        """The Watchtowers (in the world's order) near enough to `room` to release hunters at it."""
        return (self._routes or self._shared()).towers_near(room)

    @property
    def work(self) -> int:
        """Rooms expanded by the searches of this world so far (a count, for tests and benches)."""
        return (self._routes or self._shared()).expanded[0]

    def _shared(self) -> _Routes:
        self._routes = _routes_of(self.world)
        return self._routes
