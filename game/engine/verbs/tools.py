"""Verbs that use one thing, or one thing on another: use, and the verbs with a meaning of
their own (drink, fill, pour, put, tie, light, cut, dig, wear, switch, lock, throw...).

An item's `uses:` say what works. A use with no `verbs:` answers only `use` (and its
synonyms); a use that lists verbs answers those too, with their synonyms ("knock" lists
the rod for hit, strike and tap as well). When nothing in the world answers, each verb
has its own sentence, with the right article and verb for one thing or several.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Confirm, Refused
from game.engine.grammar import Command
from game.engine.scope import SELF, Thing, is_are, list_names, the
from game.engine.state import INVENTORY, holder_key, how_held
from game.engine.verbs.registry import ACTING, verb

if TYPE_CHECKING:
    from game.engine.context import VerbContext
    from game.world.model import Use

# synonyms, by the word a `verbs:` list may name (any word of a family names the family)
FAMILIES: dict[str, tuple[str, ...]] = {
    "use": ("use", "apply", "activate", "operate", "employ"),
    "drink": ("drink", "sip", "swallow", "quaff"),
    "eat": ("eat", "chew", "devour", "consume", "taste"),
    "fill": ("fill", "refill", "scoop", "scrape"),
    "pour": ("pour", "empty", "tip", "spill"),
    "put": ("put", "place", "insert", "lay", "set", "stow", "fit", "drop", "transfer", "hang", "stash"),
    "tie": ("tie", "attach", "fasten", "fix", "hook", "clip", "connect", "plug", "join"),
    "untie": ("untie", "detach", "unfasten", "unhook", "unclip", "disconnect", "unplug"),
    "light": ("light", "burn", "ignite", "kindle"),
    "extinguish": ("extinguish", "snuff", "douse", "quench"),
    "hit": ("hit", "strike", "knock", "tap", "bang", "beat", "smash", "break", "crack", "wreck", "destroy",
            "punch", "thump", "kick", "attack", "pound", "jab", "poke", "prod"),
    "cut": ("cut", "slice", "chop", "saw", "prune", "carve"),
    "dig": ("dig", "excavate"),
    "wear": ("wear", "don"),
    "doff": ("doff", "shed", "disrobe"),
    "switch": ("switch", "flip", "toggle"),
    "lock": ("lock",),
    "unlock": ("unlock",),
    "throw": ("throw", "toss", "hurl", "fling", "lob"),
    "charge": ("charge", "power", "recharge"),
    "soak": ("soak", "wet", "dip", "dunk", "wash"),
    "shoot": ("fire", "shoot", "aim"),
    "squeeze": ("squeeze", "squash", "wring"),
    "blow": ("blow",),
    "swing": ("swing",),
    "clean": ("clean", "rub", "polish", "wipe", "scrub", "sweep", "dust", "shine"),
    "buy": ("buy", "purchase"),
    "set": ("adjust", "tune"),
    "feed": ("feed",),
    "read": ("consult",),
    "draw": ("draw", "mark", "write", "scratch", "chalk"),
    "ring": ("ring", "chime", "sound"),
    "hold": ("hold", "grip", "clutch"),
    "fish": ("fish",),
    "type": ("type", "key"),
}
CANON = {word: family for family, words in FAMILIES.items() for word in words}
GENERIC = frozenset(FAMILIES["use"])
WITH = "with|using|on|at|into|in|onto|against|to|from|under|through|inside|behind|over"


def answers(use: Use, word: str) -> bool:
    """Whether `word` (as typed) runs this use: `use` runs any; other verbs, only those listed."""
    if word in GENERIC:
        return True
    family = CANON.get(word, word)
    return any(CANON.get(v, v) == family for v in use.verbs)


def scripted(ctx: VerbContext, item: str, target: str | None, word: str) -> bool:
    """Run the item's first use on `target` that `word` answers and whose condition holds."""
    for use in ctx.world.items[item].uses:
        if use.on == target and answers(use, word) and ctx.holds(use.when):
            if use.warn and not ctx.confirmed:
                raise Confirm(use.warn)  # a point of no return the world declares
            if use.text:
                ctx.emit(ev.Narration(use.text))
            ctx.run(use.effects)
            return True
    return False


def try_uses(ctx: VerbContext, word: str, first: Thing, second: Thing | None) -> bool:
    """What the world scripts for `word` with these things, in either order (fill the pail
    with sludge, hit the catches with the rod); with one thing, a tool you carry that fits."""
    if second is not None:
        pairs = [(first, second), (second, first)]
        return any(tool.kind == "item" and scripted(ctx, tool.id, target.id, word) for tool, target in pairs)
    if first.kind == "item" and scripted(ctx, first.id, None, word):
        return True
    if word in GENERIC:
        return False
    tools = [t for t in ctx.carried() if t.id != first.id and any(
        u.on == first.id and answers(u, word) and ctx.holds(u.when) for u in ctx.world.items[t.id].uses)]
    if len(tools) == 1:  # "knock catches" when only the rod would do it
        ctx.emit(ev.Narration(f"(with {the(tools[0])})", "system"))
        return scripted(ctx, tools[0].id, first.id, word)
    return False


def refusal(family: str, word: str, a: Thing, b: Thing | None) -> str:
    """The sentence for a verb that nothing in the world answers."""
    A, the_a, be = the(a, True), the(a), is_are(a)
    has = "have" if a.plural else "has"
    if a.kind == SELF:
        return "You would rather not do that to yourself." if word not in ("clean", "rub", "wipe") else \
            "You scrub at the grime on your hands. It has been there longer than you have."
    if a.kind == "character" and family not in ("throw", "feed"):
        return f"{A} would not thank you for that."
    if b is not None and family in ("put", "tie", "pour", "throw", "fill"):
        return {"put": f"{the(b, True)} {is_are(b)} no place for {the_a}.",
                "tie": f"{A} will not stay fixed to {the(b)}.",
                "pour": f"Nothing pours from {the_a} that {the(b)} would take.",
                "throw": f"You keep hold of {the_a}: out here, what you throw away stays thrown.",
                "fill": f"{A} will not hold anything from {the(b)}."}[family]
    sentences = {
        "use": f"Using {the_a}{f' on {the(b)}' if b else ''} does nothing useful right now.",
        "drink": f"There is nothing in {the_a} you could drink.",
        "eat": f"{A} {be} not food, even here.",
        "fill": f"There is nothing here to fill {the_a} with.",
        "pour": f"Nothing pours out of {the_a}.",
        "put": f"Put {the_a} where? In or on something here, perhaps.",
        "tie": f"There is nothing here to tie {the_a} to.",
        "untie": f"{A} {be} not tied to anything.",
        "light": f"{A} will not burn.",
        "extinguish": f"{A} {be} not alight.",
        "hit": f"You strike {the_a}. The City has taken harder blows than yours.",
        "cut": f"You have nothing sharp enough to cut {the_a}.",
        "dig": "There is nothing here to dig: under the grime the floor is metal all the way down.",
        "wear": f"{A} {be} not something you can wear.",
        "doff": "You are wearing nothing you can spare out here.",
        "switch": f"{A} {has} no switch you can find.",
        "lock": f"{A} {has} no lock you could work.",
        "unlock": f"{A} {has} no lock you could work.",
        "throw": f"You keep hold of {the_a}: out here, what you throw away stays thrown.",
        "charge": f"{A} {be} nothing that holds a charge.",
        "soak": f"There is no water here to soak {the_a} in.",
        "shoot": f"{A} {be} nothing you can fire.",
        "squeeze": f"You squeeze {the_a}. Nothing comes of it.",
        "blow": f"You blow on {the_a}. Nothing comes of it.",
        "swing": f"You swing {the_a} about. Nothing comes of it.",
        "clean": "You wipe away some of the grime. The City puts it back.",
        "buy": "Nobody in the City sells anything, and you have nothing to pay with.",
        "set": f"{A} {has} nothing you could set.",
        "feed": f"{A} {be} not hungry for anything you have.",
        "read": f"{A} {has} nothing to tell you on that.",
        "type": f"{A} {has} no keys or letters to work.",
    }
    return sentences.get(family, f"You can't {word} {the_a}.")


# the words that head this module's lines (others head lines of their own elsewhere: drop, kick, taste...)
APPLIED = "|".join(w for family, words in FAMILIES.items() if family not in ("use", "hit", "read", "clean", "set") for w in words
                   if w not in ("taste", "kick", "set", "lay", "join", "wash", "power", "aim", "tune", "feed", "drop", "sound"))


@verb("use", "use|apply|activate|operate|employ [obj]", f"use|apply|activate|operate|employ [obj] {WITH} [obj2]",
      phases=ACTING, group="objects")
def use(ctx: VerbContext, c: Command) -> None:
    """use THING, use THING on THING"""
    thing = ctx.find(c.obj, ctx.carried() + ctx.lying_here(), "use")
    item = ctx.world.items[thing.id]
    target = ctx.find(c.obj2, [t for t in ctx.scope() if t.id != thing.id], "use it on") if c.obj2 else None
    if scripted(ctx, thing.id, target.id if target else None, "use"):
        return
    if target is None and any(u.on for u in item.uses):
        raise Refused("no_effect", f"Use {the(thing)} on what?")
    raise Refused("no_effect", refusal("use", "use", thing, target))


@verb("apply", f"{APPLIED} [obj]", f"{APPLIED} [obj] {WITH} [obj2]", f"{APPLIED} [obj] out|up|off|away",
      "turn+on|switch+on|turn+off|switch+off [obj]", "turn|switch [obj] on|off", "put+out|blow+out [obj]",
      "take+off [obj]", "drink+from|eat+from [obj]", "feed [obj2] to [obj]", "feed [obj]",
      "clean|polish|wipe|scrub|sweep|dust|shine [obj]", "clean|polish|wipe|scrub|sweep|dust|shine [obj] with [obj2]",
      "set|adjust|tune [obj] to [obj2]", "adjust|tune [obj]", "consult [obj] about|on [obj2]",
      "drop|discard|throw [obj] in|into|on|onto|down|at|against [obj2]", "jab|poke|prod [obj]", "jab|poke|prod [obj] with [obj2]",
      "open [obj] with [obj2]", "close+off [obj]", "set [obj]", "type|enter [obj2] on|into [obj]",
      phases=ACTING, group="objects")
def apply(ctx: VerbContext, c: Command) -> None:
    """drink, fill, pour, put in, tie, light, cut, wear... THING (with THING)"""
    word = c.word.split()[0]
    if c.word in ("turn on", "switch on", "turn off", "switch off") or (word in ("turn", "switch") and not c.obj2):
        word = "switch"
    if c.word in ("put out", "blow out"):
        word = "extinguish"
    if c.word == "take off":
        word = "doff"
    if word == "open":
        word = "unlock"  # open X with Y
    if c.word == "close off":
        word = "switch"
    family = CANON.get(word, word)
    if not c.obj:
        raise Refused("missing_object", f"What do you want to {c.word}?")
    first = ctx.find(c.obj, ctx.scope(), c.word)
    second = ctx.find(c.obj2, [t for t in ctx.scope() if t != first], c.word) if c.obj2 else None
    if family == "pour" and first.kind == "item" and ctx.contents(first.id) and empty_out(ctx, first, second):
        return  # what the player put in it comes out first
    if first.kind != SELF and try_uses(ctx, word, first, second):
        return
    if family == "put" and second is not None and put_into(ctx, first, second, c.prep):
        return
    raise Refused("no_effect", refusal(family, word, first, second))


def _holds(ctx: VerbContext, thing: Thing) -> tuple[str, str] | None:
    """(in or on, its key as a place) if things can be put in or on this thing."""
    how = how_held(ctx.world.items[thing.id].holds) if thing.kind == "item" else \
        how_held(ctx.features_here()[thing.id].holds) if thing.kind == "feature" else None
    return (how, holder_key(thing.kind, thing.id, ctx.state.room)) if how else None


def put_into(ctx: VerbContext, thing: Thing, target: Thing, prep: str) -> bool:
    """Put a carried thing in or on a container or supporter; False if the target holds nothing."""
    holds = _holds(ctx, target)
    if holds is None or thing.kind != "item":
        return False
    how, key = holds
    if ctx.place_of(thing.id) != INVENTORY:
        raise Refused("not_carried", f"You aren't carrying {the(thing)}.")
    if thing.id == key or key in _inside_of(ctx, thing.id):
        raise Refused("refused", f"{the(thing, True)} cannot go {how} itself.")
    if target.kind == "item" and ctx.world.items[target.id].openable and not ctx.state.flags.get(f"open_{target.id}"):
        raise Refused("closed", f"{the(target, True)} {is_are(target)} closed.")
    if (prep in ("in", "into", "inside") and how == "on") or (prep in ("on", "onto") and how == "in"):
        raise Refused("no_effect", f"Things go {how} {the(target)}, not {prep} {'them' if target.plural else 'it'}.")
    ctx.state.items[thing.id] = f"{how}:{key}"
    ctx.emit(ev.Narration(f"You put {the(thing)} {how} {the(target)}."))
    return True


def _inside_of(ctx: VerbContext, item: str) -> list[str]:
    """Everything in or on an item, however deep (so nothing goes inside itself)."""
    found, queue = [], [item]
    while queue:
        for inner in ctx.contents(queue.pop()):
            found.append(inner)
            queue.append(inner)
    return found


def empty_out(ctx: VerbContext, thing: Thing, target: Thing | None) -> bool:
    """Tip what a container holds out, onto the floor or into something that holds things."""
    holds = _holds(ctx, target) if target is not None else None
    if target is not None and holds is None:
        return False
    place = f"{holds[0]}:{holds[1]}" if holds else ctx.state.room
    names = [ctx.item_label(i) for i in ctx.contents(thing.id)]
    for item in ctx.contents(thing.id):
        ctx.state.items[item] = place
    where = f"{holds[0]} {the(target)}" if holds and target else "out"
    ctx.emit(ev.Narration(f"You tip {list_names(names)} {where}."))
    return True
