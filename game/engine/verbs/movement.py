"""Verbs of moving and keeping alive: go, wait, sleep, hide, listen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Confirm, Refused, Retry
from game.engine.grammar import Command
from game.engine.phases import EXPLORING
from game.engine.scope import SELF, Ambiguous, is_are, list_names, the
from game.engine.verbs.registry import ACTING, verb
from game.engine.words import DIRECTION_WORDS, TOKEN, words_of

if TYPE_CHECKING:
    from game.engine.context import VerbContext

MAX_WAIT = 40
HEARD_FROM = {"up": "above you", "down": "below you", "in": "inside", "out": "outside"}
GO = "go|walk|run|head|travel|climb|crawl|enter|exit|leave|scale|cross"


@verb("go", f"{GO} [direction]", f"{GO} [obj]", "go+to|walk+to|run+to|head+to|travel+to|move+to [obj]",
      f"{GO} [direction] [_]", "move [direction]",
      ("enter", {"obj": "in"}), ("exit|leave", {"obj": "out"}),
      ("climb up", {"obj": "up"}), ("climb down", {"obj": "down"}), "climb|go up|down [obj]",
      ("ascend", {"obj": "up"}), ("descend", {"obj": "down"}), "ascend|descend [obj]",
      phases=ACTING, group="movement")
def go(ctx: VerbContext, c: Command) -> None:
    """go DIRECTION (or n, s, e, w, ne, nw, se, sw, u, d, in, out)"""
    room = ctx.world.rooms[ctx.state.room]
    target = c.obj
    if c.prep in ("up", "down") and target:  # climb down the ladder: the ladder's way, else down
        target = _exit_carried_by(ctx, target) or c.prep
    if not target and c.prep in ("up", "down"):  # climb up, climb down
        target = c.prep
    if not target:
        raise Refused("missing_object", "Which way? " + exits_sentence(ctx))
    carrier = _exit_carried_by(ctx, target) if target not in room.exits else None
    if carrier is not None:
        target = carrier  # the ladder, hatch or door that is the way: climb it, enter it
    if target not in room.exits:
        if target in DIRECTION_WORDS.values():
            raise Refused("cant_go", f"You can't go {target} from here. " + exits_sentence(ctx))
        direction = _exit_by_name(ctx, target)
        if direction is None and set(words_of(target)) <= set(words_of(room.name.replace("'", ""))):
            name = "the " + room.name[4:] if room.name.startswith("The ") else room.name
            raise Refused("cant_go", f"You are in {name} already. " + exits_sentence(ctx))
        if direction is None:
            scenery = next((t for t in ctx.scope() if t.kind != "item" and set(words_of(target)) <= t.words), None)
            if scenery is not None:
                raise Refused("cant_go", f"{the(scenery, True)} {is_are(scenery)} no way to go anywhere. " + exits_sentence(ctx))
            raise Refused("cant_go", f"You don't know a way to '{target}' from here. " + exits_sentence(ctx))
        target = direction
    ex = room.exits[target]  # type: ignore[index]  # a checked direction
    if not ctx.holds(ex.when):
        if ex.hidden:
            raise Refused("cant_go", f"You can't go {target} from here. " + exits_sentence(ctx))
        raise Refused("blocked", ex.refuse or "That way is closed to you for now.")
    if ex.warn and not ctx.confirmed:
        raise Confirm(ex.warn)  # a point of no return the world declares
    if ex.text:
        ctx.emit(ev.Narration(ex.text))
    ctx.enter(ex.to)


def _exit_carried_by(ctx: VerbContext, phrase: str) -> str | None:
    """The direction of the exit a thing here is (a feature with `exit:`), if the phrase names one."""
    features = [t for t in ctx.scope() if t.kind == "feature"]
    try:
        thing = ctx.resolve(phrase, features)
    except Ambiguous:
        return None
    return ctx.features_here()[thing.id].exit if thing is not None else None


def _exit_by_name(ctx: VerbContext, phrase: str) -> str | None:
    words = set(words_of(phrase))
    for direction, ex in ctx.visible_exits().items():
        name_words = set(TOKEN.findall(ctx.world.rooms[ex.to].name.lower())) | set(ex.to.split("_"))
        if words and words <= name_words:
            return direction
    return None


@verb("back", "back|return|retreat|flee|backtrack", "go|run|head|turn+back", "go+back|run+back|head+back [_]",
      phases=ACTING, group="movement")
def back(ctx: VerbContext, c: Command) -> None:
    """back (return, retreat): go back the way you came"""
    came_from = ctx.state.came_from
    if came_from is None:
        raise Refused("cant_go", "You have not come from anywhere yet to go back to. " + exits_sentence(ctx))
    direction = ctx.direction_to(came_from)
    if direction is None:
        raise Refused("cant_go", f"There is no way straight back to {ctx.world.rooms[came_from].name} from here. "
                      + exits_sentence(ctx))
    raise Retry(f"go {direction}")


def exits_sentence(ctx: VerbContext) -> str:
    exits = list(ctx.visible_exits())
    return f"The ways out are {list_names(exits)}." if exits else "There is no obvious way out."


@verb("wait", "wait|z", "wait|z [obj]", "wait+for [_]", "wait|z [obj] turns|minutes|moments|times", phases=ACTING,
      group="movement")
def wait(ctx: VerbContext, c: Command) -> None:
    """wait (z), wait N: let time pass (a sound or a sighting stops you)"""
    turns = min(int(c.obj), MAX_WAIT) if c.obj.isdigit() else 1
    ctx.emit(ev.Narration("Time passes. The City hums around you."))
    for _ in range(turns - 1):  # the turn loop takes the last turn
        said = len(ctx.events)
        ctx.tick()
        if ctx.state.phase != EXPLORING or any(getattr(e, "style", "") == "warning" for e in ctx.events[said:]):
            ctx.emit(ev.Narration("You stop waiting.", "system"))
            return


@verb("sleep", "sleep|rest|camp|nap", "sleep|rest|camp|nap [_]", "lie+down [_]", "go+to+sleep [_]", phases=ACTING,
      group="movement")
def sleep(ctx: VerbContext, c: Command) -> None:
    """sleep: rest until the next day (only somewhere safe)"""
    room = ctx.world.rooms[ctx.state.room]
    if not room.safe:
        raise Refused("unsafe", "Not here. Out in the City, sleep is how hunters die. Sleep behind the perimeter.")
    if not ctx.confirmed:
        raise Confirm("Sleep through to tomorrow? A day goes by, and a day of the village's food with it.")
    tpd = ctx.world.game.clock.turns_per_day
    ctx.emit(ev.Narration("You sleep, and the City goes on building itself in the dark."))
    ctx.pass_time(tpd - ctx.state.time % tpd - 1)


@verb("hide", "hide|crouch|duck|cower", "hide|crouch|duck|cower [_]", phases=ACTING, group="movement")
def hide(ctx: VerbContext, c: Command) -> None:
    """hide: take cover, where there is any"""
    room = ctx.world.rooms[ctx.state.room]
    if not room.cover:
        raise Refused("no_cover", "There is nowhere to hide here. Somewhere with more cover, perhaps.")
    if ctx.state.hidden:
        raise Refused("no_effect", "You are already hidden. Wait (z) here and let them pass, or move on when the way "
                                   "is clear.")
    ctx.state.hidden = True
    ctx.emit(ev.Narration(f"You press yourself into cover {room.cover} and keep still."))


@verb("listen", "listen|hear", "listen|hear [_]", "listen+to [_]", phases=ACTING, takes_time=False, group="movement")
def listen(ctx: VerbContext, c: Command) -> None:
    """listen: for the Safeguard and anything else"""
    heard = []
    for hunter in ctx.state.pursuers:
        direction = ctx.direction_to(hunter.room)
        if hunter.room == ctx.state.room:
            heard.append(f"{ctx.world.pursuers[hunter.kind].name} are right here")
        elif direction:
            where = HEARD_FROM.get(direction, f"to the {direction}")
            heard.append(f"{ctx.world.pursuers[hunter.kind].name} {where}")
    sounds = ctx.room_sounds()
    if sounds:
        ctx.emit(ev.Narration(sounds))
    if heard:
        ctx.emit(ev.Narration(f"You hold your breath and listen: {list_names(heard)}.", "warning"))
    elif ctx.state.pursuers:
        ctx.emit(ev.Narration("Far off, something is moving through the structure toward where you were. Not close. Not yet.",
                              "warning"))
    elif not sounds:
        ctx.emit(ev.Narration("Only the City: the drip of condensation, the deep hum of machines building somewhere "
                              "beyond hearing."))


@verb("follow", "follow|chase|pursue|trail [obj]", phases=ACTING, takes_time=False, group="other")
def follow(ctx: VerbContext, c: Command) -> None:
    """follow SOMEONE"""
    who = ctx.find(c.obj, ctx.scope(), "follow")
    if who.kind == SELF:
        raise Refused("refused", "You can't follow yourself. Where you go, the others with you follow.")
    if who.kind == "character" and who.id in ctx.state.companions:
        raise Refused("no_effect", f"{the(who, True)} {is_are(who)} with you already, and goes where you go.")
    if who.kind == "character":
        raise Refused("no_effect", f"{the(who, True)} {is_are(who)} going nowhere you could follow.")
    raise Refused("no_effect", f"{the(who, True)} {is_are(who)} going nowhere.")
