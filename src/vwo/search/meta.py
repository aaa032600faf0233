"""What each page tells the search index, and what the search dialog needs to know. Pure.

Pipeline: a page (source path, title, front matter) + the version this build shows ->
``IndexedPage`` (kind, title, version, status) -> the HTML attributes Pagefind reads
around the page's content (``data-pagefind-body``, ``-meta``, ``-filter``) ->
and, per build, ``SearchSettings`` -> the JSON the dialog reads (``vwo-search.js``).

The kind of a page (meta ``soort``) orders the results: the agreement first, then its
annexes, the toelichting, and the other pages; within a kind, Pagefind's score, in
which an article heading weighs most (``ARTICLE_WEIGHT``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from vwo.site.escape import html_attribute
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE
from vwo.translation.model import LANGUAGES
from vwo.versions.model import CONCEPT, CURRENT_ALIAS
from vwo.versions.pages import site_prefix

KIND_AGREEMENT = "overeenkomst"
KIND_ANNEX = "bijlage"
KIND_EXPLANATION = "toelichting"
KIND_PAGE = "pagina"
# The order of the results (the dialog ranks each kind on its own).
KINDS = (KIND_AGREEMENT, KIND_ANNEX, KIND_EXPLANATION, KIND_PAGE)

# What each page tells the index: (Pagefind meta key, HTML attribute after "data-").
META = (("title", "titel"), ("versie", "versie"), ("status", "status"), ("soort", "soort"))

# Pagefind weighs an h1 7, an h2 6, text 1; 10 is its maximum.
ARTICLE_WEIGHT = 10

# Parts of a page that are controls or repeat text shown elsewhere (the toelichting folded
# under each article, its version history, reaction links, status and download boxes).
EXCLUDED_SELECTORS = (
    ".headerlink",
    ".vwo-reageer",
    ".vwo-historie",
    ".vwo-toelichting",
    ".vwo-statusbox",
    ".vwo-downloads",
)


@dataclass(frozen=True)
class SharedIndex:
    """An index outside the version folders, searched together with every version."""

    path: str  # from the site root, ending in "pagefind/"
    label: str


# The pages of the standard at the site root get an index of their own; searching it with
# every version is one line here: SharedIndex("pagefind/", "Pagina's van de standaard").
SHARED_INDEXES: tuple[SharedIndex, ...] = (SharedIndex("pagefind/", "Pagina's van de standaard"),)


@dataclass(frozen=True)
class IndexedPage:
    """One page as the index knows it."""

    title: str
    kind: str
    version: str
    status: str


def page_kind(src_uri: str) -> str:
    """The kind of a page; a page of a translation (``en/overeenkomst.md``) is of the kind
    of the Dutch page it translates."""
    language, _, rest = src_uri.partition("/")
    if language in LANGUAGES and rest:
        src_uri = rest
    if src_uri == AGREEMENT_FILE:
        return KIND_AGREEMENT
    if src_uri.startswith(f"{ANNEX_DIR}/"):
        return KIND_ANNEX
    if src_uri == EXPLANATION_FILE:
        return KIND_EXPLANATION
    return KIND_PAGE


def is_excluded(meta: Mapping[str, Any]) -> bool:
    """Front matter ``search: {exclude: true}`` keeps a page out of the index (comparison
    pages and register variants repeat text that has a page of its own)."""
    search = meta.get("search")
    return isinstance(search, Mapping) and bool(search.get("exclude"))


def heading_attributes() -> str:
    """The attribute list (Markdown ``attr_list``) that makes an article heading weigh most."""
    return f'data-pagefind-weight="{ARTICLE_WEIGHT}"'


def body_html(html: str, page: IndexedPage) -> str:
    """``html`` (a page's content) inside the element Pagefind indexes, with the page's facts.

    Values sit in attributes of their own (``title[data-titel]``): Pagefind's inline
    ``key:value`` lists would split a title at its commas. Meta data, not Pagefind
    filters: Pagefind 1.5 writes filters in a different order on every run, and a
    published version must come out byte for byte the same when it is built again.
    """
    attributes = {
        "class": "vwo-zoekbereik",
        "data-pagefind-body": "",
        "data-pagefind-meta": ", ".join(f"{key}[data-{attr}]" for key, attr in META),
        "data-titel": page.title,
        "data-versie": page.version,
        "data-status": page.status,
        "data-soort": page.kind,
    }
    rendered = " ".join(
        f'{name}="{html_attribute(value)}"' if value else name for name, value in attributes.items()
    )
    return f"<div {rendered}>\n{html}\n</div>"


@dataclass(frozen=True)
class SearchSettings:
    """What the dialog of one build needs: this version and where the indexes are."""

    version: str
    status: str
    current: bool
    version_root: str  # relative to the page: this version's folder
    site_root: str  # relative to the page: the site root (versies.json, other versions)
    shared: bool = True  # the indexes at the site root (a plain build has the pages itself)

    def to_json(self) -> str:
        data = {
            "versie": self.version,
            "status": self.status,
            "actueel": self.current,
            "versiemap": self.version_root,
            "hoofdmap": self.site_root,
            "alias_actueel": f"{CURRENT_ALIAS}/",
            "concept": f"{CONCEPT}/",
            "kinds": list(KINDS),
            "gedeeld": [{"pad": i.path, "label": i.label} for i in SHARED_INDEXES] if self.shared else [],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def roots(page_url: str) -> tuple[str, str]:
    """(this version's folder, the site root), relative to the page at ``page_url``."""
    site = site_prefix(page_url)
    return site.removeprefix("../") or "./", site
