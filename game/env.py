"""THE CITY as an environment for agents: `CityEnv`, in the manner of Jericho and TextWorld.

    from game.env import CityEnv

    env = CityEnv(seed=0)
    observation, info = env.reset()
    observation, reward, terminated, truncated, info = env.step("take spear")

`reset` and `step` follow gymnasium's API (the five-tuple), but this module never imports
gymnasium: `game.gymenv` wraps it as `TheCity-v0` when gymnasium is installed. Everything
here is public and documented; nothing reaches into the engine's private parts.

- **Reward** is the score gained this step (the world's milestones, `score` in the game),
  plus a bonus when an ending is reached, by its kind (`TERMINAL_REWARDS`).
- **info** holds `score`, `max_score`, `moves`, `won`, `lost`, `ending`, `ending_kind`,
  `location` (the room's name), `room` (its id), `inventory`, `description` (the room as
  `look` shows it), `feedback` (this step's text), `admissible_commands` (TextWorld's
  meaning: every command that makes sense now) and, when asked for, `valid_actions`
  (Jericho's meaning: the admissible commands that change the world state hash, each found
  by trying it on a snapshot; pass `valid_actions=True` or call `env.valid_actions()`).
- **States**: `get_state()` / `set_state()` are exact (the RNG, the undo history and the
  in-memory saves included) and take microseconds; `copy()` is an independent env at the
  same point; `world_state_hash()` names the world's state, `state_hash()` the whole state.
- **Files**: nothing is written unless `home` is given (then saves go there, and the game
  autosaves as it does for a player). Without it, `save` and `load` keep their slots in memory.
- **Seeds**: `SEED_SPLITS` names the seeds for training, validation and testing.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.engine.game import Game
from game.engine.index import WorldIndex
from game.engine.phases import ENDED
from game.engine.score import max_score, score
from game.textview import render
from game.world.load import load_world

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from game.engine.state import State
    from game.session import Session
    from game.world.model import World

# Named seed splits, so that results are comparable: train on `train`, choose by `valid`,
# report on `test`. The seed moves the Safeguard's patrols and every chance outcome; the
# story's fixed beats are the same for every seed.
SEED_SPLITS: dict[str, range] = {
    "train": range(10_000),
    "valid": range(10_000, 11_000),
    "test": range(11_000, 12_000),
}

# Added to the step's reward when an ending is reached, by the ending's kind. `failure` is
# the clock running out (the village starves) or being lost for good; `death` is dying.
TERMINAL_REWARDS: dict[str, float] = {"victory": 50.0, "partial": 10.0, "failure": -10.0, "death": -10.0}

# What the world state hash leaves out: bookkeeping that is not the story's state (the last
# command for `again`, the word for `oops`, what "it" means, hint tiers, verbose) and the
# clock inside a day (the day itself and everything the clock drives are in).
_NOT_WORLD = frozenset({"moves", "time", "last_command", "last_unknown", "last_failed", "last_typed", "it",
                        "hint_tiers", "verbose", "pending"})


def world_state_hash(game: Game) -> str:
    """A name for a game's story state: equal states give equal hashes (in any process), and
    any change to the world (places, things, people, flags, score, journal, the Safeguard,
    the day, a question the game is waiting on) gives a new one. It leaves out the clock
    inside a day and bookkeeping such as the last command and what "it" means."""
    import hashlib

    s = game.state
    data = {k: v for k, v in s.__dict__.items() if k not in _NOT_WORLD}
    data["pursuers"] = [[p.kind, p.room, p.tower, p.patience] for p in s.pursuers]
    data["day"] = game.day
    # turns unseen count towards the alert's decay only up to decay_every: beyond, all the same
    data["unseen"] = min(s.unseen, max(1, game.world.game.alert.decay_every))
    if s.pending is not None and "confirm" in s.pending:
        data["pending"] = s.pending["confirm"]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.blake2b(text.encode("ascii"), digest_size=16).hexdigest()


def valid_commands(game: Game, commands: Iterable[str]) -> list[str]:
    """Those of `commands` that change the game's world state hash, each tried on its own from
    the state the game is in (saves, loads and quitting are not carried out while trying);
    the game is left exactly as it was (Jericho's valid actions)."""
    state, undo, redo = game.state, list(game.undo_stack), list(game.redo_stack)
    host, game.host = game.host, None
    base = world_state_hash(game)
    found = []
    try:
        for command in commands:
            if command.split()[:1] in (["undo"], ["redo"]):  # a state taken off the history becomes live
                game.undo_stack, game.redo_stack = [s.copy() for s in undo], [s.copy() for s in redo]
            else:
                game.undo_stack, game.redo_stack = list(undo), list(redo)
            game.state = state.copy()
            game.step(command)
            if world_state_hash(game) != base:
                found.append(command)
    finally:
        game.host = host
        game.state, game.undo_stack, game.redo_stack = state, undo, redo
    return found


def seeds(split: str) -> range:
    """The seeds of a named split: `train`, `valid` or `test`."""
    try:
        return SEED_SPLITS[split]
    except KeyError:
        raise ValueError(f"no seed split {split!r}; the splits are {', '.join(SEED_SPLITS)}") from None


@dataclass(frozen=True, eq=False)
class EnvState:
    """An exact, opaque copy of an environment's state, from `get_state()` for `set_state()`.

    Its parts are never changed once made, so one can be restored any number of times.
    """

    state: State
    undo: tuple[State, ...]
    redo: tuple[State, ...]
    saves: tuple[tuple[str, tuple[State, tuple[State, ...], tuple[State, ...]]], ...]
    steps: int
    quit: bool


class _Game(Game):
    """The engine's Game, with undo and redo copying the state they bring back, so that the
    states on the undo history are never changed and snapshots can share them."""

    def undo(self, count: int = 1) -> int:
        done = super().undo(count)
        if done:
            self.state = self.state.copy()
        return done

    def redo(self, count: int = 1) -> int:
        done = super().redo(count)
        if done:
            self.state = self.state.copy()
        return done


_WORLDS: dict[tuple[str, ...], tuple[World, WorldIndex]] = {}


def _world(mods: Iterable[str | os.PathLike[str]]) -> tuple[World, WorldIndex]:
    """The world with these mods, loaded once per process and shared by every env of it."""
    key = tuple(os.path.abspath(os.fspath(m)) for m in mods)
    if key not in _WORLDS:
        world = load_world(list(key))
        _WORLDS[key] = (world, WorldIndex(world))
    return _WORLDS[key]


class CityEnv:
    """One game of THE CITY for an agent: reset, step, and exact copies of its state.

    `seed` picks the game's randomness (see `SEED_SPLITS`); `mods` are folders laid over the
    bundled world; `start` a room to begin in; `home` a folder for saves (None: nothing is
    written). Keyword options: `step_limit` (steps before `truncated`; None: no limit),
    `valid_actions` (compute them into every `info`), `terminal_rewards` (by ending kind),
    `undo_limit` (turns kept for `undo`; fewer saves memory when many games run at once).
    """

    def __init__(self, seed: int = 0, mods: Iterable[str | os.PathLike[str]] = (), start: str | None = None,
                 home: str | os.PathLike[str] | None = None, *, step_limit: int | None = None,
                 valid_actions: bool = False, terminal_rewards: Mapping[str, float] | None = None,
                 undo_limit: int | None = None) -> None:
        self.mods = tuple(os.fspath(m) for m in mods)
        self.world, self._index = _world(self.mods)
        if start is not None and start not in self.world.rooms:
            raise ValueError(f"no room {start!r} to start in")
        self.seed = seed
        self.start = start
        self.home = os.fspath(home) if home is not None else None
        self.step_limit = step_limit
        self.with_valid_actions = valid_actions
        self.terminal_rewards = dict(TERMINAL_REWARDS if terminal_rewards is None else terminal_rewards)
        self.undo_limit = undo_limit
        self.max_score = max_score(self.world)
        self._saves: dict[str, tuple[State, tuple[State, ...], tuple[State, ...]]] = {}
        self._session: Session | None = None
        self._steps = 0
        self._quit = False
        self._score = 0
        self._described: tuple[State, int, str] | None = None  # the last description, and the state it was of
        self._game = self._new_game(seed)

    # -- episodes ---------------------------------------------------------------------------

    def reset(self, seed: int | None = None) -> tuple[str, dict[str, Any]]:
        """Begin a new game (with `seed`, or the seed given last); the opening and its info."""
        if seed is not None:
            self.seed = seed
        self._game = self._new_game(self.seed)
        self._saves = {}
        self._steps = 0
        self._quit = False
        observation = render(self._game.opening(), width=None)
        self._score = score(self.world, self._game.state)
        return observation, self._info(observation)

    def step(self, command: str) -> tuple[str, float, bool, bool, dict[str, Any]]:
        """Send one line (one or more commands) to the game: observation, reward, terminated,
        truncated, info. Reward: the score gained, plus `terminal_rewards` on reaching an ending."""
        game = self._game
        before = self._score
        ended_before = game.state.phase == ENDED
        events = self._session.send(command) if self._session is not None else game.step(command)
        if self.undo_limit is not None and len(game.undo_stack) > self.undo_limit:
            del game.undo_stack[:len(game.undo_stack) - self.undo_limit]
        self._steps += 1
        observation = render(events, width=None)
        s = game.state
        self._score = score(self.world, s)
        reward = float(self._score - before)
        if s.phase == ENDED and not ended_before and s.ending is not None:
            reward += self.terminal_rewards.get(self.world.endings[s.ending].kind, 0.0)
        terminated = s.phase == ENDED or self._quit
        truncated = not terminated and self.step_limit is not None and self._steps >= self.step_limit
        return observation, reward, terminated, truncated, self._info(observation)

    def _new_game(self, seed: int) -> Game:
        game = _Game(self.world, seed=seed, start=self.start, index=self._index)
        if self.home is not None:
            from pathlib import Path

            from game.session import Session  # saves on disk only when asked for

            self._session = Session(self.world, seed=seed, start=self.start, home=Path(self.home))
            self._session.game = game
            game.host = self._session
        else:
            game.host = _MemoryHost(self)
        return game

    # -- what the agent is told -------------------------------------------------------------

    def _info(self, feedback: str) -> dict[str, Any]:
        game = self._game
        s = game.state
        kind = self.world.endings[s.ending].kind if s.ending is not None else None
        info: dict[str, Any] = {
            "score": self._score,
            "max_score": self.max_score,
            "moves": s.moves,
            "won": kind == "victory",
            "lost": kind in ("death", "failure"),
            "ending": s.ending,
            "ending_kind": kind,
            "phase": s.phase,
            "location": self.world.rooms[s.room].name,
            "room": s.room,
            "inventory": [game.item_label(i) for i in game.items_at("@inventory")],
            "description": self.description(),
            "feedback": feedback,
            "admissible_commands": self.admissible_commands(),
            "steps": self._steps,
        }
        if self.with_valid_actions:
            info["valid_actions"] = self.valid_actions(info["admissible_commands"])
        return info

    def description(self) -> str:
        """The room as `look` shows it, without taking a turn."""
        from game.engine.offers import same_state

        game = self._game
        last = self._described
        if last is not None and last[1] == game.day and same_state(last[0], game.state):
            return last[2]
        text = render([game.turn.describe(full=True)], width=None)
        self._described = (game.state.copy(), game.day, text)
        return text

    def admissible_commands(self) -> list[str]:
        """Every command that makes sense now (TextWorld's admissible commands)."""
        from game.engine.offers import offers

        return offers(self._game)

    def valid_actions(self, commands: Iterable[str] | None = None) -> list[str]:
        """The commands (by default the admissible ones) that change the world state hash,
        each tried on a copy of the state; the game is left exactly as it was."""
        return valid_commands(self._game, self.admissible_commands() if commands is None else commands)

    @property
    def game(self) -> Game:
        """The engine's game itself (for reading: `game.state`, `game.turn`)."""
        return self._game

    # -- exact states -----------------------------------------------------------------------

    def get_state(self) -> EnvState:
        """An exact copy of the whole state (RNG, undo history and in-memory saves included)."""
        game = self._game
        return EnvState(game.state.copy(), tuple(game.undo_stack), tuple(game.redo_stack),
                        tuple(self._saves.items()), self._steps, self._quit)

    def set_state(self, state: EnvState) -> None:
        """Go back to a state from `get_state()` exactly; the state stays usable."""
        self._restore(state)
        self._saves = dict(state.saves)
        self._steps = state.steps
        self._quit = state.quit
        self._score = score(self.world, self._game.state)

    def _restore(self, state: EnvState) -> None:
        game = self._game
        game.state = state.state.copy()
        game.undo_stack = list(state.undo)
        game.redo_stack = list(state.redo)

    def copy(self) -> CityEnv:
        """An independent environment at exactly this point (the world is shared)."""
        other = CityEnv.__new__(CityEnv)
        other.__dict__.update(self.__dict__)
        other._game = other._new_game(self.seed)
        other.set_state(self.get_state())
        return other

    def world_state_hash(self) -> str:
        """A name for the story's state (see `world_state_hash` in this module)."""
        return world_state_hash(self._game)

    def state_hash(self) -> str:
        """A name for the whole game state, clock and bookkeeping included (`Game.state_hash`)."""
        return self._game.state_hash()

    # -- a known way through ----------------------------------------------------------------

    def walkthrough(self, budget: float = 60.0) -> list[str]:
        """Commands that win the game from its opening. The bundled story's own walkthrough
        (shipped with the game; every milestone, the maximum score); with mods, the last mod's
        `walkthrough.play` if one has it, else a witness that `city check`'s search finds for a
        victory ending within `budget` seconds (a win, not necessarily the maximum score)."""
        if self.start is not None:
            raise ValueError("a walkthrough starts in the story's first room; this environment starts elsewhere")
        if not self.mods:
            return bundled_walkthrough()
        for mod in reversed(self.mods):
            shipped = os.path.join(mod, "walkthrough.play")
            if os.path.isfile(shipped):
                return play_commands(shipped)
        return self._searched_walkthrough(budget)

    def _searched_walkthrough(self, budget: float) -> list[str]:
        import time

        from game.check.search import Explorer  # city check's search, loaded only here

        explorer = Explorer(self.world, seed=self.seed)
        explorer.run(time.monotonic() + budget)
        for ending_id, ending in self.world.endings.items():
            if ending.kind == "victory" and ending_id in explorer.witness:
                return list(explorer.path(explorer.witness[ending_id]))
        raise ValueError(f"no victory was found within {budget:g} seconds (city check --budget allows longer)")


def bundled_walkthrough() -> list[str]:
    """The commands of the bundled story's walkthrough: `walkthrough.play` beside the world's
    YAML (shipped in the package as game/data/world/walkthrough.play)."""
    from game.world.paths import bundled_data_dir

    return play_commands(os.path.join(bundled_data_dir(), "world", "walkthrough.play"))


def play_commands(path: str | os.PathLike[str]) -> list[str]:
    """The `> command` lines of a playthrough file, in order."""
    with open(path, encoding="utf-8") as f:
        return [line[2:].strip() for line in f if line.startswith("> ")]


class _MemoryHost:
    """Saves, loads and quitting for an env without a home: save slots kept in memory."""

    def __init__(self, env: CityEnv) -> None:
        self.env = env

    def serve(self, request: ev.Event) -> list[ev.Event]:
        env = self.env
        game = env._game
        if isinstance(request, ev.SaveRequested):
            env._saves[request.name] = (game.state.copy(), tuple(game.undo_stack), tuple(game.redo_stack))
            return [ev.Narration(f"Saved as '{request.name}' (in memory: this environment writes no files).", "system")]
        if isinstance(request, ev.LoadRequested):
            saved = env._saves.get(request.name)
            if saved is None:
                return [ev.Error("load_failed", f"Not loaded: there is no save called '{request.name}' in this game.")]
            game.state = saved[0].copy()
            game.undo_stack, game.redo_stack = list(saved[1]), list(saved[2])
            return [ev.Narration(f"Loaded '{request.name}'.", "system"), *game.situation()]
        if isinstance(request, ev.SavesRequested):
            names = ", ".join(sorted(env._saves)) or "none yet"
            return [ev.Narration(f"Saves in this game: {names}.", "system")]
        if isinstance(request, ev.QuitRequested):
            env._quit = True
        return []
