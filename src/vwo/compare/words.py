"""Word diff of one block of text, in layers with a bound on the work of each.

Pipeline: text -> tokens (words, punctuation, ``**``/``*``) with their place in the text
-> a short block: the words aligned at once (``sequence.matches``: difflib, autojunk
off) -> a long block: sentences first (cut at . ! ? ; : and, when a sentence is long,
also at commas and at words picked by their checksum, so the cuts do not move when text
is inserted before them), unchanged sentences kept, the words of a changed run of
sentences aligned at once if the run is short, else sentence by sentence, each with a
similar sentence at most a few sentences ahead -> cleanup per aligned piece (a tiny
unchanged run between two changes is folded into them; a piece that kept too little of
its words is shown replaced whole) -> segments.

The segments are exact: read without the ``insert`` segments they give the old text,
without the ``delete`` segments the new text, spaces included. A change owns the spaces
that only one side has ("termijn." to "termijn die partijen overeenkomen." inserts
" die partijen overeenkomen", space first), so accepting or rejecting every change in
Word leaves no stray space.

Cost: at most ``WORD_SMALL`` token pairs per aligned piece and pieces of at most
``HARD_CHUNK`` tokens; finding sentences, pairing them and the cleanup are linear.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from vwo.compare.sequence import Match, matches, opcodes, pair_similar

Op = Literal["equal", "insert", "delete"]

TOKEN = re.compile(r"\*\*|\*|(\w+(?:[’'-]\w+)*)|[^\w\s]")  # group 1: a word
WORD = re.compile(r"\w")
WORD_TOKEN = re.compile(r"\w+(?:[’'-]\w+)*")
# Aligned at once: pieces of at most this many token pairs (len(old) * len(new)).
WORD_SMALL = 40_000
SENTENCE_END = frozenset({".", "!", "?", ";", ":"})
# A sentence longer than this is cut at commas and at checksum-picked words...
LONG_CHUNK = 120
CUT_EVERY = 16  # ... about one word in this many
# ... and, whatever is left, every HARD_CHUNK tokens (HARD_CHUNK ** 2 <= WORD_SMALL).
HARD_CHUNK = 200
# Two sentences or blocks are counterparts when this share of the word pairs of the
# shorter one occurs in both (pairs, not words: two texts over a small vocabulary share
# most of their words, hardly any of their word pairs).
SIMILAR_SHARE = 0.5
# An unchanged run between two changes this short reads better folded into them...
SHORT_EQUAL_WORDS = 1
SHORT_EQUAL_CHARS = 4
# ... and so does one word between two changes of at least this many words each (on
# the side with more): "locaties ~~naar zijn keuze, mits de~~ verwerking ~~voldoet
# aan de AVG~~" kept "verwerking" by coincidence.
LONG_CHANGE_WORDS = 4
# A piece that kept less than this share of the words of its shorter side (after the
# folding above took out the coincidences) reads better replaced whole. Measured on the
# shorter side: a clause that kept its first 15 words and doubled in length (7.2 of 1.0
# and 1.11) is an edit, not a rewrite.
MIN_KEPT_SHARE = 0.25


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str

    @property
    def words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    return len(WORD_TOKEN.findall(text))


def edges(text: str) -> tuple[str, str, str]:
    """A change as (leading whitespace, the rest, trailing whitespace), for renderers that
    write the spaces outside the change's tag; a change of spaces alone is all "rest"."""
    core = text.strip()
    if not core:
        return "", text, ""
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def only_signs(text: str) -> bool:
    """Punctuation and nothing else (emphasis markers aside): a change that needs a
    visible box, since a struck-through full stop is hard to see."""
    visible = text.replace("*", "").strip()
    return bool(visible) and not WORD.search(visible)


def tokens(text: str) -> list[str]:
    return [m.group() for m in TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Side:
    """One side's tokens, where each starts and ends in the text, and which are words."""

    text: str
    values: list[str]
    starts: list[int]
    ends: list[int]
    words: list[bool]

    @classmethod
    def read(cls, text: str) -> _Side:
        found = list(TOKEN.finditer(text))
        return cls(
            text,
            [m.group() for m in found],
            [m.start() for m in found],
            [m.end() for m in found],
            [m.lastindex is not None for m in found],
        )

    def word_count(self, lo: int, hi: int) -> int:
        return sum(self.words[lo:hi])


def diff_words(old: str, new: str) -> tuple[Segment, ...]:
    """Word-level segments turning ``old`` into ``new`` (one block each)."""
    a, b = _Side.read(old), _Side.read(new)
    return _segments(a, b, _align(a, b))


# Layers -------------------------------------------------------------------------------


def _align(a: _Side, b: _Side) -> list[Match]:
    n, m = len(a.values), len(b.values)
    if n * m <= WORD_SMALL:
        return _piece(a, b, 0, n, 0, m)
    ca, cb = _chunks(a.values), _chunks(b.values)
    keys_a = ["\x1f".join(a.values[s:e]) for s, e in ca]
    keys_b = ["\x1f".join(b.values[s:e]) for s, e in cb]
    runs: list[Match] = []
    for tag, i1, i2, j1, j2 in opcodes(keys_a, keys_b):
        alo = ca[i1][0] if i1 < len(ca) else n
        ahi = ca[i2 - 1][1] if i2 > i1 else alo
        blo = cb[j1][0] if j1 < len(cb) else m
        bhi = cb[j2 - 1][1] if j2 > j1 else blo
        if tag == "equal":
            runs.append((alo, blo, ahi - alo))
        elif (ahi - alo) * (bhi - blo) <= WORD_SMALL:
            runs += _piece(a, b, alo, ahi, blo, bhi)
        elif tag == "replace":
            runs += _paired(a, b, ca[i1:i2], cb[j1:j2])
    return runs


def shingles(text: str) -> frozenset[tuple[str, str]]:
    """The pairs of adjacent words of a text, punctuation attached (one word: the word)."""
    words = text.split()
    if len(words) == 1:
        return frozenset({(words[0], "")})
    return frozenset(pairwise(words))


def similar(x: frozenset[tuple[str, str]], y: frozenset[tuple[str, str]]) -> bool:
    return bool(x and y) and len(x & y) >= SIMILAR_SHARE * min(len(x), len(y))


def pair_texts(old: Sequence[str], new: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Two changed runs of texts (blocks, clauses, sentences) paired by similarity, in order."""
    sets_a: dict[int, frozenset[tuple[str, str]]] = {}
    sets_b: dict[int, frozenset[tuple[str, str]]] = {}

    def alike(i: int, j: int) -> bool:
        if i not in sets_a:
            sets_a[i] = shingles(old[i])
        if j not in sets_b:
            sets_b[j] = shingles(new[j])
        return similar(sets_a[i], sets_b[j])

    return pair_similar(len(old), len(new), alike)


def _paired(a: _Side, b: _Side, ca: list[tuple[int, int]], cb: list[tuple[int, int]]) -> list[Match]:
    """A long run of changed sentences: each aligned with a similar counterpart."""
    texts_a = [a.text[a.starts[s] : a.ends[e - 1]] for s, e in ca]
    texts_b = [b.text[b.starts[s] : b.ends[e - 1]] for s, e in cb]
    runs: list[Match] = []
    for i, j in pair_texts(texts_a, texts_b):
        if i is not None and j is not None:
            runs += _piece(a, b, ca[i][0], ca[i][1], cb[j][0], cb[j][1])
    return runs


def _chunks(values: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the sentences; long ones cut further (see the module docstring)."""
    out: list[tuple[int, int]] = []
    start = 0
    for k, value in enumerate(values):
        if value in SENTENCE_END:
            out += _cut_long(values, start, k + 1)
            start = k + 1
    if start < len(values):
        out += _cut_long(values, start, len(values))
    return out


def _cut_long(values: list[str], start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= LONG_CHUNK:
        return [(start, end)]
    cuts = [start]
    for k in range(start, end - 1):
        value = values[k]
        if value == "," or zlib.crc32(value.encode()) % CUT_EVERY == 0:
            cuts.append(k + 1)
    cuts.append(end)
    out: list[tuple[int, int]] = []
    for lo, hi in pairwise(cuts):
        out += [(k, min(k + HARD_CHUNK, hi)) for k in range(lo, hi, HARD_CHUNK)]
    return out


# Cleanup per aligned piece --------------------------------------------------------------


def _piece(a: _Side, b: _Side, alo: int, ahi: int, blo: int, bhi: int) -> list[Match]:
    """The aligned words of one piece, folded; none if it kept too few words."""
    found = matches(a.values[alo:ahi], b.values[blo:bhi])
    runs = _fold(a, b, [(alo + i, blo + j, size) for i, j, size in found], (alo, ahi, blo, bhi))
    kept = sum(a.word_count(i, i + size) for i, _, size in runs)
    if kept < MIN_KEPT_SHARE * min(a.word_count(alo, ahi), b.word_count(blo, bhi)):
        return []
    return runs


def _fold(a: _Side, b: _Side, runs: list[Match], bounds: tuple[int, int, int, int]) -> list[Match]:
    """Drop a short unchanged run between two changes that both hold words.

    "de ~~grote~~ kleine en ~~rode~~ blauwe" reads better as "de ~~grote en rode~~
    kleine en blauwe": a lawyer marks phrases, not every second word.
    """
    alo, ahi, blo, bhi = bounds

    def change(i1: int, i2: int, j1: int, j2: int) -> int:
        return max(a.word_count(i1, i2), b.word_count(j1, j2))

    def folds(run: Match, left: int, right: int) -> bool:
        i, _, size = run
        words = a.word_count(i, i + size)
        if not (left and right) or words > SHORT_EQUAL_WORDS:
            return False
        short = a.ends[i + size - 1] - a.starts[i] <= SHORT_EQUAL_CHARS
        return short or min(left, right) >= LONG_CHANGE_WORDS

    while True:
        kept: list[Match] = []
        for k, run in enumerate(runs):
            i, j, size = run
            pi, pj = (kept[-1][0] + kept[-1][2], kept[-1][1] + kept[-1][2]) if kept else (alo, blo)
            ni, nj = (runs[k + 1][0], runs[k + 1][1]) if k + 1 < len(runs) else (ahi, bhi)
            if not folds(run, change(pi, i, pj, j), change(i + size, ni, j + size, nj)):
                kept.append(run)
        if len(kept) == len(runs):
            return kept
        runs = kept


# Segments -------------------------------------------------------------------------------


class _Out:
    def __init__(self) -> None:
        self.parts: list[tuple[Op, list[str]]] = []

    def add(self, op: Op, text: str) -> None:
        if not text:
            return
        if self.parts and self.parts[-1][0] == op:
            self.parts[-1][1].append(text)
        else:
            self.parts.append((op, [text]))

    def between(self, old: str, new: str) -> None:
        """Text between two aligned tokens: shared spaces unchanged, the rest a change."""
        if old == new:
            self.add("equal", old)
            return
        lead = 0
        while lead < min(len(old), len(new)) and old[lead] == new[lead] and old[lead].isspace():
            lead += 1
        trail = 0
        while (
            trail < min(len(old), len(new)) - lead
            and old[-1 - trail] == new[-1 - trail]
            and old[-1 - trail].isspace()
        ):
            trail += 1
        self.add("equal", old[:lead])
        self.add("delete", old[lead : len(old) - trail])
        self.add("insert", new[lead : len(new) - trail])
        self.add("equal", old[len(old) - trail :])

    def segments(self) -> tuple[Segment, ...]:
        return tuple(Segment(op, "".join(texts)) for op, texts in self.parts)


def _segments(a: _Side, b: _Side, runs: Sequence[Match]) -> tuple[Segment, ...]:
    out = _Out()
    pa = pb = 0  # characters of each text written so far
    for i, j, size in [*runs, (len(a.values), len(b.values), 0)]:
        out.between(
            a.text[pa : a.starts[i] if i < len(a.values) else len(a.text)],
            b.text[pb : b.starts[j] if j < len(b.values) else len(b.text)],
        )
        if not size:
            continue
        old = a.text[a.starts[i] : a.ends[i + size - 1]]
        new = b.text[b.starts[j] : b.ends[j + size - 1]]
        if old == new:
            out.add("equal", old)
        else:  # the same tokens, spaced differently
            for k in range(size):
                if k:
                    out.between(
                        a.text[a.ends[i + k - 1] : a.starts[i + k]],
                        b.text[b.ends[j + k - 1] : b.starts[j + k]],
                    )
                out.add("equal", a.values[i + k])
        pa, pb = a.ends[i + size - 1], b.ends[j + size - 1]
    return out.segments()
