"""MkDocs hook: the pages "Wijzigingen" and "Besluiten", their exports and the feeds.

Reads the history once per build (``on_files``, cached by HEAD across ``mkdocs serve``
rebuilds) via ``vwo.history.site``, adds the generated files, and fills the two pages
in ``on_page_markdown`` (their HTML blocks kept out of the Markdown and put back in
``on_page_content``: ``vwo.site.fragments``). Bad trailer values in the history are
logged at INFO with their commit, never as warnings: one commit on ``main`` must not fail
every ``--strict`` build (``vwo.history.site``). A build without git shows a notice on
the pages and logs it at INFO.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.history import site as sh
from vwo.history.changelog import PageLinks, changelog_page
from vwo.history.decisions import decisions_page
from vwo.site.build import build_context
from vwo.site.fragments import fill_fragments

log = logging.getLogger("mkdocs.hooks.vwo.history")
_state: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        site = sh.build_site_history(
            build.root,
            Path(config.docs_dir),
            build.version,
            build.versions,
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            events=build.events,
        )
    except VwoError as error:
        raise PluginError(str(error)) from error
    for note in site.notes:
        log.info("trailer: %s (vwo lint-commits reports it; correct it in data/correcties.yml)", note)
    if site.notice:
        log.info("geen git-geschiedenis: %s", site.reason.replace("\n", "; "))
    _state["site"] = site
    _state["fragments"] = {}  # page -> its HTML blocks, filled in on_page_markdown
    generated = {sh.CHANGELOG_PAGE: b"", sh.DECISIONS_PAGE: b"", **site.files}
    for name, content in generated.items():
        if files.get_file_from_path(name) is not None:
            raise PluginError(f"docs/{name}: this file is generated from the git history; remove it")
        files.append(File.generated(config, name, content=content))
    return files


def _links(page: Page, files: Files, repo_url: str) -> PageLinks:
    def url(path: str) -> str:
        target = files.get_file_from_path(path)
        return target.url_relative_to(page.file) if target else ""

    return PageLinks(
        repo_url=repo_url,
        decisions=url(sh.DECISIONS_PAGE),
        changelog_json=url(sh.CHANGELOG_JSON),
        decisions_json=url(sh.DECISIONS_JSON),
        decisions_csv=url(sh.DECISIONS_CSV),
        feed_versions=url(sh.FEED_VERSIONS),
        feed_decisions=url(sh.FEED_DECISIONS),
        about_data=url(sh.ABOUT_DATA),
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site: sh.SiteHistory = _state["site"]
    src = page.file.src_uri
    if src not in (sh.CHANGELOG_PAGE, sh.DECISIONS_PAGE):
        return markdown
    store: dict[str, str] = {}
    _state["fragments"][src] = store
    links = _links(page, files, config.repo_url or "")
    if src == sh.CHANGELOG_PAGE:
        return changelog_page(site.changelog, links, site.notice, fragments=store)
    return decisions_page(site.decisions, links, site.notice, fragments=store)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    store = _state["fragments"].get(page.file.src_uri)
    return fill_fragments(html, store) if store else html
