"""THE CITY for gymnasium: `TheCity-v0`, a thin wrapper around `game.env.CityEnv`.

    import gymnasium
    env = gymnasium.make("game.gymenv:TheCity-v0")     # imports this module, which registers it
    observation, info = env.reset(seed=11_000)          # a seed of the `test` split

Importing this module registers `TheCity-v0` (after `import game.gymenv`, the short id works
too). Observations and actions are text (`gymnasium.spaces.Text`) over a character set wide
enough for the game's prose: everything the world's text uses, printable ASCII, newlines
and the typographic marks the game prints. `info` is CityEnv's (score, max score, won, lost,
location, inventory, admissible commands, ...). `reset(seed=N)` plays the game's seed N;
`reset()` draws the next seed from the `split` given at construction (see
`game.env.SEED_SPLITS`), from the environment's own generator, as gymnasium expects.

This module needs gymnasium (`pip install 'the-city[agents]'`); the game itself never imports it.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, Any

import gymnasium
from gymnasium import spaces

from game.env import CityEnv, seeds

if TYPE_CHECKING:
    from game.world.model import World

ENV_ID = "TheCity-v0"
STEP_LIMIT = 1000  # the registration's default: steps before an episode is truncated
MAX_COMMAND = 500  # characters of a command the game reads
MAX_OBSERVATION = 100_000  # characters of one observation (the longest the game prints is far shorter)
# marks the engine's own sentences and the app may print, beyond what the world's text holds
TYPOGRAPHY = "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u2022\u25a0\u25a1\u00e9\u00ef"
COMMAND_CHARS = string.ascii_letters + string.digits + " .,;:!?'\"-#_/()"


def charset_of(world: World) -> str:
    """Every character an observation can hold: the world's text, printable ASCII, newlines,
    the typographic marks in TYPOGRAPHY, and every character a command may hold (the game
    echoes unknown words back)."""
    chars = set(string.printable) - set("\x0b\x0c\r") | set(TYPOGRAPHY) | set(COMMAND_CHARS)

    def walk(value: Any) -> None:
        if isinstance(value, str):
            chars.update(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif hasattr(value, "__dict__"):
            walk(vars(value))

    walk(world)
    return "".join(sorted(chars))


class TheCityGym(gymnasium.Env[str, str]):
    """`TheCity-v0`: CityEnv as a gymnasium environment (text in, text out).

    Keyword arguments: `split` (where `reset()` without a seed draws seeds from: train, valid
    or test), `render_mode` (None or "ansi": `render()` returns the last observation), and any
    of CityEnv's: `mods`, `start`, `home`, `step_limit`, `valid_actions`, `terminal_rewards`,
    `undo_limit`.
    """

    metadata = {"render_modes": ["ansi"], "render_fps": 4}  # noqa: RUF012 (gymnasium's own class attribute)

    def __init__(self, split: str = "train", render_mode: str | None = None, **kwargs: Any) -> None:
        self.split = seeds(split)
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be None or 'ansi', not {render_mode!r}")
        self.render_mode = render_mode
        self.city = CityEnv(**kwargs)
        self.charset = charset_of(self.city.world)
        self._allowed = frozenset(self.charset)
        self.observation_space = spaces.Text(max_length=MAX_OBSERVATION, min_length=0, charset=self.charset)
        self.action_space = spaces.Text(max_length=MAX_COMMAND, min_length=1, charset=COMMAND_CHARS)
        self._last = ""

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        super().reset(seed=seed)
        game_seed = seed if seed is not None else int(self.np_random.choice(self.split))
        observation, info = self.city.reset(seed=game_seed)
        info["seed"] = game_seed
        self._last = self._clean(observation)
        return self._last, info

    def step(self, action: str) -> tuple[str, float, bool, bool, dict[str, Any]]:
        observation, reward, terminated, truncated, info = self.city.step(str(action))
        self._last = self._clean(observation)
        return self._last, reward, terminated, truncated, info

    def render(self) -> str | None:
        return self._last if self.render_mode == "ansi" else None

    def _clean(self, text: str) -> str:
        """The observation inside the space: a character outside the set becomes '?'."""
        if not self._allowed.issuperset(text):
            text = "".join(c if c in self._allowed else "?" for c in text)
        return text[:MAX_OBSERVATION]


def register() -> None:
    """Register `TheCity-v0` with gymnasium (done on import; again is harmless)."""
    if ENV_ID not in gymnasium.registry:
        gymnasium.register(id=ENV_ID, entry_point="game.gymenv:TheCityGym", kwargs={"step_limit": STEP_LIMIT},
                           nondeterministic=False)


register()
