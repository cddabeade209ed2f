"""TheCity-v0 under gymnasium: registered, passing gymnasium's own check_env, vectorised."""

from __future__ import annotations

import warnings

import pytest

gymnasium = pytest.importorskip("gymnasium")


def test_make_by_module_id_and_short_id() -> None:
    env = gymnasium.make("game.gymenv:TheCity-v0")
    observation, info = env.reset(seed=11_000)
    assert info["seed"] == 11_000 and observation in env.observation_space
    assert gymnasium.make("TheCity-v0").spec.id == "TheCity-v0"
    assert env.spec.kwargs["step_limit"] > 0


def test_check_env_passes_without_warnings() -> None:
    from gymnasium.utils.env_checker import check_env

    env = gymnasium.make("game.gymenv:TheCity-v0")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    assert not [str(w.message) for w in caught if "gymnasium" in str(w.filename)]


def test_observations_stay_inside_the_space_along_the_walkthrough() -> None:
    env = gymnasium.make("game.gymenv:TheCity-v0")
    observation, info = env.reset(seed=0)
    for command in env.unwrapped.city.walkthrough():
        assert command in env.action_space
        observation, _, terminated, _, info = env.step(command)
        assert observation in env.observation_space
    assert terminated and info["won"] and info["score"] == info["max_score"]


def test_reset_without_a_seed_draws_from_the_split() -> None:
    env = gymnasium.make("game.gymenv:TheCity-v0", split="valid")
    env.reset(seed=5)
    _, info = env.reset()
    assert 10_000 <= info["seed"] < 11_000


def test_a_vector_of_games_in_worker_processes() -> None:
    from gymnasium.vector import AsyncVectorEnv

    # text observations cannot live in shared memory (gymnasium's Text space has no view there)
    venv = AsyncVectorEnv([lambda: gymnasium.make("game.gymenv:TheCity-v0") for _ in range(2)], shared_memory=False)
    try:
        observations, infos = venv.reset(seed=[1, 2])
        assert all("City" in o for o in observations)
        for _ in range(3):
            actions = [commands[0] for commands in infos["admissible_commands"]]
            observations, rewards, terminated, _, infos = venv.step(actions)
        assert len(rewards) == 2 and not terminated.any()
    finally:
        venv.close()
