"""The commands that make sense now: for the JSON protocol, Tab completion and random play.

Every command offered here is one the parser understands (a test sends each back).
"""

from __future__ import annotations

from game.engine.game import Game
from game.engine.phases import DIALOGUE, ENCOUNTER, ENDED
from game.engine.scope import SELF, Ambiguous, Thing, match
from game.engine.state import INVENTORY


def _phrase(thing: Thing, scope: list[Thing]) -> str:
    """The thing's own name if that names it alone in `scope`, else the shortest phrase that does."""
    by_length = sorted(thing.phrases, key=lambda p: (len(p.split()), len(p)))
    for phrase in [thing.label.lower(), *by_length]:
        try:
            if match(phrase, scope) == thing:
                return phrase
        except Ambiguous:
            continue
    return f"#{thing.kind}:{thing.id}"


def offers(game: Game) -> list[str]:
    """Commands worth trying now, in a stable order."""
    t = game.turn
    s = t.state
    if s.pending is not None and "confirm" in s.pending:
        return ["yes", "no"]  # the game has asked before a step that cannot be taken back
    if s.phase == ENDED:
        return ["undo"] if game.undo_stack else []
    if s.phase == ENCOUNTER:
        return [o.key for o in t.options()] + ["look", "inventory"]
    out: list[str] = []
    if s.phase == DIALOGUE and s.dialogue:
        out += [f"ask about {t.about[0]}" for t in t.topics(s.dialogue)] + ["bye"]
    for direction, ex in t.visible_exits().items():
        if t.holds(ex.when):
            out.append(direction)
    out += ["look", "inventory", "wait", "listen"]
    room = game.world.rooms[s.room]
    if room.cover and not s.hidden:
        out.append("hide")
    if room.safe:
        out.append("sleep")
    scope = t.scope()
    for thing in scope:
        if thing.kind == SELF:
            continue  # always there, and never the way forward
        name = _phrase(thing, scope)
        if name.startswith("#"):
            continue
        out.append(f"examine {name}")
        if thing.kind == "item":
            item = game.world.items[thing.id]
            if s.items.get(thing.id) == INVENTORY:
                out.append(f"drop {name}")
                for use in item.uses:
                    if not t.holds(use.when):
                        continue
                    if use.on is None:
                        out.append(f"use {name}")
                    else:
                        target = next((t for t in scope if t.id == use.on), None)
                        if target is not None:
                            out.append(f"use {name} on {_phrase(target, [t for t in scope if t.id != thing.id])}")
                for who in t.people_here():
                    if thing.id in game.world.characters[who].gifts:
                        out.append(f"give {name} to {_phrase(t.index.characters[who], scope)}")
            elif item.portable:
                out.append(f"take {name}")
        elif thing.kind == "character":
            ch = game.world.characters[thing.id]
            if ch.talk or ch.topics:
                out.append(f"talk to {name}")
            for topic in t.topics(thing.id):
                out.append(f"ask {name} about {topic.about[0]}")
    return list(dict.fromkeys(out))
