"""Verbs of people: give, talk, ask, bye, attack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Confirm, Refused, Retry
from game.engine.grammar import Command
from game.engine.phases import DIALOGUE, EXPLORING
from game.engine.scope import SELF, Thing, list_names, the
from game.engine.state import INVENTORY
from game.engine.verbs.registry import ACTING, verb
from game.engine.verbs.tools import refusal, scripted, try_uses
from game.engine.words import words_of
from game.world.model import Topic

if TYPE_CHECKING:
    from game.engine.context import VerbContext

GIVE = "give|offer|hand|pay"
TALK = "talk|speak|greet|hail|chat|hello|hi|hey"
ASK = "ask|question|tell"
ATTACK = "attack|fight|kill|hit|strike|stab|break|smash|wreck|crack|destroy|murder|torture|punch|thump|beat|bash"


@verb("give", f"{GIVE} [obj]", f"{GIVE} [obj] to [obj2]", phases=ACTING, group="people")
def give(ctx: VerbContext, c: Command) -> None:
    """give THING to SOMEONE"""
    obj, obj2 = c.obj, c.obj2
    if not obj2:  # "give zuru the flask"
        words = obj.split()
        for cut in range(1, len(words)):
            if ctx.resolve(" ".join(words[:cut]), ctx.people()) is not None:
                obj, obj2 = " ".join(words[cut:]), " ".join(words[:cut])
                break
        else:
            raise Refused("missing_object", "Give it to whom?")
    thing = ctx.find(obj, ctx.carried(), "give")
    person = ctx.find(obj2, ctx.people(), "give things to")
    if person.kind != "character":
        raise Refused("refused", "You can only give things to people.")
    if not hand_over(ctx, thing, person):
        raise Refused("refused", f"{ctx.character_label(person.id, True)} does not take {the(thing)}.")


def hand_over(ctx: VerbContext, thing: Thing, person: Thing) -> bool:
    """The person's gift rule for the thing, if they have one (giving, or showing what they
    would take in hand); False if they have none."""
    gift = ctx.world.characters[person.id].gifts.get(thing.id)
    if gift is None:
        return False
    if gift.warn and not ctx.confirmed:
        raise Confirm(gift.warn)  # a point of no return the world declares
    ctx.state.items.pop(thing.id, None)
    ctx.emit(ev.InventoryChanged(thing.id, ctx.world.items[thing.id].name, False))
    ctx.emit(ev.Narration(gift.text))
    ctx.run(gift.effects)
    return True


@verb("talk", f"{TALK} [obj]", "talk+to|talk+with|speak+to|speak+with [obj]", phases=ACTING, group="people")
def talk(ctx: VerbContext, c: Command) -> None:
    """talk to SOMEONE"""
    present = ctx.people()
    if not c.obj:
        if len(present) != 1:
            names = [t.label for t in present]
            whom = f"Talk to whom? {list_names(names, 'or')}?" if names else "There is no one here to talk to."
            raise Refused("missing_object", whom)
        who = present[0]
    else:
        who = ctx.find(c.obj, present, "talk to")
    ch = ctx.world.characters[who.id]
    reply = next((r for r in ch.talk if ctx.holds(r.when)), None)
    if reply is None and not ch.topics:
        raise Refused("no_effect", f"{ctx.character_label(who.id, True)} has nothing to say.")
    if reply is not None:
        ctx.emit(ev.Narration(reply.text, "speech"))
        ctx.run(reply.effects)
    if ctx.state.phase == EXPLORING and ctx.topics(who.id):
        ctx.begin_conversation(who.id)
        offer_topics(ctx, who.id)


def offer_topics(ctx: VerbContext, who: str) -> None:
    topics = ctx.topics(who)
    ctx.emit(ev.Choice([(t.about[0], f"ask about {t.about[0]}") for t in topics] + [("bye", "say goodbye")],
                       f"You could ask {ctx.character_label(who)} about:"))


def topic_about(ctx: VerbContext, who: str, words: list[str]) -> Topic | None:
    """The first topic on offer that the words name (the whole phrase, or any of its words)."""
    for topic in ctx.topics(who):
        if " ".join(words) in topic.about or set(words) & set(topic.about):
            return topic
    return None


@verb("ask", f"{ASK} [obj] about [obj2]", (f"{ASK}|a|t [obj2]", {"prep": "about"}),
      phases=ACTING, keeps_conversation=True, group="people")
def ask(ctx: VerbContext, c: Command) -> None:
    """ask SOMEONE about SOMETHING (a SOMETHING while you talk)"""
    s = ctx.state
    if not c.obj and c.obj2 and "about" not in words_of(c.raw) and s.dialogue is None:
        person = ctx.resolve(c.obj2, ctx.people())
        if person is not None:  # "ask zuru", "tell zuru": a conversation with them
            raise Retry(f"talk to {c.obj2}")
    if c.obj:
        who = ctx.find(c.obj, ctx.people(), "ask").id
    elif s.dialogue:
        who = s.dialogue
    else:
        present = ctx.people()
        if len(present) != 1:
            raise Refused("missing_object", "Ask whom? Try: ask zuru about the village.")
        who = present[0].id
    if not c.obj2:
        raise Refused("missing_object", f"Ask {ctx.character_label(who)} about what?")
    topic = topic_about(ctx, who, words_of(c.obj2))
    if topic is not None:
        ctx.answer(topic)
        return
    raise Refused("no_topic", f"{ctx.character_label(who, True)} has nothing to tell you about that.")


@verb("bye", "bye|goodbye|farewell", "bye|goodbye|farewell [_]", phases=ACTING, takes_time=False,
      keeps_conversation=True, group="people")
def bye(ctx: VerbContext, c: Command) -> None:
    """bye: end a conversation"""
    if ctx.state.phase != DIALOGUE:
        others = [t for t in ctx.people() if t.id not in ctx.state.companions]
        if len(others) != 1:
            raise Refused("not_now", "You are not talking to anyone.")
        ctx.emit(ev.Narration(f"You take your leave of {the(others[0])}."))  # after ask X about Y: no menu, still a goodbye
        return
    ctx.end_conversation()
    ctx.emit(ev.Narration("You leave the conversation there."))


@verb("attack", f"{ATTACK} [obj]", f"{ATTACK} [obj] on|with|at|into|in|onto|against|to|from|under|through|using [obj2]",
      phases=ACTING, group="people")
def attack(ctx: VerbContext, c: Command) -> None:
    """attack SOMEONE (fight), hit THING with THING"""
    target = ctx.find(c.obj, ctx.scope(), c.word) if c.obj else None
    if target is not None and target.kind not in ("character", SELF):
        tool = ctx.find(c.obj2, [t for t in ctx.scope() if t != target], c.word) if c.obj2 else None
        if try_uses(ctx, c.word, target, tool):
            return  # what the world scripts for striking it (knock the catches loose with the rod)
        raise Refused("no_effect", refusal("hit", c.word, target, tool))
    raise Refused("refused", "Violence will not help here. Save your strength for the Safeguard.")


@verb("show", "show|display|present [obj] to [obj2]", "show|display|present [obj2] [obj]", phases=ACTING, group="people")
def show(ctx: VerbContext, c: Command) -> None:
    """show THING to SOMEONE"""
    if not c.obj2:
        person_named = next((t for t in ctx.people() if ctx.resolve(c.obj, [t]) is not None), None) if c.obj else None
        if person_named is not None:  # "show tavi": what to show her is the question
            raise Refused("missing_object", f"Show {the(person_named)} what? (show THING to {c.obj})")
        raise Refused("missing_object", "Show it to whom?")
    person = ctx.find(c.obj2, ctx.people(), "show things to")
    thing = ctx.find(c.obj, [t for t in ctx.scope() if t != person], "show")
    if thing.kind == "item" and scripted(ctx, thing.id, person.id, "show"):
        return
    if thing.kind == "item" and person.kind == "character" and ctx.state.items.get(thing.id) == INVENTORY \
            and hand_over(ctx, thing, person):
        return
    topic = topic_about(ctx, person.id, sorted(thing.words)) if thing.kind != SELF else None
    if topic is not None:  # what they know of it
        ctx.answer(topic)
        return
    ctx.emit(ev.Narration(f"{the(person, True)} looks at {the(thing)}, and then at you, and says nothing."))


@verb("order", "tell|ask|order|command|instruct|get [obj] to [obj2]", phases=ACTING, takes_time=False,
      keeps_conversation=True, group="people")
def order(ctx: VerbContext, c: Command) -> None:
    """tell SOMEONE to DO SOMETHING (or: SOMEONE, DO SOMETHING)"""
    person = ctx.find(c.obj, ctx.people(), "give orders to")
    answer_order(ctx, person)


def answer_order(ctx: VerbContext, person: Thing) -> None:
    """A person's answer to being told what to do: theirs if the world gives one."""
    if person.kind == SELF:
        raise Refused("refused", "Talking to yourself is the first sign. Just do it.")
    if person.kind != "character":
        raise Refused("refused", f"{the(person, True)} cannot hear you.")
    said = ctx.world.characters[person.id].orders
    ctx.emit(ev.Narration(said.strip() if said else f"{the(person, True)} hears you out, and does not move. "
                          "Out here, nobody takes orders.", "speech"))


@verb("ask_for", "ask|beg [obj] for [obj2]", phases=ACTING, keeps_conversation=True, group="people")
def ask_for(ctx: VerbContext, c: Command) -> None:
    """ask SOMEONE for SOMETHING"""
    person = ctx.find(c.obj, ctx.people(), "ask")
    topic = topic_about(ctx, person.id, words_of(c.obj2))
    if topic is not None:
        ctx.answer(topic)
        return
    raise Refused("no_topic", f"{the(person, True)} has nothing like that to give you.")


@verb("say", "say|answer|reply|whisper|mutter|speak|shout|yell|call [obj2] to [obj]", "say|answer|reply|whisper|mutter [obj2]",
      phases=ACTING, keeps_conversation=True, group="people")
def say(ctx: VerbContext, c: Command) -> None:
    """say SOMETHING (to SOMEONE)"""
    if not c.obj2:
        raise Refused("missing_object", "Say what?")
    s = ctx.state
    if c.obj:
        who: str | None = ctx.find(c.obj, ctx.people(), "talk to").id
    else:
        present = ctx.people()
        who = s.dialogue or (present[0].id if len(present) == 1 else None)
    words = words_of(c.obj2)
    if who is not None and words[:1] in (["hello"], ["hi"], ["hey"]):
        raise Retry(f"talk to #character:{who}")
    topic = topic_about(ctx, who, words) if who is not None else None
    if topic is not None:
        ctx.answer(topic)
        return
    ctx.emit(ev.Narration("You say it aloud, quietly. Nobody answers." if who is None else
                          f"{ctx.character_label(who, True)} waits for you to say something that matters."))
