"""The Safeguard as a system: Watchtowers see, alert rises and falls, hunters close in.

Per turn the cost is bounded by the number of hunters (at most the towers' counts) and
the exits of the rooms they stand in: routes come from `Navigator`, which caches one
breadth-first search per target room, limited to that room's floor.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.rules import holds
from game.engine.state import Pursuit

if TYPE_CHECKING:
    from game.engine.game import Game
    from game.world.model import World


class Navigator:
    """Next-hop tables toward a target room along exits the Safeguard may use."""

    def __init__(self, world: "World", capacity: int = 256) -> None:
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


def watching_towers(game: "Game", room: str) -> list[str]:
    """The towers that can see `room` now."""
    return [tid for tid in game.towers_over.get(room, ()) if not blinded(game, tid)]


def blinded(game: "Game", tower: str) -> bool:
    """A tower with a `blind_when` that holds sees nothing."""
    cond = game.world.watchtowers[tower].blind_when
    return cond is not None and holds(game, cond)


def after_move(game: "Game") -> None:
    """Sightings when the player enters a watched room in the open."""
    s = game.state
    if s.hidden or game.world.rooms[s.room].safe:
        return
    towers = watching_towers(game, s.room)
    if towers:
        tower = game.world.watchtowers[towers[0]]
        s.known = s.room
        s.unseen = 0
        game.emit(ev.Narration(f"High above, {tower.name} turns its lens toward you. It has seen you.", "warning"))
        game.change_alert(game.world.game.alert.sighting, "sighting")


def tick(game: "Game") -> None:
    """One turn of the Safeguard: releases, movement, contact, sounds, and the alert's decay."""
    s = game.state
    world = game.world
    rules = world.game.alert
    moving = list(s.pursuers)  # a hunter released this turn waits a turn: it is heard first
    _release(game)
    for hunter in moving:
        _advance(game, hunter)
        if s.encounter is not None or s.ending is not None:
            return
    for hunter in s.pursuers:
        direction = game.direction_to(hunter.room)
        if direction is not None:
            text = world.pursuers[hunter.kind].approach.replace("{direction}", _from(direction))
            game.emit(ev.PursuerMoved(hunter.kind, hunter.room, direction))
            game.emit(ev.Narration(text, "warning"))
            break
    if not s.hidden and not world.rooms[s.room].safe and watching_towers(game, s.room):
        s.known, s.unseen = s.room, 0  # standing in a tower's sight keeps you found
        return
    s.unseen += 1
    needed = max(1, rules.decay_every // 2) if s.hidden else rules.decay_every
    if s.alert > 0 and s.unseen >= needed:
        s.unseen = 0
        game.change_alert(-1, "unseen")
        if s.alert == 0 and s.pursuers:
            s.pursuers.clear()
            s.known = None
            game.emit(ev.Narration("The City's murmur settles. Whatever was hunting you has lost interest.", "warning"))


def _release(game: "Game") -> None:
    s = game.state
    rules = game.world.game.alert
    if s.alert < rules.release_at or game.world.rooms[s.room].safe:
        return
    floor = game.world.rooms[s.room].floor
    for tid, tower in game.world.watchtowers.items():
        if game.world.rooms[tower.from_].floor != floor or blinded(game, tid):
            continue
        out = sum(1 for p in s.pursuers if p.tower == tid)
        if out < tower.count:
            kind = game.world.pursuers[tower.releases]
            s.pursuers.append(Pursuit(tower.releases, tower.from_, tid, kind.patience))
            game.emit(ev.PursuerMoved(tower.releases, tower.from_))
            game.emit(ev.Narration(f"Somewhere below {tower.name}, a hatch grinds open. {kind.name.capitalize()} are loose.", "warning"))
            return


def _advance(game: "Game", hunter: Pursuit) -> None:
    s = game.state
    if hunter.room != s.room:
        target = s.known
        step = game.nav.next_hop(hunter.room, target) if target and hunter.room != target else None
        if step is not None:
            hunter.room = step
        else:
            hunter.patience -= 1  # no trail, or at the trail's end without you: searching
        if hunter.patience <= 0:
            s.pursuers.remove(hunter)
            if not s.pursuers:
                s.known = None
            return
        if game.direction_to(hunter.room) is not None and not s.hidden:
            s.known = s.room  # close enough to hear you
    if hunter.room == s.room:
        _contact(game, hunter)


def _contact(game: "Game", hunter: Pursuit) -> None:
    s = game.state
    kind = game.world.pursuers[hunter.kind]
    if s.hidden and game.roll() < 0.6:
        game.emit(ev.Narration(f"{kind.name.capitalize()} sweep through the room. You hold still in your cover, and they pass on.", "warning"))
        s.known = None
        hunter.patience = min(hunter.patience, 2)
        return
    s.hidden = False
    s.known = s.room
    game.emit(ev.Narration(kind.arrives, "warning"))
    s.encounter_pursuer = hunter.kind
    s.pursuers.remove(hunter)
    game.start_encounter(kind.encounter)


def _from(direction: str) -> str:
    return {"up": "above", "down": "below", "in": "inside", "out": "outside"}.get(direction, direction)
