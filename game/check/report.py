"""What `city check` found, and how it is printed (text for people, JSON for tools and CI)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class EndingResult:
    id: str
    title: str
    kind: str
    commands: list[str] | None = None  # the witness; None: none found within the budget
    proven_unreachable: bool = False  # the relaxation shows no play reaches it
    file: str | None = None


@dataclass
class Finding:
    """One thing the check reports. `problem` findings make the check fail (exit 1)."""

    kind: str
    message: str
    problem: bool = True
    room: str | None = None
    command: str | None = None
    path: list[str] | None = None  # commands from the start that lead there
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Rating:
    """A place on Zarf's cruelty scale for one goal, and why."""

    goal: str
    endings: list[str]
    rating: str
    reasons: list[str]


@dataclass
class Report:
    world: dict[str, Any]
    endings: list[EndingResult]
    findings: list[Finding] = field(default_factory=list)
    ratings: list[Rating] = field(default_factory=list)
    coverage: dict[str, Any] | None = None
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.problem]

    @property
    def ok(self) -> bool:
        return not self.problems and all(e.commands is not None for e in self.endings)

    def to_json(self) -> str:
        data = asdict(self)
        data["ok"] = self.ok
        data["problems"] = len(self.problems)
        return json.dumps(data, indent=1) + "\n"

    def to_text(self) -> str:
        out: list[str] = []
        w = self.world
        st = self.stats
        out.append(f"city check: {w['rooms']} rooms, {w['endings']} endings{w.get('mods', '')}; "
                   f"{st.get('states', 0)} states searched in {st.get('seconds', 0):.1f} s "
                   f"(budget {st.get('budget', 0):g} s).")
        reached = sum(1 for e in self.endings if e.commands is not None)
        out.append("")
        out.append(f"Endings: {reached} of {len(self.endings)} reached, each by a witness replayed from the start.")
        width = max((len(e.id) for e in self.endings), default=0)
        for e in self.endings:
            if e.commands is not None:
                where = f" -> {e.file}" if e.file else ""
                out.append(f"  {e.id:<{width}}  {e.kind:<8} {len(e.commands):4} commands{where}")
            elif e.proven_unreachable:
                out.append(f"  {e.id:<{width}}  {e.kind:<8} unreachable: no play can reach it")
            else:
                out.append(f"  {e.id:<{width}}  {e.kind:<8} no witness found within the budget")
        for title, kinds in SECTIONS:
            found = [f for f in self.findings if f.kind in kinds]
            if found or title in ALWAYS_SHOWN:
                out.append("")
                out.append(f"{title}:" + ("" if found else " none found."))
                for f in found:
                    out.extend(_finding_lines(f))
        for rating in self.ratings:
            out.append("")
            out.append(f"Cruelty ({rating.goal}: {', '.join(rating.endings) or 'none'}): {rating.rating}.")
            out.extend(f"  {r}" for r in rating.reasons)
        if self.coverage is not None:
            out.append("")
            out.extend(_coverage_lines(self.coverage))
        out.append("")
        count = len(self.problems) + sum(1 for e in self.endings if e.commands is None)
        out.append("OK: every ending has a witness; no dead end; no undeclared point of no return."
                   if self.ok else f"FAILED: {count} problem{'s' if count != 1 else ''}.")
        return "\n".join(out) + "\n"


SECTIONS = (
    ("Engine errors (a bug a player could meet)", ("engine_error",)),
    ("Dead ends (no ending but the clock's can be reached)", ("dead_end",)),
    ("Points of no return", ("point_of_no_return", "declared_point_of_no_return")),
    ("Unreachable content (no play can reach it)", ("unreachable",)),
    ("Conditions that can never hold", ("never_holds",)),
    ("Not reached by the search within the budget", ("not_reached",)),
    ("Notes", ("note",)),
)
ALWAYS_SHOWN = ("Dead ends (no ending but the clock's can be reached)", "Points of no return")


def _finding_lines(f: Finding) -> list[str]:
    lines = [f"  - {f.message}"]
    if f.path is not None:
        shown = f.path if len(f.path) <= 12 else [*f.path[:4], "...", *f.path[-7:]]
        lines.append(f"    reached by {len(f.path)} commands: {' / '.join(shown)}")
    return lines


def _coverage_lines(cov: dict[str, Any]) -> list[str]:
    skipped = len(cov.get("skipped", []))
    lines = [f"Coverage by {cov['files']} playthrough{'s' if cov['files'] != 1 else ''}"
             + (f" ({skipped} skipped: another world or other mods, or unreadable)" if skipped else "") + ":"]
    for kind, part in cov["kinds"].items():
        total = part["total"]
        covered = total - len(part["missed"])
        share = 100.0 * covered / total if total else 100.0
        lines.append(f"  {kind:<16} {covered:4} of {total:<4} ({share:5.1f}%)")
        if part["missed"]:
            lines.append("    not touched: " + ", ".join(part["missed"]))
    return lines
