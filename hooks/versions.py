"""MkDocs hook: make every page version-aware.

Reads the published versions and their lifecycle events once per build (``on_pre_build``),
adds the generated Versies page and the page "Welke versie gold op een datum?" (pages of
the standard) and ``versies.json`` (of a version) in ``on_files``, fills the Versies page in
``on_page_markdown`` (when every hook has added its pages, so its per-version links see
them all), the status box on the home and agreement pages and a status line on the
toelichting and the annexes (``on_page_content``) and the banner of a non-current version
(``on_page_context``, shown by ``overrides/main.html``; none on the pages of the
standard). No ``on_config``: mike imports the config.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.site.build import BuildTarget, build_context
from vwo.site.pagesets import ALL
from vwo.site.urls import page_url, relative_url
from vwo.text.parse import load_agreement
from vwo.translation.listing import with_translations
from vwo.versions.model import text_folder
from vwo.versions.pages import (
    VERSIONS_JSON,
    VERSIONS_PAGE,
    BuildView,
    banner_html,
    build_view,
    page_exists_in,
    site_prefix,
    status_box_html,
    status_line_html,
    version_pages,
    versions_json,
    versions_page,
)
from vwo.versions.pending import PENDING_JSON, pending_articles, pending_json
from vwo.versions.validity_page import SCRIPT, VALIDITY_PAGE, validity_page

_state: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        _state["view"] = with_translations(
            build_view(build.versions, build.version, build.events), build.root
        )
    except VwoError as error:
        raise PluginError(str(error)) from error
    _state["target"] = build.target


def on_files(files: Files, config: MkDocsConfig) -> Files:
    view: BuildView = _state["view"]
    target: BuildTarget = _state["target"]
    if target.standard_pages:
        files.append(File.generated(config, VERSIONS_PAGE, content=""))  # filled in on_page_markdown
        at_root = target.pageset != ALL
        files.append(File.generated(config, VALIDITY_PAGE, content=validity_markdown(view, config, at_root)))
    if target.version_pages:
        files.append(File.generated(config, VERSIONS_JSON, content=versions_json(view)))
    current = view.current
    if target.version_pages and view.is_concept and current is not None:
        try:
            docs = Path(config.docs_dir)
            concept = load_agreement(docs, display=os.path.relpath(docs, target.root))
            adopted = load_agreement(text_folder(target.root, current.version), display=current.version)
        except VwoError as error:
            raise PluginError(str(error)) from error
        changed = pending_articles(adopted, concept)
        files.append(File.generated(config, PENDING_JSON, content=pending_json(current.version, changed)))
    return files


def validity_markdown(view: BuildView, config: MkDocsConfig, at_root: bool = False) -> str:
    """``at_root``: the page of the standard at ``geldend-op/``, else in a version's folder."""
    page = page_url(VALIDITY_PAGE, bool(config.use_directory_urls))
    return validity_page(
        [s.info for s in view.states],
        build_version=view.version,
        prefix="../" if at_root else site_prefix(page),
        script_href=relative_url(VALIDITY_PAGE, SCRIPT, bool(config.use_directory_urls)),
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != VERSIONS_PAGE:
        return markdown
    target: BuildTarget = _state["target"]
    # Built with the pages of a version: the links those builds have (every version is
    # built by today's code). Built together: the pages this build has.
    together = target.pageset == ALL
    available = {file.src_uri for file in files} if together else version_pages()
    return versions_page(_state["view"], available | {VERSIONS_PAGE}, at_root=not together)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    at_root = _state["target"].pageset != ALL  # the pages of the standard, not their redirects
    if uri in ("overeenkomst.md", "index.md"):
        box = status_box_html(_state["view"], page.url, standard_at_root=at_root)
    elif uri == "toelichting.md" or uri.startswith("bijlagen/"):
        box = status_line_html(_state["view"], page.url, standard_at_root=at_root)
    else:
        return html
    head, sep, rest = html.partition("</h1>")
    return f"{head}{sep}\n{box}\n{rest}" if sep else f"{box}\n{html}"


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    view: BuildView = _state["view"]
    if not _state["target"].version_pages:
        context["vwo_banner"] = ""  # a page of the standard shows what is true now
        return context
    context["vwo_banner"] = banner_html(view, page.url)
    if view.current is not None and not page_exists_in(page.url, view.current.version):
        page.canonical_url = None  # mike points it at actueel/, which has no such page
    return context
