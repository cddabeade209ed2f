"""Scripted playthroughs: `.play` files that read like a transcript (after RegTest).

    # a comment
    title: the village starves
    seed: 7                      header lines, before the first command
    mod: ../mods/side_quest      (repeatable; relative to the .play file, or a mod's id in CITY_HOME/mods)
    world: ../worlds/mini        (optional: another world instead of the bundled one)
    start: well_court            (optional: begin in this room)

    > take pail                  a command
    Taken.                       the output contains this text (whitespace-insensitive)
    /sludge.*pail/i              the output matches this regex (flags i, m, s)
    !You can't                   the output does not contain this
    @room well_court             state checks: room floor phase ending has lacks flag
    @alert >= 3                  noflag with; alert health day food compare (= <= >=)
    > take moon
    @error                       this command is refused (any refusal)
    @error not_here              ... refused with this code (the `code` of its error event)

Expectations under a command check that command's output; before the first command,
the opening. A command the game refuses (an `error` event: not understood, or not
possible now) fails its step unless the step says `@error`; so does a refusal with another
code than `@error CODE` names, and a step with `@error` that was not refused. The opening
is never a refusal. Header lines other than the five above are errors, as are header lines
after the first command (write `/key: text/` to expect such text in the output). The first
failure stops the file and is reported with its line.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from game.textview import render

HEADERS = ("title", "seed", "mod", "start", "world")
MAX_PLAY = 1_000_000  # bytes of a .play file
STATE_CHECKS = ("room", "floor", "phase", "ending", "has", "lacks", "flag", "noflag", "with",
                "alert", "health", "day", "food")
NUMERIC = ("alert", "health", "day", "food")


class PlayFileError(Exception):
    """The .play file itself is malformed (not a game failure)."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Expectation:
    line: int
    kind: str  # contains, regex, absent, absent_regex, state, error
    text: str
    pattern: re.Pattern[str] | None = None
    check: str = ""
    op: str = "="
    value: str = ""


@dataclass
class Step:
    line: int
    command: str | None  # None: the opening
    expectations: list[Expectation] = field(default_factory=list)


@dataclass
class Script:
    path: Path
    title: str = ""
    seed: int = 0
    mods: list[Path] = field(default_factory=list)
    start: str | None = None
    world: Path | None = None
    steps: list[Step] = field(default_factory=list)


@dataclass
class Failure:
    path: Path
    line: int
    expectation: str
    problem: str
    transcript: str

    def report(self) -> str:
        return (f"{self.path}:{self.line}: {self.problem}\n    expected: {self.expectation}\n"
                f"--- transcript so far ---\n{self.transcript}")


def _squash(text: str) -> str:
    return " ".join(text.split())


def read_play_file(path: Path) -> str:
    """A .play file's text: a plain file (not a link, a FIFO or a device) of at most MAX_PLAY
    bytes, in UTF-8; PlayFileError saying why not."""
    from game.safefile import UnsafeFile, read_bytes

    try:
        data = read_bytes(path, MAX_PLAY)
    except UnsafeFile as err:
        raise PlayFileError(path, 1, f"cannot read the file: {err.reason}.") from None
    except OSError as err:
        raise PlayFileError(path, 1, f"cannot read the file: {err.strerror or err}.") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise PlayFileError(path, line, "this line is not UTF-8 text; save the file as UTF-8.") from None


def _header_like(line: str) -> str | None:
    """The header a line looks like, written another way (`Seed: 7`, `seed = 7`, `seed 7`,
    `sed: 7`), or None. Such a line is an error, never an expectation by accident."""
    import difflib

    found = re.match(r"([A-Za-z][A-Za-z0-9_-]*)\s*([:=]|\s+\S)", line)
    if found is None:
        return None
    word = found.group(1).lower()
    if word in HEADERS:
        return word
    close = difflib.get_close_matches(word, HEADERS, n=1, cutoff=0.75) if found.group(2) in (":", "=") else []
    return close[0] if close else None


def parse_script(path: Path, text: str | None = None) -> Script:
    """Read a .play file; PlayFileError for lines that mean nothing."""
    if text is None:
        text = read_play_file(path)
    text = text.removeprefix("\ufeff")  # a byte-order mark (Notepad writes one) is not part of the first line
    script = Script(path)
    step = Step(0, None)
    script.steps.append(step)
    in_header = True
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(">"):
            in_header = False
            step = Step(number, line[1:].strip())
            script.steps.append(step)
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if sep and in_header and re.fullmatch(r"[a-z][a-z0-9_-]*", key):
            if key not in HEADERS:
                raise PlayFileError(path, number, f"unknown header '{key}:'; use one of: {', '.join(h + ':' for h in HEADERS)} "
                                    f"(to expect this text in the opening, write /{re.escape(line)}/).")
            if key == "seed":
                if not re.fullmatch(r"-?\d{1,19}", value) or abs(int(value)) >= 2**63:
                    raise PlayFileError(path, number, f"seed must be a whole number of at most 19 digits, not '{value[:40]}'.")
                script.seed = int(value)
            elif key == "mod":  # a folder (relative to this file), or the id of a mod in the mods folder
                from game.modsfolder import find

                script.mods.append((find(value, base=path.parent) or path.parent / value).resolve())
            elif key == "start":
                script.start = value
            elif key == "world":
                script.world = (path.parent / value).resolve()
            else:
                script.title = value
            continue
        if sep and key in HEADERS:
            raise PlayFileError(path, number, f"header '{key}:' after the first command; headers go at the top "
                                f"(to expect this text in the output, write /{re.escape(line)}/).")
        like = _header_like(line) if in_header else None
        if like is not None:
            raise PlayFileError(path, number, f"'{line[:60]}' looks like the header '{like}:' written another way; "
                                f"write it as '{like}: VALUE' in lower case (to expect this text in the opening, "
                                f"write /{re.escape(line)}/).")
        expectation = _expectation(path, number, line)
        if expectation.kind == "error" and step.command is None:
            raise PlayFileError(path, number, "@error before the first command: the opening is never a refusal.")
        step.expectations.append(expectation)
    return script


def _expectation(path: Path, number: int, line: str) -> Expectation:
    if line.startswith("@"):
        parts = line[1:].split()
        if parts and parts[0] == "error":
            if len(parts) > 2 or (len(parts) == 2 and not re.fullmatch(r"[a-z_]+", parts[1])):
                raise PlayFileError(path, number, f"'{line}': write @error, or @error CODE with one snake_case code.")
            return Expectation(number, "error", line, value=parts[1] if len(parts) == 2 else "")
        if not parts or parts[0] not in STATE_CHECKS:
            known = ", ".join("@" + c for c in (*STATE_CHECKS, "error"))
            raise PlayFileError(path, number, f"unknown state check '{line}'; use one of: {known}.")
        check, rest = parts[0], parts[1:]
        op = "="
        if check in NUMERIC and rest and rest[0] in ("=", "<=", ">=", "<", ">"):
            op, rest = rest[0], rest[1:]
        if len(rest) != 1 or (check in NUMERIC and not re.fullmatch(r"-?\d+", rest[0])):
            raise PlayFileError(path, number, f"'{line}' needs one {'number' if check in NUMERIC else 'value'} after @{check}.")
        return Expectation(number, "state", line, check=check, op=op, value=rest[0])
    negate = line.startswith("!")
    body = line[1:].strip() if negate else line
    match = re.fullmatch(r"/(.*)/([ims]*)", body)
    if match:
        flags = 0
        for letter in match.group(2):
            flags |= {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}[letter]
        try:
            pattern = re.compile(match.group(1), flags)
        except re.error as err:
            raise PlayFileError(path, number, f"bad regular expression: {err}.") from None
        return Expectation(number, "absent_regex" if negate else "regex", line, pattern)
    return Expectation(number, "absent" if negate else "contains", line, value=_squash(body))


def _state_value(session: Any, check: str) -> Any:
    g = session.game
    s = g.state
    return {
        "room": s.room, "floor": g.world.rooms[s.room].floor, "phase": s.phase, "ending": s.ending,
        "alert": s.alert, "health": s.health, "day": g.day, "food": s.food,
    }.get(check)


def _check_state(session: Any, e: Expectation) -> str | None:
    from game.engine.rules import holds

    g = session.game
    if e.check == "has":
        held = ", ".join(g.items_at("@inventory")) or "nothing"
        carried = g.turn.place_of(e.value) == "@inventory"  # in hand, or in something in hand, as `has` means
        return None if carried else f"you are not carrying '{e.value}' (inventory: {held})"
    if e.check == "lacks":
        return None if g.turn.place_of(e.value) != "@inventory" else f"you are carrying '{e.value}'"
    if e.check == "flag":
        return None if holds(g, {"flag": e.value}) else f"flag '{e.value}' is not set"
    if e.check == "noflag":
        return None if not holds(g, {"flag": e.value}) else f"flag '{e.value}' is set ({g.state.flags.get(e.value)!r})"
    if e.check == "with":
        present = e.value in g.state.companions or g.state.characters.get(e.value) == g.state.room
        return None if present else f"'{e.value}' is not with you"
    actual = _state_value(session, e.check)
    if e.check in NUMERIC:
        want = int(e.value)
        ok = {"=": actual == want, "<=": actual <= want, ">=": actual >= want, "<": actual < want, ">": actual > want}[e.op]
        return None if ok else f"{e.check} is {actual}"
    return None if str(actual) == e.value else f"{e.check} is {actual!r}"


def _check(session: Any, output: str, e: Expectation) -> str | None:
    flat = _squash(output)
    if e.kind == "contains":
        return None if e.value in flat else "the output does not contain this text"
    if e.kind == "absent":
        return None if e.value not in flat else "the output contains this text, which it should not"
    if e.kind == "regex":
        found = e.pattern and (e.pattern.search(output) or e.pattern.search(flat))
        return None if found else "the output does not match this pattern"
    if e.kind == "error":
        return None  # checked against the events, in _check_refusals
    if e.kind == "absent_regex":
        found = e.pattern and (e.pattern.search(output) or e.pattern.search(flat))
        return None if not found else "the output matches this pattern, which it should not"
    return _check_state(session, e)


_WORLDS: dict[tuple[tuple[Path, ...], Path | None], Any] = {}


def load_script_world(script: Script) -> Any:
    """The world a script plays in; loaded once per (mods, world) and reused (the engine never
    changes a loaded World, and loading is the slow part of a playthrough)."""
    from game.world.load import load_world

    key = (tuple(script.mods), script.world)
    if key not in _WORLDS:
        from game.modsfolder import resolve  # what the header's mods require comes from the mods folder

        _WORLDS[key] = load_world(resolve([str(m) for m in script.mods], use_folder=False), world_dir=script.world)
    return _WORLDS[key]


def play(script: Script, world: Any, home: Path) -> Iterator[tuple[Step, list[Any], str, Any]]:
    """Each step of the script played in order: (step, its events, its rendered output, the session).

    The output is exactly what the plain front end prints (game.textview.render)."""
    from game.session import Session

    session = Session(world, seed=script.seed, start=script.start, home=home)
    for step in script.steps:
        events = session.opening() if step.command is None else session.send(step.command)
        yield step, events, render(events), session


def _section(step: Step, output: str) -> str:
    return output if step.command is None else f"> {step.command}\n{output}"


def _check_refusals(script: Script, step: Step, events: list[Any]) -> Failure | None:
    """A refusal nobody expected fails the step, as does an expected refusal that did not come."""
    from game.engine.events import Error

    refusals = [e for e in events if isinstance(e, Error)]
    said = "; ".join(f"{r.code}: {r.message}" for r in refusals)
    expected = [e for e in step.expectations if e.kind == "error"]
    if step.command is None:
        if refusals:
            return Failure(script.path, max(step.line, 1), "the opening", f"the opening was refused ({said})", "")
        return None
    if not expected:
        if refusals:
            return Failure(script.path, step.line, f"> {step.command}",
                           f"the command was refused ({said}); if that is what this step tests, "
                           f"add @error {refusals[0].code}", "")
        return None
    for e in expected:
        if not refusals:
            return Failure(script.path, e.line, e.text, "the command was not refused", "")
        if e.value and all(r.code != e.value for r in refusals):
            return Failure(script.path, e.line, e.text, f"the command was refused with another code ({said})", "")
    return None


def run_script(script: Script, home: Path | None = None) -> tuple[Failure | None, str]:
    """Play a script; the first failure (or None) and the whole transcript."""
    from game.world.problems import WorldInvalid

    try:
        world = load_script_world(script)
    except WorldInvalid as err:
        problems = "\n".join(map(str, err.problems))
        return Failure(script.path, 1, "the world loads", f"the world or a mod did not load:\n{problems}", ""), ""
    if script.start is not None and script.start not in world.rooms:
        return Failure(script.path, 1, f"start: {script.start}", f"there is no room '{script.start}'", ""), ""
    with tempfile.TemporaryDirectory(prefix="city-play-") as tmp:
        transcript: list[str] = []
        for step, events, output, session in play(script, world, home or Path(tmp)):
            transcript.append(_section(step, output))
            failure = _check_refusals(script, step, events)
            for e in step.expectations:
                if failure is not None:
                    break
                problem = _check(session, output, e)
                if problem is not None:
                    failure = Failure(script.path, e.line, e.text, problem, "")
            if failure is not None:
                failure.transcript = "\n\n".join(transcript)
                return failure, failure.transcript
    return None, "\n\n".join(transcript)


# --- transcripts: the whole output of every playthrough, kept as test data -------------

def transcript(script: Script) -> str:
    """The full transcript of a script, whatever its expectations say: the opening's text,
    then `> command` and its output for each step, as the plain front end renders them."""
    with tempfile.TemporaryDirectory(prefix="city-play-") as tmp:
        text = "\n\n".join(_section(step, output) for step, _, output, _ in play(script, load_script_world(script), Path(tmp)))
        return text.replace(tmp, "$CITY_HOME") + "\n"


def play_files(roots: list[Path]) -> list[Path]:
    """Every .play file under the given files and folders, sorted."""
    return sorted({p for root in roots for p in (root.rglob("*.play") if root.is_dir() else [root])})


def transcript_name(path: Path, base: Path) -> str:
    """tests/playthroughs/mods/x.play -> mods__x.txt; elsewhere, relative to base (the repo)."""
    rel = path.resolve().relative_to(base.resolve())
    parts = rel.parts[2:] if rel.parts[:2] == ("tests", "playthroughs") else rel.parts
    return "__".join(parts).removesuffix(".play") + ".txt"


def write_transcripts(out_dir: Path, roots: list[Path], base: Path) -> list[Path]:
    """(Re)write out_dir/<name>.txt for every .play file under roots; returns what it wrote."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in play_files(roots):
        target = out_dir / transcript_name(path, base)
        target.write_text(transcript(parse_script(path)), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """`python -m game.playthrough --transcripts OUT_DIR [PLAY_FILE_OR_DIR ...]` (run from the
    repository; the default sources are tests/playthroughs and data/mods)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m game.playthrough")
    parser.add_argument("--transcripts", metavar="OUT_DIR", type=Path, required=True,
                        help="write one transcript per .play file into this folder")
    parser.add_argument("sources", nargs="*", type=Path, help="files or folders (default: tests/playthroughs data/mods)")
    args = parser.parse_args(argv)
    base = Path.cwd()
    roots = args.sources or [p for p in (base / "tests" / "playthroughs", base / "data" / "mods") if p.exists()]
    for target in write_transcripts(args.transcripts, roots, base):
        print(target)
    return 0


def run_files(paths: list[Path], out: IO[str]) -> int:
    """`city run`: each file PASS or FAIL, then a summary; 0 if all passed, 1 otherwise."""
    failed = 0
    files = [p for path in paths for p in (sorted(path.rglob("*.play")) if path.is_dir() else [path])]
    for path in files:
        try:
            script = parse_script(path)
        except (OSError, UnicodeDecodeError) as err:
            out.write(f"ERROR {path}: cannot read the file ({err})\n")
            failed += 1
            continue
        except PlayFileError as err:
            out.write(f"ERROR {err}\n")
            failed += 1
            continue
        try:
            failure, _ = run_script(script)
        except Exception as err:  # one broken file never stops the batch
            out.write(f"ERROR {path}: the playthrough stopped: {type(err).__name__}: {err}\n")
            failed += 1
            continue
        if failure is None:
            out.write(f"PASS {path} ({len(script.steps) - 1} commands)\n")
        else:
            failed += 1
            out.write(f"FAIL {failure.report()}\n")
    out.write(f"\n{len(files) - failed} passed, {failed} failed.\n")
    return 0 if failed == 0 and files else 1


class Recorder:
    """Writes a live session as a .play file that passes when run (`--record FILE.play`).

    Under each command it records the first line of the answer, `@error CODE` if the game
    refused it, and the state that matters (room, what was gained or lost, phase, ending),
    so the file is a real test.
    """

    def __init__(self, path: Path, seed: int, mods: list[Path], start: str | None) -> None:
        self.path = path
        self.lines = [f"# recorded by city play --record on THE CITY {_version()}", f"seed: {seed}"]
        from game.modsfolder import installed_id

        for mod in mods:  # a mod of the mods folder by its id, so the file replays wherever it is installed
            where = installed_id(mod) or _relative(mod, path.parent)
            if not where.isprintable():
                raise ValueError(f"the mod folder {where!r} has characters a .play file cannot hold")
            self.lines.append(f"mod: {where}")
        if start:
            self.lines.append(f"start: {start}")
        self.opening_room: str | None = None

    def opening(self, session: Any, output: str) -> None:
        self.lines.append("")
        first = _first_line(output)
        if first:
            self.lines.append(_literal(first))
        self.lines.append(f"@room {session.game.state.room}")
        self._inventory = set(session.game.items_at("@inventory"))

    def add(self, command: str, output: str, session: Any, events: list[Any]) -> None:
        from game.engine.events import Error

        g = session.game
        command = printable(command).strip()  # what the game read: control characters are spaces to it
        if not command:
            return
        self.lines.append(f"> {command}")
        refusals = [e.code for e in events if isinstance(e, Error)]
        if refusals:
            self.lines.append(f"@error {refusals[0]}")  # a refused command fails its step otherwise
        first = _first_line(output)
        if first:
            self.lines.append(_literal(first))
        now = set(g.items_at("@inventory"))
        self.lines += [f"@has {i}" for i in sorted(now - self._inventory)]
        self.lines += [f"@lacks {i}" for i in sorted(self._inventory - now)]
        self._inventory = now
        self.lines.append(f"@room {g.state.room}")
        self.lines.append(f"@phase {g.state.phase}")
        if g.state.ending:
            self.lines.append(f"@ending {g.state.ending}")

    def write(self) -> None:
        """Write the file atomically (a half-written test would mislead)."""
        from game.safewrite import write_bytes_atomic

        data = ("\n".join(self.lines) + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(self.path, data, durable=False)


def _version() -> str:
    import game

    return game.__version__


def _relative(path: Path, base: Path) -> str:
    import os

    return os.path.relpath(Path(path).resolve(), base.resolve())


def printable(text: str) -> str:
    """`text` with every character that is not printable (control characters, escapes, line
    and paragraph separators, zero-width marks) made a space: the game reads them as spaces,
    and a .play file must keep each command and expectation on its own line."""
    return text if text.isprintable() else "".join(c if c.isprintable() else " " for c in text)


def _first_line(output: str) -> str:
    """The first line of the output that says something, as an expectation can hold it: its
    longest run of printable text (a contains check ignores how runs are spaced)."""
    for line in output.splitlines():
        if line.strip():
            if line.isprintable():
                return line.strip()
            runs, run = [], []
            for c in line:
                if c.isprintable():
                    run.append(c)
                else:
                    runs.append("".join(run).strip())
                    run = []
            runs.append("".join(run).strip())
            best = max(runs, key=len)
            return best if len(best) >= 3 else ""
    return ""


def _literal(line: str) -> str:
    """An output line as a 'contains' expectation (escaped if it looks like syntax)."""
    if line.startswith(("@", "!", ">", "#", "/")) or ":" in line.split(" ")[0]:
        return "/" + re.escape(line) + "/"
    return line



def write_script(session: Any, name: str, mods: list[Path], start: str | None) -> Path:
    """The game so far (from its start, or from the start of a loaded save's game) replayed
    into a .play file under CITY_HOME/scripts, for `script NAME` in play; SaveError if the name
    cannot be a file name."""
    from game import saves
    from game.session import Session

    stem = saves.save_path(name, session.home).stem  # the same safe naming as saves
    path = (session.home or saves.city_home()) / "scripts" / f"{stem}.play"
    recorder = Recorder(path, session.game.state.seed, mods, start)
    replay = Session(session.world, seed=session.game.state.seed, start=start, recorder=recorder)
    replay.opening()
    for command in session.commands_sent[:-1]:  # not the script command itself
        replay.send(command)
    recorder.write()
    return path

if __name__ == "__main__":
    raise SystemExit(main())
