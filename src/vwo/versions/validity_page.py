"""The page "Welke versie gold op ...?" and the validity line of each status box, in words
(pure: ``vwo.versions.validity`` periods in, Dutch text and Markdown out).

The page lists every period (works without JavaScript); ``assets/vwo-geldig.js`` adds a
date field that shows the period of the day entered, read from the same list
(``data-van``/``data-tot`` on each item), so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from vwo.site.dates import long_date
from vwo.site.render import render
from vwo.versions.model import CONCEPT, VersionInfo
from vwo.versions.validity import (
    ADOPTED,
    COMPLY_OR_EXPLAIN,
    MANDATORY,
    Answer,
    Period,
    periods,
    start_of,
    validity_ranges,
)

VALIDITY_PAGE = "geldend-op.md"
SCRIPT = "assets/vwo-geldig.js"
REGIMES = {
    MANDATORY: "als verplichte standaard",
    COMPLY_OR_EXPLAIN: "onder pas toe of leg uit",
    ADOPTED: "als vastgestelde versie (zonder datum voor pas toe of leg uit of verplichting)",
}


def _list(versions: Sequence[str]) -> str:
    names = [f"versie {v}" for v in versions]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def describe(found: Answer, infos: Mapping[str, VersionInfo], *, ongoing: bool = False) -> str:
    """The answer in sentences, the same for every day of its period (``ongoing``: the
    period that has no end, told in the present tense)."""
    verb = "geldt" if ongoing else "gold"
    if found.version:
        text = f"Versie {found.version} {verb} {REGIMES[found.regime or ADOPTED]}."
    else:
        text = f"Er {verb} geen vastgestelde versie van de standaard."
    for version in found.pending:
        info = infos[version]
        start = start_of(info)
        text += f" Versie {version} was toen al vastgesteld (op {long_date(info.published)})"
        text += f"; zij geldt vanaf {long_date(start)}." if start else "."
    if found.consultation:
        info = infos[found.consultation]
        text += (
            f" Versie {found.consultation} lag ter consultatie (gepubliceerd op "
            f"{long_date(info.published)}); een consultatieversie geldt niet."
        )
    if found.withdrawn:
        verb = "is" if len(found.withdrawn) == 1 else "zijn"
        text += f" {_list(found.withdrawn).capitalize()} {verb} ingetrokken."
    return text


def period_label(period: Period) -> str:
    if period.start is None and period.end is None:
        return "Altijd"
    if period.start is None:
        assert period.end is not None
        return f"Tot en met {long_date(period.end)}"
    if period.end is None:
        return f"Vanaf {long_date(period.start)}"
    if period.start == period.end:
        return f"Op {long_date(period.start)}"
    return f"Van {long_date(period.start)} tot en met {long_date(period.end)}"


def validity_text(found: Sequence[Period], info: VersionInfo) -> str:
    """For the status box: ``van 1 januari 2019 tot en met 31 december 2020``,
    ``vanaf 1 januari 2019`` (also for a day still to come: the build has no clock), or
    why the version never applied."""
    ranges = validity_ranges(found, info.version)
    if not ranges:
        if info.status != ADOPTED:
            return "niet: een consultatieversie geldt niet"
        if info.version in found[-1].answer.withdrawn:
            return "niet: ingetrokken voordat deze versie ging gelden"
        return "niet: een latere versie ging eerder gelden"
    parts = []
    for first, last in ranges:
        if first is None:
            parts.append(f"tot en met {long_date(last)}" if last else "altijd")
        elif last is None:
            parts.append(f"vanaf {long_date(first)}")
        else:
            parts.append(f"van {long_date(first)} tot en met {long_date(last)}")
    return " en ".join(parts)


@dataclass(frozen=True)
class PeriodView:
    period: Period
    label: str
    text: str
    version_href: str


def validity_page(
    infos: Sequence[VersionInfo],
    *,
    build_version: str,
    prefix: str,
    script_href: str,
    withdrawn: Mapping[str, date] | None = None,
) -> str:
    """The Markdown of the page; ``prefix`` leads from the page to the site root (above
    the version folders), ``script_href`` to the script."""
    by_version = {i.version: i for i in infos}
    found = periods(infos, withdrawn)
    views = [
        PeriodView(
            p,
            period_label(p),
            describe(p.answer, by_version, ongoing=p.end is None),
            f"{prefix}{p.answer.version}/" if p.answer.version else "",
        )
        for p in found
    ]
    return render(
        "validity_page.md.j2",
        periods=list(reversed(views)),
        partial=build_version != CONCEPT,
        build_version=build_version,
        concept_href=f"{prefix}{CONCEPT}/geldend-op/",
        script_href=script_href,
    )
