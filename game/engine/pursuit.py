"""The Safeguard as a system: Watchtowers see, alert rises and falls, hunters close in.

Per turn the cost is bounded by the number of hunters (at most the towers' counts) and
the exits around the rooms they and the player stand in: routes come from
`game.engine.routes.Navigator`, which caches one search per target room. Nothing here
walks a floor.

Hunters hunt together: the first on the trail goes for where the Safeguard last knew the
player to be, the others for the ways out of that room, so that running the obvious way
runs into them. A wounded player (health at or below `alert.wounded_at`) is heard from two
rooms away, leaves a trail the hunters follow without stopping, is slower (the hunters on the
trail gain `alert.wounded_lag` steps on each move) and hides less well. The
game says which of hiding, running and breaking line of sight worked, and why.

The seed shapes the patrols: a hunter on a trail now and then stops to cast about, and one
without a trail wanders the rooms around it instead of standing still. These draws come
from `rng.derived` (the game's seed and the turn), so they never move the story's RNG:
every `chance` in the story, and every fixed beat, is as it was.

The emitter's cost lives here too (`fire_beam`, `beam_turns_left`): a shot must recover,
raises the alert and calls the floor's hunters to the shot, and may wound its carrier.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine import rng
from game.engine.phases import EXPLORING
from game.engine.state import Pursuit

if TYPE_CHECKING:
    from game.engine.context import Reads, RuleContext


def watching_towers(ctx: Reads, room: str) -> list[str]:
    """The towers that can see `room` now."""
    return [tid for tid in ctx.index.towers_over.get(room, ()) if not blinded(ctx, tid)]


def blinded(ctx: Reads, tower: str) -> bool:
    """A tower with a `blind_when` that holds sees nothing."""
    cond = ctx.world.watchtowers[tower].blind_when
    return cond is not None and ctx.holds(cond)


def wounded(ctx: Reads) -> bool:
    """The player is wounded enough to be louder and easier to follow (`alert.wounded_at`)."""
    return ctx.state.health <= ctx.world.game.alert.wounded_at


def after_move(ctx: RuleContext) -> None:
    """Sightings when the player enters a watched room in the open; a word when they break
    the line of sight with hunters out: true to where the hunters are (one already in the
    room fights this turn; one near enough to hear comes for the player, not for the last
    place it knew)."""
    s = ctx.state
    if s.hidden or ctx.world.rooms[s.room].safe:
        return
    towers = watching_towers(ctx, s.room)
    if towers:
        tower = ctx.world.watchtowers[towers[0]]
        s.known = s.room
        s.unseen = 0
        ctx.emit(ev.Narration(f"High above, {tower.name} turns toward you. It has seen you.", "warning"))
        ctx.change_alert(ctx.world.game.alert.sighting, "sighting")
    elif (s.pursuers and s.known is not None and s.known != s.room and ctx.direction_to(s.known) is not None
          and not any(hunter.room == s.room for hunter in s.pursuers)):  # (one here: this turn's fight says so)
        if any(_earshot(ctx, hunter.room) for hunter in s.pursuers):
            ctx.emit(ev.Narration("Out of their sight here, but not out of their hearing: they are near enough "
                                  "to follow you by the sound.", "warning"))
        else:
            where = ctx.world.rooms[s.known].name
            ctx.emit(ev.Narration(f"Out of sight here. The hunters will make for the last place they knew you: {where}."))
    if s.pursuers and s.known is not None and s.phase == EXPLORING and wounded(ctx):
        _limp(ctx)


def _limp(ctx: RuleContext) -> None:
    """A wounded player is slower: each move, the hunters on the trail gain `alert.wounded_lag`
    steps. They stop short of the player's room: meeting them is the turn's own business
    (a move can come from a story's effect, in the middle of other effects)."""
    s = ctx.state
    lag = ctx.world.game.alert.wounded_lag
    if lag <= 0:
        return
    ctx.emit(ev.Narration("Your wound slows you, and behind you the hunt gains ground.", "warning"))
    if not s.hidden and any(_earshot(ctx, hunter.room) for hunter in s.pursuers):
        s.known = s.room
    for _ in range(lag):
        for number, hunter in enumerate(s.pursuers):
            target = _target(ctx, hunter, number)
            step = ctx.index.nav.next_hop(hunter.room, target) if target and hunter.room != target else None
            if step is not None and step != s.room:
                hunter.room = step


def tick(ctx: RuleContext) -> None:
    """One turn of the Safeguard: releases, movement, contact, sounds, and the alert's decay."""
    s = ctx.state
    world = ctx.world
    rules = world.game.alert
    moving = list(s.pursuers)  # a hunter released this turn waits a turn: it is heard first
    _release(ctx)
    for number, hunter in enumerate(moving):
        _advance(ctx, hunter, number)
        if s.encounter is not None or s.ending is not None:
            return
    _heard(ctx)
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


def _heard(ctx: RuleContext) -> None:
    """What the player hears of hunters one room away; two or more ways at once are cut off."""
    s = ctx.state
    world = ctx.world
    ways: list[str] = []
    for hunter in s.pursuers:
        direction = ctx.direction_to(hunter.room)
        if direction is not None and direction not in ways:
            if not ways:
                text = world.pursuers[hunter.kind].approach.replace("{direction}", _from(direction))
                ctx.emit(ev.PursuerMoved(hunter.kind, hunter.room, direction))
                ctx.emit(ev.Narration(text, "warning"))
            ways.append(direction)
    if len(ways) > 1:
        sides = " and ".join(_from(w) for w in ways)
        ctx.emit(ev.Narration(f"They are coming from more than one side ({sides}): those ways out are cut off.", "warning"))


def _release(ctx: RuleContext) -> None:
    s = ctx.state
    rules = ctx.world.game.alert
    if s.alert < rules.release_at or ctx.world.rooms[s.room].safe:
        return
    floor = ctx.world.rooms[s.room].floor
    for tid in ctx.index.nav.towers_near(s.room):  # on a large floor, towers far off stay shut (routes.NEAR)
        tower = ctx.world.watchtowers[tid]
        if ctx.world.rooms[tower.from_].floor != floor or tower.from_ == s.room or blinded(ctx, tid):
            continue  # (not under the player's feet: a hunter is heard coming before it strikes)
        out = sum(1 for p in s.pursuers if p.tower == tid)
        if out < tower.count:
            kind = ctx.world.pursuers[tower.releases]
            s.pursuers.append(Pursuit(tower.releases, tower.from_, tid, kind.patience))
            ctx.emit(ev.PursuerMoved(tower.releases, tower.from_))
            loose = f"Somewhere below {tower.name}, a hatch grinds open. {kind.name.capitalize()} are loose."
            ctx.emit(ev.Narration(loose, "warning"))
            return


PAUSE = 1 / 6  # a hunter on a trail stops to cast about this often (never on a wounded player's blood)
WANDER = 1 / 2  # a hunter without a trail moves to a room beside it this often (else it waits and listens)


def patrol_draw(ctx: Reads, hunter: int, purpose: int) -> float:
    """A number in [0, 1) for one decision of one hunter this turn: from the game's seed and
    the turn, not the story's RNG (which it leaves where it was)."""
    return rng.derived(ctx.state.seed, ctx.state.moves, hunter * 8 + purpose)


def _patrol_exits(ctx: Reads, room: str) -> list[str]:
    """The rooms a hunter may step into from `room`: the Safeguard's exits, on its floor, outside safe rooms."""
    rooms = ctx.world.rooms
    here = rooms[room]
    return [ex.to for ex in here.exits.values()
            if ex.safeguard and ex.to in rooms and rooms[ex.to].floor == here.floor and not rooms[ex.to].safe]


def _target(ctx: Reads, hunter: Pursuit, number: int) -> str | None:
    """Where a hunter makes for: the first on the trail for where the player was last known,
    each other one for a way out of that room (not the one the first is coming by)."""
    known = ctx.state.known
    if known is None or number == 0 or hunter.room == known:
        return known
    lead = ctx.state.pursuers[0].room if ctx.state.pursuers else None
    ways = [w for w in _patrol_exits(ctx, known) if w != lead]
    return ways[(number - 1) % len(ways)] if ways else known


def _earshot(ctx: Reads, room: str) -> bool:
    """Hunters in `room` can hear the player: one room away, or two while the player is wounded."""
    if ctx.direction_to(room) is not None:
        return True
    if not wounded(ctx):
        return False
    rooms = ctx.world.rooms
    return any(ex.to in rooms and any(e.to == room for e in rooms[ex.to].exits.values())
               for ex in rooms[ctx.state.room].exits.values())


def _advance(ctx: RuleContext, hunter: Pursuit, number: int) -> None:
    s = ctx.state
    if hunter not in s.pursuers:
        return
    if hunter.room != s.room:
        target = _target(ctx, hunter, number)
        step = ctx.index.nav.next_hop(hunter.room, target) if target and hunter.room != target else None
        if step is not None and not wounded(ctx) and patrol_draw(ctx, number, 1) < PAUSE:
            step = hunter.room  # casting about for the scent: this turn it holds its ground
        if step is not None:
            hunter.room = step
        else:
            hunter.patience -= 1  # no trail, at the trail's end without you, or holding a way out
            ways = _patrol_exits(ctx, hunter.room)
            if target is None and ways and patrol_draw(ctx, number, 2) < WANDER:
                hunter.room = ways[int(patrol_draw(ctx, number, 3) * len(ways))]
        if hunter.patience <= 0:
            s.pursuers.remove(hunter)
            if not s.pursuers:
                s.known = None
                ctx.emit(ev.Narration("The sounds of the hunt thin out and stop: they have lost your trail. Keeping "
                                      "out of their sight and hearing worked.", "warning"))
            return
        if not s.hidden and _earshot(ctx, hunter.room):
            s.known = s.room  # close enough to hear you
    if hunter.room == s.room:
        _contact(ctx, hunter)


def _contact(ctx: RuleContext, hunter: Pursuit) -> None:
    s = ctx.state
    rules = ctx.world.game.alert
    kind = ctx.world.pursuers[hunter.kind]
    name = kind.name.capitalize()
    if s.hidden:
        hurt = wounded(ctx)
        if ctx.roll() < (rules.wounded_hide_chance if hurt else rules.hide_chance):
            why = "though your wound's ragged breathing nearly gave you away" if hurt else "never knowing you were there"
            ctx.emit(ev.Narration(f"{name} sweep through the room. You hold still in your cover, and they pass on, "
                                  f"{why}. Hiding worked.", "warning"))
            s.known = None
            hunter.patience = min(hunter.patience, 2)
            ways = [w for w in _patrol_exits(ctx, hunter.room) if w != s.room]
            if ways:  # they pass on: out of the room, not round it again next turn
                hunter.room = ways[int(patrol_draw(ctx, s.pursuers.index(hunter), 4) * len(ways))]
            return
        why = ("you are wounded, and you cannot keep your breathing quiet" if hurt
               else "one of them looks twice at your cover, and stays")
        ctx.emit(ev.Narration(f"Hiding is not enough this time: {why}.", "warning"))
    s.hidden = False
    s.known = s.room
    ctx.emit(ev.Narration(kind.arrives, "warning"))
    s.encounter_pursuer = hunter.kind
    s.pursuers.remove(hunter)
    ctx.start_encounter(kind.encounter)


def _from(direction: str) -> str:
    return {"up": "above", "down": "below", "in": "inside", "out": "outside"}.get(direction, direction)


# -- the Gravitational Beam Emitter's cost ------------------------------------------------

BEAM = 1 << 21  # its draws apart from the patrols' and the ambient ones


def beam_turns_left(ctx: Reads, who: str) -> int:
    """Turns before `who`'s emitter may fire again (0: ready)."""
    ready_at = ctx.state.flags.get(f"{who}_beam_ready_at", 0)
    return max(0, ready_at - ctx.state.moves) if isinstance(ready_at, int) else 0


def fire_beam(ctx: RuleContext, who: str) -> None:
    """A shot: the emitter must recover (longer for each wound its carrier has taken), the
    alert rises and the floor's hunters learn where it was fired, and in a fight with the
    Safeguard the carrier may take a wound."""
    s = ctx.state
    beam = ctx.world.game.beam
    wounds = s.flags.get(f"{who}_wounds", 0)
    wounds = wounds if isinstance(wounds, int) else 0
    if beam.recover:
        s.flags[f"{who}_beam_ready_at"] = s.moves + beam.recover * (1 + wounds)
    if beam.alert:
        ctx.change_alert(beam.alert, "beam")
        s.known, s.unseen = s.room, 0
    if s.encounter_pursuer is not None and rng.derived(s.seed, s.moves, BEAM) < beam.hurt_chance:
        s.flags[f"{who}_wounds"] = wounds + 1
        if beam.hurt:
            ctx.emit(ev.Narration(beam.hurt.replace("{name}", ctx.character_label(who, capital=True)), "warning"))
