"""The report of a copy against one version, from the classified tokens.

Pipeline: ``Classified`` -> per unit the copy's own words (its matched and attributed
tokens, paragraph by paragraph; a filled-in value shown as the standard's placeholder,
so the redline shows deviations, not what was filled in) and the redline (the word diff
of ``vwo compare``, standard against copy) -> sections with moved and renumbered flags
-> additions, the cover and the signature block, the filled-in values -> the deviations
in the order of the standard, and the summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from vwo.compare.worddiff import diff_text
from vwo.conformance.classify import Classified, ValueRun
from vwo.conformance.document import Copy
from vwo.conformance.report import (
    Addition,
    Counts,
    Deviation,
    DeviationKind,
    FillValue,
    Report,
    SectionFinding,
    Summary,
    UnitFinding,
)
from vwo.conformance.rules import PLACEHOLDER_OPEN, tokens
from vwo.conformance.standard import Unit
from vwo.conformance.stream import StandardStream, block_text, label_free, shown

_WORDLIKE = re.compile(r"[^\W_]")
Provisions = Callable[[Unit], tuple[str, ...] | None]


def _span_text(copy: Copy, picked: list[int], values: list[ValueRun], slot_text: Mapping[int, str]) -> str:
    """The copy's words of ``picked`` tokens: per paragraph from the first to the last
    picked token; value runs replaced by their slot's placeholder."""
    by_paragraph: dict[int, list[int]] = {}
    for t in sorted(set(picked)):
        by_paragraph.setdefault(copy.paragraph_of[t], []).append(t)
    replaced = {v.start: v for v in values}
    parts: list[str] = []
    for p, chosen in sorted(by_paragraph.items()):
        para = copy.paragraphs[p]
        start, end = copy.spans[chosen[0]][0], copy.spans[chosen[-1]][1]
        pieces: list[str] = []
        position = start
        t = chosen[0]
        while t <= chosen[-1]:
            run = replaced.get(t)
            if run is not None and copy.paragraph_of[run.start] == p:
                last = min(run.end, para.end) - 1
                pieces.append(para.text[position : copy.spans[t][0]])
                pieces.append(slot_text[run.slot])
                position = copy.spans[last][1]
                t = last + 1
                continue
            t += 1
        pieces.append(para.text[position:end])
        text = "".join(pieces).strip()
        parts.append(f"| {text} |" if para.kind == "row" else text)
    return "\n\n".join(parts)


def _slot_texts(stream: StandardStream, values: list[ValueRun]) -> dict[int, str]:
    out = {}
    for run in values:
        label = stream.slot_label[run.slot]
        out[run.slot] = f"[{label}]" if label else ""
    return out


def unit_findings(
    stream: StandardStream, copy: Copy, found: Classified, provisions: Provisions
) -> list[UnitFinding]:
    slot_text = _slot_texts(stream, found.values)
    values_of: dict[int, list[ValueRun]] = {}
    for run in found.values:
        values_of.setdefault(run.unit, []).append(run)
    out = []
    for u, unit in enumerate(stream.standard.units):
        matched = [found.s2c[i] for i in range(stream.unit_start[u], stream.unit_end[u]) if found.s2c[i] >= 0]
        own_values = values_of.get(u, [])
        picked = matched + found.inside[u] + [t for v in own_values for t in range(v.start, v.end)]
        number = unit.number if unit.kind == "lid" else None
        standard_text = "\n\n".join(
            block_text(b, number if n == 0 else None) for n, b in enumerate(unit.blocks)
        )
        copy_text = _span_text(copy, picked, own_values, slot_text) if picked else ""
        status = found.status[u]
        redline = diff_text(standard_text, copy_text) if status == "changed" else ()
        number = None
        if matched:
            labels = copy.paragraphs[copy.paragraph_of[min(matched)]].labels
            wanted = {"artikelkop": "heading", "bijlagekop": "annex", "lid": "clause"}.get(unit.kind)
            number = next((lab.value for lab in labels if lab.kind == wanted), None)
        out.append(UnitFinding(unit, status, standard_text, copy_text, number, redline, provisions(unit)))
    return out


_BRACKETED = re.compile(r"\[[^\]]*\]")


def fill_values(stream: StandardStream, copy: Copy, found: Classified) -> list[FillValue]:
    out = []
    for run in found.values:
        unit = stream.standard.units[run.unit]
        block = unit.blocks[stream.block_of[run.slot]]
        label = stream.slot_label[run.slot]
        first = block.cells[0] if block.kind == "row" and block.cells else ""
        if first.strip() and PLACEHOLDER_OPEN not in first:
            name = shown(first)
        elif block.kind == "row":
            name = label_free(unit.title or "")
        else:
            name = label
        value = _span_text(copy, list(range(run.start, run.end)), [], {}).replace("\n\n", " ")
        value = value[2:-2] if value.startswith("| ") and value.endswith(" |") else value
        filled = any(_WORDLIKE.match(t) for t in tokens(_BRACKETED.sub(" ", value)))
        out.append(FillValue(unit.id, name, block_text(block), value, filled))
    return out


def _where(unit: Unit, sections: Mapping[str, Unit]) -> str:
    if unit.kind == "considerans":
        return "Considerans"
    if unit.kind == "titel":
        return "Titel"
    head = sections.get(unit.section or "")
    if unit.kind == "lid":
        return f"Artikel {head.number if head else '?'}, lid {unit.number}"
    if unit.kind == "artikelkop":
        return f"Artikel {unit.number} (kop)"
    if unit.kind == "bijlagekop":
        return f"Bijlage {unit.number} (kop)"
    return f"Bijlage {head.number if head else '?'}, onderdeel {unit.number}" + (
        f" ({unit.title})" if unit.title else ""
    )


def build_report(
    file: str,
    stream: StandardStream,
    copy: Copy,
    found: Classified,
    provisions: Provisions,
    base: Report,
) -> Report:
    """``base`` carries what is known before the comparison (file, notes, identification)."""
    units = unit_findings(stream, copy, found, provisions)
    standard = stream.standard
    heads = {u.id: u for u in standard.units if u.kind in ("artikelkop", "bijlagekop")}
    sections: list[SectionFinding] = []
    for finding in units:
        unit = finding.unit
        if unit.kind in ("artikelkop", "bijlagekop"):
            sections.append(
                SectionFinding(
                    unit.id,
                    "artikel" if unit.kind == "artikelkop" else "bijlage",
                    unit.number or "",
                    unit.title or "",
                    finding,
                    (),
                    finding.copy_number,
                    unit.id in found.moved,
                )
            )
        elif unit.section is not None and sections:
            sections[-1] = replace(sections[-1], units=(*sections[-1].units, finding))
    by_id = {f.unit.id: f for f in units}
    additions: list[Addition] = []
    front: list[str] = []
    signature: list[str] = []

    def text_of(paragraphs: tuple[int, ...]) -> str:
        return "\n\n".join(copy.paragraphs[p].full for p in paragraphs)

    if copy.tokens:
        front.append(_cover(copy, found.first_judged))
    for added in found.added:
        if added.kind == "voorblad":
            continue
        if added.kind == "ondertekening":
            signature.append(text_of(added.paragraphs))
        else:
            after = standard.units[added.after] if added.after is not None else None
            section = after.section if after else None
            additions.append(
                Addition(
                    after.id if after else None,
                    section,
                    "artikel" if added.kind == "artikel" else "tekst",
                    text_of(added.paragraphs),
                    provisions(heads[section]) if section in heads else None,
                )
            )
    deviations = _deviations(units, sections, additions, heads)
    values = fill_values(stream, copy, found)
    summary = _summary(units, sections, additions, values, len(deviations))
    return Report(
        file=base.file,
        notes=base.notes,
        identification=base.identification,
        facts=base.facts,
        title=by_id.get("titel"),
        considerans=by_id.get("considerans"),
        sections=tuple(sections),
        additions=tuple(additions),
        front_matter="\n\n".join(front),
        signature="\n\n".join(signature),
        values=tuple(values),
        deviations=tuple(deviations),
        summary=summary,
        coverage=base.coverage,
    )


def _cover(copy: Copy, first_judged: int) -> str:
    """The copy's words before the first word of the agreement itself."""
    if first_judged >= len(copy.tokens):
        return "\n\n".join(p.full for p in copy.paragraphs)
    index = copy.paragraph_of[first_judged]
    parts = [p.full for p in copy.paragraphs[:index]]
    para = copy.paragraphs[index]
    lead = para.text[: copy.spans[first_judged][0]].strip()
    if lead:
        parts.append(lead)
    return "\n\n".join(parts)


def _deviations(
    units: list[UnitFinding],
    sections: list[SectionFinding],
    additions: list[Addition],
    heads: Mapping[str, Unit],
) -> list[Deviation]:
    out: list[Deviation] = []

    def add(
        kind: DeviationKind,
        unit: Unit | None,
        section: str | None,
        where: str,
        provisions: tuple[str, ...] | None,
    ) -> None:
        out.append(Deviation(f"A{len(out) + 1}", kind, unit.id if unit else None, section, where, provisions))

    moved = {s.id: s for s in sections}
    for finding in units:
        unit = finding.unit
        if unit.judged and finding.status != "identical":
            kind: DeviationKind = "gewijzigd" if finding.status == "changed" else "ontbreekt"
            add(kind, unit, unit.section, _where(unit, heads), finding.provisions)
        section = moved.get(unit.id)
        if section is not None:
            label = "Artikel" if section.kind == "artikel" else "Bijlage"
            if section.moved:
                add("verplaatst", unit, unit.id, f"{label} {section.number}", finding.provisions)
            if section.renumbered:
                add(
                    "anders genummerd",
                    unit,
                    unit.id,
                    f"{label} {section.number} (in de kopie {section.copy_number})",
                    finding.provisions,
                )
        for addition in additions:
            if addition.after == unit.id:
                place = _where(unit, heads)
                where = "na " + (place.lower() if unit.kind in ("considerans", "titel") else place)
                add("toegevoegd", unit, addition.section, where, addition.provisions)
    for addition in additions:
        if addition.after is None:
            add("toegevoegd", None, None, "aan het begin", None)
    return out


def _counts(findings: list[UnitFinding]) -> Counts:
    return Counts(
        len(findings),
        sum(1 for f in findings if f.status == "identical"),
        sum(1 for f in findings if f.status == "changed"),
        sum(1 for f in findings if f.status == "missing"),
    )


def _summary(
    units: list[UnitFinding],
    sections: list[SectionFinding],
    additions: list[Addition],
    values: list[FillValue],
    deviations: int,
) -> Summary:
    heads = [f for f in units if f.unit.kind in ("artikelkop", "bijlagekop")]
    considerans = next((f.status for f in units if f.unit.kind == "considerans"), None)
    return Summary(
        clauses=_counts([f for f in units if f.unit.kind == "lid"]),
        annex_parts=_counts([f for f in units if f.unit.kind == "onderdeel"]),
        headings_changed=sum(1 for f in heads if f.status == "changed"),
        headings_missing=sum(1 for f in heads if f.status == "missing"),
        considerans=considerans,
        added=len(additions),
        added_articles=sum(1 for a in additions if a.kind == "artikel"),
        moved=sum(1 for s in sections if s.moved),
        renumbered=sum(1 for s in sections if s.renumbered),
        values=sum(1 for v in values if v.filled),
        deviations=deviations,
    )
