"""Mods are folders laid over the world: they add, override, remove, and are refused precisely."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.world.load import check_world, load_world
from game.world.model import World
from game.world.problems import Problem, WorldInvalid

WORLD_FILE = "world/world.yaml"


def mod(root: Path, folder: str, files: dict[str, str], mod_id: str | None = None, requires: str = "") -> Path:
    """A mod folder with a manifest (id = folder name unless given) and `files`."""
    path = root / folder
    path.mkdir()
    (path / "mod.yaml").write_text(f"id: {mod_id or folder}\nname: A Mod\nversion: '1.0'\n{requires}")
    for name, text in files.items():
        (path / name).write_text(text)
    return Path(folder)


def load(root: Path, *mods: Path) -> World:
    return load_world(list(mods), use_cache=False, world_dir=root / "world")


def refusals(root: Path, *mods: Path) -> list[Problem]:
    with pytest.raises(WorldInvalid) as err:
        load(root, *mods)
    return err.value.problems


def the(found: list[Problem], phrase: str) -> Problem:
    matching = [p for p in found if phrase in p.message]
    assert len(matching) == 1, f"expected one problem with {phrase!r}, got:\n" + "\n".join(map(str, found))
    return matching[0]


def line_of(root: Path, needle: str) -> int:
    text = (root / WORLD_FILE).read_text()
    assert text.count(needle) == 1
    return text[: text.index(needle)].count("\n") + 1


# --- laying a mod over the world ------------------------------------------------------------

def test_mod_adds_a_room_reached_through_an_override_of_an_existing_rooms_exits(root: Path) -> None:
    vault = mod(root, "vault", {"rooms.yaml": """\
rooms:
  cellar:
    exits: {east: vault}
  vault:
    floor: ground
    name: The Vault
    description: A vault behind the cellar.
    exits: {west: cellar}
"""})
    world = load(root, vault)
    assert {d: e.to for d, e in world.rooms["cellar"].exits.items()} == {"up": "shed", "east": "vault"}
    assert world.rooms["vault"].name == "The Vault"
    assert world.mods == (("vault", "1.0"),)


def test_overriding_one_field_keeps_all_the_others(root: Path) -> None:
    rename = mod(root, "rename", {"r.yaml": "rooms:\n  cellar:\n    name: The Wine Cellar\n"})
    before, after = load(root).rooms["cellar"], load(root, rename).rooms["cellar"]
    assert after.name == "The Wine Cellar"
    assert (after.floor, after.description, after.exits) == (before.floor, before.description, before.exits)


def test_removing_an_item_reports_every_dangling_reference_where_it_was_written(root: Path) -> None:
    no_lamp = mod(root, "no_lamp", {"r.yaml": "remove:\n  items: [lamp]\n"})
    found = refusals(root, no_lamp)
    assert [(p.pos.file, p.pos.line) for p in found] == [
        (WORLD_FILE, line_of(root, "items: [lamp, rusty_key")),   # the yard's items
        (WORLD_FILE, line_of(root, "lamp: {text: He takes")),     # bob's gifts
    ]
    assert all("item 'lamp' is referred to here, but mod 'no_lamp' removed it at no_lamp/r.yaml:2:11" in p.message
               for p in found)


def test_removing_an_id_that_does_not_exist_is_refused_with_did_you_mean(root: Path) -> None:
    typo = mod(root, "typo", {"r.yaml": "remove:\n  rooms: [celar]\n"})
    p = the(refusals(root, typo), "cannot remove room 'celar'")
    assert str(p.pos) == "typo/r.yaml:2:11"
    assert "(did you mean 'cellar'?)" in p.message


# --- refused mods ----------------------------------------------------------------------------

def test_mod_requiring_a_mod_that_is_not_loaded_is_refused_naming_it(root: Path) -> None:
    sequel = mod(root, "sequel", {}, requires="requires: [base_pack]\n")
    p = the(refusals(root, sequel), "requires mod 'base_pack', which is not loaded")
    assert p.pos.file == "sequel/mod.yaml"
    assert "mod 'sequel'" in p.message and "--mod" in p.message


def test_required_mod_loaded_alongside_is_accepted_whatever_the_order(root: Path) -> None:
    base = mod(root, "base_pack", {"r.yaml": "rooms:\n  cellar:\n    name: Base\n"})
    sequel = mod(root, "sequel", {"r.yaml": "rooms:\n  cellar:\n    name: Sequel\n"}, requires="requires: [base_pack]\n")
    assert load(root, sequel, base).rooms["cellar"].name == "Sequel"  # requirements are laid first


def test_folder_without_mod_yaml_is_refused(root: Path) -> None:
    (root / "bare").mkdir()
    (root / "bare" / "rooms.yaml").write_text("rooms: {}\n")
    p = the(refusals(root, Path("bare")), "the mod has no manifest")
    assert str(p.pos) == "bare/mod.yaml:1:1"
    assert "mod.yaml" in p.message


def test_file_linking_outside_the_mod_folder_is_refused(root: Path) -> None:
    outside = root / "secret.yaml"
    outside.write_text("rooms:\n  hoard: {floor: ground, name: Hoard, description: Loot., exits: {up: yard}}\n")
    sneaky = mod(root, "sneaky", {})
    try:
        os.symlink(outside, root / "sneaky" / "loot.yaml")
    except OSError:
        pytest.skip("cannot make symlinks here")
    found = refusals(root, sneaky)
    p = the(found, "links outside its folder")
    assert str(p.pos) == "sneaky/loot.yaml:1:1"
    assert not any("hoard" in q.message for q in found)  # the linked file was never read


def test_two_mods_with_the_same_id_are_refused(root: Path) -> None:
    first = mod(root, "first", {}, mod_id="twin")
    second = mod(root, "second", {}, mod_id="twin")
    p = the(refusals(root, first, second), "mod id 'twin' is also used by first")
    assert str(p.pos) == "second/mod.yaml:1:5"  # the id of the second manifest


def test_check_world_gives_no_world_when_a_mod_is_refused(root: Path) -> None:
    first = mod(root, "first", {}, mod_id="twin")
    second = mod(root, "second", {}, mod_id="twin")
    world, found = check_world([first, second], root / "world")
    assert any(p.severity == "error" for p in found)
    assert world is None


def test_a_list_can_be_extended_instead_of_replaced(root: Path) -> None:
    more = mod(root, "more", {"r.yaml": "rooms:\n  yard:\n    items: {extend: [hatch]}\n"})
    assert load(root, more).rooms["yard"].items == ("lamp", "rusty_key", "brass_key", "hatch")


def test_two_mods_setting_one_field_is_a_warning_naming_both(root: Path) -> None:
    first = mod(root, "first", {"r.yaml": "rooms:\n  cellar:\n    name: The First Cellar\n"})
    second = mod(root, "second", {"r.yaml": "rooms:\n  cellar:\n    name: The Second Cellar\n"})
    world, problems = check_world([first, second], root / "world")
    assert world is not None and world.rooms["cellar"].name == "The Second Cellar"
    (warning,) = problems
    assert warning.severity == "warning" and str(warning.pos) == "second/r.yaml:3:11"
    assert "mod 'first' also sets at first/r.yaml:3:11" in warning.message
