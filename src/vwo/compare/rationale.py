"""Why each article changed between two versions, from the commit history.

Pipeline: history model (``vwo.history.model.HistoryModel``) -> the text changes of every
version after the older one up to the newer one -> per article, the decided proposals
behind them (``RationaleItem``) with the reason recorded with the decision, linking to
the proposal's page. A change to an article's toelichting counts for the article (the
comparison shows them together).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vwo.compare.page import RationaleItem
from vwo.history.changelog import Meeting, proposal_href
from vwo.history.model import HistoryModel
from vwo.history.parts import compare_anchor
from vwo.history.prose import reason_of
from vwo.history.touched import EXPLANATION, GENERAL
from vwo.history.trailers import DECIDED_BY, DECIDED_ON, DECISION, PROPOSAL, PROPOSAL_RE
from vwo.versions.model import CONCEPT, version_key


def versions_between(older: str, newer: str, published: Sequence[str]) -> list[str]:
    """The versions whose changes lead from ``older`` to ``newer`` (``newer`` included)."""
    later = [v for v in published if version_key(v) > version_key(older)]
    if newer == CONCEPT:
        return [*later, CONCEPT]
    return [v for v in later if version_key(v) <= version_key(newer)]


def _sections(touched: frozenset[str]) -> set[str]:
    """The comparison's sections a commit changed: article and annex ids (the toelichting
    of an article counts for the article), ``GENERAL`` for the text outside articles."""
    return {part if part == GENERAL else compare_anchor(part) for part in touched if part != EXPLANATION}


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
                proposal = record.value(PROPOSAL) or ""
                reason = reason_of(decision.body) if decision else ""
                if proposal and PROPOSAL_RE.match(proposal):
                    url = proposal_href(decisions_url, proposal)
                else:
                    url = f"{decisions_url}#{meeting.anchor}" if meeting.valid else decisions_url
                item = RationaleItem(
                    proposal=proposal,
                    title=record.subject,
                    decision=(decision.value(DECISION) if decision else None) or "",
                    meeting=meeting.label if meeting.valid else "",
                    url=url,
                    reason=reason or reason_of(record.body),
                )
                for article_id in sorted(_sections(record.touched)):
                    items = per_article.setdefault(article_id, [])
                    if item not in items:
                        items.append(item)
        result[old] = per_article
    return result
