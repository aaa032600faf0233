"""MkDocs hook: the comparison pages (``vergelijken/``) of this build, and their DOCX files.

``on_files`` compares this build's text (``docs_dir``) with every earlier published
version (``vwo.compare.site``), with the decided proposals behind each change (one
cached ``git log``, ``vwo.compare.rationale``), and adds the generated pages; ``on_page_content`` puts
their pre-rendered HTML blocks back (kept out of the Markdown, which would parse them
tag by tag); ``on_post_build`` writes the tracked-changes DOCX next to each page.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from vwo.compare.docx import write_docx
from vwo.compare.rationale import rationale
from vwo.compare.site import SitePages, earlier_versions, load_coverages, load_texts, site_pages
from vwo.errors import VwoError
from vwo.git.run import NoGitError
from vwo.history.model import HistoryModel
from vwo.history.read import read_history
from vwo.site.build import build_target
from vwo.site.fragments import fill_fragments
from vwo.text.coverage import load_coverage
from vwo.text.parse import load_agreement
from vwo.versions.model import load_versions

log = logging.getLogger("mkdocs.hooks.vwo.compare")
DECISIONS = "../../besluiten/"  # from vergelijken/<older>/
_state: dict[str, Any] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    target = build_target(config.extra.get("vwo", {}), config.config_file_path, os.environ)
    root, version = target.root, target.version
    try:
        infos = load_versions(root)
        earlier = earlier_versions(version, [i.version for i in infos])
        older = load_texts(root, earlier)
        try:
            model = HistoryModel(read_history(root).commits)  # cached by HEAD: one git log a build
        except NoGitError:
            model = HistoryModel(())  # the history hook shows the notice
        published = [i.version for i in infos]
        display = os.path.relpath(config.docs_dir, root)
        current = load_agreement(Path(config.docs_dir), display=display)
        coverage = {
            **load_coverages(root, older),
            version: load_coverage(Path(config.docs_dir), current, display=display),
        }
        pages = site_pages(
            current,
            version,
            older,
            # Only this build and what came before: an older build stays the same when a
            # new version is adopted (publishing rebuilds only what changed).
            all_versions=[*earlier, version],
            days={i.version: i.published for i in infos},
            rationale=rationale(model, version, earlier, published, decisions_url=DECISIONS),
            decisions_url=DECISIONS,
            coverage=coverage,
        )
    except VwoError as error:
        raise PluginError(str(error)) from error
    for path, content in pages.pages.items():
        files.append(File.generated(config, path, content=content))
    _state["pages"] = pages
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    pages: SitePages = _state["pages"]
    store = pages.fragments.get(page.file.src_uri)
    return fill_fragments(html, store) if store else html


def on_post_build(config: MkDocsConfig) -> None:
    pages: SitePages = _state["pages"]
    site = Path(config.site_dir)
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(write_docx, d.comparison, site / d.path, day=d.day) for d in pages.docx]
        for job in jobs:
            try:
                job.result()
            except VwoError as error:
                raise PluginError(str(error)) from error
