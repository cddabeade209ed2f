"""Every playthrough's whole transcript, kept as test data: behaviour changes show as diffs.

The .play files check only what their authors wrote down; the transcripts in
tests/transcripts/ hold everything the plain front end printed (the opening, then
`> command` and its output for each step). A mismatch shows a unified diff of the first
differing lines, naming the command that produced them.

When a change is intended, regenerate them from the repository's root and review the diff:

    python -m game.playthrough --transcripts tests/transcripts

(or `python tests/test_transcripts.py --update`, which does the same). A transcript is named
after its .play file: tests/playthroughs/mods/x.play -> tests/transcripts/mods__x.txt.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

from game.playthrough import parse_script, play_files, transcript, transcript_name, write_transcripts

ROOT = Path(__file__).resolve().parent.parent
TRANSCRIPTS = ROOT / "tests" / "transcripts"
SOURCES = [p for p in (ROOT / "tests" / "playthroughs", ROOT / "data" / "mods") if p.exists()]
PLAYS = play_files(SOURCES)
REGENERATE = "python -m game.playthrough --transcripts tests/transcripts"
CONTEXT_LINES = 40  # of the diff shown; the rest is summarised


def _command_before(lines: list[str], index: int, play: Path | None) -> str:
    """The `> command` whose output holds line `index` (or the opening), with its .play line."""
    commands = [line for line in lines[: index + 1] if line.startswith("> ")]
    if not commands:
        return "(the opening)"
    if play is not None:
        steps = parse_script(play).steps
        if len(commands) < len(steps):
            return f"{commands[-1]}  ({play.relative_to(ROOT)}:{steps[len(commands)].line})"
    return commands[-1]


def explain(name: str, expected: str, actual: str, play: Path | None = None) -> str:
    """A readable account of how two transcripts differ."""
    old, new = expected.splitlines(), actual.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    first = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    where = _command_before(old, min(first[1], len(old) - 1), play) if old else "(the opening)"
    diff = list(difflib.unified_diff(old, new, f"tests/transcripts/{name} (stored)", f"{name} (now)", n=3, lineterm=""))
    shown = diff[:CONTEXT_LINES]
    more = f"\n... {len(diff) - CONTEXT_LINES} more diff lines" if len(diff) > CONTEXT_LINES else ""
    return (f"the transcript changed, first at stored line {first[1] + 1}, in the output of: {where}\n"
            + "\n".join(shown) + more
            + f"\nIf the change is intended, regenerate with `{REGENERATE}` and review the diff.")


def test_there_are_transcripts_for_every_playthrough_and_no_others() -> None:
    expected = {transcript_name(p, ROOT) for p in PLAYS}
    stored = {p.name for p in TRANSCRIPTS.glob("*.txt")}
    assert expected == stored, (f"missing: {sorted(expected - stored)}; stale: {sorted(stored - expected)}; "
                                f"regenerate with `{REGENERATE}`")


@pytest.mark.parametrize("play", PLAYS, ids=[str(p.relative_to(ROOT)) for p in PLAYS])
def test_transcript_unchanged(play: Path) -> None:
    name = transcript_name(play, ROOT)
    stored = TRANSCRIPTS / name
    if not stored.exists():
        pytest.fail(f"no transcript for {play.relative_to(ROOT)}; regenerate with `{REGENERATE}`")
    expected = stored.read_text(encoding="utf-8")
    actual = transcript(parse_script(play))
    if actual != expected:
        pytest.fail(explain(name, expected, actual, play), pytrace=False)


def test_explain_names_the_command_and_shows_the_diff() -> None:
    old = "Opening\n\n> look\nA room.\n\n> take lamp\nTaken.\n"
    new = "Opening\n\n> look\nA room.\n\n> take lamp\nYou can't.\n"
    text = explain("x.txt", old, new)
    assert "in the output of: > take lamp" in text and "-Taken." in text and "+You can't." in text


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: python {sys.argv[0]} --update   (same as `{REGENERATE}`)")
    for path in write_transcripts(TRANSCRIPTS, SOURCES, ROOT):
        print(path.relative_to(ROOT))
