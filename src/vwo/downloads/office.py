"""Word (DOCX) and OpenDocument (ODT) files, written by pandoc.

Pipeline: ``Document`` -> pandoc Markdown (variant per format, placeholders as
fillable fields) -> pandoc with a table of contents and Dutch metadata -> bytes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from vwo.downloads.document import Document
from vwo.downloads.markdown import pandoc_markdown
from vwo.downloads.pandoc import Job, convert

OfficeFormat = Literal["docx", "odt"]
ARGS = ("--toc", "--toc-depth=2", "--metadata=lang:nl-NL", "--metadata=toc-title:Inhoudsopgave")


def render_office(document: Document, fmt: OfficeFormat) -> bytes:
    epoch = int(document.meta.source_date.timestamp())
    with tempfile.TemporaryDirectory(prefix="vwo-office-") as tmp:
        target = Path(tmp) / f"out.{fmt}"
        convert(Job(pandoc_markdown(document, fmt), fmt, ARGS, target), epoch=epoch)
        return target.read_bytes()
