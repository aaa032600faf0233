"""What the Markdown and HTML reports say, in Dutch, from a ``Report``: one place for
the wording, so the two read the same. Plain strings; the templates escape them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vwo.conformance.report import Addition, Deviation, Report, UnitFinding

STATUS = {"identical": "gelijk", "changed": "gewijzigd", "missing": "ontbreekt"}
SCOPE = (
    "Deze toets vergelijkt tekst met tekst. Hij zegt niet of een afwijking juridisch "
    "aanvaardbaar is en vervangt geen juridisch oordeel. Leg elke afwijking uit volgens "
    "pas toe of leg uit."
)


def per_mille(value: int) -> str:
    return f"{value // 10},{value % 10} %"


@dataclass(frozen=True)
class DeviationView:
    deviation: Deviation
    title: str
    unit: UnitFinding | None  # the changed or missing unit, with its redline
    addition: Addition | None


def version_lines(report: Report) -> list[str]:
    ident = report.identification
    facts = report.facts
    if facts is None:
        best = ident.scores[0] if ident.scores else None
        line = "Geen versie van de standaard herkend: geen enkele versie komt voldoende overeen."
        if best:
            found = per_mille(best.containment)
            line += f" Het best past versie {best.version} ({found} van haar tekst gevonden)."
        return [line]
    how = "opgegeven met --version" if ident.given else "herkend aan de tekst"
    score = next((s for s in ident.scores if s.version == facts.version), None)
    lines = [f"Versie {facts.version} ({facts.label.lower()}), {how}."]
    if score:
        lines[0] = lines[0][:-1] + f"; {per_mille(score.containment)} van haar tekst staat in de kopie."
    if ident.tied:
        lines.append("Even goed passen: " + ", ".join(f"versie {v}" for v in ident.tied) + ".")
    if ident.given and ident.best and ident.best != facts.version:
        lines.append(f"Let op: de tekst lijkt het meest op versie {ident.best}.")
    if facts.superseded_by:
        lines.append(f"Let op: deze versie is vervangen door versie {facts.superseded_by}.")
    elif facts.status == "consultatie":
        lines.append("Let op: dit is een consultatieversie, niet vastgesteld.")
    elif facts.status == "concept":
        lines.append("Let op: dit is de werkversie (concept), niet vastgesteld.")
    return lines


def summary_lines(report: Report) -> list[str]:
    s = report.summary
    if s is None:
        return []
    c, a = s.clauses, s.annex_parts
    lines = [
        f"Leden: {c.identical} gelijk, {c.changed} gewijzigd, {c.missing} ontbrekend (van {c.total}).",
        f"Bijlagen: {a.identical} onderdelen gelijk, {a.changed} gewijzigd, {a.missing} ontbrekend "
        f"(van {a.total}).",
        f"Toegevoegde tekst: {s.added}"
        + (f", waarvan artikelen: {s.added_articles}." if s.added_articles else "."),
    ]
    if s.considerans and s.considerans != "identical":
        lines.append(f"Considerans: {STATUS[s.considerans]}.")
    if s.headings_changed or s.headings_missing:
        lines.append(f"Koppen: {s.headings_changed} gewijzigd, {s.headings_missing} ontbrekend.")
    if s.moved or s.renumbered:
        lines.append(f"Artikelen: {s.moved} verplaatst, {s.renumbered} anders genummerd.")
    lines.append(f"Ingevulde gegevens: {s.values}.")
    lines.append(
        "Geen afwijkingen van de standaard."
        if s.identical
        else f"Afwijkingen die om uitleg vragen: {s.deviations}."
    )
    return lines


def note_lines(report: Report) -> list[str]:
    n = report.notes
    lines = []
    if n.tracked:
        lines.append(
            f"Bijgehouden wijzigingen in het bestand: {n.tracked} (invoegingen: {n.insertions}, "
            f"verwijderingen: {n.deletions}, verplaatsingen: {n.moves}, opmaak: {n.formatting}). "
            "De toets beoordeelt de tekst alsof alle wijzigingen zijn geaccepteerd."
        )
    if n.comments:
        lines.append(
            f"Opmerkingen in het bestand: {len(n.comments)} (hieronder); zij tellen niet mee als tekst."
        )
    if n.auto_numbered:
        lines.append(
            f"Alinea's met automatische nummering of opsommingstekens: {n.auto_numbered}; "
            "die nummers staan niet in de tekst en tellen niet mee."
        )
    if n.hidden:
        lines.append(f"Stukken verborgen tekst, niet meegeteld: {n.hidden}.")
    if n.noise or n.page_numbers:
        lines.append(
            f"Weggelaten: {n.noise} kop-, voet- of watermerkregels en {n.page_numbers} paginanummers."
        )
    if n.format == "pdf":
        lines.append(
            "Uit een PDF: regelafbrekingen en woordafbrekingen zijn samengevoegd; tabellen zijn platte tekst."
        )
    return lines


def deviation_views(report: Report) -> list[DeviationView]:
    units = {}
    for finding in (report.considerans, *(f for s in report.sections for f in (s.heading, *s.units))):
        if finding is not None:
            units[finding.unit.id] = finding
    pending = {id(a): a for a in report.additions}
    out = []
    for d in report.deviations:
        if d.kind == "toegevoegd":
            addition = next((a for a in report.additions if id(a) in pending and a.after == d.unit), None)
            if addition is not None:
                del pending[id(addition)]
            label = "artikel toegevoegd" if addition and addition.kind == "artikel" else "tekst toegevoegd"
            out.append(DeviationView(d, f"{d.id}. {label} {d.where}", None, addition))
        elif d.kind in ("gewijzigd", "ontbreekt"):
            out.append(DeviationView(d, f"{d.id}. {d.where}: {d.kind}", units.get(d.unit or ""), None))
        else:
            out.append(DeviationView(d, f"{d.id}. {d.where}: {d.kind}", None, None))
    return out


def context(report: Report) -> dict[str, Any]:
    """What the Markdown and HTML templates are given (each adds its own redline)."""
    return {
        "report": report,
        "version_lines": version_lines(report),
        "summary_lines": summary_lines(report),
        "note_lines": note_lines(report),
        "deviations": deviation_views(report),
        "per_mille": per_mille,
        "status": STATUS,
        "scope": SCOPE,
    }
