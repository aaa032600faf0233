"""The commit record of the history (pure: no git, no GitPython).

The git adapter (``vwo.git.log``) hands these out; the changelog, the decision log, the
feeds and ``vwo lint-commits`` read them. Their text (subject, body, author, trailer keys
and values, paths) has been neutralised at the adapter's boundary (``vwo.git.neutral``):
no control or bidi characters, valid Unicode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE

DOCS_PREFIX = "docs/"
VERSIONS_PREFIX = "versions/"
HISTORY_PATHS = (DOCS_PREFIX, VERSIONS_PREFIX)
"""The paths whose changes the site's history needs: the text and the published versions."""
ABSENT = "0" * 40
"""git's blob id for "no file" (before an addition, after a deletion)."""

_MERGE_PR = re.compile(r"^Merge pull request #([0-9]{1,9})\b")
_SQUASH_PR = re.compile(r"\(#([0-9]{1,9})\)\s*$")


def is_text_path(path: str) -> bool:
    """A file of the agreement's text, relative to ``docs/``: agreement, toelichting, annex."""
    return path in (AGREEMENT_FILE, EXPLANATION_FILE) or (
        path.startswith(ANNEX_DIR + "/") and path.endswith(".md") and path.count("/") == 1
    )


@dataclass(frozen=True)
class FileChange:
    """One path a commit changed (relative to the repository root); ``status`` is git's
    letter: A added, M modified, D deleted, T type changed."""

    status: str
    path: str
    old_blob: str = ""
    new_blob: str = ""
    """Blob ids before and after (``ABSENT`` when the file is absent)."""


@dataclass(frozen=True)
class TrailerCorrection:
    """A trailer of a commit corrected in ``data/correcties.yml`` (``vwo.history.corrections``):
    the values it had in the commit (``was``, empty if absent), the values it has now, and
    who corrected it, when (ISO date) and why."""

    key: str
    was: tuple[str, ...]
    becomes: tuple[str, ...]
    by: str
    on: str
    reason: str


@dataclass(frozen=True)
class CommitRecord:
    sha: str
    parents: tuple[str, ...]
    author: str
    date: datetime
    """The author date: when the change was written."""
    committer_date: datetime
    """When the commit was made (a rebase or squash merge moves it; the author date stays)."""
    subject: str
    body: str
    trailers: dict[str, tuple[str, ...]] = field(hash=False)
    """Trailer key -> its values, in order; keys in the spelling the reader asked for."""
    changes: tuple[FileChange, ...] = ()
    """What the commit changed: every path, or only those the reader was asked to diff
    (``vwo.history.read.read_history``: ``HISTORY_PATHS``)."""
    touched: frozenset[str] = frozenset()
    """Ids of articles/annexes (and ``vwo.history.touched.GENERAL``) whose text changed in ``docs/``."""
    corrections: tuple[TrailerCorrection, ...] = ()
    """Trailers corrected since the commit was made; ``trailers`` holds the corrected values."""

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def pull_request(self) -> int | None:
        """The PR number in the subject: ``Merge pull request #N`` or a squash ``... (#N)``."""
        match = _MERGE_PR.match(self.subject) or _SQUASH_PR.search(self.subject)
        return int(match[1]) if match else None

    def values(self, key: str) -> tuple[str, ...]:
        return self.trailers.get(key, ())

    def value(self, key: str) -> str | None:
        values = self.trailers.get(key, ())
        return values[0] if values else None

    @property
    def text_changes(self) -> tuple[FileChange, ...]:
        """Changes to the agreement's text in ``docs/`` (agreement, toelichting, annexes)."""
        return tuple(
            c
            for c in self.changes
            if c.path.startswith(DOCS_PREFIX) and is_text_path(c.path[len(DOCS_PREFIX) :])
        )

    @property
    def changes_text(self) -> bool:
        return bool(self.text_changes)


@dataclass(frozen=True)
class History:
    """Every commit reachable from HEAD, newest first; ``head`` is None without commits."""

    head: str | None
    commits: tuple[CommitRecord, ...]
