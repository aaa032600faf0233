"""The comparison pages of one site build, and each article's version history.

Pipeline (``build_site_pages``): repository root + this build's version, text folder and
the published versions -> the agreements of every earlier version -> ``compare`` against
each, with the decided proposals behind each change (one cached ``git log``,
``vwo.compare.rationale``) and the provisions each change touches (from each text's
``dekking.yml``) -> ``{page path: Markdown}`` plus the DOCX files to write -> the hook
hands them to MkDocs. ``article_history`` compares consecutive versions for the
agreement page.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from vwo.compare.align import Comparison, article_statuses, compare
from vwo.compare.coverage import touched_provisions
from vwo.compare.page import (
    RationaleItem,
    chooser_page,
    comparison_page,
    docx_name,
    sort_versions,
    version_label,
)
from vwo.compare.rationale import rationale
from vwo.compare.sources import build_day
from vwo.errors import VwoError
from vwo.git.run import NoGitError
from vwo.history.model import HistoryModel
from vwo.history.read import read_history
from vwo.text.coverage import Coverage, load_coverage
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement
from vwo.versions.model import CONCEPT, VERSION_RE, VersionInfo, text_folder, version_key

PAGES_DIR = "vergelijken"
CHOOSER = f"{PAGES_DIR}/index.md"
# Comparison pages repeat old text: keep them out of the site search.
NO_SEARCH = "---\nsearch:\n  exclude: true\n---\n\n"


@dataclass(frozen=True)
class Docx:
    path: str  # relative to the site folder
    comparison: Comparison
    day: date


@dataclass(frozen=True)
class SitePages:
    pages: dict[str, str]
    docx: tuple[Docx, ...]
    fragments: dict[str, dict[str, str]]  # page path -> HTML blocks kept out of its Markdown


@dataclass(frozen=True)
class ArticleChange:
    """One line of an article's history: in ``version`` it changed from ``previous``."""

    version: str
    previous: str
    kind: str  # "toegevoegd" | "gewijzigd"
    url: str

    @property
    def text(self) -> str:
        verb = "Toegevoegd" if self.kind == "toegevoegd" else "Gewijzigd"
        return f"{verb} in {version_label(self.version)}"

    @property
    def link_text(self) -> str:
        return f"vergelijk met versie {self.previous}"


def earlier_versions(version: str, published: Sequence[str]) -> list[str]:
    """The published versions this build compares with: all before it (all, for concept)."""
    if version == CONCEPT:
        return sort_versions(published)
    if not VERSION_RE.match(version):
        raise VwoError(
            "extra.vwo.version / MIKE_DOCS_VERSION",
            f"'{version}' is neither 'concept' nor a version X.Y",
            "build 'concept' or a published version such as 1.11",
        )
    return [v for v in sort_versions(published) if version_key(v) < version_key(version)]


def load_texts(root: Path, versions: Sequence[str]) -> dict[str, Agreement]:
    return {v: _load(text_folder(root, v), os.path.relpath(text_folder(root, v), root)) for v in versions}


def _load(folder: Path, display: str) -> Agreement:
    """Parse a text folder once per build process while its files stay the same
    (both hooks, the agreement page's history and the comparison pages, read them)."""
    stamp = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.rglob("*.md")) if p.is_file()
    )
    return _load_cached(folder, display, stamp)


def load_coverages(root: Path, texts: Mapping[str, Agreement]) -> dict[str, Coverage | None]:
    """The recorded coverage of each published version in ``texts`` (None: not recorded)."""
    return {
        v: load_coverage(text_folder(root, v), agreement, display=os.path.relpath(text_folder(root, v), root))
        for v, agreement in texts.items()
    }


@lru_cache(maxsize=128)
def _load_cached(folder: Path, display: str, stamp: tuple[tuple[str, int, int], ...]) -> Agreement:
    return load_agreement(folder, display=display)


def site_pages(
    current: Agreement,
    version: str,
    older: Mapping[str, Agreement],
    *,
    all_versions: Sequence[str],
    days: Mapping[str, date],
    rationale: Mapping[str, Mapping[str, Sequence[RationaleItem]]] | None = None,
    decisions_url: str = "",
    coverage: Mapping[str, Coverage | None] | None = None,
) -> SitePages:
    """Pages for ``vergelijken/``: the chooser, and per older version the comparison page
    and its DOCX. ``rationale`` is keyed by older version, then id; ``coverage`` by version
    (this one included)."""
    coverage = coverage or {}
    fragments: dict[str, dict[str, str]] = {CHOOSER: {}}
    pages = {CHOOSER: chooser_page(all_versions, version, fragments=fragments[CHOOSER])}
    docx: list[Docx] = []
    for name, agreement in older.items():
        comparison = compare(agreement, current, old_version=name, new_version=version)
        why = (rationale or {}).get(name, {})
        folder = f"{PAGES_DIR}/{name}"
        page = f"{folder}/index.md"
        fragments[page] = {}
        touched = touched_provisions(comparison, coverage.get(name), coverage.get(version))
        markdown = comparison_page(
            comparison, rationale=why, decisions_url=decisions_url, fragments=fragments[page], touched=touched
        )
        pages[page] = NO_SEARCH + markdown
        docx.append(Docx(f"{folder}/{docx_name(version, name)}", comparison, days.get(version, build_day())))
    return SitePages(pages, tuple(docx), fragments)


def build_site_pages(
    root: Path, version: str, docs_dir: Path, versions: Sequence[VersionInfo], *, decisions_url: str
) -> SitePages:
    """The comparison pages of the build of ``version``, whose text is in ``docs_dir``:
    against every published version before it (every one, for the concept)."""
    published = [info.version for info in versions]
    earlier = earlier_versions(version, published)
    older = load_texts(root, earlier)
    try:
        model = HistoryModel(read_history(root).commits)  # cached by HEAD: one git log a build
    except NoGitError:
        model = HistoryModel(())  # the history hook shows the notice
    display = os.path.relpath(docs_dir, root)
    current = load_agreement(docs_dir, display=display)
    coverage = {**load_coverages(root, older), version: load_coverage(docs_dir, current, display=display)}
    return site_pages(
        current,
        version,
        older,
        # Only this build and what came before: an older build stays the same when a
        # new version is adopted (publishing rebuilds only what changed).
        all_versions=[*earlier, version],
        days={info.version: info.published for info in versions},
        rationale=rationale(model, version, earlier, published, decisions_url=decisions_url),
        decisions_url=decisions_url,
        coverage=coverage,
    )


def article_history(texts: Sequence[tuple[str, Agreement]], current: str) -> dict[str, list[ArticleChange]]:
    """For each article id of the last text: the versions (after the first) that changed it.

    ``texts`` are (version, agreement) oldest first, ending with ``current``. Links are
    relative to ``/<current>/overeenkomst/``.
    """
    history: dict[str, list[ArticleChange]] = {}
    for (old_name, old), (new_name, new) in pairwise(texts):
        base = "../" if new_name == current else f"../../{new_name}/"
        for article_id, status in article_statuses(old, new).items():
            if status not in ("changed", "added"):
                continue
            url = f"{base}{PAGES_DIR}/{old_name}/#{article_id}"
            kind = "toegevoegd" if status == "added" else "gewijzigd"
            history.setdefault(article_id, []).append(ArticleChange(new_name, old_name, kind, url))
    return history


def build_history(
    root: Path, version: str, current: Agreement, published: Sequence[str]
) -> dict[str, list[ArticleChange]]:
    """``article_history`` over the published versions up to this build's own text."""
    chain = earlier_versions(version, published)
    texts = [*load_texts(root, chain).items(), (version, current)]
    return article_history(texts, version)
