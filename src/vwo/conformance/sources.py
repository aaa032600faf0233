"""The versions a copy is checked against, from a repository.

Pipeline: ``versions/*/version.yml`` (``vwo.versions.model``) -> per version its text
folder -> ``Agreement`` (``vwo.text.parse``) -> ``standard.standard_from_agreement``,
its derived state (current, superseded) and its coverage (``vwo.text.coverage``) ->
``check.Candidate``. ``concept`` (``docs/``) only when asked for by name.
"""

from __future__ import annotations

import os
from pathlib import Path

from vwo.conformance.check import Candidate
from vwo.conformance.coverage import coverage_map
from vwo.conformance.report import VersionFacts
from vwo.conformance.standard import standard_from_agreement
from vwo.errors import VwoError
from vwo.text.coverage import load_coverage
from vwo.text.parse import load_agreement
from vwo.versions.model import CONCEPT, LABEL_CONCEPT, load_versions, text_folder, version_states


def _candidate(root: Path, facts: VersionFacts) -> Candidate:
    folder = text_folder(root, facts.version)
    display = os.path.relpath(folder, root)
    agreement = load_agreement(folder, display=display)
    coverage = coverage_map(load_coverage(folder, agreement, display=display))
    return Candidate(standard_from_agreement(agreement, facts.version), facts, coverage)


def load_candidates(root: Path, version: str | None) -> list[Candidate]:
    """Every published version, oldest first, and ``concept`` when that is asked for."""
    states = version_states(load_versions(root))
    facts = [
        VersionFacts(
            s.version,
            s.info.status,
            s.label,
            s.current,
            s.superseded_by.version if s.superseded_by else None,
        )
        for s in states
    ]
    if version == CONCEPT:
        facts.append(VersionFacts(CONCEPT, CONCEPT, LABEL_CONCEPT, False, None))
    elif version is not None and version not in {f.version for f in facts}:
        known = ", ".join([s.version for s in states] + [CONCEPT])
        raise VwoError(version, "unknown version", f"known versions: {known}")
    if not facts:
        raise VwoError(
            "versions/", "there is no published version to compare with", "use --version concept for docs/"
        )
    return [_candidate(root, f) for f in facts]
