"""Word-level diff of two Markdown texts, readable like a lawyer's track changes.

Pipeline: text -> blocks (paragraphs, list items, table rows, headings; whitespace
inside a block normalised) -> blocks aligned (``sequence.opcodes``: bounded, exact
blocks kept) -> in a changed run of blocks each paired with a similar counterpart
(others are removed or added whole) -> word diff per pair (``words``: sentences, then
words, with its cleanup) -> ``BlockDiff`` records of ``Segment`` runs.

Every layer has a bound on its work, so no input is quadratic in its words: two
different 100,000-word clauses compare in seconds (``benchmarks/bench_diff.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from vwo.compare.sequence import opcodes
from vwo.compare.words import Op, Segment, count_words, diff_words, pair_texts, tokens

__all__ = [
    "Block",
    "BlockDiff",
    "Op",
    "Segment",
    "Status",
    "blocks",
    "count_words",
    "diff_block",
    "diff_text",
    "diff_words",
    "tokens",
    "words_changed",
]

Status = Literal["unchanged", "changed", "added", "removed"]

LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)]|[a-z][.)]) +")


@dataclass(frozen=True)
class Block:
    """One paragraph, list item (``marker`` like ``-`` or ``a.``), table row or heading."""

    kind: Literal["p", "li", "row", "h"]
    marker: str
    text: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.marker}:{self.text}"


@dataclass(frozen=True)
class BlockDiff:
    status: Status
    kind: Literal["p", "li", "row", "h"]
    marker: str
    segments: tuple[Segment, ...]
    old_marker: str | None = None  # the old block's marker where it differs ("" for no list item)

    @property
    def changed(self) -> bool:
        return self.status != "unchanged"


def blocks(text: str) -> list[Block]:
    return list(_blocks(text))


@lru_cache(maxsize=8192)
def _blocks(text: str) -> tuple[Block, ...]:
    """Split Markdown into blocks; line wrapping and repeated spaces do not matter."""
    out: list[Block] = []
    current: list[str] = []
    kind: Literal["p", "li", "row", "h"] = "p"
    marker = ""

    def flush() -> None:
        if current:
            out.append(Block(kind, marker, " ".join(current)))
        current.clear()

    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            flush()
            continue
        list_match = LIST_MARKER.match(line)
        if line.startswith("|") or line.startswith("#"):
            flush()
            head = line.startswith("#")
            out.append(Block("h" if head else "row", "", line.lstrip("#").strip() if head else line))
            continue
        if list_match:
            flush()
            kind, marker = "li", list_match.group(0).strip()
            current.append(line[list_match.end() :])
            continue
        if not current:
            kind, marker = "p", ""
        current.append(line)
    flush()
    return tuple(out)


def _whole(status: Status, block: Block) -> BlockDiff:
    op: Op = "insert" if status == "added" else "delete" if status == "removed" else "equal"
    return BlockDiff(status, block.kind, block.marker, (Segment(op, block.text),))


def diff_block(old: Block, new: Block) -> BlockDiff:
    """One block against its counterpart, word by word."""
    old_marker = old.marker if old.marker != new.marker else None
    if old.text == new.text:
        return BlockDiff(
            "unchanged" if old_marker is None else "changed",
            new.kind,
            new.marker,
            (Segment("equal", new.text),),
            old_marker,
        )
    return BlockDiff("changed", new.kind, new.marker, diff_words(old.text, new.text), old_marker)


def _changed_run(a: list[Block], b: list[Block]) -> list[BlockDiff]:
    out: list[BlockDiff] = []
    for i, j in pair_texts([x.text for x in a], [x.text for x in b]):
        if i is not None and j is not None:
            out.append(diff_block(a[i], b[j]))
        elif i is not None:
            out.append(_whole("removed", a[i]))
        elif j is not None:
            out.append(_whole("added", b[j]))
    return out


@lru_cache(maxsize=8192)
def diff_text(old: str, new: str) -> tuple[BlockDiff, ...]:
    """Block-aligned word diff of two Markdown texts; empty text means added or removed.

    Cached: a site build compares the same clause texts across many version pairs.
    """
    if old == new:
        return tuple(_whole("unchanged", block) for block in _blocks(new))
    a, b = _blocks(old), _blocks(new)
    out: list[BlockDiff] = []
    for tag, i1, i2, j1, j2 in opcodes([x.key for x in a], [x.key for x in b]):
        if tag == "equal":
            out.extend(_whole("unchanged", block) for block in b[j1:j2])
        else:
            out.extend(_changed_run(list(a[i1:i2]), list(b[j1:j2])))
    return tuple(out)


def words_changed(diffs: tuple[BlockDiff, ...]) -> tuple[int, int]:
    """(words inserted, words deleted)."""
    inserted = sum(s.words for d in diffs for s in d.segments if s.op == "insert")
    deleted = sum(s.words for d in diffs for s in d.segments if s.op == "delete")
    return inserted, deleted
