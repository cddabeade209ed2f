"""The JSON-lines protocol for agents: versioned objects that satisfy the published schema,
score and hash in each, snapshots by name, heard topics left out, and --no-autosave."""

from __future__ import annotations

import json
from pathlib import Path

from game.protocol import schema

ROOT = Path(__file__).resolve().parent.parent


def test_the_published_schema_is_the_protocols() -> None:
    published = json.loads((ROOT / "docs" / "protocol.schema.json").read_text(encoding="utf-8"))
    assert published == schema(), "docs/protocol.schema.json is stale: python -m game.protocol > docs/protocol.schema.json"
