"""Draw the discovered rooms of a floor as a grid, from the compass directions of their exits."""

from __future__ import annotations

from collections import deque
from typing import Any

STEP = {
    "north": (0, -1), "south": (0, 1), "east": (1, 0), "west": (-1, 0),
    "northeast": (1, -1), "northwest": (-1, -1), "southeast": (1, 1), "southwest": (-1, 1),
}
CELL_W, CELL_H = 22, 2


def layout(rooms: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Grid positions for rooms, placed outward from the first along compass exits."""
    by_id = {r["id"]: r for r in rooms}
    if not rooms:
        return {}
    start = next((r["id"] for r in rooms if r["here"]), rooms[0]["id"])
    where: dict[str, tuple[int, int]] = {start: (0, 0)}
    taken = {(0, 0)}
    queue = deque([start])
    while queue:
        rid = queue.popleft()
        x, y = where[rid]
        for direction, to in by_id[rid]["exits"].items():
            if not to or to in where or to not in by_id or direction not in STEP:
                continue  # up, down, in and out are listed under the grid, not drawn
            dx, dy = STEP[direction]
            spot = (x + dx, y + dy)
            while spot in taken:  # up/down/in/out, or a clash: the next free cell that way
                spot = (spot[0] + (dx or 1), spot[1] + dy)
            where[to] = spot
            taken.add(spot)
            queue.append(to)
    for r in rooms:  # rooms not joined to the others: a row of their own
        if r["id"] not in where:
            spot = (0, max(y for _, y in where.values()) + 2)
            while spot in taken:
                spot = (spot[0] + 1, spot[1])
            where[r["id"]] = spot
            taken.add(spot)
    return where


def draw(rooms: list[dict[str, Any]], hunters: frozenset[str] | set[str] = frozenset()) -> str:
    """The map as text: '@' marks you, '!' a room where the Safeguard is known to be."""
    where = layout(rooms)
    if not where:
        return "You have not found anywhere yet."
    xs = [x for x, _ in where.values()]
    ys = [y for _, y in where.values()]
    x0, y0 = min(xs), min(ys)
    width = (max(xs) - x0 + 1) * CELL_W
    height = (max(ys) - y0 + 1) * CELL_H
    grid = [[" "] * width for _ in range(height)]

    def put(col: int, row: int, text: str) -> None:
        for i, ch in enumerate(text):
            if 0 <= col + i < width and 0 <= row < height:
                grid[row][col + i] = ch

    others = []
    for r in rooms:
        x, y = where[r["id"]]
        col, row = (x - x0) * CELL_W, (y - y0) * CELL_H
        mark = "@" if r["here"] else "!" if r["id"] in hunters else " "
        put(col, row, f"{mark}{r['name'][:CELL_W - 3]}")
        for direction, to in r["exits"].items():
            if direction == "east":
                put(col + CELL_W - 2, row, "─")
            elif direction == "south":
                put(col + 1, row + 1, "│")
            elif direction not in STEP:
                others.append(f"{r['name']}: {direction} to {next((o['name'] for o in rooms if o['id'] == to), 'unexplored')}")
    lines = ["".join(line).rstrip() for line in grid]
    text = "\n".join(line for line in lines)
    legend = "@ you are here   ! the Safeguard was heard there\n─ │ ways through"
    return text + "\n\n" + legend + ("\n\n" + "\n".join(others) if others else "")
