"""Hardening (issue 12), saves: names kept as typed, a bad file never breaks the listing, a
save checked whole against the world before it replaces anything, open questions not saved,
the command log bounded. Items 8, 9, 10, 12, 14, 17 and 20."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import saves
from game.engine.game import VOLATILE
from game.savefile import SaveError, check_payload
from game.session import MAX_INPUT, Session
from game.textview import render
from game.world.load import load_world

MINI = Path(__file__).parent / "worlds" / "mini"

WORLD = load_world(world_dir=MINI, use_cache=False)
PLAY = ["n", "s", "e", "w", "d", "u", "take all", "drop all", "take lamp", "use key on hatch", "talk to ada", "tower",
        "bye", "hide", "wait", "run", "fight", "1", "2", "look", "give lamp to man", "sleep", "yes", "no", "g", "again",
        "undo", "redo", "it", "x it", "hint", "map", "i", "saves", "xyzzy", ""]


@pytest.fixture
def session(tmp_path: Path) -> Session:
    s = Session(WORLD, seed=4, home=tmp_path)
    s.opening()
    return s


def lasting(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k not in VOLATILE}


def saved(tmp_path: Path, session: Session, name: str = "good") -> dict[str, Any]:
    assert "Saved as" in render(session.send(f"save {name}"))
    return json.loads(saves.save_path(name, tmp_path).read_text(encoding="utf-8"))


def put(tmp_path: Path, name: str, data: Any) -> None:
    saves.save_path(name, tmp_path).write_text(json.dumps(data), encoding="utf-8")


# -- 12, 20: names ---------------------------------------------------------------------------

NAMES = ["a", "my.game", "名前", "../../x", "m_again", "a/b", "..", ".hidden", "CON", "con.txt", "NUL:", "x\\y",
         "C:\\windows", "%2e%2e", "slot 1", "Ünïcödé", "-dash", "e\u0301"]


@pytest.mark.parametrize("name", NAMES)
def test_a_save_name_is_kept_as_typed_and_loads_by_that_name(session: Session, tmp_path: Path, name: str) -> None:
    session.send("take lamp")
    out = render(session.send(f"save {name}"))
    shown = saves.clean_name(name)
    assert f"Saved as '{shown}'." in out
    assert not (tmp_path / "saves" / "quicksave.json").exists()  # no name falls back to another save
    listed = render(session.send("saves"))
    assert f"  {shown}: turn 1" in listed
    session.send("drop lamp")
    assert f"Loaded '{shown}'." in render(session.send(f"load {name}"))
    assert session.game.state.items["lamp"] == "@inventory"


def test_distinct_names_are_distinct_saves(session: Session, tmp_path: Path) -> None:
    for name in NAMES:
        session.send(f"save {name}")
    files = sorted(p.name for p in (tmp_path / "saves").iterdir())
    assert len(files) == len({saves.clean_name(n) for n in NAMES})
    listed = {e["name"] for e in saves.list_saves(tmp_path)}
    assert listed == {saves.clean_name(n) for n in NAMES}  # what `saves` shows is what `load` finds


@pytest.mark.parametrize("name, why", [("x" * 41, "too long"), ("a\x00b", "printable"), ("   ", "needs a name")])
def test_an_unusable_name_is_refused_with_the_reason(tmp_path: Path, name: str, why: str) -> None:
    with pytest.raises(SaveError, match=why):
        saves.save_path(name, tmp_path)


def escapes(home: Path, names: list[str]) -> list[str]:
    """The names whose save file would lie anywhere but directly in home/saves, or be hidden or reserved."""
    folder = (home / "saves").resolve()
    bad = []
    for name in names:
        try:
            path = saves.save_path(name, home)
        except SaveError:
            continue
        resolved = (folder / path.name).resolve()
        stem = path.name[: -len(".json")]
        if (path.parent.resolve() != folder or resolved.parent != folder or path.name.startswith(".") or "/" in path.name
                or "\\" in path.name or ":" in path.name or stem.lower().split(".")[0] in {"con", "nul", "aux", "prn"}):
            bad.append(name)
    return bad


HOSTILE = ["../escape", "a/b", "../../etc/passwd", "/abs", "..", ".", ".hidden", "CON", "nul.txt", "x:y", "a\\b",
           "C:\\x", "aux", "com1", "..\\..\\x"]


def test_save_names_never_leave_the_folder(tmp_path: Path) -> None:
    """Item 20: the guard itself (save_path), on its own, against names the parser never lets through."""
    assert escapes(tmp_path, HOSTILE) == []


def test_the_folder_check_fails_without_the_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above can fail: with save_path reduced to joining the name on (no guard), it finds escapes."""
    monkeypatch.setattr(saves, "save_path", lambda name, home=None: home / "saves" / f"{name}.json")
    assert set(escapes(tmp_path, HOSTILE)) >= {"../escape", "a/b", "..", ".hidden", "CON", "../../etc/passwd"}


def test_each_layer_of_the_guard_holds_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the encoding gone, save_path's own check on the folder still refuses every escape."""
    monkeypatch.setattr(saves, "encode_name", lambda name: name)
    for name in ("../escape", "a/b", "../../etc/passwd"):
        with pytest.raises(SaveError):
            saves.save_path(name, tmp_path)


def test_a_typed_hostile_name_writes_inside_saves_only(session: Session, tmp_path: Path) -> None:
    for name in HOSTILE:
        session.send(f"save {name}")
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(p.parent == tmp_path / "saves" for p in written)


def test_a_save_made_by_an_older_version_under_a_dashed_name_still_loads(session: Session, tmp_path: Path) -> None:
    data = saved(tmp_path, session, "x")
    put(tmp_path, "my-game", data)  # older versions wrote `my game` as my-game.json
    assert "Loaded 'my game'." in render(session.send("load my game"))


# -- 9: the listing ----------------------------------------------------------------------------

def test_bad_files_in_saves_are_listed_as_such_and_the_good_ones_still_load(session: Session, tmp_path: Path) -> None:
    good = saved(tmp_path, session, "good")
    folder = tmp_path / "saves"
    os.symlink(tmp_path / "nowhere", folder / "dangling.json")
    os.symlink("/dev/zero", folder / "zero.json")
    os.mkfifo(folder / "fifo.json")
    (folder / "folder.json").mkdir()
    put(tmp_path, "summary", {**good, "summary": ["not", "a", "dict"]})
    put(tmp_path, "deep", {**good, "summary": {"turn": "x", "room": 5}})
    (folder / "digits.json").write_text('{"format": 2, "summary": {"turn": ' + "9" * 5000 + "}}")
    (folder / "nested.json").write_text("[" * 100_000)
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00")
    listed = render(session.send("saves"))
    assert "  good: turn 0" in listed
    for name in ("dangling", "zero", "fifo", "folder", "summary", "deep", "digits", "nested", "binary"):
        assert f"  {name}: cannot be loaded" in listed, name
    assert "link" in listed and "named pipe" in listed
    for name in ("dangling", "zero", "fifo", "folder", "digits", "nested", "binary"):
        assert "Not loaded" in render(session.send(f"load {name}")), name
    assert "Loaded 'good'." in render(session.send("load good"))


# -- 8, 10: a save checked whole ---------------------------------------------------------------

def mutated(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    target = out
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return out


def nested(depth: int) -> Any:
    value: Any = True
    for _ in range(depth):
        value = {"x": value}
    return value


CORRUPT = [
    (("mods",), [[]]),
    (("mods",), [["a"]]),
    (("mods",), "none"),
    (("state", "flags"), {"deep": nested(600)}),
    (("state", "flags"), {"list": [1, 2]}),
    (("state", "flags"), "flags"),
    (("state", "last_command"), "again\x00"),
    (("state", "last_command"), "x" * 5000),
    (("state", "hint_tiers"), {"h": "x"}),
    (("state", "hint_tiers"), [1]),
    (("state", "it"), [5]),
    (("state", "it"), "lamp"),
    (("state", "it"), ["nocolon"]),
    (("state", "fired"), None),
    (("state", "pursuers"), [{"kind": "hunter", "room": "street", "tower": None, "patience": "x"}]),
    (("state", "pursuers"), [{"kind": "hunter", "room": "street", "tower": "nowhere", "patience": 3}]),
    (("state", "pursuers"), [{"kind": "hunter", "room": "street", "patience": 3, "extra": 1}]),
    (("state", "pursuers"), [5]),
    (("state", "encounter"), "no_such_encounter"),
    (("state", "stage"), "no_such_stage"),
    (("state", "dialogue"), "nobody"),
    (("state", "known"), "the_moon"),
    (("state", "encounter_pursuer"), "ghost"),
    (("state", "ending"), "no_such_ending"),
    (("state", "health"), 99),
    (("state", "health"), -1),
    (("state", "alert"), 11),
    (("state", "alert"), -5),
    (("state", "food"), -1),
    (("state", "moves"), 10**30),
    (("state", "rng"), -1),
    (("state", "rng"), 2**70),
    (("state", "seed"), 1.5),
    (("state", "seed"), True),
    (("state", "room"), None),
    (("state", "room"), ["yard"]),
    (("state", "items"), {"lamp": 5}),
    (("state", "items"), {"moon": "yard"}),
    (("state", "characters"), {"ada": "the_moon"}),
    (("state", "visited"), "yard"),
    (("state", "journal"), ["x" * 10_000]),
    (("state", "verbose"), "yes"),
    (("state", "hidden"), 1),
    (("state", "phase"), "flying"),
    (("state", "unknown_field"), 1),
    (("undo",), "none"),
    (("redo",), 5),
    (("commands",), {"a": 1}),
    (("format",), 99),
    (("format",), "2"),
    (("format",), 10**5000 if False else -1),
    (("game",), "another-game"),
]


@pytest.mark.parametrize("path, value", CORRUPT, ids=[f"{'.'.join(map(str, p))}={str(v)[:20]}" for p, v in CORRUPT])
def test_corrupt_contents_are_refused_and_nothing_changes(session: Session, tmp_path: Path, path: tuple[Any, ...],
                                                          value: Any) -> None:
    good = saved(tmp_path, session)
    put(tmp_path, "bad", mutated(good, path, value))
    session.send("take lamp")
    before = session.game.state.to_dict()
    out = render(session.send("load bad"))
    assert "Not loaded" in out, out
    assert session.game.state.to_dict() == before
    for command in PLAY:  # and the game goes on
        session.send(command)


def test_pending_set_to_anything_is_dropped_not_answered(session: Session, tmp_path: Path) -> None:
    good = saved(tmp_path, session)
    for pending in ({}, {"confirm": "quit"}, {"command": "take \x00", "candidates": ["item:lamp"]}, nested(600), 5):
        put(tmp_path, "p", mutated(good, ("state", "pending"), pending))
        assert "Loaded 'p'." in render(session.send("load p"))
        assert session.game.state.pending is None
        session.send("yes")
        session.send("1")
        assert not session.quit


def test_again_that_would_repeat_itself_after_a_load_does_not_recurse(session: Session, tmp_path: Path) -> None:
    good = saved(tmp_path, session)
    for last in ("again", "g", "g. g", "again then again"):
        put(tmp_path, "a", mutated(good, ("state", "last_command"), last))
        session.send("load a")
        for command in ("again", "g", "g. g. g"):
            render(session.send(command))


def test_an_unknown_state_field_is_refused_saying_the_version(session: Session, tmp_path: Path) -> None:
    good = saved(tmp_path, session)
    put(tmp_path, "new", mutated(good, ("state", "telepathy"), 3))
    out = render(session.send("load new"))
    assert "Not loaded" in out and "does not know (telepathy)" in out


def test_a_state_field_left_out_takes_its_default(session: Session, tmp_path: Path) -> None:
    """An older save without a field added since: migrated by the field's default, not refused."""
    good = saved(tmp_path, session)
    del good["state"]["journal"], good["state"]["hint_tiers"]
    put(tmp_path, "old", good)
    assert "Loaded 'old'." in render(session.send("load old"))


def test_a_save_naming_a_room_the_world_no_longer_has_is_refused_with_the_room(session: Session, tmp_path: Path) -> None:
    good = saved(tmp_path, session)
    good["world"] = "changed"
    good["state"]["visited"].append("old_room")
    put(tmp_path, "gone", good)
    out = render(session.send("load gone"))
    assert "Not loaded" in out and "visited rooms" in out


def test_another_mod_version_loads_with_a_note(tmp_path: Path) -> None:
    data = {"format": 2, "game": "the-city", "world": WORLD.fingerprint, "mods": [["extra", "1.0"]], "state": {},
            "undo": [], "redo": [], "commands": []}
    world = load_world(world_dir=MINI, use_cache=False)
    object.__setattr__(world, "mods", (("extra", "2.0"),))
    session = Session(world, seed=4, home=tmp_path)
    session.opening()
    data["state"] = session.game.save_data()["state"]
    checked = check_payload(data, world, "x")
    assert checked.notes and "changed" in checked.notes[0]
    with pytest.raises(SaveError, match=r"was saved with extra 1\.0; this game runs no mods"):
        check_payload(data, WORLD, "x")


def test_an_undo_history_that_no_longer_fits_is_dropped_with_a_note(session: Session, tmp_path: Path) -> None:
    session.send("take lamp")
    good = saved(tmp_path, session)
    good["undo"][0]["room"] = "old_room"
    put(tmp_path, "h", good)
    out = render(session.send("load h"))
    assert "Loaded 'h'." in out and "undo history" in out
    assert session.game.undo_stack == []


# -- 17: an open question ----------------------------------------------------------------------

def test_an_open_question_is_not_saved_and_a_bare_number_after_a_load_answers_nothing(session: Session,
                                                                                      tmp_path: Path) -> None:
    session.send("take rusty")
    out = render(session.send("take brass"))
    assert "Which do you mean" in out and session.game.state.pending is not None
    session.close()  # end of input, a signal...: the autosave
    data = json.loads(saves.save_path("autosave", tmp_path).read_text())
    assert data["state"]["pending"] is None
    fresh = Session(WORLD, seed=4, home=tmp_path)
    fresh.opening()
    fresh.load_file("autosave")
    assert fresh.game.state.pending is None
    fresh.send("1")
    assert fresh.game.items_at("@inventory") == ["rusty_key"]


# -- 14: long lines ----------------------------------------------------------------------------

def test_a_long_line_is_cut_and_the_player_told_and_the_log_stays_small(session: Session, tmp_path: Path) -> None:
    out = render(session.send("take lamp " + "x" * 1_000_000))
    assert f"only the first {MAX_INPUT} were read" in out
    assert all(len(c) <= MAX_INPUT for c in session.commands_sent)
    for _ in range(30):
        session.send("look " + "y" * 100_000)
    session.send("save big")
    assert saves.save_path("big", tmp_path).stat().st_size < 1_000_000


def test_the_session_reads_what_the_engine_reads() -> None:
    from game.engine.words import MAX_INPUT as ENGINE

    assert MAX_INPUT == ENGINE


# -- the whole shape, mutated at random, then played --------------------------------------------

def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value[:3]):
            out += _paths(inner, (*prefix, index))
    return out


def _base_save() -> dict[str, Any]:
    import tempfile

    home = Path(tempfile.mkdtemp(prefix="city-base-"))
    s = Session(WORLD, seed=9, home=home)
    s.opening()
    for command in ("take lamp", "e", "w", "n", "talk to ada", "bye", "s", "take key", "1"):
        s.send(command)
    s.send("save base")
    return json.loads(saves.save_path("base", home).read_text())


BASE = _base_save()
PATHS = _paths(BASE)
STATE_PATHS = [p for p in PATHS if p[0] == "state" or p[:2] == ("undo", 0)]  # where a bad value does the most harm
JUNK = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
                 st.text(max_size=30), st.sampled_from(["yard", "lamp", "again", "ada", "fight", "@inventory", "hunter"]),
                 st.lists(st.sampled_from(["yard", "lamp", 3, None]), max_size=3),
                 st.dictionaries(st.sampled_from(["yard", "lamp", "kind", "room"]), st.sampled_from(["yard", 1, None]),
                                 max_size=3))


@settings(max_examples=int(os.environ.get("CITY_HYPOTHESIS_EXAMPLES", "100")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(st.one_of(st.sampled_from(STATE_PATHS), st.sampled_from(PATHS)), JUNK, st.booleans()),
                        min_size=1, max_size=4),
       commands=st.lists(st.sampled_from(PLAY), min_size=50, max_size=50))
def test_any_mutated_save_is_refused_or_loads_and_then_50_commands_play(tmp_path: Path, changes: list[Any],
                                                                        commands: list[str]) -> None:
    data = copy.deepcopy(BASE)
    for path, value, delete in changes:
        target: Any = data
        try:
            for key in path[:-1]:
                target = target[key]
            if delete and isinstance(target, dict):
                target.pop(path[-1], None)
            else:
                target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    home = tmp_path / "h"
    (home / "saves").mkdir(parents=True, exist_ok=True)
    (home / "saves" / "m.json").write_text(json.dumps(data))
    session = Session(WORLD, seed=1, home=home)
    session.opening()
    before = lasting(session.game.state.to_dict())
    out = render(session.send("load m"))
    if "Not loaded" in out:
        assert lasting(session.game.state.to_dict()) == before
    else:
        assert "Loaded 'm'." in out
    for command in commands:
        session.send(command)
        session.state_summary()
        session.commands()
    session.close()


# -- 13: a killed save leaves nothing for long ---------------------------------------------------

KILLER = """
import sys
from pathlib import Path
from game import saves
path = Path(sys.argv[1])
big = {"format": 2, "game": "the-city", "state": {"pad": "x" * 400000}}
while True:
    saves.write_save(path, big)
"""


def test_temporary_files_of_killed_saves_are_gone_after_the_next_save(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "saves" / "slot.json"
    for attempt in range(10):
        proc = subprocess.Popen([sys.executable, "-c", KILLER, str(path)], env=os.environ.copy())
        time.sleep(0.3 + 0.03 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    saves.write_save(tmp_path / "saves" / "other.json", {"format": 2})
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".json")) == []
