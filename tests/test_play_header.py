"""A .play file's header as editors write it: a byte-order mark is not part of the first line."""

from __future__ import annotations

from pathlib import Path

from game.playthrough import parse_script, run_script

MINI = Path(__file__).parent / "worlds" / "mini"


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.play"
    # Notepad and some Windows editors save UTF-8 with a BOM before the first header line
    path.write_bytes("\ufeffseed: 7\n".encode() + f"world: {MINI}\n> take lamp\nTaken.\n@has lamp\n".encode())
    script = parse_script(path)
    assert script.seed == 7 and script.world == MINI.resolve()
    failure, _ = run_script(script)
    assert failure is None


def test_a_byte_order_mark_before_a_comment_keeps_it_a_comment(tmp_path: Path) -> None:
    path = tmp_path / "bom.play"
    path.write_bytes(f"\ufeff# a comment, not an expectation\nworld: {MINI}\n> look\nThe Yard\n".encode())
    script = parse_script(path)
    assert script.steps[0].expectations == []
    assert run_script(script)[0] is None
