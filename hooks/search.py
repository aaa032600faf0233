"""MkDocs hook: the site search (Pagefind), on every build (``mkdocs build``/``serve``, mike).

Reads the versions once per build (``on_pre_build``); marks each page's content for the
index with its version, status and kind (``on_page_content``, last of the hooks, so it
wraps what the others added); renders the search button for the header and the dialog
for the end of the body (``on_page_context``, shown by ``overrides/partials/header.html``
and ``overrides/main.html``); indexes the built
site into ``pagefind/`` (``on_post_build``). The build of the pages of the standard
(``vwo.site.pagesets``) indexes only its own output: at the site root, searched with every
version (``SHARED_INDEXES``); its dialog searches the current version besides.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.lang import interface, page_language
from vwo.search.meta import KIND_PAGE, IndexedPage, SearchSettings, body_html, is_excluded, page_kind, roots
from vwo.search.pagefind import index_site
from vwo.site.build import build_context
from vwo.site.pagesets import ALL, VIEWS, at_root
from vwo.site.render import render
from vwo.versions.model import CONCEPT, CURRENT_ALIAS, LABEL_CONCEPT
from vwo.versions.pages import BuildView, build_view

log = logging.getLogger("mkdocs.hooks.vwo.search")
_state: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        target = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        view = build_view(target.versions, target.version)
    except VwoError as error:
        raise PluginError(str(error)) from error
    state = view.state
    _state["view"] = view
    _state["status"] = state.label if state is not None else LABEL_CONCEPT
    _state["standard"] = at_root(target.pageset)
    _state["index"] = target.pageset != VIEWS  # the register's views are not in the index
    _state["published"] = target.pageset != ALL  # vwo publish: the standard's index is at the root


STANDARD_STATUS = "Pagina van de standaard"


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if is_excluded(page.meta):
        return html
    view: BuildView = _state["view"]
    if _state["standard"]:
        indexed = IndexedPage(str(page.title or config.site_name), KIND_PAGE, "standaard", STANDARD_STATUS)
        return body_html(html, indexed)
    indexed = IndexedPage(
        title=str(page.title or config.site_name),
        kind=page_kind(page.file.src_uri),
        version=view.version,
        status=_state["status"],
    )
    return body_html(html, indexed)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    view: BuildView = _state["view"]
    version_root, site_root = roots(page.url)
    if _state["standard"]:
        # At the site root: "this version" is the current one (else the concept).
        current = view.current
        site_root = version_root
        settings = SearchSettings(
            version=current.version if current else CONCEPT,
            status=current.label if current else LABEL_CONCEPT,
            current=current is not None,
            version_root=f"{site_root}{CURRENT_ALIAS if current else CONCEPT}/",
            site_root=site_root,
        )
    else:
        settings = SearchSettings(
            version=view.version,
            status=_state["status"],
            current=bool(view.state and view.state.current),
            version_root=version_root,
            site_root=site_root,
            shared=_state["published"],
        )
    words = interface(page_language(page.meta)).search
    context["vwo_search"] = Markup(render("search_button.html.j2", label=words["title"]).strip())
    context["vwo_search_dialog"] = Markup(
        render("search_dialog.html.j2", settings=settings, words=words).strip()
    )
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if not _state["index"]:
        return
    try:
        report = index_site(Path(config.site_dir))
    except VwoError as error:
        raise PluginError(str(error)) from error
    log.info("zoekindex: %d pagina's, %d kB", report.pages, report.bytes // 1024)
