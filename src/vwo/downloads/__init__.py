"""Downloads of every version: PDF (PDF/A-2a + PDF/UA-1), DOCX, ODT, ``manifest.json``
and ``SHA256SUMS``.

Pipeline: text folder -> ``vwo.text.parse`` model -> ``document`` (format-neutral blocks
and the version's facts) -> ``pdf`` (pandoc -> Typst) and ``office`` (pandoc) ->
``manifest`` -> ``bundle`` (atomic write, content-hash cache). ``source`` finds the
text and facts of a version in a repository; ``page`` renders the site's download
page and box; ``cli`` is ``vwo downloads``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vwo.downloads.bundle import Bundle, cached, copy_bundle, generate
    from vwo.downloads.document import Meta, build_document, version_meta
    from vwo.downloads.manifest import DownloadFile

# Imported on first use (PEP 562): ``import vwo.downloads.cli`` for ``vwo --help`` or
# ``vwo check`` should not load pandoc's and Typst's adapters.
_EXPORTS = {
    "Bundle": "vwo.downloads.bundle",
    "cached": "vwo.downloads.bundle",
    "copy_bundle": "vwo.downloads.bundle",
    "generate": "vwo.downloads.bundle",
    "Meta": "vwo.downloads.document",
    "build_document": "vwo.downloads.document",
    "version_meta": "vwo.downloads.document",
    "DownloadFile": "vwo.downloads.manifest",
}

__all__ = [
    "Bundle",
    "DownloadFile",
    "Meta",
    "build_document",
    "cached",
    "copy_bundle",
    "generate",
    "version_meta",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
