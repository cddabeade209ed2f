"""The Safeguard as a system: Watchtowers see, alert rises and falls, hunters close in.

Per turn the cost is bounded by the number of hunters (at most the towers' counts) and
the exits of the rooms they stand in: routes come from `game.engine.routes.Navigator`,
which caches one breadth-first search per target room, limited to that room's floor.

The seed shapes the patrols: a hunter on a trail now and then stops to cast about, and one
without a trail wanders the rooms around it instead of standing still. These draws come
from their own stream, derived from the game's seed and the turn (`patrol_draw`), so they
never move the story's RNG: every `chance` in the story, and every fixed beat, is as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.rng import MASK, next_state, seed_state
from game.engine.state import Pursuit

if TYPE_CHECKING:
    from game.engine.context import RuleContext


def watching_towers(ctx: RuleContext, room: str) -> list[str]:
    """The towers that can see `room` now."""
    return [tid for tid in ctx.index.towers_over.get(room, ()) if not blinded(ctx, tid)]


def blinded(ctx: RuleContext, tower: str) -> bool:
    """A tower with a `blind_when` that holds sees nothing."""
    cond = ctx.world.watchtowers[tower].blind_when
    return cond is not None and ctx.holds(cond)


def after_move(ctx: RuleContext) -> None:
    """Sightings when the player enters a watched room in the open."""
    s = ctx.state
    if s.hidden or ctx.world.rooms[s.room].safe:
        return
    towers = watching_towers(ctx, s.room)
    if towers:
        tower = ctx.world.watchtowers[towers[0]]
        s.known = s.room
        s.unseen = 0
        ctx.emit(ev.Narration(f"High above, {tower.name} turns its lens toward you. It has seen you.", "warning"))
        ctx.change_alert(ctx.world.game.alert.sighting, "sighting")


def tick(ctx: RuleContext) -> None:
    """One turn of the Safeguard: releases, movement, contact, sounds, and the alert's decay."""
    s = ctx.state
    world = ctx.world
    rules = world.game.alert
    moving = list(s.pursuers)  # a hunter released this turn waits a turn: it is heard first
    _release(ctx)
    for hunter in moving:
        _advance(ctx, hunter)
        if s.encounter is not None or s.ending is not None:
            return
    for hunter in s.pursuers:
        direction = ctx.direction_to(hunter.room)
        if direction is not None:
            text = world.pursuers[hunter.kind].approach.replace("{direction}", _from(direction))
            ctx.emit(ev.PursuerMoved(hunter.kind, hunter.room, direction))
            ctx.emit(ev.Narration(text, "warning"))
            break
    if not s.hidden and not world.rooms[s.room].safe and watching_towers(ctx, s.room):
        s.known, s.unseen = s.room, 0  # standing in a tower's sight keeps you found
        return
    s.unseen += 1
    needed = max(1, rules.decay_every // 2) if s.hidden else rules.decay_every
    if s.alert > 0 and s.unseen >= needed:
        s.unseen = 0
        ctx.change_alert(-1, "unseen")
        if s.alert == 0 and s.pursuers:
            s.pursuers.clear()
            s.known = None
            ctx.emit(ev.Narration("The City's murmur settles. Whatever was hunting you has lost interest.", "warning"))


def _release(ctx: RuleContext) -> None:
    s = ctx.state
    rules = ctx.world.game.alert
    if s.alert < rules.release_at or ctx.world.rooms[s.room].safe:
        return
    floor = ctx.world.rooms[s.room].floor
    for tid in ctx.index.nav.towers_near(s.room):  # on a large floor, towers far off stay shut (routes.NEAR)
        tower = ctx.world.watchtowers[tid]
        if ctx.world.rooms[tower.from_].floor != floor or blinded(ctx, tid):
            continue
        out = sum(1 for p in s.pursuers if p.tower == tid)
        if out < tower.count:
            kind = ctx.world.pursuers[tower.releases]
            s.pursuers.append(Pursuit(tower.releases, tower.from_, tid, kind.patience))
            ctx.emit(ev.PursuerMoved(tower.releases, tower.from_))
            loose = f"Somewhere below {tower.name}, a hatch grinds open. {kind.name.capitalize()} are loose."
            ctx.emit(ev.Narration(loose, "warning"))
            return


PAUSE = 1 / 6  # a hunter on a trail stops to cast about this often
WANDER = 1 / 2  # a hunter without a trail moves to a room beside it this often (else it waits and listens)


def patrol_draw(ctx: RuleContext, hunter: int, purpose: int) -> float:
    """A number in [0, 1) for one decision of one hunter this turn: from the game's seed and
    the turn, not the story's RNG (which it leaves where it was)."""
    s = ctx.state
    mixed = seed_state(s.seed) ^ ((s.moves * 0x9E3779B97F4A7C15 + hunter * 0xBF58476D1CE4E5B9 + purpose) & MASK)
    return next_state(mixed)[1]


def _patrol_exits(ctx: RuleContext, room: str) -> list[str]:
    """The rooms a hunter may step into from `room`: the Safeguard's exits, on its floor, outside safe rooms."""
    rooms = ctx.world.rooms
    here = rooms[room]
    return [ex.to for ex in here.exits.values()
            if ex.safeguard and ex.to in rooms and rooms[ex.to].floor == here.floor and not rooms[ex.to].safe]


def _advance(ctx: RuleContext, hunter: Pursuit) -> None:
    s = ctx.state
    if hunter.room != s.room:
        target = s.known
        step = ctx.index.nav.next_hop(hunter.room, target) if target and hunter.room != target else None
        number = s.pursuers.index(hunter)
        if step is not None and patrol_draw(ctx, number, 1) < PAUSE:
            step = hunter.room  # casting about for the scent: this turn it holds its ground
        if step is not None:
            hunter.room = step
        else:
            hunter.patience -= 1  # no trail, or at the trail's end without you: searching
            ways = _patrol_exits(ctx, hunter.room)
            if ways and patrol_draw(ctx, number, 2) < WANDER:
                hunter.room = ways[int(patrol_draw(ctx, number, 3) * len(ways))]
        if hunter.patience <= 0:
            s.pursuers.remove(hunter)
            if not s.pursuers:
                s.known = None
            return
        if ctx.direction_to(hunter.room) is not None and not s.hidden:
            s.known = s.room  # close enough to hear you
    if hunter.room == s.room:
        _contact(ctx, hunter)


def _contact(ctx: RuleContext, hunter: Pursuit) -> None:
    s = ctx.state
    kind = ctx.world.pursuers[hunter.kind]
    if s.hidden and ctx.roll() < 0.6:
        passed = f"{kind.name.capitalize()} sweep through the room. You hold still in your cover, and they pass on."
        ctx.emit(ev.Narration(passed, "warning"))
        s.known = None
        hunter.patience = min(hunter.patience, 2)
        return
    s.hidden = False
    s.known = s.room
    ctx.emit(ev.Narration(kind.arrives, "warning"))
    s.encounter_pursuer = hunter.kind
    s.pursuers.remove(hunter)
    ctx.start_encounter(kind.encounter)


def _from(direction: str) -> str:
    return {"up": "above", "down": "below", "in": "inside", "out": "outside"}.get(direction, direction)
