"""The editor schema (`city schema`) accepts what the loader accepts, and no more where it can tell.

An external validator (check-jsonschema, as a modder would run it) checks every bundled
world file, every example mod and a fresh `city new-mod` against it; pairs of mod files
are fed to both the schema and the loader, which must agree.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.cli import main
from game.world.load import check_world
from game.world.manifest import KEYS
from game.world.paths import bundled_data_dir
from game.world.schema import MANIFEST_FILE, WORLD_FILE, build_manifest_schema, build_schema
from game.world.yamlread import read_yaml

DATA = Path(bundled_data_dir())
WORLD = build_schema()
MANIFEST = build_manifest_schema()


def check_jsonschema(schema: dict[str, Any], files: list[Path], tmp_path: Path,
                     *options: str) -> subprocess.CompletedProcess[str]:
    """check-jsonschema over `files`, run as a modder runs it (its own YAML reader, YAML 1.2)."""
    schema_file = tmp_path / f"schema-{len(files)}.json"
    schema_file.write_text(json.dumps(schema))
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *options, "--schemafile", str(schema_file),
                           *map(str, files)], capture_output=True, text=True, timeout=120, check=False)


def yaml_value(text: str) -> Any:
    doc, problems = read_yaml(text.encode(), "sample.yaml")  # the loader's own reader: keys stay text
    assert doc is not None, problems
    return doc.value


def schema_errors(schema: dict[str, Any], value: Any) -> list[str]:
    return [f"{e.message} at {list(e.absolute_path)}" for e in jsonschema.Draft7Validator(schema).iter_errors(value)]


def world_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.name != "mod.yaml")


def test_check_jsonschema_accepts_every_bundled_file_and_example_mod(tmp_path: Path) -> None:
    files = world_files(DATA / "world") + world_files(DATA / "mods")
    assert len(files) > 25 and any("mods" in p.parts for p in files)
    result = check_jsonschema(WORLD, files, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    manifests = sorted((DATA / "mods").glob("*/mod.yaml"))
    assert len(manifests) >= 3
    result = check_jsonschema(MANIFEST, manifests, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_fresh_new_mod_passes_check_jsonschema_with_the_schemas_its_modelines_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-mod", "fresh"]) == 0
    capsys.readouterr()
    mod = tmp_path / "fresh"
    for path in mod.glob("*.yaml"):
        first = path.read_text().splitlines()[0]
        wanted = MANIFEST_FILE if path.name == "mod.yaml" else WORLD_FILE
        assert first == f"# yaml-language-server: $schema={wanted}", path
        assert (mod / wanted).is_file()
        result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(mod / wanted), str(path)],
                                capture_output=True, text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads((mod / WORLD_FILE).read_text()) == WORLD  # the schema written is `city schema`'s own
    assert json.loads((mod / MANIFEST_FILE).read_text()) == MANIFEST
    world, problems = check_world([mod])  # and the schema files beside the YAML are no trouble to the loader
    assert world is not None and [p for p in problems if p.pos.file.endswith(".json")] == []


def test_city_schema_prints_both_schemas_and_writes_them_into_a_mod(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == WORLD
    assert main(["schema", "--manifest"]) == 0
    assert json.loads(capsys.readouterr().out) == MANIFEST
    assert main(["schema", "--write", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST_FILE, WORLD_FILE])
    assert main(["schema", "--write", str(tmp_path / "nowhere")]) == 1
    assert "not a folder" in capsys.readouterr().err


def _refs_with_siblings(node: Any, path: str = "") -> list[str]:
    """Places where `$ref` sits beside a keyword that validates (draft-07 ignores those siblings)."""
    found = []
    if isinstance(node, dict):
        if "$ref" in node and set(node) - {"$ref", "description", "title", "default"}:
            found.append(path)
        for key, value in node.items():
            found += _refs_with_siblings(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _refs_with_siblings(value, f"{path}/{i}")
    return found


def test_the_schemas_are_draft_07_as_yaml_language_server_reads_them() -> None:
    for schema in (WORLD, MANIFEST):
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        jsonschema.Draft7Validator.check_schema(schema)
        text = json.dumps(schema)
        assert "$defs" not in text and "prefixItems" not in text and "unevaluated" not in text
        assert _refs_with_siblings(schema) == []


def test_the_manifest_schema_knows_every_manifest_key() -> None:
    assert sorted(MANIFEST["properties"]) == sorted(KEYS)


# -- the schema and the loader agree ---------------------------------------------------------

ACCEPTED = {
    "an override with only exits": "rooms:\n  yard:\n    exits: {west: tower_foot}\n",
    "a field taken away": "rooms:\n  yard:\n    brief: ~\n    features: {gate: ~}\n",
    "an exit's condition taken away": "rooms:\n  shed:\n    exits:\n      down: {when: ~}\n",
    "a list extended": "items:\n  lamp:\n    names: {extend: [lantern]}\n",
    "records extended": "characters:\n  ada:\n    topics:\n      extend:\n        - {about: [bob], text: He is old.}\n",
    "a list replaced": "encounters:\n  fight:\n    stages:\n      second:\n        options:\n"
                       "          - {key: yield, label: Yield, ending: dead}\n",
    "a nested record changed": "encounters:\n  fight:\n    stages:\n      second: {text: They close in.}\n",
    "the game settings changed": "game:\n  health: 3\n  clock: {food_days: 4}\n",
    "yaml 1.1 on for holds": "items:\n  crate:\n    holds: on\n",
    "an entry removed": "remove:\n  watchtowers: [eye]\n",
    "an option edited by its key": "encounters:\n  fight:\n    stages:\n      first:\n        options:\n"
                                   "          edit:\n            run: {label: Run for it, names: [flee]}\n",
    "a topic removed by its first about word": "characters:\n  ada:\n    topics: {remove: [tower]}\n",
    "a topic inserted before another": "characters:\n  ada:\n    topics:\n      before:\n        tower:\n"
                                       "          - {about: [bob], text: He is old.}\n",
    "a reply with an id and a priority, prepended": "characters:\n  ada:\n    talk:\n      prepend:\n"
                                                    "        - {id: hush, priority: 1, when: {flag: x}, text: Hush.}\n",
    "plain words removed and added": "items:\n  lamp:\n    names: {remove: [light], after: {lamp: [lantern]}}\n",
    "effects added to": "items:\n  brass_key:\n    uses:\n      extend:\n        - {verbs: [hit], text: Clang.}\n",
    "a condition list extended": "watchtowers:\n  eye:\n    blind_when: {extend: [{has: lamp}]}\n",
    "an entry copied from another": "rooms:\n  shed:\n    exits: {in: annex}\n  annex:\n    copy_from: cellar\n"
                                    "    name: The Annex\n    exits: {up: ~, out: shed}\n",
    "every argument shape of the vocabulary": "items:\n  lamp:\n    on_take:\n      - {set: {lit: true, count: 2, who: ada}}\n"
        "      - {set: lamp_taken}\n      - {add: {count: -1}}\n      - {place: {item: crate, room: cellar}}\n"
        "      - {dismiss: all}\n      - {heal: 1}\n      - {alert: -2}\n"
        "      - {say: Bright.}\n    uses:\n      - verbs: [shine]\n"
        "        when: {all: [{chance: 0.5}, {not: {at_least: {count: 1}}}, {any: [{in: yard}, {alert_at_most: 0}]}]}\n"
        "        text: It shines.\n",
    "yes and no for true and false, read as YAML 1.2 reads them too": "items:\n  lamp:\n    portable: no\n"
        "  crate:\n    holds: yes\n    openable: 'Off'\nrooms:\n  yard:\n    safe: on\n",
    "a number in quotes": "watchtowers:\n  eye: {count: '2'}\ngame:\n  clock: {food_days: ' 4'}\n",
    "a hint with a priority": "hints:\n  lamp_hint:\n    priority: 2\n    when: {in: yard}\n    tiers: [Take the lamp.]\n",
    "a new room, whole": "rooms:\n  shed:\n    exits: {east: loft}\n  loft:\n    floor: ground\n    name: Loft\n"
                         "    description: A loft.\n    exits: {west: shed}\n    variants:\n      - when: {flag: x}\n"
                         "        description: A lit loft.\n",
}

REFUSED = {
    "a misspelled field": "rooms:\n  yard:\n    nmae: Typo\n",
    "a direction that is not one": "rooms:\n  yard:\n    exits: {nort: shed}\n",
    "a misspelled condition": "rooms:\n  shed:\n    exits:\n      down: {when: {flagg: hatch_open}}\n",
    "an effect's argument of the wrong kind": "items:\n  lamp:\n    on_take: [{hurt: one}]\n",
    "text for a list": "items:\n  lamp:\n    names: lantern\n",
    "a list patch that does not exist": "items:\n  lamp:\n    names: {append: [lantern]}\n",
    "an element added without its required fields": "encounters:\n  fight:\n    stages:\n      second:\n        options:\n"
                                                      "          extend: [{key: hide}]\n",
    "an unknown kind": "room:\n  yard: {name: Yard}\n",
    "an id that is not one": "rooms:\n  Yard-2: {name: Yard}\n",
    "an ending kind that is not one": "endings:\n  dead: {kind: deathh}\n",
    "an entry that is not a mapping": "items:\n  lamp: a brass lamp\n",
    "removing from an unknown kind": "remove:\n  roms: [yard]\n",
    "a plain word edited": "items:\n  lamp:\n    names: {edit: {light: {text: x}}}\n",
    "a keyless list patched by key": "items:\n  brass_key:\n    uses: {remove: [hatch]}\n",
    "copy_from inside a record": "rooms:\n  yard:\n    features:\n      gate: {copy_from: shelf}\n",
    "copy_from that is not an id": "rooms:\n  annex:\n    copy_from: [cellar]\n",
    "a priority where there is no order": "rooms:\n  yard:\n    priority: 1\n",
    "a word that is not true or false": "rooms:\n  yard:\n    safe: maybe\n",
    "a number that is not whole": "watchtowers:\n  eye: {count: '2.5'}\n",
    "a wound that heals": "items:\n  lamp:\n    on_take: [{hurt: -1}]\n",
    "an empty flag name": "items:\n  lamp:\n    on_take: [{clear: ''}]\n",
    "an element inserted without its required fields": "characters:\n  ada:\n    topics:\n      before:\n"
                                                        "        tower: [{about: [bob]}]\n",
}


def _mod(root: Path, name: str, text: str) -> Path:
    folder = root / "_".join("".join(c for c in name if c.isalnum() or c == " ").split())
    folder.mkdir()
    (folder / "mod.yaml").write_text(f"id: {folder.name}\nname: Sample\nversion: '1.0'\n")
    (folder / "sample.yaml").write_text(text)
    return folder


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_what_the_loader_accepts_the_schema_accepts(root: Path, name: str) -> None:
    text = ACCEPTED[name]
    world, problems = check_world([_mod(root, name, text)], root / "world")
    assert world is not None, [str(p) for p in problems]
    assert schema_errors(WORLD, yaml_value(text)) == []


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_the_schema_can_see_is_wrong_both_refuse(root: Path, name: str) -> None:
    text = REFUSED[name]
    world, problems = check_world([_mod(root, name, text)], root / "world")
    assert world is None and [p for p in problems if p.severity == "error"]
    assert schema_errors(WORLD, yaml_value(text)), f"the schema accepts {name}"


def test_check_jsonschema_agrees_on_the_samples(tmp_path: Path) -> None:
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    for i, text in enumerate(ACCEPTED.values()):
        (good / f"s{i}.yaml").write_text(text)
    assert check_jsonschema(WORLD, sorted(good.iterdir()), tmp_path).returncode == 0
    for i, text in enumerate(REFUSED.values()):
        (bad / f"s{i}.yaml").write_text(text)
    result = check_jsonschema(WORLD, sorted(bad.iterdir()), tmp_path, "--output-format", "json")
    flagged = {Path(e["filename"]).name for e in json.loads(result.stdout)["errors"]}
    missed = [text for i, text in enumerate(REFUSED.values()) if f"s{i}.yaml" not in flagged]
    assert result.returncode == 1 and missed == []


@pytest.mark.parametrize("text, ok", [
    ("id: my-mod\nname: Mine\nversion: 1.0\n", True),
    ("id: my_mod\nname: Mine\nversion: 1.2.3\nrequires: [base, {id: lanterns, version: '>=1,<2'}]\n"
     "after: [weather]\nconflicts: [tiny]\ngame: '>=0.1,<1'\n", True),
    ("id: 2mod\nname: Mine\nversion: '1'\n", False),
    ("id: m\nname: Mine\n", False),
    ("id: m\nname: Mine\nversion: '1'\nrequire: [x]\n", False),
    ("id: m\nname: Mine\nversion: '1'\nrequires: [{id: x, versions: '1'}]\n", False),
])
def test_the_manifest_schema(text: str, ok: bool) -> None:
    assert (schema_errors(MANIFEST, yaml_value(text)) == []) is ok


def test_yaml_1_1_words_in_text_are_refused_with_the_way_out_and_quoted_they_pass(root: Path) -> None:
    bare = "items:\n  lamp:\n    name: no\n    names: [on, lamp]\n"
    world, problems = check_world([_mod(root, "bare words", bare)], root / "world")
    said = [p.message for p in problems if p.severity == "error"]
    assert world is None and len(said) == 2 and all("put text in quotes" in m for m in said), said
    assert schema_errors(WORLD, yaml_value(bare))  # an editor reading YAML 1.1 sees true/false there too
    quoted = "items:\n  lamp:\n    name: 'no'\n    names: ['on', lamp]\n    uses:\n      - {'on': hatch, text: Clunk.}\n"
    world, problems = check_world([_mod(root, "quoted words", quoted)], root / "world")
    assert world is not None, [str(p) for p in problems]
    assert schema_errors(WORLD, yaml_value(quoted)) == []


PAIR = Path(__file__).parent / "worlds" / "mod_pair"  # two mods as a modder writes them: the second requires the first


def test_a_pair_of_real_mods_validates_and_passes_check_jsonschema(tmp_path: Path) -> None:
    world, problems = check_world([PAIR / "lanterns", PAIR / "lantern-keepers"])
    assert world is not None, [str(p) for p in problems]
    ours = [p for p in problems if "mod_pair" in p.pos.file]  # the bundled world's own warnings are not the pair's
    assert [p for p in ours if p.severity != "note"] == []
    assert world.mods == (("lanterns", "1.2.0"), ("lantern_keepers", "0.3.0"))
    result = check_jsonschema(WORLD, world_files(PAIR), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema(MANIFEST, sorted(PAIR.glob("*/mod.yaml")), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lists_the_schema_lets_a_patch_name_elements_of_are_the_ones_the_loader_can() -> None:
    from game.world.listpatch import element_key

    defs = WORLD["definitions"]
    for name, patch in defs.items():
        record = name.removeprefix("ListPatch_")
        if not name.startswith("ListPatch_") or record not in defs:
            continue
        # an element with every field of text written: the loader finds it by key, or it has none
        fields = defs[record].get("properties", {})  # none for the vocabulary's conditions and effects
        sample = {field: ["x"] if "array" in json.dumps(spec) else "x" for field, spec in fields.items()}
        assert ("remove" in patch["properties"]) == (element_key(sample) is not None), record
