"""Every change proposal with its whole path: who submitted it, each decision with its
reason, the text it changed and the version it landed in (pure).

Pipeline: ``HistoryModel`` -> ONE pass over the commits, grouped by ``Voorstel`` (and
the commits a revert cancels) -> per proposal its decisions in the order they were
taken (``Besloten-op``, then history order), its text changes with the parts they
touched and the version each landed in -> ``Proposal`` records, by id. The pages
(``vwo.history.proposal_pages``) and the decision log's links use them.

Dates are the dates of the events (``Besloten-op``); a commit's own date is never a
fact about a decision (the history was imported on one day), so no ``Proposal`` carries
one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from vwo.history.changelog import Meeting
from vwo.history.model import CollegeDecision, HistoryModel
from vwo.history.parts import parts_of
from vwo.history.prose import reason_of, without_outcome
from vwo.history.records import CommitRecord, TrailerCorrection
from vwo.history.trailers import (
    COLLEGE,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    PROPOSAL,
    PROPOSAL_RE,
    PROPOSER,
    is_date,
)
from vwo.versions.model import CONCEPT

PAGES_DIR = "besluiten"
"""Proposal pages live beside the decision log: ``besluiten/VWO-2019-005/``."""
_REVERTS = re.compile(r"This reverts commit ([0-9a-f]{7,40})")


def proposal_src(proposal: str) -> str:
    """The Markdown source of a proposal's page: ``besluiten/VWO-2019-005.md``."""
    return f"{PAGES_DIR}/{proposal}.md"


@dataclass(frozen=True)
class Step:
    """One decision on a proposal."""

    decision: str
    meeting: Meeting
    reason: str
    """The prose of the decision's commit body; empty when none was recorded."""
    subject: str
    commit: str
    pull_request: int | None
    by_college: bool
    changes_text: bool
    corrections: tuple[TrailerCorrection, ...] = ()
    """Corrections of this decision's commit (``data/correcties.yml``), already applied."""

    @property
    def title(self) -> str:
        return without_outcome(self.subject, self.decision)


@dataclass(frozen=True)
class TextChange:
    """A commit of the proposal that changed the text."""

    subject: str
    commit: str
    parts: tuple[str, ...]
    version: str
    """The first published version that contains it, or ``concept``."""
    previous: str | None
    """The published version before ``version`` (what its comparison starts from)."""
    pull_request: int | None
    reason: str
    reverted_by: str | None = None
    corrections: tuple[TrailerCorrection, ...] = ()
    """Corrections of this commit (``data/correcties.yml``), already applied."""


@dataclass(frozen=True)
class Proposal:
    id: str
    title: str
    proposers: tuple[str, ...]
    kind: str | None
    steps: tuple[Step, ...]
    """Every decision, in the order taken."""
    changes: tuple[TextChange, ...]
    """The text changes, oldest first."""
    version: str | None
    """The first published version with its text change."""
    college: CollegeDecision | None
    """Only for ``ingrijpend``: the College van Dienstverleningszaken's decision."""
    parts: tuple[str, ...]

    @property
    def outcome(self) -> str | None:
        return self.steps[-1].decision if self.steps else None

    @property
    def pull_requests(self) -> tuple[int, ...]:
        found = [s.pull_request for s in self.steps] + [c.pull_request for c in self.changes]
        return tuple(sorted({pr for pr in found if pr is not None}))

    @property
    def src(self) -> str:
        return proposal_src(self.id)

    @property
    def corrections(self) -> tuple[TrailerCorrection, ...]:
        """Every correction of the proposal's record: its decisions', then its text
        changes' (a commit that is both is counted once)."""
        decided = {s.commit for s in self.steps}
        own = [c for s in self.steps for c in s.corrections]
        own += [c for ch in self.changes if ch.commit not in decided for c in ch.corrections]
        return tuple(own)


def _step_key(record: CommitRecord, position: int) -> tuple[int, str, int]:
    day = record.value(DECIDED_ON) or ""
    return (0, day, -position) if is_date(day) else (1, "", -position)


def _reverted(commits: Iterable[CommitRecord]) -> dict[str, str]:
    """Commit (prefix as written) -> the commit that reverts it."""
    found: dict[str, str] = {}
    for record in commits:
        match = _REVERTS.search(record.body)
        if match and record.subject.startswith("Revert "):
            found[match[1]] = record.sha
    return found


def _reverter(sha: str, reverted: Mapping[str, str]) -> str | None:
    return next((by for prefix, by in reverted.items() if sha.startswith(prefix)), None)


def _title(records: Sequence[CommitRecord]) -> str:
    """Oldest text change's subject, else the oldest decision's without its outcome."""
    oldest_first = list(reversed(records))
    change = next((r for r in oldest_first if r.changes_text and not r.is_merge), None)
    if change is not None:
        return change.subject
    first = oldest_first[0]
    return without_outcome(first.subject, first.value(DECISION))


def _proposal(
    model: HistoryModel,
    proposal: str,
    records: list[CommitRecord],
    positions: dict[str, int],
    reverted: Mapping[str, str],
) -> Proposal:
    proposers: dict[str, None] = {}
    for record in reversed(records):
        proposers.update(dict.fromkeys(record.values(PROPOSER)))
    decisions = sorted(
        (r for r in records if r.value(DECISION)), key=lambda r: _step_key(r, positions[r.sha])
    )
    steps = tuple(
        Step(
            decision=r.value(DECISION) or "",
            meeting=Meeting(r.value(DECIDED_BY) or "", r.value(DECIDED_ON) or ""),
            reason=reason_of(r.body),
            subject=r.subject,
            commit=r.sha,
            pull_request=model.pull_requests.get(r.sha),
            by_college=r.value(DECIDED_BY) == COLLEGE,
            changes_text=r.changes_text,
            corrections=r.corrections,
        )
        for r in decisions
    )
    changes = []
    for record in reversed(records):
        if not record.changes_text or record.is_merge:
            continue
        version = model.landed_in(record.sha) or CONCEPT
        previous = model.previous_release(version)
        changes.append(
            TextChange(
                subject=record.subject,
                commit=record.sha,
                parts=parts_of(record),
                version=version,
                previous=previous.version if previous else None,
                pull_request=model.pull_requests.get(record.sha),
                reason=reason_of(record.body),
                reverted_by=_reverter(record.sha, reverted),
                corrections=record.corrections,
            )
        )
    kind = model.kind_of(proposal)
    parts = sorted({p for r in records for p in parts_of(r)})
    return Proposal(
        id=proposal,
        title=_title(records),
        proposers=tuple(proposers),
        kind=kind,
        steps=steps,
        changes=tuple(changes),
        version=model.proposal_landed_in(proposal),
        college=model.college_decision(proposal) if kind == "ingrijpend" else None,
        parts=tuple(parts),
    )


def build_proposals(model: HistoryModel) -> dict[str, Proposal]:
    """Every proposal with a valid id (``VWO-JJJJ-NNN``: it names a page), by id, oldest
    id first."""
    grouped: dict[str, list[CommitRecord]] = {}
    positions: dict[str, int] = {}
    for position, record in enumerate(model.commits):
        positions[record.sha] = position
        proposal = record.value(PROPOSAL)
        if proposal and PROPOSAL_RE.match(proposal):
            grouped.setdefault(proposal, []).append(record)
    reverted = _reverted(model.commits)
    return {
        proposal: _proposal(model, proposal, grouped[proposal], positions, reverted)
        for proposal in sorted(grouped)
    }


def latest_reason(proposal: Proposal) -> str:
    """The reason of the latest decision that gave one."""
    return next((s.reason for s in reversed(proposal.steps) if s.reason), "")
