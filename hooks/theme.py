"""MkDocs hook: the site-wide parts of every page (``vwo.site.theme``).

Reads the colofon settings and ``data/afkortingen.md`` once per build
(``on_pre_build``); puts the colofon in the Jinja environment for the footer
(``on_env``: the 404 page has no page context) and in place of ``<!-- vwo:colofon -->``
(``on_page_content``); puts the abbreviations before every page's Markdown
(``on_page_markdown``, last of the hooks, so generated pages get them too); drops edit
links on frozen versions (``on_page_context``).
"""

from __future__ import annotations

import os
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.site.build import build_context
from vwo.site.theme import (
    COLOFON_MARKER,
    colofon_from_settings,
    colofon_html,
    edit_link_allowed,
    read_abbreviations,
    with_abbreviations,
)

_state: dict[str, Any] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    settings = config.extra.get("vwo", {})
    try:
        target = build_context(settings, config.config_file_path, os.environ)
        _state["colofon"] = colofon_from_settings(settings, str(config.repo_url or ""))
        _state["abbreviations"] = read_abbreviations(target.root)
    except VwoError as error:
        raise PluginError(str(error)) from error
    _state["edit"] = edit_link_allowed(target.version)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["vwo_colofon"] = colofon_html(_state["colofon"], place="voet")
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return with_abbreviations(markdown, _state["abbreviations"])


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if COLOFON_MARKER not in html:
        return html
    return html.replace(COLOFON_MARKER, colofon_html(_state["colofon"], place="home"), 1)


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    if not _state["edit"]:
        page.edit_url = None
    return context
