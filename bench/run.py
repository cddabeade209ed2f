"""Benchmarks for THE CITY. They print figures and assert nothing (machines are noisy);
targets are stated beside each figure and compared as ratios within one run.

    python bench/run.py            all of them but scale
    python bench/run.py startup    one of: startup, load, turns, pursuit, tui, scale
    python bench/run.py scale --sizes 1000,5000    generated worlds (bench/gen_world.py) of those sizes
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median_run(cmd: list[str], runs: int, stdin: str = "") -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True, cwd=tempfile.gettempdir())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _to_first_prompt(cmd: list[str], runs: int) -> float:
    """Median time from starting `cmd` to the first '> ' prompt on its stdout."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                cwd=tempfile.gettempdir(), env={**os.environ, "CITY_HOME": tempfile.mkdtemp()})
        seen = b""
        assert proc.stdout is not None and proc.stdin is not None
        while not seen.endswith(b"\n> "):
            chunk = proc.stdout.read1(65536)
            if not chunk:
                raise RuntimeError("the game ended before its first prompt")
            seen += chunk
        times.append(time.perf_counter() - start)
        proc.stdin.close()
        proc.wait()
    return statistics.median(times)


def startup(runs: int = 15) -> None:
    """`city play --plain` to its first prompt, against `python -c pass` (target: within 4x)."""
    script = Path(sys.executable).with_name("city")  # the console script a player runs
    play = [str(script) if script.exists() else sys.executable, *([] if script.exists() else ["-m", "game"]), "play", "--plain"]
    subprocess.run(play, input="", capture_output=True, text=True, check=True)  # warm the world cache
    bare = _median_run([sys.executable, "-c", "pass"], runs)
    game = _to_first_prompt(play, runs)
    print(f"startup: python -c pass {bare * 1000:.1f} ms; city play --plain to first prompt {game * 1000:.1f} ms; "
          f"ratio {game / bare:.2f}x (target <= 4x)")
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "game", "play", "--plain"], input="",
                         capture_output=True, text=True).stderr
    heavy = [m for m in ("pydantic", "yaml", "textual") if f" {m}\n" in out or f"| {m}\n" in out]
    print(f"startup: heavy modules imported on the plain path: {', '.join(heavy) or 'none'}")


def load() -> None:
    """Validating the bundled world from YAML (a cache miss) and loading it from the cache."""
    from game.world.load import check_world, load_world

    start = time.perf_counter()
    world, _problems = check_world()
    cold = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CITY_CACHE"] = tmp
        load_world()
        times = []
        for _ in range(20):
            start = time.perf_counter()
            load_world()
            times.append(time.perf_counter() - start)
    print(f"load: validate {len(world.rooms) if world else '?'} rooms from YAML {cold * 1000:.1f} ms; "
          f"from the cache {statistics.median(times) * 1000:.2f} ms")


def turns(count: int = 3000) -> None:
    """Engine turn latency on the bundled world (target: under 0.25 ms per turn)."""
    from game.engine.game import Game
    from game.engine.offers import offers
    from game.world.load import load_world

    world = load_world()
    game = Game(world, seed=1)
    game.opening()
    script = ["look", "wait", "listen", "inventory", "examine zuru", "score"]
    start = time.perf_counter()
    for i in range(count):
        game.step(script[i % len(script)])
    fixed = (time.perf_counter() - start) / count
    # a walk over the offered commands (moves, takes, talk, encounters); only step() is timed
    game = Game(world, seed=2)
    game.opening()
    steps, stepping, offering = 0, 0.0, 0.0
    for i in range(count):
        start = time.perf_counter()
        offered = offers(game)
        offering += time.perf_counter() - start
        if not offered:
            game = Game(world, seed=i)
            game.opening()
            continue
        start = time.perf_counter()
        game.step(offered[(i * 7) % len(offered)])
        stepping += time.perf_counter() - start
        steps += 1
    print(f"turns: {fixed * 1000:.3f} ms per turn (look/wait/listen/...); "
          f"{stepping / steps * 1000:.3f} ms per turn on a walk over offered commands (target < 0.25 ms); "
          f"computing the offered commands {offering / count * 1000:.3f} ms")


def _grid_world(side: int) -> tuple[Any, str]:
    """The grid with a tower of three hunters in its far corner, and that corner."""
    from bench.grid import grid_world

    far = f"r{side - 1}_{side - 1}"
    return grid_world(side, (far,), cover="in a corner", patience=10**6, count=3), far


def pursuit(turns_each: int = 400) -> None:
    """Per-turn cost with hunters chasing, on a 100-room and a 10,000-room floor (target: flat)."""
    from game.engine.game import Game
    from game.engine.state import Pursuit

    results = {}
    for side in (10, 100):
        world, far = _grid_world(side)
        game = Game(world, seed=1)
        game.opening()
        game.state.alert = 5
        game.state.pursuers = [Pursuit("hunter", far, "t0", 10**6) for _ in range(3)]
        game.state.known = "r0_0"
        game.step("hide")
        start = time.perf_counter()
        done = 0
        while done < turns_each:
            game.step("wait")
            done += 1
            if game.state.phase != "exploring":
                game.state.phase = "exploring"
                game.state.encounter = game.state.stage = None
                game.state.pursuers = [Pursuit("hunter", far, "t0", 10**6) for _ in range(3)]
        results[side * side] = (time.perf_counter() - start) / turns_each
    small, big = results[100], results[10000]
    print(f"pursuit: {small * 1000:.3f} ms per turn with 3 hunters on 100 rooms, {big * 1000:.3f} ms on 10,000 rooms; "
          f"ratio {big / small:.2f}x (target: about 1x, bounded)")


TUI_PROBE = """
import asyncio, sys, time
start = time.perf_counter()
from game.session import Session
from game.tui.app import CityApp
from game.world.load import load_world

async def main():
    session = Session(load_world(), seed=1)
    app = CityApp(session, session.opening())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = time.perf_counter() - start
        sends = []
        for command in ["look", "inventory", "wait", "east", "west"] * 4:
            t = time.perf_counter()
            app.send(command)  # the engine's step, the log written, status and panel updated
            sends.append(time.perf_counter() - t)
            await pilot.pause()
    print(f"{first * 1000:.1f} {sum(sends) / len(sends) * 1000:.2f}")

asyncio.run(main())
"""


def tui(runs: int = 5) -> None:
    """The Textual app: process start to its first screen drawn (headless, 80x24), and a turn."""
    import statistics

    firsts, turns_ms = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", TUI_PROBE], capture_output=True, text=True, check=True,
                             cwd=tempfile.gettempdir()).stdout.split()
        firsts.append(float(out[0]))
        turns_ms.append(float(out[1]))
    print(f"tui: first screen {statistics.median(firsts):.0f} ms after the interpreter starts (imports included); "
          f"a command handled (engine step, log, status and panel updated) in {statistics.median(turns_ms):.1f} ms, "
          "drawn on the next frame")


def scale(sizes: tuple[int, ...] = (1000, 5000, 20000, 50000)) -> None:
    """Generated worlds (bench/gen_world.py) beside the bundled one: validate, warm start, a walk
    with pursuers out, an autosave, peak memory; and how each grows (see bench/scale.py)."""
    from bench.scale import run

    run(sizes)


BENCHES = {"startup": startup, "load": load, "turns": turns, "pursuit": pursuit, "tui": tui, "scale": scale}


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="THE CITY's benchmarks (figures, no assertions)")
    parser.add_argument("names", nargs="*", help=f"which to run, of {', '.join(BENCHES)} (default: all but scale)")
    parser.add_argument("--sizes", default="1000,5000,20000,50000",
                        help="scale: rooms of the generated worlds, comma-separated (default: %(default)s)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHES]
    if unknown:
        parser.error(f"no benchmark called {unknown[0]!r}; there are {', '.join(BENCHES)}")
    for name in args.names or [n for n in BENCHES if n != "scale"]:
        if name == "scale":
            try:
                sizes = tuple(int(n) for n in args.sizes.split(",") if n.strip())
            except ValueError:
                parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
            if not sizes or min(sizes) < 1:
                parser.error("--sizes needs at least one size of 1 room or more")
            scale(sizes)
        else:
            BENCHES[name]()


if __name__ == "__main__":
    main(sys.argv[1:])
