"""Which version a copy is, and which of its words are the standard's: the token matching.

Pipeline: token streams of the standard (``⟦slots⟧`` as ``FILL``) and the copy ->
``score``: per version the share of 4-token runs (within each of its blocks) that are
also in the copy ->
``align`` for the chosen version: runs of 8 tokens that occur once in each text anchor
the two; the longest chain of anchors in the same order is kept; between anchors the
texts are matched word by word (longest common subsequence, a bounded table) or, when a
stretch is too long for that, by shorter anchors -> ``Alignment``: per token of each
side the matched token of the other, or -1. Anchors left out of the chain are kept: an
article that moved is found through them (``vwo.conformance.findings``).

Every step is deterministic and spelled out in ``docs/over/toetsen-regels.md``, so the
JavaScript version (``vwo-toets-koppelen.js``) gives the same matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from vwo.compare.sequence import increasing_run
from vwo.conformance.rules import FILL

SCORE_K = 4
ANCHOR_K = (8, 4)  # anchor length at the top level, then inside a long stretch
TABLE_LIMIT = 60_000  # cells of one word-by-word table; longer stretches are split by anchors
RECOGNISED = 500  # per mille of a version's 4-token runs that must be in the copy


@dataclass(frozen=True)
class Score:
    version: str
    score: int  # Dice coefficient of the two sets of 4-token runs, per mille (rounded down)
    containment: int  # share of the version's runs found in the copy, per mille
    common: int
    size: int  # the version's runs
    copy_size: int  # the copy's runs

    @property
    def recognised(self) -> bool:
        return self.containment >= RECOGNISED


def grams(tokens: Sequence[str], k: int) -> set[tuple[str, ...]]:
    """The runs of ``k`` tokens without a slot in them."""
    out: set[tuple[str, ...]] = set()
    run: list[str] = []
    for token in [*tokens, FILL]:
        if token != FILL:
            run.append(token)
            continue
        if len(run) >= k:
            out.update(zip(*(run[i:] for i in range(k)), strict=False))
        run = []
    return out


def score(
    version: str,
    blocks: Iterable[tuple[str, ...]],
    copy: set[tuple[str, ...]],
    cache: dict[tuple[str, ...], tuple[int, int]],
) -> Score:
    """The runs of ``SCORE_K`` tokens of each block of a version (counted per block, so
    versions that share a block share its count: ``cache``), against those of the copy."""
    common = size = 0
    for tokens in blocks:
        found = cache.get(tokens)
        if found is None:
            own = grams(tokens, SCORE_K)
            found = cache[tokens] = (len(own), len(own & copy))
        size += found[0]
        common += found[1]
    total = size + len(copy)
    dice = (2000 * common) // total if total else 0
    contained = (1000 * common) // size if size else 0
    return Score(version, dice, contained, common, size, len(copy))


def ranked(scores: Sequence[Score], order: Sequence[str]) -> list[Score]:
    """Best first: the higher exact Dice fraction; equal fractions newest first (``order``
    lists the versions oldest first)."""
    position = {v: n for n, v in enumerate(order)}

    def key(s: Score) -> tuple[Fraction, int]:
        total = s.size + s.copy_size
        return (Fraction(s.common, total) if total else Fraction(0), position.get(s.version, -1))

    return sorted(scores, key=key, reverse=True)


def same_score(a: Score, b: Score) -> bool:
    return a.common * (b.size + b.copy_size) == b.common * (a.size + a.copy_size)


@dataclass(frozen=True)
class Alignment:
    standard_to_copy: tuple[int, ...]
    copy_to_standard: tuple[int, ...]
    spare: tuple[tuple[int, int, int], ...]  # anchors (standard, copy, length) left out of the chain


def _unique_grams(
    tokens: Sequence[str], start: int, end: int, k: int, unit_of: Sequence[int] | None = None
) -> dict[tuple[str, ...], int]:
    """Runs of ``k`` tokens that occur once in ``tokens[start:end]``, by their start. With
    ``unit_of`` (the standard) only runs inside one unit: an anchor never ties the end of
    one clause to the start of the next, which the copy may have dropped."""
    seen: dict[tuple[str, ...], int] = {}
    for i in range(start, end - k + 1):
        if unit_of is not None and unit_of[i] != unit_of[i + k - 1]:
            continue
        gram = tuple(tokens[i : i + k])
        if FILL in gram:
            continue
        seen[gram] = -1 if gram in seen else i
    return {g: i for g, i in seen.items() if i >= 0}


def chain(pairs: Sequence[tuple[int, int]]) -> list[int]:
    """Indices into ``pairs`` (sorted by their first element) of the longest run whose
    second elements strictly increase; on equal length the one patience sorting finds."""
    return increasing_run([j for _, j in pairs])


def lcs(
    a: Sequence[str], b: Sequence[str], weights: Sequence[int] | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Two heaviest common subsequences of ``a`` and ``b`` as matched (i, j): a match of
    ``a[i]`` weighs ``weights[i]`` (default 1; the words of a placeholder weigh less than
    the standard's own, so a copy's comma matches the text's comma, not the one in
    ``[de burgemeester, of ...]``). Both are read from the start. Early: a token of ``a``
    is matched as soon as that loses nothing, else skipped if that loses nothing, else a
    token of ``b`` is skipped. Late: a token of ``b`` is skipped whenever that loses
    nothing, so matches fall as late in ``b`` as they can."""
    n, m = len(a), len(b)
    w = weights if weights is not None else [1] * n
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, token, weight = table[i], table[i + 1], a[i], w[i]
        for j in range(m - 1, -1, -1):
            best = below[j] if below[j] >= row[j + 1] else row[j + 1]
            if token == b[j] and below[j + 1] + weight > best:
                best = below[j + 1] + weight
            row[j] = best
    walks: list[list[tuple[int, int]]] = []
    for late in (False, True):
        out: list[tuple[int, int]] = []
        i = j = 0
        while i < n and j < m:
            here = table[i][j]
            if late and table[i][j + 1] == here:
                j += 1
            elif a[i] == b[j] and table[i + 1][j + 1] + w[i] == here:
                out.append((i, j))
                i += 1
                j += 1
            elif table[i + 1][j] == here:
                i += 1
            else:
                j += 1
        walks.append(out)
    return walks[0], walks[1]


def seams(pairs: Sequence[tuple[int, int]], unit_of: Sequence[int], paragraph_of: Sequence[int]) -> int:
    """How often a matching tears text apart: neighbouring words of one unit matched into
    two paragraphs, or neighbouring words of one paragraph matched to two units."""
    count = 0
    for (i, j), (k, m) in pairwise(pairs):
        if k == i + 1 and unit_of[i] == unit_of[k] and paragraph_of[j] != paragraph_of[m]:
            count += 1
        if m == j + 1 and paragraph_of[j] == paragraph_of[m] and unit_of[i] != unit_of[k]:
            count += 1
    return count


def strays(pairs: Sequence[tuple[int, int]], standard: Sequence[str]) -> int:
    """Copy tokens a matching leaves unmatched where the standard has no slot: between two
    matched pairs whose standard tokens enclose no ``FILL``. (A value written into
    ``[de burgemeester, of ...]`` should fill the slot, not lend its comma to the text.)"""
    count = 0
    for (i, j), (k, m) in pairwise(pairs):
        if m > j + 1 and FILL not in standard[i + 1 : k]:
            count += m - j - 1
    return count


class _Aligner:
    def __init__(
        self,
        standard: Sequence[str],
        copy: Sequence[str],
        unit_of: Sequence[int],
        paragraph_of: Sequence[int],
        slot_text: Sequence[bool],
    ) -> None:
        self.a = standard
        self.slot_text = slot_text
        self.b = copy
        self.unit_of = unit_of
        self.paragraph_of = paragraph_of
        self.pairs: list[tuple[int, int]] = []
        self.spare: list[tuple[int, int, int]] = []

    def _table(self, a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int]]:
        """The early or the late matching of a stretch: the one that tears fewer seams
        (with the matched words on either side), then the one that leaves fewer copy
        words unmatched outside a slot; on a tie the early one."""
        before = [self.pairs[-1]] if self.pairs else []
        after = [(a1, b1)] if a1 < len(self.a) and b1 < len(self.b) and self.a[a1] == self.b[b1] else []
        best: list[tuple[int, int]] = []
        best_key: tuple[int, int] | None = None
        weights = [1 if slot else 2 for slot in self.slot_text[a0:a1]]
        for walk in lcs(self.a[a0:a1], self.b[b0:b1], weights):
            pairs = [(a0 + i, b0 + j) for i, j in walk]
            torn = seams(before + pairs + after, self.unit_of, self.paragraph_of)
            key = (torn, strays([(a0 - 1, b0 - 1), *pairs, (a1, b1)], self.a))
            if best_key is None or key < best_key:
                best, best_key = pairs, key
        return best

    def run(self, a0: int, a1: int, b0: int, b1: int, depth: int) -> None:
        """Match ``a[a0:a1]`` against ``b[b0:b1]``, appending pairs in increasing order.

        A stretch small enough for the table goes there whole (its early or late matching
        decides the ties at its edges too); a longer one loses its common start and end
        first, then is split by anchors."""
        if a0 >= a1 or b0 >= b1:
            return
        if depth and (a1 - a0) * (b1 - b0) <= TABLE_LIMIT:
            self.pairs.extend(self._table(a0, a1, b0, b1))
            return
        a, b = self.a, self.b
        while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
            self.pairs.append((a0, b0))
            a0, b0 = a0 + 1, b0 + 1
        tail: list[tuple[int, int]] = []
        while a1 > a0 and b1 > b0 and a[a1 - 1] == b[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
            tail.append((a1, b1))
        if a0 < a1 and b0 < b1:
            if depth and (a1 - a0) * (b1 - b0) <= TABLE_LIMIT:
                self.pairs.extend(self._table(a0, a1, b0, b1))
            elif depth < len(ANCHOR_K):
                self._anchored(a0, a1, b0, b1, depth)
        self.pairs.extend(reversed(tail))

    def _anchored(self, a0: int, a1: int, b0: int, b1: int, depth: int) -> None:
        k = ANCHOR_K[depth]
        in_a = _unique_grams(self.a, a0, a1, k, self.unit_of)
        in_b = _unique_grams(self.b, b0, b1, k)
        anchors = sorted((i, in_b[g]) for g, i in in_a.items() if g in in_b)
        kept = chain(anchors)
        if depth == 0:
            kept_set = set(kept)
            self.spare.extend((i, j, k) for n, (i, j) in enumerate(anchors) if n not in kept_set)
        last_a, last_b = a0 - 1, b0 - 1
        for n in kept:
            i, j = anchors[n]
            for t in range(k):
                if i + t > last_a and j + t > last_b:
                    if i + t > last_a + 1 or j + t > last_b + 1:
                        self.run(last_a + 1, i + t, last_b + 1, j + t, depth + 1)
                    self.pairs.append((i + t, j + t))
                    last_a, last_b = i + t, j + t
        self.run(last_a + 1, a1, last_b + 1, b1, depth + 1)


def align(
    standard: Sequence[str],
    copy: Sequence[str],
    unit_of: Sequence[int],
    paragraph_of: Sequence[int],
    slot_text: Sequence[bool],
) -> Alignment:
    """``unit_of``: the unit of each standard token; ``paragraph_of``: the paragraph of each
    copy token (they decide between equally good matchings); ``slot_text``: which standard
    tokens belong to a slot (they weigh less)."""
    aligner = _Aligner(standard, copy, unit_of, paragraph_of, slot_text)
    aligner.run(0, len(standard), 0, len(copy), 0)
    s2c = [-1] * len(standard)
    c2s = [-1] * len(copy)
    for i, j in aligner.pairs:
        s2c[i] = j
        c2s[j] = i
    return Alignment(tuple(s2c), tuple(c2s), tuple(aligner.spare))


def align_part(
    standard: Sequence[str],
    a0: int,
    a1: int,
    copy: Sequence[str],
    b0: int,
    b1: int,
    unit_of: Sequence[int],
    paragraph_of: Sequence[int],
    slot_text: Sequence[bool],
) -> list[tuple[int, int]]:
    """Matches of ``standard[a0:a1]`` in ``copy[b0:b1]`` (a moved article in its new place)."""
    aligner = _Aligner(standard, copy, unit_of, paragraph_of, slot_text)
    aligner.run(a0, a1, b0, b1, 1)
    return aligner.pairs
