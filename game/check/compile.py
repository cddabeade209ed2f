"""Compile a world into the relaxation's rules: one rule per way the game can change.

Each rule names the atoms that must hold and the atoms it makes true (see `relax.py` for
what the atoms mean). A condition with alternatives gives one rule per alternative. The
rules follow the engine: where the engine picks the first of several entries that holds
(uses, replies, outcomes), every entry whose condition can hold gets a rule, which can only
over-estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from game.check.conditions import TRUE, and_terms
from game.engine.state import INVENTORY
from game.world.model import Option, World

HAS = "item:{}@" + INVENTORY
DYING = "dying"  # health at 0, or an outcome naming the game's death: the floor then picks the ending


@dataclass(frozen=True)
class Origin:
    """Where a rule comes from, to name it: ("exit", room, direction), ("option", enc, stage, key)..."""

    kind: str
    parts: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.kind} " + " ".join(self.parts)


class Target(Protocol):
    """What the rules are compiled into (the relaxation)."""

    world: World
    pre: list[tuple[int, ...]]
    adds: list[tuple[int, ...]]
    origins: list[Origin]
    thresholds: dict[str, set[int]]
    foods: set[int]
    once_keys: list[str]
    item_rooms: dict[str, set[str]]
    char_rooms: dict[str, set[str]]

    def atom(self, name: str) -> int: ...
    def dnf(self, cond: Any, positive: bool = True) -> list[frozenset[int]]: ...


def compile_rules(rx: Target) -> None:
    _Compiler(rx).compile()


class _Compiler:
    def __init__(self, rx: Target) -> None:
        self.rx = rx
        self.world = rx.world
        w = rx.world
        self.death = w.game.death_ending
        self.portable = {i for i, it in w.items.items() if it.portable}
        # where each item and character can ever be (beyond any room, for what can be dropped or left)
        self.item_rooms: dict[str, set[str]] = {i: set() for i in w.items}
        self.char_rooms: dict[str, set[str]] = {c: set() for c in w.characters}
        self.leavers: set[str] = set(w.game.companions)
        for rid, room in w.rooms.items():
            for i in room.items:
                self.item_rooms[i].add(rid)
            for c in room.characters:
                self.char_rooms[c].add(rid)
        from game.check.conditions import world_effects

        for effects in world_effects(w):
            for eff in effects:
                (name, arg), = eff.items()
                if name == "place":
                    self.item_rooms[arg["item"]].add(arg["room"])
                elif name == "put":
                    self.char_rooms[arg["character"]].add(arg["room"])
                elif name in ("leave", "join"):
                    self.leavers.add(arg)
        rx.once_keys = []
        rx.item_rooms, rx.char_rooms = self.item_rooms, self.char_rooms

    # -- building rules ---------------------------------------------------------------------

    def rule(self, origin: Origin, pre: list[str], adds: set[str], *conds: Any) -> None:
        """Rules for `pre` plus every alternative of the conditions, making `adds` true."""
        rx = self.rx
        base = frozenset(rx.atom(a) for a in pre)
        add_ids = tuple(sorted({rx.atom(a) for a in adds}))
        if not add_ids:
            return
        terms = and_terms([rx.dnf(c) for c in conds]) if conds else TRUE
        for term in terms:
            rx.pre.append(tuple(sorted(base | term)))
            rx.adds.append(add_ids)
            rx.origins.append(origin)

    def effects(self, effects: Any) -> set[str]:
        """The atoms a list of effects can make true."""
        rx = self.rx
        out: set[str] = set()
        for eff in effects or ():
            (name, arg), = eff.items()
            if name == "give":
                out |= {HAS.format(arg), f"here:{arg}", f"scope:{arg}"}
            elif name == "take":
                out.add(f"nhas:{arg}")
            elif name == "place":
                out |= {f"item:{arg['item']}@{arg['room']}", f"nhas:{arg['item']}"}
            elif name == "set":
                values = {arg: True} if isinstance(arg, str) else dict(arg)
                for flag, value in values.items():
                    out |= self._value(flag, value)
            elif name == "clear":
                out |= self._value(arg, 0)
            elif name == "add":
                for flag, n in arg.items():
                    steps = rx.thresholds.get(flag, set())
                    out |= {f"flag:{flag}", f"nflag:{flag}"}
                    out |= {f"ge:{flag}:{k}" for k in steps} if n > 0 else {f"le:{flag}:{k}" for k in steps}
            elif name == "move":
                out.add(f"at:{arg}")
            elif name == "join":
                out |= {f"comp:{arg}", f"with:{arg}"}
            elif name == "leave":
                out |= {f"ncomp:{arg}", f"with:{arg}", f"left:{arg}"}
            elif name == "put":
                out |= {f"char:{arg['character']}@{arg['room']}", f"ncomp:{arg['character']}"}
            elif name == "spawn":
                out.add(f"hunter:{arg['pursuer']}@{arg['room']}")
            elif name == "encounter":
                out.add(f"stage:{arg}:{self.world.encounters[arg].start}")
            elif name == "ending":
                out |= self._ends(arg)
            elif name == "hurt":
                if self.death:
                    out.add(DYING)
            elif name == "food":
                if arg > 0:
                    out |= {f"foodgt:{k}" for k in rx.foods}
            elif name not in IGNORED_EFFECTS:
                raise ValueError(f"the check does not know the effect '{name}'")
        return out

    def _value(self, flag: str, value: Any) -> set[str]:
        n = value if isinstance(value, int) else int(bool(value))
        out = {f"flag:{flag}" if value not in (None, False, 0, "") else f"nflag:{flag}"}
        steps = self.rx.thresholds.get(flag, set())
        return out | {f"ge:{flag}:{k}" for k in steps if n >= k} | {f"le:{flag}:{k}" for k in steps if n <= k}

    # -- the world ------------------------------------------------------------------------------

    def compile(self) -> None:
        w = self.world
        rx = self.rx
        for rid, room in w.rooms.items():
            self._room(rid, room)
        for iid, item in w.items.items():
            self._item(iid, item)
        for cid, ch in w.characters.items():
            self._character(cid, ch)
        for tid, trig in w.triggers.items():
            pre = ["free"]
            if trig.once:
                key = f"trigger:{tid}"
                rx.once_keys.append(key)
                pre.append(f"nfired:{key}")
            self.rule(Origin("trigger", (tid,)), pre, self.effects(trig.effects), trig.when)
        for eid, enc in w.encounters.items():
            for sid, stage in enc.stages.items():
                here = [f"stage:{eid}:{sid}"]
                adds = self.effects(stage.effects)
                if all(o.when is not None for o in stage.options):
                    adds.add("free")  # every option may fail: the stage then ends the encounter
                self.rule(Origin("stage", (eid, sid)), here, adds)
                for option in stage.options:
                    self._option(eid, sid, option)
        self._safeguard()
        starve = w.game.clock.starve_ending
        if starve:
            self.rule(Origin("clock", (starve,)), [], {f"end:{starve}"})
        if self.death:  # a death ends in the floor's own scene where it has one (Turn.end)
            for fid, floor in w.floors.items():
                self.rule(Origin("death", (fid,)), [DYING, f"floor:{fid}"], {f"end:{floor.death_ending or self.death}"})

    def _room(self, rid: str, room: Any) -> None:
        w = self.world
        at = f"at:{rid}"
        self.rule(Origin("arrive", (rid,)), [at],
                  {f"vis:{rid}", f"floor:{room.floor}"} | {f"nfloor:{f}" for f in w.floors if f != room.floor})
        for direction, ex in room.exits.items():
            self.rule(Origin("exit", (rid, direction)), [at, "free"], {f"at:{ex.to}"}, ex.when)
        for index, trig in enumerate(room.on_enter):
            pre = [at]
            if trig.once:
                key = f"enter:{rid}:{index}"
                self.rx.once_keys.append(key)
                pre.append(f"nfired:{key}")
            self.rule(Origin("enter", (rid, str(index))), pre, self.effects(trig.effects), trig.when)
        for fid, feature in room.features.items():
            for trig in feature.handle:
                self.rule(Origin("handle", (rid, fid)), [at, "free"], self.effects(trig.effects), feature.when, trig.when)

    def _item(self, iid: str, item: Any) -> None:
        has = HAS.format(iid)
        w = self.world
        carry = iid in self.portable
        for rid in sorted(self.item_rooms[iid]):
            lying = [f"item:{iid}@{rid}", f"at:{rid}"]
            self.rule(Origin("lies", (iid, rid)), lying, {f"here:{iid}", f"scope:{iid}"})
            if carry:
                self.rule(Origin("take", (iid, rid)), [*lying, "free"], {has, f"here:{iid}", f"scope:{iid}"})
                self.rule(Origin("drop", (iid, rid)), [has, f"at:{rid}", "free"], {f"item:{iid}@{rid}"})
        if carry:
            # dropped where the world never puts it: somewhere on a floor, to be picked up on that floor
            self.rule(Origin("drop", (iid,)), [has, "free"], {f"nhas:{iid}"})
            for fid in w.floors:
                there = f"item:{iid}@~{fid}"
                self.rule(Origin("drop", (iid, fid)), [has, f"floor:{fid}"], {there})
                self.rule(Origin("take", (iid, fid)), [there, f"floor:{fid}", "free"], {has, f"here:{iid}", f"scope:{iid}"})
        if item.on_take:
            key = f"take:{iid}"
            self.rx.once_keys.append(key)
            self.rule(Origin("take", (iid,)), [has, f"nfired:{key}"], self.effects(item.on_take))
        if item.openable:
            self.rule(Origin("open", (iid,)), [f"scope:{iid}", "free"], {f"flag:open_{iid}", f"nflag:open_{iid}"})
        for index, use in enumerate(item.uses):
            adds = self.effects(use.effects)
            pre = [f"scope:{iid}", "free"]
            name = Origin("use", (iid, use.on or "", str(index)))
            if use.on is None:
                self.rule(name, pre, adds, use.when)
                continue
            if use.on in self.world.items:
                self.rule(name, [*pre, f"scope:{use.on}"], adds, use.when)
            if use.on in self.world.characters:
                self.rule(name, [*pre, f"with:{use.on}"], adds, use.when)
            for rid, room in self.world.rooms.items():
                feature = room.features.get(use.on)
                if feature is not None:
                    self.rule(name, [*pre, f"at:{rid}"], adds, use.when, feature.when)

    def _character(self, cid: str, ch: Any) -> None:
        w = self.world
        self.rule(Origin("company", (cid,)), [f"comp:{cid}"], {f"with:{cid}"})
        for rid in sorted(self.char_rooms[cid]):
            self.rule(Origin("meet", (cid, rid)), [f"char:{cid}@{rid}", f"at:{rid}"], {f"with:{cid}"})
        if cid in self.leavers:  # left behind somewhere: found again on that floor
            for fid in w.floors:
                there = f"char:{cid}@~{fid}"
                self.rule(Origin("left", (cid, fid)), [f"left:{cid}", f"floor:{fid}"], {there})
                self.rule(Origin("meet", (cid, fid)), [there, f"floor:{fid}"], {f"with:{cid}"})
        near = [f"with:{cid}", "free"]
        for index, reply in enumerate(ch.talk):
            self.rule(Origin("talk", (cid, str(index))), near, self.effects(reply.effects), reply.when)
        for topic in ch.topics:
            self.rule(Origin("ask", (cid, topic.about[0])), near, self.effects(topic.effects), topic.when)
        for iid, gift in ch.gifts.items():
            self.rule(Origin("give", (iid, cid)), [*near, HAS.format(iid)], self.effects(gift.effects) | {f"nhas:{iid}"})

    def _option(self, eid: str, sid: str, option: Option) -> None:
        here = [f"stage:{eid}:{sid}"]
        name = Origin("option", (eid, sid, option.key))
        own = self.effects(option.effects)
        always = any(o.when is None for o in option.outcomes)
        for outcome in option.outcomes:
            nxt = outcome.next or (None if outcome.ending else option.next)
            ending = outcome.ending or option.ending
            adds = own | self.effects(outcome.effects) | self._result(eid, nxt, ending)
            self.rule(name, here, adds, option.when, outcome.when)
        if not always:
            self.rule(name, here, own | self._result(eid, option.next, option.ending), option.when)

    def _ends(self, ending: str) -> set[str]:
        """The ending atoms an outcome naming `ending` makes true: the game's death is dying, which
        ends in the death of the floor the player is on (the `death` rules)."""
        return {DYING} if ending == self.death else {f"end:{ending}"}

    def _result(self, eid: str, nxt: str | None, ending: str | None) -> set[str]:
        if ending:
            return self._ends(ending)
        if nxt:
            return {f"stage:{eid}:{nxt}"}
        return {"free"}

    def _safeguard(self) -> None:
        """Hunters released by towers or spawned, moving along the exits the Safeguard may use."""
        w = self.world
        for kind, pursuer in w.pursuers.items():
            start = f"stage:{pursuer.encounter}:{w.encounters[pursuer.encounter].start}"
            for rid, room in w.rooms.items():
                hunter = f"hunter:{kind}@{rid}"
                if not room.safe:
                    self.rule(Origin("caught", (kind, rid)), [hunter, f"at:{rid}", "free"], {start})
                for ex in room.exits.values():
                    target = w.rooms[ex.to]
                    if ex.safeguard and target.floor == room.floor and not target.safe and not room.safe:
                        self.rule(Origin("hunt", (kind, rid, ex.to)), [hunter], {f"hunter:{kind}@{ex.to}"})
        for tid, tower in w.watchtowers.items():
            floor = w.rooms[tower.from_].floor
            for rid, room in w.rooms.items():
                if room.floor == floor and not room.safe:
                    self.rule(Origin("released", (tid, rid)), [f"at:{rid}", "free"], {f"hunter:{tower.releases}@{tower.from_}"})


IGNORED_EFFECTS = frozenset({"say", "journal", "alert", "noise", "dismiss", "heal", "days", "score", "fire_beam"})
"""Effects that make no atom true: what they change, the relaxation reads as always possible."""
