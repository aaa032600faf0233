"""Word (DOCX) and OpenDocument (ODT) files, written by pandoc.

Pipeline: ``Document`` -> pandoc Markdown (variant per format, placeholders as
fillable fields) -> pandoc with a table of contents and Dutch metadata -> the few
style fixes pandoc offers no option for (table borders to write in, heading colour)
applied to the package's XML -> bytes. The fixes rewrite the ZIP entry by entry with
the same order, dates and compression, so the output stays reproducible.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from vwo.downloads.document import Document
from vwo.downloads.markdown import pandoc_markdown
from vwo.downloads.pandoc import Job, convert

OfficeFormat = Literal["docx", "odt"]
ARGS = ("--toc", "--toc-depth=2", "--metadata=lang:nl-NL", "--metadata=toc-title:Inhoudsopgave")
ACCENT = "154273"

WORD_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="7F7F7F"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
ODF_CELL = 'fo:border="0.5pt solid #7f7f7f" fo:padding="0.04in"'


def _word_styles(xml: str) -> str:
    # Pandoc's "Table" style has no borders: a form needs visible cells to write in.
    # Patterns match any attribute order: pandoc re-serialises its reference styles.
    table = re.compile(r'(<w:style\b[^>]*\bw:styleId="Table"[^>]*>.*?<w:tblPr>)(.*?)(</w:tblPr>)', re.S)
    xml = table.sub(lambda m: m[1] + _with_borders(_cell_margins(m[2])) + m[3], xml, count=1)
    heading = re.compile(r'<w:color\b[^>]*\bw:themeColor="accent1"[^>]*/>')
    return heading.sub(f'<w:color w:val="{ACCENT}" />', xml)


def _with_borders(properties: str) -> str:
    """Insert the borders where the schema orders them: after ``w:tblInd`` if present."""
    indent = re.search(r"<w:tblInd\b[^>]*/>", properties)
    at = indent.end() if indent else 0
    return properties[:at] + WORD_BORDERS + properties[at:]


def _cell_margins(properties: str) -> str:
    """Some air above and below the text in every table cell (40 twips = 2 pt)."""
    return re.sub(r'(<w:(?:top|bottom)\b[^>]*\bw:w=")0(")', r"\g<1>40\2", properties)


def _odf_content(xml: str) -> str:
    for name in ("TableHeaderRowCell", "TableRowCell"):
        cell = re.compile(
            rf'(<style:style\b[^>]*\bstyle:name="{name}"[^>]*>\s*<style:table-cell-properties\b[^>]*?)'
            r'\s*fo:border="none"'
        )
        xml = cell.sub(lambda m: f"{m[1]} {ODF_CELL}", xml, count=1)
    return xml


FIXES: dict[OfficeFormat, tuple[str, Callable[[str], str]]] = {
    "docx": ("word/styles.xml", _word_styles),
    "odt": ("content.xml", _odf_content),
}


def patch_zip(data: bytes, name: str, fix: Callable[[str], str]) -> bytes:
    """``data`` with the text entry ``name`` passed through ``fix``; all else unchanged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == name:
                content = fix(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def render_office(document: Document, fmt: OfficeFormat) -> bytes:
    epoch = int(document.meta.source_date.timestamp())
    with tempfile.TemporaryDirectory(prefix="vwo-office-") as tmp:
        target = Path(tmp) / f"out.{fmt}"
        convert(Job(pandoc_markdown(document, fmt), fmt, ARGS, target), epoch=epoch)
        name, fix = FIXES[fmt]
        return patch_zip(target.read_bytes(), name, fix)
