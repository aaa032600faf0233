"""Word (DOCX) and OpenDocument (ODT) files, written by pandoc.

Pipeline: ``Document`` -> pandoc Markdown (variant per format, placeholders as
fillable fields, the signing table written for the format) -> pandoc with a table of
contents and Dutch metadata -> the fixes pandoc offers no option for, applied to the
package's XML: an A4 page with a header (version, status, the marking of a version
that is not adopted, a watermark) and a footer "pagina X van Y" (``word``, ``odf``),
table borders, 10 pt tables (smaller where the words of many columns would not fit),
heading colour, and a table of contents filled in with page-number fields -> bytes.
The fixes rewrite the ZIP entry by entry with the same order, dates and compression,
so the output stays reproducible.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from vwo.downloads import odf, word
from vwo.downloads.document import Document
from vwo.downloads.markdown import ODT_PAGE_BREAK, SMALL_TABLE, pandoc_markdown
from vwo.downloads.pandoc import Job, convert
from vwo.errors import VwoError

OfficeFormat = Literal["docx", "odt"]
Fix = Callable[[str], str]
ARGS = ("--toc", "--toc-depth=2")


def pandoc_args(document: Document) -> tuple[str, ...]:
    """The contents and the language of the file: Dutch, or a translation's (``lang`` is
    what Word and LibreOffice spell-check and hyphenate with)."""
    words = document.meta.labels
    return (*ARGS, f"--metadata=lang:{words.tag}", f"--metadata=toc-title:{words.contents}")


ACCENT = "154273"
ODF_CELL = 'fo:border="0.5pt solid #7f7f7f" fo:padding="0.04in"'
SMALL = re.compile(rf"<!-- {SMALL_TABLE} (\d+) -->\s*")

# Pandoc writes the table of contents as a field (DOCX) or index (ODT) with no entries:
# it stays empty until the reader updates it, and LibreOffice does not do so on opening.
# Fill it in with a linked entry per heading and its page number as a reference field,
# which Word and LibreOffice compute when they lay out the pages. In a DOCX the entries
# replace the TOC field: LibreOffice shows a TOC field's stored result as it is, without
# page numbers, but computes a PAGEREF field outside it.
WORD_HEADING = re.compile(
    r'<w:bookmarkStart\b[^>]*\bw:name="([^"]+)"[^>]*/>\s*'
    r'<w:p><w:pPr><w:pStyle w:val="Heading([12])" /></w:pPr>(.*?)</w:p>',
    re.S,
)
WORD_EMPTY_TOC = re.compile(
    r'<w:p><w:r><w:fldChar w:fldCharType="begin"[^>]*/><w:instrText xml:space="preserve">TOC [^<]*'
    r'</w:instrText><w:fldChar w:fldCharType="separate" /><w:fldChar w:fldCharType="end" /></w:r></w:p>'
)
ODF_HEADING = re.compile(
    r'<text:h\b[^>]*\btext:outline-level="([12])"[^>]*>'
    r'<text:bookmark-start text:name="([^"]+)" />(.*?)<text:bookmark-end[^>]*/></text:h>',
    re.S,
)


# DOCX -----------------------------------------------------------------------------------


def _word_styles(xml: str) -> str:
    heading = re.compile(r'<w:color\b[^>]*\bw:themeColor="accent1"[^>]*/>')
    small = "".join(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="VwoTabel{size}">'
        f'<w:name w:val="Tabel {size} pt" /><w:basedOn w:val="Compact" />'
        f'<w:rPr><w:sz w:val="{2 * size}" /><w:szCs w:val="{2 * size}" /></w:rPr></w:style>'
        for size in range(8, 10)
    )
    xml = xml.replace("</w:styles>", small + "</w:styles>", 1)
    return heading.sub(f'<w:color w:val="{ACCENT}" />', word.table_style(xml))


def _word_section(xml: str) -> str:
    """Pandoc's closing section (no page size: Word falls back to Letter) becomes A4 with
    the header and footer; pandoc's footnote settings stay."""
    match = re.search(r"<w:sectPr>(.*?)</w:sectPr>\s*</w:body>", xml, re.S)
    if match is None:
        raise VwoError("pandoc --to docx", "no section properties in word/document.xml", "a pandoc change?")
    inner = "".join(re.findall(r"<w:footnotePr>.*?</w:footnotePr>", match[1], re.S))
    return xml[: match.start()] + word.section_properties(inner) + "\n  </w:body>" + xml[match.end() :]


def _word_settings(xml: str) -> str:
    """Ask Word to update the fields on opening: the contents' page numbers are filled in."""
    return xml.replace("<w:rsids>", '<w:updateFields w:val="true" /><w:rsids>', 1)


def _word_small_tables(xml: str) -> str:
    """A table after a small-table marker gets the paragraph style of its text size."""
    out, pos = [], 0
    for match in SMALL.finditer(xml):
        end = xml.index("</w:tbl>", match.end()) + len("</w:tbl>")
        table = xml[match.end() : end].replace('w:val="Compact"', f'w:val="VwoTabel{match[1]}"')
        out.extend([xml[pos : match.start()], table])
        pos = end
    return "".join(out) + xml[pos:]


def _word_toc(xml: str) -> str:
    entries: list[str] = []

    def bookmark(match: re.Match[str]) -> str:
        # Pandoc's bookmark spans the heading's whole section; LibreOffice loses some of
        # those (a section ending in a table). The entry refers to one around the heading.
        number = len(entries) + 1
        name, level, body = f"_TocVwo{number}", match[2], match[3]
        label = "".join(re.findall(r"<w:t\b[^>]*>(.*?)</w:t>", body, re.S))
        indent = "" if level == "1" else '<w:ind w:left="440"/>'
        # Word updates the PAGEREF field on opening (it asks: settings.xml).
        page = word.field(f"PAGEREF {name} \\h", "")
        entries.append(
            f'<w:p><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{word.TEXT_WIDTH}"/></w:tabs>'
            f'<w:spacing w:after="60"/>{indent}</w:pPr><w:hyperlink w:anchor="{name}">'
            f'<w:r><w:t xml:space="preserve">{label}</w:t></w:r><w:r><w:tab/></w:r>'
            f"{page}</w:hyperlink></w:p>"
        )
        mark = f'<w:bookmarkStart w:id="{9000 + number}" w:name="{name}"/>'
        return match[0].replace("</w:pPr>", "</w:pPr>" + mark, 1).removesuffix("</w:p>") + (
            f'<w:bookmarkEnd w:id="{9000 + number}"/></w:p>'
        )

    xml = WORD_HEADING.sub(bookmark, xml)
    return WORD_EMPTY_TOC.sub(lambda m: "".join(entries), xml, count=1)


def word_fixes(document: Document) -> dict[str, Fix]:
    return {
        "[Content_Types].xml": lambda xml: word.add_header_footer(xml, "")[0],
        "word/_rels/document.xml.rels": lambda xml: word.add_header_footer("", xml)[1],
        "word/styles.xml": _word_styles,
        "word/document.xml": lambda xml: word.scale_grids(_word_section(_word_small_tables(_word_toc(xml)))),
        "word/settings.xml": _word_settings,
    }


def word_parts(document: Document) -> dict[str, str]:
    meta = document.meta
    return {
        word.HEADER_PART: word.header_xml(meta.running_head, meta.watermark),
        word.FOOTER_PART: word.footer_xml(meta.labels.page, meta.labels.of),
    }


# ODT ------------------------------------------------------------------------------------


def _odf_small_tables(xml: str) -> tuple[str, set[int]]:
    """A table after a small-table marker gets the paragraph styles of its text size."""
    sizes: set[int] = set()
    out, pos = [], 0
    for match in SMALL.finditer(xml):
        size = int(match[1])
        sizes.add(size)
        end = xml.index("</table:table>", match.end()) + len("</table:table>")
        table = xml[match.end() : end]
        for part, style in (("Inhoud", "Table_20_Contents"), ("Kop", "Table_20_Heading")):
            table = table.replace(
                f'text:style-name="{style}"',
                f'text:style-name="{odf.SMALL_STYLE.format(size=size, part=part)}"',
            )
        out.extend([xml[pos : match.start()], table])
        pos = end
    return "".join(out) + xml[pos:], sizes


def _odf_content(xml: str) -> str:
    xml, sizes = _odf_small_tables(xml)
    page_break = (
        f'<style:style style:name="{ODT_PAGE_BREAK}" style:family="paragraph" '
        'style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page" />'
        "</style:style>"
    )
    styles = page_break + odf.content_styles(sizes)
    xml = xml.replace("<office:automatic-styles>", "<office:automatic-styles>" + styles, 1)
    xml = xml.replace(
        "<office:document-content ", f'<office:document-content xmlns:loext="{odf.LOEXT_NS}" ', 1
    )
    for name in ("TableHeaderRowCell", "TableRowCell"):
        cell = re.compile(
            rf'(<style:style\b[^>]*\bstyle:name="{name}"[^>]*>\s*<style:table-cell-properties\b[^>]*?)'
            r'\s*fo:border="none"'
        )
        xml = cell.sub(lambda m: f"{m[1]} {ODF_CELL}", xml, count=1)
    return xml


def _odf_toc(xml: str) -> str:
    entries: list[str] = []

    def bookmark(match: re.Match[str]) -> str:
        # A name of our own: LibreOffice resolves "wijzigingen-1" to "wijzigingen".
        level, body = match[1], match[3]
        name = f"_TocVwo{len(entries) + 1}"
        entries.append(
            f'<text:p text:style-name="{odf.TOC_STYLES[level]}"><text:a xlink:type="simple" '
            f'xlink:href="#{name}">{re.sub(r"<[^>]+>", "", body)}</text:a><text:tab/>'
            f'<text:bookmark-ref text:reference-format="page" text:ref-name="{name}"></text:bookmark-ref>'
            "</text:p>"
        )
        return match[0].replace(" />", f' /><text:bookmark text:name="{name}" />', 1)

    xml = ODF_HEADING.sub(bookmark, xml)
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


def odf_fixes(document: Document) -> dict[str, Fix]:
    meta = document.meta
    return {
        "content.xml": lambda xml: _odf_toc(_odf_content(xml)),
        "styles.xml": lambda xml: odf.styles_xml(
            xml, meta.running_head, meta.watermark, (meta.labels.page, meta.labels.of)
        ),
    }


# Both -----------------------------------------------------------------------------------


def fixes(document: Document, fmt: OfficeFormat) -> tuple[dict[str, Fix], dict[str, str]]:
    """(fixes of pandoc's parts, parts to add) for ``fmt``."""
    if fmt == "docx":
        return word_fixes(document), word_parts(document)
    return odf_fixes(document), {}


def patch_zip(data: bytes, fixes: dict[str, Fix], added: dict[str, str] | None = None) -> bytes:
    """``data`` with each named text entry passed through its fix and the ``added`` parts
    after the others, with the same date and compression; all else unchanged."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        infos = source.infolist()
        for info in infos:
            content = source.read(info)
            if info.filename in fixes:
                content = fixes[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
        for name, text in (added or {}).items():
            entry = zipfile.ZipInfo(name, date_time=infos[-1].date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = infos[-1].external_attr
            target.writestr(entry, text.encode("utf-8"))
    return out.getvalue()


def render_office(document: Document, fmt: OfficeFormat) -> bytes:
    epoch = int(document.meta.source_date.timestamp())
    with tempfile.TemporaryDirectory(prefix="vwo-office-") as tmp:
        target = Path(tmp) / f"out.{fmt}"
        convert(Job(pandoc_markdown(document, fmt), fmt, pandoc_args(document), target), epoch=epoch)
        return patch_zip(target.read_bytes(), *fixes(document, fmt))
