"""Two scripted players that tune the Safeguard (issue 18), on `game.env.CityEnv` only.

Both walk the bundled walkthrough's route (its commands, and the room each one should
leave them in), and part from it only where the Safeguard is concerned:

- the **reckless** player runs at danger (steps toward a hunter it hears), fires the beam
  whenever it is offered, and never hides, drinks or rests;
- the **cautious** player hides where there is cover when a hunter is near, drinks from its
  flask when wounded, and keeps the beam for need (cornered, or one wound from death).

After a fight or a detour, each walks back to where the route left off. The issue asks that
the reckless player die before the last floor in at least half its games, and the cautious
one finish (reach an ending that is not a death or a failure) in at least four of five.

    python bench/policies.py [GAMES]     (default 50 seeds each, the test split's first)

Measured (50 seeds each, 11000-11049): the reckless player dies before the last floor in 48
(96%): 30 of 50 on the Hanging Stairwells, 7 of the 20 that reach the Builders' Reach, 11 of
the 13 that reach the Hollow Dominion; the cautious one finishes all 50.
"""

from __future__ import annotations

import sys
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.env import CityEnv  # noqa: E402  (after the path is set)

WALKTHROUGH = ROOT / "data" / "world" / "walkthrough.play"
# options in a Safeguard fight, best first; an option whose own text ends the game is never chosen
RECKLESS = ("beam", "fight", "spear", "run", "tear", "zuru", "gallery", "chime")
CAUTIOUS = ("gallery", "hide", "drop", "chime", "still", "beam", "zuru", "run", "tear", "fight", "spear")  # beam for need
ENDINGS = ("gene", "exodus", "home", "offer")  # the final choice's options, best first
HURT = ("gallery", "beam", "chime", "still", "hide", "drop", "zuru", "run", "tear", "fight", "spear")  # one wound left


def route(path: Path = WALKTHROUGH) -> list[tuple[str, str | None]]:
    """(command, the room it should leave you in) for each step of a playthrough file."""
    steps: list[tuple[str, str | None]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("> "):
            steps.append((line[2:].strip(), None))
        elif line.startswith("@room ") and steps and steps[-1][1] is None:
            steps[-1] = (steps[-1][0], line.split()[1])
    return steps


@dataclass
class Result:
    """How one game went."""

    seed: int
    ending: str | None
    kind: str | None  # the ending's kind; None if the step limit came first
    floor: str  # the floor the game ended (or stopped) on
    level: int
    steps: int
    fights: int
    shots: int


class Player:
    """A scripted player: the walkthrough's route, with its own answer to the Safeguard."""

    def __init__(self, careful: bool, steps: list[tuple[str, str | None]] | None = None, limit: int = 900) -> None:
        self.careful = careful
        self.route = steps if steps is not None else route()
        self.limit = limit

    def play(self, env: CityEnv, seed: int) -> Result:
        """One game under `seed`, to its end or the step limit."""
        env.reset(seed=seed)
        self._exposed: set[str] = set()
        self._detour = 0
        self._charges = 0
        game = env.game
        world = env.world
        at, steps, fights, waited = 0, 0, 0, 0
        expected = game.state.room  # where the route should have left us
        in_fight = False
        while steps < self.limit and game.state.phase != "ended":
            s = game.state
            if at >= len(self.route) and s.encounter_pursuer is None:
                if s.phase != "encounter":
                    break
                command = _last_choice(game)  # the route ran out at a choice: take the best way out
            elif s.phase == "encounter" and s.encounter_pursuer is not None:
                fights += 0 if in_fight else 1
                in_fight = True
                command = self._fight(game)
            elif s.phase == "encounter" and not _answers(game, self.route[at][0]):
                command = _way_out(game)  # a story's encounter the route does not expect here
            else:
                in_fight = False
                danger = self._danger(env, waited) if s.phase == "exploring" else None
                back = _toward(env, expected) if s.phase == "exploring" and s.room != expected else None
                if danger is not None or back is not None:
                    command = danger or back or ""
                    waited += 1
                else:  # on the route (or no way back to it): its next command
                    command, after = self.route[at]
                    at += 1
                    expected = after or expected
                    waited = self._charges = 0
            env.step(command)
            steps += 1
        s = game.state
        floor = world.rooms[s.room].floor
        kind = world.endings[s.ending].kind if s.ending is not None else None
        shots = s.flags.get("gbe_shots", 0)
        return Result(seed, s.ending, kind, floor, world.floors[floor].level, steps, fights,
                      shots if isinstance(shots, int) else 0)

    def _into_sight(self, env: CityEnv) -> str | None:
        """Reckless: once on each floor, the way into a room a Watchtower watches (a few steps at most)."""
        world = env.world
        s = env.game.state
        floor = world.rooms[s.room].floor
        lairs = {t.from_ for t in world.watchtowers.values()}
        watched = {r for t in world.watchtowers.values() for r in t.watches
                   if world.rooms[r].floor == floor and r not in lairs and not world.rooms[r].on_enter}
        if not watched or floor in self._exposed or world.floors[floor].level == 0:  # the prologue's eye is the story's
            return None
        if s.room in watched or self._detour >= 12:
            self._exposed.add(floor)
            self._detour = 0
            return None
        direction = _toward(env, watched)
        if direction is None:
            self._exposed.add(floor)
            return None
        self._detour += 1
        return direction

    def _fight(self, game: Any) -> str:
        options = game.options()
        s = game.state
        order = (HURT if s.health <= 1 else CAUTIOUS) if self.careful else RECKLESS
        usable = [o for o in options if not o.ending]
        for key in order:
            for option in usable:
                if option.key == key:
                    return key
        return usable[0].key if usable else (options[0].key if options else "1")

    def _danger(self, env: CityEnv, waited: int) -> str | None:
        """A command for the Safeguard's sake before the route's next one, or None."""
        game = env.game
        s = game.state
        world = env.world
        near = [p for p in s.pursuers if p.room == s.room or game.turn.direction_to(p.room) is not None]
        if not self.careful:
            for hunter in near:
                direction = game.turn.direction_to(hunter.room)
                if direction is not None and self._charges < 2:
                    self._charges += 1
                    return direction  # runs at danger (twice between two steps of the route)
            return self._into_sight(env)
        flask = s.items.get("water_flask") == "@inventory"
        if s.health < world.game.health and flask and not s.flags.get("flask_empty"):
            return "drink flask"
        if near and waited < 12:
            if s.hidden or world.rooms[s.room].safe:
                return "wait"
            hunted = {p.room for p in s.pursuers}
            for direction, ex in game.turn.visible_exits().items():
                if world.rooms[ex.to].safe and ex.to not in hunted and game.turn.holds(ex.when) and not ex.warn:
                    return direction  # out of their reach altogether
            if world.rooms[s.room].cover:
                return "hide"
        return None


def _answers(game: Any, command: str) -> bool:
    """Whether `command` picks one of the options on offer."""
    return any(command == o.key or command in o.names for o in game.options())


def _way_out(game: Any) -> str:
    """An option that leaves an unexpected encounter without ending the game: the last that does not."""
    options = [o for o in game.options() if not o.ending]
    return options[-1].key if options else "1"


def _last_choice(game: Any) -> str:
    """The option to take when the route has run out at a story's choice: the best ending offered."""
    keys = [o.key for o in game.options()]
    return next((k for k in ENDINGS if k in keys), keys[0] if keys else "1")


def _toward(env: CityEnv, target: str | set[str]) -> str | None:
    """The direction of the first step along the shortest way open now to `target` (or the
    nearest of several), or None."""
    targets = {target} if isinstance(target, str) else target
    game = env.game
    world = env.world
    start = game.state.room
    first: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        room = queue.popleft()
        if room in targets:
            return first.get(room)
        for direction, ex in world.rooms[room].exits.items():
            if ex.to in seen or ex.to not in world.rooms or ex.hidden or ex.warn:
                continue
            if room == start and not game.turn.holds(ex.when):
                continue
            seen.add(ex.to)
            first[ex.to] = first.get(room, direction)
            queue.append(ex.to)
    return None


def summary(results: list[Result], levels: dict[int, str]) -> list[str]:
    """Lines of figures: finished, died before the last floor, and where the games ended."""
    n = len(results)
    last = max(levels)
    finished = sum(1 for r in results if r.kind in ("victory", "partial"))
    died_early = sum(1 for r in results if r.kind == "death" and r.level < last)
    lines = [f"  finished {finished}/{n} ({finished / n:.0%}), died before the last floor {died_early}/{n} "
             f"({died_early / n:.0%}); fights {sum(r.fights for r in results) / n:.1f} a game, beam shots "
             f"{sum(r.shots for r in results) / n:.1f} a game"]
    deaths = Counter(r.level for r in results if r.kind == "death")
    ends = Counter(r.level for r in results)
    for level in sorted(levels):
        reached = sum(1 for r in results if r.level >= level)
        rate = f" ({deaths[level] / reached:.0%} of the {reached} games that reached it)" if reached else ""
        lines.append(f"  floor {level} ({levels[level]}): died here {deaths[level]}{rate}, games ended here {ends[level]}")
    stuck = sum(1 for r in results if r.kind is None)
    if stuck:
        lines.append(f"  stopped by the step limit or off the route: {stuck}")
    return lines


def run(games: int = 50, first_seed: int = 11_000) -> dict[str, list[Result]]:
    """Both players on `games` seeds each (by default the test split's first: `game.env.SEED_SPLITS`)."""
    env = CityEnv(seed=first_seed)
    steps = route()
    out = {}
    for name, careful in (("reckless", False), ("cautious", True)):
        player = Player(careful, steps)
        out[name] = [player.play(env, seed) for seed in range(first_seed, first_seed + games)]
    return out


def main() -> None:
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    env = CityEnv(seed=0)
    levels = {f.level: f.name for f in env.world.floors.values()}
    for name, results in run(games).items():
        print(f"{name} player, {games} seeds:")
        for line in summary(results, levels):
            print(line)


if __name__ == "__main__":
    main()
