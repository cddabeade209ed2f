"""The one family of refusals: a verb or the parser raises, the turn loop answers.

Nothing changes when a refusal is raised: it becomes an `Error` event with its code
(for the JSON protocol) and its sentence (for the player).
"""

from __future__ import annotations


class Refusal(Exception):
    """Base of every refusal: a code for bots and a sentence for the player."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Refused(Refusal):
    """The command was understood but cannot be done."""


class ParseError(Refusal):
    """The command was not understood."""


class Confirm(Exception):
    """Ask `question` first; the command runs only if the player answers yes."""

    def __init__(self, question: str) -> None:
        super().__init__(question)
        self.question = question


class Retry(Exception):
    """Run `text` in place of this command (again, oops): the loop does it, not the verb."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text
