"""Markdown as plain text blocks: the standard's text (with ``⟦placeholders⟧``) and a copy
that arrives as Markdown. Mirrored in ``vwo-toets-regels.js`` (``mdBlocks``).

Pipeline: lines (front matter and attribute lists dropped) -> blocks (heading, table row
with its cells, list item without its marker, paragraph; table rule rows skipped) ->
inline Markdown removed (links to their text, emphasis, HTML tags, a few entities,
backslash escapes); in the standard, a bracketed label that is no link is a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from vwo.conformance.rules import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN

Kind = Literal["p", "li", "h", "row"]

_ATTR_LIST = re.compile(r"(?m)^\{:[^}\n]*\}[ \t]*$\n?|[ \t]*\{:?[ \t]*[.#][^}\n]*\}")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|[0-9]{1,3}[.)])[ \t]+")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+")
_RULE_ROW = re.compile(r"^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_PLACEHOLDER = re.compile(r"\[([^\[\]\n]+)\](?![(\[])")
_STRONG = re.compile(r"\*\*|__")
_EMPHASIS = re.compile(r"\*|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_TAG = re.compile(r"<[^<>\n]*>")
_CODE = re.compile(r"`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|apos|nbsp|#[0-9]{1,6}|#x[0-9a-fA-F]{1,6});")
PROTECTED = 0xE000  # an escaped ASCII character c is kept as chr(PROTECTED + ord(c))
_PROTECTED = re.compile("[\ue000-\ue07f]")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, heading (``level`` 1-6) or table row (``cells``)."""

    kind: Kind
    text: str
    cells: tuple[str, ...] = ()
    level: int = 0


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1:2] in ("x", "X") else int(name[1:])
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _NAMED[name]


def _protect(match: re.Match[str]) -> str:
    return chr(PROTECTED + ord(match.group(1)))


def inline(text: str, *, placeholders: bool) -> str:
    r"""Inline Markdown as plain text; ``placeholders``: ``[label]`` becomes ``⟦label⟧``.

    Backslash escapes are set aside first (as private-use characters, put back at the
    end), so an escaped ``\*`` or ``\[`` is never emphasis or a placeholder."""
    text = _ESCAPE.sub(_protect, text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    if placeholders:
        text = _PLACEHOLDER.sub(lambda m: PLACEHOLDER_OPEN + m.group(1).strip() + PLACEHOLDER_CLOSE, text)
    text = _STRONG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _TAG.sub(" ", text)
    text = _CODE.sub("", text)
    text = _ENTITY.sub(_entity, text)
    text = _PROTECTED.sub(lambda m: chr(ord(m.group(0)) - PROTECTED), text)
    return " ".join(text.split())


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", body)]


def blocks(markdown: str, *, placeholders: bool = False) -> tuple[Block, ...]:
    return _blocks(markdown, placeholders)


@lru_cache(maxsize=16384)
def _blocks(markdown: str, placeholders: bool) -> tuple[Block, ...]:
    """Cached: the versions of the standard share most clauses."""
    lines = _ATTR_LIST.sub("", markdown).split("\n")
    if lines and lines[0].strip() == "---":
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
        if end is not None:
            lines = lines[end + 1 :]
    out: list[Block] = []
    current: list[str] = []
    kind: Kind = "p"

    def flush() -> None:
        if current:
            text = inline(" ".join(current), placeholders=placeholders)
            if text:
                out.append(Block(kind, text))
        current.clear()

    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        while stripped.startswith(">"):
            stripped = stripped[1:].strip()
        if not stripped:
            flush()
            continue
        heading = _HEADING.match(stripped)
        if heading:
            flush()
            text = inline(stripped[heading.end() :].rstrip("#").strip(), placeholders=placeholders)
            if text:
                out.append(Block("h", text, level=len(heading.group(1))))
            continue
        if stripped.startswith("|"):
            flush()
            if not _RULE_ROW.match(stripped):
                cells = tuple(inline(c, placeholders=placeholders) for c in _cells(stripped))
                out.append(Block("row", " | ".join(cells), cells))
            continue
        item = _LIST_ITEM.match(stripped)
        if item:
            flush()
            kind = "li"
            current.append(stripped[item.end() :])
            continue
        if not current:
            kind = "p"
        current.append(stripped)
    flush()
    return tuple(out)
