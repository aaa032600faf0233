"""OpenDocument pieces of the ODT download, for ``vwo.downloads.office``.

Pipeline: facts (running head, marking of a version that is not adopted) -> XML:
an A4 page layout with 2.5 cm margins, a master page whose header holds the version and
status (and, for a version that is not adopted, the marking in red and a diagonal
watermark as LibreOffice writes one) and whose footer says "pagina X van Y" with
page-number and page-count fields; the styles the body refers to (fill-in fields on a
grey ground, the signing table kept on one page, contents entries with a dotted tab to
their page number). Pure: text in, XML strings out.
"""

from __future__ import annotations

import math
import re

from vwo.downloads.document import WATERMARK_DEGREES, SignatureForm, watermark_size
from vwo.site.escape import xml_text

LOEXT_NS = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
GREY, MARKING_COLOR, BORDER = "#4d4d4d", "#8a1111", "#7f7f7f"
TEXT_CM, TEXT_HEIGHT_CM = 16.0, 24.7  # A4 (21 x 29.7 cm) minus the margins
FIELD_STYLE, SIGNATURE_STYLE = "VwoInvulveld", "VwoOndertekening"
TOC_STYLES = {"1": "VwoInhoud1", "2": "VwoInhoud2"}
SMALL_STYLE = "VwoTabel{size}{part}"  # part: Inhoud (cells) or Kop (header row)

PAGE_LAYOUT = (
    '<style:page-layout style:name="Mpm1"><style:page-layout-properties fo:page-width="21cm" '
    'fo:page-height="29.7cm" style:num-format="1" style:print-orientation="portrait" '
    'fo:margin-top="1.25cm" fo:margin-bottom="1.1cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm" '
    'style:writing-mode="lr-tb" style:footnote-max-height="0cm">'
    '<style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm" '
    'style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left" '
    'style:rel-width="25%" style:color="#000000"/></style:page-layout-properties>'
    '<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm" '
    'style:dynamic-spacing="false"/></style:header-style>'
    '<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm" '
    'style:dynamic-spacing="false"/></style:footer-style></style:page-layout>'
)
RULE = (
    f'fo:padding-bottom="0.1cm" fo:border-bottom="0.5pt solid {BORDER}" fo:border-top="none" '
    'fo:border-left="none" fo:border-right="none"'
)
# Automatic styles cannot inherit from one another: each header style is whole.
HEAD = f'fo:font-size="8.5pt" fo:color="{GREY}"'
MARK = f'fo:font-size="9pt" fo:font-weight="bold" fo:color="{MARKING_COLOR}"'
HEADER_STYLES = (
    "".join(
        f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="Standard">'
        f'<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm" {rule}/>'
        f"<style:text-properties {text}/></style:style>"
        for name, rule, text in (
            ("VwoKop", "", HEAD),
            ("VwoKopLijn", RULE, HEAD),
            ("VwoKopLijnMarkering", RULE, MARK),
        )
    )
    + '<style:style style:name="VwoVoet" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:paragraph-properties fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0cm"/>'
    f"<style:text-properties {HEAD}/></style:style>"
    '<style:style style:name="VwoWatermerk" style:family="graphic">'
    '<style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="#be1e1e" '
    'draw:opacity="15%" draw:auto-grow-height="false" draw:auto-grow-width="false" '
    'style:run-through="background" style:wrap="run-through" style:number-wrapped-paragraphs="no-limit" '
    'style:vertical-pos="middle" style:vertical-rel="page-content" style:horizontal-pos="center" '
    'style:horizontal-rel="page-content" style:flow-with-text="false"/></style:style>'
    '<style:style style:name="VwoWatermerkTekst" style:family="paragraph">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
)
# Contents (10 pt, as in the DOCX) of every table, and the header row in bold.
TABLE_TEXT = '<style:text-properties fo:font-size="10pt" style:font-size-complex="10pt"/>'


WATERMARK_ANGLE = round(math.radians(WATERMARK_DEGREES), 4)  # as LibreOffice writes it


def watermark(text: str) -> str:
    """LibreOffice's own watermark (Opmaak > Watermerk): fontwork text behind the page."""
    width, height = watermark_size(text)
    # Rotated about its top left corner, then moved so its box is centred on the text area.
    sin, cos = math.sin(WATERMARK_ANGLE), math.cos(WATERMARK_ANGLE)
    x = (TEXT_CM - width * cos - height * sin) / 2
    y = (TEXT_HEIGHT_CM - width * sin - height * cos) / 2 + width * sin
    equations = (
        ("f0", "$0 -10800"),
        ("f1", "?f0 *2"),
        ("f2", "abs(?f1 )"),
        ("f3", "if(?f1 ,0,?f2 )"),
        ("f4", "21600-?f2 "),
        ("f5", "if(?f1 ,?f4 ,21600)"),
        ("f6", "if(?f1 ,?f2 ,0)"),
        ("f7", "if(?f1 ,21600,?f4 )"),
    )
    return (
        '<draw:custom-shape text:anchor-type="char" draw:z-index="0" draw:name="PowerPlusWaterMarkObject1" '
        f'draw:style-name="VwoWatermerk" svg:width="{width}cm" svg:height="{height}cm" '
        f'draw:transform="rotate ({WATERMARK_ANGLE}) translate ({x:.2f}cm {y:.2f}cm)">'
        f'<text:p text:style-name="VwoWatermerkTekst">{xml_text(text)}</text:p>'
        '<draw:enhanced-geometry draw:text-path="true" draw:text-path-mode="shape" '
        'draw:text-path-scale="path" draw:text-path-same-letter-heights="false" '
        'svg:viewBox="0 0 21600 21600" '
        'draw:text-areas="0 0 21600 21600" draw:type="fontwork-plain-text" draw:modifiers="10800" '
        'draw:enhanced-path="M ?f3 0 L ?f5 0 N M ?f6 21600 L ?f7 21600 N">'
        + "".join(f'<draw:equation draw:name="{n}" draw:formula="{f}"/>' for n, f in equations)
        + '<draw:handle draw:handle-position="$0 21600" draw:handle-range-x-minimum="6629" '
        'draw:handle-range-x-maximum="14971"/></draw:enhanced-geometry></draw:custom-shape>'
    )


def master_page(running_head: str, marking: str | None, words: tuple[str, str] = ("pagina", "van")) -> str:
    """Header (running head, the marking) and footer ("pagina X van Y") of every page."""
    if marking:
        header = (
            f'<text:p text:style-name="VwoKop">{xml_text(running_head)}</text:p>'
            f'<text:p text:style-name="VwoKopLijnMarkering">{xml_text(marking)}{watermark(marking)}</text:p>'
        )
    else:
        header = f'<text:p text:style-name="VwoKopLijn">{xml_text(running_head)}</text:p>'
    footer = (
        f'<text:p text:style-name="VwoVoet">{xml_text(words[0])} '
        '<text:page-number text:select-page="current">1'
        f"</text:page-number> {xml_text(words[1])} <text:page-count>1</text:page-count></text:p>"
    )
    return (
        '<style:master-page style:name="Standard" style:page-layout-name="Mpm1">'
        f"<style:header>{header}</style:header><style:footer>{footer}</style:footer></style:master-page>"
    )


def styles_xml(
    xml: str, running_head: str, marking: str | None, words: tuple[str, str] = ("pagina", "van")
) -> str:
    """Pandoc's styles.xml with the A4 page, the header and footer, and 10 pt tables."""
    layout = re.compile(r'<style:page-layout style:name="Mpm1">.*?</style:page-layout>', re.S)
    xml = layout.sub(PAGE_LAYOUT, xml, count=1)
    xml = xml.replace("</office:automatic-styles>", HEADER_STYLES + "</office:automatic-styles>", 1)
    xml = re.sub(
        r'<style:master-page style:name="Standard".*?</style:master-page>',
        lambda _: master_page(running_head, marking, words),
        xml,
        count=1,
        flags=re.S,
    )
    contents = re.compile(
        r'(<style:style\b[^>]*style:name="Table_20_Contents"[^>]*>.*?)(</style:style>)', re.S
    )
    return contents.sub(lambda m: m[1] + TABLE_TEXT + m[2], xml, count=1)


# content.xml --------------------------------------------------------------------------


def content_styles(small_sizes: set[int]) -> str:
    """Automatic styles the body refers to."""
    toc = "".join(
        f'<style:style style:name="{name}" style:family="paragraph" '
        f'style:parent-style-name="Contents_20_{level}">'
        f'<style:paragraph-properties fo:margin-left="{indent}cm" fo:margin-bottom="0.1cm">'
        f'<style:tab-stops><style:tab-stop style:position="{TEXT_CM - indent}cm" '
        'style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>'
        "</style:paragraph-properties></style:style>"
        for level, name in TOC_STYLES.items()
        for indent in [0.0 if level == "1" else 0.6]
    )
    small = "".join(
        f'<style:style style:name="{SMALL_STYLE.format(size=size, part=part)}" style:family="paragraph" '
        f'style:parent-style-name="{parent}"><style:text-properties fo:font-size="{size}pt" '
        f'style:font-size-complex="{size}pt"/></style:style>'
        for size in sorted(small_sizes)
        for part, parent in (("Inhoud", "Table_20_Contents"), ("Kop", "Table_20_Heading"))
    )
    return (
        f'<style:style style:name="{FIELD_STYLE}" style:family="text">'
        '<style:text-properties fo:color="#595959" fo:background-color="#e6e6e6"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}" style:family="table">'
        f'<style:table-properties style:width="{TEXT_CM}cm" table:align="left" '
        'style:may-break-between-rows="false"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.A" style:family="table-column">'
        '<style:table-column-properties style:column-width="3.2cm"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.B" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{(TEXT_CM - 3.2) / 2}cm"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.Rij" style:family="table-row">'
        '<style:table-row-properties style:min-row-height="1cm" fo:keep-together="always"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.Handtekening" style:family="table-row">'
        '<style:table-row-properties style:min-row-height="2cm" fo:keep-together="always"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.Kop" style:family="paragraph" '
        'style:parent-style-name="Table_20_Heading">'
        '<style:text-properties fo:font-size="9.5pt" fo:font-weight="bold"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.Label" style:family="paragraph" '
        'style:parent-style-name="Table_20_Contents">'
        '<style:text-properties fo:font-weight="bold"/></style:style>'
        f'<style:style style:name="{SIGNATURE_STYLE}.Inleiding" style:family="paragraph" '
        'style:parent-style-name="Text_20_body"><style:paragraph-properties fo:keep-with-next="always"/>'
        "</style:style>" + toc + small
    )


def field(label: str) -> str:
    """A fill-in field: a content control showing ``[label]`` on a grey ground until it
    is filled in; it prints and exports to PDF as it shows (a ``text:placeholder``
    prints as a blank gap). Applications without content controls show the text."""
    return (
        f'<text:span text:style-name="{FIELD_STYLE}">'
        '<loext:content-control loext:showing-place-holder="true">'
        f"{xml_text(f'[{label}]')}</loext:content-control></text:span>"
    )


def signature_table(form: SignatureForm, intro: str = "Aldus overeengekomen en ondertekend:") -> str:
    """The signing table: it may not break between rows (``may-break-between-rows``), no
    row splits, and its introduction keeps with it."""

    def cell(text: str, style: str) -> str:
        body = f'<text:p text:style-name="{style}">{xml_text(text)}</text:p>' if text else "<text:p/>"
        cell_style = 'table:style-name="TableRowCell" office:value-type="string"'
        return f"<table:table-cell {cell_style}>{body}</table:table-cell>"

    head = "".join(cell(p, f"{SIGNATURE_STYLE}.Kop") for p in ("", *form.parties))
    rows = "".join(
        f'<table:table-row table:style-name="{SIGNATURE_STYLE}.{kind}">'
        + cell(label, f"{SIGNATURE_STYLE}.Label")
        + cell("", "") * len(form.parties)
        + "</table:table-row>"
        for i, label in enumerate(form.rows)
        for kind in ["Handtekening" if i == len(form.rows) - 1 else "Rij"]
    )
    return (
        f'<text:p text:style-name="{SIGNATURE_STYLE}.Inleiding">{xml_text(intro)}</text:p>'
        f'<table:table table:name="Ondertekening" table:style-name="{SIGNATURE_STYLE}">'
        f'<table:table-column table:style-name="{SIGNATURE_STYLE}.A"/>'
        f'<table:table-column table:style-name="{SIGNATURE_STYLE}.B" '
        f'table:number-columns-repeated="{len(form.parties)}"/>'
        f"<table:table-header-rows><table:table-row>{head}</table:table-row></table:table-header-rows>"
        f"{rows}</table:table>"
    )
