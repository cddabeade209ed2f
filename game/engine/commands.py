"""The verbs: each handler is registered with @cmd(verb, usage); the usage is its line in help.

Handlers raise Refused (understood, but cannot be done) or emit events. `run_command`
routes one piece of input according to the phase: encounter options, dialogue topics,
or ordinary verbs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from game.engine import events as ev
from game.engine.game import Game, Refused, parse_or_error
from game.engine.parser import DIRECTION_WORDS, TOKEN, WORD_TO_VERB, Parsed, words_of
from game.engine.phases import DIALOGUE, ENCOUNTER, ENDED, EXPLORING
from game.engine.rules import holds, run
from game.engine.scope import Ambiguous, Thing, list_names, suggest
from game.engine.state import INVENTORY
from game.world.model import Option

Handler = Callable[[Game, Parsed], None]


@dataclass(frozen=True)
class Verb:
    handler: Handler
    takes_time: bool
    anytime: bool
    usage: str


COMMANDS: dict[str, Verb] = {}
AFTER_THE_END = frozenset({"undo", "redo", "load", "save", "saves", "quit", "help", "journal", "score"})


def cmd(verb: str, usage: str, *, takes_time: bool = True, anytime: bool = False) -> Callable[[Handler], Handler]:
    """Register a handler for `verb`. `anytime`: also allowed in encounters and after the end."""

    def register(fn: Handler) -> Handler:
        COMMANDS[verb] = Verb(fn, takes_time, anytime, usage)
        return fn

    return register


# -- routing ------------------------------------------------------------------------------

def run_command(game: Game, text: str) -> bool:
    """Run one command; False if it was refused (the rest of the line is then skipped)."""
    s = game.state
    if s.phase == ENCOUNTER:
        option = match_option(game, text)
        if option is not None:
            game.choose(option)
            if s.phase != ENDED:
                game.tick()
            return True
    if s.phase == DIALOGUE:
        handled = _dialogue_input(game, text)
        if handled is not None:
            return handled
    parsed = parse_or_error(game, text)
    if parsed is None:
        s.last_failed = text
        if s.phase == ENCOUNTER:
            game.emit(game.choice("Choose one of the options."))
        return False
    verb = COMMANDS.get(parsed.verb)
    if verb is None:  # "choose" (a bare number) outside an encounter
        game.emit(ev.Error("not_now", "There is nothing to choose between right now."))
        return False
    if s.phase == ENDED and parsed.verb not in AFTER_THE_END:
        game.emit(ev.Error("game_over", "The story has ended. Type undo to step back, load to restore a save, or quit."))
        return False
    if s.phase == ENCOUNTER and not verb.anytime:
        game.emit(ev.Error("not_now", "There is no time for that. Choose what to do: type an option's number or word."))
        game.emit(game.choice())
        return False
    if s.phase == DIALOGUE and parsed.verb not in ("ask", "bye") and not verb.anytime:
        s.dialogue = None  # acting (not saving, looking or asking for help) ends the conversation
        game.set_phase(EXPLORING)
    try:
        verb.handler(game, parsed)
    except Refused as refusal:
        game.emit(ev.Error(refusal.code, refusal.message))
        if parsed.verb != "oops":
            s.last_failed = parsed.raw
        return False
    except Ambiguous as amb:
        _ask_which(game, parsed, amb.things)
        return False
    if parsed.verb not in ("again", "oops", "undo", "redo"):
        s.last_command = parsed.raw
    if verb.takes_time and s.phase != ENDED:
        game.tick()
    return True


def _ask_which(game: Game, parsed: Parsed, things: list[Thing]) -> None:
    labels = [f"the {t.label}" if t.kind != "character" else t.label for t in things]
    game.emit(ev.Error("ambiguous", f"Which do you mean, {list_names(labels, 'or')}?"))
    # the unresolved phrase becomes a hole the answer fills
    raw = parsed.raw
    phrase = parsed.obj if any(_names(t, parsed.obj) for t in things) else parsed.obj2
    words = phrase.split()
    tokens = raw.split()
    for i in range(len(tokens) - len(words) + 1):
        if tokens[i:i + len(words)] == words:
            tokens[i:i + len(words)] = ["\x00"]
            break
    game.state.pending = {"command": " ".join(tokens), "candidates": [f"{t.kind}:{t.id}" for t in things]}


def _names(thing: Thing, phrase: str) -> bool:
    return bool(phrase) and set(words_of(phrase)) <= thing.words


def match_option(game: Game, text: str) -> Option | None:
    """The encounter option `text` picks: its number, its key, or words of its label."""
    options = game.options()
    words = words_of(text)
    if not words:
        return None
    if len(words) == 1 and words[0].isdigit():
        index = int(words[0]) - 1
        return options[index] if 0 <= index < len(options) else None
    joined = " ".join(words)
    for o in options:
        if joined == o.key or joined in o.names:
            return o
    hits = [o for o in options if set(words) <= set(TOKEN.findall(o.label.lower())) | set(o.names) | {o.key}]
    return hits[0] if len(hits) == 1 else None


def _dialogue_input(game: Game, text: str) -> bool | None:
    """Answer a topic in a conversation; None if the input is not about the conversation."""
    s = game.state
    who = s.dialogue
    words = words_of(text)
    if who is None or not words:
        return None
    if words[0] in ("about", "ask", "tell"):
        words = [w for w in words[1:] if w != "about"]
        if words and words[0] in game.character_things[who].words:
            words = words[1:]
        elif words and any(words[0] in game.character_things[c].words for c in game.people_here() if c != who):
            return None  # asking someone else: an ordinary command
    elif words[0] in WORD_TO_VERB or words[0] in DIRECTION_WORDS:
        return None  # a command, even if a topic's word is in it ("x finger")
    topics = available_topics(game, who)
    if len(words) == 1 and words[0].isdigit():
        index = int(words[0]) - 1
        if 0 <= index < len(topics):
            _answer(game, who, topics[index])
            game.tick()
            return True
        if index == len(topics):  # the menu's last line: say goodbye
            do_bye(game, Parsed("bye"))
            return True
        return None
    topic = topic_about(game, who, words)
    if topic is None:
        return None
    _answer(game, who, topic)
    game.tick()
    return True


def topic_about(game: Game, who: str, words: list[str]) -> Any:
    """The first topic on offer that the words name (the whole phrase, or any of its words)."""
    for topic in available_topics(game, who):
        if " ".join(words) in topic.about or set(words) & set(topic.about):
            return topic
    return None


def available_topics(game: Game, who: str) -> list:
    """The topics on offer now: those whose condition holds, the first for each word."""
    found, shown = [], set()
    for topic in game.world.characters[who].topics:
        if topic.about[0] not in shown and holds(game, topic.when):
            shown.add(topic.about[0])
            found.append(topic)
    return found


def _answer(game: Game, who: str, topic) -> None:
    game.emit(ev.Narration(topic.text, "speech"))
    run(game, topic.effects)


# -- finding things -------------------------------------------------------------------------

def find(game: Game, phrase: str, things: list[Thing], verb: str) -> Thing:
    """The thing `phrase` names, or a refusal that says what went wrong."""
    if not phrase:
        typed = (game.state.last_typed or verb).split()[0]
        raise Refused("missing_object", f"What do you want to {typed if verb == 'use' else verb}?")
    found = game.resolve(phrase, things)
    if found is None:
        everything = game.scope()
        elsewhere = game.resolve(phrase, everything) if things is not everything else None
        if elsewhere is not None:
            raise Refused("not_here", _not_available(elsewhere, verb))
        if phrase in ("it", "them", "him", "her"):
            raise Refused("not_here", f"I'm not sure what '{phrase}' means here.")
        guess = suggest(phrase, everything)
        hint = f" Did you mean the {guess.label}?" if guess else ""
        known = {w for t in everything for w in t.words}
        game.state.last_unknown = next((w for w in words_of(phrase) if w not in known), None)
        raise Refused("not_here", f"You see no {phrase} here.{hint}")
    game.state.it = [f"{found.kind}:{found.id}"]
    return found


def _not_available(thing: Thing, verb: str) -> str:
    if thing.kind == "feature" and verb == "talk to":
        return f"There is no answer from the {thing.label}."
    if thing.kind == "item" and verb in ("drop", "give", "use"):
        return f"You aren't carrying the {thing.label}."
    if thing.kind == "item" and verb == "take":
        return f"You already have the {thing.label}."
    return f"You can't {verb} that."


def carried(game: Game) -> list[Thing]:
    return [game.item_things[i] for i in game.items_at(INVENTORY)]


def lying_here(game: Game) -> list[Thing]:
    return [game.item_things[i] for i in game.items_at(game.state.room)]


def people(game: Game) -> list[Thing]:
    return [game.character_things[c] for c in game.people_here()]


# -- verbs ------------------------------------------------------------------------------------

@cmd("go", "go DIRECTION (or n, s, e, w, ne, nw, se, sw, u, d, in, out)")
def do_go(game: Game, p: Parsed) -> None:
    s = game.state
    room = game.world.rooms[s.room]
    target = p.obj
    if not target:
        raise Refused("missing_object", "Which way? " + _exits_sentence(game))
    if target not in room.exits:
        if target in DIRECTION_WORDS.values():
            raise Refused("cant_go", f"You can't go {target} from here. " + _exits_sentence(game))
        direction = _exit_by_name(game, target)
        if direction is None:
            scenery = next((t for t in game.scope() if t.kind != "item" and set(words_of(target)) <= t.words), None)
            if scenery is not None:
                raise Refused("cant_go", f"The {scenery.label} is no way to go anywhere. " + _exits_sentence(game))
            raise Refused("cant_go", f"You don't know a way to '{target}' from here. " + _exits_sentence(game))
        target = direction
    ex = room.exits[target]
    if not holds(game, ex.when):
        if ex.hidden:
            raise Refused("cant_go", f"You can't go {target} from here. " + _exits_sentence(game))
        raise Refused("blocked", ex.refuse or "That way is closed to you for now.")
    if ex.text:
        game.emit(ev.Narration(ex.text))
    game.enter(ex.to)


def _exit_by_name(game: Game, phrase: str) -> str | None:
    words = set(words_of(phrase))
    for direction, ex in game.visible_exits().items():
        name_words = set(TOKEN.findall(game.world.rooms[ex.to].name.lower())) | set(ex.to.split("_"))
        if words and words <= name_words:
            return direction
    return None


def _exits_sentence(game: Game) -> str:
    exits = list(game.visible_exits())
    return f"The ways out are {list_names(exits)}." if exits else "There is no obvious way out."


@cmd("look", "look (l): describe where you are", takes_time=False, anytime=True)
def do_look(game: Game, p: Parsed) -> None:
    if p.obj:
        do_examine(game, replace(p, verb="examine"))
        return
    if game.state.phase == ENCOUNTER:
        game.emit(game.describe(full=True))
        game.show_stage()
        return
    game.emit(game.describe(full=True))


@cmd("examine", "examine THING (x): look closely at something or someone", takes_time=False, anytime=True)
def do_examine(game: Game, p: Parsed) -> None:
    room_words = set(TOKEN.findall(game.world.rooms[game.state.room].name.lower()))
    scope = game.scope()
    if p.obj in ("room", "around", "here") or (p.obj and set(words_of(p.obj)) <= room_words and game.resolve(p.obj, scope) is None):
        game.emit(game.describe(full=True))  # the room itself, unless a thing in it has that name
        return
    thing = find(game, p.obj, scope, "examine")
    if thing.kind == "item":
        item = game.world.items[thing.id]
        look = game.look_of(item)
        text = ((look.description if look and look.description else None) or item.description).strip()
        if item.openable:
            text += " It is open." if game.state.flags.get(f"open_{thing.id}") else " It is closed."
        game.emit(ev.Narration(text))
    elif thing.kind == "character":
        ch = game.world.characters[thing.id]
        look = game.look_of(ch)
        game.emit(ev.Narration((look.description if look and look.description else None) or ch.description))
    else:
        game.emit(ev.Narration(game.features_here()[thing.id].text))


@cmd("take", "take THING (get), take all")
def do_take(game: Game, p: Parsed) -> None:
    if p.obj in ("all", "everything"):
        portable = [i for i in game.items_at(game.state.room) if game.world.items[i].portable]
        if not portable:
            raise Refused("nothing_here", "There is nothing here you can carry.")
        for item in portable:
            _take(game, item, prefix=f"{game.world.items[item].name}: ")
        return
    thing = find(game, p.obj, lying_here(game) or game.scope(), "take")
    if thing.kind == "character":
        raise Refused("refused", f"{thing.label} would not thank you for trying.")
    if thing.kind == "feature":
        raise Refused("fixed", f"You can't carry the {thing.label}: it is part of the place.")
    if game.state.items.get(thing.id) == INVENTORY:
        raise Refused("refused", f"You already have the {thing.label}.")
    item = game.world.items[thing.id]
    if not item.portable:
        raise Refused("fixed", item.fixed_text or f"The {item.name} will not come away.")
    _take(game, thing.id)


def _take(game: Game, item: str, prefix: str = "") -> None:
    game.state.items[item] = INVENTORY
    game.emit(ev.ItemTaken(item, game.world.items[item].name))
    game.emit(ev.Narration(f"{prefix}Taken."))
    key = f"take:{item}"
    if game.world.items[item].on_take and key not in game.state.fired:
        game.state.fired.append(key)
        run(game, game.world.items[item].on_take)


@cmd("drop", "drop THING, drop all")
def do_drop(game: Game, p: Parsed) -> None:
    if p.obj in ("all", "everything"):
        held = game.items_at(INVENTORY)
        if not held:
            raise Refused("nothing_carried", "You are carrying nothing.")
        for item in held:
            _drop(game, item, prefix=f"{game.world.items[item].name}: ")
        return
    thing = find(game, p.obj, carried(game), "drop")
    _drop(game, thing.id)


def _drop(game: Game, item: str, prefix: str = "") -> None:
    game.state.items[item] = game.state.room
    game.emit(ev.ItemDropped(item, game.world.items[item].name))
    game.emit(ev.Narration(f"{prefix}Dropped."))


@cmd("inventory", "inventory (i): what you carry", takes_time=False, anytime=True)
def do_inventory(game: Game, p: Parsed) -> None:
    held = [game.item_label(i) for i in game.items_at(INVENTORY)]
    game.emit(ev.Narration(f"You are carrying {list_names(held)}." if held else "You are carrying nothing.", "system"))


def _openable(game: Game, p: Parsed, verb: str) -> str:
    thing = find(game, p.obj, game.scope(), verb)
    if thing.kind == "feature" and verb == "open" and _handle_feature(game, thing.id):
        return ""  # scenery that opens by hand (a hatch, a box's catches)
    if thing.kind != "item" or not game.world.items[thing.id].openable:
        hint = " It does not open by hand; something you carry might." if thing.kind == "feature" else ""
        raise Refused("no_effect", f"You can't {verb} the {thing.label} like that.{hint}")
    return thing.id


@cmd("open", "open THING")
def do_open(game: Game, p: Parsed) -> None:
    item = _openable(game, p, "open")
    if not item:
        return
    flag = f"open_{item}"
    if game.state.flags.get(flag):
        raise Refused("no_effect", "It is already open.")
    game.state.flags[flag] = True
    game.emit(ev.Narration(game.world.items[item].open_text or "Opened."))


@cmd("close", "close THING")
def do_close(game: Game, p: Parsed) -> None:
    item = _openable(game, p, "close")
    flag = f"open_{item}"
    if not game.state.flags.get(flag):
        raise Refused("no_effect", "It is already closed.")
    game.state.flags.pop(flag)
    game.emit(ev.Narration(game.world.items[item].close_text or "Closed."))


@cmd("use", "use THING, use THING on THING")
def do_use(game: Game, p: Parsed) -> None:
    thing = find(game, p.obj, carried(game) + lying_here(game), "use")
    item = game.world.items[thing.id]
    target = find(game, p.obj2, [t for t in game.scope() if t.id != thing.id], "use it on") if p.obj2 else None
    for use in item.uses:
        if use.on == (target.id if target else None) and holds(game, use.when):
            if use.text:
                game.emit(ev.Narration(use.text))
            run(game, use.effects)
            return
    if target is None and any(u.on for u in item.uses):
        raise Refused("no_effect", f"Use the {item.name} on what?")
    what = f" on the {target.label}" if target is not None else ""
    raise Refused("no_effect", f"Using the {item.name}{what} does nothing useful right now.")


@cmd("handle", "lift, turn, pull, push, press, touch... THING: work something with your hands")
def do_handle(game: Game, p: Parsed) -> None:
    word = p.raw.split()[0] if p.raw else "touch"
    if not p.obj:
        if word == "wave":
            game.emit(ev.Narration("You wave. Nothing in the City waves back."))
            return
        raise Refused("missing_object", f"What do you want to {word}?")
    thing = find(game, p.obj, game.scope(), word)
    if thing.kind == "item" and game.world.items[thing.id].uses:
        do_use(game, p)  # an item that can be used: lifting or turning it is using it
        return
    if thing.kind == "character":
        raise Refused("refused", f"{game.character_label(thing.id, True)} would rather you didn't.")
    if thing.kind == "feature" and _handle_feature(game, thing.id):
        return
    raise Refused("no_effect", f"You {word} the {thing.label}, but nothing comes of it.")


def _handle_feature(game: Game, feature: str) -> bool:
    """Run the feature's first `handle` whose condition holds; False if it has none."""
    for trigger in game.features_here()[feature].handle:
        if holds(game, trigger.when):
            if trigger.text:
                game.emit(ev.Narration(trigger.text))
            run(game, trigger.effects)
            return True
    return False


@cmd("give", "give THING to SOMEONE")
def do_give(game: Game, p: Parsed) -> None:
    obj, obj2 = p.obj, p.obj2
    if not obj2:  # "give zuru the flask"
        words = obj.split()
        for cut in range(1, len(words)):
            if game.resolve(" ".join(words[:cut]), people(game)) is not None:
                obj, obj2 = " ".join(words[cut:]), " ".join(words[:cut])
                break
        else:
            raise Refused("missing_object", "Give it to whom?")
    thing = find(game, obj, carried(game), "give")
    person = find(game, obj2, people(game), "give things to")
    if person.kind != "character":
        raise Refused("refused", "You can only give things to people.")
    gift = game.world.characters[person.id].gifts.get(thing.id)
    if gift is None:
        raise Refused("refused", f"{game.character_label(person.id, True)} does not take the {thing.label}.")
    game.state.items.pop(thing.id, None)
    game.emit(ev.InventoryChanged(thing.id, game.world.items[thing.id].name, False))
    game.emit(ev.Narration(gift.text))
    run(game, gift.effects)


@cmd("talk", "talk to SOMEONE")
def do_talk(game: Game, p: Parsed) -> None:
    present = people(game)
    if not p.obj:
        if len(present) != 1:
            names = [t.label for t in present]
            raise Refused("missing_object", f"Talk to whom? {list_names(names, 'or')}?" if names else "There is no one here to talk to.")
        who = present[0]
    else:
        who = find(game, p.obj, present, "talk to")
    ch = game.world.characters[who.id]
    reply = next((r for r in ch.talk if holds(game, r.when)), None)
    if reply is None and not ch.topics:
        raise Refused("no_effect", f"{game.character_label(who.id, True)} has nothing to say.")
    if reply is not None:
        game.emit(ev.Narration(reply.text, "speech"))
        run(game, reply.effects)
    if game.state.phase == EXPLORING and available_topics(game, who.id):
        game.set_phase(DIALOGUE)
        game.state.dialogue = who.id
        _offer_topics(game, who.id)


def _offer_topics(game: Game, who: str) -> None:
    topics = available_topics(game, who)
    game.emit(ev.Choice([(t.about[0], f"ask about {t.about[0]}") for t in topics] + [("bye", "say goodbye")],
                        f"You could ask {game.character_label(who)} about:"))


@cmd("ask", "ask SOMEONE about SOMETHING")
def do_ask(game: Game, p: Parsed) -> None:
    s = game.state
    if p.obj:
        who = find(game, p.obj, people(game), "ask").id
    elif s.dialogue:
        who = s.dialogue
    else:
        present = people(game)
        if len(present) != 1:
            raise Refused("missing_object", "Ask whom? Try: ask zuru about the village.")
        who = present[0].id
    if not p.obj2:
        raise Refused("missing_object", f"Ask {game.character_label(who)} about what?")
    topic = topic_about(game, who, words_of(p.obj2))
    if topic is not None:
        _answer(game, who, topic)
        return
    raise Refused("no_topic", f"{game.character_label(who, True)} has nothing to tell you about that.")


@cmd("bye", "bye: end a conversation", takes_time=False)
def do_bye(game: Game, p: Parsed) -> None:
    if game.state.phase != DIALOGUE:
        raise Refused("not_now", "You are not talking to anyone.")
    game.state.dialogue = None
    game.set_phase(EXPLORING)
    game.emit(ev.Narration("You leave the conversation there."))


@cmd("wait", "wait (z): let a moment pass")
def do_wait(game: Game, p: Parsed) -> None:
    game.emit(ev.Narration("Time passes. The City hums around you."))


@cmd("sleep", "sleep: rest until the next day (only somewhere safe)")
def do_sleep(game: Game, p: Parsed) -> None:
    room = game.world.rooms[game.state.room]
    if not room.safe:
        raise Refused("unsafe", "Not here. Out in the City, sleep is how hunters die. Sleep behind the perimeter.")
    tpd = game.world.game.clock.turns_per_day
    game.emit(ev.Narration("You sleep, and the City goes on building itself in the dark."))
    game.pass_time(tpd - game.state.time % tpd - 1)


@cmd("hide", "hide: take cover, where there is any")
def do_hide(game: Game, p: Parsed) -> None:
    room = game.world.rooms[game.state.room]
    if not room.cover:
        raise Refused("no_cover", "There is nowhere to hide here. Somewhere with more cover, perhaps.")
    if game.state.hidden:
        raise Refused("no_effect", "You are already hidden.")
    game.state.hidden = True
    game.emit(ev.Narration(f"You press yourself into cover {room.cover} and keep still."))


@cmd("listen", "listen: for the Safeguard and anything else", takes_time=False)
def do_listen(game: Game, p: Parsed) -> None:
    heard = []
    for hunter in game.state.pursuers:
        direction = game.direction_to(hunter.room)
        if hunter.room == game.state.room:
            heard.append(f"{game.world.pursuers[hunter.kind].name} are right here")
        elif direction:
            where = {"up": "above you", "down": "below you", "in": "inside", "out": "outside"}.get(direction, f"to the {direction}")
            heard.append(f"{game.world.pursuers[hunter.kind].name} {where}")
    sounds = game.world.rooms[game.state.room].sounds
    if sounds:
        game.emit(ev.Narration(sounds))
    if heard:
        game.emit(ev.Narration(f"You hold your breath and listen: {list_names(heard)}.", "warning"))
    elif game.state.pursuers:
        game.emit(ev.Narration("Far off, something is moving through the structure toward where you were. Not close. Not yet.", "warning"))
    elif not sounds:
        game.emit(ev.Narration("Only the City: the drip of condensation, the deep hum of machines building somewhere beyond hearing."))


@cmd("attack", "attack SOMEONE (fight)")
def do_attack(game: Game, p: Parsed) -> None:
    raise Refused("refused", "Violence will not help here. Save your strength for the Safeguard.")


@cmd("again", "again (g): repeat the last command", takes_time=False, anytime=True)
def do_again(game: Game, p: Parsed) -> None:
    last = game.state.last_command
    if not last:
        raise Refused("nothing_to_repeat", "There is nothing to repeat yet.")
    run_command(game, last)


@cmd("oops", "oops WORD: correct a mistyped word in the last command", takes_time=False, anytime=True)
def do_oops(game: Game, p: Parsed) -> None:
    s = game.state
    if not p.obj or not s.last_unknown or not s.last_failed:
        raise Refused("nothing_to_correct", "There is no mistyped word to correct.")
    words = s.last_failed.split()
    fixed = " ".join(p.obj if w == s.last_unknown else w for w in words)
    s.last_unknown = s.last_failed = None
    run_command(game, fixed)


@cmd("undo", "undo [N]: take back the last turn (or N turns)", takes_time=False, anytime=True)
def do_undo(game: Game, p: Parsed) -> None:
    count = int(p.obj) if p.obj.isdigit() else 1
    done = game.undo(count)
    if not done:
        raise Refused("nothing_to_undo", "There is nothing to undo.")
    game.emit(ev.Narration(f"Undone: {done} turn{'s' if done != 1 else ''}.", "system"))
    for event in game.situation():
        game.emit(event)


@cmd("redo", "redo [N]: take back an undo", takes_time=False, anytime=True)
def do_redo(game: Game, p: Parsed) -> None:
    done = game.redo(int(p.obj) if p.obj.isdigit() else 1)
    if not done:
        raise Refused("nothing_to_redo", "There is nothing to redo.")
    game.emit(ev.Narration(f"Redone: {done} turn{'s' if done != 1 else ''}.", "system"))
    for event in game.situation():
        game.emit(event)


@cmd("save", "save [NAME]: save the game", takes_time=False, anytime=True)
def do_save(game: Game, p: Parsed) -> None:
    game.emit(ev.SaveRequested(p.obj or "quicksave"))


@cmd("load", "load [NAME] (restore): go back to a saved game", takes_time=False, anytime=True)
def do_load(game: Game, p: Parsed) -> None:
    game.emit(ev.LoadRequested(p.obj or "quicksave"))


@cmd("saves", "saves: list your saved games", takes_time=False, anytime=True)
def do_saves(game: Game, p: Parsed) -> None:
    game.emit(ev.SavesRequested())


@cmd("help", "help: this list", takes_time=False, anytime=True)
def do_help(game: Game, p: Parsed) -> None:
    lines = [f"  {verb.usage}" for verb in COMMANDS.values()]
    game.emit(ev.Narration("You can type:\n" + "\n".join(lines) + "\nSeveral commands can go on one line: take pail. north. look", "system"))


@cmd("hint", "hint: a nudge when you are stuck (ask again for more)", takes_time=False, anytime=True)
def do_hint(game: Game, p: Parsed) -> None:
    for hid, hint in game.world.hints.items():
        if holds(game, hint.when) and hint.tiers:
            tier = game.state.hint_tiers.get(hid, 0)
            shown = min(tier, len(hint.tiers) - 1)
            game.state.hint_tiers[hid] = min(tier + 1, len(hint.tiers))
            more = " Type hint again for more." if shown + 1 < len(hint.tiers) else ""
            game.emit(ev.Narration(f"{hint.tiers[shown]} (hint {shown + 1} of {len(hint.tiers)}.{more})", "system"))
            return
    game.emit(ev.Narration("No hint comes to mind. Look around, examine what stands out, and talk to the people with you.", "system"))


@cmd("map", "map: the places you have found on this floor", takes_time=False, anytime=True)
def do_map(game: Game, p: Parsed) -> None:
    s = game.state
    floor = game.world.rooms[s.room].floor
    rooms = []
    for rid in s.visited:
        room = game.world.rooms[rid]
        if room.floor != floor:
            continue
        exits = {d: (e.to if e.to in s.visited else None) for d, e in room.exits.items() if not e.hidden or holds(game, e.when)}
        rooms.append({"id": rid, "name": room.name, "here": rid == s.room, "exits": exits})
    game.emit(ev.MapShown(game.world.floors[floor].name, rooms))


@cmd("journal", "journal: what you have learned", takes_time=False, anytime=True)
def do_journal(game: Game, p: Parsed) -> None:
    entries = game.state.journal
    text = "Your journal:\n" + "\n".join(f"  - {e}" for e in entries) if entries else "Your journal is empty so far."
    game.emit(ev.Narration(text, "journal"))


@cmd("score", "score: day, food, health and the Safeguard's alert", takes_time=False, anytime=True)
def do_score(game: Game, p: Parsed) -> None:
    s = game.state
    g = game.world.game
    game.emit(ev.Narration(
        f"Day {game.day}. The village has food for {s.food} more day{'s' if s.food != 1 else ''}. "
        f"Health {s.health} of {g.health}. Safeguard alert {s.alert} of {g.alert.max}. "
        f"You have found {len(s.visited)} of the City's places and written {len(s.journal)} journal entr{'ies' if len(s.journal) != 1 else 'y'}.",
        "system"))


@cmd("verbose", "verbose: always describe rooms in full", takes_time=False, anytime=True)
def do_verbose(game: Game, p: Parsed) -> None:
    game.state.verbose = True
    game.emit(ev.Narration("Rooms will always be described in full.", "system"))


@cmd("brief", "brief: short descriptions of rooms you know", takes_time=False, anytime=True)
def do_brief(game: Game, p: Parsed) -> None:
    game.state.verbose = False
    game.emit(ev.Narration("Rooms you know will be described briefly.", "system"))


@cmd("quit", "quit (q): leave the game", takes_time=False, anytime=True)
def do_quit(game: Game, p: Parsed) -> None:
    game.emit(ev.QuitRequested())
