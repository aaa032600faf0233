"""MkDocs hook: the AVG-toets page of this build (``vwo.text.coverage_page``).

``on_files`` reads this build's text and its ``dekking.yml`` from ``docs_dir`` (validated
by ``vwo.text.coverage``; a build without one gets the page that says no coverage was
recorded), adds the generated ``avg-toets.md`` and keeps ``dekking.yml`` itself out of the
site (it is the source of the page, not a page); ``on_page_content`` puts the page's HTML
blocks back (kept out of its Markdown).
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
from vwo.site.build import build_context, build_target
from vwo.site.fragments import fill_fragments
from vwo.site.urls import page_url
from vwo.text.coverage import load_coverage
from vwo.text.coverage_page import PAGE, coverage_page
from vwo.text.model import COVERAGE_FILE
from vwo.text.parse import load_agreement
from vwo.versions.model import CURRENT_ALIAS
from vwo.versions.pages import build_view, site_prefix

_state: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    _state["fragments"] = {}
    if not build_target(config.extra.get("vwo", {}), config.config_file_path, os.environ).version_pages:
        return files  # the AVG-toets is a page of a version
    try:
        target = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        display = os.path.relpath(docs, target.root)
        agreement = load_agreement(docs, display=display)
        coverage = load_coverage(docs, agreement, display=display)
        view = build_view(target.versions, target.version, target.events)
    except VwoError as error:
        raise PluginError(str(error)) from error
    if files.get_file_from_path(PAGE) is not None:
        raise PluginError(f"docs/{PAGE}: this page is generated from {COVERAGE_FILE}; remove it")
    source = files.get_file_from_path(COVERAGE_FILE)
    if source is not None:
        files.remove(source)
    here = page_url(PAGE, config.use_directory_urls)
    own = view.state
    current_url = (
        f"{site_prefix(here)}{CURRENT_ALIAS}/{here}"
        if view.current is not None and not (own is not None and own.current)
        else None
    )
    fragments: dict[str, str] = {}
    markdown = coverage_page(
        agreement,
        coverage,
        target.version,
        current_url=current_url,
        directory_urls=config.use_directory_urls,
        fragments=fragments,
    )
    files.append(File.generated(config, PAGE, content=markdown))
    _state["fragments"] = fragments
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri != PAGE:
        return html
    return fill_fragments(html, _state["fragments"])
