"""Which version applied on a given day, and how (pure: dates in, periods out).

Pipeline: the published versions (``VersionInfo``: ``gepubliceerd_op``,
``pas_toe_of_leg_uit_vanaf``, ``verplicht_vanaf``) + the withdrawals from the lifecycle
register (``data/gebeurtenissen.yml``: the day a version was withdrawn) -> ``answer(day)``
-> ``periods``: the whole time line cut at every date that can change the answer, with
equal neighbours merged. The page "Welke versie gold op ...?" lists the periods (it works
without JavaScript) and its form looks a day up in the same list; each version's status box
says when it applied (``validity_ranges``).

The rules, in words (the page says them too):

- An adopted version (``vastgesteld``) applies from its ``pas_toe_of_leg_uit_vanaf``, else
  its ``verplicht_vanaf``, else the day it was adopted; from ``verplicht_vanaf`` on it is
  mandatory, before that (from ``pas_toe_of_leg_uit_vanaf``) it applies under "pas toe of
  leg uit".
- On a day the applicable version is the highest adopted version that applies by then and
  was not withdrawn on or before that day. So a newer version takes over when it starts to
  apply (not when it is adopted), and when the current version is withdrawn the one before
  applies again, as ``actueel`` then points at it.
- A consultation version never applies; it is "ter consultatie" from its publication until
  the next version is published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from vwo.versions.model import VersionInfo

MANDATORY = "verplicht"
COMPLY_OR_EXPLAIN = "pas toe of leg uit"
ADOPTED = "vastgesteld"


@dataclass(frozen=True)
class Answer:
    """What applied on one day (the same for every day of a ``Period``)."""

    version: str | None
    """The applicable version, or None."""
    regime: str | None
    """``verplicht``, ``pas toe of leg uit`` or ``vastgesteld`` (no such date recorded)."""
    pending: tuple[str, ...] = ()
    """Versions already adopted that do not apply yet."""
    consultation: str | None = None
    """A consultation version open for comments that day."""
    withdrawn: tuple[str, ...] = ()
    """Versions withdrawn on or before that day."""


@dataclass(frozen=True)
class Period:
    start: date | None
    """First day; None: from the beginning."""
    end: date | None
    """Last day (inclusive); None: to this day and beyond."""
    answer: Answer

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def start_of(info: VersionInfo) -> date | None:
    """The day an adopted version starts to apply (None for a consultation version)."""
    if info.status != ADOPTED:
        return None
    return info.comply_or_explain_from or info.mandatory_from or info.published


def _regime(info: VersionInfo, day: date) -> str:
    if info.mandatory_from is not None and info.mandatory_from <= day:
        return MANDATORY
    if info.comply_or_explain_from is not None and info.comply_or_explain_from <= day:
        return COMPLY_OR_EXPLAIN
    return ADOPTED


def answer(infos: Sequence[VersionInfo], day: date, withdrawn: Mapping[str, date] | None = None) -> Answer:
    """What applied on ``day``."""
    gone = {v for v, when in (withdrawn or {}).items() if when <= day}
    ordered = sorted(infos, key=lambda i: i.key)
    live = [i for i in ordered if i.version not in gone]
    applying = [i for i in live if (s := start_of(i)) is not None and s <= day]
    current = applying[-1] if applying else None
    pending = tuple(
        i.version
        for i in live
        if i.status == ADOPTED
        and i.published <= day
        and (s := start_of(i)) is not None
        and day < s
        and (current is None or i.key > current.key)
    )
    consultation = None
    for index, info in enumerate(ordered):
        later = [i for i in ordered[index + 1 :] if i.published <= day]
        if info.status != ADOPTED and info.published <= day and not later and info.version not in gone:
            consultation = info.version
    return Answer(
        version=current.version if current else None,
        regime=_regime(current, day) if current else None,
        pending=pending,
        consultation=consultation,
        withdrawn=tuple(i.version for i in ordered if i.version in gone),
    )


def _boundaries(infos: Sequence[VersionInfo], withdrawn: Mapping[str, date]) -> list[date]:
    days: set[date] = set(withdrawn.values())
    for info in infos:
        days.add(info.published)
        days.update(d for d in (info.comply_or_explain_from, info.mandatory_from) if d is not None)
    return sorted(days)


def periods(infos: Sequence[VersionInfo], withdrawn: Mapping[str, date] | None = None) -> list[Period]:
    """The time line, oldest first: every day belongs to exactly one period, and
    ``answer`` is the same for every day of a period."""
    withdrawn = dict(withdrawn or {})
    days = _boundaries(infos, withdrawn)
    if not days:
        return [Period(None, None, Answer(None, None))]
    found = [Period(None, days[0] - timedelta(days=1), answer(infos, days[0] - timedelta(days=1), withdrawn))]
    for index, day in enumerate(days):
        end = days[index + 1] - timedelta(days=1) if index + 1 < len(days) else None
        found.append(Period(day, end, answer(infos, day, withdrawn)))
    merged: list[Period] = []
    for period in found:
        if merged and merged[-1].answer == period.answer:
            merged[-1] = replace(merged[-1], end=period.end)
        else:
            merged.append(period)
    return merged


def period_on(found: Sequence[Period], day: date) -> Period:
    return next(p for p in found if p.contains(day))


def validity_ranges(found: Sequence[Period], version: str) -> list[tuple[date | None, date | None]]:
    """The stretches of time in which ``version`` applied (or applies): (first, last day)."""
    ranges: list[tuple[date | None, date | None]] = []
    for period in found:
        if period.answer.version != version:
            continue
        if ranges and ranges[-1][1] is not None and period.start == ranges[-1][1] + timedelta(days=1):
            ranges[-1] = (ranges[-1][0], period.end)
        else:
            ranges.append((period.start, period.end))
    return ranges
