"""Downloads of every version: PDF (PDF/A-2a + PDF/UA-1), DOCX, ODT, ``manifest.json``
and ``SHA256SUMS``.

Pipeline: text folder -> ``vwo.text.parse`` model -> ``document`` (format-neutral blocks
and the version's facts) -> ``pdf`` (pandoc -> Typst) and ``office`` (pandoc) ->
``manifest`` -> ``bundle`` (atomic write, content-hash cache). ``source`` finds the
text and facts of a version in a repository; ``page`` renders the site's download
page and box; ``cli`` is ``vwo downloads``.
"""

from vwo.downloads.bundle import Bundle, cached, copy_bundle, generate
from vwo.downloads.document import Meta, build_document, version_meta
from vwo.downloads.manifest import DownloadFile

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
