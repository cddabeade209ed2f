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
    h: dict[str, int] = field(default_factory=dict)  # relaxed plan length to each ending (-1: out of reach)
    helpful: dict[str, frozenset[int]] = field(default_factory=dict)  # atoms the relaxed plan makes true next
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
        self.children: dict[int, list[tuple[int, bool]]] = {}
        self.crashes: list[tuple[int, str, str]] = []  # (state, command, what the engine raised)
        self.topics_seen: set[tuple[str, str]] = set()
        self.hints_seen: set[str] = set()  # a state's children, and whether a warning led there
        root = self.game.snapshot()
        self._add(root, -1, "", 0)
        self.goals = [e for e in world.endings if e != world.game.clock.starve_ending]
        self.ending_atoms = {e: self.rx.endings[e] for e in self.goals}
        # open lists: per ending, preferred (True) and all (False); ("", False) serves novelty
        self.queues: dict[tuple[str, bool], list[tuple[int, int, int]]] = {("", False): [(0, 0, 0)]}
        for goal in self.goals:
            self.queues[(goal, True)] = []
            self.queues[(goal, False)] = [(0, 0, 0)]
        self.counter = 0

    # -- states ----------------------------------------------------------------------------

    def atoms(self, s: State) -> tuple[int, ...]:
        return tuple(sorted(self.rx.atoms_of(s, 1 + s.time // max(1, self.world.game.clock.turns_per_day))))

    def key(self, s: State, atoms: tuple[int, ...]) -> Any:
        """What tells two states apart for the search. Hunters count by number, not place: they
        wander every turn, and a key with their rooms would multiply every state by them."""
        alert = sum(1 for t in self.alerts if s.alert >= t)
        hunters = self.rx.hunter_atoms
        kept = tuple(a for a in atoms if a not in hunters) if s.pursuers else atoms
        return hash((kept, len(s.pursuers), s.health, alert, s.hidden))

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
        out: list[tuple[int, bool]] = []
        try:
            self._note(g)
            offered = self.commands(g)
        except Exception as err:  # an engine bug: reported with the way to it, never a traceback
            self.crashes.append((node.id, "(listing the commands on offer)", f"{type(err).__name__}: {err}"))
            return out
        for command in offered:
            try:
                tried = self.try_command(state, command)
            except Exception as err:
                self.crashes.append((node.id, command, f"{type(err).__name__}: {err}"))
                continue
            if tried is None:
                continue
            after, said, warned = tried
            child, new = self._add(after, node.id, said, node.depth + 1)
            if child == node.id:
                continue
            self.edges.append(Edge(node.id, child, said, warned))
            out.append((child, new))
            self.children.setdefault(node.id, []).append((child, warned))
        return out

    def _note(self, g: Game) -> None:
        """What a player in this state could meet that no state records: the topics on offer
        and the hint that `hint` would give."""
        t = g.turn
        if t.state.phase == ENDED:
            return
        rng = t.state.rng
        for who in t.people_here():
            for topic in t.topics(who):
                self.topics_seen.add((who, topic.about[0]))
        hint = next((hid for hid, h in self.world.hints.items() if h.tiers and t.holds(h.when)), None)
        if hint is not None:
            self.hints_seen.add(hint)
        t.state.rng = rng  # a `chance` read here is not a draw of the game's

    # -- the relaxation of a kept state ---------------------------------------------------------

    def evaluate(self, node: Node) -> tuple[list[int], list[int]]:
        level, achiever, _ = self.rx.closure(node.atoms)
        node.reach = frozenset(e for e, a in self.rx.endings.items() if level[a] >= 0)
        return level, achiever

    # -- the search -------------------------------------------------------------------------

    def run(self, deadline: float, explore: bool = False) -> None:
        """Grow the graph until the deadline or until nothing is left to try; unless `explore`,
        stop once every ending has a witness. Exploring serves the novelty list and every
        ending's lists (found or not), for states around all the ways through."""
        turn = 0
        while time.monotonic() < deadline:
            open_goals = [g for g in self.goals if g not in self.witness]
            if not open_goals and not explore:
                return
            served = open_goals if open_goals or not explore else self.goals
            lists = [(g, p) for g in served for p in (True, True, False)] + [("", False)]
            if not any(self.queues[k] for k in lists):
                return
            key = lists[turn % len(lists)]
            turn += 1
            heap = self.queues[key]
            node = None
            while heap:
                _, _, nid = heapq.heappop(heap)
                if not self.nodes[nid].expanded:
                    node = self.nodes[nid]
                    break
            if node is not None:
                self._step(node)

    def _step(self, node: Node) -> None:
        level, achiever = self.evaluate(node)
        rx = self.rx
        for goal in self.goals:
            atom = self.ending_atoms[goal]
            if level[atom] < 0:
                node.h[goal] = -1
                continue
            plan = rx.plan(atom, level, achiever)
            node.h[goal] = len(plan)
            node.helpful[goal] = frozenset(
                b for r in plan if all(level[p] == 0 for p in rx.pre[r]) for b in rx.adds[r] if level[b] > 0)
        helpful = node.helpful
        for child_id, new in self.expand(node):
            if not new:
                continue
            child = self.nodes[child_id]
            if child.state is not None and child.state.phase == ENDED:
                continue
            self.counter += 1
            atoms = set(child.atoms)
            fresh = len(atoms - self.seen_atoms)
            self.seen_atoms |= atoms
            if fresh:
                heapq.heappush(self.queues[("", False)], (-fresh, self.counter, child_id))
            for goal in self.goals:
                h = node.h.get(goal, -1)
                if h < 0:
                    continue
                heapq.heappush(self.queues[(goal, False)], (h, self.counter, child_id))
                if atoms & helpful.get(goal, frozenset()):
                    heapq.heappush(self.queues[(goal, True)], (h, self.counter, child_id))


    def probe(self, goals: frozenset[str], banned: int, deadline: float) -> int | None:
        """Greedy search toward the nearest of `goals` that never makes the `banned` atom true (a
        landmark of the goals: something on the way the player might skip). Ends when it expands
        a state still in play from which none of the goals can be reached (its id): the analysis then
        names the command that lost them. Ways past a warning the world declares are followed,
        but a loss found there is passed over."""
        queues: tuple[list[tuple[int, int, int, bool]], list[tuple[int, int, int, bool]]] = ([], [(0, 0, 0, False)])
        done: set[int] = set()
        turn = count = 0
        while (queues[0] or queues[1]) and time.monotonic() < deadline:
            heap = queues[0] if queues[0] and turn % 3 != 2 else queues[1]
            turn += 1
            _, _, nid, warned = heapq.heappop(heap)
            if nid in done:
                continue
            done.add(nid)
            node = self.nodes[nid]
            if node.state is not None and node.state.phase == ENDED:
                continue
            if not node.expanded:
                self._step(node)
            near = [(h, g) for g, h in node.h.items() if g in goals and h >= 0]
            if not near:
                if warned or goals & (node.reach or frozenset()):
                    continue
                return nid
            h, goal = min(near)
            helpful = node.helpful.get(goal, frozenset())
            for child_id, warning in self.children.get(nid, ()):
                child = self.nodes[child_id]
                if child_id in done or banned in child.atoms:
                    continue
                count += 1
                heapq.heappush(queues[1], (h, count, child_id, warning))
                if helpful.intersection(child.atoms):
                    heapq.heappush(queues[0], (h, count, child_id, warning))
        return None


    def seek(self, goal: int, deadline: float) -> int | None:
        """Greedy search for a state where the atom `goal` holds (a room, a stage the search has
        not reached yet), guided by the relaxed plan to it; the state's id, or None."""
        rx = self.rx
        heap: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)]
        done: set[int] = set()
        count = 0
        while heap and time.monotonic() < deadline:
            _, _, _, nid = heapq.heappop(heap)
            if nid in done:
                continue
            done.add(nid)
            node = self.nodes[nid]
            if goal in node.atoms:
                return nid
            if node.state is None or node.state.phase == ENDED:
                continue
            level, achiever, _ = rx.closure(node.atoms)
            if level[goal] < 0:
                continue
            plan = rx.plan(goal, level, achiever)
            helpful = {b for r in plan if all(level[p] == 0 for p in rx.pre[r]) for b in rx.adds[r] if level[b] > 0}
            if not node.expanded:
                self._step(node)
            for child_id, _ in self.children.get(nid, ()):
                if child_id not in done:
                    count += 1
                    heapq.heappush(heap, (len(plan), 0 if helpful.intersection(self.nodes[child_id].atoms) else 1,
                                          count, child_id))
        return None


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
