"""The Word redline read back (``word/document.xml`` with lxml): accepting every tracked
change gives the newer text, rejecting every change the older one, spaces included."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from lxml import etree

from tests.compare_texts import V10, sources
from tests.test_compare_words import clause_text, version
from vwo.compare.align import compare
from vwo.compare.docx import HOW_TO, docx_bytes
from vwo.text.model import Agreement
from vwo.text.parse import parse_sources

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DAY = date(2020, 1, 1)


def _kept(node: etree._Element, accept: bool) -> bool:
    """Accepting keeps ``w:t`` (inserted or not) and drops ``w:delText``; rejecting keeps
    ``w:delText`` and every ``w:t`` outside a ``w:ins``."""
    if accept:
        return bool(node.tag in (f"{W}t", f"{W}tab"))
    return not any(a.tag == f"{W}ins" for a in node.iterancestors())


def paragraphs(docx: bytes, *, accept: bool) -> list[str]:
    """The text of every paragraph (and table cell) after accepting or rejecting all changes.

    A paragraph whose mark is a tracked deletion (accepting) or insertion (rejecting)
    goes; whatever text it would leave behind is reported, since Word would join it to
    the next paragraph."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        row = p.getparent().getparent()
        marks = [p.find(f"{W}pPr/{W}rPr")]
        if row is not None and row.tag == f"{W}tr":
            marks.append(row.find(f"{W}trPr"))
        gone = any(m is not None and m.find(f"{W}del" if accept else f"{W}ins") is not None for m in marks)
        # A tab (between a list item's own letter and its text) reads as a space.
        text = "".join(
            " " if node.tag == f"{W}tab" else node.text or ""
            for node in p.iter(f"{W}t", f"{W}delText", f"{W}tab")
            if _kept(node, accept)
        )
        if gone:
            assert text == "", f"left behind in a removed paragraph: {text!r}"
        else:
            out.append(text)
    return out


def body(texts: list[str]) -> list[str]:
    """The paragraphs after the front page (title, summary, how to read: these differ
    between a comparison and a text compared with itself) and its page break."""
    return texts[texts.index(HOW_TO) + 2 :]


def redline(old: Agreement, new: Agreement) -> bytes:
    return docx_bytes(compare(old, new, old_version="a", new_version="b"), day=DAY)


def plain(old: Agreement, new: Agreement, *, accept: bool) -> list[str]:
    """What the redline should read as: the document of one text compared with itself."""
    text = new if accept else old
    return body(paragraphs(redline(text, text), accept=True))


@pytest.mark.parametrize(("old", "new"), [("1.0", "1.11"), ("1.11", "concept"), ("1.0", "concept")])
def test_accept_all_and_reject_all_give_the_two_versions(old: str, new: str) -> None:
    a, b = version(old), version(new)
    document = redline(a, b)
    assert body(paragraphs(document, accept=True)) == plain(a, b, accept=True)
    assert body(paragraphs(document, accept=False)) == plain(a, b, accept=False)


def test_reject_all_leaves_no_space_before_punctuation() -> None:
    """The review's examples: "binnen 24 uur , aan" and "redelijke termijn ."."""
    a, b = version("1.0"), version("1.11")
    document = redline(a, b)
    rejected, accepted = paragraphs(document, accept=False), paragraphs(document, accept=True)
    assert (
        "10.1 De verwerker meldt een datalek of een beveiligingsincident onverwijld, doch uiterlijk "
        "binnen 24 uur, aan de verwerkingsverantwoordelijke."
    ) in rejected
    assert any(p.startswith("15.1 ") and p.endswith("binnen een redelijke termijn.") for p in rejected)
    assert "10.1 " + clause_text(b, "10.1") in accepted
    assert not [p for p in rejected + accepted if " ." in p or " ," in p or "  " in p]


TABLES = [
    # (old annex table, new annex table): a cell edited; a column added; a column removed
    (
        "| Doel | Grondslag |\n|---|---|\n| Salaris | wet |\n",
        "| Doel en middel | Grondslag |\n|---|---|\n| Salaris, bonus | de wet |\n",
    ),
    ("| a | b |\n|---|---|\n| x | y |\n", "| a | b | c |\n|---|---|---|\n| x | y | z |\n"),
    ("| a | b |\n|---|---|\n| x | y |\n", "| a |\n|---|\n| x |\n"),
]


def with_annex(table: str) -> Agreement:
    texts = sources(V10)
    texts["bijlagen/bijlage-1-specificatie.md"] = (
        "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\n" + table
    )
    return parse_sources(texts)


@pytest.mark.parametrize(("old", "new"), TABLES)
def test_table_cells_keep_their_spaces_both_ways(old: str, new: str) -> None:
    a, b = with_annex(old), with_annex(new)
    document = redline(a, b)
    assert body(paragraphs(document, accept=True)) == plain(a, b, accept=True)
    assert body(paragraphs(document, accept=False)) == plain(a, b, accept=False)


def test_edited_cells_read_exactly() -> None:
    a, b = with_annex(TABLES[0][0]), with_annex(TABLES[0][1])
    assert paragraphs(redline(a, b), accept=True)[-4:] == [
        "Doel en middel",
        "Grondslag",
        "Salaris, bonus",
        "de wet",
    ]
    assert paragraphs(redline(a, b), accept=False)[-4:] == ["Doel", "Grondslag", "Salaris", "wet"]


def test_a_paragraph_that_becomes_a_lettered_item_shows_no_bullet() -> None:
    """1.11 -> 2.x: a sentence under 10.2 became item "- g. ..." of the lettered list
    above it. Accepting shows "g. ..." (its own letter, no bullet), rejecting the sentence."""
    lead = "3.1 De verwerker meldt:\n\n- a. de aard;\n- b. de gevolgen.\n\n"
    a = parse_sources(
        sources(
            V10.replace(
                "3.1 De verwerker beveiligt de persoonsgegevens passend.\n", lead + "Meer volgt later.\n"
            )
        )
    )
    b = parse_sources(
        sources(
            V10.replace(
                "3.1 De verwerker beveiligt de persoonsgegevens passend.\n",
                lead.replace("gevolgen.", "gevolgen;") + "- c. de oorzaak.\n",
            )
        )
    )
    document = redline(a, b)
    accepted, rejected = body(paragraphs(document, accept=True)), body(paragraphs(document, accept=False))
    assert "c. de oorzaak." in accepted and "Meer volgt later." in rejected
    assert not [p for p in accepted + rejected if p.startswith("\u2022")]
    assert accepted == plain(a, b, accept=True)
    assert rejected == plain(a, b, accept=False)
