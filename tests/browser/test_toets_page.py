"""The page "Toets uw overeenkomst" in Debian's Chromium.

- The shared vectors (``tests/toets_vectors.json``) through ``vwo-toets-regels.js``: the
  same findings as the Python implementation (``tests/test_toets_vectors.py``), and the
  same scores as Python computes here, in this test.
- On the published tree (every version, the site root's ``versies.json``): a supplier's
  DOCX made in the test is picked in the page; the report it downloads names the same
  version, deviations, additions and filled-in values as ``vwo toets --format json`` on
  the same file, and no request leaves the site (nothing is uploaded).
- The report is accessible (axe at 1280 and 320 px) and reachable by keyboard; without
  JavaScript the page explains ``vwo toets``; a PDF gets a clear message.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Visit
from tests.browser.test_accessibility import assert_axe_clean
from tests.test_toets import supplier_copy, supplier_odt
from tests.test_toets_vectors import VECTORS, candidates, extracted, findings
from tests.toets_copies import WordCopy, downloads
from vwo.conformance.check import check
from vwo.conformance.extract import extract
from vwo.conformance.render.data import report_data
from vwo.conformance.sources import load_candidates

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))'
RUN_VECTORS = """(vectors) => {
  const T = window.VwoToets;
  const cands = Object.entries(vectors.standards).map(([v, d]) => ({
    standard: T.standardFromData(d), facts: vectors.versions.find(f => f.version === v), coverage: null }));
  const plain = (lines) => T.joinLines(lines).map(t => ({ text: t, kind: "p", cells: [] }));
  const extract = (c) => {
    if (c.format === "txt") return { format: "txt", paragraphs: plain(c.text.split("\\n")) };
    if (c.format === "lines") return { format: "txt", paragraphs: plain(c.lines) };
    if (c.format === "md") {
      const blocks = T.mdBlocks(c.text, false);
      return { format: "md", paragraphs: blocks.map(b => ({ text: b.text, kind: b.kind, cells: b.cells })) };
    }
    return { format: "docx", paragraphs: c.paragraphs };
  };
  const R = vectors.rules;
  return {
    clean: R.clean.map(([i]) => T.clean(i)),
    split_label: R.split_label.map(([i]) => {
      const [labels, rest] = T.splitLabel(i);
      return [labels.map(x => [x.kind, x.value]), rest];
    }),
    tokens: R.tokens.map(([i]) => T.tokens(T.clean(i))),
    standard_tokens: R.standard_tokens.map(([i]) => T.standardTokens(i)),
    row_tokens: R.row_tokens.map(([i]) => T.rowTokens(i)),
    page_number: R.page_number.map(([i]) => T.isPageNumber(i)),
    join_lines: R.join_lines.map(([i]) => T.joinLines(i)),
    md_blocks: R.md_blocks.map(([i, p]) => T.mdBlocks(i, p).map(b => [b.kind, b.text, b.cells, b.level])),
    language: R.language.map(([i]) => T.otherLanguage(T.tokens(T.clean(i)))),
    checks: vectors.checks.map(v => {
      try { return { findings: T.findings(T.check("vector", extract(v.copy), cands, v.version)) }; }
      catch (e) { return { error: e.what || String(e) }; }
    }),
  };
}"""


def test_the_javascript_rules_pass_the_shared_vectors(visit: Callable[[str], Visit]) -> None:
    record = visit("desktop")
    record.goto("toets/")
    got: dict[str, Any] = record.page.evaluate(RUN_VECTORS, VECTORS)
    rules = VECTORS["rules"]
    assert got["clean"] == [out for _, out in rules["clean"]]
    assert got["split_label"] == [[labels, rest] for _, labels, rest in rules["split_label"]]
    assert got["tokens"] == [out for _, out in rules["tokens"]]
    assert got["standard_tokens"] == [out for _, out in rules["standard_tokens"]]
    assert got["row_tokens"] == [out for _, out in rules["row_tokens"]]
    assert got["page_number"] == [out for _, out in rules["page_number"]]
    assert got["join_lines"] == [out for _, out in rules["join_lines"]]
    assert got["md_blocks"] == [out for _, _, out in rules["md_blocks"]]
    assert got["language"] == [out for _, out in rules["language"]]
    for vector, result in zip(VECTORS["checks"], got["checks"], strict=True):
        if "error" in vector:
            assert result == {"error": vector["error"]}, vector["name"]
            continue
        js = result["findings"]
        python = check("vector", extracted(vector["copy"]), candidates(), vector["version"])
        scores = [[s.version, s.score, s.containment] for s in python.identification.scores]
        assert js.pop("scores") == scores, vector["name"]
        assert js == vector["expect"] == findings(python), vector["name"]


@pytest.fixture(scope="module")
def supplier_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("toets")
    return supplier_copy(downloads("1.11", folder)["docx"], folder / "leverancier.docx")


@pytest.fixture(scope="module")
def supplier_files(supplier_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The supplier's DOCX of 1.11 and ODT of 1.0, and a DOCX with markup in its text."""
    folder = tmp_path_factory.mktemp("toets-odt")
    odt = supplier_odt(downloads("1.0", folder)["odt"], folder / "leverancier.odt")
    hostile = WordCopy(supplier_docx)
    hostile.insert_after(hostile.paragraph("8.3 "), HOSTILE)
    hostile.fill("Verwerker (naam, vestigingsplaats, KvK-nummer)", "<img src=x onerror=alert(2)>")
    return {"docx": supplier_docx, "odt": odt, "hostile": hostile.save(folder / "kwaad <b>.docx")}


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    """The findings of a report in JSON form (CLI or page), without the redline."""
    units = [data["considerans"]] + [u for s in data["sections"] for u in (s["heading"], *s["units"])]
    return {
        "version": data["identification"]["version"],
        "scores": data["identification"]["scores"],
        "deviations": [(d["id"], d["kind"], d["unit"], d["where"]) for d in data["deviations"]],
        "units": [(u["id"], u["status"], u["copy_number"], u["copy_text"]) for u in units if u],
        "additions": data["additions"],
        "values": data["values"],
        "sections": [(s["id"], s["copy_number"], s["moved"], s["renumbered"]) for s in data["sections"]],
        "summary": data["summary"],
        "notes": data["notes"],
        "front_matter": data["front_matter"],
        "signature": data["signature"],
    }


def focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id"))


def _check_in_page(record: Visit, path: Path) -> None:
    page = record.page
    record.goto("1.11/toets/")
    page.locator("#vwo-toets-bestand").set_input_files(str(path))
    page.get_by_role("button", name="Toetsen").click()
    page.locator("#vwo-toets-uitslag, .vwo-toets__fout").first.wait_for()


@pytest.mark.parametrize("kind", ["docx", "odt", "hostile"])
def test_the_page_finds_what_the_cli_finds_and_sends_nothing(
    visit: Callable[[str], Visit],
    published_root: Path,
    published_site: str,
    supplier_files: dict[str, Path],
    kind: str,
) -> None:
    source = supplier_files[kind]
    # The CLI reads the versions of the project that was published (publish_site puts it
    # beside the exported tree), so both sides know the same versions and statuses.
    project = published_root.parent / "project"
    record = visit("desktop").on(published_site)
    _check_in_page(record, source)
    page = record.page
    assert focused(page) == "vwo-toets-uitslag"
    with page.expect_download() as download:
        page.get_by_role("button", name="Rapport downloaden (JSON)").click()
    from_page = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    copy = extract(source.read_bytes(), "x", "x")
    cli = report_data(check(source.name, copy, load_candidates(project, None)))
    assert from_page["schema"] == cli["schema"] == "vwo-toets/1"
    assert _summary(from_page) == _summary(cli)
    if kind == "docx":
        assert "Klaar: 6 afwijkingen." in page.locator("#vwo-toets-status").inner_text()
        assert [d["kind"] for d in from_page["deviations"]] == [
            "ontbreekt", "toegevoegd", "gewijzigd", "gewijzigd", "anders genummerd", "gewijzigd",
        ]  # fmt: skip
        headings = page.locator(".vwo-toets__afwijking h4").all_inner_texts()
        assert headings[0] == "A1. Artikel 5, lid 5.3: ontbreekt"
        assert page.locator(".vwo-toets__afwijking del", has_text="36").count() == 1
        assert page.locator(".vwo-toets__afwijking ins", has_text="72").count() == 1
    if kind == "odt":
        assert from_page["identification"]["version"] == "1.0"
        assert from_page["notes"]["comments"] == [{"author": "Gemeente", "text": "Opzegtermijn nagaan."}]
    if kind == "hostile":
        assert not record.dialogs
        report = "#vwo-toets-rapport"
        assert not page.locator(f"{report} script, {report} img, {report} a, {report} b").count()
        assert page.locator(".vwo-toets__afwijking ins", has_text='<script>alert("x")</script>').count() == 1
        assert page.locator("h2#vwo-toets-uitslag").inner_text() == "Rapport van kwaad <b>.docx"
    # Nothing went anywhere but this site, and nothing was sent to it either.
    assert not record.external_requests(), record.external_requests()
    assert not record.errors, record.errors


def test_the_explanations_go_into_the_download(
    visit: Callable[[str], Visit], published_site: str, supplier_docx: Path
) -> None:
    record = visit("desktop").on(published_site)
    _check_in_page(record, supplier_docx)
    page = record.page
    page.get_by_label("Toelichting bij A1 (pas toe of leg uit)").fill(
        "Het lid is geschrapt op verzoek van <b>X</b>."
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Rapport downloaden (HTML)").click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Het lid is geschrapt op verzoek van &lt;b&gt;X&lt;/b&gt;." in html
    assert "<script" not in html and "<textarea" not in html and "<button" not in html


@pytest.mark.parametrize("viewport", ["desktop", "320px"])
def test_the_report_is_accessible(
    visit: Callable[[str], Visit], published_site: str, supplier_docx: Path, viewport: str
) -> None:
    record = visit(viewport).on(published_site)
    _check_in_page(record, supplier_docx)
    assert_axe_clean(record, f"toets report at {viewport}")


def test_the_report_is_reached_by_keyboard(
    visit: Callable[[str], Visit], published_site: str, supplier_docx: Path
) -> None:
    record = visit("desktop").on(published_site)
    page = record.page
    record.goto("1.11/toets/")
    page.locator("#vwo-toets-bestand").set_input_files(str(supplier_docx))
    page.locator("#vwo-toets-bestand").focus()
    page.keyboard.press("Tab")  # the version choice
    assert page.evaluate("document.activeElement.id") == "vwo-toets-versie"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Toetsen
    page.locator("#vwo-toets-uitslag").wait_for()
    assert focused(page) == "vwo-toets-uitslag"
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        )
        if reached[-1] == "Rapport downloaden (HTML)":
            break
    assert "vwo-toets-uitleg-A1" in reached and "Rapport downloaden (JSON)" in reached
    assert reached[-1] == "Rapport downloaden (HTML)"


def test_a_pdf_gets_a_clear_message(
    visit: Callable[[str], Visit], published_site: str, tmp_path: Path
) -> None:
    record = visit("desktop").on(published_site)
    source = tmp_path / "kopie.pdf"
    source.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    _check_in_page(record, source)
    alert = record.page.get_by_role("alert")
    assert "een PDF kan deze pagina niet lezen" in alert.inner_text()
    assert record.page.evaluate("document.activeElement.getAttribute('role')") == "alert"


def test_without_javascript_the_page_explains_the_command(browser: Any, published_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(published_site + "1.11/toets/")
        assert not page.locator("form[data-vwo-toets]").is_visible()
        text = page.locator("main").inner_text()
        assert "Zonder JavaScript, of voor een PDF" in text
        assert "vwo toets overeenkomst-leverancier.docx" in text
    finally:
        context.close()
