"""`city check` on the command line: load the world, run the check, print, and pick the exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run(args: argparse.Namespace) -> int:
    """The check as the command line asked for it; the exit code."""
    if not args.budget > 0:
        return _usage(f"--budget must be a positive number of seconds, not {args.budget:g}")
    for folder in [*args.mod, *([args.world] if args.world else [])]:
        if not Path(folder).is_dir():
            return _usage(f"there is no folder '{folder}'")
    coverage = [Path(p) for p in args.coverage]
    missing = [str(p) for p in coverage if not p.exists()]
    if missing:
        return _usage(f"no such playthrough file or folder: {missing[0]}")
    if args.witnesses and Path(args.witnesses).exists() and not Path(args.witnesses).is_dir():
        return _usage(f"--witnesses needs a folder; '{args.witnesses}' is a file")
    from game.world.load import load_world
    from game.world.problems import WorldInvalid

    try:
        world = load_world(args.mod, world_dir=args.world)
    except WorldInvalid as err:
        for problem in err.problems:
            sys.stderr.write(f"{problem}\n")
        sys.stderr.write("city: the world did not load; city validate lists its problems.\n")
        return EXIT_PROBLEMS
    from game.check import Options, check

    options = Options(budget=args.budget, seed=args.seed, coverage=coverage,
                      witnesses=Path(args.witnesses) if args.witnesses else None,
                      mods=[Path(m) for m in args.mod], world_dir=Path(args.world) if args.world else None)
    try:
        report = check(world, options)
    except OSError as err:
        sys.stderr.write(f"city: could not write the witnesses: {err.strerror or err}\n")
        return EXIT_PROBLEMS
    except Exception as err:  # a bug in the check itself: one line, never a traceback
        sys.stderr.write(f"city check: the check failed ({type(err).__name__}: {err}); please report it\n")
        return EXIT_PROBLEMS
    sys.stdout.write(report.to_json() if args.format == "json" else report.to_text())
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _usage(reason: str) -> int:
    sys.stderr.write(f"city check: {reason} (see city check --help)\n")
    return EXIT_USAGE
