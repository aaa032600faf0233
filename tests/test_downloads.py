"""Downloads of a small literal agreement, read back: PDF (pypdf), DOCX (python-docx),
ODT (odfpy), manifest.json and SHA256SUMS (checked by the real ``sha256sum -c``)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from odf import dc, table, text
from odf.opendocument import load as load_odt
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject

from vwo.cli import main
from vwo.downloads import Bundle, cached, generate, version_meta
from vwo.downloads.bundle import lookup, prune
from vwo.errors import ParseError
from vwo.text.model import Agreement
from vwo.text.parse import parse_sources
from vwo.versions.model import VersionInfo

AGREEMENT = """\
# Standaard verwerkersovereenkomst gemeenten

**Partijen**

1. de gemeente [naam gemeente], hierna: de verwerkingsverantwoordelijke;
2. [naam verwerker], hierna: de verwerker.

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder:

- **betrokkene**: de persoon op wie persoonsgegevens betrekking hebben;
- **datalek**: een inbreuk in verband met persoonsgegevens.

1.2 Begrippen hebben de betekenis die de AVG daaraan geeft.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 De verwerker schakelt geen subverwerker in zonder voorafgaande schriftelijke toestemming.

## Artikel 3. Beëindiging & teruggave {#beeindiging}

3.1 Na afloop geeft de verwerker alle persoonsgegevens terug.
"""
ANNEX_1 = """\
# Bijlage 1. Specificatie van de verwerking {#bijlage-specificatie}

## 1. Partijen

| Onderdeel | Invulling |
|---|---|
| Gemeente | [in te vullen] |
| Verwerker | [in te vullen] |
"""
ANNEX_2 = """\
# Bijlage 2. Subverwerkers {#bijlage-subverwerkers}

| Naam | Locatie | Waarborgen |
|---|---|---|
| [in te vullen] | [in te vullen] | |
"""
SOURCES = {
    "overeenkomst.md": AGREEMENT,
    "bijlagen/bijlage-1.md": ANNEX_1,
    "bijlagen/bijlage-2.md": ANNEX_2,
}
HEADINGS = [
    "Artikel 1. Definities",
    "Artikel 2. Subverwerkers",
    "Artikel 3. Beëindiging & teruggave",
    "Ondertekening",
    "Bijlage 1. Specificatie van de verwerking",
    "Bijlage 2. Subverwerkers",
]
PLACEHOLDERS = 2 + 2 + 2  # preamble, annex 1, annex 2
INFO = VersionInfo(
    version="1.0",
    status="vastgesteld",
    published=date(2018, 12, 6),
    summary="De eerste vastgestelde versie.",
    adopted_by="College van Dienstverleningszaken",
    comply_or_explain_from=date(2019, 1, 1),
)


def agreement() -> Agreement:
    return parse_sources(SOURCES, prefix="docs/")


def make_bundle(version: str, out: Path) -> Bundle:
    """The downloads of the test agreement as 1.0 (adopted) or as the concept."""
    agr = agreement()
    if version == "concept":
        return generate(agr, version_meta(agr.title, "concept", None, epoch=1764500000), out)
    return generate(agr, version_meta(agr.title, "1.0", INFO), out)


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return make_bundle("1.0", tmp_path_factory.mktemp("d") / "out")


@pytest.fixture(scope="module")
def concept(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    return make_bundle("concept", tmp_path_factory.mktemp("c") / "out")


def pdf_pages(bundle: Bundle) -> list[str]:
    reader = PdfReader(
        bundle.folder / "VWO-1.0.pdf" if bundle.meta.version == "1.0" else bundle.folder / "VWO-concept.pdf"
    )
    return [page.extract_text() for page in reader.pages]


def flat(text_: str) -> str:
    """PDF text without line breaks and hyphenation breaks, for searching phrases."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text_))


def test_the_bundle_holds_three_documents_a_manifest_and_sums(adopted: Bundle) -> None:
    names = sorted(p.name for p in adopted.folder.iterdir())
    assert names == ["SHA256SUMS", "VWO-1.0.docx", "VWO-1.0.odt", "VWO-1.0.pdf", "manifest.json"]
    assert sorted(f.name for f in adopted.files) == names


def test_pdf_has_every_heading_in_order_after_the_contents(adopted: Bundle) -> None:
    pages = pdf_pages(adopted)
    contents = next(i for i, page in enumerate(pages) if "Inhoudsopgave" in page)
    assert contents == 1, "the cover comes first, then the table of contents"
    for heading in HEADINGS:
        assert heading in flat(pages[contents]), f"{heading!r} missing from the table of contents"
    body = flat(" ".join(pages[contents + 1 :]))
    positions = [body.find(h) for h in HEADINGS]
    assert -1 not in positions, dict(zip(HEADINGS, positions, strict=True))
    assert positions == sorted(positions)
    assert "1.2 Begrippen hebben de betekenis" in body
    assert "[naam gemeente]" in body


def test_pdf_cover_header_and_page_numbers(adopted: Bundle) -> None:
    pages = pdf_pages(adopted)
    cover = flat(pages[0])
    for fact in (
        "Versie 1.0",
        "Vastgestelde versie",
        "6 december 2018",
        "College van Dienstverleningszaken",
        "1 januari 2019",
    ):
        assert fact in cover
    total = len(pages)
    assert total >= 4
    for number, page in enumerate(pages[1:], start=2):
        assert f"pagina {number} van {total}" in page
        assert "Versie 1.0 · Vastgestelde versie" in page
    assert "niet vastgesteld" not in " ".join(pages)


def test_pdf_is_pdfa_tagged_dutch_with_a_title(adopted: Bundle) -> None:
    reader = PdfReader(adopted.folder / "VWO-1.0.pdf")
    root = reader.root_object
    assert str(root["/Lang"]).startswith("nl")
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, DictionaryObject) and bool(mark_info["/Marked"]) is True
    assert "/StructTreeRoot" in root
    metadata = root["/Metadata"].get_object()
    assert isinstance(metadata, StreamObject)
    xmp = metadata.get_data().decode("utf-8")
    assert re.search(r"pdfaid:part(?:>|=\")2", xmp), "declares PDF/A-2"
    assert re.search(r"pdfaid:conformance(?:>|=\")A", xmp), "conformance level A (accessible)"
    assert re.search(r"pdfuaid:part(?:>|=\")1", xmp), "declares PDF/UA-1"
    assert "Standaard verwerkersovereenkomst gemeenten, versie 1.0" in xmp
    assert "2018-12-06T00:00:00" in xmp, "the date is the publication date, not the build time"
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert bookmarks[: len(HEADINGS)] == HEADINGS, "PDF bookmarks follow the headings"


def test_concept_files_carry_the_source_date_epoch(concept: Bundle) -> None:
    properties = docx.Document(str(concept.folder / "VWO-concept.docx")).core_properties
    assert properties.created is not None and properties.created.date() == date(2025, 11, 30)
    manifest = json.loads((concept.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["brondatum"] == "2025-11-30T10:53:20Z"
    assert (manifest["status"], manifest["gepubliceerd_op"]) == ("concept", None)


def test_concept_pdf_says_so_on_every_page(concept: Bundle) -> None:
    pages = pdf_pages(concept)
    # As text on the cover (the notice) and in every page's header; the watermark is a
    # picture (test_downloads_layout.py), so the text holds it once per page.
    assert all(page.count("Concept — niet vastgesteld") == 1 for page in pages)
    assert "Concept — niet vastgesteld. Deze werkversie is in bewerking" in flat(pages[0])
    assert "Stand van de tekst 30 november 2025" in flat(pages[0])


def test_docx_headings_language_title_tables_and_fields(adopted: Bundle) -> None:
    path = adopted.folder / "VWO-1.0.docx"
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == HEADINGS
    sections = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert sections == ["1. Partijen"]
    assert document.core_properties.title == "Standaard verwerkersovereenkomst gemeenten"
    assert document.core_properties.subject == "Versie 1.0, vastgestelde versie"
    assert document.core_properties.language.startswith("nl")
    styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
    assert re.search(r'<w:lang [^>]*w:val="nl', styles), "Dutch is the default language"
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert [row[0] for row in tables[1]] == ["Onderdeel", "Gemeente", "Verwerker"]
    fill_in = document.tables[1].rows[1].cells[1]._tc.xml  # python-docx skips content controls in .text
    assert "<w:sdt>" in fill_in and "[in te vullen]" in fill_in
    assert tables[0][0] == ["", "Verwerkingsverantwoordelijke", "Verwerker"], "the signature form"
    assert len(tables) == 3
    body = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert body.count("<w:showingPlcHdr/>") == PLACEHOLDERS, "every placeholder is a content control"
    assert 'w:alias w:val="naam gemeente"' in body
    assert body.count('<w:br w:type="page"/>') == 2, "each annex starts on a new page"
    toc = re.findall(
        r'<w:hyperlink w:anchor="(_TocVwo\d+)"><w:r><w:t xml:space="preserve">([^<]*)</w:t>', body
    )
    labels = [h.replace("&", "&amp;") for h in [*HEADINGS[:5], "1. Partijen", HEADINGS[5]]]
    assert toc == [(f"_TocVwo{n}", h) for n, h in enumerate(labels, 1)], (
        "the table of contents is filled in, linked to each heading"
    )
    text_ = "\n".join(p.text for p in document.paragraphs)
    assert "Vastgesteld door: College van Dienstverleningszaken" in text_
    assert "Gepubliceerd op: 6 december 2018" in text_
    table_style = re.search(r'w:styleId="Table".*?</w:style>', styles, re.S)
    assert table_style is not None and '<w:insideH w:val="single"' in table_style[0], "cells have borders"


def test_odt_headings_language_title_tables_and_fields(adopted: Bundle) -> None:
    path = adopted.folder / "VWO-1.0.odt"
    document = load_odt(str(path))
    level_1 = [str(h) for h in document.getElementsByType(text.H) if h.getAttribute("outlinelevel") == "1"]
    assert level_1 == HEADINGS
    assert [str(t) for t in document.meta.getElementsByType(dc.Title)] == [
        "Standaard verwerkersovereenkomst gemeenten"
    ]
    assert next(str(t) for t in document.meta.getElementsByType(dc.Language)).startswith("nl")
    styles = zipfile.ZipFile(path).read("styles.xml").decode("utf-8")
    assert 'fo:language="nl"' in styles
    assert len(document.getElementsByType(table.Table)) == 3
    content = zipfile.ZipFile(path).read("content.xml").decode("utf-8")
    fields = re.findall(r'<loext:content-control loext:showing-place-holder="true">\[([^\]<]+)\]<', content)
    assert len(fields) == PLACEHOLDERS, "every placeholder is a content control"
    assert sorted(set(fields)) == ["in te vullen", "naam gemeente", "naam verwerker"]
    contents = document.getElementsByType(text.TableOfContent)
    assert len(contents) == 1
    entries = [str(p).strip() for p in contents[0].getElementsByType(text.P)]
    assert entries == ["Inhoudsopgave", *HEADINGS[:4], HEADINGS[4], "1. Partijen", HEADINGS[5]]
    assert content.count('<text:p text:style-name="VwoPaginaEinde"/>') == 2, "each annex on a new page"
    assert 'style:name="VwoPaginaEinde"' in content.split("</office:automatic-styles>")[0]
    assert re.search(r'style:name="TableRowCell".*?fo:border="0.5pt solid', content, re.S), (
        "cells have borders"
    )


def test_two_generations_are_byte_identical(adopted: Bundle, tmp_path: Path) -> None:
    agr = agreement()
    again = generate(agr, version_meta(agr.title, "1.0", INFO), tmp_path / "again")
    for item in adopted.files:
        assert (again.folder / item.name).read_bytes() == (adopted.folder / item.name).read_bytes(), item.name


def test_sha256sums_verifies_with_sha256sum_and_catches_a_change(adopted: Bundle, tmp_path: Path) -> None:
    ok = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=adopted.folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert sorted(ok.stdout.splitlines()) == sorted(
        f"{n}: OK" for n in ("VWO-1.0.pdf", "VWO-1.0.docx", "VWO-1.0.odt", "manifest.json")
    )
    copy = tmp_path / "copy"
    copy.mkdir()
    for item in adopted.files:
        (copy / item.name).write_bytes((adopted.folder / item.name).read_bytes())
    with (copy / "VWO-1.0.odt").open("ab") as handle:
        handle.write(b"x")
    bad = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=copy, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "VWO-1.0.odt: FAILED" in bad.stdout


def test_manifest_describes_the_version_and_matches_the_files(adopted: Bundle) -> None:
    import hashlib

    data = json.loads((adopted.folder / "manifest.json").read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("versie", "status", "gepubliceerd_op", "vastgesteld_door")} == {
        "versie": "1.0",
        "status": "vastgesteld",
        "gepubliceerd_op": "2018-12-06",
        "vastgesteld_door": "College van Dienstverleningszaken",
    }
    assert data["pas_toe_of_leg_uit_vanaf"] == "2019-01-01"
    assert data["verplicht_vanaf"] is None and data["vervangt"] is None
    assert [f["naam"] for f in data["bestanden"]] == ["VWO-1.0.pdf", "VWO-1.0.docx", "VWO-1.0.odt"]
    for entry in data["bestanden"]:
        content = (adopted.folder / entry["naam"]).read_bytes()
        assert entry["grootte"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert data["bestanden"][0]["mediatype"] == "application/pdf"


def test_cache_reuses_the_same_text_and_misses_a_changed_one(tmp_path: Path, adopted: Bundle) -> None:
    agr = agreement()
    meta = version_meta(agr.title, "1.0", INFO)
    assert lookup(agr, meta, tmp_path) is None
    first = cached(agr, meta, tmp_path)
    second = cached(agr, meta, tmp_path)
    assert (first.cached, second.cached) == (False, True)
    assert second.folder == first.folder
    for item in adopted.files:
        assert (second.folder / item.name).read_bytes() == (adopted.folder / item.name).read_bytes()
    changed = parse_sources({**SOURCES, "overeenkomst.md": AGREEMENT.replace("teruggave", "vernietiging")})
    assert lookup(changed, version_meta(changed.title, "1.0", INFO), tmp_path) is None
    assert [p.name for p in tmp_path.iterdir()] == [first.folder.name], "no temporary folders left"


def test_prune_keeps_the_newest_complete_bundles(tmp_path: Path) -> None:
    for n in range(4):
        folder = tmp_path / f"bundle{n}"
        folder.mkdir()
        (folder / "SHA256SUMS").write_text("", encoding="utf-8")
        os.utime(folder / "SHA256SUMS", ns=(n * 10**9, n * 10**9))
    (tmp_path / ".bundle.tmp").mkdir()  # being written by another build: not touched
    prune(tmp_path, keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".bundle.tmp", "bundle2", "bundle3"]


def write_text(root: Path, sources: dict[str, str]) -> None:
    for rel, content in sources.items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")


def test_cli_writes_the_concept_downloads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_text(tmp_path, SOURCES)
    out = tmp_path / "out"
    assert main(["-C", str(tmp_path), "downloads", "concept", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "SHA256SUMS",
        "VWO-concept.docx",
        "VWO-concept.odt",
        "VWO-concept.pdf",
        "manifest.json",
    ]
    assert "VWO-concept.pdf" in capsys.readouterr().out


def test_malformed_agreement_stops_with_the_parser_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = AGREEMENT.replace(
        "## Artikel 2. Subverwerkers {#subverwerkers}", "## Artikel 5. Subverwerkers {#subverwerkers}"
    )
    write_text(tmp_path, {**SOURCES, "overeenkomst.md": broken})
    out = tmp_path / "out"
    assert main(["-C", str(tmp_path), "downloads", "concept", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "error: docs/overeenkomst.md:17: article number 5 out of order (expected 2)" in err
    assert not out.exists()
    assert not (tmp_path / ".cache").exists() or not any((tmp_path / ".cache").rglob("*.pdf"))
    with pytest.raises(ParseError):
        parse_sources({**SOURCES, "overeenkomst.md": broken})


def test_unknown_version_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_text(tmp_path, SOURCES)
    assert main(["-C", str(tmp_path), "downloads", "2.0", "--out", str(tmp_path / "out")]) == 2
    assert "version 2.0 is not published" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
