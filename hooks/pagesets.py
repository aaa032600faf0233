"""MkDocs hook: sort this build's pages into its page set (``vwo.site.pagesets``).

After every hook that adds pages (``on_files``): a version's build (``pageset: versie``)
gets, at the old address of each page of the standard, a static redirect page to that
page at the site root, and at the old address of each feed an Atom feed that says where
the feed is now; the build of the standard (``pageset: standaard``) drops any page of a
version. ``on_page_markdown`` turns Markdown links to a page of the other set into
absolute paths; ``on_page_context`` tells the templates where the standard's pages are.
A plain build (``alles``) keeps everything as it is.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from vwo.downloads.source import source_epoch
from vwo.errors import VwoError
from vwo.site import pagesets as ps
from vwo.site.build import BuildTarget, build_target
from vwo.site.render import render
from vwo.site.urls import page_url
from vwo.versions.model import CURRENT_ALIAS

_state: dict[str, Any] = {}
_MOVED_ON = 1796169600  # 2026-12-02: when the pages moved, for a build without a date


def _target(config: MkDocsConfig) -> BuildTarget:
    try:
        return build_target(config.extra.get("vwo", {}), config.config_file_path, os.environ)
    except VwoError as error:
        raise PluginError(str(error)) from error


def on_files(files: Files, config: MkDocsConfig) -> Files:
    target = _target(config)
    vwo = config.extra.get("vwo", {})
    _state["target"] = target
    _state["folder"] = str(vwo.get("current_folder") or CURRENT_ALIAS)
    if target.pageset == ps.ALL:
        return files
    for file in list(files):
        if file.is_documentation_page() and ps.other_set(file.src_uri, target.pageset):
            files.remove(file)
    if target.pageset == ps.VERSION:
        _add_moved(files, config)
    return files


def _add_moved(files: Files, config: MkDocsConfig) -> None:
    site_url = str(config.site_url or "")
    root = ps.site_root(site_url)
    docs = _state["target"].root / "docs"
    for src in ps.moved_pages(p for p in ps.MOVED if (docs / p).is_file()):
        href = ps.standard_url(site_url, src)
        canonical = f"{root}{page_url(src, True)}" if root else ""
        html = render("moved_page.html.j2", title=ps.MOVED_TITLES[src], href=href, canonical=canonical)
        files.append(File.generated(config, page_url(src, True) + "index.html", content=html))
    try:
        epoch = source_epoch(os.environ) or _MOVED_ON
    except VwoError as error:
        raise PluginError(str(error)) from error
    updated = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    version = _state["target"].version
    for path in ps.MOVED_FEEDS:
        old = f"{root}{version}/{path}" if root else path
        new = f"{root}{path}" if root else ps.standard_url(site_url, path)
        xml = render("moved_feed.xml.j2", title=ps.FEED_TITLES[path], old=old, new=new, updated=updated)
        files.append(File.generated(config, path, content=xml))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # Every hook's on_files has run: the files of this build, once, not once per page.
    _state["existing"] = {file.src_uri for file in files}
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    target: BuildTarget = _state["target"]
    if target.pageset == ps.ALL:
        return markdown
    existing = _state["existing"]
    site_url = str(config.site_url or "")
    return ps.rewrite_links(markdown, page.file.src_uri, target.pageset, site_url, _state["folder"], existing)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    target: BuildTarget = _state["target"]
    if target.pageset != ps.ALL:
        context["vwo_standard"] = ps.site_path(str(config.site_url or ""))
    return context
