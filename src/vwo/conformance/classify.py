"""From matched tokens to findings per unit: what is changed, missing, added or filled in.

Pipeline: ``Alignment`` -> articles and annexes that lost most of their words looked for
in their new place (through the anchors left out of the chain) -> a unit with fewer
than half of its words matched counts as missing (its few matches are dropped) -> every
run of unmatched copy tokens is a filled-in value (it stands where the standard has a
slot, in that slot's unit), part of a unit (it shares a paragraph with the unit's
words) or whole paragraphs of added text (placed after the unit before it; before the
first judged unit it is the cover, after the articles with a signing word it is the
signature block) -> ``Classified``. The rules are in ``docs/over/toetsen-regels.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from vwo.conformance.document import Copy
from vwo.conformance.match import Alignment, align_part, chain
from vwo.conformance.report import Status
from vwo.conformance.rules import FILL
from vwo.conformance.stream import StandardStream

SIGNING_WORDS = frozenset({"ondertekening", "ondertekend", "handtekening", "getekend"})
ARTICLE_UNITS = frozenset({"artikelkop", "lid"})


@dataclass(frozen=True)
class ValueRun:
    unit: int
    slot: int  # the first slot (standard token) it fills
    start: int  # copy tokens [start, end)
    end: int


@dataclass(frozen=True)
class AddedRun:
    after: int | None  # unit index
    paragraphs: tuple[int, ...]
    kind: str  # tekst | artikel | voorblad | ondertekening


@dataclass
class Classified:
    s2c: list[int]
    c2s: list[int]
    status: list[Status]
    inside: list[list[int]]  # per unit: unmatched copy tokens that belong to it
    values: list[ValueRun] = field(default_factory=list)
    added: list[AddedRun] = field(default_factory=list)
    moved: set[str] = field(default_factory=set)
    first_judged: int = 0  # the first copy token of a judged unit: before it is the cover


def _sections(stream: StandardStream) -> list[tuple[str, list[int]]]:
    out: list[tuple[str, list[int]]] = []
    for index, unit in enumerate(stream.standard.units):
        if unit.section is None:
            continue
        if out and out[-1][0] == unit.section:
            out[-1][1].append(index)
        else:
            out.append((unit.section, [index]))
    return out


def _matched(stream: StandardStream, s2c: list[int], start: int, end: int) -> int:
    return sum(1 for i in range(start, end) if s2c[i] >= 0 and not stream.slot_text[i])


def _unmatch(s2c: list[int], c2s: list[int], start: int, end: int) -> None:
    for i in range(start, end):
        if s2c[i] >= 0:
            c2s[s2c[i]] = -1
            s2c[i] = -1


def relocate(
    stream: StandardStream, copy: Copy, alignment: Alignment, s2c: list[int], c2s: list[int]
) -> None:
    """Articles and annexes with fewer than half their words matched, looked for again in
    the unmatched stretch of the copy that their left-out anchors point to."""
    for _, units in _sections(stream):
        start, end = stream.unit_start[units[0]], stream.unit_end[units[-1]]
        total = sum(stream.nonfill(u) for u in units)
        before = _matched(stream, s2c, start, end)
        if not total or 2 * before >= total:
            continue
        spare = [(i, j) for i, j, k in alignment.spare if start <= i and i + k <= end]
        if not spare:
            continue
        pivot = spare[(len(spare) - 1) // 2][1]
        if c2s[pivot] >= 0:
            continue
        r0, r1 = pivot, pivot + 1
        while r0 > 0 and c2s[r0 - 1] < 0:
            r0 -= 1
        while r1 < len(c2s) and c2s[r1] < 0:
            r1 += 1
        pairs = align_part(
            stream.tokens, start, end, copy.tokens, r0, r1, stream.unit_of, copy.paragraph_of,
            stream.slot_text,
        )  # fmt: skip
        if sum(1 for i, _ in pairs if not stream.slot_text[i]) <= before:
            continue
        _unmatch(s2c, c2s, start, end)
        for i, j in pairs:
            s2c[i], c2s[j] = j, i


def unfill_partial_slots(stream: StandardStream, s2c: list[int], c2s: list[int]) -> None:
    """A placeholder's own words count as matched only when the copy still has all of them
    in a row (it was not filled in); otherwise what the copy has there is a value."""
    tokens, n = stream.tokens, len(stream.tokens)
    f = 0
    while f < n:
        if tokens[f] != FILL:
            f += 1
            continue
        e = f + 1
        while e < n and stream.slot_text[e] and tokens[e] != FILL:
            e += 1
        found = [s2c[i] for i in range(f + 1, e)]
        whole = all(j >= 0 for j in found) and all(b == a + 1 for a, b in pairwise(found))
        if not whole:
            _unmatch(s2c, c2s, f + 1, e)
        f = e


def _run_unit(stream: StandardStream, index: int) -> int:
    return stream.unit_of[index] if 0 <= index < len(stream.tokens) else -1


def _slots(stream: StandardStream, before: int, after: int) -> list[int]:
    """Per block, the first slot between standard tokens ``before`` and ``after`` that lies
    in the unit of one of them."""
    units = {_run_unit(stream, before), _run_unit(stream, after)} - {-1}
    out: list[int] = []
    seen: set[tuple[int, int]] = set()
    for i in range(before + 1, after):
        if stream.tokens[i] == FILL and stream.unit_of[i] in units:
            block = (stream.unit_of[i], stream.block_of[i])
            if block not in seen:
                seen.add(block)
                out.append(i)
    return out


def classify(stream: StandardStream, copy: Copy, alignment: Alignment) -> Classified:
    s2c, c2s = list(alignment.standard_to_copy), list(alignment.copy_to_standard)
    relocate(stream, copy, alignment, s2c, c2s)
    unfill_partial_slots(stream, s2c, c2s)
    units = stream.standard.units
    for u in range(len(units)):
        total = stream.nonfill(u)
        if total and 2 * _matched(stream, s2c, stream.unit_start[u], stream.unit_end[u]) < total:
            _unmatch(s2c, c2s, stream.unit_start[u], stream.unit_end[u])
    result = Classified(s2c, c2s, [], [[] for _ in units])
    judged = [j for j, i in enumerate(c2s) if i >= 0 and units[stream.unit_of[i]].judged]
    first_judged = judged[0] if judged else len(c2s)
    result.first_judged = first_judged
    in_articles = [j for j, i in enumerate(c2s) if i >= 0 and units[stream.unit_of[i]].kind in ARTICLE_UNITS]
    last_article = in_articles[-1] if in_articles else -1
    j = 0
    while j < len(c2s):
        if c2s[j] >= 0:
            j += 1
            continue
        r0 = j
        while j < len(c2s) and c2s[j] < 0:
            j += 1
        _run(stream, copy, result, r0, j, first_judged, last_article)
    _statuses(stream, result)
    result.moved = _moved(stream, result)
    return result


def _run(
    stream: StandardStream,
    copy: Copy,
    result: Classified,
    r0: int,
    r1: int,
    first_judged: int,
    last_article: int,
) -> None:
    c2s = result.c2s
    before = c2s[r0 - 1] if r0 > 0 else -1
    after = c2s[r1] if r1 < len(c2s) else len(stream.tokens)
    slots = _slots(stream, before, after)
    if slots:
        # One value per paragraph (a table row), each for the next row with a slot.
        t, n = r0, 0
        while t < r1:
            end = min(r1, copy.paragraphs[copy.paragraph_of[t]].end)
            slot = slots[min(n, len(slots) - 1)]
            result.values.append(ValueRun(stream.unit_of[slot], slot, t, end))
            t, n = end, n + 1
        return
    whole: list[int] = []
    t = r0
    while t < r1:
        p = copy.paragraph_of[t]
        para = copy.paragraphs[p]
        t1 = min(r1, para.end)
        if t == para.first and t1 == para.end:
            whole.append(p)
        elif t1 <= first_judged:
            pass  # the cover, run into the first paragraph of the agreement (a PDF)
        else:
            owner = c2s[t - 1] if t > para.first else c2s[t1]
            result.inside[stream.unit_of[owner]].extend(range(t, t1))
        t = t1
    if not whole:
        return
    after_unit = stream.unit_of[before] if before >= 0 else None
    start = copy.paragraphs[whole[0]].first
    first = copy.paragraphs[whole[0]]
    words = {copy.tokens[i] for p in whole for i in range(copy.paragraphs[p].first, copy.paragraphs[p].end)}
    if start < first_judged:
        kind = "voorblad"
    elif start > last_article and words & SIGNING_WORDS:
        kind = "ondertekening"
    elif first.kind == "h" or (first.labels and first.labels[0].kind == "heading"):
        kind = "artikel"
    else:
        kind = "tekst"
    result.added.append(AddedRun(after_unit, tuple(whole), kind))


def _statuses(stream: StandardStream, result: Classified) -> None:
    for u in range(len(stream.standard.units)):
        total = stream.nonfill(u)
        matched = _matched(stream, result.s2c, stream.unit_start[u], stream.unit_end[u])
        status: Status
        if total and not matched:
            status = "missing"
        elif matched == total and not result.inside[u]:
            status = "identical"
        else:
            status = "changed"
        result.status.append(status)


def _moved(stream: StandardStream, result: Classified) -> set[str]:
    """Articles (and, apart, annexes) out of the longest run that keeps the standard's order."""
    moved: set[str] = set()
    units = stream.standard.units
    for kind in ("artikelkop", "bijlagekop"):
        firsts: list[tuple[int, int, str]] = []
        for section, members in _sections(stream):
            if units[members[0]].kind != kind:
                continue
            start, end = stream.unit_start[members[0]], stream.unit_end[members[-1]]
            found = [result.s2c[i] for i in range(start, end) if result.s2c[i] >= 0]
            if found:
                firsts.append((len(firsts), min(found), section))
        kept = set(chain([(n, j) for n, j, _ in firsts]))
        moved.update(section for n, (_, _, section) in enumerate(firsts) if n not in kept)
    return moved
