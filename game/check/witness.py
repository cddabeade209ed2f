"""Witnesses: a command sequence per ending, replayed through a fresh game, written as .play files."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from game.engine import events as ev
from game.engine.game import Game
from game.engine.phases import ENCOUNTER, ENDED, EXPLORING
from game.world.model import World

CLOCK_STEPS = 20000  # a generous ceiling on waiting for the clock's ending


@dataclass
class Witness:
    ending: str
    seed: int
    commands: list[str]


def replay(world: World, seed: int, commands: list[str]) -> tuple[str | None, str]:
    """Play `commands` in a fresh game: the ending reached (or None) and what went wrong, if anything."""
    game = Game(world, seed=seed)
    game.opening()
    for number, command in enumerate(commands, 1):
        if game.state.phase == ENDED:
            return None, f"the game ended before command {number} ({command!r})"
        events = game.step(command)
        refused = [e for e in events if isinstance(e, ev.Error)]
        if refused:
            return None, f"command {number} ({command!r}) was refused: {refused[0].message}"
    return game.state.ending, ""


def clock_witness(world: World, seed: int, deadline: float, prefixes: list[list[str]]) -> list[str] | None:
    """Commands that reach the clock's ending: from the start (or from the first of `prefixes`
    where it works), sleep where it is safe to and wait elsewhere until the food runs out."""
    ending = world.game.clock.starve_ending
    if not ending:
        return None
    for prefix in [[], *prefixes]:
        if time.monotonic() > deadline:
            return None
        game = Game(world, seed=seed)
        game.opening()
        if any(isinstance(e, ev.Error) for c in prefix for e in game.step(c)):
            continue
        out = list(prefix)
        for _ in range(CLOCK_STEPS):
            s = game.state
            if s.phase != EXPLORING or s.ending is not None:
                break
            command = "sleep" if world.rooms[s.room].safe else "wait"
            events = game.step(command)
            if any(isinstance(e, ev.Error) for e in events):
                break
            out.append(command)
            if game.state.pending is not None and "confirm" in game.state.pending:
                game.step("yes")
                out.append("yes")
            game.undo_stack.clear()
        if game.state.ending == ending:
            return out
        if game.state.phase == ENCOUNTER:
            continue
    return None


def write_witness(folder: Path, world: World, witness: Witness, mods: list[Path], world_dir: Path | None) -> Path:
    """DIR/<ending>.play: a playthrough that reaches the ending and checks it with @ending."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{witness.ending}.play"
    ending = world.endings[witness.ending]
    lines = [
        f"# A witness that {ending.title!r} ({ending.kind}) can be reached, found by city check.",
        "# Regenerate it with city check --witnesses; chance is pinned by the seed.",
        f"title: witness for the ending {witness.ending}",
        f"seed: {witness.seed}",
    ]
    if world_dir is not None:
        lines.append(f"world: {_relative(world_dir, folder)}")
    lines += [f"mod: {_relative(m, folder)}" for m in mods]
    lines.append("")
    for command in witness.commands:
        lines.append(f"> {command}")
    lines += ["@phase ended", f"@ending {witness.ending}", ""]
    tmp = path.with_suffix(".play.tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.replace(tmp, path)
    return path


def _relative(target: Path, folder: Path) -> str:
    try:
        return os.path.relpath(target.resolve(), folder.resolve())
    except ValueError:  # another drive (Windows)
        return str(target.resolve())
