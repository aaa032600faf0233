"""MkDocs hook: make every page version-aware.

Reads the published versions and their lifecycle events once per build (``on_pre_build``),
adds the generated Versies page, ``versies.json`` and the page "Welke versie gold op een
datum?" (``on_files``), the status box on the home and agreement pages and a status line
on the toelichting and the annexes (``on_page_content``) and the banner of a non-current
version (``on_page_context``, shown by ``overrides/main.html``). No ``on_config``: mike
imports the config.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.site.build import build_context
from vwo.site.urls import page_url, relative_url
from vwo.translation.listing import with_translations
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
    versions_json,
    versions_page,
)
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    view: BuildView = _state["view"]
    available = {file.src_uri for file in files} | {VERSIONS_PAGE}
    files.append(File.generated(config, VERSIONS_PAGE, content=versions_page(view, available)))
    files.append(File.generated(config, VERSIONS_JSON, content=versions_json(view)))
    files.append(File.generated(config, VALIDITY_PAGE, content=validity_markdown(view, config)))
    return files


def validity_markdown(view: BuildView, config: MkDocsConfig) -> str:
    page = page_url(VALIDITY_PAGE, bool(config.use_directory_urls))
    return validity_page(
        [s.info for s in view.states],
        build_version=view.version,
        prefix=site_prefix(page),
        script_href=relative_url(VALIDITY_PAGE, SCRIPT, bool(config.use_directory_urls)),
    )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    if uri in ("overeenkomst.md", "index.md"):
        box = status_box_html(_state["view"], page.url)
    elif uri == "toelichting.md" or uri.startswith("bijlagen/"):
        box = status_line_html(_state["view"], page.url)
    else:
        return html
    head, sep, rest = html.partition("</h1>")
    return f"{head}{sep}\n{box}\n{rest}" if sep else f"{box}\n{html}"


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    view: BuildView = _state["view"]
    context["vwo_banner"] = banner_html(view, page.url)
    if view.current is not None and not page_exists_in(page.url, view.current.version):
        page.canonical_url = None  # mike points it at actueel/, which has no such page
    return context
