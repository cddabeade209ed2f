"""`city show KIND ID`: an entry as the mods left it, each field marked with who set it."""

from __future__ import annotations

import textwrap
from typing import Any

import yaml

from game.world.assemble import gather
from game.world.model import KINDS
from game.world.problems import did_you_mean
from game.world.sources import Entry


class ShowError(Exception):
    """No such kind or entry; the message says what there is."""


def kind_of(word: str) -> str:
    """'room' or 'rooms' -> 'rooms'; 'game' stays."""
    if word == "game":
        return word
    plural = word if word in KINDS else f"{word}s"
    if plural not in KINDS:
        singular = [k[:-1] for k in KINDS]
        hint = did_you_mean(word, [*singular, "game"])
        raise ShowError(f"there is no kind '{word}'{hint}; kinds: game, {', '.join(singular)}.")
    return plural


def show(kind_word: str, ident: str, mods: Any = ()) -> str:
    """The merged entry as YAML, every field annotated `# file:line` of what set it last."""
    kind = kind_of(kind_word)
    mods = list(mods)
    gathered = gather(mods)
    if len(gathered.manifests) < len(mods):  # a mod that is not there, or not a mod, is not silently left out
        unusable = [str(p) for p in gathered.problems if p.severity == "error"]
        raise ShowError("a mod did not load, so the entry would not be as your mods leave it:\n" + "\n".join(unusable))
    if kind == "game":
        entry = gathered.game
        if entry is None:
            raise ShowError("the world has no game: block.")
    else:
        entry = gathered.merged.get((kind, ident))
        if entry is None:
            known = [i for k, i in gathered.merged if k == kind]
            gone = gathered.removed.get((kind, ident))
            why = f"; {gone}" if gone else did_you_mean(ident, known)
            raise ShowError(f"there is no {kind[:-1]} '{ident}'{why}.")
    header = "game:" if kind == "game" else f"{kind}:\n  {ident}:  # {entry.origin.file}:{entry.origin.line}"
    indent = 2 if kind == "game" else 4
    return header + "\n" + "\n".join(_emit(entry, entry.data, (), indent)) + "\n"


def _where(entry: Entry, path: tuple[Any, ...]) -> str:
    pos = entry.at(path)
    return f"  # {pos.file}:{pos.line}"


def _scalar_lines(key: str, value: Any) -> list[str]:
    """`key: value` as YAML; long or multi-line text as a literal block, lists in flow style."""
    if isinstance(value, str) and ("\n" in value.rstrip("\n") or len(value) > 60):
        chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else "-" if not value.endswith("\n") else "+"
        body = value.rstrip("\n")
        if "\n" not in body and body == body.strip() and "  " not in body:
            # one paragraph: folded, wrapped for reading (folding gives back the same text)
            lines = textwrap.wrap(body, 84, break_long_words=False, break_on_hyphens=False)
            return [f"{key}: >{chomp}", *("  " + line for line in lines)]
        return [f"{key}: |{chomp}"] + [f"  {line}" if line else "" for line in body.split("\n")]
    flow = None if isinstance(value, list) else False
    text = yaml.safe_dump({key: value}, width=88, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    return text.rstrip("\n").split("\n")


def _emit(entry: Entry, data: dict[str, Any], path: tuple[Any, ...], indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    for key, value in data.items():
        here = (*path, key)
        if isinstance(value, dict) and value:
            out.append(f"{pad}{key}:{_where(entry, here)}")
            out += _emit(entry, value, here, indent + 2)
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            out.append(f"{pad}{key}:{_where(entry, here)}")
            for index, item in enumerate(value):
                if isinstance(item, dict) and item:
                    inner = _emit(entry, item, (*here, index), indent + 4)
                    first = inner[0].lstrip()
                    out.append(f"{pad}  - {first}")
                    out += inner[1:]
                else:
                    out.append(f"{pad}  - {yaml.safe_dump(item, default_flow_style=True).strip()}{_where(entry, (*here, index))}")
        else:
            lines = _scalar_lines(str(key), value)
            lines[0] += _where(entry, here)
            out += [pad + line for line in lines]
    return out
