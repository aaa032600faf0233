"""The decision log filtered by decision, kind and year, without JavaScript (pure).

Pipeline: ``DecisionLog`` -> the values that occur (decisions, kinds, meeting years) ->
one ``Selection`` per combination that matches at least one decision (a page each, like
the register's pre-rendered filter pages) -> per page the filtered log and its filter
links (each with the number of decisions it would show; a choice that would show none is
plain text, not a link).

Addresses: ``besluiten/`` is everything; each chosen value adds a segment, always in the
order decision, kind, year: ``besluiten/verworpen/``, ``besluiten/ingrijpend/2019/``,
``besluiten/aangenomen/inhoudelijk/2018/``. Proposal pages (``besluiten/VWO-2019-005/``)
never clash: their segment is an id in capitals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import product

from vwo.history.decisions import DECISIONS_TITLE, DecisionEntry, DecisionLog, MeetingGroup
from vwo.history.proposals import PAGES_DIR
from vwo.history.trailers import DECISIONS, KINDS
from vwo.site.urls import relative_url

LOG_SRC = "besluiten.md"
DIMENSIONS = ("besluit", "soort", "jaar")
LABELS = {"besluit": "Besluit", "soort": "Soort wijziging", "jaar": "Jaar"}
KIND_ADJECTIVES = {"redactioneel": "redactionele", "inhoudelijk": "inhoudelijke", "ingrijpend": "ingrijpende"}


@dataclass(frozen=True)
class Selection:
    """The chosen value per dimension (None: all)."""

    decision: str | None = None
    kind: str | None = None
    year: str | None = None

    def keeps(self, entry: DecisionEntry, meeting_year: str | None) -> bool:
        return self.matches(entry.decision, entry.kind, meeting_year)

    def matches(self, decision: str | None, kind: str | None, year: str | None) -> bool:
        return (
            (self.decision is None or decision == self.decision)
            and (self.kind is None or kind == self.kind)
            and (self.year is None or year == self.year)
        )

    @property
    def everything(self) -> bool:
        return self.decision is None and self.kind is None and self.year is None

    @property
    def src(self) -> str:
        segments = [s for s in (self.decision, self.kind, self.year) if s]
        return LOG_SRC if not segments else f"{PAGES_DIR}/{'/'.join(segments)}.md"

    def value(self, dimension: str) -> str | None:
        return {"besluit": self.decision, "soort": self.kind, "jaar": self.year}[dimension]

    def with_value(self, dimension: str, value: str | None) -> Selection:
        values = {"besluit": self.decision, "soort": self.kind, "jaar": self.year, dimension: value}
        return Selection(values["besluit"], values["soort"], values["jaar"])

    @property
    def title(self) -> str:
        """``Besluiten over wijzigingsvoorstellen: verworpen, ingrijpend, 2019``."""
        chosen = [v for v in (self.decision, self.kind, self.year) if v]
        return DECISIONS_TITLE + (": " + ", ".join(chosen) if chosen else "")

    @property
    def description(self) -> str:
        """In words, for the page: ``besluiten met uitkomst verworpen, genomen in 2019``."""
        parts = []
        if self.decision:
            parts.append(f"met uitkomst {self.decision}")
        if self.kind:
            parts.append(f"over een {KIND_ADJECTIVES.get(self.kind, self.kind)} wijziging")
        if self.year:
            parts.append(f"genomen in {self.year}")
        return "besluiten " + ", ".join(parts) if parts else "alle besluiten"


def meeting_year(group: MeetingGroup) -> str | None:
    return group.meeting.date[:4] if group.meeting.valid else None


def filtered(log: DecisionLog, selection: Selection) -> DecisionLog:
    """The meetings with the decisions ``selection`` keeps (a meeting left empty goes)."""
    meetings = []
    for group in log.meetings:
        year = meeting_year(group)
        kept = tuple(e for e in group.decisions if selection.keeps(e, year))
        if kept:
            meetings.append(MeetingGroup(group.meeting, kept))
    return DecisionLog(tuple(meetings), log.history_available)


def _count(log: DecisionLog, selection: Selection) -> int:
    return sum(
        1 for group in log.meetings for e in group.decisions if selection.keeps(e, meeting_year(group))
    )


def values(log: DecisionLog) -> dict[str, list[str]]:
    """The values of each dimension that occur, in a fixed order (years newest first)."""
    decisions = {e.decision for g in log.meetings for e in g.decisions}
    kinds = {e.kind for g in log.meetings for e in g.decisions}
    years = {y for g in log.meetings if (y := meeting_year(g))}
    return {
        "besluit": [d for d in DECISIONS if d in decisions],
        "soort": [k for k in KINDS if k in kinds],
        "jaar": sorted(years, reverse=True),
    }


def selection_counts(log: DecisionLog) -> dict[Selection, int]:
    """How many decisions each selection of the values that occur shows (``Selection()``
    first): one pass over the log, then sums over the few (decision, kind, year)
    combinations, so a build's filter pages together stay linear in the decisions."""
    combinations = Counter(
        (e.decision, e.kind, meeting_year(group)) for group in log.meetings for e in group.decisions
    )
    found = values(log)
    counts = {}
    for decision, kind, year in product(
        [None, *found["besluit"]], [None, *found["soort"]], [None, *found["jaar"]]
    ):
        selection = Selection(decision, kind, year)
        counts[selection] = sum(n for (d, k, y), n in combinations.items() if selection.matches(d, k, y))
    return counts


def selections(log: DecisionLog, counts: Mapping[Selection, int] | None = None) -> list[Selection]:
    """Every combination that shows at least one decision (``Selection()`` first)."""
    counts = selection_counts(log) if counts is None else counts
    return [selection for selection, count in counts.items() if selection.everything or count > 0]


@dataclass(frozen=True)
class FilterLink:
    label: str
    count: int
    href: str | None
    """None: this choice would show no decision."""
    current: bool


@dataclass(frozen=True)
class FilterGroup:
    dimension: str
    label: str
    links: tuple[FilterLink, ...]


def filter_groups(
    log: DecisionLog,
    here: Selection,
    *,
    directory_urls: bool = True,
    counts: Mapping[Selection, int] | None = None,
) -> list[FilterGroup]:
    """Per dimension: "alle" and each value, keeping the other dimensions as chosen.
    ``counts``: ``selection_counts(log)``, computed once for all the pages of a build."""
    counts = selection_counts(log) if counts is None else counts
    found = values(log)
    groups = []
    for dimension in DIMENSIONS:
        links = []
        for value in [None, *found[dimension]]:
            target = here.with_value(dimension, value)
            count = counts[target] if target in counts else _count(log, target)
            links.append(
                FilterLink(
                    label=value or "alle",
                    count=count,
                    href=relative_url(here.src, target.src, directory_urls)
                    if count or target.everything
                    else None,
                    current=here.value(dimension) == value,
                )
            )
        groups.append(FilterGroup(dimension, LABELS[dimension], tuple(links)))
    return groups
