"""Mod manifests: required fields, version ranges, load order, conflicts and cycles."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.world.load import check_world


def mod(root: Path, mod_id: str, manifest: str = "", rename_to: str | None = None) -> Path:
    """A mod that renames the cellar (so load order shows in the result)."""
    folder = root / mod_id
    folder.mkdir()
    (folder / "mod.yaml").write_text(f"id: {mod_id}\nname: Mod {mod_id}\nversion: '1.2'\n{manifest}")
    (folder / "rooms.yaml").write_text(f"rooms:\n  cellar:\n    name: {rename_to or mod_id}\n")
    return Path(mod_id)


def messages(root: Path, *mods: Path) -> list[str]:
    _world, problems = check_world(list(mods), root / "world")
    return [str(p) for p in problems if p.severity == "error"]


def test_load_order_is_by_id_whatever_the_command_line_order(root: Path) -> None:
    a, b = mod(root, "alpha"), mod(root, "beta")
    for order in ([a, b], [b, a]):
        world, _ = check_world(order, root / "world")
        assert world is not None and world.rooms["cellar"].name == "beta"
        assert [m for m, _ in world.mods] == ["alpha", "beta"]


def test_after_and_requires_come_first(root: Path) -> None:
    a = mod(root, "alpha", "after: [beta]\n")
    b = mod(root, "beta")
    world, _ = check_world([a, b], root / "world")
    assert world is not None and world.rooms["cellar"].name == "alpha"  # alpha loaded last


def test_a_missing_requirement_is_named_at_its_line(root: Path) -> None:
    a = mod(root, "alpha", "requires:\n  - {id: lanterns, version: '>=2'}\n")
    (problem,) = messages(root, a)
    assert problem.startswith("alpha/mod.yaml:5:5: mod 'alpha' requires mod 'lanterns' (>=2), which is not loaded")


def test_a_version_outside_the_range_is_refused(root: Path) -> None:
    a = mod(root, "alpha", "requires:\n  - {id: beta, version: '>=2,<3'}\n")
    b = mod(root, "beta")
    (problem,) = messages(root, a, b)
    assert "mod 'alpha' requires 'beta' >=2,<3, but version 1.2 is loaded" in problem


def test_a_declared_conflict_names_both_mods(root: Path) -> None:
    a = mod(root, "alpha", "conflicts: [beta]\n")
    b = mod(root, "beta")
    (problem,) = messages(root, a, b)
    assert problem.startswith("alpha/mod.yaml:4:13: mod 'alpha' cannot run with mod 'beta' (beta)")


def test_a_cycle_names_the_mods_and_their_manifests(root: Path) -> None:
    a = mod(root, "alpha", "requires: [beta]\n")
    b = mod(root, "beta", "after: [alpha]\n")
    (problem,) = messages(root, a, b)
    assert "cycle: 'alpha' (alpha/mod.yaml:1:5), 'beta' (beta/mod.yaml:1:5)" in problem


@pytest.mark.parametrize("manifest, phrase", [
    ("id: x\nname: X\n", "the manifest needs 'version'"),
    ("id: x\nname: X\nversion: banana\n", "version 'banana' is not a version number"),
    ("id: 2x\nname: X\nversion: '1'\n", "mod id '2x' must be letters, digits, -, _ and ., starting with a letter"),
    ("id: x y\nname: X\nversion: '1'\n", "mod id 'x y' must be letters"),
    ("id: x\nname: X\nversion: '1'\nrequire: [y]\n", "unknown manifest key 'require' (did you mean 'requires'?)"),
    ("id: x\nname: X\nversion: '1'\nrequires: [{id: y, version: 'about two'}]\n", "'about two' is not a version range"),
])
def test_manifest_mistakes_are_explained(root: Path, manifest: str, phrase: str) -> None:
    (root / "x").mkdir()
    (root / "x" / "mod.yaml").write_text(manifest)
    assert any(phrase in m for m in messages(root, Path("x"))), messages(root, Path("x"))


def test_a_hyphenated_id_is_read_as_pip_reads_a_name(root: Path) -> None:
    folder = root / "my-mod"
    folder.mkdir()
    (folder / "mod.yaml").write_text("id: My-Mod.Extra\nname: Mine\nversion: '1.0'\nrequires: [base--pack]\n")
    (folder / "rooms.yaml").write_text("rooms:\n  cellar:\n    name: Mine\n")
    base = mod(root, "base_pack")
    world, problems = check_world([Path("my-mod"), base], root / "world")
    assert world is not None, [str(p) for p in problems]
    assert world.mods == (("base_pack", "1.2"), ("my_mod_extra", "1.0")) and world.rooms["cellar"].name == "Mine"


def test_a_bad_id_hides_none_of_the_mods_other_errors(root: Path) -> None:
    folder = root / "bad mod"
    folder.mkdir()
    (folder / "mod.yaml").write_text("id: 9lives\nname: Bad\nversion: soon\n")
    (folder / "rooms.yaml").write_text("rooms:\n  cellar:\n    nmae: Typo\n    exits: {up: nowhere}\n")
    found = messages(root, Path("bad mod"))
    assert any("mod id '9lives' must be letters" in m for m in found)
    assert any("version 'soon' is not a version number" in m for m in found)
    assert any("unknown key 'nmae'" in m for m in found), found
    assert any("room 'nowhere' does not exist" in m for m in found), found


@pytest.mark.parametrize("target, phrase", [
    (">=0.1,<1", None),
    (">=0.2,<1", "this mod is made for game versions >=0.2,<1, and this game is 0.1.0"),
    ("about 1", "game: 'about 1' is not a version range"),
])
def test_the_game_versions_a_mod_is_made_for(root: Path, target: str, phrase: str | None) -> None:
    a = mod(root, "alpha", f"game: '{target}'\n")
    found = messages(root, a)
    assert (found == []) if phrase is None else any(phrase in m for m in found), found


def test_a_manifest_that_is_not_yaml_hides_none_of_the_mods_other_errors(root: Path) -> None:
    folder = root / "broken"
    folder.mkdir()
    (folder / "mod.yaml").write_text("id: broken\nname: [Broken\nversion: '1'\n")
    (folder / "rooms.yaml").write_text("rooms:\n  cellar:\n    nmae: Typo\n")
    found = messages(root, Path("broken"))
    assert any(m.startswith("broken/mod.yaml:") for m in found), found
    assert any("unknown key 'nmae'" in m for m in found), found
