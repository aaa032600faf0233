"""MkDocs hook: the comparison pages (``vergelijken/``) of this build, and their DOCX files.

``on_files`` adds the pages ``vwo.compare.site.build_site_pages`` makes (this build's
text against every earlier published version, with the decisions behind each change and
the provisions it touches);
``on_page_content`` puts their pre-rendered HTML blocks back (kept out of the Markdown,
which would parse them tag by tag); ``on_post_build`` writes the tracked-changes DOCX
next to each page.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from vwo.compare.docx import write_docx
from vwo.compare.site import CHOOSER, SitePages, build_site_pages
from vwo.errors import VwoError
from vwo.history.site import DECISIONS_PAGE
from vwo.site.build import build_context, build_target
from vwo.site.fragments import fill_fragments
from vwo.site.pagesets import ALL, standard_url

log = logging.getLogger("mkdocs.hooks.vwo.compare")
DECISIONS = "../../besluiten/"  # from vergelijken/<older>/ (a plain build)
_state: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state["pages"] = None
    target = build_target(config.extra.get("vwo", {}), config.config_file_path, os.environ)
    if not target.version_pages:
        return files  # comparisons are pages of a version
    # The decision log and the proposal pages are pages of the standard, at the site root
    # when published (a redirect would lose the anchor of a meeting).
    decisions = (
        DECISIONS if target.pageset == ALL else standard_url(str(config.site_url or ""), DECISIONS_PAGE)
    )
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        pages = build_site_pages(
            build.root, build.version, Path(config.docs_dir), build.versions, decisions_url=decisions
        )
    except VwoError as error:
        raise PluginError(str(error)) from error
    for path, content in pages.pages.items():
        # Each comparison is reached from the chooser page, never from the navigation.
        inclusion = InclusionLevel.UNDEFINED if path == CHOOSER else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    _state["pages"] = pages
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    pages: SitePages | None = _state["pages"]
    if pages is None:
        return html
    store = pages.fragments.get(page.file.src_uri)
    return fill_fragments(html, store) if store else html


def on_post_build(config: MkDocsConfig) -> None:
    pages: SitePages | None = _state["pages"]
    if pages is None:
        return
    site = Path(config.site_dir)
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(write_docx, d.comparison, site / d.path, day=d.day) for d in pages.docx]
        for job in jobs:
            try:
                job.result()
            except VwoError as error:
                raise PluginError(str(error)) from error
