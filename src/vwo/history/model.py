"""The history model: releases, pull requests, proposals and decisions (pure).

Pipeline: ``CommitRecord``s (``vwo.history.read``, corrections applied) -> releases (the
adopt commit of each ``versions/X.Y/``) -> per-commit facts derived from the graph (pull
request via the merge that brought a commit in, the first version that contains it) and
per-proposal facts, each built in ONE pass over the commits (``_proposals``) -> the
``History``'s questions: which commits make up a version's changelog, which decision
adopted a proposal, has the College decided on a far-reaching proposal.

Linear in the number of commits: every index is built once, every question is a look-up
(a decision log of 10,000 decisions on 1,000 proposals once scanned all commits per
decision; ``benchmarks/bench_history_model.py``).

The College rule lives here and only here (FORMATS.md §1): a far-reaching change
(``Soort: ingrijpend`` on any commit of its proposal) is adopted only when the **latest**
decision on that proposal by the ``College van Dienstverleningszaken`` (exact spelling) is
``aangenomen``. "Latest" is by ``Besloten-op``, then by position in the history. ``vwo
adopt``, ``vwo lint-commits``, the changelog and the decision log all ask this model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from vwo.history.records import VERSIONS_PREFIX, CommitRecord
from vwo.history.trailers import (
    ACCEPTED,
    COLLEGE,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    FAR_REACHING,
    KIND,
    KINDS,
    PROPOSAL,
    PROPOSER,
    STATUS,
    VERSION,
    is_date,
)
from vwo.versions.model import CONCEPT, VERSION_RE, version_key

_REVERTS = re.compile(r"This reverts commit ([0-9a-f]{7,40})")


@dataclass(frozen=True)
class Release:
    """A published version and the commit that created its ``versions/X.Y/`` folder."""

    version: str
    commit: CommitRecord
    status: str | None


@dataclass(frozen=True)
class CollegeDecision:
    """For an ``ingrijpend`` proposal: the College van Dienstverleningszaken's latest decision."""

    decision: str | None
    decided_on: str | None
    commit: str | None

    @property
    def adopted(self) -> bool:
        return self.decision == ACCEPTED


NO_DECISION = CollegeDecision(None, None, None)


@dataclass
class _Proposal:
    """What the history says about one proposal, gathered in one pass."""

    commits: list[CommitRecord] = field(default_factory=list)
    """Newest first."""
    kind: int = -1
    """Index in ``KINDS`` of the most far-reaching ``Soort`` given; -1 for none."""
    college: tuple[tuple[str, int], CommitRecord] | None = None
    """The latest College decision with its order key."""
    other: tuple[tuple[str, int], CommitRecord] | None = None
    """The latest decision by any other body."""
    has_text: bool = False


def _added_version(record: CommitRecord) -> str | None:
    for change in record.changes:
        parts = change.path.split("/")
        if (
            change.status == "A"
            and len(parts) == 3
            and change.path.startswith(VERSIONS_PREFIX)
            and parts[2] == "version.yml"
            and VERSION_RE.match(parts[1])
        ):
            return parts[1]
    return None


class HistoryModel:
    """Questions about the commits reachable from HEAD (``commits`` newest first)."""

    def __init__(self, commits: Iterable[CommitRecord]) -> None:
        self.commits = tuple(commits)
        self.by_sha = {c.sha: c for c in self.commits}
        self._changes: dict[str, list[CommitRecord]] = {}

    # --- the graph -----------------------------------------------------------------

    def ancestors(self, sha: str) -> set[str]:
        """``sha`` and everything reachable from it."""
        seen: set[str] = set()
        stack = [sha]
        while stack:
            current = stack.pop()
            if current in seen or current not in self.by_sha:
                continue
            seen.add(current)
            stack.extend(self.by_sha[current].parents)
        return seen

    @cached_property
    def pull_requests(self) -> dict[str, int]:
        """PR number per commit: its own subject's, else that of the merge that brought it in."""
        result = {c.sha: pr for c in self.commits if (pr := c.pull_request) is not None}
        mainline: set[str] = set()
        current = self.commits[0].sha if self.commits else None
        while current is not None and current in self.by_sha:
            mainline.add(current)
            parents = self.by_sha[current].parents
            current = parents[0] if parents else None
        for merge in reversed(self.commits):  # oldest first: inner merges claim their commits
            pr = merge.pull_request
            if not merge.is_merge or pr is None:
                continue
            stack = list(merge.parents[1:])
            while stack:
                sha = stack.pop()
                if sha in mainline or sha not in self.by_sha or sha in result:
                    continue
                result[sha] = pr
                stack.extend(self.by_sha[sha].parents)
        return result

    # --- releases --------------------------------------------------------------------

    @cached_property
    def releases(self) -> list[Release]:
        """Published versions, oldest first. The adopt commit is the one with a
        ``Versie: X.Y`` trailer (``vwo adopt``), else the commit that added
        ``versions/X.Y/version.yml`` (a version imported by hand)."""
        found: dict[str, Release] = {}
        for record in reversed(self.commits):  # oldest first: the first claim wins
            version = record.value(VERSION)
            if version is None or not VERSION_RE.match(version):
                version = _added_version(record)
            if version is not None and version not in found:
                found[version] = Release(version, record, record.value(STATUS))
        return sorted(found.values(), key=lambda r: version_key(r.version))

    def release(self, version: str) -> Release | None:
        return next((r for r in self.releases if r.version == version), None)

    @cached_property
    def _landed(self) -> dict[str, str]:
        """The first published version (in version order) that contains each commit: one
        walk per release that stops at commits an earlier version already claimed (their
        ancestors are claimed too), so every commit is visited once."""
        landed: dict[str, str] = {}
        for release in self.releases:
            stack = [release.commit.sha]
            while stack:
                sha = stack.pop()
                if sha in landed or sha not in self.by_sha:
                    continue
                landed[sha] = release.version
                stack.extend(self.by_sha[sha].parents)
        return landed

    def landed_in(self, sha: str) -> str | None:
        """The first published version that contains ``sha``."""
        return self._landed.get(sha)

    def previous_release(self, version: str) -> Release | None:
        if version == CONCEPT:
            return self.releases[-1] if self.releases else None
        older = [r for r in self.releases if version_key(r.version) < version_key(version)]
        return older[-1] if older else None

    def changes_in(self, version: str) -> list[CommitRecord]:
        """The non-merge commits that changed the text in ``docs/`` for ``version``
        (``concept``: not yet in a published version), newest first. A revert and the
        commit it reverts cancel out when both fall in the same range. Computed once per
        version (the comparison pages ask for every version between two)."""
        if version not in self._changes:
            self._changes[version] = self._changes_in(version)
        return list(self._changes[version])

    def _changes_in(self, version: str) -> list[CommitRecord]:
        if version == CONCEPT:
            top: str | None = self.commits[0].sha if self.commits else None
        else:
            release = self.release(version)
            top = release.commit.sha if release else None
        if top is None:
            return []
        reach = self.ancestors(top)
        previous = self.previous_release(version)
        if previous is not None:
            reach -= self.ancestors(previous.commit.sha)
        picked = [c for c in self.commits if c.sha in reach and not c.is_merge and c.changes_text]
        return _cancel_reverts(picked)

    # --- proposals and decisions ------------------------------------------------------

    @cached_property
    def _proposals(self) -> dict[str, _Proposal]:
        """Every proposal's facts, in one pass (newest commit first)."""
        index: dict[str, _Proposal] = {}
        for position, record in enumerate(self.commits):
            proposal = record.value(PROPOSAL)
            if not proposal:
                continue
            facts = index.setdefault(proposal, _Proposal())
            facts.commits.append(record)
            kind = record.value(KIND)
            if kind in KINDS:
                facts.kind = max(facts.kind, KINDS.index(kind))
            facts.has_text = facts.has_text or record.changes_text
            if record.value(DECISION):
                day = record.value(DECIDED_ON) or ""
                order = (day if is_date(day) else "", -position)  # later date, then newer commit
                slot = "college" if record.value(DECIDED_BY) == COLLEGE else "other"
                current = getattr(facts, slot)
                if current is None or order > current[0]:
                    setattr(facts, slot, (order, record))
        return index

    def proposal_commits(self, proposal: str) -> list[CommitRecord]:
        facts = self._proposals.get(proposal)
        return list(facts.commits) if facts else []

    def decisions(self) -> list[CommitRecord]:
        """Every commit with a ``Besluit`` trailer, newest first."""
        return [c for c in self.commits if c.value(DECISION)]

    def adopting_decision(self, record: CommitRecord) -> CommitRecord | None:
        """The decision behind a text change: its own ``Besluit``, else the latest
        decision on the same proposal that is not the College's (which confirms it)."""
        if record.value(DECISION):
            return record
        facts = self._proposals.get(record.value(PROPOSAL) or "")
        if facts is None:
            return None
        chosen = facts.other or facts.college
        return chosen[1] if chosen else None

    def kind_of(self, proposal: str) -> str | None:
        """The proposal's ``Soort``: the most far-reaching one given on any of its commits."""
        facts = self._proposals.get(proposal)
        return KINDS[facts.kind] if facts is not None and facts.kind >= 0 else None

    def kind(self, record: CommitRecord) -> str | None:
        """The ``Soort`` a commit is shown with: ``ingrijpend`` when its proposal is
        far-reaching (any of its commits says so), else its own, else its proposal's."""
        proposal = record.value(PROPOSAL)
        of_proposal = self.kind_of(proposal) if proposal else None
        if of_proposal == FAR_REACHING:
            return FAR_REACHING
        return record.value(KIND) or of_proposal

    def college_decision(self, proposal: str) -> CollegeDecision:
        """The College's latest decision on ``proposal`` (``NO_DECISION`` if none)."""
        facts = self._proposals.get(proposal)
        if facts is None or facts.college is None:
            return NO_DECISION
        latest = facts.college[1]
        return CollegeDecision(latest.value(DECISION), latest.value(DECIDED_ON), latest.sha)

    def unadopted_far_reaching(self, records: Sequence[CommitRecord]) -> list[CommitRecord]:
        """The text changes among ``records`` that are far-reaching but not adopted: their
        proposal's latest College decision is not ``aangenomen`` (or there is none, or the
        commit names no proposal). Their own ``Besluit`` does not count: a text change that
        claims to be rejected still changed the text (``vwo lint-commits`` refuses that)."""
        return [
            r
            for r in records
            if r.changes_text
            and not r.is_merge
            and (self.kind(r) == FAR_REACHING or r.value(KIND) == FAR_REACHING)
            and not self.college_decision(r.value(PROPOSAL) or "").adopted
        ]

    def proposers(self, proposal: str) -> tuple[str, ...]:
        """Every ``Indiener`` given on the proposal's commits, oldest first, once each."""
        seen: dict[str, None] = {}
        for other in reversed(self.proposal_commits(proposal)):
            seen.update(dict.fromkeys(other.values(PROPOSER)))
        return tuple(seen)

    @cached_property
    def _proposal_versions(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for proposal, facts in self._proposals.items():
            versions = [
                v for c in facts.commits if c.changes_text and (v := self.landed_in(c.sha)) is not None
            ]
            if versions:
                found[proposal] = min(versions, key=version_key)
        return found

    def proposal_landed_in(self, proposal: str) -> str | None:
        """The first version that contains a text change of ``proposal``."""
        return self._proposal_versions.get(proposal)


def _cancel_reverts(commits: list[CommitRecord]) -> list[CommitRecord]:
    shas = sorted(c.sha for c in commits)  # a sorted list finds a prefix in log time
    dropped: set[str] = set()
    for record in commits:
        match = _REVERTS.search(record.body)
        if not match or not record.subject.startswith("Revert "):
            continue
        at = bisect.bisect_left(shas, match[1])
        target = shas[at] if at < len(shas) and shas[at].startswith(match[1]) else None
        if target is not None and target not in dropped and record.sha not in dropped:
            dropped |= {target, record.sha}
    return [c for c in commits if c.sha not in dropped]
