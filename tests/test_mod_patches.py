"""List patches, copy_from, priority: and warnings a mod can steer or acknowledge (issue 16).

Each test lays a small mod over the mini world (tests/worlds/mini) and checks the merged
world, or the one problem the mod should get, at its line.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.game import Game
from game.world.load import check_world
from game.world.model import World
from game.world.problems import Problem


def mod(root: Path, folder: str, files: dict[str, str], extra: str = "") -> Path:
    path = root / folder
    path.mkdir()
    (path / "mod.yaml").write_text(f"id: {folder}\nname: A Mod\nversion: '1.0'\n{extra}")
    for name, text in files.items():
        (path / name).write_text(text)
    return Path(folder)


def world_of(root: Path, *mods: Path) -> World:
    world, found = check_world(list(mods), root / "world")
    assert world is not None, "\n".join(map(str, found))
    return world


def problems(root: Path, *mods: Path) -> list[Problem]:
    return check_world(list(mods), root / "world")[1]


# --- list patches ---------------------------------------------------------------------

def test_options_are_removed_edited_and_inserted_by_key_in_that_order(root: Path) -> None:
    patch = mod(root, "p", {"e.yaml": """\
encounters:
  fight:
    stages:
      first:
        options:
          remove: [run]
          edit: {fight: {label: Fight back, text: ~}}
          before: {fight: [{key: hide, label: Hide}]}
          after: {fight: [{key: bargain, label: Bargain}]}
          prepend: [{key: pray, label: Pray}]
          extend: [{key: wait, label: Wait}]
"""})
    options = world_of(root, patch).encounters["fight"].stages["first"].options
    assert [(o.key, o.label) for o in options] == [
        ("pray", "Pray"), ("hide", "Hide"), ("fight", "Fight back"), ("bargain", "Bargain"), ("wait", "Wait")]
    fight = options[2]
    assert (fight.text, fight.next, fight.effects) == (None, "second", ({"hurt": 1},))


def test_topics_by_their_first_word_and_plain_words_by_themselves(root: Path) -> None:
    patch = mod(root, "p", {"c.yaml": """\
characters:
  ada:
    topics:
      remove: [tower]
      edit: {yard: {text: '"Home, sweet home," says Ada.'}}
rooms:
  yard:
    items: {remove: [rusty_key], before: {lamp: [crate]}}
  shed:
    items: {remove: [crate]}
"""})
    world = world_of(root, patch)
    assert [(t.about[0], t.text) for t in world.characters["ada"].topics] == [("yard", '"Home, sweet home," says Ada.')]
    assert world.rooms["yard"].items == ("crate", "lamp", "brass_key")


def test_variants_and_replies_are_named_by_an_id(root: Path) -> None:
    base = mod(root, "base", {"c.yaml": """\
characters:
  ada:
    talk:
      - {id: worried, when: {flag: hatch_open}, text: '"The hatch!"'}
      - {id: hello, text: '"Hello," says Ada.'}
"""})
    patch = mod(root, "patch", {"c.yaml": """\
characters:
  ada:
    talk:
      edit: {hello: {text: '"Hi," says Ada.'}}
      after: {worried: [{id: cellar, when: {visited: cellar}, text: '"Cold down there."'}]}
"""}, "requires: [base]\n")
    talk = world_of(root, base, patch).characters["ada"].talk
    assert [(r.id, r.text) for r in talk] == [
        ("worried", '"The hatch!"'), ("cellar", '"Cold down there."'), ("hello", '"Hi," says Ada.')]


def test_a_patch_key_that_matches_nothing_is_an_error_at_its_line_listing_the_keys(root: Path) -> None:
    patch = mod(root, "p", {"e.yaml": "characters:\n  ada:\n    topics:\n      remove: [towr]\n"})
    found = [p for p in problems(root, patch) if p.severity == "error"]
    assert [(p.pos.file, p.pos.line) for p in found] == [("p/e.yaml", 4)]
    assert "no element 'towr' in topics of character 'ada' (did you mean 'tower'?); its elements are yard, tower" \
        in found[0].message


def test_errors_inside_patched_elements_point_at_the_mod_line(root: Path) -> None:
    patch = mod(root, "p", {"e.yaml": """\
encounters:
  fight:
    stages:
      first:
        options:
          after:
            fight:
              - {key: hide, label: Hide, next: nowhere}
"""})
    found = [p for p in problems(root, patch) if p.severity == "error"]
    assert [(p.pos.file, p.pos.line, "stage 'nowhere' does not exist" in p.message) for p in found] == [
        ("p/e.yaml", 8, True)]


# --- copy_from ------------------------------------------------------------------------

def test_copy_from_starts_an_entry_as_a_copy_and_lays_its_own_fields_over_it(root: Path) -> None:
    copies = mod(root, "c", {"i.yaml": """\
items:
  silver_key:
    copy_from: brass_key
    name: silver key
  gold_key:
    copy_from: silver_key      # a chain: the silver key as this mod made it
    name: gold key
rooms:
  cellar:
    items: [silver_key, gold_key]
"""})
    world = world_of(root, copies)
    brass, silver, gold = (world.items[i] for i in ("brass_key", "silver_key", "gold_key"))
    assert (silver.name, gold.name) == ("silver key", "gold key")
    assert silver.uses == brass.uses == gold.uses and silver.description == "A brass key."


def test_copy_from_in_a_circle_is_an_error_at_the_copy_from_line(root: Path) -> None:
    circle = mod(root, "c", {"i.yaml": """\
items:
  one:
    copy_from: two
  two:
    copy_from: one
"""})
    found = [p for p in problems(root, circle) if p.severity == "error"]
    assert len(found) == 1 and "copy_from goes round in a circle" in found[0].message, "\n".join(map(str, found))
    assert found[0].pos.line in (3, 5)


def test_copy_from_an_unknown_id_suggests_the_close_one(root: Path) -> None:
    bad = mod(root, "c", {"i.yaml": "items:\n  x:\n    copy_from: brass_kye\n"})
    found = [p for p in problems(root, bad) if p.severity == "error"]
    assert [str(p) for p in found] == [
        "c/i.yaml:3:16: cannot copy from item 'brass_kye': no such item (did you mean 'brass_key'?); copy_from names an "
        "entry of the same kind defined in the world or in a mod loaded earlier."]


# --- priority and never-chosen --------------------------------------------------------

HINTS = """\
hints:
  everywhere:
    tiers: [Look around.]
  {name}:
    when: {{in: shed}}
    tiers: [Try the hatch.]
{priority}"""


def test_a_mod_hint_after_one_that_always_holds_is_warned_about(root: Path) -> None:
    plain = mod(root, "plain", {"h.yaml": HINTS.format(name="shed_hint", priority="")})
    found = [p for p in problems(root, plain) if p.code == "never-chosen"]
    assert [(p.pos.file, p.pos.line) for p in found] == [("plain/h.yaml", 4)]
    assert str(found[0]).endswith("[never-chosen]")


def test_priority_puts_a_mod_hint_first_and_the_engine_gives_it(root: Path) -> None:
    steered = mod(root, "steered", {"h.yaml": HINTS.format(name="shed_hint", priority="    priority: 5\n")})
    assert not [p for p in problems(root, steered) if p.code == "never-chosen"]
    world = world_of(root, steered)
    assert list(world.hints) == ["shed_hint", "everywhere"]
    game = Game(world, seed=1)
    game.step("east")
    assert any("Try the hatch." in getattr(e, "text", "") for e in game.step("hint"))


def test_variants_are_tried_by_priority_with_their_positions_kept(root: Path) -> None:
    rooms = mod(root, "r", {"r.yaml": """\
rooms:
  cellar:
    variants:
      - {id: plain, when: {visited: cellar}, description: A cellar you know.}
      - {id: lit, when: [{visited: cellar}, {has: lamp}], description: A lit cellar., priority: 1}
"""})
    world, found = check_world([rooms], root / "world")
    assert world is not None and [v.id for v in world.rooms["cellar"].variants] == ["lit", "plain"]
    assert not [p for p in found if p.code == "never-chosen"]


# --- warnings: requires and allow -----------------------------------------------------

def test_a_mod_changing_a_mod_it_requires_is_not_warned_but_an_unrelated_one_is(root: Path) -> None:
    first = mod(root, "first", {"r.yaml": "rooms:\n  cellar: {name: The First Cellar}\n"})
    builds_on = mod(root, "builds_on", {"r.yaml": "rooms:\n  cellar: {name: The Second Cellar}\n"}, "requires: [first]\n")
    assert not [p for p in problems(root, first, builds_on) if p.code == "overrides"]
    stranger = mod(root, "stranger", {"r.yaml": "rooms:\n  cellar: {name: A Third Cellar}\n"}, "after: [first]\n")
    assert [p.pos.file for p in problems(root, first, stranger) if p.code == "overrides"] == ["stranger/r.yaml"]


def test_a_warning_named_under_allow_is_not_printed_and_a_wrong_name_is(root: Path) -> None:
    text = "endings:\n  secret: {title: Secret, text: For another mod to reach.}\n"
    loud = mod(root, "loud", {"e.yaml": text})
    assert [p.code for p in problems(root, loud)] == ["never-reached"]
    quiet = mod(root, "quiet", {"e.yaml": text}, "allow: [never-reached]\n")
    assert problems(root, quiet) == []
    typo = mod(root, "typo", {"e.yaml": text}, "allow: [never-reachd]\n")
    assert ["did you mean 'never-reached'" in p.message for p in problems(root, typo) if not p.code] == [True]


def test_remove_and_edit_take_every_element_of_a_key_before_and_after_the_first(root: Path) -> None:
    twice = mod(root, "twice", {"e.yaml": """\
encounters:
  fight:
    stages:
      second:
        options:
          - {key: fight, label: Fight on, when: {flag: armed}}
          - {key: fight, label: Fight on bare-handed}
          - {key: surrender, label: Give up, ending: dead}
"""})
    patch = mod(root, "patch", {"e.yaml": """\
encounters:
  fight:
    stages:
      second:
        options:
          edit: {fight: {text: You fight.}}
          after: {fight: [{key: dodge, label: Dodge}]}
          remove: [surrender]
"""}, "requires: [twice]\n")
    options = world_of(root, twice, patch).encounters["fight"].stages["second"].options
    assert [(o.key, o.text) for o in options] == [("fight", "You fight."), ("dodge", None), ("fight", "You fight.")]


def test_a_mapping_field_whose_keys_look_like_patch_words_still_merges(root: Path) -> None:
    features = mod(root, "f", {"r.yaml": "rooms:\n  yard:\n    features:\n      before: {text: What was here before.}\n"})
    assert set(world_of(root, features).rooms["yard"].features) == {"gate", "before"}


def test_copy_from_works_in_the_world_itself_and_a_null_takes_a_copied_field_away(root: Path) -> None:
    (root / "world" / "more.yaml").write_text(
        "rooms:\n  cellar_two:\n    copy_from: cellar\n    exits: {up: ~, east: ~, west: cellar}\n")
    world_file = root / "world" / "world.yaml"
    world_file.write_text(world_file.read_text().replace("    exits: {up: shed}\n", "    exits: {up: shed, east: cellar_two}\n"))
    world = world_of(root)
    assert {d: e.to for d, e in world.rooms["cellar_two"].exits.items()} == {"west": "cellar"}
    assert world.rooms["cellar_two"].description == "A cold cellar."


def test_never_chosen_knows_a_room_is_on_its_floor_and_an_any_holds_with_one_part(root: Path) -> None:
    hints = mod(root, "h", {"h.yaml": """\
hints:
  on_the_ground:
    when: {on_floor: ground}
    tiers: [Everywhere on the ground floor.]
  in_the_shed:
    when: {in: shed}
    tiers: [Never given.]
  either:
    when: {any: [{flag: hatch_open}, {in: cellar}]}
    tiers: [Given off the ground floor, when the hatch is open.]
  flagged:
    when: {flag: hatch_open}
    tiers: [Never given: either holds whenever this does.]
"""})
    found = [p for p in problems(root, hints) if p.code == "never-chosen"]
    assert [p.pos.line for p in found] == [5, 11], "\n".join(map(str, found))
    assert "hint 'on_the_ground'" in found[0].message and "hint 'either'" in found[1].message
