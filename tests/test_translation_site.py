"""End to end: versions 2.6 and 2.7, the translation of 2.7 published, the concept
translated and then one Dutch clause of the concept changed, all published with
``vwo publish``; the exported site branch read back: the English pages, their anchors,
``lang``, the language switch, the parallel view, the pending clause, the versions page,
``versies.json``, the search index and the downloads with their language."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

from tests.translation_support import PENDING_CLAUSE, PUBLISHED, translated_site

pytestmark = pytest.mark.e2e
ID = re.compile(r"\{#([a-z0-9-]+)\}\s*$", re.M)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.browser.site import sandboxed_git

    work = tmp_path_factory.mktemp("translation-site")
    with sandboxed_git(work):
        return translated_site(work)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_ids() -> list[str]:
    """The article ids of 2.7, read from the Dutch Markdown (not from the site)."""
    text = (PUBLISHED / "nl" / "overeenkomst.md").read_text(encoding="utf-8")
    return [m[1] for m in re.finditer(r"^## Artikel \d+\..*\{#([a-z0-9-]+)\}\s*$", text, re.M)]


def clause_ids(soup: BeautifulSoup) -> list[str]:
    return [str(div["id"]) for div in soup.select(".md-content .vwo-lid[id]")]


def test_english_pages_have_lang_the_notice_and_dutch_anchors(site: Path) -> None:
    pages = sorted(p.parent.relative_to(site).as_posix() for p in (site / "2.7" / "en").rglob("index.html"))
    annexes = sorted(f"2.7/en/bijlagen/{p.stem}" for p in (PUBLISHED / "nl" / "bijlagen").glob("*.md"))
    assert pages == sorted(
        ["2.7/en", "2.7/en/overeenkomst", "2.7/en/parallel", "2.7/en/toelichting", *annexes]
    )
    for path in pages:
        soup = page(site, path)
        html = soup.find("html")
        assert isinstance(html, Tag) and html["lang"] == "en", path
        notice = soup.select_one(".vwo-vertaling-notice")
        assert notice is not None and "Only the Dutch text is binding" in notice.get_text(), path
    english, dutch = page(site, "2.7/en/overeenkomst"), page(site, "2.7/overeenkomst")
    ids = article_ids()
    assert len(ids) == 18
    assert [str(h["id"]) for h in english.select(".md-content h2[id]") if h["id"] in ids] == ids
    assert clause_ids(english) == clause_ids(dutch)
    assert "subverwerkers-3" in clause_ids(english)
    title = english.select_one("h1")
    assert title is not None and title.get_text().startswith("Standard Data Processing Agreement")
    for path, annex in zip(annexes, sorted((PUBLISHED / "nl" / "bijlagen").glob("*.md")), strict=True):
        match = ID.search(annex.read_text(encoding="utf-8").splitlines()[0])
        assert match is not None
        heading = page(site, path).select_one(f"h1#{match[1]}")
        assert heading is not None and heading.get_text().startswith("Annex "), path


def test_the_switch_leads_to_the_same_article_in_the_other_language(site: Path) -> None:
    for here, there, language in (("2.7/overeenkomst", "2.7/en/overeenkomst", "en"),
                                  ("2.7/en/overeenkomst", "2.7/overeenkomst", "nl")):  # fmt: skip
        soup = page(site, here)
        base = f"https://example.org/{here}/"
        top = soup.select_one(".vwo-taalwissel--pagina a[hreflang]")
        assert top is not None and top["hreflang"] == language
        assert urljoin(base, str(top["href"])) == f"https://example.org/{there}/"
        links = soup.select(f".vwo-taalwissel--artikel a[hreflang='{language}']")
        targets = [urljoin(base, str(link["href"])) for link in links]
        assert targets == [f"https://example.org/{there}/#{article}" for article in article_ids()], here


def test_the_parallel_view_pairs_dutch_and_english_per_clause(site: Path) -> None:
    soup = page(site, "2.7/en/parallel")
    rows = soup.select(".vwo-naast__rij[id]")
    assert [str(row["id"]) for row in rows] == ["aanhef", *clause_ids(page(site, "2.7/overeenkomst"))]
    headings = [str(h["id"]) for h in soup.select(".md-content h2[id]")]
    assert headings == article_ids()
    dutch = (PUBLISHED / "nl" / "overeenkomst.md").read_text(encoding="utf-8")
    english = (PUBLISHED / "en" / "overeenkomst.md").read_text(encoding="utf-8")
    row = soup.select_one(".vwo-naast__rij#subverwerkers-3")
    assert row is not None
    nl, en = row.select_one("[lang='nl']"), row.select_one("[lang='en']")
    assert nl is not None and en is not None
    # Clause 7.3 in both languages, from the Markdown sources: its first words.
    dutch_words, english_words = (re.search(r"^7\.3 (\S+ \S+ \S+)", text, re.M) for text in (dutch, english))
    assert dutch_words is not None and english_words is not None
    assert dutch_words[1] in nl.get_text() and dutch_words[1] not in en.get_text()
    assert english_words[1] in en.get_text()


def test_exactly_the_changed_clause_is_pending(site: Path) -> None:
    concept = page(site, "concept/en/overeenkomst")
    marks = concept.select(".vwo-vertaling-wacht")
    assert len(marks) == 1
    clause = marks[0].find_parent(class_="vwo-lid")
    assert isinstance(clause, Tag) and clause["id"] == "subverwerkers-3"
    assert f"paragraph {PENDING_CLAUSE}" in marks[0].get_text()
    assert page(site, "2.7/en/overeenkomst").select(".vwo-vertaling-wacht") == []
    dutch = page(site, "concept/overeenkomst").select_one("#subverwerkers-3")
    assert dutch is not None and "voortaan" in dutch.get_text()


def test_versions_page_and_versies_json_list_the_translations(site: Path) -> None:
    data = json.loads((site / "concept" / "versies.json").read_text(encoding="utf-8"))
    by_version = {entry["versie"]: entry["vertalingen"] for entry in data["versies"]}
    assert by_version["2.6"] == []
    (translation,) = by_version["2.7"]
    assert translation["taal"] == "en" and translation["bron"] == "2.7" and translation["pad"] == "2.7/en/"
    assert translation["status"] == "informatieve vertaling"
    assert translation["gepubliceerd_op"] == "2026-07-01"
    (working,) = data["concept_vertalingen"]
    assert working["pad"] == "concept/en/" and working["wachtend"] == 1
    soup = page(site, "versies")  # a page of the standard, at the site root
    base = "https://example.org/versies/"
    links = {urljoin(base, str(a["href"])) for a in soup.select("a[hreflang='en']")}
    assert {"https://example.org/2.7/en/", "https://example.org/concept/en/"} <= links


def test_the_search_index_has_the_english_pages(site: Path) -> None:
    entry = json.loads((site / "2.7" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 8
    assert entry["languages"]["nl"]["page_count"] > 8


def test_downloads_in_english_in_the_manifest_and_sha256sums(site: Path) -> None:
    folder = site / "2.7" / "downloads"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["naam"]: entry for entry in manifest["bestanden"]}
    sums: dict[str, str] = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    for name in ("VWO-2.7-en.pdf", "VWO-2.7-en.docx", "VWO-2.7-en.odt"):
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert files[name]["taal"] == "en" and files[name]["sha256"] == digest
        assert sums[name] == digest
    assert files["VWO-2.7.pdf"]["taal"] == "nl"
    pdf = PdfReader(folder / "VWO-2.7-en.pdf")
    assert str(pdf.root_object["/Lang"]) == "en-GB"
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Article 7" in text and "Only the Dutch text is binding" in " ".join(text.split())
    with zipfile.ZipFile(folder / "VWO-2.7-en.docx") as docx:
        assert re.search(r'<w:lang [^>]*w:val="en-GB"', docx.read("word/styles.xml").decode())
        assert "<dc:language>en-GB</dc:language>" in docx.read("docProps/core.xml").decode()
        assert "Sub-processors" in docx.read("word/document.xml").decode()
    with zipfile.ZipFile(folder / "VWO-2.7-en.odt") as odt:
        styles = odt.read("styles.xml").decode()
        assert 'fo:language="en"' in styles and 'fo:country="GB"' in styles
        assert "<dc:language>en-GB</dc:language>" in odt.read("meta.xml").decode()
