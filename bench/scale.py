"""`bench/run.py scale`: THE CITY on generated worlds of many sizes, beside the bundled one.

For each size a mod is written by bench/gen_world.py, then each figure is taken in a fresh
process (so one size's memory and caches never help the next):

- validate: reading, merging and checking the YAML (a cache miss), and the peak memory of
  the process that did it; then the compiled-world cache is written;
- warm start: `city play --plain --mod DIR` to its first prompt, the cache warm;
- turns: a seeded wander among the rooms around a Watchtower, seen, with its exterminators
  out and closing (encounters answered as they come), each `Game.step` timed: median and
  worst, and the rooms the pursuit's route searches took a turn (its work, counted);
- autosave: `Session.autosave()` after the walk (the save as a player's game writes it), and
  the size of the file.

Then each growth ratio: validate against the ratio of rooms (linear: within 1.15x of it), a
turn's cost against the smallest world's (flat: within 1.5x), the autosave likewise. Targets
are printed beside the figures; nothing is asserted (machines are noisy).
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WALK = 300  # timed turns of the walk
WANDER = 6  # the walk keeps within this many rooms of a Watchtower's
CALM = ("hide", "run", "duck", "talk")  # encounter options the walk takes, first found first


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def probe_validate(mod: str) -> dict[str, Any]:
    """In a fresh process: validate the world with `mod` (no cache), then write the cache."""
    from game.world import cache
    from game.world.load import check_world

    mods = [mod] if mod else []
    start = time.perf_counter()
    world, problems = check_world(mods)
    took = time.perf_counter() - start
    errors = [str(p) for p in problems if p.severity == "error"]
    if world is None:
        raise SystemExit("the world does not validate: " + "; ".join(errors[:3]))
    peak = _peak_mib()
    key = cache.key_for(os.path.join(str(ROOT), "data", "world"), mods)
    start = time.perf_counter()
    problem = cache.write(key, world) if key else "no cache key"
    write = time.perf_counter() - start
    return {"rooms": len(world.rooms), "validate": took, "validate_peak": peak, "cache_write": write,
            "cache_problem": problem}


def _ball(world: Any, centre: str, radius: int) -> dict[str, int]:
    """Rooms within `radius` exits of `centre` (through exits without conditions), with their distance."""
    dist = {centre: 0}
    frontier = [centre]
    for step in range(1, radius + 1):
        nxt = []
        for room in frontier:
            for ex in world.rooms[room].exits.values():
                if ex.when is None and ex.to not in dist and world.rooms[ex.to].floor == world.rooms[centre].floor:
                    dist[ex.to] = step
                    nxt.append(ex.to)
        frontier = nxt
    return dist


def probe_play(mod: str) -> dict[str, Any]:
    """In a fresh process: load from the warm cache, walk with pursuers out, autosave.

    Set up as `city play` does: the collector off until the game is ready, then the world frozen."""
    import gc

    gc.disable()
    from game.engine.phases import ENCOUNTER, ENDED
    from game.session import Session
    from game.world.load import load_world

    mods = [mod] if mod else []
    start = time.perf_counter()
    world = load_world(mods)
    load = time.perf_counter() - start
    home = Path(tempfile.mkdtemp(prefix="city-scale-home-"))
    towers = [t for t in world.watchtowers if t.startswith("sc_tower")] if mod else []
    begin = world.watchtowers[towers[0]].from_ if towers else None
    start = time.perf_counter()
    session = Session(world, seed=1, start=begin, home=home)
    session.opening()
    opening = time.perf_counter() - start
    gc.freeze()
    gc.enable()
    game = session.game
    ball = _ball(world, begin, WANDER) if begin else {}
    game.step("look")  # the first command loads the verbs: a start-up cost, not a turn's
    work_before = getattr(game.index.nav, "work", 0)  # (counted since the routes were bounded)
    times: list[float] = []
    out_turns = 0
    draw = 12345
    for i in range(WALK):
        s = game.state
        if s.phase == ENDED:
            break
        if s.phase == ENCOUNTER:
            keys = [o.key for o in game.options()]
            command = next((k for k in CALM if k in keys), keys[0] if keys else "1")
        elif ball:  # a seeded wander among the rooms around the tower: seen, heard, chased
            ways = [d for d, ex in world.rooms[s.room].exits.items() if ex.when is None and ex.to in ball]
            draw = (draw * 1103515245 + 12345) % 2**31
            command = ways[draw % len(ways)] if ways else "wait"
        else:
            command = ["look", "wait", "listen", "inventory"][i % 4]
        start = time.perf_counter()
        game.step(command)  # the engine's turn only (the session's periodic autosave is timed below)
        times.append(time.perf_counter() - start)
        out_turns += bool(game.state.pursuers)
    saves = []
    for _ in range(5):
        start = time.perf_counter()
        session.autosave()
        saves.append(time.perf_counter() - start)
    size = (home / "saves" / "autosave.json").stat().st_size
    return {"load": load, "opening": opening, "turn_median": statistics.median(times), "turn_worst": max(times),
            "turns": len(times), "pursuer_turns": out_turns, "autosave": statistics.median(saves), "save_bytes": size,
            "play_peak": _peak_mib(), "visited": len(game.state.visited),
            "route_work": (getattr(game.index.nav, "work", 0) - work_before) / max(1, len(times))}


def _child(kind: str, mod: str, cache: str) -> dict[str, Any]:
    env = {**os.environ, "CITY_CACHE": cache, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "bench.scale", kind, mod], capture_output=True, text=True, env=env,
                         cwd=str(ROOT))
    if out.returncode != 0:
        raise RuntimeError(f"the {kind} probe failed:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _first_prompt(mod: str, cache: str, runs: int) -> float:
    from bench.run import _to_first_prompt

    script = Path(sys.executable).with_name("city")
    play = [str(script), "play", "--plain", "--seed", "1", "--no-autosave"]
    if mod:
        play += ["--mod", mod]
    os.environ["CITY_CACHE"] = cache
    return _to_first_prompt(play, runs)


def measure(rooms: int | None, work: Path, runs: int) -> dict[str, Any]:
    """Every figure for one world: the bundled one (`rooms` None) or a generated floor of `rooms`."""
    from bench.gen_world import write

    mod = ""
    if rooms is not None:
        folder = work / f"undergrid_{rooms}"
        write(rooms, folder)
        mod = str(folder)
    cache = str(work / f"cache_{rooms or 0}")
    figures = _child("validate", mod, cache)
    figures.update(_child("play", mod, cache))
    figures["warm_start"] = _first_prompt(mod, cache, runs)
    figures["size"] = rooms or 0
    return figures


def _row(name: str, f: dict[str, Any]) -> str:
    return (f"{name:>8} | {f['rooms']:>6,} | validate {f['validate']:7.2f} s (peak {f['validate_peak']:5.0f} MiB, "
            f"{f['validate_peak'] / max(1, f['rooms']) * 1000:5.1f} MiB/1k rooms) | cache write {f['cache_write'] * 1000:6.0f} ms"
            f" | warm start {f['warm_start'] * 1000:6.0f} ms (cache load {f['load'] * 1000:5.0f} ms) | turn median "
            f"{f['turn_median'] * 1000:6.3f} ms, worst {f['turn_worst'] * 1000:6.2f} ms ({f['pursuer_turns']}/{f['turns']} with "
            f"pursuers out, {f['route_work']:.0f} rooms searched a turn) "
            f"| autosave {f['autosave'] * 1000:6.1f} ms, {f['save_bytes'] / 1024:7.1f} KiB | play peak "
            f"{f['play_peak']:5.0f} MiB")


def run(sizes: tuple[int, ...]) -> None:
    """Measure the bundled world and each size; print the figures and the growth ratios."""
    with tempfile.TemporaryDirectory(prefix="city-scale-") as tmp:
        work = Path(tmp)
        bundled = measure(None, work, runs=7)
        print("scale: " + _row("bundled", bundled), flush=True)
        results = []
        for rooms in sorted(sizes):
            f = measure(rooms, work, runs=3)
            results.append(f)
            print("scale: " + _row(f"{rooms:,}", f), flush=True)
    for small, big in itertools.pairwise(results):
        room_ratio = big["rooms"] / small["rooms"]
        grew = big["validate"] / small["validate"]
        print(f"scale: {small['size']:,} -> {big['size']:,} rooms: validate x{grew:.2f} for x{room_ratio:.2f} the rooms "
              f"({grew / room_ratio:.2f} of linear; target <= 1.15); "
              f"peak memory x{big['validate_peak'] / small['validate_peak']:.2f}")
    if results:
        first = results[0]
        for f in results[1:]:
            print(f"scale: turn at {f['size']:,} rooms x{f['turn_median'] / first['turn_median']:.2f} the {first['size']:,}-room "
                  f"turn (target <= 1.5); autosave x{f['autosave'] / first['autosave']:.2f}; "
                  f"save file x{f['save_bytes'] / first['save_bytes']:.2f}")
        for f in results:
            if f["size"] >= 20000 or f is results[-1]:
                print(f"scale: at {f['size']:,} rooms: validate {f['validate']:.2f} s (target <= 4 s at 20k); "
                      f"turn {f['turn_median'] * 1000:.2f} ms median, {f['turn_worst'] * 1000:.2f} ms worst "
                      "(targets 2 and 10 ms); "
                      f"autosave {f['autosave'] * 1000:.1f} ms (target 20 ms); warm start "
                      f"x{f['warm_start'] / bundled['warm_start']:.2f} the bundled world's (target <= 4x)")


if __name__ == "__main__":
    PROBES = {"validate": probe_validate, "play": probe_play}
    print(json.dumps(PROBES[sys.argv[1]](sys.argv[2] if len(sys.argv) > 2 else "")))
