"""The commands the search tries in a state.

The engine's offers, less what cannot change the game beyond letting a turn pass (looking,
listening, examining, a topic or a use whose effects only speak; `wait` stands for all of
those), less what is no way out (undo, load, restart, quit), plus what offers leave out:
scenery worked by hand, and items used where they lie. `drop` is tried only for items a
condition can tell apart lying here from carried or gone.
"""

from __future__ import annotations

from typing import Any

from game.check.compile import IGNORED_EFFECTS
from game.check.conditions import signed, world_conditions
from game.engine.game import Game
from game.engine.offers import offers
from game.engine.phases import ENCOUNTER, ENDED
from game.engine.scope import Ambiguous, Thing, match
from game.engine.state import INVENTORY
from game.world.model import World

# offers that never change what the search keeps of a state, or are no way out
SKIP_HEADS = frozenset({"look", "inventory", "listen", "undo", "redo", "yes", "no", "examine", "bye",
                        "ask", "talk", "use", "drop", "quit", "restart", "load", "restore", "save"})


def phrase(thing: Thing, scope: list[Thing]) -> str:
    """The shortest words that name `thing` alone in `scope` (else its #kind:id)."""
    for words in [thing.label.lower(), *sorted(thing.phrases, key=lambda p: (len(p.split()), len(p)))]:
        try:
            if match(words, scope) == thing:
                return words
        except Ambiguous:
            continue
    return f"#{thing.kind}:{thing.id}"


def acts(effects: Any) -> bool:
    """Whether effects can change more than what is said."""
    return any(next(iter(e)) not in IGNORED_EFFECTS for e in effects or ())


class Commands:
    """The commands to try, for one world."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.droppable: set[str] = set()
        for cond in world_conditions(world):
            for name, arg, positive in signed(cond):
                if name == "here" or (name == "has" and not positive):
                    self.droppable.add(arg)

    def __call__(self, game: Game) -> list[str]:
        s = game.state
        if s.phase == ENDED:
            return []
        out = [c for c in offers(game) if c.split()[0] not in SKIP_HEADS]
        if s.phase == ENCOUNTER:
            return out
        return out + [c for c in self._own(game) if c not in out]

    def _own(self, game: Game) -> list[str]:
        t = game.turn
        s = t.state
        world = self.world
        scope = t.scope()
        by_id = {(x.kind, x.id): x for x in scope}
        out: list[str] = []
        for who in t.people_here():
            ch = world.characters[who]
            name = phrase(t.index.characters[who], scope)
            reply = next((r for r in ch.talk if t.holds(r.when)), None)
            if reply is not None and acts(reply.effects):
                out.append(f"talk to {name}")
            out += [f"ask {name} about {topic.about[0]}" for topic in t.topics(who) if acts(topic.effects)]
        carried = t.items_at(INVENTORY)
        for item_id in carried + t.items_at(s.room):
            thing = by_id.get(("item", item_id))
            if thing is None:
                continue
            name = phrase(thing, scope)
            others = [x for x in scope if x.id != item_id]
            tried: set[str | None] = set()
            for use in world.items[item_id].uses:
                if use.on in tried or not t.holds(use.when):
                    continue
                tried.add(use.on)  # the engine runs the first use that holds for a target
                if not acts(use.effects):
                    continue
                if use.on is None:
                    out.append(f"use {name}")
                    continue
                target = next((x for x in others if x.id == use.on), None)
                if target is not None:
                    out.append(f"use {name} on {phrase(target, others)}")
            if item_id in carried and item_id in self.droppable and world.items[item_id].portable:
                out.append(f"drop {name}")
        for fid, feature in t.features_here().items():
            first = next((h for h in feature.handle if t.holds(h.when)), None)
            thing = by_id.get(("feature", fid))
            if first is not None and acts(first.effects) and thing is not None:
                out.append(f"touch {phrase(thing, scope)}")
        return out
