"""The score: the milestones a world names, each scored once, the way Infocom's games scored.

A milestone is scored by a `score:` effect, or as soon as its `when:` holds after any effects
run. Scoring is quiet (the story's own text marks the moment; `score` tells the total). What
has been scored lives in the state's `fired` list (as `milestone:ID`), so undo, saves,
snapshots and the state hash carry it with everything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.context import RuleContext
    from game.engine.state import State
    from game.world.model import World

PREFIX = "milestone:"


def scored(state: State) -> list[str]:
    """The milestones scored so far, in the order they were scored."""
    return [key[len(PREFIX):] for key in state.fired if key.startswith(PREFIX)]


def score(world: World, state: State) -> int:
    """Points scored so far."""
    milestones = world.milestones
    return sum(milestones[m].points for m in scored(state) if m in milestones)


def max_score(world: World) -> int:
    """The most a game can score: every milestone's points."""
    return sum(m.points for m in world.milestones.values())


def award(ctx: RuleContext, milestone: str) -> None:
    """Score a milestone (once: a second time does nothing)."""
    key = PREFIX + milestone
    if key in ctx.state.fired:
        return
    ctx.state.fired.append(key)


def award_reached(ctx: RuleContext) -> None:
    """Score every milestone whose condition holds now and that was not scored before."""
    milestones = ctx.world.milestones
    if not milestones:
        return
    fired = set(ctx.state.fired)
    for mid, milestone in milestones.items():
        if milestone.when is not None and PREFIX + mid not in fired and ctx.holds(milestone.when):
            award(ctx, mid)
