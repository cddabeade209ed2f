"""Verbs of people: give, talk, ask, bye, attack."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine import events as ev
from game.engine.errors import Refused
from game.engine.grammar import Command
from game.engine.phases import DIALOGUE, EXPLORING
from game.engine.scope import list_names, the
from game.engine.verbs.registry import ACTING, verb
from game.engine.words import words_of
from game.world.model import Topic

if TYPE_CHECKING:
    from game.engine.context import VerbContext

GIVE = "give|offer|hand|show"
TALK = "talk|speak|greet|hail|chat"
ASK = "ask|question|tell"
ATTACK = "attack|fight|kill|hit|strike|stab"


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
    gift = ctx.world.characters[person.id].gifts.get(thing.id)
    if gift is None:
        raise Refused("refused", f"{ctx.character_label(person.id, True)} does not take {the(thing)}.")
    ctx.state.items.pop(thing.id, None)
    ctx.emit(ev.InventoryChanged(thing.id, ctx.world.items[thing.id].name, False))
    ctx.emit(ev.Narration(gift.text))
    ctx.run(gift.effects)


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


@verb("ask", f"{ASK} [obj] about [obj2]", (f"{ASK} [obj2]", {"prep": "about"}),
      phases=ACTING, keeps_conversation=True, group="people")
def ask(ctx: VerbContext, c: Command) -> None:
    """ask SOMEONE about SOMETHING"""
    s = ctx.state
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
        raise Refused("not_now", "You are not talking to anyone.")
    ctx.end_conversation()
    ctx.emit(ev.Narration("You leave the conversation there."))


@verb("attack", f"{ATTACK} [obj]", f"{ATTACK} [obj] on|with|at|into|in|onto|against|to|from|under|through [obj2]",
      phases=ACTING, group="people")
def attack(ctx: VerbContext, c: Command) -> None:
    """attack SOMEONE (fight)"""
    raise Refused("refused", "Violence will not help here. Save your strength for the Safeguard.")
