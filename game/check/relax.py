"""The world as a relaxed planning problem: what could ever become true, if nothing were lost.

Every way the game changes (exits, taking, using, giving, talking, asking, scenery worked by
hand, triggers, encounter options and outcomes, the Safeguard's hunters) becomes a rule:
a set of atoms that must hold, and the atoms it makes true. The relaxation keeps what a
rule makes true and forgets what it would make false, reads a negative condition as an atom
of its own ("the flag is not set", made true by whatever clears the flag), and reads what it
cannot follow (chance, alert, health, the time of day) as always possible either way.

So the relaxation can only over-estimate: if even this world, where nothing is ever lost,
cannot reach an ending from a state, no play can (`closure` is sound for "unreachable").
It also gives the search its guide: how many rules stand between a state and each ending.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.check.compile import Origin, compile_rules
from game.check.conditions import dnf, primitives, world_conditions, world_effects
from game.engine.phases import DIALOGUE, ENDED, EXPLORING
from game.engine.state import INVENTORY, State
from game.world.model import World


class Relaxation:
    """The world compiled to atoms and rules; `closure(atoms)` is what could become true."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.names: list[str] = []
        self.ids: dict[str, int] = {}
        self.pre: list[tuple[int, ...]] = []
        self.adds: list[tuple[int, ...]] = []
        self.origins: list[Origin] = []
        self._collect_vocabulary()
        compile_rules(self)
        for cond in world_conditions(world):
            self.dnf(cond)  # every atom a condition reads exists, even where no rule needs it
        self.watchers: list[list[int]] = [[] for _ in self.names]
        self.unconditional: list[int] = []
        for r, pre in enumerate(self.pre):
            if not pre:
                self.unconditional.append(r)
            for a in pre:
                self.watchers[a].append(r)
        self.npre = [len(p) for p in self.pre]
        self.achievers: list[list[int]] = [[] for _ in self.names]
        for r, adds in enumerate(self.adds):
            for b in adds:
                self.achievers[b].append(r)
        made = {b for adds in self.adds for b in adds}
        # what losing an atom can cost: the atom itself if some rule makes it true again, else
        # whatever the rules that need it make true (see `stand_ins`)
        self.restorable = [a in made for a in range(len(self.names))]
        self.enables = [frozenset(b for r in self.watchers[a] for b in self.adds[r]) for a in range(len(self.names))]
        self.endings = {e: self.atom(f"end:{e}") for e in world.endings}
        self._walkable: dict[str, frozenset[int]] = {}
        self.hunter_atoms = frozenset(a for a, name in enumerate(self.names) if name.startswith("hunter:"))

    # -- atoms ------------------------------------------------------------------------------

    def atom(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = len(self.names)
            self.names.append(name)
        return found

    def _collect_vocabulary(self) -> None:
        """The flags, counter thresholds and clock thresholds the world's conditions read."""
        self.flags: set[str] = set()
        self.thresholds: dict[str, set[int]] = {}
        self.days: set[int] = set()
        self.foods: set[int] = set()
        self.visited_read: set[str] = set()
        for cond in world_conditions(self.world):
            for name, arg in primitives(cond):
                if name == "flag":
                    self.flags.add(arg)
                elif name in ("at_least", "at_most"):
                    for flag, n in arg.items():
                        self.flags.add(flag)
                        steps = self.thresholds.setdefault(flag, set())
                        steps.update((n, n + 1) if name == "at_least" else (n, n - 1))
                elif name == "day_at_least":
                    self.days.add(arg)
                elif name == "food_at_most":
                    self.foods.add(arg)
                elif name == "visited":
                    self.visited_read.add(arg)
        for effects in world_effects(self.world):
            for eff in effects:
                (name, arg), = eff.items()
                if name in ("set",):
                    self.flags.update([arg] if isinstance(arg, str) else arg)
                elif name in ("clear",):
                    self.flags.add(arg)
                elif name == "add":
                    self.flags.update(arg)
        self.flags.update(f"open_{i}" for i, it in self.world.items.items() if it.openable)

    # -- the relaxed state of a real one --------------------------------------------------------

    def atoms_of(self, s: State, day: int) -> list[int]:
        """The atoms true in a real state (`day` as the engine counts it)."""
        world = self.world
        ids = self.ids
        out: list[str] = []
        if s.phase == ENDED:
            return [ids[f"end:{s.ending}"]] if s.ending else []
        room = s.room
        floor = world.rooms[room].floor
        out.append(f"at:{room}")
        out += [f"floor:{floor}"] + [f"nfloor:{f}" for f in world.floors if f != floor]
        visited = set(s.visited)
        out += [f"vis:{r}" for r in visited]
        out += [f"nvis:{r}" for r in self.visited_read if r not in visited]
        for item in world.items:
            where = s.items.get(item)
            if where is not None:
                out.append(self.item_place(item, where))
            if where in (INVENTORY, room):
                out += [f"here:{item}", f"scope:{item}"]
            if where != INVENTORY:
                out.append(f"nhas:{item}")
        flags = s.flags
        for flag in self.flags:
            value = flags.get(flag)
            out.append(f"flag:{flag}" if value not in (None, False, 0, "") else f"nflag:{flag}")
        for flag, steps in self.thresholds.items():
            value = flags.get(flag, 0)
            n = value if isinstance(value, int) else int(bool(value))
            out += [f"ge:{flag}:{k}" for k in steps if n >= k] + [f"le:{flag}:{k}" for k in steps if n <= k]
        for who in world.characters:
            if who in s.companions:
                out += [f"comp:{who}", f"with:{who}"]
                continue
            out.append(f"ncomp:{who}")
            where = s.characters.get(who)
            if where is not None:
                out.append(self.char_place(who, where))
                if where == room:
                    out.append(f"with:{who}")
        if s.phase in (EXPLORING, DIALOGUE):
            out.append("free")
        if s.encounter and s.stage:
            out.append(f"stage:{s.encounter}:{s.stage}")
        fired = set(s.fired)
        out += [f"nfired:{k}" for k in self.once_keys if k not in fired]
        out += [f"nday:{n}" for n in self.days if day < n]
        out += [f"foodgt:{n}" for n in self.foods if s.food > n]
        out += [f"hunter:{p.kind}@{p.room}" for p in s.pursuers]
        return [ids[a] for a in out if a in ids]

    def item_place(self, item: str, where: str) -> str:
        if where == INVENTORY or where in self.item_rooms[item] or where not in self.world.rooms:
            return f"item:{item}@{where}"
        return f"item:{item}@~{self.world.rooms[where].floor}"

    def char_place(self, who: str, where: str) -> str:
        if where in self.char_rooms[who] or where not in self.world.rooms:
            return f"char:{who}@{where}"
        return f"char:{who}@~{self.world.rooms[where].floor}"

    # -- closure ------------------------------------------------------------------------------

    def closure(self, atoms: Iterable[int], until: set[int] | None = None,
                banned: Iterable[int] = ()) -> tuple[list[int], list[int], bool]:
        """Levels of every atom reachable from `atoms` (-1: never), the rule that first made each
        true (-1: given), and whether the closure is complete. Breadth first, so a level is the
        number of rounds of rules (h_max). With `until`, stops (incomplete) as soon as every atom
        of it has been reached: then whatever those atoms could reach, these can too. `banned`
        atoms are never made true (a landmark test: what is out of reach without them)."""
        level = [-1] * len(self.names)
        for a in banned:
            level[a] = -2
        achiever = [-1] * len(self.names)
        count = self.npre.copy()
        watchers, adds = self.watchers, self.adds
        waiting = set(until) if until else None
        queue: list[int] = []
        for a in atoms:
            if level[a] == -1:
                level[a] = 0
                queue.append(a)
        if waiting is not None:
            waiting.difference_update(queue)
            if not waiting:
                return level, achiever, False
        for r in self.unconditional:
            for b in adds[r]:
                if level[b] == -1:
                    level[b] = 1
                    achiever[b] = r
                    queue.append(b)
        i = 0
        while i < len(queue):
            a = queue[i]
            i += 1
            if waiting is not None and a in waiting:
                waiting.discard(a)
                if not waiting:
                    return level, achiever, False
            la = level[a] + 1
            for r in watchers[a]:
                count[r] -= 1
                if count[r] == 0:
                    for b in adds[r]:
                        if level[b] == -1:
                            level[b] = la
                            achiever[b] = r
                            queue.append(b)
        return level, achiever, True

    def regains(self, atoms: Iterable[int], wanted: set[int]) -> bool:
        """Whether the closure of `atoms` reaches every wanted atom (stopping as soon as it does);
        `closure` without the levels, for the many states the analysis asks this of."""
        waiting = set(wanted).difference(atoms)
        if not waiting:
            return True
        seen = bytearray(len(self.names))
        count = self.npre.copy()
        watchers, adds = self.watchers, self.adds
        queue = list(atoms)
        for a in queue:
            seen[a] = 1
        for r in self.unconditional:
            for b in adds[r]:
                if not seen[b]:
                    seen[b] = 1
                    queue.append(b)
        for a in queue:  # the list grows as it is read: breadth first
            for r in watchers[a]:
                count[r] -= 1
                if count[r] == 0:
                    for b in adds[r]:
                        if not seen[b]:
                            seen[b] = 1
                            queue.append(b)
                            if b in waiting:
                                waiting.discard(b)
                                if not waiting:
                                    return True
        return False

    def stand_ins(self, lost: set[int]) -> set[int]:
        """Atoms whose return shows that losing `lost` cost nothing: for each lost atom, itself if
        a rule can make it true again, else what the rules that need it make true. If a state's
        closure reaches them all, it reaches every ending its parent's closure reached (by
        induction on the parent's closure: a rule that needed a lost atom only makes true atoms
        that are back anyway)."""
        out: set[int] = set()
        for a in lost:
            if self.restorable[a]:
                out.add(a)
            else:
                out |= self.enables[a]
        return out

    def within_one(self, atoms: set[int], wanted: set[int]) -> bool:
        """Whether every wanted atom holds, or follows from `atoms` by one rule (a cheap first
        try before a closure)."""
        pre = self.pre
        return all(a in atoms or any(all(p in atoms for p in pre[r]) for r in self.achievers[a]) for a in wanted)

    def walkable(self, room: str) -> frozenset[int]:
        """The `at` atoms of the rooms a free player can walk to from `room` through exits
        with no condition (so they are in any closure that has the player free there)."""
        found = self._walkable.get(room)
        if found is None:
            rooms = self.world.rooms
            seen = {room}
            stack = [room]
            while stack:
                here = stack.pop()
                for ex in rooms[here].exits.values():
                    if ex.when is None and ex.to not in seen:
                        seen.add(ex.to)
                        stack.append(ex.to)
            found = self._walkable[room] = frozenset(self.ids[f"at:{r}"] for r in seen if f"at:{r}" in self.ids)
        return found

    def landmarks(self, atoms: list[int] | tuple[int, ...], goals: list[int]) -> list[int]:
        """Atoms every way to any of `goals` from `atoms` must make true (in the relaxation),
        earliest first: each atom of the goals' relaxed plans, tested by banning it."""
        level, achiever, _ = self.closure(atoms)
        reachable = [g for g in goals if level[g] >= 0]
        plans = [r for g in reachable for r in self.plan(g, level, achiever)]
        candidates = {b for r in plans for b in (*self.pre[r], *self.adds[r]) if level[b] > 0 and b not in goals}
        found = []
        for a in candidates:
            banned, _, _ = self.closure(atoms, banned=(a,))
            if all(banned[g] < 0 for g in reachable):
                found.append(a)
        return sorted(found, key=lambda a: (level[a], self.names[a]))

    def plan(self, goal: int, level: list[int], achiever: list[int]) -> list[int]:
        """The rules of a relaxed plan to `goal` (FF's extraction from the achievers); its
        length is the search's estimate of the distance to the goal."""
        if level[goal] < 0:
            return []
        chosen: list[int] = []
        seen_rules: set[int] = set()
        stack = [goal]
        seen_atoms = {goal}
        while stack:
            a = stack.pop()
            r = achiever[a]
            if r < 0 or r in seen_rules:
                continue
            seen_rules.add(r)
            chosen.append(r)
            for p in self.pre[r]:
                if p not in seen_atoms and level[p] > 0:
                    seen_atoms.add(p)
                    stack.append(p)
        return chosen

    def holds_relaxed(self, cond: Any, level: list[int]) -> bool:
        """Whether a condition can hold anywhere in a closure (False: it never can)."""
        n = len(level)
        return any(all(a < n and level[a] >= 0 for a in term) for term in self.dnf(cond))

    def dnf(self, cond: Any, positive: bool = True) -> list[frozenset[int]]:
        """A condition (or its negation) as alternatives, each a set of atoms that must all hold."""
        return dnf(self.atom, cond, positive)

    once_keys: list[str]
    item_rooms: dict[str, set[str]]
    char_rooms: dict[str, set[str]]


