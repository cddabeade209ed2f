"""pytest plugin (entry point `pytest11`): every `.play` file pytest meets is a test.

A failure points at the failing line of the .play file, says what was expected, and shows
the transcript so far.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from game.playthrough import Failure, PlayFileError, parse_script, run_script

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr  # what pytest's own repr_failure returns


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".play":
        return PlayFile.from_parent(parent, path=file_path)
    return None


class PlayFile(pytest.File):
    """A .play file: one test, the whole playthrough."""

    def collect(self) -> Any:
        yield PlayItem.from_parent(self, name=self.path.stem)


class PlaythroughFailed(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.problem)
        self.failure = failure


class PlayItem(pytest.Item):
    def runtest(self) -> None:
        script = parse_script(self.path)
        failure, _ = run_script(script)
        if failure is not None:
            raise PlaythroughFailed(failure)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str | TerminalRepr:
        if isinstance(excinfo.value, PlaythroughFailed):
            return excinfo.value.failure.report()
        if isinstance(excinfo.value, PlayFileError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"playthrough {self.path.name}"
