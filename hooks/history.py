"""MkDocs hook: the pages "Wijzigingen" and "Besluiten" (with its filter pages and a
page per proposal), "Abonneren", their exports and the feeds.

"Wijzigingen" is a page of a version; the decision log with its filter and proposal pages,
"Abonneren", their exports and the feeds are pages of the standard (``vwo.site.pagesets``):
each build adds those of its page set and links to the others (the standard's at the site
root, a version's in the folder the standard's navigation shows, ``actueel/``). The build
of the standard names and links the parts of the agreement as that version's text does.

Reads the history once per build (``on_files``, cached by HEAD across ``mkdocs serve``
rebuilds) via ``vwo.history.site``, adds the generated files, and fills the pages
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
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.history import site as sh
from vwo.history.changelog import PageLinks, changelog_page
from vwo.history.filters import Selection
from vwo.history.log_pages import decisions_page, page_title, proposal_page
from vwo.history.proposals import Proposal
from vwo.history.subscribe import SUBSCRIBE_PAGE, FeedLink, subscribe_page
from vwo.site import pagesets as ps
from vwo.site.build import build_context
from vwo.site.fragments import fill_fragments
from vwo.site.urls import relative_url
from vwo.versions.model import CONCEPT, CURRENT_ALIAS, text_folder
from vwo.versions.pages import build_view, site_prefix

log = logging.getLogger("mkdocs.hooks.vwo.history")
_state: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _state["pages"], _state["fragments"] = {}, {}
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        if build.pageset == ps.VIEWS:
            return files  # the register's views show nothing of the history
        current = build_view(build.versions, CONCEPT, build.events).current
        # The build of the standard has no text of its own: the parts of the agreement are
        # those of the version its navigation shows (the current one, else the concept).
        shown = current.version if current else CONCEPT
        text_dir = text_folder(build.root, shown) if build.pageset == ps.STANDARD else Path(config.docs_dir)
        site = sh.build_site_history(
            build.root,
            text_dir,
            build.version,
            build.versions,
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            events=build.events,
            at_root=build.pageset != ps.ALL,
        )
    except VwoError as error:
        raise PluginError(str(error)) from error
    for note in site.notes:
        log.info("trailer: %s (vwo lint-commits reports it; correct it in data/correcties.yml)", note)
    if site.notice:
        log.info("geen git-geschiedenis: %s", site.reason.replace("\n", "; "))
    _state["site"] = site
    _state["pageset"] = build.pageset
    _state["root"] = build.root
    _state["fragments"] = {}  # page -> its HTML blocks, filled in on_page_markdown
    _state["folder"] = str(config.extra.get("vwo", {}).get("current_folder") or CURRENT_ALIAS)
    about = files.get_file_from_path(sh.ABOUT_DATA) is not None
    _state["subscribe"] = _subscribe(config, site, about=about, at_root=build.pageset != ps.ALL)
    generated = {
        sh.CHANGELOG_PAGE: b"",
        sh.DECISIONS_PAGE: b"",
        SUBSCRIBE_PAGE: _state["subscribe"].encode("utf-8"),
        **site.files,
    }
    hidden = site.generated_pages()  # reached from the log, not from the navigation
    _state["pages"] = hidden
    for name, content in [*generated.items(), *((src, b"") for src in hidden)]:
        if ps.other_set(name, build.pageset):
            continue
        if files.get_file_from_path(name) is not None:
            raise PluginError(f"docs/{name}: this file is generated from the git history; remove it")
        inclusion = InclusionLevel.NOT_IN_NAV if name in hidden else InclusionLevel.UNDEFINED
        files.append(File.generated(config, name, content=content, inclusion=inclusion))
    return files


def _subscribe(config: MkDocsConfig, site: sh.SiteHistory, *, about: bool, at_root: bool = False) -> str:
    """``at_root``: the page and the feeds are pages of the standard at the site root."""
    settings = config.extra.get("vwo", {})
    own = sh.site_root_url(config.site_url or "")
    own_url = f"{own}{'' if at_root else CURRENT_ALIAS + '/'}" if own else ""
    directory_urls = bool(config.use_directory_urls)

    def feed(title: str, what: str, path: str) -> FeedLink:
        href = relative_url(SUBSCRIBE_PAGE, path, directory_urls)
        return FeedLink(title, what, href, f"{own_url}{path}" if own_url else "")

    return subscribe_page(
        [
            feed(
                "Nieuwe versies", "elke gepubliceerde versie en wat er daarna mee gebeurde", sh.FEED_VERSIONS
            ),
            feed("Besluiten", "elk besluit over een wijzigingsvoorstel, met de reden", sh.FEED_DECISIONS),
        ],
        email=str(settings.get("email_alerts", "")),
        email_url=str(settings.get("email_alerts_url", "")),
        about=relative_url(SUBSCRIBE_PAGE, sh.ABOUT_DATA, directory_urls) if about else "",
    )


def _links(
    page: Page,
    files: Files,
    repo_url: str,
    *,
    site_url: str = "",
    previous: str | None = None,
    abbreviations: tuple[tuple[str, str], ...] = (),
    use_directory_urls: bool = True,
) -> PageLinks:
    pageset = _state["pageset"]
    folder = _state["folder"]

    def url(path: str) -> str:
        if ps.other_set(path, pageset):
            if pageset == ps.STANDARD:  # a page of the version the standard's navigation shows
                return ps.version_url(site_url, folder, path, use_directory_urls)
            # Built once, at the site root; a page of docs/ only when the site has it.
            there = not ps.is_standard_source(path) or (_state["root"] / "docs" / path).is_file()
            return ps.standard_url(site_url, path, use_directory_urls) if there else ""
        target = files.get_file_from_path(path)
        return target.url_relative_to(page.file) if target else ""

    compare = url(f"vergelijken/{previous}/index.md") if previous else ""
    # A page of the standard sits at the site root, one level above a version's pages.
    root = site_prefix(page.url).removeprefix("../") if pageset == ps.STANDARD else site_prefix(page.url)
    return PageLinks(
        repo_url=repo_url,
        decisions=url(sh.DECISIONS_PAGE),
        changelog_json=url(sh.CHANGELOG_JSON),
        decisions_json=url(sh.DECISIONS_JSON),
        decisions_csv=url(sh.DECISIONS_CSV),
        feed_versions=url(sh.FEED_VERSIONS),
        feed_decisions=url(sh.FEED_DECISIONS),
        about_data=url(sh.ABOUT_DATA),
        compare=compare,
        site_root=root,
        text_root=f"{root}{folder}/" if pageset == ps.STANDARD else "",
        subscribe=url(SUBSCRIBE_PAGE),
        abbreviations=abbreviations,
        directory_urls=bool(use_directory_urls),
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    generated = _state["pages"].get(src)
    if src not in (sh.CHANGELOG_PAGE, sh.DECISIONS_PAGE) and generated is None:
        return markdown
    site: sh.SiteHistory = _state["site"]
    if generated is not None:
        # A proposal or filter page repeats what the decision log says, and the log is in
        # the search index; indexed too, they pushed the articles out of the best results.
        page.meta["search"] = {"exclude": True}
    store: dict[str, str] = {}
    _state["fragments"][src] = store
    links = _links(
        page,
        files,
        config.repo_url or "",
        site_url=str(config.site_url or ""),
        previous=site.changelog.previous,
        abbreviations=tuple(site.abbreviations),
        use_directory_urls=bool(config.use_directory_urls),
    )
    if src == sh.CHANGELOG_PAGE:
        return changelog_page(site.changelog, links, site.notice, fragments=store)
    if isinstance(generated, Proposal):
        page.meta["title"] = page_title(generated)  # never the escaped heading, see page_title
        return proposal_page(generated, links, fragments=store, parts=site.parts, published=site.published)
    selection = generated if isinstance(generated, Selection) else Selection()
    return decisions_page(
        site.decisions,
        links,
        site.notice,
        fragments=store,
        selection=selection,
        parts=site.parts,
        counts=site.selection_counts,
    )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    store = _state["fragments"].get(page.file.src_uri)
    return fill_fragments(html, store) if store else html
