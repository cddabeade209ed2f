"""Read one YAML file into plain Python values, remembering where every node came from.

The file is read from PyYAML's event stream (C parser when present) by an iterative
composer, so no input can recurse deeply, expand aliases without bound, run a constructor
or hide a duplicate key. Every refusal is a Problem with file, line and column.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from game.world.problems import Pos, Problem

try:  # the C parser is several times faster; the pure one gives the same events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_ALIASES = 200
_TOO_DEEP = f"values nest more than {MAX_DEPTH} levels deep; flatten the structure."

Path_ = tuple[Any, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

_resolver = Resolver()
_constructor = SafeConstructor()


@dataclass
class Doc:
    """A parsed file: its value and the position of every node and mapping key in it."""

    file: str
    value: Any
    pos: dict[Path_, Pos] = field(default_factory=dict)
    keypos: dict[Path_, Pos] = field(default_factory=dict)
    lost: list[tuple[str, str | None, Pos]] = field(default_factory=list)
    """What a syntax error cost (read with recover=True): (kind, entry id or None for the whole kind, where)."""

    def at(self, path: Path_) -> Pos:
        """The position of `path`, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            found = self.pos.get(path[:cut])
            if found is not None:
                return found
        return Pos(self.file)


class _Refused(Exception):
    """A refusal of our own; `limit`: a size limit, after which the file is not read again."""

    def __init__(self, problem: Problem, limit: bool = False) -> None:
        self.problem = problem
        self.limit = limit


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def read_yaml(data: bytes, file: str, recover: bool = False) -> tuple[Doc | None, list[Problem]]:
    """Parse `data` (the bytes of `file`) into a Doc, or say why not.

    With `recover`, a YAML syntax error costs only the entries it falls in: they are
    blanked out (lines kept, so every position stays true), the rest is read again, and
    `Doc.lost` names what was left out, so references to it are not reported as missing
    too. A modder then sees every other mistake of the file in the same run."""
    if len(data) > MAX_BYTES:
        return None, [Problem(Pos(file), f"the file is {len(data):,} bytes; world files may be at most {MAX_BYTES:,}. "
                                         "Split it into several files.")]
    if data.startswith(b"\xef\xbb\xbf"):  # a byte order mark is allowed, and not counted
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        good = data[: err.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        return None, [Problem(Pos(file, line, col), f"the file is not UTF-8 (byte 0x{data[err.start]:02x} here); "
                                                    "save it as UTF-8.")]
    found: list[Problem] = []
    lost: list[tuple[str, str | None, Pos]] = []
    lines = text.split("\n")

    def given_up() -> tuple[Doc | None, list[Problem]]:
        """Nothing more can be read: with `recover`, an empty Doc whose kinds are all lost (any id
        of them may be defined here), so the rest of the world is not told they are missing."""
        if not recover:
            return None, found
        kinds: list[tuple[str, str | None, Pos]] = [
            (str(m.group(1)), None, Pos(file, n + 1)) for n, row in enumerate(text.split("\n")) if (m := _TOP_KEY.match(row))]
        return Doc(file, {}, lost=kinds), found

    for _attempt in range(MAX_RECOVERIES + 1):
        doc = Doc(file, None)
        try:
            _compose("\n".join(lines), doc)
            break
        except _Refused as refused:
            found.append(refused.problem)
            line = refused.problem.pos.line - 1
            if not recover or refused.limit:
                return given_up()
            cut = _blank_entries(lines, (line, line), file)
        except yaml.MarkedYAMLError as err:
            problem, span = _syntax_problem(err, file, lines)
            found.append(problem)
            if not recover or span is None or "nesting depth" in problem.message:
                return given_up()
            cut = _blank_entries(lines, span, file)
        except yaml.YAMLError as err:  # pragma: no cover - unmarked errors are rare
            found.append(Problem(Pos(file), f"YAML syntax error: {err}."))
            return given_up()
        if not cut:
            return given_up()
        lost.extend(cut)
    else:
        return given_up()
    if doc.value is None:
        doc.value = {}
    if not isinstance(doc.value, dict):
        return None, [*found, Problem(doc.at(()), "the top level of a world file must be a mapping of kinds "
                                                  "(rooms:, items:, ...), not a list or a single value.")]
    for kind, ident, _pos in lost:
        if ident is not None and kind in doc.value and doc.value[kind] is None:
            doc.value[kind] = {}  # every entry of the kind was cut: the kind itself is fine
    doc.lost = lost
    return doc, found


MAX_RECOVERIES = 20
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_ENTRY_KEY = re.compile(r"^( +)([^\s#:'\"{}\[\],&*!|>%@`-][^:#]*?)\s*:(\s|$)")


def _syntax_problem(err: yaml.MarkedYAMLError, file: str, lines: list[str]) -> tuple[Problem, tuple[int, int] | None]:
    """The problem a YAML syntax error makes, and the span of lines (0-based) it involves."""
    mark = err.problem_mark or err.context_mark
    where = Pos(file, mark.line + 1, mark.column + 1) if mark else Pos(file)
    what = (err.problem or err.context or "invalid YAML").strip()
    if "nesting depth" in what:  # libyaml >= 0.2.5 stops very deep nesting before we see it
        return Problem(where, _TOO_DEEP), None
    marks = [m.line for m in (err.context_mark, err.problem_mark) if m is not None]
    span = (min(marks), max(marks)) if marks else None
    if err.context_mark is not None and "end of stream" in what and err.context:
        opened = err.context.strip().removeprefix("while scanning ").removeprefix("while parsing ")
        mark, what = err.context_mark, f"this {opened.removeprefix('a ')} is never closed"  # point at where it opened
        where = Pos(file, mark.line + 1, mark.column + 1)
    if mark is not None and mark.line < len(lines):
        row = lines[mark.line]
        tab = row.find("\t")
        indent = len(row) - len(row.lstrip(" \t"))
        if tab != -1 and (tab < indent or row[mark.column:mark.column + 1] == "\t"):
            at = Pos(file, mark.line + 1, tab + 1)
            return Problem(at, "a tab character: YAML indents with spaces only; replace the tab with spaces."), span
    hint = _HINTS.get(what, "")
    if (not hint and err.context and err.context_mark is not None and err.problem_mark is not None
            and err.context_mark.line != err.problem_mark.line):  # say where the unfinished thing began
        begun = _OPENED.get(err.context.strip(), err.context.strip().removeprefix("while "))
        hint = f" (in {begun} that starts at line {err.context_mark.line + 1}, column {err.context_mark.column + 1})"
    return Problem(where, f"YAML syntax error: {what}{hint}."), span


_OPENED = {
    "while parsing a flow sequence": "the [ list",
    "while parsing a flow mapping": "the { mapping",
    "while parsing a block mapping": "the mapping",
    "while parsing a block collection": "the list",
}
_HINTS = {
    "mapping values are not allowed in this context":
        " (a key on this line is indented more than the keys beside it, or a value before it holds"
        " ': ' and needs quotes)",
}


def _blank_entries(lines: list[str], span: tuple[int, int], file: str) -> list[tuple[str, str | None, Pos]]:
    """Blank out the entries (or whole kinds) that lines span[0]..span[1] fall in; what was cut.

    An entry is a key at the first indentation under a top-level key (`rooms:` then
    `  cellar:`); lines before the first entry of a kind belong to the kind itself."""
    chunks: list[tuple[int, int, str, str | None]] = []  # start, end (exclusive), kind, entry id
    kind, indent = "", -1
    for number, row in enumerate(lines):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        top = _TOP_KEY.match(row)
        if top:
            kind, indent = top.group(1), -1
            chunks.append((number, number + 1, kind, None))
            continue
        spaces = len(row) - len(row.lstrip(" "))
        entry = _ENTRY_KEY.match(row)
        if entry and kind and (indent == -1 or spaces == indent) and not row.lstrip(" ").startswith("\t"):
            indent = spaces
            chunks.append((number, number + 1, kind, entry.group(2).strip()))
            continue
        if chunks:
            start, _end, k, ident = chunks[-1]
            chunks[-1] = (start, number + 1, k, ident)
    if span[0] < span[1] and any(c[0] == span[1] for c in chunks):
        span = (span[0], span[1] - 1)  # something left open runs into the next entry, which is itself fine
    chosen = [c for c in chunks if c[0] <= span[1] and c[1] > span[0]]
    whole_kinds = {k for _s, _e, k, ident in chosen if ident is None}
    cut = [c for c in chunks if c in chosen or c[2] in whole_kinds]  # a kind is written once in a file
    for start, end, _k, _ident in cut:
        for number in range(start, end):
            lines[number] = ""
    return [(k, ident, Pos(file, start + 1, 1)) for start, _end, k, ident in cut]


def _compose(text: str, doc: Doc) -> None:
    file = doc.file

    def pos(event: Any) -> Pos:
        return Pos(file, event.start_mark.line + 1, event.start_mark.column + 1)

    def refuse(event: Any, message: str, limit: bool = False) -> NoReturn:
        raise _Refused(Problem(pos(event), message), limit)

    anchors: dict[str, tuple[Any, int, int]] = {}  # value, node count, nesting depth
    aliases = 0
    nodes = 0
    documents = 0
    # Each frame: [container, path, pending key or None, node count at start, anchor,
    #              start event, deepest nesting among its children]
    stack: list[list[Any]] = []

    def place(value: Any, event: Any, count: int) -> None:
        """Attach a finished value to its parent (or make it the document)."""
        if not stack:
            doc.value = value
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
            doc.pos.setdefault(child, pos(event))
        elif frame[2] is None:
            if not isinstance(value, (str, int, float, bool)) or value is None:
                refuse(event, "a mapping key must be a plain word, not a list or a mapping.")
            key = value
            if key in container:
                first = doc.keypos.get((*path, key))
                first_at = f" (first at line {first.line})" if first else ""
                refuse(event, f"duplicate key '{key}'{first_at}; each key may appear once in a mapping.")
            frame[2] = key
            doc.keypos[(*path, key)] = pos(event)
        else:
            key = frame[2]
            container[key] = value
            doc.pos.setdefault((*path, key), pos(event))
            frame[2] = None

    def child_path() -> Path_:
        if not stack:
            return ()
        container, key = stack[-1][0], stack[-1][2]
        path: Path_ = stack[-1][1]
        return (*path, len(container) if isinstance(container, list) else key)

    def key_expected() -> bool:
        return bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is None

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                refuse(event, "a world file holds one YAML document; remove the extra '---' or split the file.")
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        nodes += 1
        if nodes > MAX_NODES:
            refuse(event, f"the file expands to more than {MAX_NODES:,} values; split it or remove aliases.", True)
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                refuse(event, f"more than {MAX_ALIASES} aliases (*name) in one file; write the values out instead.", True)
            if event.anchor not in anchors:
                refuse(event, f"alias *{event.anchor} refers to no finished anchor &{event.anchor}; define the anchor first, "
                              "outside the value that uses it.")
            aliased, count, depth = anchors[event.anchor]
            if len(stack) + depth > MAX_DEPTH:
                refuse(event, f"with alias *{event.anchor}, values nest more than {MAX_DEPTH} levels deep; "
                              "flatten the structure.", True)
            if stack:
                stack[-1][6] = max(stack[-1][6], depth)
            nodes += count
            if nodes > MAX_NODES:
                refuse(event, f"aliases expand the file to more than {MAX_NODES:,} values; write the values out instead.",
                       True)
            if key_expected():
                refuse(event, "an alias cannot be used as a mapping key.")
            path = child_path()
            doc.pos[path] = pos(event)
            place(copy.deepcopy(aliased), event, count)
            continue
        if isinstance(event, yaml.ScalarEvent):
            if key_expected():
                if event.tag not in (None, "!", "tag:yaml.org,2002:str"):
                    refuse(event, f"a mapping key cannot carry the tag {_short(event.tag)}.")
                if event.value == "<<" and event.implicit[0]:
                    refuse(event, "merge keys (<<) are not supported; write the fields out.")
                value: Any = event.value  # keys stay text: `on:` and `no:` are words here
            else:
                value = _scalar(event, refuse)
            if event.anchor:
                anchors[event.anchor] = (value, 1, 0)
            place(value, event, 1)
            continue
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                refuse(event, _TOO_DEEP, True)
            if key_expected():
                refuse(event, "a mapping key must be a plain word, not a list or a mapping.")
            is_map = isinstance(event, yaml.MappingStartEvent)
            want = _MAP_TAG if is_map else _SEQ_TAG
            if event.tag not in (None, "!", want):
                refuse(event, f"the tag {_short(event.tag)} is not allowed: world files are data only, and nothing in them runs.")
            path = child_path()
            doc.pos[path] = pos(event)
            stack.append([{} if is_map else [], path, None, nodes, event.anchor, event, 0])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            container, _path, _key, start, anchor, start_event, inner = stack.pop()
            count = nodes - start + 1
            if stack:
                stack[-1][6] = max(stack[-1][6], inner + 1)
            if anchor:
                anchors[anchor] = (container, count, inner + 1)
            place(container, start_event, count)
            continue


def _scalar(event: Any, refuse: Any) -> Any:
    tag = event.tag
    if tag in (None, "!"):
        if tag == "!" or not event.implicit[0]:
            return event.value  # quoted or block text is always a string
        # types-PyYAML leaves Resolver.resolve unannotated
        tag = _resolver.resolve(ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _SCALAR_TAGS:
        refuse(event, f"the tag {_short(tag)} is not allowed: world files are data only, and nothing in them runs.")
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return event.value
    node = ScalarNode(tag, event.value)
    try:
        if tag == "tag:yaml.org,2002:int":
            return _constructor.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return _constructor.construct_yaml_float(node)
        if tag == "tag:yaml.org,2002:bool":
            return _constructor.construct_yaml_bool(node)
    except (ValueError, yaml.YAMLError):
        refuse(event, f"'{event.value}' is not a valid {tag.rsplit(':', 1)[-1]}.")
    return None


def _short(tag: str) -> str:
    """A tag as a modder writes it: !!python/object, not tag:yaml.org,2002:python/object."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag
