"""Where the bundled world lives, found without importing anything heavy."""

from __future__ import annotations

from pathlib import Path


def bundled_data_dir() -> Path:
    """The `data/` folder: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "data", here.parent / "data"):
        if (candidate / "world").is_dir():
            return candidate
    import importlib.util

    spec = importlib.util.find_spec("game.data")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / "world").is_dir():
            return Path(location)
    return here.parent / "data"
