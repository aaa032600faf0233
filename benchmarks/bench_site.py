"""The site: transfer size of the agreement page and the time of a full ``mkdocs build``.

Pipeline: copy the project into a throwaway repo (``tests/browser/site.py``) -> time
``mkdocs build --strict`` (a fresh process, as ``make build`` runs it) and, on a copy
with ``versions/``, ``vwo publish`` of every version (what ``make serve`` does first),
then once more with nothing to do -> from the built
agreement page, the HTML plus every stylesheet and script it references, each
gzip-compressed (level 6, as web servers do) -> sizes and ratios to the goals.
The search index and the search worker are excluded (they load only for searching).
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.browser.site import make_project, sandboxed_git

GOAL_PAGE_BYTES = 300_000
BUILDS = 3
AGREEMENT_PAGE = "overeenkomst/index.html"
SEARCH_PARTS = ("search_index.json", "/workers/search", "lunr")


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in values.get("rel", "").split() and values.get("href"):
            self.urls.append(values["href"])
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: str) -> dict[str, Any]:
    """gzip bytes of the page and of each stylesheet and script it loads (search excluded)."""
    html_path = site / page
    parser = _Assets()
    parser.feed(html_path.read_text(encoding="utf-8"))
    parts = {page: gzip_size(html_path.read_bytes())}
    for url in parser.urls:
        if urlsplit(url).scheme or any(mark in url for mark in SEARCH_PARTS):
            continue
        path = (html_path.parent / urlsplit(url).path).resolve()
        parts[path.relative_to(site.resolve()).as_posix()] = gzip_size(path.read_bytes())
    total = sum(parts.values())
    return {
        "total_gzip_bytes": total,
        "goal_bytes": GOAL_PAGE_BYTES,
        "ratio": round(total / GOAL_PAGE_BYTES, 3),
        "parts_gzip_bytes": parts,
    }


def build_once(project: Path, site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-q",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def publish_once(project: Path) -> float:
    """One ``vwo publish`` (what ``make serve`` runs before serving), wall seconds."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(project), "publish", "--branch", "gh-pages"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        work = Path(tmp)
        with sandboxed_git(work):
            project = make_project(work / "project").path
            times = [build_once(project, work / f"site-{n}") for n in range(BUILDS)]
            published = make_project(work / "published", with_versions=True).path
            first_publish = publish_once(published)
            again = publish_once(published)
        site = work / "site-0"
        pages = sum(1 for _ in site.rglob("index.html"))
        return {
            "mkdocs_build_seconds": {
                "median": round(statistics.median(times), 2),
                "min": round(min(times), 2),
                "runs": BUILDS,
                "pages": pages,
            },
            "vwo_publish_seconds": {
                "all_versions_first_time": round(first_publish, 2),
                "again_nothing_to_do": round(again, 2),
                "versions": sorted(p.name for p in (published / "versions").iterdir() if p.is_dir()),
            },
            "agreement_page": page_weight(site, AGREEMENT_PAGE),
        }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
