"""WordprocessingML shared by the DOCX download and the Word redline (``vwo.compare.docx``).

Pipeline: facts (running head, marking of a version that is not adopted) -> XML parts:
an A4 section with 2.5 cm margins, a header with the version and status on every page
(and, for a version that is not adopted, the marking in red and a diagonal watermark),
a footer "pagina X van Y" with real PAGE and NUMPAGES fields -> ``add_header_footer``
wires the two parts into a package's content types and relationships. Also: the
signing table (rows never split, the whole table kept on one page) and the table
style with borders. Pure: text in, XML strings out.
"""

from __future__ import annotations

import re

from vwo.downloads.document import WATERMARK_DEGREES, SignatureForm, watermark_size
from vwo.site.escape import xml_attribute, xml_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PART_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# A4 in twips (1/20 pt): 210 x 297 mm; 2.5 cm margins leave 16 cm for the text.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_PART, FOOTER_PART = "word/header1.xml", "word/footer1.xml"
HEADER_ID, FOOTER_ID = "rIdVwoHeader", "rIdVwoFooter"
MARKING_COLOR = "8A1111"  # the red of the PDF's notice; 7.9:1 on white
GREY = "4D4D4D"
BORDER = "7F7F7F"


def _t(text: str) -> str:
    return f'<w:t xml:space="preserve">{xml_text(text)}</w:t>'


def run(text: str, *, bold: bool = False, color: str | None = None, size: int | None = None) -> str:
    """One run; ``size`` in half-points (Word's unit: 20 is 10 pt)."""
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{color}"/>' if color else "")
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{_t(text)}</w:r>"


def field(instruction: str, shown: str, *, size: int | None = None) -> str:
    """A complex field (PAGE, NUMPAGES, PAGEREF): Word and LibreOffice compute it when
    they lay out the page; ``shown`` is the value until then."""
    props = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>' if size else ""
    return (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve"> {xml_text(instruction)} </w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{props}{_t(shown)}</w:r>"
        f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def watermark(text: str) -> str:
    """Word's own watermark: a VML text path behind the text of every page, diagonal,
    light red (Word: Ontwerpen > Watermerk; LibreOffice shows it the same way)."""
    width, height = watermark_size(text)
    return (
        '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr><w:pict>'
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
        + "".join(
            f'<v:f eqn="{eqn}"/>'
            for eqn in (
                "sum #0 0 10800",
                "prod #0 2 1",
                "sum 21600 0 @1",
                "sum 0 0 @2",
                "sum 21600 0 @3",
                "if @0 @3 0",
                "if @0 21600 @1",
                "if @0 0 @2",
                "if @0 @4 21600",
                "mid @5 @6",
                "mid @8 @5",
                "mid @7 @8",
                "mid @6 @7",
                "sum @6 0 @5",
            )
        )
        + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
        '<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
        '</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s1025" type="#_x0000_t136" '
        f'style="position:absolute;margin-left:0;margin-top:0;width:{width}cm;height:{height}cm;'
        f"rotation:{360 - WATERMARK_DEGREES};"
        "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
        'fillcolor="#be1e1e" stroked="f"><v:fill opacity="0.15"/>'
        f'<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt" string="{xml_attribute(text)}"/>'
        "</v:shape></w:pict></w:r></w:p>"
    )


def _part(root: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}">{body}</w:{root}>'
    )


def header_xml(running_head: str, marking: str | None) -> str:
    """The header of every page: the running head, then the marking of a version that is
    not adopted (in red, and as a watermark), above a thin rule."""
    rule = f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>'
    paragraphs = [(run(running_head, color=GREY, size=17), not marking)]
    if marking:
        paragraphs.append((run(marking, bold=True, color=MARKING_COLOR, size=18), True))
    body = "".join(
        f'<w:p><w:pPr>{rule if last else ""}<w:spacing w:after="0"/></w:pPr>{content}</w:p>'
        for content, last in paragraphs
    )
    return _part("hdr", body + (watermark(marking) if marking else ""))


def footer_xml(page: str = "pagina", of: str = "van") -> str:
    """ "pagina 3 van 14" (or "page 3 of 14"), centred."""
    size = 17
    body = (
        '<w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>'
        + run(f"{page} ", color=GREY, size=size)
        + field("PAGE", "1", size=size)
        + run(f" {of} ", color=GREY, size=size)
        + field("NUMPAGES", "1", size=size)
        + "</w:p>"
    )
    return _part("ftr", body)


def section_properties(inner: str = "") -> str:
    """The document's one section: header and footer on every page, A4, margins.
    ``inner`` (e.g. pandoc's footnote settings) goes where the schema puts it."""
    return (
        f'<w:sectPr><w:headerReference w:type="default" r:id="{HEADER_ID}"/>'
        f'<w:footerReference w:type="default" r:id="{FOOTER_ID}"/>{inner}'
        f'<w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        'w:header="709" w:footer="567" w:gutter="0"/></w:sectPr>'
    )


def add_header_footer(content_types: str, relationships: str) -> tuple[str, str]:
    """``[Content_Types].xml`` and ``word/_rels/document.xml.rels`` with the two parts."""
    overrides = "".join(
        f'<Override PartName="/{part}" ContentType="{PART_TYPE}.{kind}+xml"/>'
        for part, kind in ((HEADER_PART, "header"), (FOOTER_PART, "footer"))
    )
    links = "".join(
        f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{part.removeprefix("word/")}"/>'
        for rid, kind, part in ((HEADER_ID, "header", HEADER_PART), (FOOTER_ID, "footer", FOOTER_PART))
    )
    return (
        content_types.replace("</Types>", overrides + "</Types>", 1),
        relationships.replace("</Relationships>", links + "</Relationships>", 1),
    )


# Tables ---------------------------------------------------------------------------------

TABLE_SIZE = 20  # 10 pt in every table: a form needs room for the filling in
WORD_BORDERS = (
    "<w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
TABLE_STYLE = re.compile(r'(<w:style\b[^>]*\bw:styleId="Table"[^>]*>.*?)(<w:tblPr>)(.*?)(</w:tblPr>)', re.S)


def _with_borders(properties: str) -> str:
    """Insert the borders where the schema orders them: after ``w:tblInd`` if present."""
    indent = re.search(r"<w:tblInd\b[^>]*/>", properties)
    at = indent.end() if indent else 0
    return properties[:at] + WORD_BORDERS + properties[at:]


def _cell_margins(properties: str) -> str:
    """Some air above and below the text in every table cell (40 twips = 2 pt)."""
    return re.sub(r'(<w:(?:top|bottom)\b[^>]*\bw:w=")0(")', r"\g<1>40\2", properties)


def table_style(styles: str) -> str:
    """Pandoc's "Table" style with borders, cell margins and 10 pt text: a form needs
    visible cells to write in. Patterns match any attribute order (pandoc re-serialises)."""
    size = f'<w:rPr><w:sz w:val="{TABLE_SIZE}"/><w:szCs w:val="{TABLE_SIZE}"/></w:rPr>'
    return TABLE_STYLE.sub(
        lambda m: m[1] + size + m[2] + _with_borders(_cell_margins(m[3])) + m[4], styles, count=1
    )


# 3.2 cm for "Handtekening"; the parties share the rest, 6.4 cm each: room for
# "Verwerkingsverantwoordelijke" in bold 9.5 pt, whole, even in a wide fallback font.
SIGNATURE_LABEL, SIGNATURE_HEAD = 1814, 19


def _cell(width: int, content: str, *, keep: bool) -> str:
    keep_next = "<w:keepNext/><w:keepLines/>" if keep else "<w:keepLines/>"
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="Compact"/>{keep_next}</w:pPr>{content}</w:p></w:tc>'
    )


def signature_table(form: SignatureForm, intro: str = "Aldus overeengekomen en ondertekend:") -> str:
    """The signing table: no row splits (``cantSplit``) and every paragraph but the last
    row's keeps with the next, so the table, with its introduction, stays on one page."""
    party = (TEXT_WIDTH - SIGNATURE_LABEL) // len(form.parties)
    widths = [SIGNATURE_LABEL, *[party] * len(form.parties)]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = []
    blank = [""] * len(form.parties)
    all_rows = [(["", *form.parties], True), *[([label, *blank], False) for label in form.rows]]
    for index, (cells, is_header) in enumerate(all_rows):
        last = index == len(all_rows) - 1
        # Room to write: 1 cm per line, 2 cm for the signature.
        height = 0 if is_header else (1134 if last else 567)
        props = "<w:cantSplit/>" + ("<w:tblHeader/>" if is_header else "")
        if height:
            props += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
        size = SIGNATURE_HEAD if is_header else TABLE_SIZE
        tcs = "".join(
            _cell(width, run(text, bold=True, size=size) if text else "", keep=not last)
            for width, text in zip(widths, cells, strict=True)
        )
        rows.append(f"<w:tr><w:trPr>{props}</w:trPr>{tcs}</w:tr>")
    return (
        f'<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr>{run(intro)}</w:p>'
        '<w:tbl><w:tblPr><w:tblStyle w:val="Table"/>'
        f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def scale_grids(document: str, width: int = TEXT_WIDTH) -> str:
    """Pandoc sizes table grids for its own page width: scale each to the A4 text width."""

    def scale(match: re.Match[str]) -> str:
        cols = [int(w) for w in re.findall(r'w:w="(\d+)"', match[0])]
        total = sum(cols) or 1
        return (
            "<w:tblGrid>"
            + "".join(f'<w:gridCol w:w="{c * width // total}" />' for c in cols)
            + "</w:tblGrid>"
        )

    return re.sub(r"<w:tblGrid>.*?</w:tblGrid>", scale, document, flags=re.S)
