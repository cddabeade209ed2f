"""The modder's tools: validate --format json, show, schema, new-mod, and what the loader ignores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.playthrough import parse_script, run_script
from game.world.load import check_world
from game.world.paths import bundled_data_dir
from game.world.schema import build_schema
from game.world.yamlread import read_yaml


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_json_lists_problems_for_editors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "mod.yaml").write_text("id: bad\nname: Bad\nversion: '1'\n")
    (bad / "rooms.yaml").write_text("rooms:\n  hunters_loft:\n    nmae: Typo\n")
    code, out, _ = run_cli(capsys, "validate", "--mod", str(bad), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["errors"] == 1
    (problem,) = [p for p in report["problems"] if p["severity"] == "error"]
    assert problem["file"].endswith("rooms.yaml") and (problem["line"], problem["col"]) == (3, 5)
    assert "unknown key 'nmae'" in problem["message"] and "did you mean 'name'" in problem["message"]


def test_schema_is_valid_and_accepts_every_bundled_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # what yaml-language-server reads
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    files = sorted((Path(bundled_data_dir()) / "world").rglob("*.yaml"))
    assert files
    for path in files:
        doc, _ = read_yaml(path.read_bytes(), str(path))  # keys stay text (`on:` is not true)
        assert doc is not None
        errors = list(validator.iter_errors(doc.value))
        assert not errors, f"{path}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_schema_describes_fields_and_catches_mistakes() -> None:
    schema = build_schema()
    exit_fields = schema["definitions"]["Exit"]["properties"]
    assert exit_fields["to"]["description"] == "The room this exit leads to."
    assert "from" in schema["definitions"]["Watchtower"]["properties"]
    validator = jsonschema.Draft7Validator(schema)
    room = {"floor": "f", "name": "n", "description": "d", "exits": {"north": "y"}}
    assert list(validator.iter_errors({"rooms": {"x": room}})) == []
    assert list(validator.iter_errors({"rooms": {"x": {"floor": "f", "name": "n", "description": "d", "colour": "red"}}}))
    assert list(validator.iter_errors({"triggers": {"t": {"when": {"flagg": "x"}}}}))


def test_new_mod_validates_and_its_playthrough_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(capsys, "new-mod", "my_mod")
    assert code == 0 and "Wrote" in out
    world, problems = check_world([Path("my_mod")])
    assert world is not None and [p for p in problems if p.severity == "error"] == []
    assert world.mods == (("my_mod", "0.1.0"),)
    failure, _ = run_script(parse_script(Path("my_mod/tests/visit.play")))
    assert failure is None
    code, _, err = run_cli(capsys, "new-mod", "my_mod")
    assert code == 1 and "already exists" in err


def test_show_marks_each_field_with_where_it_was_set(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "new-mod", "nook")
    code, out, _ = run_cli(capsys, "show", "room", "hunters_loft", "--mod", "nook")
    assert code == 0
    shown = yaml.safe_load(out)["rooms"]["hunters_loft"]
    assert shown["exits"]["north"] == "nook_nook"
    assert "north: nook_nook  # nook/rooms.yaml:6" in out
    assert "name: The Hunters' Loft  # " in out and "rooms_fishers_reach.yaml:" in out
    code, _, err = run_cli(capsys, "show", "room", "hunters_lof")
    assert code == 1 and "did you mean 'hunters_loft'" in err


def test_non_yaml_files_get_a_note_and_links_out_of_a_mod_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "mod.yaml").write_text("id: m\nname: M\nversion: '1'\n")
    (tmp_path / "m" / "notes.docx").write_bytes(b"PK")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "evil.yaml").write_text("rooms: {}\n")
    try:
        os.symlink(tmp_path / "outside", tmp_path / "m" / "linked")
    except OSError:
        pytest.skip("no symlinks here")
    _, problems = check_world([Path("m")])
    text = [str(p) for p in problems]
    assert "m/notes.docx:1:1: note: not a YAML file, so it is ignored; world files end in .yaml." in text
    assert any(t.startswith("m/linked:1:1: this folder links outside the mod") for t in text)


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                      st.lists(st.sampled_from(["a:", " ", "- ", "[", "]", "{", "}", "&x ", "*x", "!!", "\n", "'", '"', "#", ":",
                                                ",", "<<"]),
                               max_size=80).map(lambda parts: "".join(parts).encode())))
def test_no_bytes_make_the_reader_raise(data: bytes) -> None:
    doc, problems = read_yaml(data, "fuzz.yaml")
    assert (doc is None) == bool(problems)


MODS = Path(bundled_data_dir()) / "mods"


@pytest.mark.parametrize("name", sorted(p.name for p in MODS.iterdir() if p.is_dir()))
def test_each_example_mod_validates_without_errors(name: str) -> None:
    world, problems = check_world([MODS / name])
    assert world is not None, "\n".join(map(str, problems))
    assert (name, world.mods[0][1]) == world.mods[0]


def test_removing_the_wall_walk_alone_lists_every_dangling_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "mod.yaml").write_text((MODS / "no_wall_walk" / "mod.yaml").read_text())
    (tmp_path / "bare" / "rooms.yaml").write_text("remove:\n  rooms: [wall_walk]\n")
    _, problems = check_world([Path("bare")])
    dangling = [p for p in problems if "wall_walk" in p.message and p.severity == "error"]
    assert {Path(p.pos.file).name for p in dangling} == {"rooms_fishers_reach.yaml"}
    assert len(dangling) == 2  # the loft's and the gate's exits up
    assert all("mod 'no_wall_walk' removed it at bare/rooms.yaml:2:11" in p.message for p in dangling)


def test_modding_md_reference_is_generated_from_the_model() -> None:
    from game.world.reference import splice

    text = (Path(__file__).parent.parent / "MODDING.md").read_text(encoding="utf-8")
    assert splice(text) == text, "MODDING.md's reference is stale: run python -m game.world.reference"
