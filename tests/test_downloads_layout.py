"""The page layout of the downloads, read back from the files' XML (and the PDF's
content): A4, header and footer on every page, the marking of a version that is not
adopted, the signing table kept together, fill-in prompts that print, lists without
double markers. LibreOffice's rendering is checked in test_office_print.py."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.test_downloads import INFO, make_bundle
from vwo.downloads import Bundle, generate, version_meta

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
LETTERED = """\
# Standaard verwerkersovereenkomst gemeenten

**Overwegende dat**

- a. partijen de hoofdovereenkomst [naam gemeente] hebben gesloten;
- b. de verwerker persoonsgegevens verwerkt;

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder:

- **betrokkene**: de persoon op wie persoonsgegevens betrekking hebben;
- **datalek**: een inbreuk in verband met persoonsgegevens.

1.2 De maatregelen omvatten:

- a. versleuteling;
- b. toegangsbeheer;
- d. een procedure om te testen.
"""
ADOPTED_HEAD = "Standaard verwerkersovereenkomst gemeenten · versie 1.0 · Vastgestelde versie"
CONCEPT_HEAD = "Standaard verwerkersovereenkomst gemeenten · Werkversie (concept)"
SIGNING_ROWS = ["", "Naam", "Functie", "Plaats", "Datum", "Handtekening"]


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return make_bundle("1.0", tmp_path_factory.mktemp("a") / "out")


@pytest.fixture(scope="module")
def concept(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return make_bundle("concept", tmp_path_factory.mktemp("c") / "out")


@pytest.fixture(scope="module")
def lettered(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    from vwo.text.parse import parse_sources

    agr = parse_sources({"overeenkomst.md": LETTERED})
    return generate(agr, version_meta(agr.title, "1.0", INFO), tmp_path_factory.mktemp("l") / "out")


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def file(bundle: Bundle, suffix: str) -> Path:
    return bundle.folder / bundle.file(suffix).name


# DOCX -----------------------------------------------------------------------------------


def word_parts(path: Path) -> dict[str, etree._Element]:
    """The header and footer the document's section refers to, followed through the rels."""
    document = part(path, "word/document.xml")
    sections = document.findall(f".//{W}sectPr")
    assert len(sections) == 1
    rels = {r.get("Id"): r.get("Target") for r in part(path, "word/_rels/document.xml.rels")}
    types = etree.tostring(part(path, "[Content_Types].xml")).decode()
    out = {}
    for kind in ("header", "footer"):
        refs = sections[0].findall(f"{W}{kind}Reference")
        assert [r.get(f"{W}type") for r in refs] == ["default"], f"one {kind} on every page"
        target = "word/" + rels[refs[0].get(f"{R}id")]
        assert f'PartName="/{target}"' in types and f"wordprocessingml.{kind}+xml" in types
        out[kind] = part(path, target)
    return out


@pytest.mark.parametrize("which", ["adopted", "concept"])
def test_docx_is_a4_with_margins(which: str, request: pytest.FixtureRequest) -> None:
    path = file(request.getfixturevalue(which), ".docx")
    section = part(path, "word/document.xml").find(f".//{W}sectPr")
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838"), "A4 in twips"
    assert [margins.get(f"{W}{side}") for side in ("top", "right", "bottom", "left")] == ["1418"] * 4
    assert section.find(f"{W}footnotePr") is not None, "pandoc's footnote settings stay"
    children = [etree.QName(c).localname for c in section]
    assert children == ["headerReference", "footerReference", "footnotePr", "pgSz", "pgMar"], "schema order"


def test_docx_header_and_footer_carry_version_status_and_page_fields(
    adopted: Bundle, concept: Bundle
) -> None:
    parts = word_parts(file(adopted, ".docx"))
    assert text_of(parts["header"]) == ADOPTED_HEAD
    assert parts["header"].find(".//{urn:schemas-microsoft-com:vml}textpath") is None, "no watermark"
    footer = parts["footer"]
    fields = [" ".join((t.text or "").split()) for t in footer.iter(f"{W}instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert text_of(footer) == "pagina 1 van 1", "the words around the fields (1 until computed)"
    assert [c.get(f"{W}fldCharType") for c in footer.iter(f"{W}fldChar")] == ["begin", "separate", "end"] * 2
    marked = word_parts(file(concept, ".docx"))["header"]
    assert text_of(marked) == CONCEPT_HEAD + "Concept — niet vastgesteld"
    path = marked.find(".//{urn:schemas-microsoft-com:vml}shape/{urn:schemas-microsoft-com:vml}textpath")
    assert path is not None and path.get("string") == "Concept — niet vastgesteld", "Word's watermark"
    shape = path.getparent()
    assert "rotation:305" in shape.get("style") and shape.get("id").startswith("PowerPlusWaterMarkObject")


def test_docx_signature_table_is_kept_on_one_page(adopted: Bundle) -> None:
    body = part(file(adopted, ".docx"), "word/document.xml").find(f"{W}body")
    table = next(t for t in body.iter(f"{W}tbl") if "Handtekening" in text_of(t))
    rows = table.findall(f"{W}tr")
    assert [text_of(r.find(f"{W}tc")) for r in rows] == SIGNING_ROWS
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows), "no row splits"
    for index, row in enumerate(rows):
        keep = [p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")]
        assert all(keep) if index < len(rows) - 1 else not any(keep), index
    intro = table.getprevious()
    assert text_of(intro) == "Aldus overeengekomen en ondertekend:"
    assert intro.find(f"{W}pPr/{W}keepNext") is not None
    widths = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    assert widths == [1814, 3628, 3628] and sum(widths) == 11906 - 2 * 1418, "3.2 cm + 2 x 6.4 cm"


def test_docx_fill_in_prompts_print_on_a_grey_ground(adopted: Bundle) -> None:
    body = part(file(adopted, ".docx"), "word/document.xml")
    controls = list(body.iter(f"{W}sdt"))
    fields = [c for c in controls if c.find(f"{W}sdtPr/{W}showingPlcHdr") is not None]
    assert len(fields) == 6
    for control in fields:
        run = control.find(f"{W}sdtContent/{W}r")
        assert re.fullmatch(r"\[[^\]]+\]", text_of(run)), "the prompt is real text in the control"
        assert run.find(f"{W}rPr/{W}shd").get(f"{W}fill") == "E6E6E6"


def test_docx_contents_have_page_number_fields_to_each_heading(adopted: Bundle) -> None:
    body = part(file(adopted, ".docx"), "word/document.xml")
    assert not [t for t in body.iter(f"{W}instrText") if (t.text or "").strip().startswith("TOC")]
    marks = {b.get(f"{W}name"): text_of(b.getparent()) for b in body.iter(f"{W}bookmarkStart")}
    entries = [
        link for link in body.iter(f"{W}hyperlink") if link.get(f"{W}anchor", "").startswith("_TocVwo")
    ]
    assert [text_of(e) for e in entries] == [
        "Artikel 1. Definities",
        "Artikel 2. Subverwerkers",
        "Artikel 3. Beëindiging & teruggave",
        "Ondertekening",
        "Bijlage 1. Specificatie van de verwerking",
        "1. Partijen",
        "Bijlage 2. Subverwerkers",
    ]
    for entry in entries:
        name = entry.get(f"{W}anchor")
        assert marks[name] == text_of(entry), "the bookmark sits in the heading itself"
        instructions = [" ".join((t.text or "").split()) for t in entry.iter(f"{W}instrText")]
        assert instructions == [f"PAGEREF {name} \\h"]
    settings = part(file(adopted, ".docx"), "word/settings.xml")
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true", "Word fills them in on opening"


def numbered(path: Path) -> list[tuple[str, str]]:
    """(number format, text) of every list paragraph of the DOCX."""
    numbering = part(path, "word/numbering.xml")
    abstract = {
        a.get(f"{W}abstractNumId"): a.find(f"{W}lvl/{W}numFmt").get(f"{W}val")
        for a in numbering.iter(f"{W}abstractNum")
    }
    formats = {
        n.get(f"{W}numId"): abstract[n.find(f"{W}abstractNumId").get(f"{W}val")]
        for n in numbering.iter(f"{W}num")
    }
    out = []
    for paragraph in part(path, "word/document.xml").iter(f"{W}p"):
        num = paragraph.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None:
            out.append((formats[num.get(f"{W}val")], text_of(paragraph)))
    return out


def test_docx_lettered_items_are_a_lettered_list_not_bullets(lettered: Bundle) -> None:
    items = numbered(file(lettered, ".docx"))
    assert items == [
        ("lowerLetter", "partijen de hoofdovereenkomst [naam gemeente] hebben gesloten;"),
        ("lowerLetter", "de verwerker persoonsgegevens verwerkt;"),
        ("bullet", "betrokkene: de persoon op wie persoonsgegevens betrekking hebben;"),
        ("bullet", "datalek: een inbreuk in verband met persoonsgegevens."),
        ("lowerLetter", "versleuteling;"),
        ("lowerLetter", "toegangsbeheer;"),
        ("lowerLetter", "een procedure om te testen."),
    ]
    numbering = part(file(lettered, ".docx"), "word/numbering.xml")
    starts = [s.get(f"{W}val") for s in numbering.iter(f"{W}startOverride")]
    assert "4" in starts, "d. starts its own list at d"
    runs = [t.text or "" for t in part(file(lettered, ".docx"), "word/document.xml").iter(f"{W}t")]
    assert not [r for r in runs if r.lstrip().startswith("•")], "no bullet typed as text"


# ODT ------------------------------------------------------------------------------------


def all_text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("which", ["adopted", "concept"])
def test_odt_is_a4_with_header_and_footer_fields(which: str, request: pytest.FixtureRequest) -> None:
    path = file(request.getfixturevalue(which), ".odt")
    styles = part(path, "styles.xml")
    master = styles.find(".//style:master-page[@style:name='Standard']", NS)
    layout_name = master.get(f"{{{NS['style']}}}page-layout-name")
    layout = styles.find(
        f".//style:page-layout[@style:name='{layout_name}']/style:page-layout-properties", NS
    )
    fo = f"{{{NS['fo']}}}"
    assert (layout.get(f"{fo}page-width"), layout.get(f"{fo}page-height")) == ("21cm", "29.7cm")
    assert (layout.get(f"{fo}margin-left"), layout.get(f"{fo}margin-right")) == ("2.5cm", "2.5cm")
    header, footer = master.find("style:header", NS), master.find("style:footer", NS)
    lines = [all_text(p) for p in header.findall("text:p", NS)]
    if which == "adopted":
        assert lines == [ADOPTED_HEAD]
        assert header.find(".//draw:custom-shape", NS) is None
    else:
        assert lines[0] == CONCEPT_HEAD
        assert lines[1].startswith("Concept — niet vastgesteld")
        shape = header.find(".//draw:custom-shape", NS)
        assert shape is not None and all_text(shape) == "Concept — niet vastgesteld"
        geometry = shape.find("draw:enhanced-geometry", NS)
        assert geometry.get(f"{{{NS['draw']}}}type") == "fontwork-plain-text", "LibreOffice's watermark"
    assert all_text(footer) == "pagina 1 van 1"
    assert footer.find(".//text:page-number", NS).get(f"{{{NS['text']}}}select-page") == "current"
    assert footer.find(".//text:page-count", NS) is not None


def style_of(content: etree._Element, name: str) -> etree._Element:
    found = content.find(f".//office:automatic-styles/style:style[@style:name='{name}']", NS)
    assert found is not None, name
    return found


def test_odt_signature_table_may_not_break(adopted: Bundle) -> None:
    content = part(file(adopted, ".odt"), "content.xml")
    table = content.find(".//table:table[@table:name='Ondertekening']", NS)
    assert table is not None
    rows = table.findall(".//table:table-row", NS)
    assert [all_text(r.find("table:table-cell", NS)) for r in rows] == SIGNING_ROWS
    tname = table.get(f"{{{NS['table']}}}style-name")
    props = style_of(content, tname).find("style:table-properties", NS)
    assert props.get(f"{{{NS['style']}}}may-break-between-rows") == "false"
    for row in rows[1:]:
        row_props = style_of(content, row.get(f"{{{NS['table']}}}style-name")).find(
            "style:table-row-properties", NS
        )
        assert row_props.get(f"{{{NS['fo']}}}keep-together") == "always"
    intro = table.getprevious()
    assert all_text(intro) == "Aldus overeengekomen en ondertekend:"
    intro_style = style_of(content, intro.get(f"{{{NS['text']}}}style-name"))
    assert intro_style.find("style:paragraph-properties", NS).get(f"{{{NS['fo']}}}keep-with-next") == "always"


def test_odt_fill_in_prompts_are_content_controls_that_print(adopted: Bundle) -> None:
    content = part(file(adopted, ".odt"), "content.xml")
    assert not content.findall(".//text:placeholder", NS), "a placeholder field prints as a blank gap"
    controls = content.findall(".//loext:content-control", NS)
    assert sorted({all_text(c) for c in controls}) == [
        "[in te vullen]",
        "[naam gemeente]",
        "[naam verwerker]",
    ]
    assert len(controls) == 6
    for control in controls:
        assert control.get(f"{{{NS['loext']}}}showing-place-holder") == "true"
        span = control.getparent()
        ground = style_of(content, span.get(f"{{{NS['text']}}}style-name")).find("style:text-properties", NS)
        assert ground.get(f"{{{NS['fo']}}}background-color") == "#e6e6e6"


def test_odt_contents_refer_to_each_headings_page(adopted: Bundle) -> None:
    content = part(file(adopted, ".odt"), "content.xml")
    body = content.find(".//text:table-of-content/text:index-body", NS)
    entries = body.findall("text:p", NS)  # the title is in text:index-title
    refs = [e.find("text:bookmark-ref", NS) for e in entries]
    assert all(r is not None and r.get(f"{{{NS['text']}}}reference-format") == "page" for r in refs)
    names = [r.get(f"{{{NS['text']}}}ref-name") for r in refs]
    headings = {
        b.get(f"{{{NS['text']}}}name"): all_text(b.getparent())
        for b in content.iter(f"{{{NS['text']}}}bookmark")
    }
    assert [headings[n] for n in names] == [all_text(e.find("text:a", NS)) for e in entries]
    assert len(entries) == 7


def test_odt_lettered_items_are_a_lettered_list(lettered: Bundle) -> None:
    content = part(file(lettered, ".odt"), "content.xml")
    formats = {}
    for style in content.iterfind(".//text:list-style", NS):
        level = style[0]
        kind = (
            "bullet"
            if etree.QName(level).localname == "list-level-style-bullet"
            else level.get(f"{{{NS['style']}}}num-format")
        )
        formats[style.get(f"{{{NS['style']}}}name")] = (kind, level.get(f"{{{NS['text']}}}start-value"))
    lists = []
    for item_list in content.iterfind(".//text:list", NS):
        style = item_list.get(f"{{{NS['text']}}}style-name")
        texts = [all_text(i) for i in item_list.findall("text:list-item", NS)]
        lists.append((*formats[style], texts))
    assert lists == [
        (
            "a",
            "1",
            [
                "partijen de hoofdovereenkomst [naam gemeente] hebben gesloten;",
                "de verwerker persoonsgegevens verwerkt;",
            ],
        ),
        (
            "bullet",
            None,
            [
                "betrokkene: de persoon op wie persoonsgegevens betrekking hebben;",
                "datalek: een inbreuk in verband met persoonsgegevens.",
            ],
        ),
        ("a", "1", ["versleuteling;", "toegangsbeheer;"]),
        ("a", "4", ["een procedure om te testen."]),
    ]


def test_concept_files_are_made_the_same_again(concept: Bundle, tmp_path: Path) -> None:
    """Header parts, watermarks (the PDF's drawn by Typst as SVG) and all: same bytes."""
    again = make_bundle("concept", tmp_path / "again")
    for item in concept.files:
        assert (again.folder / item.name).read_bytes() == (concept.folder / item.name).read_bytes(), item.name


# PDF ------------------------------------------------------------------------------------


def background(page: object) -> list[str]:
    """The page background artifacts of a page's content stream."""
    data = page.get_contents().get_data().decode("latin-1")  # type: ignore[attr-defined]
    return re.findall(r"/Artifact<<[^>]*/Type/Background>>BDC(.*?)EMC", data, re.S)


def test_pdf_watermark_is_an_artifact_drawn_as_outlines(concept: Bundle, adopted: Bundle) -> None:
    reader = PdfReader(file(concept, ".pdf"))
    for number, page in enumerate(reader.pages, start=1):
        art = background(page)
        assert len(art) == 1, number
        assert re.search(r"\bBT\b", art[0]) is None, "no text in the watermark"
        assert re.search(r"\d \d+(\.\d+)? [lc]\b", art[0]), "the letters are paths"
        text = page.extract_text()
        if number > 1:
            assert text.count("Concept — niet vastgesteld") == 1, "the header's marking, and only that"
            assert text.splitlines()[1] == "Concept — niet vastgesteld"
    assert all(not background(p) for p in PdfReader(file(adopted, ".pdf")).pages)


def test_pdf_lettered_items_show_their_letter_once(lettered: Bundle) -> None:
    text = "\n".join(p.extract_text() for p in PdfReader(file(lettered, ".pdf")).pages)
    assert "a. partijen de hoofdovereenkomst" in text
    assert "d. een procedure om te testen." in text
    assert re.search(r"•\s*[a-z]\.", text) is None
    assert text.count("•") == 2, "the two definitions are bullets"
