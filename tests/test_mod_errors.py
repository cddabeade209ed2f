"""A mod with many mistakes gets every one reported in one run, each at its file:line (issue 16).

Structural errors (a tab, a misspelled field, a string for a list) must not hide reference
errors in the same or other entries; a YAML syntax error costs only the entries it falls
in, and references to those are not reported as missing; a missing required mod adds one
error, not ten. The mods are built under the test's working folder over the mini world.
"""

from __future__ import annotations

from pathlib import Path

from game.world.load import check_world
from game.world.problems import Problem

ROOMS = """\
rooms:
  street:
    exits: {west: gallery}
  gallery:
    floor: ground
    name: The Gallery
    descripton: A long gallery.
    exits: {east: street, nort: vault, south: vaultt}
    items: [goldd]
    on_enter:
      - when: {flagg: seen}
        text: You have been here.
  attic:
    floor: ground
    name: The Attic
    description: Dusty.
    items: lanp
    exits: {down: gallery}
  loft:
    floor: ground
    name: The Loft
    description: Nowhere leads here.
    exits: {down: gallery}
  pit:
    floor: ground
    name: The Pit
    description: A pit with no way out.
  broken:
    floor: ground
    name: Broken
    description: Tabbed.
    exits:
\t  east: street
  copy:
    copy_from: galery
items:
  coin:
    name: coin
    description: A coin.
    uses:
      - text: You flip it.
        when: {flag: coin_flipedd}
        effects: [{set: [a, b]}, {hurt: one}, {heal: -5}, {move: pit}, {give: lost_thing}]
"""

ENCOUNTER = """\
encounters:
  ambush:
    title: Ambush
    start: open
    stages:
      open:
        text: They wait.
        options:
          - {key: go, label: Go, next: thrid}
          - {key: stay, label: Stay, next: stuck}
      stuck:
        text: Nothing to do.
        options: []
      lonely:
        text: Nobody comes here.
        options:
          - {key: leave, label: Leave}
  fight:
    stages:
      first:
        options:
          edit:
            runn: {label: Flee}
endings:
  secret: {title: Secret, text: Nobody gets here.}
"""

BROKEN = """\
items:
  lost_thing:
    name: lost thing
    description: "never closed
"""

# (file, line, a phrase of the message): one per mistake, every one expected in the same run
EXPECTED = [
    ("bad/broken.yaml", 4, "never closed"),                          # a YAML syntax error (costs lost_thing only)
    ("bad/rooms.yaml", 7, "unknown key 'descripton'"),               # a misspelled field
    ("bad/rooms.yaml", 8, "'nort' is not allowed"),                  # a misspelled direction
    ("bad/rooms.yaml", 8, "room 'vaultt' does not exist"),           # a missing room, in the same broken entry
    ("bad/rooms.yaml", 8, "room 'vault' does not exist"),            # ...and one behind the misspelt direction
    ("bad/rooms.yaml", 9, "item 'goldd' does not exist"),            # a missing item, in the same broken entry
    ("bad/rooms.yaml", 11, "unknown condition 'flagg'"),             # a bad condition, in the same broken entry
    ("bad/rooms.yaml", 13, "room 'attic' cannot be reached"),        # an unreachable room
    ("bad/rooms.yaml", 17, "items should be a list"),                # a string for a list
    ("bad/rooms.yaml", 17, "item 'lanp' does not exist"),            # ...whose id is wrong too
    ("bad/rooms.yaml", 19, "room 'loft' cannot be reached"),         # a second unreachable room
    ("bad/rooms.yaml", 24, "room 'pit' has no way out"),             # a room with no way out
    ("bad/rooms.yaml", 33, "a tab character"),                       # a tab
    ("bad/rooms.yaml", 35, "cannot copy from room 'galery'"),        # copy_from an unknown id
    ("bad/rooms.yaml", 42, "flag 'coin_flipedd' is never set"),      # a flag typo (warning)
    ("bad/rooms.yaml", 43, "'set' takes a flag name"),               # a bad effect shape
    ("bad/rooms.yaml", 43, "'hurt' takes a whole number"),           # hurt: one
    ("bad/rooms.yaml", 43, "'heal' takes a whole number of 1 or more"),  # heal: -5
    ("bad/encounter.yaml", 9, "stage 'thrid' does not exist"),       # a missing stage
    ("bad/encounter.yaml", 13, "stage 'stuck' of encounter 'ambush' has no options"),  # options: []
    ("bad/encounter.yaml", 14, "stage 'lonely' of encounter 'ambush' is never reached"),  # a stage nothing leads to
    ("bad/encounter.yaml", 23, "no element 'runn' in stages.first.options"),  # a patch key that matches nothing
    ("bad/encounter.yaml", 25, "ending 'secret' is never reached"),  # an ending nothing reaches (warning)
]


def mod(root: Path, folder: str, files: dict[str, str], extra: str = "") -> Path:
    path = root / folder
    path.mkdir()
    (path / "mod.yaml").write_text(f"id: {folder}\nname: A Mod\nversion: '1.0'\n{extra}")
    for name, text in files.items():
        (path / name).write_text(text)
    return Path(folder)


def check(root: Path, *mods: Path) -> list[Problem]:
    return check_world(list(mods), root / "world")[1]


def test_every_mistake_of_a_broken_mod_is_reported_at_its_line_in_one_run(root: Path) -> None:
    bad = mod(root, "bad", {"rooms.yaml": ROOMS, "encounter.yaml": ENCOUNTER, "broken.yaml": BROKEN})
    found = check(root, bad)
    missing = [e for e in EXPECTED
               if not any((p.pos.file, p.pos.line) == e[:2] and e[2] in p.message for p in found)]
    assert not missing, "not reported:\n" + "\n".join(map(str, missing)) + "\n\ngot:\n" + "\n".join(map(str, found))
    assert len(EXPECTED) >= 14


def test_references_to_what_a_yaml_error_cost_are_not_reported_as_missing(root: Path) -> None:
    bad = mod(root, "bad", {"rooms.yaml": ROOMS, "encounter.yaml": ENCOUNTER, "broken.yaml": BROKEN})
    found = check(root, bad)
    assert not [p for p in found if "lost_thing" in p.message or ("'broken'" in p.message and "exist" in p.message)]
    assert not [p for p in found if "'copy'" in p.message], "a failed copy_from is one error, not a missing entry too"


def test_a_tab_is_called_a_tab_at_its_column(root: Path) -> None:
    tabbed = mod(root, "tabbed", {"r.yaml": "rooms:\n  yard:\n    name: Yard\n\tbrief: x\n"})
    assert [str(p) for p in check(root, tabbed) if p.severity == "error"] == [
        "tabbed/r.yaml:4:1: a tab character: YAML indents with spaces only; replace the tab with spaces."]


def test_a_yaml_error_costs_only_the_entry_it_is_in(root: Path) -> None:
    text = ("rooms:\n  yard:\n    name: [unclosed\n  cellar:\n    name: The Cold Cellar\n"
            "    exits: {up: shed, east: nowhere}\n")
    found = check(root, mod(root, "m", {"r.yaml": text}))
    assert [(p.pos.line, p.message.split(":")[0]) for p in found if p.severity == "error"] == [
        (4, "YAML syntax error"), (6, "room 'nowhere' does not exist; define it under rooms")]


def test_a_missing_required_mod_adds_one_error_and_a_note_not_its_consequences(root: Path) -> None:
    needy = mod(root, "needy", {"r.yaml": """\
rooms:
  annex:             # the required mod's room: only a change here
    exits: {west: yard}
  yard:
    exits: {west: annex}
    items: [lamp, lantern]
"""}, "requires: [lanterns]\n")
    found = sorted(check(root, needy), key=lambda p: p.severity)
    assert [p.severity for p in found] == ["error", "note"], "\n".join(map(str, found))
    assert "requires mod 'lanterns'" in found[0].message
    assert "load it to check this mod fully" in found[1].message


def test_one_id_written_across_two_files_of_a_mod_merges_in_file_order(root: Path) -> None:
    split = mod(root, "split", {
        "a.yaml": "rooms:\n  annex: {floor: ground, name: Annex, description: A small annex., exits: {west: yard}}\n",
        "b.yaml": "rooms:\n  annex: {name: The Annex}\n  yard: {exits: {west: annex}}\n",
    })
    world, found = check_world([split], root / "world")
    assert world is not None, "\n".join(map(str, found))
    assert (world.rooms["annex"].name, world.rooms["annex"].description) == ("The Annex", "A small annex.")


def test_a_duplicate_id_in_the_base_world_is_still_an_error(root: Path) -> None:
    (root / "world" / "more.yaml").write_text("rooms:\n  cellar: {floor: ground, name: C, description: D.}\n")
    assert any("duplicate id: room 'cellar'" in p.message for p in check(root))


def test_soft_locks_pass_validation_no_more(root: Path) -> None:
    text = ENCOUNTER.split("  fight:")[0]
    found = check(root, mod(root, "locks", {"e.yaml": text}))
    assert sorted((p.pos.line, p.code) for p in found if p.code in ("no-options", "stage-unreached")) == [
        (13, "no-options"), (14, "stage-unreached")]


def test_heal_minus_five_is_refused_with_what_to_write(root: Path) -> None:
    found = check(root, mod(root, "m", {"i.yaml": "items:\n  lamp:\n    on_take: [{heal: -5}]\n"}))
    assert [p.message for p in found if p.severity == "error"] == [
        "'heal' takes a whole number of 1 or more; got -5 (to take health away, use hurt:)."]


def test_a_misspelt_start_stage_is_one_error_not_a_second_for_the_real_start(root: Path) -> None:
    found = check(root, mod(root, "m", {"e.yaml": "encounters:\n  fight:\n    start: frist\n"}))
    assert [(p.pos.line, p.message.split(",")[0]) for p in found] == [(3, "encounter 'fight' starts at stage 'frist'")]


def test_a_key_indented_too_far_is_explained(root: Path) -> None:
    text = "items:\n  basket:\n    name: basket\n    description: A basket\n     holds: in\n"
    (problem,) = check(root, mod(root, "m", {"i.yaml": text}))
    assert (problem.pos.line, "indented more than the keys beside it" in problem.message) == (5, True)


def test_an_entry_refused_whole_is_not_reported_missing_where_it_is_used(root: Path) -> None:
    text = ("rooms:\n  Annex: {floor: ground, name: Annex, description: An annex.}\n  cellar:\n    exits: {east: Annex}\n"
            "room:\n  den: {floor: ground, name: Den, description: A den.}\n  shed: {exits: {north: den}}\n")
    found = [p for p in check(root, mod(root, "m", {"r.yaml": text})) if p.severity == "error"]
    assert [(p.pos.line, p.message.split(";")[0]) for p in found] == [
        (2, "'Annex' is not a valid id: use lower-case letters, digits and _ , starting with a letter."),
        (5, "unknown kind 'room' (did you mean 'rooms'?)")]


def test_an_unclosed_list_is_traced_to_the_line_it_opens_on_and_the_next_kind_is_still_read(root: Path) -> None:
    text = "rooms:\n  cellar:\n    items: [lamp, crate\nitems:\n  lamp: {name: lamp, description: A lamp., namez: [x]}\n"
    found = check(root, mod(root, "m", {"r.yaml": text}))
    first = found[0]
    assert (first.pos.line, "(in the [ list that starts at line 3, column 12)" in first.message) == (4, True)
    assert any(p.pos.line == 5 and "unknown key 'namez'" in p.message for p in found), "\n".join(map(str, found))


def test_a_duplicate_key_costs_only_its_entry(root: Path) -> None:
    text = ("rooms:\n  annex:\n    name: Annex\n    name: The Annex\n  yard:\n    exits: {west: annex}\n"
            "  cellar:\n    exits: {west: nowhere}\n")
    found = check(root, mod(root, "m", {"r.yaml": text}))
    assert [(p.pos.line, p.message.split(" (")[0].split(";")[0]) for p in found if p.severity == "error"] == [
        (4, "duplicate key 'name'"), (8, "room 'nowhere' does not exist")]


def test_a_file_that_cannot_be_read_at_all_leaves_its_kinds_unjudged(root: Path) -> None:
    text = "- stray: line\nrooms:\n  annex: {floor: ground}\n"
    uses = mod(root, "n", {"r.yaml": "rooms:\n  yard: {exits: {west: annex}}\n"})
    found = check(root, mod(root, "m", {"r.yaml": text}), uses)
    assert [p.severity for p in found] == ["error"], "\n".join(map(str, found))
