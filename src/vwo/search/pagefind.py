"""THE adapter for the ``pagefind`` program (PyPI ``pagefind[bin]``, the binary bundled).

Pipeline: a built site folder -> ``pagefind --site DIR`` (the pages marked by
``vwo.search.meta.body_html``, Dutch stemming from ``<html lang="nl">``) -> the index in
``DIR/pagefind/`` -> minus Pagefind's ready-made interfaces, which this site does not
load (it has its own dialog) -> ``IndexReport`` (pages indexed, bytes on disk).

The index is written into a temporary folder next to the site and moved into place only
when Pagefind succeeded: an interrupted or failed run leaves no half index.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vwo.errors import VwoError
from vwo.search.meta import EXCLUDED_SELECTORS

BUNDLE = "pagefind"
# What the browser loads: the API, its worker, the WebAssembly per language, the index,
# the filters, the fragments. Pagefind also writes ready-made interfaces (UI, component
# UI, highlighting script, playground): not used here, so not published.
UNUSED = re.compile(r"^pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$|^playground$")
_INDEXED = re.compile(r"Indexed (\d+) pages?")


@dataclass(frozen=True)
class IndexReport:
    pages: int
    bytes: int  # the whole index folder as published


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise VwoError(
            "pagefind", "is not installed", "run make install (pagefind[bin] is in requirements/lock.txt)"
        ) from None
    try:
        return Path(get_executable())
    except FileNotFoundError as error:
        raise VwoError(
            "pagefind", f"the bundled program is missing: {error}", "reinstall: make install"
        ) from None


def index_site(site: Path) -> IndexReport:
    """Index the built site in ``site``; replaces ``site/pagefind/``."""
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site.parent) as tmp:
        output = Path(tmp) / BUNDLE
        command = [str(executable()), "--site", str(site), "--output-path", str(output)]
        for selector in EXCLUDED_SELECTORS:
            command += ["--exclude-selectors", selector]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
        except subprocess.TimeoutExpired:
            raise VwoError(str(site), "pagefind did not finish in 300 s", "build the site again") from None
        if result.returncode != 0 or not (output / "pagefind.js").is_file():
            lines = (result.stderr + result.stdout).strip().splitlines()[-10:]
            raise VwoError(
                str(site),
                "pagefind could not index the site:\n" + "\n".join("  " + line for line in lines),
                "check the built HTML; run the pagefind command above by hand for details",
            )
        for path in output.iterdir():
            if UNUSED.match(path.name):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        target = site / BUNDLE
        if target.exists():
            shutil.rmtree(target)
        output.rename(target)
    match = _INDEXED.search(result.stdout)
    size = sum(path.stat().st_size for path in target.rglob("*") if path.is_file())
    return IndexReport(int(match.group(1)) if match else 0, size)
