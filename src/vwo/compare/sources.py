"""Which text a version name means: ``concept``, a published ``X.Y`` or ``@<git-rev>``.

Pipeline: name -> text folder (``vwo.versions.model.text_folder``) or the ``docs/`` text at a
git revision (resolved and guarded by ``vwo.git.refs.resolve_commit``, read in one
``cat-file --batch``) -> parsed ``Agreement`` and its coverage (``dekking.yml``, if
recorded) plus the date its changes carry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from vwo.downloads.source import source_epoch
from vwo.errors import VwoError
from vwo.git.log import commit
from vwo.git.objects import list_files, read_blobs
from vwo.git.refs import resolve_commit
from vwo.history.records import DOCS_PREFIX, is_text_path
from vwo.text.coverage import Coverage, load_coverage, parse_coverage
from vwo.text.model import COVERAGE_FILE, Agreement
from vwo.text.parse import decode_text, load_agreement, parse_sources
from vwo.versions.model import CONCEPT, load_versions, text_folder


@dataclass(frozen=True)
class Side:
    name: str  # as shown: concept, 1.11, or @origin/main
    agreement: Agreement
    day: date  # publication date (published), commit date (@rev) or the build date (concept)
    coverage: Coverage | None = None  # None: this text records no coverage


def build_day() -> date:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today."""
    epoch = source_epoch(os.environ)
    if epoch is not None:
        return datetime.fromtimestamp(epoch, tz=UTC).date()
    return datetime.now(tz=UTC).date()


def known_versions(root: Path) -> list[str]:
    return [CONCEPT, *(info.version for info in load_versions(root))]


def text_at_revision(root: Path, name: str) -> tuple[dict[str, str], date]:
    """The agreement sources (and ``dekking.yml``) in ``docs/`` at the commit ``@<rev>``
    names, and its date."""
    sha = resolve_commit(root, name[1:], where=name)
    paths = [
        p
        for p in list_files(root, sha, DOCS_PREFIX)
        if is_text_path(p[len(DOCS_PREFIX) :]) or p[len(DOCS_PREFIX) :] == COVERAGE_FILE
    ]
    blobs = read_blobs(root, [f"{sha}:{path}" for path in paths])
    sources = {
        path[len(DOCS_PREFIX) :]: decode_text(blobs[f"{sha}:{path}"] or b"", f"{name}:{path}")
        for path in paths
    }
    return sources, commit(root, sha, changes=False).committer_date.date()


def load_side(root: Path, name: str) -> Side:
    if name.startswith("@"):
        if name == "@":
            raise VwoError(name, "no git revision after '@'", "write e.g. @origin/main or @HEAD")
        sources, day = text_at_revision(root, name)
        agreement = parse_sources(sources, prefix=f"{name}:docs/")
        recorded = sources.get(COVERAGE_FILE)
        where = f"{name}:docs/{COVERAGE_FILE}"
        coverage = None if recorded is None else parse_coverage(recorded, where, agreement)
        return Side(name, agreement, day, coverage)
    infos = {info.version: info for info in load_versions(root)}
    if name != CONCEPT and name not in infos:
        raise VwoError(
            name,
            "unknown version",
            "known versions: "
            + ", ".join(known_versions(root))
            + "; or @<git-rev> for the text in docs/ at a commit",
        )
    folder = text_folder(root, name)
    display = os.path.relpath(folder, root)
    agreement = load_agreement(folder, display=display)
    coverage = load_coverage(folder, agreement, display=display)
    return Side(name, agreement, infos[name].published if name in infos else build_day(), coverage)
