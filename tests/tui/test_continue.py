"""Issue 15 item 3: relaunching keeps the earlier game. One autosave per game (the earlier
game's moves aside, the oldest beyond five is dropped), and continuing resumes the newest save."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from game import saves
from game.session import Session


def played(world, home: Path, command: str = "take lamp") -> Session:
    session = Session(world, seed=1, home=home)
    session.opening()
    session.send(command)
    return session


def autosave_of(home: Path, name: str = "autosave") -> dict:
    return json.loads(saves.save_path(name, home).read_text())


def test_a_new_game_never_overwrites_the_earlier_games_autosave(mini_world, tmp_path: Path) -> None:
    first = played(mini_world, tmp_path, "take lamp")
    first.close()
    second = played(mini_world, tmp_path, "east")
    second.close()
    assert autosave_of(tmp_path)["state"]["room"] == "shed"  # the game just played
    assert autosave_of(tmp_path, "autosave-1")["state"]["items"]["lamp"] == "@inventory"  # the one before, kept


def test_a_game_autosaving_again_writes_over_its_own_autosave_only(mini_world, tmp_path: Path) -> None:
    session = played(mini_world, tmp_path)
    session.autosave()
    session.send("east")
    session.autosave()
    assert autosave_of(tmp_path)["state"]["room"] == "shed"
    assert not saves.save_path("autosave-1", tmp_path).exists()


def test_only_five_earlier_autosaves_are_kept_the_oldest_goes(mini_world, tmp_path: Path) -> None:
    for n in range(8):
        session = played(mini_world, tmp_path, "east" if n == 0 else "take lamp")
        session.close()
    names = sorted(entry["name"] for entry in saves.list_saves(tmp_path))
    assert names == ["autosave", *(f"autosave-{n}" for n in range(1, saves.AUTOSAVES_KEPT + 1))]
    assert all(autosave_of(tmp_path, name)["state"]["room"] == "yard" for name in names)  # the first game rotated out


def test_continuing_resumes_the_newest_save_and_then_autosaves_over_it(mini_world, tmp_path: Path) -> None:
    played(mini_world, tmp_path, "east").close()
    again = Session(mini_world, seed=1, home=tmp_path)
    again.opening()
    last = again.last_game()
    assert last is not None and last["name"] == "autosave" and last["turn"] == 1 and last["room"] == "The Shed"
    events = again.continue_last()
    assert events is not None and again.game.state.room == "shed"
    again.send("west")
    again.close()
    assert autosave_of(tmp_path)["state"]["room"] == "yard"
    assert not saves.save_path("autosave-1", tmp_path).exists()  # the same game goes on in its own autosave


def test_continuing_with_no_save_says_so(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    session.opening()
    assert session.last_game() is None and session.continue_last() is None


def test_loading_another_save_keeps_the_current_autosave_aside(mini_world, tmp_path: Path) -> None:
    session = played(mini_world, tmp_path, "take lamp")
    session.send("save slot")
    session.send("east")
    session.autosave()  # this game's autosave: in the shed
    other = Session(mini_world, seed=1, home=tmp_path)
    other.opening()
    other.send("load slot")
    other.send("north")
    other.close()
    assert autosave_of(tmp_path)["state"]["room"] == "street"
    assert autosave_of(tmp_path, "autosave-1")["state"]["room"] == "shed"


def run_city(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CITY_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, check=False)


def test_city_play_continue_in_plain_mode(tmp_path: Path) -> None:
    first = run_city(tmp_path, "play", "--plain", stdin="down\n")  # the bundled world: from the loft to the commons
    assert first.returncode == 0
    again = run_city(tmp_path, "play", "--plain", "--continue", stdin="look\n")
    assert again.returncode == 0 and "Loaded 'autosave'." in again.stdout and "The Commons" in again.stdout


def test_city_play_continue_with_nothing_saved_starts_anew(tmp_path: Path) -> None:
    out = run_city(tmp_path, "play", "--plain", "--continue", stdin="")
    assert out.returncode == 0 and "no saved game to continue; a new game begins" in out.stderr


def test_continue_and_load_together_is_bad_usage(tmp_path: Path) -> None:
    out = run_city(tmp_path, "play", "--plain", "--continue", "--load", "x")
    assert out.returncode == 2 and "use one of them" in out.stderr
