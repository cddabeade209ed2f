"""One command, routed by phase: an encounter's options, a conversation's topics, or a verb.

The turn loop in `game.engine.game` splits a line into commands and calls `run_command`
for each; here refusals become Error events, an ambiguous name becomes a question whose
answer is kept in the state, and again/oops retry another command in place.
"""

from __future__ import annotations

from game.engine import encounters
from game.engine import events as ev
from game.engine.errors import Confirm, ParseError, Refused, Retry
from game.engine.grammar import Command
from game.engine.parser import parse
from game.engine.phases import DIALOGUE, ENCOUNTER, ENDED
from game.engine.scope import Ambiguous, Thing, list_names, match, the
from game.engine.turn import Turn
from game.engine.verbs import REGISTRY
from game.engine.verbs.people import answer_order, topic_about
from game.engine.words import DIRECTION_WORDS, tokens_of, words_of

NO_MEMORY = ("again", "oops", "undo", "redo")  # commands that are not themselves worth repeating


def run_command(turn: Turn, text: str, retried: bool = False) -> bool:
    """Run one command; False if it was refused or asked a question (the rest of the line
    is then skipped)."""
    try:
        return _run(turn, text, retried)
    except Confirm as ask:  # a point of no return: the command waits for a yes
        turn.state.pending = {"confirm": text}
        turn.emit(ev.Question(ask.question))
        return False


def _run(turn: Turn, text: str, retried: bool) -> bool:
    s = turn.state
    if s.phase == ENCOUNTER:
        option = encounters.option_named(turn, text)
        if option is not None:
            if option.warn and not turn.confirmed:
                raise Confirm(option.warn)
            encounters.choose(turn, option)
            if s.phase != ENDED:
                turn.tick()
            return True
    if s.phase == DIALOGUE:
        handled = _conversation_input(turn, text)
        if handled is not None:
            return handled
    if "," in text:
        text = _commas(turn, text)
        if not text:
            return True  # an order, answered
    try:
        command = parse(text, REGISTRY)
    except ParseError as err:
        if err.code == "unknown_verb":
            s.last_unknown = text.split()[0] if text.split() else None
        turn.emit(ev.Error(err.code, err.message))
        s.last_failed = text
        if s.phase == ENCOUNTER:
            turn.emit(turn.choice("Choose one of the options."))
        return False
    verb = REGISTRY.verbs.get(command.verb)
    if verb is None:  # "choose" (a bare number) outside an encounter
        turn.emit(ev.Error("not_now", "There is nothing to choose between right now."))
        return False
    if s.phase not in verb.phases:
        if s.phase == ENDED:
            turn.emit(ev.Error("game_over", "The story has ended. Type undo to step back, load to restore a save, or quit."))
        else:
            turn.emit(ev.Error("not_now", "There is no time for that. Choose what to do: type an option's number or word."))
            turn.emit(turn.choice())
        return False
    if s.phase == DIALOGUE and not verb.keeps_conversation:
        turn.end_conversation()  # acting (not saving, looking or asking for help) ends the conversation
    try:
        verb.handler(turn, command)
    except Refused as refusal:
        turn.emit(ev.Error(refusal.code, refusal.message))
        if command.verb != "oops":
            s.last_failed = command.raw
        return False
    except Ambiguous as amb:
        _ask_which(turn, command, amb.things)
        return False
    except Retry as retry:
        if retried:  # 'again' that would repeat 'again' (only a damaged save holds one)
            turn.emit(ev.Error("nothing_to_repeat", "There is nothing to repeat yet."))
            return False
        return _run(turn, retry.text, retried=True)
    if command.verb not in NO_MEMORY:
        s.last_command = command.raw
    if verb.takes_time and s.phase != ENDED:
        turn.tick()
    return True


def _commas(turn: Turn, text: str) -> str:
    """`zuru, wait` is an order to someone here (answered now: returns ""); any other comma
    separates the things of a list (`take spear, token and pail`)."""
    head, _, rest = text.partition(",")
    try:
        person = turn.resolve(head.strip(), turn.people()) if head.strip() and rest.strip() else None
    except Ambiguous:
        person = None
    if person is not None:
        answer_order(turn, person)
        return ""
    return text.replace(",", " and ")


def _ask_which(turn: Turn, command: Command, things: list[Thing]) -> None:
    labels = [the(t) for t in things]
    turn.emit(ev.Error("ambiguous", f"Which do you mean, {list_names(labels, 'or')}?"))
    # the unresolved phrase becomes a hole the answer fills
    phrase = _ambiguous_phrase(command, things)
    words = phrase.split()
    tokens = command.raw.split()
    for i in range(len(tokens) - len(words) + 1):
        if tokens[i:i + len(words)] == words:
            tokens[i:i + len(words)] = ["\x00"]
            break
    turn.state.pending = {"command": " ".join(tokens), "candidates": [f"{t.kind}:{t.id}" for t in things]}


def _ambiguous_phrase(command: Command, things: list[Thing]) -> str:
    """Which of the command's phrases named the candidates ("elders" in ask elders about the hunt)."""
    for phrase in (command.obj, command.obj2):
        if phrase:
            try:
                match(phrase, things)
            except Ambiguous:
                return phrase
    return command.obj or command.obj2


YES = frozenset({"yes", "y", "yeah", "sure", "ok", "okay", "confirm"})
NO = frozenset({"no", "n", "nope", "cancel"})


def answer_question(text: str) -> bool | None:
    """A yes/no question answered: True for yes, False for no, None for anything else
    (which drops the question and is read as a new command)."""
    words = words_of(text)
    if len(words) == 1 and words[0] in YES:
        return True
    if len(words) == 1 and words[0] in NO:
        return False
    return None


def answer_pending(turn: Turn, pending: dict[str, object], text: str) -> str | None:
    """'Which do you mean...?' answered (by name, or 1, 2...): the command rebuilt, or None."""
    by_key = {f"{t.kind}:{t.id}": t for t in turn.scope()}
    candidates = pending.get("candidates")
    command = pending.get("command")
    if not isinstance(candidates, list) or not isinstance(command, str):
        return None
    things = [by_key[c] for c in candidates if c in by_key]
    answer = " ".join(words_of(text))
    numbered = {str(i): t for i, t in enumerate(things, 1)}
    exact = [t for t in things if answer == t.label.lower()]
    try:
        chosen = numbered.get(answer) or (exact[0] if len(exact) == 1 else match(text, things))
    except Ambiguous:
        return None
    if chosen is None:
        return None
    return command.replace("\x00", f"#{chosen.kind}:{chosen.id}")


def _conversation_input(turn: Turn, text: str) -> bool | None:
    """Answer a topic in a conversation; None if the input is not about the conversation."""
    s = turn.state
    who = s.dialogue
    words = words_of(text)
    if who is None or not words:
        return None
    if words[0] in ("about", "ask", "tell"):
        words = [w for w in words[1:] if w != "about"]
        if words and words[0] in turn.index.characters[who].words:
            words = words[1:]
        elif words and any(words[0] in turn.index.characters[c].words for c in turn.people_here() if c != who):
            return None  # asking someone else: an ordinary command
    elif (words[0] in REGISTRY.heads or words[0] in DIRECTION_WORDS) and (
            len(words) > 1 or topic_about(turn, who, words) is None):
        return None  # a command, even if a topic's word is in it ("x finger"); a lone topic word is the topic
    topics = turn.topics(who)
    if len(words) == 1 and words[0].isdigit():
        index = int(words[0]) - 1
        if 0 <= index < len(topics):
            turn.answer(topics[index])
            turn.tick()
            return True
        if index == len(topics):  # the menu's last line: say goodbye
            REGISTRY.verbs["bye"].handler(turn, Command("bye", raw=" ".join(tokens_of(text))))
            return True
        return None
    topic = topic_about(turn, who, words)
    if topic is None:
        return None
    turn.answer(topic)
    turn.tick()
    return True

