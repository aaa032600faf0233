"""The history model: releases, pull requests, proposals and decisions (pure).

Pipeline: ``CommitRecord``s (``vwo.history.read``) -> releases (the adopt commit of each
``versions/X.Y/``) -> per-commit facts derived from the graph (pull request via the
merge that brought a commit in, the first version that contains it) -> the
``History``'s questions: which commits make up a version's changelog, which decision
adopted a proposal, has the College decided on a far-reaching proposal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from vwo.history.records import VERSIONS_PREFIX, CommitRecord
from vwo.history.trailers import (
    COLLEGE,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    KIND,
    KINDS,
    PROPOSAL,
    STATUS,
    VERSION,
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
    """For an ``ingrijpend`` proposal: the College van Dienstverleningszaken's decision."""

    decision: str | None
    decided_on: str | None
    commit: str | None


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
    def _release_sets(self) -> list[tuple[Release, set[str]]]:
        return [(r, self.ancestors(r.commit.sha)) for r in self.releases]

    def landed_in(self, sha: str) -> str | None:
        """The first published version that contains ``sha``."""
        return next((r.version for r, reach in self._release_sets if sha in reach), None)

    def previous_release(self, version: str) -> Release | None:
        if version == CONCEPT:
            return self.releases[-1] if self.releases else None
        older = [r for r in self.releases if version_key(r.version) < version_key(version)]
        return older[-1] if older else None

    def changes_in(self, version: str) -> list[CommitRecord]:
        """The non-merge commits that changed the text in ``docs/`` for ``version``
        (``concept``: not yet in a published version), newest first. A revert and the
        commit it reverts cancel out when both fall in the same range."""
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

    def proposal_commits(self, proposal: str) -> list[CommitRecord]:
        return [c for c in self.commits if c.value(PROPOSAL) == proposal]

    @cached_property
    def _by_proposal(self) -> dict[str, list[CommitRecord]]:
        index: dict[str, list[CommitRecord]] = {}
        for record in self.commits:
            proposal = record.value(PROPOSAL)
            if proposal:
                index.setdefault(proposal, []).append(record)
        return index

    def decisions(self) -> list[CommitRecord]:
        """Every commit with a ``Besluit`` trailer, newest first."""
        return [c for c in self.commits if c.value(DECISION)]

    def adopting_decision(self, record: CommitRecord) -> CommitRecord | None:
        """The decision behind a text change: its own ``Besluit``, else the latest
        decision on the same proposal that is not the College's (which confirms it)."""
        if record.value(DECISION):
            return record
        proposal = record.value(PROPOSAL)
        if not proposal:
            return None
        candidates = [c for c in self._by_proposal.get(proposal, []) if c.value(DECISION)]
        preferred = [c for c in candidates if c.value(DECIDED_BY) != COLLEGE] or candidates
        return max(preferred, key=lambda c: (c.value(DECIDED_ON) or "", c.date), default=None)

    def kind_of(self, proposal: str) -> str | None:
        """The proposal's ``Soort``: the most far-reaching one given on any of its commits."""
        kinds = [c.value(KIND) for c in self._by_proposal.get(proposal, [])]
        known = [k for k in kinds if k in KINDS]
        return max(known, key=KINDS.index) if known else None

    def college_decision(self, proposal: str) -> CollegeDecision:
        decisions = [
            c
            for c in self._by_proposal.get(proposal, [])
            if c.value(DECIDED_BY) == COLLEGE and c.value(DECISION)
        ]
        if not decisions:
            return CollegeDecision(None, None, None)
        latest = max(decisions, key=lambda c: (c.value(DECIDED_ON) or "", c.date))
        return CollegeDecision(latest.value(DECISION), latest.value(DECIDED_ON), latest.sha)

    def proposal_landed_in(self, proposal: str) -> str | None:
        """The first version that contains a text change of ``proposal``."""
        versions = [
            v
            for c in self._by_proposal.get(proposal, [])
            if c.changes_text and (v := self.landed_in(c.sha)) is not None
        ]
        return min(versions, key=version_key) if versions else None


def _cancel_reverts(commits: list[CommitRecord]) -> list[CommitRecord]:
    by_prefix = {c.sha: c for c in commits}
    dropped: set[str] = set()
    for record in commits:
        match = _REVERTS.search(record.body)
        if not match or not record.subject.startswith("Revert "):
            continue
        target = next((sha for sha in by_prefix if sha.startswith(match[1])), None)
        if target is not None and target not in dropped and record.sha not in dropped:
            dropped |= {target, record.sha}
    return [c for c in commits if c.sha not in dropped]
