"""Conditions and effects: the interpreter of the vocabulary in `ctx.world.vocabulary`.

Each name in CONDITIONS and EFFECTS there has exactly one function here (a test holds
the two lists together). Conditions and effects see only a `RuleContext`: the state, the
world, the story's actions and `emit`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.engine import pursuit, rng, score
from game.engine.state import INVENTORY, Pursuit

if TYPE_CHECKING:
    from game.engine.context import Reads, RuleContext

ConditionFn = Callable[["Reads", Any], bool]
EffectFn = Callable[["RuleContext", Any], None]

CONDITIONS: dict[str, ConditionFn] = {}
EFFECTS: dict[str, EffectFn] = {}


def condition(name: str) -> Callable[[ConditionFn], ConditionFn]:
    def register(fn: ConditionFn) -> ConditionFn:
        CONDITIONS[name] = fn
        return fn
    return register


def effect(name: str) -> Callable[[EffectFn], EffectFn]:
    def register(fn: EffectFn) -> EffectFn:
        EFFECTS[name] = fn
        return fn
    return register


def holds(ctx: Reads, cond: Any) -> bool:
    """Whether a condition (None: always; a list: all of them) holds now."""
    if cond is None:
        return True
    test = _COMPILED.get(id(cond))
    if test is None:
        if len(_COMPILED) > 100_000:  # conditions come from worlds, which are few: a bound for safety
            _COMPILED.clear()
            _KEPT.clear()
        test = _COMPILED[id(cond)] = _compile(cond)
        _KEPT.append(cond)  # held, so that no other object can take its id while it is in the table
    return test(ctx)


Compiled = Callable[["Reads"], bool]
_COMPILED: dict[int, Compiled] = {}  # id(condition) -> the function that tests it
_KEPT: list[Any] = []


def _compile(cond: Any) -> Compiled:
    """A condition as one function of the context: lists, not, all and any are unrolled here
    (offers and topics test hundreds of conditions a turn), every other name is the function
    registered for it."""
    if cond is None:
        return lambda ctx: True
    if isinstance(cond, list):
        return _conjunction([_compile(c) for c in cond])
    (name, arg), = cond.items()
    if name == "not":
        inner = _compile(arg)
        return lambda ctx: not inner(ctx)
    if name == "all":
        return _conjunction([_compile(c) for c in arg])
    if name == "any":
        parts = [_compile(c) for c in arg]
        return lambda ctx: any(p(ctx) for p in parts)
    test = CONDITIONS[name]
    if test is _flag:  # the commonest tests, inlined (the same as _flag and _on_floor below)
        return lambda ctx: ctx.state.flags.get(arg) not in _UNSET
    if test is _on_floor:
        return lambda ctx: ctx.world.rooms[ctx.state.room].floor == arg
    return lambda ctx: test(ctx, arg)


_UNSET = (None, False, 0, "")


def _conjunction(parts: list[Compiled]) -> Compiled:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda ctx: first(ctx) and second(ctx)
    return lambda ctx: all(p(ctx) for p in parts)


def run(ctx: RuleContext, effects: Any) -> None:
    """Apply effects in order; stop early if one of them ends the game. Then score the
    milestones whose conditions the effects have made true."""
    for item in effects or ():
        (name, arg), = item.items()
        EFFECTS[name](ctx, arg)
        if ctx.state.ending is not None:
            break
    if effects:
        score.award_reached(ctx)


def _flag_value(ctx: Reads, name: str) -> int:
    value = ctx.state.flags.get(name, 0)
    return value if isinstance(value, int) else int(bool(value))


# -- conditions -------------------------------------------------------------------------

@condition("has")
def _has(ctx: Reads, item: str) -> bool:
    return ctx.place_of(item) == INVENTORY  # in hand, or in something in hand


@condition("here")
def _here(ctx: Reads, item: str) -> bool:
    return ctx.place_of(item) == ctx.state.room  # lying here, or in or on something here


@condition("flag")
def _flag(ctx: Reads, name: str) -> bool:
    value = ctx.state.flags.get(name)
    return value not in (None, False, 0, "")


@condition("at_least")
def _at_least(ctx: Reads, arg: dict[str, int]) -> bool:
    return all(_flag_value(ctx, k) >= v for k, v in arg.items())


@condition("at_most")
def _at_most(ctx: Reads, arg: dict[str, int]) -> bool:
    return all(_flag_value(ctx, k) <= v for k, v in arg.items())


@condition("in")
def _in(ctx: Reads, room: str) -> bool:
    return ctx.state.room == room


@condition("on_floor")
def _on_floor(ctx: Reads, floor: str) -> bool:
    return ctx.world.rooms[ctx.state.room].floor == floor


@condition("with")
def _with(ctx: Reads, who: str) -> bool:
    return who in ctx.state.companions or ctx.state.characters.get(who) == ctx.state.room


@condition("visited")
def _visited(ctx: Reads, room: str) -> bool:
    return room in ctx.state.visited


@condition("alert_at_least")
def _alert_at_least(ctx: Reads, n: int) -> bool:
    return ctx.state.alert >= n


@condition("alert_at_most")
def _alert_at_most(ctx: Reads, n: int) -> bool:
    return ctx.state.alert <= n


@condition("day_at_least")
def _day_at_least(ctx: Reads, n: int) -> bool:
    return ctx.day >= n


@condition("food_at_most")
def _food_at_most(ctx: Reads, n: int) -> bool:
    return ctx.state.food <= n


@condition("health_at_most")
def _health_at_most(ctx: Reads, n: int) -> bool:
    return ctx.state.health <= n


@condition("chance")
def _chance(ctx: Reads, p: float) -> bool:
    return ctx.roll() < p


@condition("ambient")
def _ambient(ctx: Reads, p: float) -> bool:
    # the salt is the odds themselves: a pure function of the state, so offers, hints and
    # `city check` may ask it as often as they like without spending anything
    s = ctx.state
    return rng.derived(s.seed, s.moves, int(p * 1_000_003) + AMBIENT) < p


AMBIENT = 1 << 20  # ambient draws apart from the patrols' (pursuit.patrol_draw)


@condition("beam_ready")
def _beam_ready(ctx: Reads, who: str) -> bool:
    return pursuit.beam_turns_left(ctx, who) == 0


@condition("not")
def _not(ctx: Reads, cond: Any) -> bool:
    return not holds(ctx, cond)


@condition("all")
def _all(ctx: Reads, conds: list[Any]) -> bool:
    return all(holds(ctx, c) for c in conds)


@condition("any")
def _any(ctx: Reads, conds: list[Any]) -> bool:
    return any(holds(ctx, c) for c in conds)


# -- effects ----------------------------------------------------------------------------

@effect("say")
def _say(ctx: RuleContext, text: str) -> None:
    ctx.emit(ev.Narration(text))


@effect("give")
def _give(ctx: RuleContext, item: str) -> None:
    if ctx.state.items.get(item) != INVENTORY:
        ctx.state.items[item] = INVENTORY
        ctx.emit(ev.InventoryChanged(item, ctx.world.items[item].name, True))


@effect("take")
def _take(ctx: RuleContext, item: str) -> None:
    if ctx.state.items.pop(item, None) == INVENTORY:
        ctx.emit(ev.InventoryChanged(item, ctx.world.items[item].name, False))


@effect("place")
def _place(ctx: RuleContext, arg: dict[str, str]) -> None:
    _take(ctx, arg["item"])
    ctx.state.items[arg["item"]] = arg["room"]


@effect("set")
def _set(ctx: RuleContext, arg: Any) -> None:
    if isinstance(arg, str):
        ctx.state.flags[arg] = True
    else:
        ctx.state.flags.update(arg)


@effect("clear")
def _clear(ctx: RuleContext, name: str) -> None:
    ctx.state.flags.pop(name, None)


@effect("add")
def _add(ctx: RuleContext, arg: dict[str, int]) -> None:
    for name, n in arg.items():
        ctx.state.flags[name] = _flag_value(ctx, name) + n


@effect("move")
def _move(ctx: RuleContext, room: str) -> None:
    ctx.enter(room)


@effect("join")
def _join(ctx: RuleContext, who: str) -> None:
    if who not in ctx.state.companions:
        ctx.state.companions.append(who)
    ctx.state.characters[who] = ctx.state.room


@effect("leave")
def _leave(ctx: RuleContext, who: str) -> None:
    if who in ctx.state.companions:
        ctx.state.companions.remove(who)
    ctx.state.characters[who] = ctx.state.room


@effect("put")
def _put(ctx: RuleContext, arg: dict[str, str]) -> None:
    who = arg["character"]
    if who in ctx.state.companions:
        ctx.state.companions.remove(who)
    ctx.state.characters[who] = arg["room"]


@effect("alert")
def _alert(ctx: RuleContext, n: int) -> None:
    ctx.change_alert(n, "story")


@effect("noise")
def _noise(ctx: RuleContext, n: int) -> None:
    ctx.change_alert(n, "noise")
    ctx.state.known = ctx.state.room
    ctx.state.unseen = 0


@effect("spawn")
def _spawn(ctx: RuleContext, arg: dict[str, str]) -> None:
    kind = ctx.world.pursuers[arg["pursuer"]]
    ctx.state.pursuers.append(Pursuit(arg["pursuer"], arg["room"], None, kind.patience))
    if ctx.state.known is None:
        ctx.state.known = ctx.state.room


@effect("dismiss")
def _dismiss(ctx: RuleContext, _arg: Any) -> None:
    ctx.state.pursuers.clear()
    ctx.state.known = None


@effect("encounter")
def _encounter(ctx: RuleContext, encounter: str) -> None:
    ctx.start_encounter(encounter)


@effect("ending")
def _ending(ctx: RuleContext, ending: str) -> None:
    ctx.end(ending)


@effect("hurt")
def _hurt(ctx: RuleContext, n: int) -> None:
    ctx.change_health(-n)


@effect("heal")
def _heal(ctx: RuleContext, n: int) -> None:
    ctx.change_health(n)


@effect("food")
def _food(ctx: RuleContext, n: int) -> None:
    ctx.state.food = max(0, ctx.state.food + n)


@effect("days")
def _days(ctx: RuleContext, n: int) -> None:
    ctx.pass_time(n * ctx.world.game.clock.turns_per_day)


@effect("journal")
def _journal(ctx: RuleContext, text: str) -> None:
    if text not in ctx.state.journal:
        ctx.state.journal.append(text)
        ctx.emit(ev.Narration("(Your journal has a new entry.)", "journal"))


@effect("score")
def _score(ctx: RuleContext, milestone: str) -> None:
    score.award(ctx, milestone)


@effect("fire_beam")
def _fire_beam(ctx: RuleContext, who: str) -> None:
    pursuit.fire_beam(ctx, who)
