"""A text field that swallowed the fields after it (indented one step too far) is a warning."""

from __future__ import annotations

from pathlib import Path

from game.world.assemble import check_world
from game.world.textcheck import key_shaped

MINI = Path(__file__).parent / "worlds" / "mini" / "world.yaml"


def test_lines_shaped_like_the_formats_keys_are_found() -> None:
    swallowed = "A knock, far off.\n  features:\n    drop:\n      names: [drop]\n      text: >\n"
    assert key_shaped(swallowed) == ["features", "names", "text"]
    # prose with a colon is prose, and a one-line text is never a swallowed block
    assert key_shaped("The sign reads:\nkeep out: by order of the elders.\n") == []
    assert key_shaped("text: a single line") == []


def test_validate_warns_at_the_text_that_swallowed_the_fields(tmp_path: Path) -> None:
    world = MINI.read_text(encoding="utf-8")
    room = "    brief: The yard.\n"
    assert room in world
    # `sounds: >` followed by `features:` indented under it: the features become prose
    swallowed = "    sounds: >\n      A dry wind.\n        features:\n          pump: {names: [pump], text: A pump.}\n"
    world = world.replace(room, room + swallowed, 1)
    (tmp_path / "world.yaml").write_text(world, encoding="utf-8")
    _, problems = check_world([], tmp_path)
    warned = [p for p in problems if "look like fields" in p.message]
    assert len(warned) == 1, [str(p) for p in problems]
    assert warned[0].severity == "warning"
    assert "'sounds'" in warned[0].message and "'features:'" in warned[0].message
    assert warned[0].pos.line == world.splitlines().index("    sounds: >") + 1




def test_the_bundled_world_has_no_swallowed_fields() -> None:
    _, problems = check_world()
    assert not [str(p) for p in problems if "look like fields" in p.message]
