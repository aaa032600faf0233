"""Version numbers (FORMATS.md §5): ASCII ``MAJOR.MINOR`` without leading zeros.

``1.0``, ``1.11``, ``2.10``; never ``01.12``, ``１.12`` (fullwidth), ``1.١٢`` (Arabic-Indic
digits), ``1.12`` with a trailing newline, or ``2.0.0``. The number is a folder name and a
URL, so one spelling per version.
"""

from __future__ import annotations

import re

VERSION_RE = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\Z")
"""Use with ``match`` (anchored at the start; ``\\Z``, not ``$``, so no trailing newline)."""


def is_version(text: str) -> bool:
    return VERSION_RE.match(text) is not None


def version_key(version: str) -> tuple[int, ...]:
    """Numeric order: 1.11 after 1.2 after 1.0."""
    return tuple(int(part) for part in version.split("."))
