"""The engine's design as a specification: declared verbs, exact snapshots, state hashes,
saves and loads at their place in a line, and layers that do not loop back."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.game import Game
from game.engine.grammar import GrammarError, Registry
from game.engine.offers import offers
from game.engine.phases import PHASES
from game.engine.verbs import REGISTRY
from game.engine.verbs.meta import help_lines
from game.session import Session
from game.textview import render

GAME = Path(__file__).resolve().parent.parent / "game"
MINI = Path(__file__).resolve().parent / "worlds" / "mini"
COMMANDS = ["take lamp", "n", "hide", "wait", "e", "w", "s", "e", "take brass key", "use key on hatch", "d", "u", "w"]


def play(game: Game, commands: list[str]) -> str:
    return "\n".join(render(game.step(c)) for c in commands)


# -- declared verbs -------------------------------------------------------------------------

def test_every_verb_declares_its_phases_and_help_and_help_lists_them_all() -> None:
    lines = help_lines()
    for verb in REGISTRY.verbs.values():
        assert verb.phases and verb.phases <= set(PHASES), verb.name
        assert verb.usage and verb.usage != verb.name, f"{verb.name} has no help line (its docstring)"
        assert f"  {verb.usage}" in lines


def test_one_word_heads_lines_of_several_verbs() -> None:
    verbs = {line.verb for line in REGISTRY.heads["look"]}
    assert {"look", "examine"} <= verbs
    assert {line.verb for line in REGISTRY.heads["put"]} >= {"apply", "drop"}


def test_the_registry_refuses_a_line_declared_twice_and_unknown_slots() -> None:
    registry = Registry()

    @registry.verb("poke", "poke|prod [obj]", phases={"exploring"}, group="objects")
    def poke(ctx: object, c: object) -> None:
        """poke THING"""

    with pytest.raises(GrammarError, match="declared twice"):
        registry.line("poke", "prod [obj]")
    with pytest.raises(GrammarError, match="declared twice"):
        registry.verb("poke", phases={"exploring"}, group="objects")(poke)
    with pytest.raises(GrammarError, match="unknown slot"):
        registry.line("poke", "poke [thingy]")
    registry.line("poke", "poke [obj] with [obj2]")  # a new line for a known word is fine


# -- exact snapshots and state hashes ---------------------------------------------------------

def test_a_restored_snapshot_plays_on_exactly_like_the_original(mini_world) -> None:
    game = Game(mini_world, seed=11)
    game.opening()
    play(game, COMMANDS[:3])
    snap = game.snapshot()
    first = play(game, COMMANDS[3:])
    end_hash = game.state_hash()
    game.restore(snap)
    assert play(game, COMMANDS[3:]) == first  # RNG included: the same rolls come again
    assert game.state_hash() == end_hash
    game.restore(snap)  # a snapshot survives being restored from
    assert game.state == snap and game.state is not snap


def test_a_snapshot_shares_nothing_that_changes(mini_world) -> None:
    game = Game(mini_world, seed=2)
    game.opening()
    game.step("take lamp. n. ask ada about tower")
    snap = game.snapshot()
    before = snap.to_dict()
    game.step("drop lamp. s. take all. e")
    game.state.flags["x"] = 1
    assert snap.to_dict() == before


def test_equal_states_have_equal_hashes_and_any_difference_shows(mini_world) -> None:
    a, b = Game(mini_world, seed=5), Game(mini_world, seed=5)
    a.opening(), b.opening()
    play(a, COMMANDS)
    play(b, COMMANDS)
    assert a.state_hash() == b.state_hash()
    seen = {a.state_hash()}
    snap = a.snapshot()
    for change in (lambda s: setattr(s, "rng", s.rng + 1), lambda s: s.flags.update(x=True),
                   lambda s: s.visited.reverse(), lambda s: setattr(s, "last_command", "look")):
        a.restore(snap)
        change(a.state)
        seen.add(a.state_hash())
    assert len(seen) == 5


def test_the_hash_is_the_same_in_another_process_with_another_hash_seed(mini_world) -> None:
    game = Game(mini_world, seed=3)
    game.opening()
    play(game, COMMANDS)
    script = (
        "import sys; from game.world.load import load_world; from game.engine.game import Game\n"
        f"g = Game(load_world(world_dir=sys.argv[1], use_cache=False), seed=3); g.opening()\n"
        f"[g.step(c) for c in {COMMANDS!r}]\n"
        "print(g.state_hash())\n"
    )
    for hash_seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", script, str(MINI)], capture_output=True, text=True, env=env, check=True)
        assert out.stdout.strip() == game.state_hash()


# -- saves and loads act at their own place in a line -------------------------------------------

def test_save_in_the_middle_of_a_line_saves_the_state_at_that_point(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    session.opening()
    out = render(session.send("save s1. take lamp. n"))
    assert out.index("Saved as 's1'.") < out.index("Taken.")
    assert session.game.state.room == "street"
    out = render(session.send("load s1. e"))
    assert "Loaded 's1'." in out and "The Shed" in out  # the load came first, then the move from the yard
    assert session.game.state.room == "shed" and session.game.state.items["lamp"] == "yard"


def test_quit_ends_the_line_where_it_stands(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    session.opening()
    session.send("quit. take lamp")  # the question stops the line
    assert not session.quit and session.game.state.items["lamp"] == "yard"
    session.send("yes")
    assert session.quit


# -- layers -------------------------------------------------------------------------------------

def _imports() -> dict[str, set[str]]:
    modules = {".".join(p.relative_to(GAME.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in GAME.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    edges[name].add(target)
    return edges


def test_no_import_circle_anywhere_in_the_game() -> None:
    edges = _imports()
    circles = []
    for start in edges:  # a path back to where it started, through function-level imports too
        stack, seen = [(start, [start])], set()
        while stack:
            here, path = stack.pop()
            for nxt in edges[here]:
                if nxt == start:
                    circles.append(" -> ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not circles, "\n".join(sorted(circles)[:5])


def test_the_engine_reaches_no_front_end_and_stays_small() -> None:
    front = ("game.tui", "game.plain", "game.cli", "game.session", "game.saves", "game.playthrough", "game.env")
    for name, targets in _imports().items():
        if name.startswith("game.engine"):
            assert not [t for t in targets if t.startswith(front)], name
    for path in (GAME / "engine").rglob("*.py"):
        assert len(path.read_text().splitlines()) <= 400, f"{path} is over 400 lines: split it by what it holds"


# -- questions before what cannot be taken back -------------------------------------------------

def test_sleep_asks_first_and_no_leaves_everything_as_it_was(game: Game) -> None:
    events = game.step("sleep")
    assert [e.type for e in events] == ["question"] and "tomorrow" in render(events)
    assert offers(game) == ["yes", "no"]
    assert "You think better of it." in render(game.step("no"))
    assert game.state.pending is None and game.state.time == 0
    game.step("sleep")
    assert "You sleep" in render(game.step("yes")) and game.day == 2
    game.step("undo")
    assert game.state.time == 0 and game.day == 1 and game.state.pending is None


def test_a_new_command_instead_of_an_answer_drops_the_question(game: Game) -> None:
    game.step("sleep")
    assert "The Shed" in render(game.step("e"))  # (n would be no, as in every IF game)
    assert game.state.pending is None and game.day == 1
    assert "Say what" not in render(game.step("yes"))  # yes now answers nothing: it is not a verb here


def test_a_warned_option_is_a_declared_point_of_no_return(game: Game) -> None:
    game.step("n. wait")
    assert game.state.phase == "encounter"
    game.step("fight")
    out = render(game.step("surrender"))
    assert "There is no getting up from this. (yes or no)" in out and game.state.ending is None
    game.step("yes")
    assert game.state.ending == "dead"


def test_a_warned_exit_asks_before_the_player_goes(mini_world) -> None:
    from dataclasses import replace as swap

    yard = mini_world.rooms["yard"]
    gate = swap(yard.exits["north"], warn="The gate locks behind you.")
    world = swap(mini_world, rooms={**mini_world.rooms, "yard": swap(yard, exits={**yard.exits, "north": gate})})
    g = Game(world, seed=1)
    g.opening()
    assert "The gate locks behind you. (yes or no)" in render(g.step("n. wait"))
    assert g.state.room == "yard" and g.state.time == 0  # the rest of the line waits for the answer too
    g.step("y")
    assert g.state.room == "street"


def test_restart_asks_then_begins_again_and_undo_brings_the_game_back(game: Game) -> None:
    game.step("take lamp. n")
    game.step("restart")
    out = render(game.step("yes"))
    assert "You wake in the yard." in out and game.state.room == "yard" and game.state.items["lamp"] == "yard"
    game.step("undo")
    assert game.state.room == "street"


def test_quit_asks_in_the_engine_and_leaves_only_after_yes(mini_world, tmp_path: Path) -> None:
    session = Session(mini_world, seed=1, home=tmp_path)
    session.opening()
    session.send("quit")
    assert not session.quit
    session.send("no")
    assert not session.quit
    session.send("quit")
    session.send("yes")
    assert session.quit and (tmp_path / "saves" / "autosave.json").is_file()


def test_warned_gifts_and_uses_ask_before_the_thing_is_gone(mini_world) -> None:
    from dataclasses import replace as swap

    bob = mini_world.characters["bob"]
    gift = swap(bob.gifts["lamp"], warn="He will not give it back.")
    key = mini_world.items["brass_key"]
    use = swap(key.uses[0], warn="The key will stay in the lock.")
    world = swap(mini_world, characters={**mini_world.characters, "bob": swap(bob, gifts={"lamp": gift})},
                 items={**mini_world.items, "brass_key": swap(key, uses=(use,))})
    g = Game(world, seed=1)
    g.opening()
    g.step("take lamp. take brass key. e")
    assert "He will not give it back. (yes or no)" in render(g.step("give lamp to man"))
    g.step("no")
    assert g.state.items["lamp"] == "@inventory"
    g.step("give lamp to man")
    g.step("yes")
    assert "lamp" not in g.state.items and g.state.flags["bob_has_lamp"]
    assert "The key will stay in the lock." in render(g.step("use key on hatch"))
    g.step("yes")
    assert g.state.flags["hatch_open"]
