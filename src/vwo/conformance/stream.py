"""A version's text as one token stream, and how each block reads in a redline.

Pipeline: ``Standard`` units -> per block ``rules.clean``, ``rules.split_label`` (not for
rows) and ``rules.standard_tokens`` / ``rules.row_tokens`` -> ``StandardStream``: the
tokens with, per token, its unit and block, and for each slot its label.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vwo.conformance.mdtext import Block
from vwo.conformance.rules import (
    FILL,
    PLACEHOLDER_CLOSE,
    PLACEHOLDER_OPEN,
    clean,
    row_slot_tokens,
    slot_tokens,
    split_label,
)
from vwo.conformance.standard import Standard

_SLOT = str.maketrans({PLACEHOLDER_OPEN: "[", PLACEHOLDER_CLOSE: "]"})


@dataclass(frozen=True)
class StandardStream:
    standard: Standard
    tokens: tuple[str, ...]
    unit_of: tuple[int, ...]
    block_of: tuple[int, ...]  # index of the block within its unit
    slot_label: tuple[str, ...]  # for FILL tokens: the placeholder's label ("" for an empty cell)
    slot_text: tuple[bool, ...]  # FILL and the placeholder's own words: never the standard's text
    unit_start: tuple[int, ...]  # first token of each unit
    unit_end: tuple[int, ...]

    def nonfill(self, unit: int) -> int:
        return sum(1 for i in range(self.unit_start[unit], self.unit_end[unit]) if not self.slot_text[i])


def shown(text: str) -> str:
    """A text of the standard as a reader sees it: placeholders in square brackets."""
    return text.translate(_SLOT)


def block_text(block: Block, number: str | None = None) -> str:
    """A block as it goes into the redline: rows with their bars, others without labels.

    ``number``: the clause number before the first block of a clause, as a copy writes it,
    so the labels come off as they do in the copy."""
    if block.kind == "row":
        return "| " + " | ".join(shown(clean(c)) for c in block.cells) + " |"
    return shown(label_free(block.text, number))


def label_free(text: str, number: str | None = None) -> str:
    cleaned = clean(text)
    return split_label(f"{number} {cleaned}" if number else cleaned)[1]


def _labels(text: str) -> list[str]:
    out: list[str] = []
    position = 0
    while True:
        start = text.find(PLACEHOLDER_OPEN, position)
        if start < 0:
            return out
        end = text.find(PLACEHOLDER_CLOSE, start)
        if end < 0:
            return out
        out.append(text[start + 1 : end])
        position = end + 1


@lru_cache(maxsize=65536)
def _block_tokens(
    kind: str, text: str, cells: tuple[str, ...], number: str | None
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]]:
    """(tokens, slot labels, slot flags) of one block; cached, since versions share most blocks."""
    if kind == "row":
        cleaned = [clean(c) for c in cells]
        labels = [label for c in cleaned for label in (_labels(c) if c.strip() else [""])]
        found = row_slot_tokens(cleaned)
    else:
        free = label_free(text, number)
        labels = _labels(free)
        found = slot_tokens(free)
    return tuple(t for t, _ in found), tuple(labels), tuple(f for _, f in found)


def block_tokens(standard: Standard) -> list[tuple[str, ...]]:
    """The tokens of every block of ``standard``, in order (what identification reads)."""
    return [
        _block_tokens(
            block.kind, block.text, block.cells, unit.number if unit.kind == "lid" and b == 0 else None
        )[0]
        for unit in standard.units
        for b, block in enumerate(unit.blocks)
    ]


def build_stream(standard: Standard) -> StandardStream:
    tokens: list[str] = []
    unit_of: list[int] = []
    block_of: list[int] = []
    slots: list[str] = []
    slot_text: list[bool] = []
    starts: list[int] = []
    ends: list[int] = []
    for u, unit in enumerate(standard.units):
        starts.append(len(tokens))
        for b, block in enumerate(unit.blocks):
            number = unit.number if unit.kind == "lid" and b == 0 else None
            found, labels, flags = _block_tokens(block.kind, block.text, block.cells, number)
            names = iter(labels)
            tokens.extend(found)
            slot_text.extend(flags)
            unit_of.extend([u] * len(found))
            block_of.extend([b] * len(found))
            slots.extend(next(names, "") if token == FILL else "" for token in found)
        ends.append(len(tokens))
    return StandardStream(
        standard,
        tuple(tokens),
        tuple(unit_of),
        tuple(block_of),
        tuple(slots),
        tuple(slot_text),
        tuple(starts),
        tuple(ends),
    )
