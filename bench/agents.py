"""Figures for agents and researchers (issue 14): steps per second in-process and through the
JSON pipe on the same actions, memory per game, snapshot and restore, valid actions; and the
scripted players' rates per floor that tune the Safeguard (issue 18, bench/policies.py).
They print figures and assert nothing, except the ratio the issue asks for, which is shown.

    python bench/agents.py [STEPS]
"""

from __future__ import annotations

import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.env import CityEnv  # noqa: E402  (after the path is set)


def random_actions(steps: int, seed: int = 1) -> list[str]:
    """What a random agent over the admissible commands sends from a fresh game, with restarts."""
    rng = random.Random(seed)
    env = CityEnv(seed=seed)
    env.reset()
    sent: list[str] = []
    while len(sent) < steps:
        commands = [c for c in env.admissible_commands() if c != "undo"] or ["look"]
        command = rng.choice(commands)
        sent.append(command)
        if env.step(command)[2]:
            sent += ["restart", "yes"]
            env.step("restart")
            env.step("yes")
    return sent[:steps]


def in_process(actions: list[str], seed: int = 1) -> float:
    env = CityEnv(seed=seed)
    env.reset()
    start = time.perf_counter()
    for command in actions:
        env.step(command)
    return len(actions) / (time.perf_counter() - start)


def through_the_pipe(actions: list[str], seed: int = 1) -> float:
    with tempfile.TemporaryDirectory() as home:
        proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--json", "--no-autosave", "--seed", str(seed)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                env={**os.environ, "CITY_HOME": home, "PYTHONPATH": str(ROOT)})
        assert proc.stdin is not None and proc.stdout is not None
        json.loads(proc.stdout.readline())
        start = time.perf_counter()
        for command in actions:
            proc.stdin.write(command + "\n")
            proc.stdin.flush()
            json.loads(proc.stdout.readline())
        rate = len(actions) / (time.perf_counter() - start)
        proc.stdin.close()
        proc.wait(timeout=60)
    return rate


def memory_per_game(games: int, steps: int, **options: object) -> float:
    actions = random_actions(steps, seed=5)
    CityEnv(seed=0)  # the shared world, loaded before counting
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    envs = []
    for i in range(games):
        env = CityEnv(seed=i, **options)  # type: ignore[arg-type]
        env.reset()
        for command in actions:
            env.step(command)
        envs.append(env)
    gc.collect()
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    return used / games


def per_call(fn: object, runs: int) -> float:
    assert callable(fn)
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    return (time.perf_counter() - start) / runs


def main() -> None:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    actions = random_actions(steps)
    pairs = [(in_process(actions), through_the_pipe(actions)) for _ in range(5)]  # paired: the machine's load varies
    fast = statistics.median(p[0] for p in pairs)
    pipe = statistics.median(p[1] for p in pairs)
    ratio = statistics.median(p[0] / p[1] for p in pairs)
    print(f"steps/s, {steps} random-agent actions: in-process {fast:,.0f}, JSON pipe {pipe:,.0f} "
          f"(in-process is {ratio:.1f}x the pipe, median of 5 paired runs; the issue asks for at least 2x)")

    env = CityEnv(seed=1)
    env.reset()
    for command in actions[:300]:
        env.step(command)
    state = env.get_state()
    print(f"get_state {per_call(env.get_state, 20000) * 1e6:.1f} us, set_state "
          f"{per_call(lambda: env.set_state(state), 20000) * 1e6:.1f} us, world_state_hash "
          f"{per_call(env.world_state_hash, 2000) * 1e6:.0f} us, copy() {per_call(env.copy, 2000) * 1e6:.0f} us")

    times, counts, admissible = [], [], []
    env.reset(seed=2)
    rng = random.Random(3)
    for _ in range(40):
        for _ in range(5):
            env.step(rng.choice(env.admissible_commands() or ["look"]))
        if env.game.state.phase == "ended":
            env.reset(seed=rng.randrange(100))
        start = time.perf_counter()
        counts.append(len(env.valid_actions()))
        times.append(time.perf_counter() - start)
        admissible.append(len(env.admissible_commands()))
    print(f"valid_actions: {statistics.mean(counts):.1f} of {statistics.mean(admissible):.1f} admissible commands "
          f"on average, {statistics.median(times) * 1e3:.1f} ms per state (median)")

    for label, options in (("undo history of 200 turns (the default)", {}), ("undo_limit=10", {"undo_limit": 10})):
        per_game = memory_per_game(100, 300, **options)
        print(f"memory per game after 300 steps, {label}: {per_game / 1024:,.0f} KiB")

    import policies  # the scripted players that tune the Safeguard (issue 18), beside this file

    levels = {f.level: f.name for f in env.world.floors.values()}
    for name, results in policies.run(50).items():
        print(f"{name} player, 50 seeds (issue 18 asks: reckless dies before the last floor in half, "
              f"cautious finishes four in five):")
        for line in policies.summary(results, levels):
            print(line)


if __name__ == "__main__":
    main()
