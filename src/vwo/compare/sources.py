"""Which text a version name means: ``concept``, a published ``X.Y`` or ``@<git-rev>``.

Pipeline: name -> text folder (``vwo.versions.model.text_folder``) or the ``docs/`` text at a
git revision (``vwo.git.repo``) -> parsed ``Agreement`` plus the date its changes carry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from vwo.errors import VwoError
from vwo.git.repo import text_at_revision
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement, parse_sources
from vwo.versions.model import CONCEPT, load_versions, text_folder


@dataclass(frozen=True)
class Side:
    name: str  # as shown: concept, 1.11, or @origin/main
    agreement: Agreement
    day: date  # publication date (published), commit date (@rev) or the build date (concept)


def build_day() -> date:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return datetime.now(tz=UTC).date()


def known_versions(root: Path) -> list[str]:
    return [CONCEPT, *(info.version for info in load_versions(root))]


def load_side(root: Path, name: str) -> Side:
    if name.startswith("@"):
        rev = name[1:]
        if not rev:
            raise VwoError(name, "no git revision after '@'", "write e.g. @origin/main or @HEAD")
        sources, day = text_at_revision(root, rev)
        return Side(name, parse_sources(sources, prefix=f"{name}:docs/"), day)
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
    agreement = load_agreement(folder, display=os.path.relpath(folder, root))
    return Side(name, agreement, infos[name].published if name in infos else build_day())
