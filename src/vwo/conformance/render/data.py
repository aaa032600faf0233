"""The report as JSON: stable, documented in ``docs/over/toetsen-json.md``.

Pipeline: ``Report`` -> plain dicts (schema ``vwo-toets/1``; keys only ever added) ->
``json.dumps`` with sorted keys. The browser's report has the same schema.
"""

from __future__ import annotations

import json
from typing import Any

from vwo.compare.worddiff import BlockDiff
from vwo.conformance.match import RECOGNISED
from vwo.conformance.report import Counts, Report, SectionFinding, UnitFinding

SCHEMA = "vwo-toets/1"


def _blocks(blocks: tuple[BlockDiff, ...]) -> list[dict[str, Any]]:
    return [
        {
            "status": b.status,
            "kind": b.kind,
            "marker": b.marker,
            "segments": [{"op": s.op, "text": s.text} for s in b.segments],
        }
        for b in blocks
    ]


def _list(values: tuple[str, ...] | None) -> list[str] | None:
    return list(values) if values is not None else None


def unit_data(finding: UnitFinding) -> dict[str, Any]:
    unit = finding.unit
    return {
        "id": unit.id,
        "kind": unit.kind,
        "number": unit.number,
        "title": unit.title,
        "status": finding.status,
        "copy_number": finding.copy_number,
        "standard_text": finding.standard_text,
        "copy_text": finding.copy_text,
        "redline": _blocks(finding.redline),
        "provisions": _list(finding.provisions),
    }


def _section(section: SectionFinding) -> dict[str, Any]:
    return {
        "kind": section.kind,
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "copy_number": section.copy_number,
        "moved": section.moved,
        "renumbered": section.renumbered,
        "heading": unit_data(section.heading),
        "units": [unit_data(u) for u in section.units],
    }


def _counts(counts: Counts) -> dict[str, int]:
    return {
        "total": counts.total,
        "identical": counts.identical,
        "changed": counts.changed,
        "missing": counts.missing,
    }


def report_data(report: Report) -> dict[str, Any]:
    ident = report.identification
    notes = report.notes
    summary = report.summary
    facts = report.facts
    return {
        "schema": SCHEMA,
        "file": report.file,
        "format": notes.format,
        "recognised": report.recognised,
        "identification": {
            "version": ident.version,
            "best": ident.best,
            "given": ident.given,
            "tied": list(ident.tied),
            "threshold": RECOGNISED,
            "scores": [
                {"version": s.version, "score": s.score, "containment": s.containment, "label": s.label}
                for s in ident.scores
            ],
        },
        "version": {
            "version": facts.version,
            "status": facts.status,
            "label": facts.label,
            "current": facts.current,
            "superseded_by": facts.superseded_by,
        }
        if facts
        else None,
        "notes": {
            "pages": notes.pages,
            "tracked_changes": {
                "insertions": notes.insertions,
                "deletions": notes.deletions,
                "moves": notes.moves,
                "formatting": notes.formatting,
            },
            "comments": [{"author": a, "text": t} for a, t in notes.comments],
            "auto_numbered": notes.auto_numbered,
            "hidden": notes.hidden,
            "noise_lines": notes.noise,
            "page_numbers": notes.page_numbers,
        },
        "summary": {
            "clauses": _counts(summary.clauses),
            "annex_parts": _counts(summary.annex_parts),
            "headings_changed": summary.headings_changed,
            "headings_missing": summary.headings_missing,
            "considerans": summary.considerans,
            "added": summary.added,
            "added_articles": summary.added_articles,
            "moved": summary.moved,
            "renumbered": summary.renumbered,
            "values": summary.values,
            "deviations": summary.deviations,
            "identical": summary.identical,
        }
        if summary
        else None,
        "coverage": report.coverage,
        "title": unit_data(report.title) if report.title else None,
        "considerans": unit_data(report.considerans) if report.considerans else None,
        "sections": [_section(s) for s in report.sections],
        "additions": [
            {
                "after": a.after,
                "section": a.section,
                "kind": a.kind,
                "text": a.text,
                "provisions": _list(a.provisions),
            }
            for a in report.additions
        ],
        "front_matter": report.front_matter,
        "signature": report.signature,
        "values": [
            {"unit": v.unit, "field": v.field, "context": v.context, "value": v.value, "filled": v.filled}
            for v in report.values
        ],
        "deviations": [
            {
                "id": d.id,
                "kind": d.kind,
                "unit": d.unit,
                "section": d.section,
                "where": d.where,
                "provisions": _list(d.provisions),
                "explanation": "",
            }
            for d in report.deviations
        ],
    }


def report_json(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
