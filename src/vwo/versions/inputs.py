"""The history each page set renders, as a fingerprint for its build hash (pure).

Pipeline: the commits reachable from HEAD (``vwo.history.read``, one ``git log``) ->
the records each page set shows -> a SHA-256 over exactly those records.

- A published version renders the history up to its adoption commit, which is fixed
  once it is published: its build hash needs no history (``vwo.versions.plan``).
- ``concept`` renders the text commits (its changelog, each article's history, the
  comparisons' "why changed"), the pull requests that brought them in, the decisions on
  their proposals and the adoption commits: a decision on a proposal without text, or a
  commit that changes only code or data, leaves it as it is.
- The pages of the standard render every decision and every record: all commits with
  trailers, and every text commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from vwo.history.model import HistoryModel
from vwo.history.records import CommitRecord
from vwo.history.trailers import PROPOSAL


@dataclass(frozen=True)
class HistoryDigests:
    concept: str
    standard: str


def _record(record: CommitRecord, pull_request: int | None) -> bytes:
    trailers = "\n".join(f"{key}: {v}" for key, values in sorted(record.trailers.items()) for v in values)
    changes = "\n".join(f"{c.status} {c.path} {c.new_blob}" for c in record.changes)
    parts = (
        record.sha,
        " ".join(record.parents),
        record.author,
        record.date.isoformat(),
        record.committer_date.isoformat(),
        record.subject,
        record.body,
        trailers,
        changes,
        " ".join(sorted(record.touched)),
        str(pull_request or ""),
    )
    return "\0".join(parts).encode("utf-8") + b"\1"


def _digest(records: Iterable[CommitRecord], model: HistoryModel) -> str:
    sha = hashlib.sha256()
    pull_requests = model.pull_requests
    for record in records:
        sha.update(_record(record, pull_requests.get(record.sha)))
    return sha.hexdigest()


def history_digests(commits: Iterable[CommitRecord]) -> HistoryDigests:
    """The fingerprints of the history ``concept`` and the pages of the standard render."""
    model = HistoryModel(commits)
    text = [c for c in model.commits if c.changes_text]
    proposals = {p for c in text if (p := c.value(PROPOSAL))}
    releases = {r.commit.sha for r in model.releases}
    concept = [
        c
        for c in model.commits
        if c.changes_text or c.sha in releases or (c.value(PROPOSAL) or "") in proposals
    ]
    standard = [c for c in model.commits if c.trailers or c.changes_text or c.sha in releases]
    return HistoryDigests(_digest(concept, model), _digest(standard, model))
