"""Why each article changed between two versions, from the commit history.

Pipeline: history model (``vwo.history.model.HistoryModel``) -> the text changes of every
version after the older one up to the newer one -> per article, the decided proposals
behind them (``RationaleItem``), linking to their meeting in the decision log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vwo.compare.page import RationaleItem
from vwo.history.changelog import Meeting
from vwo.history.model import HistoryModel
from vwo.history.trailers import DECIDED_BY, DECIDED_ON, DECISION, PROPOSAL
from vwo.versions.model import CONCEPT, version_key


def versions_between(older: str, newer: str, published: Sequence[str]) -> list[str]:
    """The versions whose changes lead from ``older`` to ``newer`` (``newer`` included)."""
    later = [v for v in published if version_key(v) > version_key(older)]
    if newer == CONCEPT:
        return [*later, CONCEPT]
    return [v for v in later if version_key(v) <= version_key(newer)]


def rationale(
    model: HistoryModel,
    newer: str,
    older: Sequence[str],
    published: Sequence[str],
    *,
    decisions_url: str,
) -> Mapping[str, Mapping[str, Sequence[RationaleItem]]]:
    """``{older version: {article id: [items]}}``; an item per proposal, oldest first."""
    result: dict[str, dict[str, list[RationaleItem]]] = {}
    for old in older:
        per_article: dict[str, list[RationaleItem]] = {}
        for version in versions_between(old, newer, published):
            for record in reversed(model.changes_in(version)):
                decision = model.adopting_decision(record)
                meeting = Meeting(
                    (decision.value(DECIDED_BY) if decision else None) or "",
                    (decision.value(DECIDED_ON) if decision else None) or "",
                )
                item = RationaleItem(
                    proposal=record.value(PROPOSAL) or "",
                    title=record.subject,
                    decision=(decision.value(DECISION) if decision else None) or "",
                    meeting=meeting.label if meeting.valid else "",
                    url=f"{decisions_url}#{meeting.anchor}" if meeting.valid else decisions_url,
                )
                for article_id in sorted(record.touched):
                    items = per_article.setdefault(article_id, [])
                    if item not in items:
                        items.append(item)
        result[old] = per_article
    return result
