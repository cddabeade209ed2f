"""Every character, place and beat that seeds/beats.yaml names exists in the bundled world."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.world.load import load_world

BEATS = yaml.safe_load((Path(__file__).parent.parent / "seeds" / "beats.yaml").read_text(encoding="utf-8"))


def named() -> list[tuple[str, str, str]]:
    """(what the synopsis calls it, kind, id) for everything listed."""
    found = []
    for label, ids in BEATS["characters"].items():
        for ident in ids if isinstance(ids, list) else [ids]:
            found.append((label, "characters", ident))
    for section in ("places", "beats"):
        for label, ref in BEATS[section].items():
            (kind, ident), = ref.items()
            found.append((label, kind, ident))
    return found


@pytest.mark.parametrize("label, kind, ident", named())
def test_the_world_implements_it(label: str, kind: str, ident: str) -> None:
    world = load_world()
    assert ident in getattr(world, kind), f"{label!r} should be {kind[:-1]} '{ident}' in data/world"
