"""A hypothesis state machine: random commands, saves, loads and undos on the tiny world.

Invariants: nothing raises; a load restores exactly the state that was saved; an undo
goes back exactly one turn (RNG included); a refused load changes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from game.engine.game import VOLATILE
from game.engine.saved import checked_state
from game.session import Session
from game.world.load import load_world

MINI = Path(__file__).parent / "worlds" / "mini"
WORLD = load_world(world_dir=MINI, use_cache=False)
COMMANDS = ["n", "s", "e", "w", "d", "u", "take all", "drop all", "take lamp", "use key on hatch", "talk to ada",
            "tower", "bye", "hide", "wait", "run", "fight", "1", "2", "look", "give lamp to man", "sleep", "frabjous", ""]


def lasting(state: dict) -> dict:
    return {k: v for k, v in state.items() if k not in VOLATILE}


class SavesAndUndos(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.home = Path(tempfile.mkdtemp(prefix="city-machine-"))
        self.session = Session(WORLD, seed=7, home=self.home)
        self.session.opening()
        self.saved: dict[str, dict] = {}
        self.history: list[dict] = []

    def teardown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    @rule(command=st.sampled_from(COMMANDS))
    def play(self, command: str) -> None:
        before = self.session.game.state.to_dict()
        self.session.send(command)
        if lasting(self.session.game.state.to_dict()) != lasting(before):
            self.history.append(before)

    @rule(name=st.sampled_from(["a", "b"]))
    def save(self, name: str) -> None:
        self.session.send(f"save {name}")
        self.saved[name] = self.session.game.state.to_dict()

    @rule(name=st.sampled_from(["a", "b"]))
    def load(self, name: str) -> None:
        before = self.session.game.state.to_dict()
        self.session.send(f"load {name}")
        if name in self.saved:
            assert lasting(self.session.game.state.to_dict()) == lasting(self.saved[name])
            self.history = []  # the save carries its own undo history
        else:
            assert lasting(self.session.game.state.to_dict()) == lasting(before)

    @precondition(lambda self: bool(self.history))
    @rule()
    def undo(self) -> None:
        expected = self.history.pop()
        self.session.send("undo")
        assert lasting(self.session.game.state.to_dict()) == lasting(expected)

    @invariant()
    def the_state_is_json_ready_and_fits_the_world(self) -> None:
        checked_state(self.session.world, self.session.game.state.to_dict())


SavesAndUndos.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
TestSavesAndUndos = SavesAndUndos.TestCase
