"""The mods folder: mods in CITY_HOME/mods load without --mod, are listed, enabled and
disabled by id, and give what other mods require; --mod and a .play header take an id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game import modsfolder
from game.cli import main
from game.modsfolder import installed, resolve
from game.playthrough import Recorder, parse_script, run_script
from game.world.paths import bundled_data_dir

EXAMPLES = Path(bundled_data_dir()) / "mods"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A CITY_HOME of its own, with the drowned cistern installed (as folder drowned-cistern)."""
    home = tmp_path / "home"
    monkeypatch.setenv("CITY_HOME", str(home))
    (home / "mods").mkdir(parents=True)
    shutil.copytree(EXAMPLES / "drowned_cistern", home / "mods" / "drowned-cistern")
    return home


def add_mod(folder: Path, ident: str, extra: str = "", version: str = "1.0.0") -> Path:
    folder.mkdir(parents=True)
    (folder / "mod.yaml").write_text(f"id: {ident}\nname: {ident.title()}\nversion: {version}\n{extra}")
    (folder / "rooms.yaml").write_text(f"rooms:\n  hunters_loft:\n    brief: The loft, as {ident} has it.\n")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_without_a_mods_folder_nothing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CITY_HOME", str(tmp_path / "empty"))
    assert resolve(["some/folder"]) == ["some/folder"]
    code, out, _ = run(capsys, "mods")
    assert code == 0 and "No mods installed" in out and "city new-mod" in out


def test_an_installed_mod_loads_without_mod_and_not_with_no_mods(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert resolve([]) == [str(home / "mods" / "drowned-cistern")]
    assert resolve([], use_folder=False) == []
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "mods: drowned_cistern" in out
    code, out, _ = run(capsys, "validate", "--no-mods")
    assert code == 0 and "mods:" not in out


def test_city_mods_lists_version_requirements_and_whether_each_loads(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_mod(home / "mods" / "deeper", "deeper", "requires: [{id: drowned-cistern, version: '>=1.0'}]\ngame: '>=0.1'\n")
    add_mod(home / "mods" / "broken", "broken", version="soon")
    code, out, _ = run(capsys, "mods")
    assert code == 0, out
    assert "(3 enabled, 0 disabled)" in out
    assert "drowned_cistern 1.0.0 - enabled - loads" in out and "folder: drowned-cistern" in out
    assert "deeper 1.0.0 - enabled - loads" in out and "requires: drowned_cistern >=1.0" in out
    assert "made for game versions >=0.1" in out
    assert "broken ? - enabled - does not load: " in out and "version 'soon' is not a version number" in out


def test_disable_and_enable_by_id(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "mods", "disable", "Drowned-Cistern")
    assert code == 0 and "Disabled mod 'drowned_cistern'" in out
    assert resolve([]) == []
    assert [m.enabled for m in installed()] == [False]
    code, out, _ = run(capsys, "mods", "disable", "drowned_cistern")
    assert code == 0 and "already disabled" in out
    code, out, _ = run(capsys, "mods")
    assert "drowned_cistern 1.0.0 - disabled - loads" in out
    code, out, _ = run(capsys, "mods", "enable", "drowned_cistern")
    assert code == 0 and "Enabled" in out and resolve([]) == [str(home / "mods" / "drowned-cistern")]


def test_enable_names_what_is_installed_when_the_id_is_wrong(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "mods", "enable", "drowned_cisten")
    assert code == 1 and "there is no mod 'drowned_cisten'" in err and "did you mean 'drowned_cistern'" in err
    code, _, err = run(capsys, "mods", "enable")
    assert code == 2 and "needs a mod's id" in err


def test_requires_come_from_the_folder_even_when_disabled(home: Path, tmp_path: Path) -> None:
    run_dir = tmp_path / "work"
    mine = add_mod(run_dir / "mine", "mine", "requires: [drowned_cistern]\n")
    (home / "mods" / "disabled.json").write_text('{"disabled": ["drowned_cistern"]}')
    assert resolve([str(mine)]) == [str(mine), str(home / "mods" / "drowned-cistern")]
    assert resolve([str(mine)], use_folder=False) == [str(mine), str(home / "mods" / "drowned-cistern")]


def test_a_mod_option_takes_an_installed_id_and_a_worked_on_copy_wins(home: Path, tmp_path: Path) -> None:
    assert resolve(["drowned-cistern"], use_folder=False) == [str(home / "mods" / "drowned-cistern")]
    copy = tmp_path / "work" / "cistern"
    shutil.copytree(EXAMPLES / "drowned_cistern", copy)
    assert resolve([str(copy)]) == [str(copy)]  # not the installed one too: one id, one mod


def test_a_play_header_takes_an_installed_id(home: Path, tmp_path: Path) -> None:
    play = tmp_path / "visit.play"
    play.write_text("mod: drowned-cistern\n> look\n")
    script = parse_script(play)
    assert script.mods == [(home / "mods" / "drowned-cistern").resolve()]
    failure, _ = run_script(script)
    assert failure is None


def test_the_mods_folder_is_found_where_saves_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.saves import city_home

    monkeypatch.delenv("CITY_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    for xdg in ("", str(tmp_path / "xdg"), "relative/xdg"):
        monkeypatch.setenv("XDG_DATA_HOME", xdg)
        assert modsfolder.mods_dir() == city_home() / "mods"


def test_an_installed_pair_lists_its_range_and_the_required_mod_loads_though_disabled(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pair = Path(__file__).parent / "worlds" / "mod_pair"
    for name in ("lanterns", "lantern-keepers"):
        shutil.copytree(pair / name, home / "mods" / name)
    code, out, _ = run(capsys, "mods", "disable", "lanterns")
    assert code == 0
    code, out, _ = run(capsys, "mods")
    assert "lantern_keepers 0.3.0 - enabled - loads" in out and "requires: lanterns >=1.2,<2" in out
    assert "lanterns 1.2.0 - disabled - loads" in out and "Together, the enabled mods load." in out
    code, out, _ = run(capsys, "validate")
    assert code == 0 and "mods: drowned_cistern, lanterns, lantern_keepers" in out


def test_a_recording_names_a_folder_mod_by_its_id(home: Path, tmp_path: Path) -> None:
    other = add_mod(tmp_path / "work" / "mine", "mine")
    recorder = Recorder(tmp_path / "out" / "x.play", 3, [home / "mods" / "drowned-cistern", other], None)
    assert "mod: drowned_cistern" in recorder.lines and "mod: ../work/mine" in recorder.lines


def test_a_start_with_installed_mods_reads_no_manifest(home: Path) -> None:
    import subprocess
    import sys

    probe = ("import sys; from game.modsfolder import resolve; found = resolve([]); "
             "print(len(found), [m for m in ('yaml', 'game.world.manifest', 'platformdirs') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60).stdout
    assert out.split(maxsplit=1) == ["1", "[]\n"]  # the folder's mods, found without YAML (a start stays fast)
    (home / "mods" / "disabled.json").write_text('{"disabled": ["nothing_here"]}')
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60).stdout
    assert out.startswith("1 ") and "game.world.manifest" in out  # something disabled: manifests say what requires it
