"""The wheel carries the whole game: every package under game/, the bundled world and mods, the app's CSS.

The build runs in a copy of the source tree (so no build/ or *.egg-info is left in the checkout),
with the setuptools of the running environment and no network: the test extra brings a setuptools
that builds wheels on its own. What the wheel must hold is found by walking the source tree, so a
new subpackage or a new world file is covered without editing this test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_DIRS = ("world", "mods")  # data/<these> ship as game/data/<these>
SKIP_NAMES = {"__pycache__", ".pytest_cache", ".hypothesis"}


def _can_build_wheels() -> str | None:
    """Why this environment cannot build a wheel offline, or None when it can."""
    if importlib.util.find_spec("setuptools") is None:
        return "setuptools is not installed (pip install '.[test]' brings it)"
    import setuptools
    from packaging.version import Version

    # bdist_wheel is part of setuptools from 70.1; older ones need the separate `wheel` package
    if Version(setuptools.__version__) < Version("70.1") and importlib.util.find_spec("wheel") is None:
        return f"setuptools {setuptools.__version__} needs the wheel package to build wheels (pip install '.[test]')"
    return None


def _files(folder: Path) -> list[Path]:
    """Every file below `folder`, relative to it, skipping caches and hidden files (which never ship)."""
    found = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if d not in SKIP_NAMES and not d.startswith(".")]
        found += [Path(here, n).relative_to(folder) for n in names if not n.startswith(".") and not n.endswith((".pyc", ".pyo"))]
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    if not (ROOT / "pyproject.toml").is_file() or not (ROOT / "game").is_dir():
        pytest.skip(f"no source tree beside the tests ({ROOT}) to build a wheel from")
    reason = _can_build_wheels()
    if reason:
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    # the files at the top (pyproject.toml, setup.py, README.md, ...) and the two folders that ship
    for entry in ROOT.iterdir():
        if entry.is_file() and not entry.name.startswith("."):
            shutil.copy2(entry, src / entry.name)
    ignore = shutil.ignore_patterns(*SKIP_NAMES, "*.pyc")
    shutil.copytree(ROOT / "game", src / "game", ignore=ignore)
    shutil.copytree(ROOT / "data", src / "data", ignore=ignore)
    out = tmp / "out"
    cmd = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
           "--wheel-dir", str(out), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PIP_NO_CACHE_DIR": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert done.returncode == 0, f"building the wheel failed:\n{done.stdout}\n{done.stderr}"
    (built,) = out.glob("*.whl")
    with zipfile.ZipFile(built) as zf:
        return set(zf.namelist())


def test_every_package_under_game_is_in_the_wheel(wheel: set[str]) -> None:
    packages = [Path(here) for here, dirs, names in os.walk(ROOT / "game") if "__init__.py" in names]
    assert len(packages) > 3  # the walk found the tree (game, engine, world, tui, ...)
    missing = []
    for package in packages:
        for module in package.glob("*.py"):
            name = module.relative_to(ROOT).as_posix()
            if name not in wheel:
                missing.append(name)
    assert not missing, f"modules missing from the wheel (is their folder a package with __init__.py?): {missing}"


def test_the_world_and_the_example_mods_are_in_the_wheel(wheel: set[str]) -> None:
    for sub in DATA_DIRS:
        files = _files(ROOT / "data" / sub)
        assert files, f"data/{sub} is empty"
        missing = [f"data/{sub}/{f.as_posix()}" for f in files if f"game/data/{sub}/{f.as_posix()}" not in wheel]
        assert not missing, f"files missing from the wheel (as game/data/...): {missing}"


def test_the_app_stylesheet_is_in_the_wheel(wheel: set[str]) -> None:
    sheets = [p.relative_to(ROOT).as_posix() for p in (ROOT / "game").rglob("*.tcss")]
    assert sheets, "no .tcss file under game/"
    assert [s for s in sheets if s not in wheel] == []


def test_the_wheel_holds_only_the_game(wheel: set[str]) -> None:
    tops = {name.split("/")[0] for name in wheel}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"game"}
    assert not [n for n in wheel if "__pycache__" in n or n.endswith(".pyc")]
