"""Bounded alignment of two sequences: difflib-style opcodes, never quadratic in length.

Pipeline: common prefix and suffix -> a small middle goes to difflib (longest matches
first, autojunk off) -> a large middle is split at patience anchors (items that occur once
on each side, kept in their longest increasing run) and every gap is aligned the same
way -> all work is charged to a budget linear in the input; a gap the budget does not
cover, or without anchors, stays one replaced region.

Why not difflib alone: its worst case is quadratic (a 100,000-word clause took minutes),
and with autojunk on (its default) it ignores every item that makes up more than 1 % of
a sequence of over 200 items: in Dutch text "de", "van" and "het".
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Literal

Tag = Literal["equal", "replace", "delete", "insert"]
Opcode = tuple[Tag, int, int, int, int]
Match = tuple[int, int, int]  # start in a, start in b, length

# A gap of at most this many item pairs (len(a) * len(b)) is aligned by difflib.
SMALL = 40_000
# The budget of one alignment: SMALL plus this many units per item of input; difflib
# costs len(a) * len(b) units, one round of anchors len(a) + len(b).
WORK_PER_ITEM = 256
# Items ahead on either side that ``pair_similar`` looks at for a counterpart.
WINDOW = 3


def increasing_run(values: Sequence[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence of ``values`` (patience sorting)."""
    tails: list[int] = []  # index of the smallest last value of a run of each length
    tail_values: list[int] = []
    back = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect_left(tail_values, value)
        if k:
            back[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
            tail_values.append(value)
        else:
            tails[k] = index
            tail_values[k] = value
    out: list[int] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        out.append(index)
        index = back[index]
    return out[::-1]


def _anchors(
    a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int, blo: int, bhi: int
) -> list[Match]:
    """Items unique on both sides of the gap, in an order both sides agree on."""
    seen_a: dict[Hashable, int] = {}
    for i in range(alo, ahi):
        item = a[i]
        seen_a[item] = -1 if item in seen_a else i
    seen_b: dict[Hashable, int] = {}
    for j in range(blo, bhi):
        item = b[j]
        if seen_a.get(item, -1) >= 0:
            seen_b[item] = -1 if item in seen_b else j
    pairs = sorted((seen_a[item], j) for item, j in seen_b.items() if j >= 0)
    return [(pairs[k][0], pairs[k][1], 1) for k in increasing_run([j for _, j in pairs])]


def matches(a: Sequence[Hashable], b: Sequence[Hashable], *, small: int = SMALL) -> list[Match]:
    """Matching runs of ``a`` and ``b``, in order, adjacent runs joined."""
    if a == b:  # most clause lists and texts of two versions: one comparison in C
        return [(0, 0, len(a))] if len(a) else []
    budget = small + WORK_PER_ITEM * (len(a) + len(b))
    found: list[Match] = []
    gaps = [(0, len(a), 0, len(b))]
    while gaps:
        alo, ahi, blo, bhi = gaps.pop()
        start = alo
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            alo, blo = alo + 1, blo + 1
        if alo > start:
            found.append((start, blo - (alo - start), alo - start))
        end = ahi
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
        if ahi < end:
            found.append((ahi, bhi, end - ahi))
        n, m = ahi - alo, bhi - blo
        if not n or not m:
            continue
        if n * m <= small:
            if budget >= n * m:
                budget -= n * m
                matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
                found.extend((alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks() if size)
            continue
        if budget < n + m:
            continue
        budget -= n + m
        anchors = _anchors(a, b, alo, ahi, blo, bhi)
        found.extend(anchors)
        edges = [(alo - 1, blo - 1, 1), *anchors, (ahi, bhi, 0)]
        for (i1, j1, _), (i2, j2, _) in pairwise(edges):
            gaps.append((i1 + 1, i2, j1 + 1, j2))
    return _joined(sorted(found))


def _joined(found: list[Match]) -> list[Match]:
    out: list[Match] = []
    for i, j, size in found:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + size)
        else:
            out.append((i, j, size))
    return out


def to_opcodes(found: Sequence[Match], n: int, m: int) -> list[Opcode]:
    """Opcodes (as difflib's ``get_opcodes``) from matching runs of sequences of length n, m."""
    out: list[Opcode] = []
    i = j = 0
    for ai, bj, size in [*found, (n, m, 0)]:
        tag: Tag | None = (
            "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else None
        )
        if tag:
            out.append((tag, i, ai, j, bj))
        if size:
            out.append(("equal", ai, ai + size, bj, bj + size))
        i, j = ai + size, bj + size
    return out


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable], *, small: int = SMALL) -> list[Opcode]:
    """How to turn ``a`` into ``b``, in bounded time: see the module docstring."""
    return to_opcodes(matches(a, b, small=small), len(a), len(b))


def pair_similar(n: int, m: int, similar: Callable[[int, int], bool]) -> list[tuple[int | None, int | None]]:
    """Pair the items of two replaced runs (lengths n and m) in order.

    Each item is paired with the first similar counterpart at most ``WINDOW`` items
    ahead on either side. What is skipped on both sides is paired as it stands (the
    caller's diff decides what such a pair shares), and so are the next two items when
    nothing similar is in reach; the rest of what is skipped stands alone. At most
    (WINDOW + 1) ** 2 comparisons per item: linear in n + m.
    """
    if n == m == 1:  # paired whatever their likeness: no need to ask
        return [(0, 0)]
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        di, dj = next(
            (
                (di, total - di)
                for total in range(2 * WINDOW + 1)
                for di in range(max(0, total - WINDOW), min(total, WINDOW) + 1)
                if i + di < n and j + total - di < m and similar(i + di, j + total - di)
            ),
            (0, 0),
        )
        both = min(di, dj)
        out += [(i + k, j + k) for k in range(both)]
        out += [(k, None) for k in range(i + both, i + di)] + [(None, k) for k in range(j + both, j + dj)]
        out.append((i + di, j + dj))
        i, j = i + di + 1, j + dj + 1
    out += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return out
