"""MkDocs hook: render the agreement and toelichting pages from the content model.

Reads ``docs_dir`` once per build (``on_pre_build``), then replaces the Markdown of
``overeenkomst.md`` and ``toelichting.md`` with the model's rendering.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from vwo.compare.site import build_history
from vwo.errors import VwoError
from vwo.site.build import build_context
from vwo.text.coverage import load_coverage
from vwo.text.model import Agreement
from vwo.text.pages import PageContext, agreement_markdown, explanation_markdown
from vwo.text.parse import load_agreement

log = logging.getLogger("mkdocs.hooks.vwo.agreement")
_state: dict[str, Any] = {}


def page_context(config: MkDocsConfig, version: str) -> PageContext:
    vwo = config.extra.get("vwo", {})
    return PageContext(
        version=version,
        repo_url=str(config.repo_url or ""),
        contact_email=str(vwo.get("contact_email", "")),
        issue_template=str(vwo.get("issue_template", "wijzigingsvoorstel.yml")),
    )


def on_pre_build(config: MkDocsConfig) -> None:
    docs = Path(config.docs_dir)
    display = os.path.relpath(docs, Path(config.config_file_path).parent)
    _state["agreement"] = None
    try:
        build = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        if not build.target.version_pages:
            return  # the build of the standard has no text
        published = [info.version for info in build.versions]
        _state["agreement"] = load_agreement(docs, display=display)
        _state["coverage"] = load_coverage(docs, _state["agreement"], display=display)
        _state["history"] = build_history(build.root, build.version, _state["agreement"], published)
        _state["context"] = page_context(config, build.version)
    except VwoError as error:
        raise PluginError(str(error)) from error


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    agreement: Agreement | None = _state["agreement"]
    if agreement is None:
        return markdown
    if page.file.src_uri == "overeenkomst.md":
        return agreement_markdown(agreement, _state["context"], _state["history"], _state["coverage"])
    if page.file.src_uri == "toelichting.md":
        return explanation_markdown(agreement)
    return markdown
