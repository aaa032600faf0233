"""MkDocs hook: the page "Toets uw overeenkomst" (``toets/``) and ``tekst.json``.

``on_files`` reads this build's text and its ``dekking.yml`` from ``docs_dir`` (through
``vwo.text.coverage``, as the AVG-toets page does) and adds ``tekst.json`` at the build's
root and the generated page (``vwo.conformance.site``). The page itself runs in the
reader's browser.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from vwo.conformance.coverage import coverage_map
from vwo.conformance.site import PAGE, text_json, toets_page
from vwo.conformance.standard import TEXT_JSON
from vwo.errors import VwoError
from vwo.site.build import build_context
from vwo.text.coverage import load_coverage
from vwo.text.parse import load_agreement


def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs = Path(config.docs_dir)
    try:
        target = build_context(config.extra.get("vwo", {}), config.config_file_path, os.environ)
        if not target.target.version_pages:
            return files  # the build of the standard has no text
        display = os.path.relpath(docs, target.root)
        agreement = load_agreement(docs, display=display)
        coverage = coverage_map(load_coverage(docs, agreement, display=display))
    except VwoError as error:
        raise PluginError(str(error)) from error
    for path in (TEXT_JSON, PAGE):
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path}: clashes with the generated toets page; rename or remove it")
    files.append(File.generated(config, TEXT_JSON, content=text_json(agreement, target.version, coverage)))
    available = {file.src_uri for file in files}
    files.append(File.generated(config, PAGE, content=toets_page(target.version, available)))
    return files
