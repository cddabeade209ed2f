"""Render the snapshot SVGs to PNG for looking at by eye: python tests/tui/render_snapshots.py [OUT_DIR].

Needs cairosvg (pip install cairosvg). Not a test: review aid for tests/tui/test_snapshots.py.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    import cairosvg  # type: ignore[import-not-found, import-untyped, unused-ignore]

    here = Path(__file__).parent / "__snapshots__" / "test_snapshots"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("snapshots_png")
    out.mkdir(parents=True, exist_ok=True)
    for svg in sorted(here.glob("*.svg")):
        target = out / (svg.stem + ".png")
        cairosvg.svg2png(url=str(svg), write_to=str(target), output_width=1400)
        print(target)


if __name__ == "__main__":
    main()
