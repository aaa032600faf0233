"""Which page belongs to which page set: the pages of a version or the pages of the standard.

Pure. *Pages of a version* (text, toelichting, annexes, AVG-toets, changelog, comparisons,
downloads, the version's home) are built per version and never change after publication
except for the status banner. *Pages of the standard* (decision log, usage register, the
list of versions, the feeds, "Over de standaard", contact, accessibility) say what is true
now: ``vwo publish`` builds them once, at the site root (``/besluiten/``, ``/versies/``).
The sorted and filtered views of the usage register (``gebruik/...``, ``VIEWS``) are
pages of the standard built by a build of their own: they depend on the register and the
versions, not on the history, so a decision does not render them again.
A plain ``mkdocs build`` or ``mkdocs serve`` builds every set in one site (``ALL``).

Pipeline: a page's source path -> its set (``pageset_of``) -> the nav of each set
(``adapt_nav``: the other set's entries become absolute links), the URL a page of one set
uses for a page of the other (``standard_url``, ``version_url``), and the old per-version
addresses that redirect to the root (``MOVED``). See ``docs/over/opbouw.md``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from vwo.errors import VwoError
from vwo.site.urls import page_url
from vwo.versions.model import CURRENT_ALIAS

VERSION = "versie"
STANDARD = "standaard"
VIEWS = "weergaven"
ALL = "alles"
PAGESETS = (VERSION, STANDARD, VIEWS, ALL)

# Source pages in docs/ that belong to the standard (a folder ends in "/").
STANDARD_SOURCES = ("over/", "toegankelijkheid.md")
# Pages and files the hooks generate for the standard.
STANDARD_GENERATED = (
    "besluiten.md",
    "besluiten/",  # a page per proposal (besluiten/VWO-2019-005/) and the filter pages
    "besluiten.json",
    "besluiten.csv",
    "abonneren.md",
    "gebruik.md",
    "gebruik/",
    "gebruik.csv",
    "gebruik.json",
    "versies.md",
    "geldend-op.md",  # "Welke versie gold op een datum?"
    "feeds/",  # the feeds and their stylesheet
)
# The register's sorted and filtered views (hooks/register): pages of the standard with a
# build of their own (VIEWS); the register's own page, gebruik.md, is not among them.
VIEWS_GENERATED = ("gebruik/",)
# Later site-wide pages written by hand in docs/ add their source path here (one line
# each); a generated one goes into STANDARD_GENERATED. The pages of a translation
# (<lang>/...) are pages of a version.
# The toets page ("Toets uw overeenkomst", toets/) reads its own build's tekst.json: it is
# still built per version until it can choose a version's text at the root.
STANDARD_EXTRA: tuple[str, ...] = ()

# The pages every version's build had before the split (its old URLs): each becomes a
# static redirect to the page at the site root. Fixed, so a published build stays the same.
MOVED = (
    "besluiten.md",
    "gebruik.md",
    "versies.md",
    "geldend-op.md",
    "abonneren.md",
    "toegankelijkheid.md",
    "over/index.md",
    "over/totstandkoming.md",
    "over/beheer.md",
    "over/gebruik.md",
    "over/contact.md",
    "over/gegevens.md",
    "over/versies-json.md",
    "over/vergelijken-json.md",
    "over/downloads-manifest.md",
)
MOVED_FEEDS = ("feeds/besluiten.xml", "feeds/versies.xml")


def moved_pages(sources: Iterable[str]) -> list[str]:
    """The pages of ``MOVED`` that still exist at the root: the generated ones and those
    among ``sources`` (the pages of the standard in ``docs/``)."""
    present = set(sources)
    return [src for src in MOVED if not is_standard_source(src) or src in present]


def _matches(src: str, patterns: tuple[str, ...]) -> bool:
    return any(src.startswith(p) if p.endswith("/") else src == p for p in patterns)


def is_standard(src: str) -> bool:
    """Whether the page or file at ``src`` (relative to the docs dir) is a page of the standard."""
    return _matches(src, STANDARD_SOURCES + STANDARD_GENERATED + STANDARD_EXTRA)


def pageset_of(src: str) -> str:
    """The page set whose build makes the page or file at ``src``."""
    if _matches(src, VIEWS_GENERATED):
        return VIEWS
    return STANDARD if is_standard(src) else VERSION


def at_root(pageset: str) -> bool:
    """Whether a build of ``pageset`` makes pages of the standard, at the site root."""
    return pageset in (STANDARD, VIEWS)


def is_views_output(path: str) -> bool:
    """Whether a file of a built site (``gebruik/op-type/index.html``) is a page of ``VIEWS``."""
    return any(path.startswith(p) for p in VIEWS_GENERATED) and path.count("/") >= 2


def is_standard_source(src: str) -> bool:
    """A page of the standard written by hand in ``docs/`` (not generated)."""
    return _matches(src, STANDARD_SOURCES + STANDARD_EXTRA)


def check_pageset(value: Any) -> str:
    text = str(value or ALL)
    if text not in PAGESETS:
        hint = f"use one of {', '.join(PAGESETS)}"
        raise VwoError("extra.vwo.pageset", f"'{text}' is not a page set", hint)
    return text


def site_path(site_url: str) -> str:
    """The path of the site root from ``site_url`` (``/vwo/``), ``/`` without one; mike's
    plugin appends the canonical alias to ``site_url`` in a build, which is left off."""
    path = urlparse(site_url).path or "/"
    path = path if path.endswith("/") else path + "/"
    return path.removesuffix(f"{CURRENT_ALIAS}/") or "/"


def site_root(site_url: str) -> str:
    """The full URL of the site root (``https://.../vwo/``), empty without ``site_url``."""
    if not site_url:
        return ""
    parsed = urlparse(site_url)
    return f"{parsed.scheme}://{parsed.netloc}{site_path(site_url)}"


def standard_url(site_url: str, src: str, directory_urls: bool = True) -> str:
    """The absolute path of the page of the standard ``src`` at the site root."""
    return site_path(site_url) + page_url(src, directory_urls)


def version_url(site_url: str, folder: str, src: str, directory_urls: bool = True) -> str:
    """The absolute path of the page of a version ``src`` in the version folder ``folder``
    (``actueel``)."""
    return f"{site_path(site_url)}{folder}/{page_url(src, directory_urls)}"


def _entry(item: Any) -> tuple[str | None, Any]:
    if isinstance(item, dict) and len(item) == 1:
        title, value = next(iter(item.items()))
        return str(title), value
    return None, item


def adapt_nav(nav: Any, pageset: str, site_url: str, folder: str) -> Any:
    """``nav`` for one page set: the entries of the other set become absolute links
    (the standard's in a version build, the current version's in the standard's build;
    such an entry needs a title in ``mkdocs.yml``)."""
    if pageset == ALL or not isinstance(nav, list):
        return nav
    out: list[Any] = []
    for item in nav:
        title, value = _entry(item)
        if isinstance(value, list):
            out.append({title: adapt_nav(value, pageset, site_url, folder)} if title else value)
            continue
        if not isinstance(value, str) or "://" in value or value.startswith("/"):
            out.append(item)
            continue
        if pageset_of(value) == pageset:
            out.append(item)
            continue
        url = standard_url(site_url, value) if is_standard(value) else version_url(site_url, folder, value)
        out.append({title or posixpath.basename(value): url})
    return out


MOVED_TITLES = {
    "besluiten.md": "Besluiten",
    "gebruik.md": "Gebruik van de standaard",
    "versies.md": "Versies",
    "geldend-op.md": "Welke versie gold op een datum?",
    "abonneren.md": "Abonneren",
    "toegankelijkheid.md": "Toegankelijkheidsverklaring",
    "over/index.md": "Over de standaard",
    "over/totstandkoming.md": "Hoe de standaard tot stand kwam",
    "over/beheer.md": "Beheer en de Beheergroep",
    "over/gebruik.md": "Monitoring van het gebruik",
    "over/contact.md": "Contact",
    "over/gegevens.md": "Gegevens en feeds",
    "over/versies-json.md": "Versies en versies.json",
    "over/vergelijken-json.md": "Vergelijking als JSON",
    "over/downloads-manifest.md": "Het downloadmanifest",
}
FEED_TITLES = {
    "feeds/besluiten.xml": "Standaard verwerkersovereenkomst gemeenten: besluiten",
    "feeds/versies.xml": "Standaard verwerkersovereenkomst gemeenten: nieuwe versies",
}
_LINK = re.compile(r"\]\(\s*(?![a-z][a-z0-9+.-]*:|/)([^)\s#]+)(#[^)\s]*)?\s*\)")


def other_set(src: str, pageset: str) -> bool:
    """Whether ``src`` is a page or file of another set than the one ``pageset`` builds."""
    return pageset != ALL and pageset_of(src) != pageset


def rewrite_links(
    markdown: str, page_src: str, pageset: str, site_url: str, folder: str, existing: set[str]
) -> str:
    """Markdown links from a page to a page or file of the other set, as absolute paths
    (MkDocs would report them as missing: the other build makes them). ``existing``: the
    files of this build (a link to one of them stays, the assets too)."""
    if pageset == ALL:
        return markdown

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), match[1]))
        if target.startswith("../") or target in existing or not other_set(target, pageset):
            return match[0]
        url = standard_url(site_url, target) if is_standard(target) else version_url(site_url, folder, target)
        return f"]({url}{match[2] or ''})"

    return _LINK.sub(replace, markdown)
