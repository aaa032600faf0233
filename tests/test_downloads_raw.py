"""The second line of defence of the downloads: even a text that bypassed the parser
(built here as a model directly) cannot put raw Typst, OOXML, OpenDocument or HTML into
the PDF, DOCX or ODT, and Typst cannot read files: its root is empty.

Read back from the real outputs: the PDF's text (pypdf), the DOCX's and ODT's XML (lxml).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from vwo.downloads import pdf
from vwo.downloads.document import Document, build_document, version_meta
from vwo.downloads.markdown import Target, no_raw, pandoc_markdown
from vwo.downloads.office import OfficeFormat, render_office
from vwo.errors import VwoError
from vwo.text.model import Agreement, Article, Clause

SECRET = "GEHEIM-7f3a9"
PAYLOADS = (
    '`#read("geheim.txt")`{=typst}',
    "`<w:r><w:t>INGESPOTEN</w:t></w:r>`{=openxml}",
    '`<text:span text:style-name="x">INGESPOTEN</text:span>`{=opendocument}',
    '```{=typst}\n#read("geheim.txt")\n```',
    "<b>INGESPOTEN</b>",
    "\\newpage INGESPOTEN",
    "$INGESPOTEN^2$ en $\\sqrt{2}$",
)


def hostile_agreement() -> Agreement:
    clauses = tuple(
        Clause("kern", 1, n, f"Lid {n}: {payload} einde.", 5 + n, 5 + n)
        for n, payload in enumerate(PAYLOADS, start=1)
    )
    article = Article("kern", 1, "Kern", clauses, "docs/overeenkomst.md", 5, 20)
    return Agreement("Titel", "Partijen.", (article,), (), "", ())


def document() -> Document:
    return build_document(hostile_agreement(), version_meta("Titel", "concept", None, epoch=1764500000))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("`x`{=typst}", "`x`\\{=typst}"),
        ("<b>", "\\<b>"),
        ("al \\{ ontsnapt", "al \\{ ontsnapt"),
        ("\\\\{=html}", "\\\\\\{=html}"),  # an escaped backslash does not escape the brace
        ("geen haken", "geen haken"),
    ],
)
def test_no_raw_escapes_every_opening(text: str, expected: str) -> None:
    assert no_raw(text) == expected


def test_the_pandoc_markdown_has_only_the_builders_raw_snippets() -> None:
    targets: tuple[Target, ...] = ("typst", "docx", "odt")
    for target in targets:
        markdown = pandoc_markdown(document(), target)
        assert '")`{=typst}' not in markdown and "</w:r>`{=openxml}" not in markdown
        assert "</text:span>`{=opendocument}" not in markdown and "```{=typst}\n#read" not in markdown
        assert "\\<b>INGESPOTEN" in markdown


def test_the_pdf_shows_the_payloads_as_text_and_reads_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "geheim.txt").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where typst-py's default root would be
    data = pdf.render_pdf(document())
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert SECRET not in text
    assert "geheim.txt" in text and "INGESPOTEN" in text


def test_typst_has_an_empty_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even Typst code that does read (as if it got through) finds no file: not in the
    current folder, not by an absolute path."""
    (tmp_path / "geheim.txt").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for reading in ('#read("geheim.txt")', f'#read("{tmp_path}/geheim.txt")', '#read("/etc/hostname")'):
        monkeypatch.setattr(pdf, "typst_source", lambda _doc, _epoch, code=reading: pdf.template() + code)
        with pytest.raises(VwoError) as failed:
            pdf.render_pdf(document())
        assert "Typst could not typeset the PDF" in failed.value.what
        assert "not found" in failed.value.what or "outside" in failed.value.what, failed.value.what


@pytest.mark.parametrize(("fmt", "member"), [("docx", "word/document.xml"), ("odt", "content.xml")])
def test_word_and_opendocument_get_no_injected_markup(fmt: OfficeFormat, member: str) -> None:
    data = render_office(document(), fmt)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(member))
    texts = ["".join(node.itertext()) for node in root.iter()]
    assert not [t for t in texts if t.strip() == "INGESPOTEN"]  # never a run of its own
    assert any("INGESPOTEN" in t for t in texts)  # but there, as text
    spans = [
        e
        for e in root.iter()
        if etree.QName(e).localname == "span"
        and e.get("{urn:oasis:names:tc:opendocument:xmlns:text:1.0}style-name") == "x"
    ]
    assert not spans
    assert not [e for e in root.iter() if etree.QName(e).localname in ("oMath", "oMathPara", "math")]
    assert any("$INGESPOTEN^2$" in t for t in texts)  # a dollar is text, as on the site
