"""Strict YAML for the project's own data files (``version.yml``, ``data/*.yml``, ``dekking.yml``).

Pipeline: bytes -> size limit -> UTF-8 (a byte-order mark is named, not guessed around)
-> PyYAML's safe composer, refusing anchors and aliases (no alias bombs), tags outside
YAML's core schema and more than one document -> plain data built from the node tree,
refusing duplicate keys and impossible dates, with the line of every value kept in
``Document.lines`` (keyed by its path: mapping keys and list indices) so a caller's error
can name ``file:line``.

Every problem is a ``VwoError`` naming ``<where>:<line>``; nothing here raises anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vwo.errors import VwoError
from vwo.site.dates import parse_day

MAX_BYTES = 64_000
"""Far above any real file here (the largest, a version.yml, is about 1.5 kB)."""

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """The data of one YAML file and where each value stands in it."""

    where: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, *path: str | int) -> int:
        """The line of the value at ``path`` (or of its nearest parent that has one)."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def at(self, *path: str | int) -> str:
        """``<where>:<line>`` of the value at ``path``, for error messages."""
        return f"{self.where}:{self.line(*path)}"


class _Composer(yaml.SafeLoader):
    """The safe loader, minus anchors and aliases."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (& and *) are not allowed here",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


_CORE_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


def load(source: str | bytes, where: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Parse ``source`` strictly; ``where`` names the file in errors."""
    raw = source.encode("utf-8") if isinstance(source, str) else source
    if len(raw) > max_bytes:
        raise VwoError(
            where,
            f"{len(raw):,} bytes is more than this file may hold ({max_bytes:,})",
            "these files hold a few facts; move long text elsewhere",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise VwoError(
            f"{where}:1",
            "starts with a byte-order mark (BOM)",
            "save the file as UTF-8 without BOM",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise VwoError(
            f"{where}:{line}", f"not valid UTF-8 (byte {error.start})", "save the file as UTF-8"
        ) from None
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise VwoError(f"{where}:{line}", f"not valid YAML: {error.problem}", "fix the syntax") from None
    except yaml.YAMLError as error:
        raise VwoError(where, f"not valid YAML: {error}", "fix the syntax") from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    data = None if node is None else _build(node, (), loader, where, lines)
    return Document(where, data, lines)


def _build(node: Node, path: Path_, loader: _Composer, where: str, lines: dict[Path_, int]) -> Any:
    lines[path] = node.start_mark.line + 1
    here = f"{where}:{node.start_mark.line + 1}"
    if node.tag not in _CORE_TAGS:
        raise VwoError(here, f"the tag '{node.tag}' is not allowed", "write plain values without !tags")
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise VwoError(
                    f"{where}:{key_node.start_mark.line + 1}", "a key must be a plain value", "fix the key"
                )
            key = _scalar(key_node, loader, where)
            if key in result:
                raise VwoError(
                    f"{where}:{key_node.start_mark.line + 1}",
                    f"duplicate key '{key}' (first at line {lines[(*path, key)]})",
                    "give every key once",
                )
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, (*path, key), loader, where, lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), loader, where, lines) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)
    return _scalar(node, loader, where)


def _scalar(node: ScalarNode, loader: _Composer, where: str) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError) as error:
        raise VwoError(
            f"{where}:{node.start_mark.line + 1}",
            f"'{node.value}' is not a valid value: {error}",
            "write dates as YYYY-MM-DD that exist, e.g. 2019-02-28",
        ) from None


def walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """Every value in ``data`` with its path, parents before children."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))


def as_date(doc: Document, value: Any, *path: str | int) -> date:
    """``value`` as a calendar date: a YAML date or a quoted ``YYYY-MM-DD`` string.

    Integers (``20181206``) and datetimes are refused: a date in these files is a day.
    """
    key = str(path[-1]) if path else "value"
    if isinstance(value, datetime):
        raise VwoError(doc.at(*path), f"{key}: {value} has a time; give only the day", "write YYYY-MM-DD")
    if isinstance(value, date):
        return value
    day = parse_day(value) if isinstance(value, str) else None
    if day is not None:
        return day
    raise VwoError(
        doc.at(*path), f"{key}: '{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2019-06-05"
    )


def as_text(doc: Document, value: Any, *path: str | int) -> str:
    """``value`` as text: a YAML string (numbers and mappings are refused, not turned into text)."""
    key = str(path[-1]) if path else "value"
    if not isinstance(value, str):
        kind = type(value).__name__ if value is not None else "empty"
        raise VwoError(doc.at(*path), f"{key}: expected text, got {kind}", f"write {key}: followed by text")
    return value
