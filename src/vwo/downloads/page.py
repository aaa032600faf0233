"""The site's view of a version's downloads: the Downloads page and a download box.

Pipeline: ``Bundle`` (names, sizes, hashes) -> Markdown from
``templates/downloads/*.md.j2`` (autoescaped) -> MkDocs renders it.
"""

from __future__ import annotations

from vwo.downloads.bundle import Bundle
from vwo.downloads.manifest import MANIFEST, SUMS
from vwo.site.render import render

PAGE = "downloads/index.md"
# Put this line in a page's Markdown to get the download box there (hooks/downloads.py).
MARKER = "<!-- vwo:downloads -->"


def filesize(size: int) -> str:
    """Dutch notation, decimal units: 258,4 kB."""
    if size < 1000:
        return f"{size} bytes"
    value, unit = (size / 1000, "kB") if size < 1_000_000 else (size / 1_000_000, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


def downloads_page(bundle: Bundle, *, stale: bool = False) -> str:
    """The Markdown of ``downloads/index.md``; the documents first, then manifest and sums."""
    order = sorted(bundle.files, key=lambda f: (f.name in (MANIFEST, SUMS), f.name == SUMS))
    return render("downloads/page.md.j2", meta=bundle.meta, files=order, stale=stale, size=filesize)


def download_box(bundle: Bundle, *, prefix: str = "") -> str:
    """Markdown (with ``md_in_html``) linking the three documents; ``prefix`` leads from the
    calling page's source folder to the docs root, e.g. ``""`` for ``index.md``."""
    return render(
        "downloads/box.md.j2",
        meta=bundle.meta,
        pdf=bundle.file(".pdf"),
        docx=bundle.file(".docx"),
        odt=bundle.file(".odt"),
        prefix=prefix,
        size=filesize,
    ).strip()


def insert_after_title(markdown: str, block: str) -> str:
    """``block`` right after the page's first ``# `` heading (or at the top)."""
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", block, "", *lines[at:]])
