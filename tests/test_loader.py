"""The world loader refuses bad world files with one precise `file:line:col: message` each.

Every test copies the mini world into a temporary folder, breaks it in one way, and checks
the problem's exact position and the key phrase of its message.
"""

from __future__ import annotations

import itertools
import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from game.world.load import check_world, load_world
from game.world.problems import Pos, Problem, WorldInvalid
from game.world.yamlread import MAX_ALIASES, MAX_DEPTH, MAX_NODES, read_yaml

MINI = Path(__file__).parent / "worlds" / "mini" / "world.yaml"
FILE = "world/world.yaml"  # how problems name the copy (paths are shown relative to the cwd)


# --- helpers -------------------------------------------------------------------------

@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the mini world at ./world (the cwd is tmp_path)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "world"
    folder.mkdir()
    shutil.copy(MINI, folder / "world.yaml")
    return folder


def edit(folder: Path, old: str, new: str) -> str:
    """Replace `old` (which must occur exactly once) in world.yaml; the new text."""
    path = folder / "world.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in the mini world"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def at(text: str, needle: str, file: str = FILE) -> Pos:
    """The 1-based position where `needle` (which must occur once) starts in `text`."""
    assert text.count(needle) == 1, f"{needle!r} should occur once"
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return Pos(file, line, index - (text.rfind("\n", 0, index) + 1) + 1)


def problems(folder: Path) -> list[Problem]:
    return check_world([], folder)[1]


def the(found: list[Problem], phrase: str) -> Problem:
    """The one problem whose message contains `phrase`."""
    matching = [p for p in found if phrase in p.message]
    assert len(matching) == 1, f"expected one problem with {phrase!r}, got:\n" + "\n".join(map(str, found))
    return matching[0]


# --- the baseline ----------------------------------------------------------------------

def test_the_unbroken_mini_world_loads_without_problems(world: Path) -> None:
    loaded, found = check_world([], world)
    assert found == []
    assert loaded is not None and loaded.game.start == "yard"


def test_problem_prints_as_file_line_col_message() -> None:
    assert str(Problem(Pos("a.yaml", 3, 7), "bad thing.")) == "a.yaml:3:7: bad thing."


# --- YAML-level refusals -----------------------------------------------------------------

def test_yaml_syntax_error_points_at_the_offending_character(world: Path) -> None:
    text = edit(world, "    name: The Cellar", "    name: The Cellar: cold")
    p = the(problems(world), "YAML syntax error")
    assert p.pos == at(text, ": cold")
    assert "mapping values are not allowed" in p.message


def test_python_tag_is_refused_and_nothing_runs(world: Path, tmp_path: Path) -> None:
    text = edit(world, "  title: Mini", "  title: !!python/object/apply:os.system [touch pwned]")
    p = the(problems(world), "is not allowed")
    assert p.pos == at(text, "!!python")
    assert "!!python/object/apply:os.system" in p.message
    assert "nothing in them runs" in p.message
    assert not (tmp_path / "pwned").exists()


def test_custom_tag_like_include_is_refused(world: Path) -> None:
    text = edit(world, "  title: Mini", "  title: !include other.yaml")
    p = the(problems(world), "the tag !include is not allowed")
    assert p.pos == at(text, "!include")


def test_duplicate_key_is_refused_at_the_second_key_naming_the_first_line(world: Path) -> None:
    text = edit(world, "    name: The Cellar\n", "    name: The Cellar\n    name: The Wine Cellar\n")
    p = the(problems(world), "duplicate key 'name'")
    assert p.pos == at(text, "name: The Wine Cellar")
    assert f"(first at line {at(text, 'name: The Cellar').line})" in p.message


def test_file_that_is_not_utf8_is_refused_at_the_bad_byte(world: Path) -> None:
    text = edit(world, "A cold cellar.", "A cold @ cellar.")
    (world / "world.yaml").write_bytes(text.encode("utf-8").replace(b"@", b"\xff"))
    p = the(problems(world), "not UTF-8")
    assert p.pos == at(text, "@ cellar")
    assert "byte 0xff" in p.message


def test_bad_byte_after_a_byte_order_mark_is_still_found() -> None:
    doc, found = read_yaml(b"\xef\xbb\xbfa: \xff\n", "bom.yaml")
    assert doc is None
    assert found[0].pos == Pos("bom.yaml", 1, 4)
    assert "byte 0xff" in found[0].message


def test_top_level_list_is_refused(world: Path) -> None:
    (world / "extra.yaml").write_text("- yard\n- shed\n")
    p = the(problems(world), "top level of a world file must be a mapping")
    assert p.pos == Pos("world/extra.yaml", 1, 1)


def test_nesting_one_level_too_deep_is_refused_where_it_starts(world: Path) -> None:
    (world / "extra.yaml").write_text("deep: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    p = the(problems(world), f"nest more than {MAX_DEPTH} levels deep")
    # the mapping is level 1, so the MAX_DEPTH-th bracket is one level too many
    assert p.pos == Pos("world/extra.yaml", 1, len("deep: ") + MAX_DEPTH)


def test_nesting_far_too_deep_is_refused_quickly_whichever_layer_stops_it(world: Path) -> None:
    # Our composer or the YAML parser itself (libyaml >= 0.2.5 has its own limit) may
    # refuse first; either way the modder gets the same sentence, a place, and no traceback.
    (world / "extra.yaml").write_text("deep: " + "[" * 100_000 + "]" * 100_000 + "\n")
    started = time.perf_counter()
    found = problems(world)  # no RecursionError
    assert time.perf_counter() - started < 1
    p = the(found, f"nest more than {MAX_DEPTH} levels deep")
    assert p.pos.file == "world/extra.yaml" and p.pos.line == 1 and p.pos.col > MAX_DEPTH


def test_nesting_exactly_max_depth_is_allowed() -> None:
    doc, found = read_yaml(("deep: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n").encode(), "ok.yaml")
    assert found == [] and doc is not None


def test_nesting_built_from_aliases_is_held_to_max_depth_too() -> None:
    brackets = MAX_DEPTH - 2
    lines = ["a0: &a0 " + "[" * brackets + "]" * brackets]
    lines += [f"a{i}: &a{i} " + "[" * brackets + f"*a{i - 1}" + "]" * brackets for i in range(1, 30)]
    assert len(lines) < MAX_ALIASES  # well inside the alias and node limits
    doc, found = read_yaml(("\n".join(lines) + "\n").encode(), "deep.yaml")
    assert doc is None and len(found) == 1


def test_alias_bomb_is_refused_quickly_without_blowing_up_memory(world: Path) -> None:
    levels = "abcdefghi"
    bomb = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"{x}: &{x} [" + ", ".join([f"*{prev}"] * 9) + "]" for prev, x in itertools.pairwise(levels)]
    (world / "extra.yaml").write_text("\n".join(bomb) + "\n")  # 9**9 lols if expanded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = problems(world)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 100_000_000
    p = the(found, f"aliases expand the file to more than {MAX_NODES:,} values")
    # refused at the second *e on line f, where the count of values first passes MAX_NODES
    assert p.pos == Pos("world/extra.yaml", 6, len("f: &f [*e, ") + 1)


def test_more_than_max_aliases_is_refused_at_the_first_alias_too_many() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n"
    doc, found = read_yaml(text.encode(), "many.yaml")
    assert doc is None
    assert found[0].pos == Pos("many.yaml", 2, len("b: [") + 1 + len("*a, ") * MAX_ALIASES)
    assert f"more than {MAX_ALIASES} aliases" in found[0].message


# --- schema refusals ------------------------------------------------------------------------

def test_unknown_key_is_refused_with_did_you_mean(world: Path) -> None:
    text = edit(world, "    description: A cold cellar.", "    descripton: A cold cellar.")
    p = the(problems(world), "unknown key 'descripton'")
    assert p.pos == at(text, "descripton")
    assert "room 'cellar'" in p.message and "(did you mean 'description'?)" in p.message


def test_unknown_key_inside_an_exit_is_refused_with_did_you_mean(world: Path) -> None:
    text = edit(world, "down: {to: cellar,", "down: {too: cellar,")
    p = the(problems(world), "unknown key 'too'")
    assert p.pos == at(text, "too: cellar")
    assert "(did you mean 'to'?)" in p.message


def test_text_where_a_number_belongs_is_refused(world: Path) -> None:
    text = edit(world, "  health: 2", "  health: lots")
    p = the(problems(world), "health should be a whole number, not 'lots'")
    assert p.pos == at(text, "lots")


def test_a_single_id_where_a_list_belongs_is_refused_with_the_fix(world: Path) -> None:
    text = edit(world, "    items: [hatch, crate]", "    items: hatch")
    p = the(problems(world), "items should be a list, not 'hatch'")
    assert p.pos == at(text, "hatch\n    characters")
    assert "room 'shed'" in p.message and "(write [hatch])" in p.message


# --- cross-reference refusals --------------------------------------------------------------

def test_exit_to_an_undefined_room_is_refused_with_did_you_mean(world: Path) -> None:
    text = edit(world, "exits: {up: shed}", "exits: {up: shedd}")
    p = the(problems(world), "room 'shedd' does not exist")
    assert p.pos == at(text, "shedd")
    assert "(did you mean 'shed'?)" in p.message


def test_duplicate_id_across_two_files_is_refused_at_the_later_one(world: Path) -> None:
    text = (world / "world.yaml").read_text()
    (world / "zz_more.yaml").write_text("items:\n  lamp: {name: oil lamp, description: Another lamp.}\n")
    p = the(problems(world), "duplicate id: item 'lamp'")
    assert p.pos == Pos("world/zz_more.yaml", 2, 3)
    assert f"already defined at {at(text, 'lamp: {name: brass lamp')};" in p.message


def test_room_unreachable_from_the_start_is_refused(world: Path) -> None:
    attic = "\n  attic: {floor: ground, name: Attic, description: Dusty., exits: {down: yard}}\nitems:\n"
    text = edit(world, "\nitems:\n", attic)
    p = the(problems(world), "room 'attic' cannot be reached from the start room 'yard'")
    assert p.pos == at(text, "attic:")


def test_unknown_condition_is_refused_with_did_you_mean(world: Path) -> None:
    text = edit(world, "when: {flag: hatch_open}", "when: {flagg: hatch_open}")
    p = the(problems(world), "unknown condition 'flagg'")
    assert p.pos == at(text, "{flagg")
    assert "(did you mean 'flag'?)" in p.message


def test_unknown_effect_is_refused_with_did_you_mean(world: Path) -> None:
    text = edit(world, "effects: [{set: hatch_open}]", "effects: [{sett: hatch_open}]")
    p = the(problems(world), "unknown effect 'sett'")
    assert p.pos == at(text, "{sett")
    assert "(did you mean 'set'?)" in p.message


def test_missing_game_block_is_reported_at_the_world_folder_loaded(world: Path) -> None:
    text = (world / "world.yaml").read_text()
    (world / "world.yaml").write_text(text[text.index("floors:"):])
    p = the(problems(world), "the world has no game: block")
    assert p.pos.file.rstrip("/") == "world"


# --- many problems at once ------------------------------------------------------------------

def test_several_errors_are_all_reported_in_a_stable_sorted_order(world: Path) -> None:
    (world / "a_extra.yaml").write_text("items:\n  stone: !include stone.yaml\n")
    text = edit(world, "  health: 2", "  health: lots")
    text = edit(world, "  intro: You wake in the yard.", "  intro: You wake in the yard.\n  colour: red")
    found = problems(world)
    assert [str(p.pos) for p in found] == [
        "world/a_extra.yaml:2:10",
        str(at(text, "colour")),
        str(at(text, "lots")),
    ]
    assert "!include is not allowed" in found[0].message
    assert "unknown key 'colour'" in found[1].message
    assert "health should be a whole number" in found[2].message
    assert found == sorted(found) == problems(world)  # sorted, and the same on every run
    with pytest.raises(WorldInvalid) as err:
        load_world([], use_cache=False, world_dir=world)
    assert err.value.problems == found
