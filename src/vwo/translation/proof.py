"""Proof that a published translation is what was published.

Pipeline: ``vertalingen/X.Y/<lang>/`` -> its ``MANIFEST.sha256`` verified
(``vwo.versions.manifest``) -> problem strings naming the file.
"""

from __future__ import annotations

from pathlib import Path

from vwo.translation.model import folder_name
from vwo.versions.manifest import verify


def check_published(root: Path, version: str, language: str) -> list[str]:
    display = folder_name(version, language)
    return verify(root / display, display)
