"""The pages the browser tests visit: ONE list, extended by every feature.

``PAGES`` maps a page type to its path relative to one version's root.
``VERSION_PREFIXES`` maps each version root under the served site to the version whose
text it shows: ``{"": "concept"}`` for a plain ``mkdocs build`` of the working text; for
a mike-published branch e.g. ``{"actueel/": "1.11", "1.0/": "1.0", "concept/": "concept"}``.
A feature that adds a page type adds one line here (e.g. ``"wijzigingen": "wijzigingen/"``).
"""

from __future__ import annotations

from playwright.sync_api import ViewportSize

from vwo.site.pagesets import is_standard

PAGES: dict[str, str] = {
    "home": "",
    "overeenkomst": "overeenkomst/",
    "toelichting": "toelichting/",
    "bijlage": "bijlagen/bijlage-1-specificatie/",
    "avg-toets": "avg-toets/",
    "over": "over/",
    "contact": "over/contact/",
    "wijzigingen": "wijzigingen/",
    "besluiten": "besluiten/",
    "besluiten-filter": "besluiten/verworpen/",
    "voorstel": "besluiten/VWO-2018-999/",
    "abonneren": "abonneren/",
    "geldend-op": "geldend-op/",
    "vergelijken": "vergelijken/",
    "toets": "toets/",
    "gebruik": "gebruik/",
    "downloads": "downloads/",
    "versies": "versies/",
    "toegankelijkheid": "toegankelijkheid/",
    "404": "404.html",
}

VERSION_PREFIXES: dict[str, str] = {"": "concept"}

# A comparison page of the published tree (a plain build has no versions to compare with).
COMPARISON = "concept/vergelijken/1.0/"

# The page whose print output is checked, and the page types reaction links appear on.
AGREEMENT = "overeenkomst"

# Desktop and the WCAG 1.4.10 reflow width (320 CSS px).
VIEWPORTS: dict[str, ViewportSize] = {
    "desktop": {"width": 1280, "height": 900},
    "320px": {"width": 320, "height": 640},
}


def specimen_path() -> str:
    """The theme specimen page of the test build (``site.THEME_SPECIMEN``), first version."""
    return next(iter(VERSION_PREFIXES)) + "proef/"


def page_paths(types: list[str] | None = None) -> list[str]:
    """Every page path to visit: each version prefix times each page type."""
    chosen = types if types is not None else list(PAGES)
    return [prefix + PAGES[name] for prefix in VERSION_PREFIXES for name in chosen]


def is_standard_type(name: str) -> bool:
    """Whether a page type is a page of the standard (``vwo.site.pagesets``): built once,
    at the root of a published tree, not in each version's folder."""
    path = PAGES[name].rstrip("/")
    if not path or path.endswith(".html"):
        return False
    return is_standard(path + ".md") or is_standard(path + "/index.md")


def published_path(prefix: str, name: str) -> str:
    """Where page type ``name`` of the version at ``prefix`` is in a published tree: the
    root for a page of the standard, else the version's folder."""
    return ("" if is_standard_type(name) else prefix) + PAGES[name]


def page_id(path: str) -> str:
    return path.rstrip("/") or "home"


# The published test tree (``site.publish_site``: ``vwo publish`` of the project with its
# versions 1.0 and 1.11, ``site.BROWSER_VERSIONS``): which version's text each root shows.
PUBLISHED_PREFIXES: dict[str, str] = {
    "actueel/": "1.11",
    "1.11/": "1.11",
    "1.0/": "1.0",
    "concept/": "concept",
}
