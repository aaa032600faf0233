"""The report as a Word file: the standard's text with the copy's deviations as tracked
changes, so a lawyer reads them in Word as a redline (``vwo toets --format docx``).

Pipeline: ``Report`` -> a ``vwo.compare`` ``Comparison`` (the standard as the old text,
the copy as the new one: each unit's redline, missing units deleted, added text
inserted where it stands, moved and renumbered articles marked) with, before the
considerans, the summary, a table of the deviations with an empty column for the
explanation and a table of the filled-in values -> ``vwo.compare.docx.docx_bytes``
(which escapes every text for XML).
"""

from __future__ import annotations

from vwo.compare.align import ClauseDiff, Comparison, SectionDiff, Summary
from vwo.compare.docx import docx_bytes
from vwo.compare.sources import build_day
from vwo.compare.worddiff import BlockDiff, Segment, Status, diff_text
from vwo.conformance.render.view import SCOPE, note_lines, summary_lines, version_lines
from vwo.conformance.report import Addition, Report, SectionFinding, UnitFinding

STATUS: dict[str, Status] = {"identical": "unchanged", "changed": "changed", "missing": "removed"}


def _plain(text: str, kind: str = "p") -> BlockDiff:
    return BlockDiff("unchanged", kind, "", (Segment("equal", text),))  # type: ignore[arg-type]


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def _row(*cells: str) -> BlockDiff:
    return _plain("| " + " | ".join(_cell(c) or " " for c in cells) + " |", "row")


def _unit_blocks(finding: UnitFinding) -> tuple[BlockDiff, ...]:
    if finding.status == "changed":
        return finding.redline
    if finding.status == "missing":
        return diff_text(finding.standard_text, "")
    return diff_text(finding.standard_text, finding.standard_text)


def _added(addition: Addition, anchor: str) -> ClauseDiff:
    return ClauseDiff(None, None, anchor, "added", diff_text("", addition.text))


def front_lines(report: Report) -> list[str]:
    """The front page: which version, the summary, what the file says, what it proves."""
    return [*version_lines(report), *summary_lines(report), *note_lines(report), SCOPE]


def _preface(report: Report) -> list[BlockDiff]:
    blocks: list[BlockDiff] = []
    if report.deviations:
        blocks.append(_plain("Afwijkingen: pas toe of leg uit", "h"))
        coverage = report.coverage
        blocks.append(_row("nr", "waar", "wat", *(("AVG",) if coverage else ()), "toelichting"))
        for d in report.deviations:
            avg = (", ".join(d.provisions or ()),) if coverage else ()
            blocks.append(_row(d.id, d.where, d.kind, *avg, ""))
    filled = [v for v in report.values if v.filled]
    if filled:
        blocks.append(_plain("Ingevulde gegevens (niet beoordeeld)", "h"))
        blocks.append(_row("onderdeel", "veld", "ingevuld"))
        blocks.extend(_row(v.unit, v.field, v.value) for v in filled)
    blocks.append(_plain("De overeenkomst met de afwijkingen van de kopie", "h"))
    return blocks


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _section(section: SectionFinding, additions: list[Addition]) -> SectionDiff:
    clauses: list[ClauseDiff] = []
    for addition in additions:
        if addition.after == section.heading.unit.id:
            clauses.append(_added(addition, section.id))
    for finding in section.units:
        unit = finding.unit
        number = unit.number if section.kind == "artikel" else None
        copy = finding.copy_number if section.kind == "artikel" and finding.copy_number else number
        clauses.append(ClauseDiff(number, copy, unit.id, STATUS[finding.status], _unit_blocks(finding)))
        clauses.extend(_added(a, unit.id) for a in additions if a.after == unit.id)
    heading = section.heading
    title: tuple[Segment, ...] = (Segment("equal", section.title),)
    if heading.status == "changed" and heading.redline:
        title = heading.redline[0].segments
    statuses = {f.status for f in (heading, *section.units)}
    status: Status = (
        "removed" if statuses == {"missing"} else "unchanged" if statuses == {"identical"} else "changed"
    )
    old_number = _number(section.number)
    new_number = _number(section.copy_number) if section.renumbered else old_number
    return SectionDiff(
        section.kind,
        section.id,
        section.id,
        old_number,
        new_number if new_number is not None else old_number,
        section.title,
        section.title,
        status,
        "id",
        section.moved,
        title,
        tuple(clauses),
        (),
        "",
    )


def comparison(report: Report) -> Comparison:
    additions = list(report.additions)
    preamble = _preface(report)
    preamble += [b for a in additions if a.after in (None, "titel") for b in diff_text("", a.text)]
    if report.considerans is not None:
        preamble += list(_unit_blocks(report.considerans))
        preamble += [b for a in additions if a.after == "considerans" for b in diff_text("", a.text)]
    sections = [_section(s, additions) for s in report.sections]
    title = report.title.unit.blocks[0].text if report.title else ""
    empty = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    version = report.facts.version if report.facts else ""
    return Comparison(
        version,
        report.file,
        (Segment("equal", title),),
        tuple(preamble),
        tuple(s for s in sections if s.kind == "artikel"),
        tuple(s for s in sections if s.kind == "bijlage"),
        empty,
    )


def report_docx(report: Report) -> bytes:
    version = report.facts.version if report.facts else None
    subtitle = (
        f"Versie {version}, met de afwijkingen van {report.file} als bijgehouden wijzigingen"
        if version
        else f"{report.file}: geen versie van de standaard herkend"
    )
    title = report.title.unit.blocks[0].text if report.title else ""
    return docx_bytes(
        comparison(report),
        day=build_day(),
        subtitle=subtitle,
        summary=front_lines(report),
        title=f"Toets van {report.file}",
        head=f"{title} · toets van {report.file}" + (f" tegen versie {version}" if version else ""),
    )
