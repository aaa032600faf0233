"""The decision log of the Beheergroep (and the other bodies) from commit trailers (pure).

Pipeline: ``HistoryModel`` -> every commit with a ``Besluit`` trailer -> ``DecisionLog``
(grouped by meeting: body + date, newest first; within a meeting by proposal id) ->
rendered as the site page (HTML fragments, autoescaped), Markdown (neutralised), JSON
or CSV (formula-safe). Rejected and postponed proposals are empty commits and appear
like any other decision.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from vwo.history.changelog import Meeting, correction_text, corrections_json, render_history
from vwo.history.model import CollegeDecision, HistoryModel
from vwo.history.parts import parts_of
from vwo.history.prose import reason_of, without_outcome
from vwo.history.records import CommitRecord, TrailerCorrection
from vwo.history.trailers import (
    BODIES,
    COLLEGE,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    FAR_REACHING,
    PROPOSAL,
    PROPOSAL_RE,
    PROPOSER,
)
from vwo.site.escape import csv_cell

FORMAT_VERSION = 1
DECISIONS_TITLE = "Besluiten over wijzigingsvoorstellen"
NOT_PUBLISHED = "nog niet gepubliceerd"
NOT_APPLICABLE = "n.v.t."


@dataclass(frozen=True)
class DecisionEntry:
    proposal: str | None
    title: str
    proposers: tuple[str, ...]
    kind: str | None
    decision: str
    version: str | None
    """The first published version with the proposal's text change."""
    college: CollegeDecision | None
    """Only for ``ingrijpend`` proposals: what the College van Dienstverleningszaken decided."""
    by_college: bool
    pull_request: int | None
    commit: str
    date: str
    articles: tuple[str, ...]
    """The parts the decision concerns: its diff and its ``Artikel`` trailers."""
    corrections: tuple[TrailerCorrection, ...] = ()
    """Corrections of this decision's commit (``data/correcties.yml``)."""
    reason: str = ""
    """The reason recorded with the decision: the prose of its commit body."""

    @property
    def heading(self) -> str:
        """The title without the outcome it repeats (``...: verworpen``)."""
        return without_outcome(self.title, self.decision)

    @property
    def valid_proposal(self) -> str | None:
        """The proposal id when it is valid (``VWO-JJJJ-NNN``): only such an id names an
        anchor, a page or a feed id; any other value is shown as text only."""
        return self.proposal if self.proposal and PROPOSAL_RE.match(self.proposal) else None

    def anchor(self, meeting: Meeting) -> str:
        """This decision's anchor on the decision log (a proposal decided at several
        meetings has one per meeting; ``proposal_anchor`` names the proposal)."""
        if not self.valid_proposal:
            return f"besluit-{self.commit[:12]}"
        return f"{self.valid_proposal.lower()}-{meeting.anchor.removeprefix('vergadering-')}"

    @property
    def proposal_anchor(self) -> str:
        return self.valid_proposal.lower() if self.valid_proposal else ""

    @property
    def version_label(self) -> str:
        if self.version:
            return self.version
        return NOT_PUBLISHED if self.decision == "aangenomen" else NOT_APPLICABLE


@dataclass(frozen=True)
class MeetingGroup:
    meeting: Meeting
    decisions: tuple[DecisionEntry, ...]


@dataclass(frozen=True)
class DecisionLog:
    meetings: tuple[MeetingGroup, ...]
    history_available: bool = True

    @property
    def count(self) -> int:
        return sum(len(m.decisions) for m in self.meetings)


def entry_of(model: HistoryModel, record: CommitRecord) -> DecisionEntry:
    proposal = record.value(PROPOSAL)
    kind = model.kind(record)
    articles = parts_of(record)
    return DecisionEntry(
        proposal=proposal,
        title=record.subject,
        proposers=record.values(PROPOSER) or (model.proposers(proposal) if proposal else ()),
        kind=kind,
        decision=record.value(DECISION) or "",
        version=model.proposal_landed_in(proposal) if proposal else model.landed_in(record.sha),
        college=model.college_decision(proposal) if proposal and kind == FAR_REACHING else None,
        by_college=record.value(DECIDED_BY) == COLLEGE,
        pull_request=model.pull_requests.get(record.sha),
        commit=record.sha,
        date=record.date.date().isoformat(),
        articles=articles,
        corrections=record.corrections,
        reason=reason_of(record.body),
    )


def _meeting_key(meeting: Meeting) -> tuple[int, str, int]:
    if not meeting.valid:
        return (0, "", 0)  # unknown meetings last (the sort is descending)
    return (1, meeting.date, -BODIES.index(meeting.body))


def build_decisions(model: HistoryModel) -> DecisionLog:
    groups: dict[Meeting, list[DecisionEntry]] = {}
    for record in model.decisions():
        meeting = Meeting(record.value(DECIDED_BY) or "", record.value(DECIDED_ON) or "")
        key = meeting if meeting.valid else Meeting("", "")
        groups.setdefault(key, []).append(entry_of(model, record))
    meetings = tuple(
        MeetingGroup(meeting, tuple(sorted(entries, key=lambda e: (e.proposal or "", e.date))))
        for meeting, entries in sorted(groups.items(), key=lambda kv: _meeting_key(kv[0]), reverse=True)
    )
    return DecisionLog(meetings)


# --- output ---------------------------------------------------------------------------


def _college_json(college: CollegeDecision | None) -> dict[str, Any] | None:
    if college is None:
        return None
    return {"besluit": college.decision, "besloten_op": college.decided_on, "commit": college.commit}


def _entry_json(entry: DecisionEntry) -> dict[str, Any]:
    return {
        "voorstel": entry.proposal,
        "titel": entry.title,
        "indieners": list(entry.proposers),
        "soort": entry.kind,
        "besluit": entry.decision,
        "versie": entry.version,
        "gepubliceerd": entry.version is not None,
        "college": _college_json(entry.college),
        "artikelen": list(entry.articles),
        "pull_request": entry.pull_request,
        "commit": entry.commit,
        "datum_commit": entry.date,
        "correcties": corrections_json(entry.corrections),
        "reden": entry.reason or None,
    }


def to_json(log: DecisionLog) -> str:
    data = {
        "formaat": "vwo-besluiten",
        "formaatversie": FORMAT_VERSION,
        "geschiedenis_beschikbaar": log.history_available,
        "aantal_besluiten": log.count,
        "vergaderingen": [
            {
                "orgaan": group.meeting.body or None,
                "datum": group.meeting.date or None,
                "anker": group.meeting.anchor,
                "besluiten": [_entry_json(e) for e in group.decisions],
            }
            for group in log.meetings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "orgaan",
    "datum",
    "voorstel",
    "titel",
    "indieners",
    "soort",
    "besluit",
    "versie",
    "college_besluit",
    "college_besloten_op",
    "artikelen",
    "pull_request",
    "commit",
    "correcties",
    "reden",
)


def to_csv(log: DecisionLog) -> str:
    """One row per decision; every cell passes ``csv_cell`` (formula injection)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for group in log.meetings:
        for e in group.decisions:
            row = [
                group.meeting.body,
                group.meeting.date,
                e.proposal or "",
                e.title,
                "; ".join(e.proposers),
                e.kind or "",
                e.decision,
                e.version_label,
                (e.college.decision or "nog geen besluit") if e.college else "",
                (e.college.decided_on or "") if e.college else "",
                " ".join(e.articles),
                str(e.pull_request or ""),
                e.commit,
                " | ".join(correction_text(c) for c in e.corrections),
                " ".join(e.reason.split()),
            ]
            writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def to_markdown(log: DecisionLog, repo_url: str) -> str:
    return render_history("decisions.md.j2", log=log, repo_url=repo_url.rstrip("/"))
