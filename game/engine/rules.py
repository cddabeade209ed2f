"""Conditions and effects: the interpreter of the vocabulary in `game.world.vocabulary`.

Each name in CONDITIONS and EFFECTS there has exactly one function here (a test holds
the two lists together). Effects change the game through the `Game` they are given and
return the events they cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from game.engine import events as ev
from game.engine.state import INVENTORY, Pursuit

if TYPE_CHECKING:
    from game.engine.game import Game

ConditionFn = Callable[["Game", Any], bool]
EffectFn = Callable[["Game", Any], None]

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


def holds(game: "Game", cond: Any) -> bool:
    """Whether a condition (None: always; a list: all of them) holds now."""
    if cond is None:
        return True
    if isinstance(cond, list):
        return all(holds(game, c) for c in cond)
    (name, arg), = cond.items()
    return CONDITIONS[name](game, arg)


def run(game: "Game", effects: Any) -> None:
    """Apply effects in order; stop early if one of them ends the game."""
    for item in effects or ():
        (name, arg), = item.items()
        EFFECTS[name](game, arg)
        if game.state.ending is not None:
            return


def _flag_value(game: "Game", name: str) -> int:
    value = game.state.flags.get(name, 0)
    return value if isinstance(value, int) else int(bool(value))


# -- conditions -------------------------------------------------------------------------

@condition("has")
def _has(game: "Game", item: str) -> bool:
    return game.state.items.get(item) == INVENTORY


@condition("here")
def _here(game: "Game", item: str) -> bool:
    return game.state.items.get(item) == game.state.room


@condition("flag")
def _flag(game: "Game", name: str) -> bool:
    value = game.state.flags.get(name)
    return value not in (None, False, 0, "")


@condition("at_least")
def _at_least(game: "Game", arg: dict[str, int]) -> bool:
    return all(_flag_value(game, k) >= v for k, v in arg.items())


@condition("at_most")
def _at_most(game: "Game", arg: dict[str, int]) -> bool:
    return all(_flag_value(game, k) <= v for k, v in arg.items())


@condition("in")
def _in(game: "Game", room: str) -> bool:
    return game.state.room == room


@condition("on_floor")
def _on_floor(game: "Game", floor: str) -> bool:
    return game.world.rooms[game.state.room].floor == floor


@condition("with")
def _with(game: "Game", who: str) -> bool:
    return who in game.state.companions or game.state.characters.get(who) == game.state.room


@condition("visited")
def _visited(game: "Game", room: str) -> bool:
    return room in game.state.visited


@condition("alert_at_least")
def _alert_at_least(game: "Game", n: int) -> bool:
    return game.state.alert >= n


@condition("alert_at_most")
def _alert_at_most(game: "Game", n: int) -> bool:
    return game.state.alert <= n


@condition("day_at_least")
def _day_at_least(game: "Game", n: int) -> bool:
    return game.day >= n


@condition("food_at_most")
def _food_at_most(game: "Game", n: int) -> bool:
    return game.state.food <= n


@condition("health_at_most")
def _health_at_most(game: "Game", n: int) -> bool:
    return game.state.health <= n


@condition("chance")
def _chance(game: "Game", p: float) -> bool:
    return game.roll() < p


@condition("not")
def _not(game: "Game", cond: Any) -> bool:
    return not holds(game, cond)


@condition("all")
def _all(game: "Game", conds: list[Any]) -> bool:
    return all(holds(game, c) for c in conds)


@condition("any")
def _any(game: "Game", conds: list[Any]) -> bool:
    return any(holds(game, c) for c in conds)


# -- effects ----------------------------------------------------------------------------

@effect("say")
def _say(game: "Game", text: str) -> None:
    game.emit(ev.Narration(text))


@effect("give")
def _give(game: "Game", item: str) -> None:
    if game.state.items.get(item) != INVENTORY:
        game.state.items[item] = INVENTORY
        game.emit(ev.InventoryChanged(item, game.world.items[item].name, True))


@effect("take")
def _take(game: "Game", item: str) -> None:
    if game.state.items.pop(item, None) == INVENTORY:
        game.emit(ev.InventoryChanged(item, game.world.items[item].name, False))


@effect("place")
def _place(game: "Game", arg: dict[str, str]) -> None:
    _take(game, arg["item"])
    game.state.items[arg["item"]] = arg["room"]


@effect("set")
def _set(game: "Game", arg: Any) -> None:
    if isinstance(arg, str):
        game.state.flags[arg] = True
    else:
        game.state.flags.update(arg)


@effect("clear")
def _clear(game: "Game", name: str) -> None:
    game.state.flags.pop(name, None)


@effect("add")
def _add(game: "Game", arg: dict[str, int]) -> None:
    for name, n in arg.items():
        game.state.flags[name] = _flag_value(game, name) + n


@effect("move")
def _move(game: "Game", room: str) -> None:
    game.enter(room)


@effect("join")
def _join(game: "Game", who: str) -> None:
    if who not in game.state.companions:
        game.state.companions.append(who)
    game.state.characters[who] = game.state.room


@effect("leave")
def _leave(game: "Game", who: str) -> None:
    if who in game.state.companions:
        game.state.companions.remove(who)
    game.state.characters[who] = game.state.room


@effect("put")
def _put(game: "Game", arg: dict[str, str]) -> None:
    who = arg["character"]
    if who in game.state.companions:
        game.state.companions.remove(who)
    game.state.characters[who] = arg["room"]


@effect("alert")
def _alert(game: "Game", n: int) -> None:
    game.change_alert(n, "story")


@effect("noise")
def _noise(game: "Game", n: int) -> None:
    game.change_alert(n, "noise")
    game.state.known = game.state.room
    game.state.unseen = 0


@effect("spawn")
def _spawn(game: "Game", arg: dict[str, str]) -> None:
    kind = game.world.pursuers[arg["pursuer"]]
    game.state.pursuers.append(Pursuit(arg["pursuer"], arg["room"], None, kind.patience))
    if game.state.known is None:
        game.state.known = game.state.room


@effect("dismiss")
def _dismiss(game: "Game", _arg: Any) -> None:
    game.state.pursuers.clear()
    game.state.known = None


@effect("encounter")
def _encounter(game: "Game", encounter: str) -> None:
    game.start_encounter(encounter)


@effect("ending")
def _ending(game: "Game", ending: str) -> None:
    game.end(ending)


@effect("hurt")
def _hurt(game: "Game", n: int) -> None:
    game.change_health(-n)


@effect("heal")
def _heal(game: "Game", n: int) -> None:
    game.change_health(n)


@effect("food")
def _food(game: "Game", n: int) -> None:
    game.state.food = max(0, game.state.food + n)


@effect("days")
def _days(game: "Game", n: int) -> None:
    game.pass_time(n * game.world.game.clock.turns_per_day)


@effect("journal")
def _journal(game: "Game", text: str) -> None:
    if text not in game.state.journal:
        game.state.journal.append(text)
        game.emit(ev.Narration("(Your journal has a new entry.)", "journal"))
