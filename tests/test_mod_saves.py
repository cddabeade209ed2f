"""Saves across mod versions: a new version of a mod is no reason to refuse a save; only a
save that names what the world no longer has is refused, and the refusal says what."""

from __future__ import annotations

from pathlib import Path

from game.session import Session
from game.textview import render
from game.world.load import load_world


def write_mod(root: Path, version: str, room: bool = True, description: str = "A dry well.") -> Path:
    folder = root / "wells"
    folder.mkdir(exist_ok=True)
    (folder / "mod.yaml").write_text(f"id: wells\nname: Wells\nversion: {version}\n")
    rooms = "rooms:\n  yard:\n    brief: The yard.\n"
    if room:
        rooms = (f"rooms:\n  yard:\n    exits: {{west: well}}\n  well:\n    floor: ground\n    name: The Well\n"
                 f"    description: {description}\n    exits: {{east: yard}}\n")
    (folder / "rooms.yaml").write_text(rooms)
    return folder


def session_for(root: Path, mods: list[Path]) -> Session:
    world = load_world(mods, use_cache=False, world_dir=root / "world")
    session = Session(world, seed=1, home=root / "home")
    session.opening()
    return session


def test_a_save_loads_after_its_mod_gets_a_new_version(root: Path) -> None:
    mod = write_mod(root, "1.0.0")
    before = session_for(root, [mod])
    before.send("west")
    assert "Saved" in render(before.send("save at the well"))
    write_mod(root, "1.1.0", description="A dry well, its rope gone.")
    after = session_for(root, [mod])
    out = " ".join(render(after.send("load at the well")).split())
    assert "Loaded 'at the well'" in out and after.game.state.room == "well"
    assert "mod wells 1.0.0 is now 1.1.0" in out and "everything it names is still here" in out


def test_a_save_is_refused_when_the_new_version_took_away_what_it_names(root: Path) -> None:
    mod = write_mod(root, "1.0.0")
    before = session_for(root, [mod])
    before.send("west")
    before.send("save at the well")
    write_mod(root, "2.0.0", room=False)
    after = session_for(root, [mod])
    out = " ".join(render(after.send("load at the well")).split())
    assert "Not loaded" in out and "room 'well'" in out
    assert after.game.state.room == "yard"  # nothing changed


def test_a_save_with_another_set_of_mods_is_still_refused(root: Path) -> None:
    mod = write_mod(root, "1.0.0")
    session_for(root, [mod]).send("save modded")
    out = render(session_for(root, []).send("load modded"))
    assert "Not loaded" in out and "was saved with wells 1.0.0; this game runs no mods" in out


def test_a_save_loads_when_a_new_version_changes_the_load_order(root: Path) -> None:
    wells = write_mod(root, "1.0.0")
    alpha = root / "alpha"
    alpha.mkdir()
    (alpha / "mod.yaml").write_text("id: alpha\nname: Alpha\nversion: 1.0.0\n")
    (alpha / "rooms.yaml").write_text("rooms:\n  yard:\n    brief: The alpha yard.\n")
    first = session_for(root, [alpha, wells])
    assert [m for m, _ in first.world.mods] == ["alpha", "wells"]
    first.send("save ordered")
    (alpha / "mod.yaml").write_text("id: alpha\nname: Alpha\nversion: 1.1.0\nafter: [wells]\n")
    second = session_for(root, [alpha, wells])
    assert [m for m, _ in second.world.mods] == ["wells", "alpha"]
    out = " ".join(render(second.send("load ordered")).split())
    assert "Loaded 'ordered'" in out and "mod alpha 1.0.0 is now 1.1.0" in out
