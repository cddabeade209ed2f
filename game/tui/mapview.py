"""Draw the discovered rooms of a floor as a grid, laid out from the compass directions of their exits.

Each room goes one cell from the room it was reached from, in the exit's own direction;
when that cell is taken it goes further the same way (so east is always drawn east), and a
way that cannot be drawn as a straight line is listed under the grid instead. Ways not yet
explored end in '?'. Rooms carry a number; the legend gives each number its full name and
the ways the grid cannot show (up, down, in, out, and any that would cross another room).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from rich.table import Table
from rich.text import Text

STEP = {
    "north": (0, -1), "south": (0, 1), "east": (1, 0), "west": (-1, 0),
    "northeast": (1, -1), "northwest": (-1, -1), "southeast": (1, 1), "southwest": (-1, 1),
}
LABEL_W = 16  # columns of a room's label: mark, number, the start of its name
CELL_W, CELL_H = LABEL_W + 4, 2  # a label and its gap for ways east; a row and its gap for ways south
FARTHEST = 6  # cells a room may be pushed along its direction when the nearer ones are taken

RISE, FALL = "\u2571", "\u2572"  # the box-drawing diagonals: a way northeast or southwest, and northwest or southeast

Spot = tuple[int, int]


def layout(rooms: list[dict[str, Any]]) -> dict[str, Spot]:
    """Grid positions for rooms, placed outward from where you are along compass exits."""
    if not rooms:
        return {}
    by_id = {r["id"]: r for r in rooms}
    where: dict[str, Spot] = {}
    taken: set[Spot] = set()
    order = [next((r["id"] for r in rooms if r["here"]), rooms[0]["id"])] + [r["id"] for r in rooms]
    for seed in order:  # each group of rooms joined by compass ways, the next group below the last
        if seed in where:
            continue
        origin = (0, max((y for _, y in where.values()), default=-2) + 2)
        while origin in taken:
            origin = (origin[0] + 1, origin[1])
        where[seed] = origin
        taken.add(origin)
        queue = deque([seed])
        while queue:
            rid = queue.popleft()
            x, y = where[rid]
            for direction, to in by_id[rid]["exits"].items():
                if to not in by_id or to in where or direction not in STEP:
                    continue
                dx, dy = STEP[direction]
                for k in range(1, FARTHEST + 1):
                    spot = (x + k * dx, y + k * dy)
                    if spot not in taken:
                        where[to] = spot
                        taken.add(spot)
                        queue.append(to)
                        break
    return where


def _between(a: Spot, b: Spot, direction: str) -> list[Spot] | None:
    """The cells a straight way from a to b in `direction` passes through, or None if b is not
    that way from a."""
    dx, dy = STEP[direction]
    for k in range(1, FARTHEST + 1):
        if (a[0] + k * dx, a[1] + k * dy) == b:
            return [(a[0] + i * dx, a[1] + i * dy) for i in range(1, k)]
    return None


def short(name: str, width: int) -> str:
    """A room's name in `width` columns: a leading 'The ' dropped, then cut with an ellipsis."""
    name = name[4:] if name.startswith("The ") else name
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def draw(rooms: list[dict[str, Any]]) -> str:
    """The map as text: '@' marks you, '!' a room where the Safeguard is known to be."""
    grid, legend = draw_parts(rooms)
    return grid + "\n\n" + legend if legend else grid


def legend_table(legend: str) -> Table:
    """The legend with each room's lines wrapping under its name, not under its number."""
    table = Table.grid(padding=(0, 1, 0, 0))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for line in legend.split("\n"):
        if line[:1] in (" ", "@", "!") and line[1:3].strip().isdigit():
            table.add_row(line[:3], Text(line[4:]))
        else:
            table.add_row("", Text(line))
    return table


def draw_parts(rooms: list[dict[str, Any]]) -> tuple[str, str]:
    """The grid (never to be wrapped) and the legend under it (wrapped to the window)."""
    where = layout(rooms)
    if not where:
        return "You have not found anywhere yet.", ""
    number = {r["id"]: n for n, r in enumerate(sorted(rooms, key=lambda r: (where[r["id"]][1], where[r["id"]][0])), 1)}
    by_spot = {spot: rid for rid, spot in where.items()}
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    x0, y0 = min(xs) - 1, min(ys) - 1  # a cell of margin round the rooms, for ways that lead off
    width = (max(xs) - x0 + 2) * CELL_W
    height = (max(ys) - y0 + 2) * CELL_H
    grid = [[" "] * width for _ in range(height)]

    def put(col: int, row: int, text: str) -> None:
        for i, ch in enumerate(text):
            if 0 <= col + i < width and 0 <= row < height and grid[row][col + i] == " ":
                grid[row][col + i] = ch

    def origin(spot: Spot) -> tuple[int, int]:
        return (spot[0] - x0) * CELL_W, (spot[1] - y0) * CELL_H

    notes: dict[str, list[str]] = {r["id"]: [] for r in rooms}
    names = {r["id"]: r["name"] for r in rooms}
    ends: dict[Spot, int] = {}  # the column after each room's label, relative to its cell
    for r in rooms:
        col, row = origin(where[r["id"]])
        mark = "@" if r["here"] else "!" if r.get("hunted") else " "
        label = f"{mark}{number[r['id']]:>2} "
        label += short(r["name"], LABEL_W - len(label) - 1)
        put(col, row, label)
        ends[where[r["id"]]] = len(label)
    for r in rooms:
        here = where[r["id"]]
        for direction, to in r["exits"].items():
            if direction not in STEP:
                notes[r["id"]].append(f"{direction} to {names.get(to, 'a place not yet explored')}")
                continue
            if to is not None and to not in where:
                notes[r["id"]].append(f"{direction} to {names.get(to, 'another floor')}")
                continue
            if to is None:
                _stub(put, origin(here), ends[here], direction)
                continue
            path = _between(here, where[to], direction)
            if path is None or any(p in by_spot for p in path):
                notes[r["id"]].append(f"{direction} to {number[to]} {names[to]}")
                continue
            start, way = (here, direction) if direction in DRAWN else (where[to], OPPOSITE[direction])
            for cell in [start, *path]:
                _line(put, origin(cell), ends.get(cell, 0), way)
    lines = ["".join(line).rstrip() for line in grid]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    indent = min((len(line) - len(line.lstrip()) for line in lines if line), default=0)
    body = "\n".join(line[indent:] for line in lines)
    legend = []
    for r in sorted(rooms, key=lambda r: number[r["id"]]):
        mark = "@" if r["here"] else "!" if r.get("hunted") else " "
        ways = f": {'; '.join(notes[r['id']])}" if notes[r["id"]] else ""
        legend.append(f"{mark}{number[r['id']]:>2} {r['name']}{ways}")
    key = "@ you are here   ! the Safeguard was heard there\n? a way not yet explored"
    return body, "\n".join(legend) + "\n\n" + key


DRAWN = ("east", "south", "southeast", "southwest")  # each way is drawn from its west or north end
OPPOSITE = {"west": "east", "north": "south", "northwest": "southeast", "northeast": "southwest",
            "east": "west", "south": "north", "southeast": "northwest", "southwest": "northeast"}


def _line(put: Any, at: tuple[int, int], label: int, direction: str) -> None:
    """The piece of a drawn way that leaves the cell at `at` (whose label is `label` wide)
    toward `direction`, one of DRAWN."""
    col, row = at
    if direction == "east":
        put(col + label + 1, row, "─" * (CELL_W - label))  # up to the next label's mark
    elif direction == "south":
        put(col + 2, row + 1, "│")
    elif direction == "southeast":
        put(col + LABEL_W + 1, row + 1, FALL)
    elif direction == "southwest":
        put(col - 3, row + 1, RISE)


def _stub(put: Any, at: tuple[int, int], label: int, direction: str) -> None:
    """A way not yet explored: a short line ending in '?'."""
    col, row = at
    stubs = {
        "east": (col + label + 1, row, "─?"), "west": (col - 3, row, "?─"),
        "south": (col + 2, row + 1, "?"), "north": (col + 2, row - 1, "?"),
        "southeast": (col + LABEL_W + 1, row + 1, "?"), "northwest": (col - 3, row - 1, "?"),
        "northeast": (col + LABEL_W + 1, row - 1, "?"), "southwest": (col - 3, row + 1, "?"),
    }
    c, r, text = stubs[direction]
    put(c, r, text)
