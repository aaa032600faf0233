"""The Nu Html Checker (the W3C's validator, ``vnu.jar``) finds no error on any page of
the published test tree: every version root, every page type, generated or not.

vnu.jar comes from the npm registry at the version pinned in ``tools/vnu/`` (``make vnu``,
part of ``make test``); Java runs it. Without it the test skips locally and fails in CI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from tests.browser.pages import PAGES, PUBLISHED_PREFIXES, published_path
from tests.gitrepo import ROOT
from tests.tools import unavailable

VNU_JAR = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        unavailable(f"the Nu Html Checker needs Java and {VNU_JAR.relative_to(ROOT)}", "run `make vnu`")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def checked_pages(tree: Path) -> list[Path]:
    """Every HTML file of the published tree (the root redirect and 404 included)."""
    return sorted(tree.rglob("*.html"))


def test_every_page_type_of_every_version_is_valid_html(published_root: Path) -> None:
    pages = checked_pages(published_root)
    # The check covers every page type in every published root (no vacuous pass).
    for prefix in PUBLISHED_PREFIXES:
        for name in PAGES:
            path = published_path(prefix, name)  # a page of the standard: at the root
            file = published_root / (path if path.endswith(".html") else path + "index.html")
            assert file in pages, f"page type {name} of {prefix} missing: {file}"

    result = subprocess.run(
        [*_checker(), "--format", "json", "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    kinds = Counter(str(m.get("message", ""))[:120] for m in errors)
    lines = [f"{count} x {message}" for message, count in kinds.most_common()]
    examples = [
        f"  {str(m.get('url', '')).split(str(published_root))[-1]}:{m.get('lastLine')}: "
        f"{m.get('extract', '')!r}"
        for m in errors[:10]
    ]
    assert not errors, (
        f"{len(errors)} errors on {len({m.get('url') for m in errors})} of {len(pages)} pages:\n"
        + "\n".join(lines + examples)
    )
    assert result.returncode == 0, result.stdout + result.stderr
