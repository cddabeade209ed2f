"""The search over the world's states: the real engine's snapshots, named by what conditions read.

Each state the search keeps is an exact engine snapshot reached by real commands from the
start, so every path it reports replays as it was found. States are told apart by their
projection (`Explorer.key`): the relaxation's atoms (room, items, flags and counters as far
as conditions read them, companions, encounter stage, triggers fired, clock thresholds,
hunters) plus health, the alert as far as it matters and whether the player is hidden.
Time, moves, the RNG and the journal are left out, so walking in circles finds nothing new.

The strategy is greedy best-first search with lazy evaluation and preferred commands (as in
the FF and LAMA planners): one open list per ending not yet reached, ordered by the length
of a relaxed plan to it; a state's estimate is computed when it is expanded, and children
that make true an atom the relaxed plan needs next go to a preferred list that is served
first. A third kind of list serves novelty (a state that makes some atom true for the
first time), so the search also spreads over the whole world for coverage.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field
from typing import Any

from game.check.actions import Commands
from game.check.relax import Relaxation
from game.engine import events as ev
from game.engine.game import Game
from game.engine.phases import ENDED
from game.engine.state import State
from game.world.model import World

ANSWER = "yes"


@dataclass(slots=True)
class Node:
    """A kept state: how it was reached, and what the relaxation says of it once expanded."""

    id: int
    parent: int
    command: str
    depth: int
    state: State | None
    atoms: tuple[int, ...]
    reach: frozenset[str] | None = None  # the endings the relaxation can still reach (set on demand)
    h: dict[str, int] = field(default_factory=dict)
    expanded: bool = False


@dataclass(slots=True)
class Edge:
    """A command tried in a kept state that changed it."""

    parent: int
    child: int
    command: str
    warned: bool  # the game asked first, with a warning the world declares


class Explorer:
    """The state graph of one world, grown by `run` within a deadline."""

    def __init__(self, world: World, seed: int = 0, relaxation: Relaxation | None = None) -> None:
        self.world = world
        self.seed = seed
        self.rx = relaxation or Relaxation(world)
        self.game = Game(world, seed=seed)
        self.game.opening()
        self.commands = Commands(world)
        self.warnings = _warnings(world)
        self.alerts = sorted(_alert_thresholds(world))
        self.nodes: list[Node] = []
        self.by_key: dict[Any, int] = {}
        self.edges: list[Edge] = []
        self.witness: dict[str, int] = {}
        self.expansions = 0
        self.steps = 0
        self.seen_atoms: set[int] = set()
        root = self.game.snapshot()
        self._add(root, -1, "", 0)
        self.goals = [e for e in world.endings if e != world.game.clock.starve_ending]
        self.ending_atoms = {e: self.rx.endings[e] for e in self.goals}

    # -- states ----------------------------------------------------------------------------

    def atoms(self, s: State) -> tuple[int, ...]:
        return tuple(sorted(self.rx.atoms_of(s, 1 + s.time // max(1, self.world.game.clock.turns_per_day))))

    def key(self, s: State, atoms: tuple[int, ...]) -> Any:
        alert = sum(1 for t in self.alerts if s.alert >= t)
        return hash((atoms, s.health, alert, s.hidden))

    def _add(self, s: State, parent: int, command: str, depth: int) -> tuple[int, bool]:
        atoms = self.atoms(s)
        key = self.key(s, atoms)
        found = self.by_key.get(key)
        if found is not None:
            return found, False
        node = Node(len(self.nodes), parent, command, depth, s, atoms)
        self.nodes.append(node)
        self.by_key[key] = node.id
        if s.phase == ENDED and s.ending and s.ending not in self.witness:
            self.witness[s.ending] = node.id
        return node.id, True

    def path(self, node_id: int) -> list[str]:
        """The commands from the start to a kept state (a confirmed command is two lines)."""
        out: list[str] = []
        while node_id > 0:
            node = self.nodes[node_id]
            out.append(node.command)
            node_id = node.parent
        return [line for command in reversed(out) for line in command.split("\n")]

    def try_command(self, state: State, command: str) -> tuple[State, str, bool] | None:
        """The state after a command (answering yes to a question it asks), or None if refused."""
        g = self.game
        g.restore(state)
        g.undo_stack.clear()
        self.steps += 1
        events = g.step(command)
        if any(isinstance(e, ev.Error) for e in events):
            return None
        warned = False
        pending = g.state.pending
        if pending is not None:
            if "confirm" not in pending:
                return None  # "which do you mean?": the search names things unambiguously instead
            asked = next((getattr(e, "text", "") for e in events if type(e).__name__ == "Question"), "")
            warned = _squash(asked) in self.warnings
            events = g.step(ANSWER)
            command = f"{command}\n{ANSWER}"
            if any(isinstance(e, ev.Error) for e in events) or g.state.pending is not None:
                return None
        after = g.state
        g.state = state  # the game lets go of `after`: it becomes the child's own snapshot
        return after, command, warned

    def expand(self, node: Node) -> list[tuple[int, bool]]:
        """Try every command in a state; the children (id, new?)."""
        node.expanded = True
        self.expansions += 1
        state = node.state
        assert state is not None
        g = self.game
        g.restore(state)
        out = []
        for command in self.commands(g):
            tried = self.try_command(state, command)
            if tried is None:
                continue
            after, said, warned = tried
            child, new = self._add(after, node.id, said, node.depth + 1)
            if child == node.id:
                continue
            self.edges.append(Edge(node.id, child, said, warned))
            out.append((child, new))
        return out

    # -- the relaxation of a kept state ---------------------------------------------------------

    def evaluate(self, node: Node) -> tuple[list[int], list[int]]:
        level, achiever = self.rx.closure(node.atoms)
        node.reach = frozenset(e for e, a in self.rx.endings.items() if level[a] >= 0)
        return level, achiever

    # -- the search -------------------------------------------------------------------------

    def run(self, deadline: float, want: list[str] | None = None, explore: bool = False) -> None:
        """Grow the graph until the deadline, or until nothing is left to try, or (unless
        `explore`) until every ending in `want` has a witness."""
        want = [e for e in (want or self.goals) if e not in self.witness]
        queues: dict[tuple[str, bool], list[tuple[int, int, int]]] = {}
        for goal in want:
            queues[(goal, True)] = []
            queues[(goal, False)] = []
        novel: list[tuple[int, int, int]] = []
        counter = 0
        root = self.nodes[0]
        self._push_all(root, queues, novel, counter)
        turn = 0
        while time.monotonic() < deadline:
            open_goals = [g for g in want if g not in self.witness]
            lists = [(g, p) for g in open_goals for p in (True, True, False)] + [("", False)]
            if not any(queues.get(k) if k[0] else novel for k in lists):
                break
            goal, preferred = lists[turn % len(lists)]
            turn += 1
            heap = queues[(goal, preferred)] if goal else novel
            node = None
            while heap:
                _, _, nid = heapq.heappop(heap)
                if not self.nodes[nid].expanded:
                    node = self.nodes[nid]
                    break
            if node is None:
                continue
            counter = self._step(node, queues, novel, counter, open_goals)
            if not explore and all(g in self.witness for g in want):
                break

    def _push_all(self, node: Node, queues: dict[tuple[str, bool], list[tuple[int, int, int]]],
                  novel: list[tuple[int, int, int]], counter: int) -> None:
        for (_goal, preferred), heap in queues.items():
            if not preferred:
                heapq.heappush(heap, (0, counter, node.id))
        heapq.heappush(novel, (0, counter, node.id))

    def _step(self, node: Node, queues: dict[tuple[str, bool], list[tuple[int, int, int]]],
              novel: list[tuple[int, int, int]], counter: int, goals: list[str]) -> int:
        level, achiever = self.evaluate(node)
        helpful: dict[str, set[int]] = {}
        for goal in goals:
            atom = self.ending_atoms[goal]
            if level[atom] < 0:
                node.h[goal] = -1
                continue
            plan = self.rx.plan(atom, level, achiever)
            node.h[goal] = len(plan)
            pre = self.rx.pre
            helpful[goal] = {b for r in plan if all(level[p] == 0 for p in pre[r]) for b in self.rx.adds[r] if level[b] > 0}
        for child_id, new in self.expand(node):
            if not new:
                continue
            child = self.nodes[child_id]
            if child.state is not None and child.state.phase == ENDED:
                continue
            counter += 1
            atoms = set(child.atoms)
            fresh = len(atoms - self.seen_atoms)
            self.seen_atoms |= atoms
            if fresh:
                heapq.heappush(novel, (-fresh, counter, child_id))
            for goal in goals:
                h = node.h.get(goal, -1)
                if h < 0:
                    continue
                heapq.heappush(queues[(goal, False)], (h, counter, child_id))
                if atoms & helpful.get(goal, set()):
                    heapq.heappush(queues[(goal, True)], (h, counter, child_id))
        return counter


def _squash(text: str) -> str:
    return " ".join(text.split())


def _warnings(world: World) -> set[str]:
    """The warning texts the world declares on exits and encounter options."""
    found = set()
    for room in world.rooms.values():
        for ex in room.exits.values():
            warn = getattr(ex, "warn", None)
            if warn:
                found.add(_squash(warn))
    for enc in world.encounters.values():
        for stage in enc.stages.values():
            for option in stage.options:
                warn = getattr(option, "warn", None)
                if warn:
                    found.add(_squash(warn))
    return found


def _alert_thresholds(world: World) -> set[int]:
    from game.check.conditions import primitives, world_conditions

    found = {world.game.alert.release_at}
    for cond in world_conditions(world):
        for name, arg in primitives(cond):
            if name == "alert_at_least":
                found.add(arg)
            elif name == "alert_at_most":
                found.add(arg + 1)
    return found
