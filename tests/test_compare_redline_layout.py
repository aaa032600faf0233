"""The Word redline read back (XML): the tracked changes give exactly the new text when
accepted and the old text when rejected; A4 with header and footer; a front page with
the summary; real bullets; lettered items with their letter once; bordered tables; the
signing table. On the real texts (1.0 -> 1.11 -> concept) and a small one.
LibreOffice's rendering of the redline is checked in test_office_print.py."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from lxml import etree

from tests.compare_texts import CONCEPT, V10, V11, sources
from tests.gitrepo import ROOT
from vwo.compare import compare
from vwo.compare.align import Comparison
from vwo.compare.docx import docx_bytes
from vwo.downloads.document import portable
from vwo.text.lists import own_marker
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement, parse_sources

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD = re.compile(r"\w+")
SIGNING = "Ondertekening Aldus overeengekomen en ondertekend: Verwerkingsverantwoordelijke Verwerker"
SIGNING += " Naam Functie Plaats Datum Handtekening"


def real(version: str) -> Agreement:
    folder = "docs" if version == "concept" else f"versions/{version}"
    return load_agreement(ROOT / folder, display=folder)


def package(old: Agreement, new: Agreement, old_version: str, new_version: str) -> tuple[Comparison, bytes]:
    comparison = compare(old, new, old_version=old_version, new_version=new_version)
    return comparison, docx_bytes(comparison, day=date(2018, 12, 6))


def xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def body_after_front_page(data: bytes) -> list[etree._Element]:
    body = list(xml(data, "word/document.xml").find(f"{W}body"))
    breaks = [i for i, e in enumerate(body) if e.find(f".//{W}br[@{W}type='page']") is not None]
    return body[breaks[0] + 1 :]


def accepted(elements: list[etree._Element]) -> list[str]:
    """Words with every change accepted: insertions stay, deletions (w:delText) go."""
    return [w for e in elements for t in e.iter(f"{W}t") for w in WORD.findall(t.text or "")]


def rejected(elements: list[etree._Element]) -> list[str]:
    """Words with every change rejected: deletions come back, insertions go."""
    out = []
    for element in elements:
        for t in element.iter(f"{W}t", f"{W}delText"):
            inserted = any(a.tag == f"{W}ins" for a in t.iterancestors())
            if not inserted:
                out.extend(WORD.findall(t.text or ""))
    return out


def words(agreement: Agreement) -> list[str]:
    """The agreement's words in the redline's order, the signing table after the articles."""
    parts = [agreement.preamble]
    for article in agreement.articles:
        parts.append(article.heading)
        parts.extend(f"{clause.number} {clause.text}" for clause in article.clauses)
    parts.append(SIGNING)
    parts.extend(f"{annex.heading}\n{annex.body}" for annex in agreement.annexes)
    return WORD.findall(portable("\n".join(parts)))


CASES = {
    "1.0 -> 1.11": ("1.0", "1.11"),
    "1.11 -> concept": ("1.11", "concept"),
}


@pytest.mark.parametrize("case", CASES)
def test_accept_all_gives_the_new_text_and_reject_all_the_old(case: str) -> None:
    old_version, new_version = CASES[case]
    old, new = real(old_version), real(new_version)
    _, data = package(old, new, old_version, new_version)
    elements = body_after_front_page(data)
    assert accepted(elements) == words(new)
    assert rejected(elements) == words(old)


def test_accept_and_reject_on_a_small_text_with_an_article_removed() -> None:
    old, new = parse_sources(sources(V11)), parse_sources(sources(CONCEPT))
    _, data = package(old, new, "1.1", "concept")
    elements = body_after_front_page(data)
    assert accepted(elements) == words(new)
    assert rejected(elements) == words(old)
    _, first = package(parse_sources(sources(V10)), old, "1.0", "1.1")
    assert first == package(parse_sources(sources(V10)), old, "1.0", "1.1")[1], "same input, same bytes"


def test_front_page_summarises_the_changes() -> None:
    comparison, data = package(real("1.0"), real("1.11"), "1.0", "1.11")
    body = list(xml(data, "word/document.xml").find(f"{W}body"))
    end = next(i for i, e in enumerate(body) if e.find(f".//{W}br[@{W}type='page']") is not None)
    front = [" ".join(t.text or "" for t in p.iter(f"{W}t")) for p in body[:end]]
    s = comparison.summary
    assert front[0] == "Standaard verwerkersovereenkomst gemeenten"
    assert front[2] == "Samenvatting van de wijzigingen"
    assert front[3] == f"{s.articles_changed} artikelen gewijzigd" and s.articles_changed == 15
    assert f"{s.words_inserted} woorden toegevoegd, {s.words_deleted} woorden verwijderd" in front
    assert "Artikel 7. Subverwerkers: tekst gewijzigd, toelichting gewijzigd" in front
    assert not [e for e in body[:end] if e.find(f".//{W}ins") is not None or e.find(f".//{W}del") is not None]


def test_a4_header_footer_and_page_fields() -> None:
    _, data = package(real("1.11"), real("concept"), "1.11", "concept")
    section = xml(data, "word/document.xml").find(f".//{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    header, footer = xml(data, "word/header1.xml"), xml(data, "word/footer1.xml")
    head = "".join(t.text or "" for t in header.iter(f"{W}t"))
    assert head == (
        "Standaard verwerkersovereenkomst gemeenten · de werkversie (concept) vergeleken met versie 1.11"
        "Concept — niet vastgesteld"
    )
    assert [" ".join((t.text or "").split()) for t in footer.iter(f"{W}instrText")] == ["PAGE", "NUMPAGES"]
    types = etree.tostring(xml(data, "[Content_Types].xml")).decode()
    assert "/word/header1.xml" in types and "/word/footer1.xml" in types


def test_lists_tables_and_the_signing_table() -> None:
    _, data = package(real("1.0"), real("1.11"), "1.0", "1.11")
    document = xml(data, "word/document.xml")
    texts = [t.text or "" for t in document.iter(f"{W}t", f"{W}delText")]
    assert not [t for t in texts if "•" in t], "bullets come from the numbering, not typed"
    numbering = xml(data, "word/numbering.xml")
    assert [f.get(f"{W}val") for f in numbering.iter(f"{W}numFmt")] == ["bullet"]
    paragraphs = list(document.iter(f"{W}p"))

    def text(p: etree._Element) -> str:
        return "".join(t.text or "" for t in p.iter(f"{W}t"))

    bulleted = [text(p) for p in paragraphs if p.find(f"{W}pPr/{W}numPr") is not None]
    assert any(b.startswith("AVG: Verordening") for b in bulleted)
    assert not [b for b in bulleted if own_marker(b)], "no bullet before a letter"

    def first_run(p: etree._Element) -> str:
        run = p.find(f"{W}r")
        return "" if run is None else "".join(t.text or "" for t in run.iter(f"{W}t"))

    lettered = [p for p in paragraphs if re.fullmatch(r"[a-f]\.", first_run(p))]
    assert len(lettered) >= 10, "the considerans (a-f) and 6.3 (a-d): letter, tab, text"
    for p in lettered:
        assert p.find(f"{W}pPr/{W}ind").get(f"{W}hanging") == "567"
        assert p.findall(f"{W}r")[1].find(f"{W}tab") is not None
    styles = etree.tostring(xml(data, "word/styles.xml")).decode()
    table_style = re.search(r'w:styleId="Table".*?</w:style>', styles, re.S)
    assert table_style is not None and 'w:insideH w:val="single"' in table_style[0], (
        "annex tables have borders"
    )
    signing = [
        t
        for t in document.iter(f"{W}tbl")
        if "Handtekening" in "".join(x.text or "" for x in t.iter(f"{W}t"))
    ]
    assert len(signing) == 1
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in signing[0].iter(f"{W}tr"))
