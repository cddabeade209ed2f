"""Verbs of the body and the moment: jump, swim, sit, stand, get in and out, sing, pray, think,
wake, and the small things people type to see what the game says (yes, sorry, xyzzy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Refused, Retry
from game.engine.grammar import Command
from game.engine.scope import SELF, is_are, the
from game.engine.verbs.registry import ACTING, PLAYING, verb

if TYPE_CHECKING:
    from game.engine.context import VerbContext

# what each word gets when it asks for nothing of the world
ANSWERS = {
    "jump": "You jump on the spot. The grating rings under your feet, and the sound goes a long way.",
    "swim": "There is no water here deep enough to swim in, and the City's deep water is not for swimming.",
    "sing": "You hum a line of a hunting song under your breath, very low. Even that carries, out here.",
    "pray": "If anything in the City listens to prayers, it has not answered one in living memory.",
    "think": "You go over what you know. Your journal keeps it better (journal), and a hint is there when you are stuck.",
    "wake": "You are as awake as anyone gets out here.",
    "dance": "Out here? No.",
    "laugh": "The laugh comes out thinner than you meant, and the City swallows it.",
    "cry": "Not now. There will be time for that when the village is fed.",
    "shout": "Shouting out here would bring the Safeguard down on you. You keep your voice low.",
    "swear": "You curse the City under your breath. It has heard worse, and it goes on building.",
    "magic": "Nothing happens. The City keeps its own words, and this is not one of them.",
    "gesture": "Nobody out here is watching for that.",
    "yes": "Nobody has asked you anything.",
    "sorry": "Nobody out here is keeping count of apologies.",
    "wait_long": "Time passes.",
}
# inside the perimeter (a safe room) the answers that assume the open City read otherwise
INSIDE = {
    "sing": "You hum a line of a hunting song under your breath. Inside the wall, nobody minds.",
    "wake": "You are awake. The City is no dream; it goes on building whether you sleep or not.",
    "dance": "Not with the village this hungry.",
    "shout": "Your shout rings off the perimeter wall and a few heads turn. Inside the wall it is only rude; "
             "out there it would bring the Safeguard.",
    "gesture": "Nobody is paying you much mind.",
    "sorry": "Nobody is keeping count of apologies.",
}
WORDS = {
    "jump": "jump|hop|skip|leap", "swim": "swim|dive|wade", "sing": "sing|hum|whistle", "pray": "pray",
    "think": "think|ponder|consider|remember|meditate", "dance": "dance", "laugh": "laugh|giggle|chuckle",
    "cry": "cry|weep|sob", "shout": "shout|yell|scream|holler",
    "swear": "damn|shit|fuck|curses|curse|drat|darn|bother|sod|bugger|crap",
    "magic": "xyzzy|plugh|plover|frotz|abracadabra",
    "gesture": "nod|shrug|smile|grin|frown|sigh|wink|bow|clap|cough|sneeze|yawn|stretch",
    "yes": "yes|y|no|nope|yeah", "sorry": "sorry|apologise|apologize",
}


@verb("emote", *(f"{words} [_]" for words in WORDS.values()), "wake|awake|awaken [_]",
      phases=PLAYING, takes_time=False, keeps_conversation=True, group="other")
def emote(ctx: VerbContext, c: Command) -> None:
    """jump, swim, sing, pray, think, wake, laugh, yes, no, sorry...: what they get here"""
    word = c.word.split()[0]
    kind = next((k for k, words in WORDS.items() if word in words.split("|")), "wake")
    ctx.emit(ev.Narration(_answer(ctx, kind)))


def _answer(ctx: VerbContext, kind: str) -> str:
    inside = ctx.world.rooms[ctx.state.room].safe
    return INSIDE[kind] if inside and kind in INSIDE else ANSWERS[kind]


@verb("jump_over", "jump|hop|leap|vault over|across|off|onto|on|into|in|from [obj]",
      "climb|scale over|across|onto|on [obj]", phases=ACTING, group="other")
def jump_over(ctx: VerbContext, c: Command) -> None:
    """jump over (or climb over) THING"""
    thing = ctx.find(c.obj, ctx.scope(), "jump over")
    if thing.kind == "feature" and ctx.features_here()[thing.id].exit:
        raise Retry(f"go #feature:{thing.id}")  # the thing is a way somewhere: take it
    if thing.kind in ("character", SELF):
        raise Refused("refused", "You would rather not.")
    raise Refused("no_effect", f"You get over {the(thing)} and back again. Nothing is different on the far side.")


@verb("sit", "sit|sit+down|lie|kneel|crouch+down|squat [_]", "sit|lie|kneel|rest on|in|at|against|beside|by [obj]",
      "sit+down on|in [obj]", phases=ACTING, takes_time=False, group="other")
def sit(ctx: VerbContext, c: Command) -> None:
    """sit, lie or kneel (on THING)"""
    if c.obj:
        thing = ctx.find(c.obj, ctx.scope(), "sit on")
        if thing.kind in ("character", SELF):
            raise Refused("refused", "You would rather not.")
        ctx.emit(ev.Narration(f"You settle on {the(thing)} for a moment, and get up again. "
                              "Resting is for behind the perimeter."))
        return
    ctx.emit(ev.Narration("You crouch for a breath and stand again. There is too much to do to sit for long."
                          if ctx.world.rooms[ctx.state.room].safe else
                          "You crouch for a breath and stand again. Out here, nobody sits down for long."))


@verb("stand", "stand|stand+up|get+up|rise [_]", "get+off|get+down|step+off|climb+off [_]", "stand on [obj]",
      phases=PLAYING, takes_time=False, keeps_conversation=True, group="other")
def stand(ctx: VerbContext, c: Command) -> None:
    """stand up (get up, get off)"""
    if c.obj:
        thing = ctx.find(c.obj, ctx.scope(), "stand on")
        ctx.emit(ev.Narration(f"You stand on {the(thing)} a moment. It gets you no nearer anything, and you step down."))
        return
    ctx.emit(ev.Narration("You are on your feet already."))


@verb("get_in", "get|climb|step|crawl in|into|inside|on|onto|through [obj]", "get|climb|step|crawl out|off [_]",
      "get+out+of|climb+out+of|step+out+of [obj]", "go|walk|run|crawl through|into|inside [obj]",
      phases=ACTING, group="other")
def get_in(ctx: VerbContext, c: Command) -> None:
    """get in, get out of, go through THING"""
    if not c.obj or c.word.endswith("of"):
        raise Retry("go out")
    raise Retry(f"go {c.obj}")


@verb("wake_other", "wake|awake|awaken|rouse [obj]", "wake [obj] up", "wake+up [obj]",
      phases=ACTING, takes_time=False, group="other")
def wake_other(ctx: VerbContext, c: Command) -> None:
    """wake SOMEONE"""
    if not c.obj:  # "wake up": yourself
        ctx.emit(ev.Narration(_answer(ctx, "wake")))
        return
    thing = ctx.find(c.obj, ctx.scope(), "wake")
    if thing.kind == SELF:
        ctx.emit(ev.Narration(_answer(ctx, "wake")))
        return
    raise Refused("no_effect", f"{the(thing, True)} {is_are(thing)} as awake as anyone gets out here.")


@verb("thank", "thank|thanks [obj]", "thank|thanks [_]", phases=ACTING, takes_time=False, group="other")
def thank(ctx: VerbContext, c: Command) -> None:
    """thank SOMEONE"""
    if not c.obj:
        ctx.emit(ev.Narration("You say your thanks to nobody in particular. The City does not answer."))
        return
    thing = ctx.find(c.obj, ctx.scope(), "thank")
    if thing.kind != "character":
        raise Refused("refused", "There is nobody there to thank." if thing.kind != SELF else "You would rather not.")
    ctx.emit(ev.Narration(f"You thank {the(thing)}. {the(thing, True)} nods, and that is the end of it."))


@verb("kiss", "kiss|hug|embrace [obj]", phases=ACTING, takes_time=False, group="other")
def kiss(ctx: VerbContext, c: Command) -> None:
    """kiss or hug SOMEONE"""
    thing = ctx.find(c.obj, ctx.scope(), "kiss")
    if thing.kind == "character":
        ctx.emit(ev.Narration(f"{the(thing, True)} puts up with it for a moment, then pulls away. Later, perhaps."))
        return
    raise Refused("refused", "You would rather not." if thing.kind == SELF else f"{the(thing, True)} would not notice.")
