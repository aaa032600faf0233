"""Which article (or annex) of the old text is which of the new one.

Pipeline: (id, number, title) of both sides -> equal ids matched -> the rest matched by
title similarity, ties broken by number (flagged ``titel``) -> reading order of the new
text with removed sections where they stood, and which matched sections moved (those
outside the longest increasing run of old positions).
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Literal

from vwo.compare.sequence import increasing_run
from vwo.text.model import Annex, Article

MatchedBy = Literal["id", "titel", ""]
# Two titles at least this similar (difflib ratio) may be the same article under a new id.
TITLE_SIMILARITY = 0.6
# More unmatched (old, new) pairs than this: compare only numbers TITLE_REACH apart.
TITLE_PAIRS = 10_000
TITLE_REACH = 10


def _title_similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower(), b.lower(), autojunk=False).ratio()


Section = tuple[str, int, str]  # id, number, title


def _title_pairs(old: list[Section], new: list[Section]) -> list[tuple[Section, Section]]:
    if len(old) * len(new) <= TITLE_PAIRS:
        return [(n, o) for n in new for o in old]
    by_number: dict[int, list[Section]] = {}
    for o in old:
        by_number.setdefault(o[1], []).append(o)
    return [
        (n, o)
        for n in new
        for number in range(n[1] - TITLE_REACH, n[1] + TITLE_REACH + 1)
        for o in by_number.get(number, ())
    ]


def match_sections(old: list[Section], new: list[Section]) -> dict[str, tuple[str, MatchedBy]]:
    """``{new id: (old id, how)}`` for (id, number, title) lists; unmatched ids are absent.

    Ids first. What remains is matched by title similarity, and on a tie by number:
    an old version written before ids were stable still lines up. With more than
    ``TITLE_PAIRS`` pairs left, only numbers at most ``TITLE_REACH`` apart are compared,
    so the work stays linear in the number of sections.
    """
    old_ids = {i for i, _, _ in old}
    result: dict[str, tuple[str, MatchedBy]] = {i: (i, "id") for i, _, _ in new if i in old_ids}
    rest_old = [o for o in old if o[0] not in result]
    new_ids = {i for i, _, _ in new}
    rest_old = [o for o in rest_old if o[0] not in new_ids]
    rest_new = [n for n in new if n[0] not in result]
    candidates = sorted(
        (
            (_title_similarity(o[2], n[2]), -abs(o[1] - n[1]), o[0], n[0])
            for n, o in _title_pairs(rest_old, rest_new)
        ),
        reverse=True,
    )
    taken: set[str] = set()
    for score, _, old_id, new_id in candidates:
        if score < TITLE_SIMILARITY or old_id in taken or new_id in result:
            continue
        result[new_id] = (old_id, "titel")
        taken.add(old_id)
    return result


def align_sections(
    old_items: Sequence[Article | Annex], new_items: Sequence[Article | Annex]
) -> list[tuple[int | None, int | None, MatchedBy, bool]]:
    """(old index, new index, how, moved) in reading order of the new text; removed items
    stand where they stood in the old text."""
    matches = match_sections(
        [(x.id, x.number, x.title) for x in old_items], [(x.id, x.number, x.title) for x in new_items]
    )
    old_index = {x.id: i for i, x in enumerate(old_items)}
    pairs = [
        (
            old_index[matches[x.id][0]] if x.id in matches else None,
            j,
            matches[x.id][1] if x.id in matches else "",
        )
        for j, x in enumerate(new_items)
    ]
    matched_old = [i for i, _, _ in pairs if i is not None]
    # Items outside the longest increasing run of old positions have moved.
    in_order = {matched_old[k] for k in increasing_run(matched_old)}
    out: list[tuple[int | None, int | None, MatchedBy, bool]] = []
    matched = set(matched_old)
    pending = [i for i in range(len(old_items)) if i not in matched]
    next_pending = 0
    for i, j, how in pairs:
        if i is not None:
            while next_pending < len(pending) and pending[next_pending] < i:
                out.append((pending[next_pending], None, "", False))
                next_pending += 1
        out.append((i, j, how, i is not None and i not in in_order))
    out.extend((i, None, "", False) for i in pending[next_pending:])
    return out
