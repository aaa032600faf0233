"""Outside programs the tests need (Chromium, LibreOffice): found, or the test stops.

Locally a missing program skips the test with the reason and the install hint; with
``CI`` set it fails (tests/ci_skips.py is the backstop for any other skip).
"""

from __future__ import annotations

import os
import shutil
from typing import NoReturn

import pytest

CHROMIUM_HINT = "install Debian's package: `make chromium` (or `apt-get install -y chromium`)"
LIBREOFFICE_HINT = (
    "install Debian's package: `make libreoffice` (or `apt-get install -y libreoffice-writer-nogui`)"
)


def unavailable(message: str, hint: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (required in CI)\nhint: {hint}", pytrace=False)
    pytest.skip(f"{message} ({hint})")


def program(*names: str, hint: str) -> str:
    """The path of the first of ``names`` on PATH."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    unavailable(f"{' or '.join(names)} is not installed", hint)
