"""MkDocs hook: the "Gebruik van de standaard" pages and downloads from ``data/gebruik.csv``.

Every build (every version) reads the same register from the repository root
(``extra.vwo.root`` or the config file's folder) and adds the generated pages, the
pre-sorted and filtered variants and ``gebruik.csv`` / ``gebruik.json`` in ``on_files``
(``vwo publish`` builds the variants apart: ``vwo.site.pagesets.VIEWS``);
each page's HTML blocks go back in after Markdown, in ``on_page_content``
(``vwo.site.fragments``).
"""

from __future__ import annotations

import logging
import os
import re
from datetime import date

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from vwo.errors import VwoError
from vwo.register.model import REGISTER_FILE, Register, load_register
from vwo.register.pages import PAGE, Fragments, Settings, register_files
from vwo.site.build import build_context, build_target
from vwo.site.fragments import fill_fragments
from vwo.site.pagesets import other_set

MONITORING_PAGE = "over/gebruik.md"
log = logging.getLogger("mkdocs.hooks.vwo.register")
_fragments: Fragments = {}  # per build; hooks are not reloaded under `mkdocs serve`


def settings(config: MkDocsConfig, files: Files) -> Settings:
    vwo = config.extra.get("vwo", {})
    branch = re.match(r"edit/([^/]+)/", str(config.edit_uri or ""))
    return Settings(
        repo_url=str(config.repo_url or ""),
        edit_branch=branch.group(1) if branch else "main",
        contact_email=str(vwo.get("contact_email", "")),
        example=bool(vwo.get("register_example", False)),
        directory_urls=bool(config.use_directory_urls),
        monitoring_page=MONITORING_PAGE if files.get_file_from_path(MONITORING_PAGE) else None,
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _fragments.clear()
    target = build_target(config.extra.get("vwo", {}), config.config_file_path, os.environ)
    if not target.standard_pages:
        return files  # the register is a page of the standard, built once at the site root
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        root, versions = build.root, build.versions
        if (root / REGISTER_FILE).is_file():
            register = load_register(root, versions, today=date.today())
        else:
            # `vwo check` (CI) reports the missing file; a build shows an empty register.
            log.info("%s not found: the register page shows no organisations", REGISTER_FILE)
            register = Register(REGISTER_FILE, ())
    except VwoError as error:
        raise PluginError(str(error)) from error

    def mine(path: str) -> bool:
        return not other_set(path, target.pageset)

    generated = register_files(register, versions, settings(config, files), _fragments, mine)
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path}: clashes with the generated register page; rename or remove it")
        # The pre-sorted variants are reached from the page, not from the navigation.
        inclusion = InclusionLevel.UNDEFINED if path == PAGE else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, path, content=content, inclusion=inclusion))
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    store = _fragments.get(page.file.src_uri)
    return fill_fragments(html, store) if store else html
