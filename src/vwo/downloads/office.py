"""Word (DOCX) and OpenDocument (ODT) files, written by pandoc.

Pipeline: ``Document`` -> pandoc Markdown (variant per format, placeholders as
fillable fields) -> pandoc with a table of contents and Dutch metadata -> the few
fixes pandoc offers no option for (table borders to write in, heading colour, a
filled-in table of contents) applied to the package's XML -> bytes. The fixes rewrite
the ZIP entry by entry with the same order, dates and compression, so the output stays
reproducible.
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
from vwo.downloads.markdown import ODT_PAGE_BREAK, pandoc_markdown
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
    page_break = (
        f'<style:style style:name="{ODT_PAGE_BREAK}" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page" />'
        "</style:style>"
    )
    xml = xml.replace("<office:automatic-styles>", "<office:automatic-styles>" + page_break, 1)
    for name in ("TableHeaderRowCell", "TableRowCell"):
        cell = re.compile(
            rf'(<style:style\b[^>]*\bstyle:name="{name}"[^>]*>\s*<style:table-cell-properties\b[^>]*?)'
            r'\s*fo:border="none"'
        )
        xml = cell.sub(lambda m: f"{m[1]} {ODF_CELL}", xml, count=1)
    return xml


# Pandoc writes the table of contents as a field (DOCX) or index (ODT) with no entries:
# it stays empty until the reader updates it, and LibreOffice does not do so on opening.
# Fill it in with a linked entry per heading; an update adds the page numbers.
WORD_HEADING = re.compile(
    r'<w:bookmarkStart\b[^>]*\bw:name="([^"]+)"[^>]*/>\s*'
    r'<w:p><w:pPr><w:pStyle w:val="Heading([12])" /></w:pPr>(.*?)</w:p>',
    re.S,
)
WORD_EMPTY_TOC = re.compile(
    r'(<w:instrText xml:space="preserve">TOC [^<]*</w:instrText><w:fldChar w:fldCharType="separate" />)'
    r'(<w:fldChar w:fldCharType="end" />)(</w:r></w:p>)'
)
ODF_HEADING = re.compile(
    r'<text:h\b[^>]*\btext:outline-level="([12])"[^>]*>'
    r'<text:bookmark-start text:name="([^"]+)" />(.*?)<text:bookmark-end[^>]*/></text:h>',
    re.S,
)


def _word_toc(xml: str) -> str:
    entries = []
    for name, level, body in WORD_HEADING.findall(xml):
        label = "".join(re.findall(r"<w:t\b[^>]*>(.*?)</w:t>", body, re.S))
        indent = "" if level == "1" else '<w:ind w:left="440"/>'
        entries.append(
            f'<w:p><w:pPr><w:spacing w:after="60"/>{indent}</w:pPr><w:hyperlink w:anchor="{name}">'
            f'<w:r><w:t xml:space="preserve">{label}</w:t></w:r></w:hyperlink></w:p>'
        )
    return WORD_EMPTY_TOC.sub(lambda m: m[1] + m[3] + "".join(entries) + "<w:p><w:r>" + m[2] + m[3], xml)


def _odf_toc(xml: str) -> str:
    entries = [
        f'<text:p text:style-name="Contents_20_{level}"><text:a xlink:type="simple" xlink:href="#{name}">'
        f"{re.sub(r'<[^>]+>', '', body)}</text:a></text:p>"
        for level, name, body in ODF_HEADING.findall(xml)
    ]
    title = re.search(r"<text:index-title-template\b[^>]*>([^<]*)</text:index-title-template>", xml)
    heading = (
        '<text:index-title text:name="Inhoudsopgave_Head"><text:p text:style-name="Contents_20_Heading">'
        f"{title[1] if title else ''}</text:p></text:index-title>"
    )
    body = f"<text:index-body>{heading}{''.join(entries)}</text:index-body>"
    return xml.replace(
        "</text:table-of-content-source>\n</text:table-of-content>",
        f"</text:table-of-content-source>\n{body}</text:table-of-content>",
        1,
    )


FIXES: dict[OfficeFormat, dict[str, Callable[[str], str]]] = {
    "docx": {"word/styles.xml": _word_styles, "word/document.xml": _word_toc},
    "odt": {"content.xml": lambda xml: _odf_toc(_odf_content(xml))},
}


def patch_zip(data: bytes, fixes: dict[str, Callable[[str], str]]) -> bytes:
    """``data`` with each named text entry passed through its fix; all else unchanged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in fixes:
                content = fixes[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
    return out.getvalue()


def render_office(document: Document, fmt: OfficeFormat) -> bytes:
    epoch = int(document.meta.source_date.timestamp())
    with tempfile.TemporaryDirectory(prefix="vwo-office-") as tmp:
        target = Path(tmp) / f"out.{fmt}"
        convert(Job(pandoc_markdown(document, fmt), fmt, ARGS, target), epoch=epoch)
        return patch_zip(target.read_bytes(), FIXES[fmt])
