"""The game's one random source: SplitMix64, whose whole state is one integer.

One integer in the game state means saves, undo and replays carry the RNG exactly,
in any process and on any Python, with no pickled generator state.
"""

from __future__ import annotations

MASK = (1 << 64) - 1


def next_state(state: int) -> tuple[int, float]:
    """Advance `state`; return the new state and a float in [0, 1)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return state, (z >> 11) / float(1 << 53)


def seed_state(seed: int) -> int:
    """The starting state for a seed (any integer)."""
    return (seed * 0x2545F4914F6CDD1D + 0x1234567) & MASK


def derived(seed: int, moves: int, salt: int) -> float:
    """A float in [0, 1) fixed by the seed, the turn and a salt, drawn without moving the
    game's RNG: for the Safeguard's patrols and the City's ambient events, which vary with
    the seed every few turns while every `chance` of the story stays where it was."""
    mixed = seed_state(seed) ^ ((moves * 0x9E3779B97F4A7C15 + salt * 0xBF58476D1CE4E5B9) & MASK)
    return next_state(mixed)[1]
