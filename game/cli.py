"""`city`: play, run playthroughs, validate worlds. Exit 0 ok, 1 a domain error, 2 bad usage."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from functools import partial
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from pathlib import Path

    from game.engine.events import Event
    from game.session import Session
    from game.world.model import World

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """Help text at the terminal's width, found without importing shutil (start-up time)."""

    def __init__(self, prog: str) -> None:
        try:
            columns = os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            columns = 80
        super().__init__(prog, width=max(40, columns - 2))


class _Parser(argparse.ArgumentParser):
    """argparse, but bad usage is one line on stderr and exit 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _add_play_arguments(play: argparse.ArgumentParser) -> None:
    """The options of `city play` (on the full parser, and alone for a quick start)."""
    mode = play.add_mutually_exclusive_group()
    mode.add_argument("--plain", action="store_true",
                      help="plain text on stdin/stdout (pipes, screen readers); the default when not in a terminal")
    mode.add_argument("--json", action="store_true", help="JSON lines for bots and agents")
    # the Textual app without a terminal: `city serve` runs each browser tab's game so, its
    # stdin and stdout being textual-serve's pipes (not for typing at a shell, hence hidden)
    mode.add_argument("--app", action="store_true", help=argparse.SUPPRESS)
    play.add_argument("--seed", type=int, default=0, help="seed of the game's random numbers (default 0)")
    play.add_argument("--mod", action="append", default=[], metavar="DIR",
                      help="lay a mod over the world: its folder, or the id of a mod in CITY_HOME/mods (repeatable)")
    play.add_argument("--no-mods", action="store_true", help="ignore the mods folder (CITY_HOME/mods): only the --mod mods load")
    play.add_argument("--load", metavar="SAVE", help="start from a saved game")
    play.add_argument("--continue", dest="resume", action="store_true",
                      help="go on with the last game (the newest save); a new game if there is none")
    play.add_argument("--start", metavar="ROOM", help="begin in this room (for testing and modding)")
    play.add_argument("--record", metavar="FILE.play", help="write this session as a playthrough test")
    play.add_argument("--no-autosave", action="store_true",
                      help="write no autosave (only `save NAME` writes): for bots and agents sharing a CITY_HOME")


def _play_parser() -> _Parser:
    """`city play` alone: a start builds only the parser it needs (every sub-command's costs start-up time)."""
    play = _Parser(prog="city play")
    _add_play_arguments(play)
    return play


def _build_parser() -> _Parser:
    parser = _Parser(prog="city", description="THE CITY: a text adventure down through the floors of the self-building City.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    _add_play_arguments(sub.add_parser("play", help="play the game (the default)"))

    run = sub.add_parser("run", help="run playthrough files and report like a test runner")
    run.add_argument("files", nargs="+", metavar="FILE.play")

    validate = sub.add_parser("validate", help="check the world and mods without playing")
    validate.add_argument("--mod", action="append", default=[], metavar="DIR")
    validate.add_argument("--no-mods", action="store_true",
                          help="ignore the mods folder (CITY_HOME/mods): only the --mod mods load")
    validate.add_argument("--format", choices=("text", "json"), default="text",
                          help="json: the problems as JSON for editors and CI")

    show = sub.add_parser("show", help="an entry as the mods leave it, each field marked with the file:line that set it")
    show.add_argument("kind", help="room, item, character, encounter, ending, floor, pursuer, watchtower, trigger, hint or game")
    show.add_argument("id", nargs="?", default="", help="the entry's id (not for game)")
    show.add_argument("--mod", action="append", default=[], metavar="DIR")
    show.add_argument("--no-mods", action="store_true", help="ignore the mods folder (CITY_HOME/mods): only the --mod mods load")

    schema = sub.add_parser("schema", help="the JSON Schema of world files, for editors")
    schema.add_argument("--format", choices=("json", "markdown"), default="json",
                        help="markdown: the field reference of MODDING.md")
    schema.add_argument("--manifest", action="store_true", help="the schema of a mod's mod.yaml instead of a world file's")
    schema.add_argument("--write", metavar="DIR", help="write both schemas into DIR (a mod folder), named as the "
                                                      "yaml-language-server lines of city new-mod's files expect")

    check = sub.add_parser("check", help="search the world's states: a witness per ending, dead ends, points of no return")
    check.add_argument("--mod", action="append", default=[], metavar="DIR", help="lay a mod folder over the world (repeatable)")
    check.add_argument("--no-mods", action="store_true",
                       help="ignore the mods folder (CITY_HOME/mods): only the --mod mods load")
    check.add_argument("--world", metavar="DIR", help="check another world folder instead of the bundled one")
    check.add_argument("--witnesses", metavar="DIR", help="write each ending's witness playthrough as DIR/<ending>.play")
    check.add_argument("--coverage", nargs="+", default=[], metavar="PLAY",
                       help="what these playthroughs (files or folders) never touch")
    check.add_argument("--format", choices=("text", "json"), default="text", help="json: the report as JSON for CI")
    check.add_argument("--budget", type=float, default=60.0, metavar="S", help="seconds the whole check may take (default 60)")
    check.add_argument("--seed", type=int, default=0, help="the seed witnesses play with (default 0)")

    new_mod = sub.add_parser("new-mod", help="write a working mod skeleton in a new folder")
    new_mod.add_argument("folder", metavar="DIR")

    mods = sub.add_parser("mods", help="the mods in CITY_HOME/mods: list them, or enable or disable one")
    mods.add_argument("action", nargs="?", choices=("list", "enable", "disable"), default="list",
                      help="list (the default): each mod's version, requirements and whether it loads")
    mods.add_argument("id", nargs="?", default="", help="the mod's id (for enable and disable)")

    serve = sub.add_parser("serve", help="play in a web browser: the app as a web page, one game per browser tab")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the name or address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for every network)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default 8000)")
    serve.add_argument("--mod", action="append", default=[], metavar="DIR",
                       help="lay a mod over every tab's world: its folder, or the id of a mod in CITY_HOME/mods (repeatable)")
    serve.add_argument("--no-mods", action="store_true", help="ignore the mods folder (CITY_HOME/mods): only the --mod mods load")
    return parser


def main(argv: list[str] | None = None) -> int:
    import gc

    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] == "play":  # the common start: only what playing needs
        gc.disable()  # until the game is set up: nothing to collect, and collecting costs start-up time
        args = _play_parser().parse_args(argv[1:])
        args.command = "play"
    else:
        args = _build_parser().parse_args(argv)
    try:
        if args.command == "run":
            from pathlib import Path

            from game.playthrough import run_files

            return run_files([Path(f) for f in args.files], sys.stdout)
        if args.command == "validate":
            return _validate(_mods(args), args.format)
        if args.command == "show":
            return _show(args.kind, args.id, _mods(args))
        if args.command == "schema":
            return _schema(args)
        if args.command == "check":
            return _check(args)
        if args.command == "new-mod":
            return _new_mod(args.folder)
        if args.command == "mods":
            return _mods_command(args.action, args.id)
        if args.command == "serve":
            return _serve(args)
        return _play(args)
    except KeyboardInterrupt:
        sys.stderr.write("\nInterrupted.\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    finally:
        gc.enable()


def _schema(args: argparse.Namespace) -> int:
    if args.format == "markdown":
        from game.world.reference import reference

        sys.stdout.write(reference())
        return EXIT_OK
    from game.world.schema import build_manifest_schema, build_schema, schema_files

    if args.write is not None:
        from pathlib import Path

        folder = Path(args.write)
        if not folder.is_dir():
            sys.stderr.write(f"city: {folder} is not a folder; --write takes a mod folder.\n")
            return EXIT_ERROR
        for name, text in schema_files().items():
            try:
                (folder / name).write_text(text, encoding="utf-8")
            except OSError as err:
                sys.stderr.write(f"city: could not write {folder / name}: {err.strerror or err}\n")
                return EXIT_ERROR
            sys.stdout.write(f"Wrote {folder / name}.\n")
        return EXIT_OK
    import json

    sys.stdout.write(json.dumps(build_manifest_schema() if args.manifest else build_schema(), indent=2) + "\n")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from game.check.cli import run  # the search loads only for `city check`

    args.mod = _mods(args)
    return run(args)


def _mods(args: argparse.Namespace) -> list[str]:
    """The mod folders to load: --mod's (folders or installed ids), the enabled mods of the
    mods folder unless --no-mods, and what they require from it."""
    from game.modsfolder import resolve

    return resolve(args.mod, use_folder=not getattr(args, "no_mods", False))


def _mods_command(action: str, ident: str) -> int:
    from game.modsfolder import ModsError, listing, set_enabled

    if action == "list":
        if ident:
            sys.stderr.write("city: mods lists every installed mod; to change one, say city mods enable ID or "
                             "city mods disable ID.\n")
            return EXIT_USAGE
        sys.stdout.write(listing())
        return EXIT_OK
    if not ident:
        sys.stderr.write(f"city: mods {action} needs a mod's id (city mods lists them).\n")
        return EXIT_USAGE
    try:
        sys.stdout.write(set_enabled(ident, action == "enable") + "\n")
    except ModsError as err:
        sys.stderr.write(f"city: {err}\n")
        return EXIT_ERROR
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    if _load(_mods(args)) is None:  # a world that does not load fails here, once, not in every browser tab
        return EXIT_ERROR
    from game.serve import serve  # textual-serve and aiohttp load only for `city serve`

    return serve(args.host, args.port, args.mod, no_mods=args.no_mods)  # each tab's `city play` resolves the mods


def _load(mods: list[str]) -> World | None:
    from game.world.load import load_world

    notes: list[str] = []
    try:
        return load_world(mods, notes=notes)
    except Exception as err:
        from game.world.problems import WorldInvalid  # not imported unless something is wrong

        if not isinstance(err, WorldInvalid):
            raise
        for problem in err.problems:
            sys.stderr.write(f"{problem}\n")
        count = len(err.problems)
        sys.stderr.write(f"The world did not load: {count} problem{'s' if count != 1 else ''}. "
                         f"Fix {'them' if count != 1 else 'it'} and try again (city validate lists them).\n")
        return None
    finally:
        for note in notes:
            sys.stderr.write(f"city: note: {note}\n")


def _validate(mods: list[str], form: str = "text") -> int:
    from game.world.load import check_world

    world, problems = check_world(mods)
    errors = sum(1 for p in problems if p.severity == "error")
    if form == "json":
        import json

        found = [{"file": p.pos.file, "line": p.pos.line, "col": p.pos.col, "severity": p.severity, "message": p.message,
                  "code": p.code}
                 for p in problems]
        sys.stdout.write(json.dumps({"ok": errors == 0 and world is not None, "errors": errors,
                                     "warnings": len(problems) - errors, "problems": found}, indent=1) + "\n")
        return EXIT_ERROR if errors or world is None else EXIT_OK
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    if errors or world is None:
        sys.stdout.write(f"{errors} error{'s' if errors != 1 else ''}.\n")
        return EXIT_ERROR
    loaded = f"; mods: {', '.join(m for m, _ in world.mods)}" if world.mods else ""
    sys.stdout.write(f"OK: {len(world.rooms)} rooms on {len(world.floors)} floor{'s' if len(world.floors) != 1 else ''}, "
                     f"{len(world.items)} items, {len(world.characters)} characters, {len(world.encounters)} encounters, "
                     f"{len(world.endings)} endings{loaded}.\n")
    return EXIT_OK


def _show(kind: str, ident: str, mods: list[str]) -> int:
    from game.world.provenance import ShowError, show

    if kind != "game" and not ident:
        sys.stderr.write(f"city: show {kind} needs an id, e.g. city show room hunters_loft (see city show --help)\n")
        return EXIT_USAGE
    try:
        sys.stdout.write(show(kind, ident, mods))
    except ShowError as err:
        sys.stderr.write(f"city: {err}\n")
        return EXIT_ERROR
    return EXIT_OK


def _new_mod(folder: str) -> int:
    from pathlib import Path

    from game.newmod import NewModError, write_new_mod

    world = _load([])
    if world is None:
        return EXIT_ERROR
    try:
        written = write_new_mod(Path(folder), world)
    except (NewModError, OSError) as err:
        sys.stderr.write(f"city: {err}\n")
        return EXIT_ERROR
    sys.stdout.write("Wrote " + ", ".join(str(p) for p in written) + ".\n"
                     f"Try it: city validate --mod {folder}; city play --mod {folder}; city run {folder}/tests/visit.play\n")
    return EXIT_OK


def _play(args: argparse.Namespace) -> int:
    args.mod = _mods(args)  # folders from here on: the recorder and `script` write them as mod: lines
    world = _load(args.mod)
    if world is None:
        return EXIT_ERROR
    if args.start is not None and args.start not in world.rooms:
        sys.stderr.write(f"city: there is no room '{args.start}' to start in.\n")
        return EXIT_USAGE
    from game.session import Session

    recorder = None
    if args.record is not None:
        from game.playthrough import Recorder

        if args.load or args.resume:
            sys.stderr.write("city: --record starts from the beginning; it cannot be combined with --load or --continue.\n")
            return EXIT_USAGE
        from pathlib import Path

        recorder = Recorder(Path(args.record), args.seed, [Path(m) for m in args.mod], args.start)
    session = Session(world, seed=args.seed, start=args.start, recorder=recorder)
    session.autosaves = not args.no_autosave
    session.scripter = partial(_write_script, mods=args.mod, start=args.start)
    opening = session.opening()
    try:
        return _run_front_end(args, session, opening)
    finally:
        if recorder is not None:
            try:
                recorder.write()
                sys.stderr.write(f"Recorded the session to {args.record}.\n")
            except OSError as err:
                sys.stderr.write(f"city: could not write {args.record}: {err.strerror or err}\n")


def _run_front_end(args: argparse.Namespace, session: Session, opening: list[Event]) -> int:
    """Plain, JSON or the Textual app, on a started session."""
    if args.load and args.resume:
        sys.stderr.write("city: --load names a save and --continue takes the newest; use one of them.\n")
        return EXIT_USAGE
    if args.resume:
        resumed = session.continue_last()
        from game.engine.events import Error

        failed = [e for e in resumed or [] if isinstance(e, Error)]
        if resumed is None or failed:
            why = failed[0].message if failed else "there is no saved game to continue"
            sys.stderr.write(f"city: {why}; a new game begins.\n")
        else:
            opening = resumed
    if args.load:
        loaded = session.load_file(args.load)
        from game.engine.events import Error

        failed = [e for e in loaded if isinstance(e, Error)]
        if failed:
            sys.stderr.write(f"city: {failed[0].message}\n")
            return EXIT_ERROR
        opening = loaded
    import gc

    from game import plain

    gc.freeze()  # the world and the code stay for the whole game: later collections need not look at them
    gc.enable()
    stdin, stdout = _streams(args.json)
    if args.json:
        return plain.run_json(session, stdin, stdout, opening)
    if args.app or (not args.plain and stdin.isatty() and stdout.isatty()):
        from game.tui.app import run_app  # Textual is imported only here

        return run_app(session, opening, offer_continue=not (args.load or args.resume or args.record))
    if stdin.isatty():
        with contextlib.suppress(ImportError):  # not on every platform
            import readline  # noqa: F401  (history and line editing at the prompt)
    return plain.run_plain(session, stdin, stdout, opening)


def _streams(json_lines: bool) -> tuple[TextIO, TextIO]:
    """stdin and stdout for play: bytes that are not text never stop the game (they read as
    U+FFFD), nothing the game says fails to print, and JSON lines are UTF-8 whatever the locale."""
    import io

    stdin: TextIO = sys.stdin if sys.stdin is not None else io.StringIO("")
    stdout: TextIO = sys.stdout if sys.stdout is not None else io.StringIO()
    encoding = {"encoding": "utf-8"} if json_lines else {}
    for stream in (stdin, stdout):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="replace", **encoding)  # type: ignore[arg-type]
    return stdin, stdout


def _write_script(session: Session, name: str, mods: list[str], start: str | None) -> Path:
    """`script NAME` in play: the game so far as a playthrough (the runner loads only then)."""
    from pathlib import Path

    from game.playthrough import write_script

    return write_script(session, name, [Path(m).resolve() for m in mods], start)
