"""MkDocs hook: the version's downloads (PDF, DOCX, ODT, manifest.json, SHA256SUMS).

``on_files`` takes the bundle from the content-hash cache (``.cache/downloads/``,
generating it on a miss), adds its files under ``downloads/`` and generates the
Downloads page; ``on_page_markdown`` puts a download box under the agreement's title
(listed after ``hooks/agreement.py``, which writes that page) and in place of the
marker ``<!-- vwo:downloads -->`` on any other page (the home page). Under ``mkdocs serve``
a changed text reuses the bundle made earlier in the session, marked as such.
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

from vwo.downloads import Bundle
from vwo.downloads.bundle import cached, lookup
from vwo.downloads.page import MARKER, PAGE, download_box, downloads_page, insert_after_title
from vwo.downloads.source import CACHE_DIR, load_source, load_translations
from vwo.errors import VwoError
from vwo.site.build import build_context, build_target

log = logging.getLogger("mkdocs.hooks.vwo.downloads")
_state: dict[str, Any] = {"serve": False, "bundle": None}


def on_startup(command: str, dirty: bool) -> None:
    _state["serve"] = command == "serve"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not build_target(config.extra.get("vwo", {}), config.config_file_path, os.environ).version_pages:
        _state["bundle"] = None  # the build of the standard has no downloads
        return files
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        agreement, meta = load_source(
            build.root, build.version, folder=Path(config.docs_dir), versions=build.versions
        )
        translations = load_translations(build.root, build.version, agreement)
        cache = build.root / CACHE_DIR
        previous: Bundle | None = _state["bundle"]
        bundle = lookup(agreement, meta, cache, translations)
        stale = False
        if bundle is None and _state["serve"] and previous is not None:
            bundle, stale = previous, True
            log.info("downloads: text changed; reusing the files made earlier (run 'make build' to renew)")
        elif bundle is None:
            bundle = cached(agreement, meta, cache, translations)
    except VwoError as error:
        raise PluginError(f"downloads: {error}") from error
    _state["bundle"] = bundle
    for item in bundle.files:
        files.append(
            File.generated(config, f"downloads/{item.name}", abs_src_path=str(bundle.folder / item.name))
        )
    files.append(File.generated(config, PAGE, content=downloads_page(bundle, stale=stale)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    bundle: Bundle | None = _state["bundle"]
    if bundle is None:
        return markdown
    prefix = "../" * page.file.src_uri.count("/")
    if MARKER in markdown:  # any page, e.g. the home page, can ask for the box
        return markdown.replace(MARKER, download_box(bundle, prefix=prefix))
    if page.file.src_uri == "overeenkomst.md":
        return insert_after_title(markdown, download_box(bundle, prefix=prefix))
    return markdown
