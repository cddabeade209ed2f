"""Events to plain text: what plain mode prints, the JSON `text` field, and playthroughs read.

No escape codes, ever. Paragraphs are wrapped at `width` columns (None: not wrapped).
"""

from __future__ import annotations

import textwrap

from game.engine import events as ev


def paragraphs(text: str, width: int | None) -> list[str]:
    """Split on blank lines, join the lines of each paragraph, wrap; keep indented lines."""
    out: list[str] = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        if any(line.startswith("  ") for line in lines):
            # lists keep their shape; long items wrap under themselves
            out.append("\n".join(_wrap_item(line, width) for line in lines))
            continue
        joined = " ".join(line.strip() for line in lines if line.strip())
        out.append(textwrap.fill(joined, width) if width else joined)
    return out


def _wrap_item(line: str, width: int | None) -> str:
    if not width or len(line) <= width:
        return line
    lead = len(line) - len(line.lstrip(" "))
    bullet = line.lstrip(" ")
    hang = lead + (2 if bullet[:2] in ("- ", "* ", "· ") else 0)
    return textwrap.fill(bullet, width, initial_indent=" " * lead, subsequent_indent=" " * hang)


def render_event(event: ev.Event, width: int | None = 78) -> str | None:
    """The text of one event, or None for events that carry state only."""
    if isinstance(event, ev.Narration):
        return "\n\n".join(paragraphs(event.text, width))
    if isinstance(event, ev.RoomShown):
        parts = [event.name, *paragraphs(event.text, width)]
        tail = list(event.people)
        if event.items:
            from game.engine.scope import list_names

            tail.append(f"You see {list_names(event.items)} here.")
        if tail:
            parts.append("\n".join(textwrap.fill(t, width) if width else t for t in tail))
        exits = "Exits: " + (", ".join(event.exits) if event.exits else "none you can see") + "."
        parts.append(textwrap.fill(exits, width, subsequent_indent="  ") if width else exits)
        return "\n\n".join(parts)
    if isinstance(event, ev.Choice):
        lines = [event.prompt] + [f"  {i}. {label} [{key}]" for i, (key, label) in enumerate(event.options, 1)]
        return "\n".join(lines)
    if isinstance(event, ev.EncounterStarted):
        return f"-- {event.title} --"
    if isinstance(event, ev.EndingReached):
        return "\n\n".join([f"*** {event.title} ***", *paragraphs(event.text, width),
                            "THE END. (Type undo to step back, load to restore a save, or quit.)"])
    if isinstance(event, ev.Question):
        return "\n\n".join(paragraphs(f"{event.text} ({' or '.join(event.answers)})", width))
    if isinstance(event, ev.Error):
        return "\n\n".join(paragraphs(event.message, width))
    if isinstance(event, ev.AlertChanged):
        if event.new > event.old:
            return f"[Safeguard alert {event.new}: rising]"
        return f"[Safeguard alert {event.new}: falling]" if event.new else "[Safeguard alert 0: quiet]"
    if isinstance(event, ev.DayPassed):
        passing = f"{event.days} days pass. " if event.days > 1 else ""
        return f"[{passing}Day {event.day}. The village has food for {event.food} more day{'s' if event.food != 1 else ''}.]"
    if isinstance(event, ev.HealthChanged):
        word = "wounded" if event.new < event.old else "steadier"
        return f"[Health {event.new}: {word}]"
    if isinstance(event, ev.InventoryChanged):
        return f"[{'You now have' if event.gained else 'You no longer have'}: {event.name}]"
    if isinstance(event, ev.MapShown):
        return render_map(event)
    return None


def render_map(event: ev.MapShown) -> str:
    names = {r["id"]: r["name"] for r in event.rooms}
    lines = [f"Map of {event.floor}: the places you know."]
    for room in event.rooms:
        mark = " (you are here)" if room["here"] else ""
        ways = [f"{d}: {names.get(to, '?') if to else 'unexplored'}" for d, to in room["exits"].items()]
        lines.append(f"  * {room['name']}{mark}")
        if ways:
            lines.append("      " + "; ".join(ways))
    return "\n".join(lines)


def render(events: list[ev.Event], width: int | None = 78) -> str:
    """All of a turn's events as text, blank lines between blocks."""
    blocks = [t for t in (render_event(e, width) for e in events) if t]
    return "\n\n".join(blocks)
