"""A ``Comparison`` as JSON: stable, documented in ``docs/over/vergelijken-json.md``.

Pipeline: ``Comparison`` (+ the provisions each change touches, ``vwo.compare.coverage``)
-> plain dicts (schema ``vwo-compare/1``; keys only ever added) -> ``json.dumps`` with
sorted keys.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from vwo.compare.align import ClauseDiff, Comparison, SectionDiff
from vwo.compare.coverage import Touched
from vwo.compare.worddiff import BlockDiff, Segment

SCHEMA = "vwo-compare/1"


def _segments(segments: tuple[Segment, ...]) -> list[dict[str, str]]:
    return [{"op": s.op, "text": s.text} for s in segments]


def _blocks(blocks: tuple[BlockDiff, ...]) -> list[dict[str, Any]]:
    return [
        {
            "status": b.status,
            "kind": b.kind,
            "marker": b.marker,
            "old_marker": b.old_marker,
            "segments": _segments(b.segments),
        }
        for b in blocks
    ]


def _clause(clause: ClauseDiff) -> dict[str, Any]:
    return {
        "old_number": clause.old_number,
        "new_number": clause.new_number,
        "anchor": clause.anchor,
        "status": clause.status,
        "blocks": _blocks(clause.blocks),
    }


def _section(section: SectionDiff, touched: Touched) -> dict[str, Any]:
    inserted, deleted = section.words
    return {
        "kind": section.kind,
        "id": section.id,
        "old_id": section.old_id,
        "old_number": section.old_number,
        "new_number": section.new_number,
        "old_title": section.old_title,
        "new_title": section.new_title,
        "status": section.status,
        "renumbered": section.renumbered,
        "moved": section.moved,
        "matched_by": section.matched_by or None,
        "words_inserted": inserted,
        "words_deleted": deleted,
        "title": _segments(section.title),
        "clauses": [_clause(c) for c in section.clauses],
        "explanation_changed": section.explanation_changed,
        "explanation": _blocks(section.explanation),
        "provisions": list(touched.of(section)),
    }


def comparison_data(comparison: Comparison, touched: Touched | None = None) -> dict[str, Any]:
    """``touched``: the provisions per changed section; without it no coverage is known."""
    touched = touched or Touched()
    return {
        "schema": SCHEMA,
        "old_version": comparison.old_version,
        "new_version": comparison.new_version,
        "summary": {**asdict(comparison.summary), "identical": comparison.summary.identical},
        "title": _segments(comparison.title),
        "preamble": _blocks(comparison.preamble),
        "articles": [_section(s, touched) for s in comparison.articles],
        "annexes": [_section(s, touched) for s in comparison.annexes],
        "old_coverage": touched.old_recorded,
        "new_coverage": touched.new_recorded,
    }


def comparison_json(comparison: Comparison, touched: Touched | None = None) -> str:
    data = comparison_data(comparison, touched)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
