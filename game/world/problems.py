"""Problems found in world files: one line each, `file:line:col: sentence`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Pos:
    """Where a YAML node starts (1-based line and column)."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the world or a mod, with the place it was found."""

    pos: Pos
    message: str
    severity: str = "error"
    code: str = ""
    """A warning's name (`never-reached`, `overrides`...), shown after it in brackets, which a
    mod's manifest can list under `allow:` to acknowledge it; errors may carry one for filtering."""

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        name = f" [{self.code}]" if self.code and self.severity == "warning" else ""
        return f"{self.pos}: {tag}{self.message}{name}"


class WorldInvalid(Exception):
    """The world could not be loaded; `problems` lists every reason, in a stable order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    import difflib  # only when something is wrong

    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
