"""pytest plugin (entry point `pytest11`): the `.play` files of a project's tests are tests.

Collected: `.play` files under the project's `testpaths` (or the folders of the
`city_playthroughs` ini setting, which overrides it), and any `.play` file named on the
command line. A project without either collects none, so installing the game never turns
another project's `.play` files into failing tests.

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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("city_playthroughs", "folders whose .play files are THE CITY playthroughs to collect "
                  "(default: the testpaths setting)", type="paths", default=[])


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".play" and _wanted(parent.config, file_path):
        return PlayFile.from_parent(parent, path=file_path)
    return None


def _roots(config: pytest.Config) -> list[Path]:
    """Where .play files are tests: the `city_playthroughs` setting, else the project's testpaths."""
    chosen = [Path(p) for p in config.getini("city_playthroughs")]
    if chosen:
        return chosen
    roots = []
    for entry in config.getini("testpaths"):
        found = sorted(config.rootpath.glob(entry)) if any(c in entry for c in "*?[") else [config.rootpath / entry]
        roots += found
    return roots


def _wanted(config: pytest.Config, path: Path) -> bool:
    """Only playthroughs this project says are tests: under its testpaths (or the
    `city_playthroughs` setting), or a .play file named on the command line. Any other
    project that has the game installed keeps its .play files to itself."""
    path = path.resolve()
    named = [Path(config.invocation_params.dir, a.split("::")[0]).resolve() for a in config.invocation_params.args
             if a.split("::")[0].endswith(".play")]
    roots = [r.resolve() for r in _roots(config)]
    return path in named or any(path == r or path.is_relative_to(r) for r in roots)


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
