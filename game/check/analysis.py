"""Dead ends, points of no return and the cruelty ratings, over the states the search kept.

For every kept state the relaxation says which endings it could still reach; where it says
none, no play can (the relaxation only over-estimates). A state's set is computed in full
once, or inherited: a child whose relaxed closure gets back every atom its parent had (or,
for an atom no rule can give back, everything the rules that needed it give) can reach all
its parent could, which is cheap to show: the closure stops as soon as those atoms are back.

A loss is a command after which a goal (an ending, or one of a set of endings) that the
state before could reach is proven out of reach. It is:

- `ended`: the command ended the game, or left the player in an encounter that can only end
  it: the player knows at once;
- `declared`: the game asked first, with a `warn:` the world gives the exit or option;
- `undeclared`: neither: a point of no return the player is not told about.

A dead end is a state that is still playing but can reach no ending but the clock's.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

from game.check.search import Edge, Explorer, Node
from game.engine.phases import ENDED


@dataclass
class Loss:
    goal: str
    kind: str  # ended, declared, undeclared
    edge: Edge
    room: str
    path: list[str]
    encounter: tuple[str, str | None] | None = None  # the encounter and stage the command was chosen in
    to_room: str | None = None  # where the command led, if it moved the player


@dataclass
class Goal:
    """A set of endings to keep reachable: `name` for the report."""

    name: str
    endings: frozenset[str]


@dataclass
class Analysis:
    explorer: Explorer
    goals: list[Goal]
    alive: frozenset[str]  # the endings whose loss makes a dead end: all but the clock's
    losses: list[Loss] = field(default_factory=list)
    dead_ends: list[Loss] = field(default_factory=list)
    analysed: int = 0
    complete: bool = True
    exact: dict[int, bool] = field(default_factory=dict)
    free: int = -1
    free_again: dict[int, bool] = field(default_factory=dict)

    def run(self, deadline: float) -> None:
        x = self.explorer
        self.free = x.rx.ids.get("free", -1)
        nodes = x.nodes
        for node in nodes:
            if node.reach is None:
                if time.monotonic() > deadline:
                    self.complete = False
                    break
                self._inherit(node)
            self.analysed += 1
        dist, pred = self._shortest(len(nodes))
        seen: set[tuple[str, str, str]] = set()
        for edge in sorted(x.edges, key=lambda e: dist.get(e.parent, 1 << 30)):
            parent, child = nodes[edge.parent], nodes[edge.child]
            if parent.reach is None or child.reach is None or edge.parent not in dist:
                continue
            for goal in [Goal("dead end", self.alive), *self.goals]:
                if not (parent.reach & goal.endings) or child.reach & goal.endings:
                    continue
                reach = self._exact(child)
                if reach & goal.endings:
                    continue
                kind = self._kind(child, edge)
                if goal.name == "dead end" and kind == "ended":
                    continue
                ps = parent.state
                room = ps.room if ps is not None else "?"
                place = f"{ps.encounter}:{ps.stage}" if ps is not None and ps.encounter else room
                key = (goal.name, place, edge.command)
                if key in seen:
                    continue
                seen.add(key)
                encounter = (ps.encounter, ps.stage) if ps is not None and ps.encounter else None
                moved = child.state.room if child.state is not None and child.state.room != room else None
                loss = Loss(goal.name, kind, edge, room, self._path(edge, pred), encounter, moved)
                (self.dead_ends if goal.name == "dead end" else self.losses).append(loss)

    def _kind(self, child: Node, edge: Edge) -> str:
        s = child.state
        if s is None or s.phase == ENDED or not self.free_again.get(child.id, True):
            return "ended"
        return "declared" if edge.warned else "undeclared"

    def _inherit(self, node: Node) -> None:
        """The endings a state can reach: its parent's, if the closure shows it can get back
        every atom its parent had; else its own, in full."""
        x = self.explorer
        s = node.state
        if s is not None and s.phase == ENDED:
            node.reach = frozenset([s.ending]) if s.ending else frozenset()
            self.exact[node.id] = True
            return
        parent = x.nodes[node.parent]
        if parent.reach is not None:
            here = set(node.atoms)
            wanted = x.rx.stand_ins(set(parent.atoms).difference(here))
            if s is not None and self.free in here:
                here |= x.rx.walkable(s.room)
            if x.rx.within_one(here, wanted) or x.rx.regains(here, wanted):
                node.reach = parent.reach
                self.exact[node.id] = False
                return
        level, _, _ = x.rx.closure(node.atoms)
        self._store(node, level)

    def _exact(self, node: Node) -> frozenset[str]:
        if not self.exact.get(node.id):
            level, _, _ = self.explorer.rx.closure(node.atoms)
            self._store(node, level)
        assert node.reach is not None
        return node.reach

    def _store(self, node: Node, level: list[int]) -> None:
        rx = self.explorer.rx
        node.reach = frozenset(e for e, a in rx.endings.items() if level[a] >= 0)
        self.exact[node.id] = True
        free = rx.ids.get("free")
        self.free_again[node.id] = free is not None and level[free] >= 0

    def _shortest(self, n: int) -> tuple[dict[int, int], dict[int, Edge]]:
        """Breadth-first over the kept graph: each state's distance from the start, and the
        command that reaches it on a shortest path."""
        out: dict[int, list[Edge]] = {}
        for edge in self.explorer.edges:
            out.setdefault(edge.parent, []).append(edge)
        dist = {0: 0}
        pred: dict[int, Edge] = {}
        queue = deque([0])
        while queue:
            here = queue.popleft()
            for edge in out.get(here, ()):
                if edge.child not in dist:
                    dist[edge.child] = dist[here] + 1
                    pred[edge.child] = edge
                    queue.append(edge.child)
        return dist, pred

    def _path(self, edge: Edge, pred: dict[int, Edge]) -> list[str]:
        commands = [edge.command]
        here = edge.parent
        while here in pred:
            commands.append(pred[here].command)
            here = pred[here].parent
        return [line for command in reversed(commands) for line in command.split("\n")]


RATINGS = ("merciful", "polite", "tough", "nasty", "cruel")


def rate(losses: list[Loss], dead_ends: list[Loss]) -> tuple[str, list[str]]:
    """Zarf's cruelty scale for one goal, from the losses found (and the dead ends)."""
    entries = {(d.room, d.edge.command) for d in dead_ends}
    losses = [loss for loss in losses if (loss.room, loss.edge.command) not in entries]
    kinds = {loss.kind for loss in losses}
    reasons = []
    if "undeclared" in kinds or dead_ends:
        n = sum(1 for loss in losses if loss.kind == "undeclared")
        if n:
            reasons.append(f"{n} command{'s' if n != 1 else ''} can lose it without a warning, while play goes on")
        if dead_ends:
            reasons.append(f"{len(dead_ends)} way{'s' if len(dead_ends) != 1 else ''} into a dead end")
        return "cruel", reasons
    if "declared" in kinds:
        n = sum(1 for loss in losses if loss.kind == "declared")
        reasons.append(f"it can be lost while play goes on, but only after a warning ({n} declared)")
        return "tough", reasons
    if "ended" in kinds:
        reasons.append("it can be lost, but only by a command that ends the game or the encounter's way out of it: "
                       "the player knows at once")
        return "polite", reasons
    reasons.append("no command found that loses it")
    return "merciful", reasons
