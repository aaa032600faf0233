"""MkDocs hook: the pages of a translation in this version's build (``vwo.translation.site``).

Reads the translation this build shows once per build (``on_pre_build``; none, or the
build of the pages of the standard: the hook does nothing), adds its pages under
``<lang>/`` (``on_files``) and as a section of the navigation (``on_nav``), puts the
language switch on the Dutch pages and the status box on the translation's agreement page
(``on_page_content``) and, on every page of the translation, the banner and the notice
that the Dutch text prevails (``on_page_context``, after ``hooks/versions.py``, whose
Dutch banner it replaces there).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.site.build import build_context
from vwo.translation.site import (
    SiteTranslation,
    banner,
    dutch_switch,
    load_site_translation,
    script_strings,
    status_box,
)
from vwo.versions.pages import build_view

_state: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        if not build.target.version_pages:
            _state["site"] = None  # a translation's pages are pages of a version
            return
        view = build_view(build.versions, build.version)
        _state["site"] = load_site_translation(
            build.root, build.version, Path(config.docs_dir), view, directory_urls=config.use_directory_urls
        )
    except VwoError as error:
        raise PluginError(f"translation: {error}") from error


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site: SiteTranslation | None = _state["site"]
    if site is None:
        return files
    for src, markdown in site.pages.items():
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"docs/{src}: this page is generated from the translation; remove it")
        files.append(File.generated(config, src, content=markdown))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """The translation's pages as a section of their own, named in their language."""
    site: SiteTranslation | None = _state["site"]
    if site is None:
        return nav
    pages = [file.page for src in site.pages if (file := files.get_file_from_path(src)) and file.page]
    section = Section(site.t.name, list(pages))
    for page in pages:
        page.parent = section
    nav.items.append(section)
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site: SiteTranslation | None = _state["site"]
    if site is None:
        return html
    src = page.file.src_uri
    if src not in site.pages:
        return dutch_switch(site, src, html)
    dutch_title = str(config.mdx_configs.get("toc", {}).get("permalink_title", ""))
    if dutch_title:
        html = html.replace(f'title="{dutch_title}"', f'title="{site.t.section_link}"')
    if src == f"{site.language}/overeenkomst.md":
        box = status_box(site.view, site.t, src)
        head, sep, rest = html.partition("</h1>")
        return f"{head}{sep}\n{box}\n{rest}" if sep else html
    return html


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    site: SiteTranslation | None = _state["site"]
    if site is not None and page.file.src_uri in site.pages:
        context["vwo_banner"] = banner(site, page.file.src_uri, page.url)
        context["vwo_teksten"] = script_strings(site.t)
    return context
