"""Hardening (issue 12), the world cache: data only, only in the user's cache folder, keyed on
the code as well as the sources, never half-written, and a cache that cannot be written is
reported. Items 1, 3 (the key reads nothing), 7, 11, 13, 18 and 19."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.world import cache
from game.world.load import load_world
from game.world.model import Room, World
from game.world.problems import WorldInvalid

MINI = Path(__file__).parent / "worlds" / "mini"


@pytest.fixture
def world_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "pack" / "world"
    folder.mkdir(parents=True)
    shutil.copy(MINI / "world.yaml", folder / "world.yaml")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("CITY_CACHE", str(folder))
    return folder


@pytest.fixture
def no_hang() -> object:
    """Fail, not hang, if a FIFO is ever opened for reading (the guard gone)."""

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("blocked opening a file: something read a FIFO")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


class Boom:
    """Unpickling this writes a file: the proof that a cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.write_text, (self.marker, "ran"))


def plant(folder: Path, key: str, marker: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (f"world-{key}.pickle", f"world-{key}.json"):
        (folder / name).write_bytes(pickle.dumps(Boom(marker)))


# -- 1: data only, in the user's cache folder only ------------------------------------------------

def test_a_planted_pickle_is_never_run_wherever_it_is(world_dir: Path, cache_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    key = cache.key_for(str(world_dir), [])
    assert key is not None
    plant(world_dir.parent / "__pycache__", key, marker)  # beside the world, where older versions looked first
    plant(cache_dir, key, marker)  # and in the cache folder itself
    world = load_world(world_dir=world_dir)
    assert world.rooms and not marker.exists()
    assert load_world(world_dir=world_dir).rooms and not marker.exists()  # a second start reads our entry


def test_a_play_file_world_header_never_reads_a_cache_beside_that_world(world_dir: Path, cache_dir: Path,
                                                                        tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    beside = world_dir.parent / "__pycache__"
    plant(beside, cache.key_for(str(world_dir), []) or "", marker)
    planted = sorted(p.name for p in beside.iterdir())
    play = world_dir.parent / "t.play"
    play.write_text("world: world\n> look\nA walled yard.\n")
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "game", "run", str(play)], capture_output=True, text=True,
                                timeout=120, env={**os.environ, "CITY_CACHE": str(cache_dir)})
        assert result.returncode == 0, result.stdout + result.stderr
    assert not marker.exists()
    assert sorted(p.name for p in beside.iterdir()) == planted  # nothing read or written beside the world
    assert list(cache_dir.glob("world-*.json"))


def test_the_cache_is_written_only_in_the_cache_folder(world_dir: Path, cache_dir: Path, tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    load_world(world_dir=world_dir)
    new = set(tmp_path.rglob("*")) - before
    assert new and all(p == cache_dir or p.is_relative_to(cache_dir) for p in new)
    (entry,) = cache_dir.glob("world-*.json")
    json.loads(entry.read_text())  # plain JSON


def test_the_plain_start_never_imports_pickle(tmp_path: Path) -> None:
    code = ("import sys, io; sys.argv = ['city', 'play', '--plain']; sys.stdin = io.StringIO('look\\n');"
            "from game.cli import main; main(); sys.stderr.write('pickle' if 'pickle' in sys.modules else 'clean')")
    env = {**os.environ, "CITY_CACHE": str(tmp_path / "c"), "CITY_HOME": str(tmp_path / "h")}
    for _ in range(2):  # a miss, then a hit
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert result.stderr.endswith("clean"), result.stderr[-2000:]


def test_the_cache_gives_back_the_world_exactly(world_dir: Path, cache_dir: Path) -> None:
    built = load_world(world_dir=world_dir, use_cache=False)
    load_world(world_dir=world_dir)
    hit = cache.read(cache.key_for(str(world_dir), []) or "")
    assert hit is not None and repr(hit) == repr(built) and type(hit) is World
    assert type(hit.rooms["yard"]) is Room and type(hit.rooms["yard"].items) is tuple


def test_the_bundled_world_round_trips(cache_dir: Path) -> None:
    built = load_world(use_cache=False)
    from game.world.cachestore import encode

    text = json.dumps({"w": encode(built, cache._RECORDS)})
    back = json.loads(text, object_hook=cache._decode)["w"]
    assert repr(back) == repr(built)


@pytest.mark.parametrize("tampered", [
    '{"format": 1, "key": "KEY", "world": {"$r": "Popen", "args": "touch /tmp/x"}}',
    '{"format": 1, "key": "KEY", "world": {"$r": "World"}}',
    '{"format": 1, "key": "KEY", "world": {"$r": "Room", "floor": "x"}}',
    '{"format": 1, "key": "other", "world": null}',
    '{"format": 99, "key": "KEY", "world": null}',
    '[' * 100_000,
    'not json',
])
def test_an_entry_that_is_not_ours_is_a_miss(world_dir: Path, cache_dir: Path, tampered: str) -> None:
    key = cache.key_for(str(world_dir), []) or ""
    cache_dir.mkdir(parents=True)
    (cache_dir / f"world-{key}.json").write_text(tampered.replace("KEY", key))
    assert cache.read(key) is None
    assert load_world(world_dir=world_dir).rooms["yard"].name == "The Yard"


# -- 7: the key covers the code -------------------------------------------------------------------

def test_the_key_changes_when_the_loader_code_changes(world_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "code"
    shutil.copytree(Path(cache.__file__).parent, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(code / "cache.py"))
    before = cache.key_for(str(world_dir), [])
    model = code / "model.py"
    model.write_text(model.read_text() + "\n# a new field, say\n")  # same version, new code
    assert cache.key_for(str(world_dir), []) != before


def test_a_stale_entry_with_other_fields_is_a_miss_not_a_crash(world_dir: Path, cache_dir: Path) -> None:
    key = cache.key_for(str(world_dir), []) or ""
    load_world(world_dir=world_dir)
    entry = cache_dir / f"world-{key}.json"
    data = json.loads(entry.read_text())  # ["LENGTH", the world but its rooms, each room...] (game.world.cachestore)
    for room in data[2:]:
        del room["brief"]  # as written by code whose Room had no such field
    entry.write_text(json.dumps(data, separators=(",", ":")))  # the world's part as it was: only the rooms differ
    assert cache.read(key) is None
    assert load_world(world_dir=world_dir).rooms["yard"].brief == "The yard."


# -- 3, 18: the key reads nothing ----------------------------------------------------------------

KEY_IN_A_BOX = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # reading /dev/zero must fail fast, not eat the machine
from game.world import cache
print(cache.key_for(sys.argv[1], []))
"""


def boxed_key(world_dir: Path) -> str:
    """The cache key, computed in a child that may neither block for long nor take much memory."""
    result = subprocess.run([sys.executable, "-c", KEY_IN_A_BOX, str(world_dir)], capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout.strip()


def test_the_key_opens_no_file_and_misses_on_a_fifo_a_device_or_a_big_file(world_dir: Path) -> None:
    assert boxed_key(world_dir) != "None"
    os.mkfifo(world_dir / "pipe.yaml")  # opening it for reading would block
    assert boxed_key(world_dir) == "None"
    os.unlink(world_dir / "pipe.yaml")
    os.symlink("/dev/zero", world_dir / "zero.yaml")  # reading it would never end
    assert boxed_key(world_dir) == "None"
    os.unlink(world_dir / "zero.yaml")
    (world_dir / "big.yaml").write_bytes(b"#" * (cache.MAX_SOURCE + 1))
    assert boxed_key(world_dir) == "None"


def test_a_mod_folder_without_a_manifest_is_a_miss_before_its_files_are_looked_at(world_dir: Path, tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                                  no_hang: object) -> None:
    folder = tmp_path / "not_a_mod"
    (folder / "deep").mkdir(parents=True)
    os.mkfifo(folder / "deep" / "pipe.yaml")
    looked: list[str] = []
    real = cache.check_regular

    def spy(path: str, follow_links: bool = False) -> os.stat_result:
        looked.append(str(path))
        return real(path, follow_links)

    monkeypatch.setattr(cache, "check_regular", spy)
    assert cache.key_for(str(world_dir), [str(folder)]) is None
    assert not [p for p in looked if "deep" in p]
    with pytest.raises(WorldInvalid, match="has no manifest"):
        load_world([str(folder)], world_dir=world_dir)


def test_show_with_a_missing_mod_says_so(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "game", "show", "room", "hunters_loft", "--mod", str(tmp_path / "nope")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "no such mod folder" in result.stderr and "Traceback" not in result.stderr


# -- 11, 13, 19: writing ------------------------------------------------------------------------

def test_a_full_disk_leaves_no_temporary_file_and_is_reported(world_dir: Path, cache_dir: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from game.safewrite import write_atomic
    from game.world import cachestore

    def half_then_full(path: str, data: bytes, durable: bool = True) -> None:
        def write(fd: int) -> None:
            os.write(fd, data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        write_atomic(path, write, durable)

    monkeypatch.setattr(cachestore, "write_bytes_atomic", half_then_full)
    notes: list[str] = []
    load_world(world_dir=world_dir, notes=notes)
    assert list(cache_dir.iterdir()) == []
    assert notes and "No space left on device" in notes[0] and "CITY_CACHE" in notes[0]


def test_a_cache_folder_that_cannot_be_made_is_said_on_stderr(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = {**os.environ, "CITY_CACHE": str(blocker / "cache"), "CITY_HOME": str(tmp_path / "h")}
    result = subprocess.run([sys.executable, "-m", "game", "play", "--plain"], input="look\n", capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0 and "world cache could not be written" in result.stderr
    assert "every start reads the world's files" in result.stderr


CACHE_KILLER = """
import sys
from game.world import cache
from game.world.load import load_world
world = load_world(world_dir=sys.argv[1], use_cache=False)
n = 0
while True:
    n += 1
    cache.write(f"k{n % 3}", world)
"""


def test_a_kill_mid_cache_write_leaves_nothing_behind_after_the_next_write(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CITY_CACHE", str(folder))
    for attempt in range(10):
        proc = subprocess.Popen([sys.executable, "-c", CACHE_KILLER, str(MINI)], env=os.environ.copy())
        time.sleep(0.5 + 0.03 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    cache.write("fresh", load_world(world_dir=MINI, use_cache=False))
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert (folder / "world-fresh.json").is_file()


def test_only_a_dead_writers_or_an_old_temporary_file_is_swept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.safewrite import sweep, temp_prefix

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder = tmp_path / "cache"
    folder.mkdir()
    killed = folder / f".world-k~{dead.pid}~abc.tmp"  # a writer that was killed
    older = folder / ".world-oldstyle.tmp"  # an older version's name, a minute old
    live = folder / f"{temp_prefix('world-k')}xyz.tmp"  # this process, writing now
    for path in (killed, older, live):
        path.write_bytes(b"x" * 1000)
    os.utime(older, (time.time() - 120, time.time() - 120))
    assert sweep(folder) == 2
    assert sorted(p.name for p in folder.iterdir()) == [live.name]
    os.utime(live, (time.time() - 7200, time.time() - 7200))  # an hour on, even a live writer's is a leftover
    assert sweep(folder) == 1
