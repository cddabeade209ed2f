"""Where the bundled world lives, found without importing anything heavy (not even pathlib)."""

from __future__ import annotations

import os


def bundled_data_dir() -> str:
    """The `data/` folder: inside the installed package, or beside it in a checkout."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "data"), os.path.join(os.path.dirname(here), "data")):
        if os.path.isdir(os.path.join(candidate, "world")):
            return candidate
    import importlib.util

    spec = importlib.util.find_spec("game.data")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if os.path.isdir(os.path.join(location, "world")):
            return str(location)
    return os.path.join(os.path.dirname(here), "data")
