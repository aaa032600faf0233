"""``vwo toets --format docx`` read back the way a lawyer opens it: python-docx for the
package and its tables, LibreOffice for the tracked changes.

The copy is the supplier's Word copy of 1.11 from ``tests/test_toets.py``. The expected
tracked changes were derived by hand from the edits that ``supplier_copy`` makes (and
the deleted clause from ``versions/1.11/overeenkomst.md``), not from the output.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from tests.gitrepo import ROOT
from tests.test_toets import soffice, supplier_copy
from tests.toets_copies import WordCopy, downloads
from vwo.cli import main

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ADDED = "De verwerker mag geanonimiseerde gegevens gebruiken voor de verbetering van zijn diensten."


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return downloads("1.11", tmp_path_factory.mktemp("downloads"))["docx"]


def report_docx(copy: Path, target: Path) -> Path:
    assert main(["-C", str(ROOT), "toets", str(copy), "--format", "docx", "--out", str(target)]) == 1
    return target


def libreoffice_odt(path: Path, tmp_path: Path) -> etree._Element:
    """``path`` opened and saved by LibreOffice as OpenDocument: its ``content.xml``."""
    subprocess.run(
        [soffice(), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
         "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "odt" / f"{path.stem}.odt") as archive:
        return etree.fromstring(archive.read("content.xml"))


def tracked_changes(content: etree._Element) -> list[tuple[str, str]]:
    """Every tracked change as LibreOffice read it, in document order: ``("deletion",
    deleted text)`` from the change's region, ``("insertion", inserted text)`` from the
    body between the change's start and end marks."""
    regions: dict[str, str] = {}
    deleted: dict[str, str] = {}
    for region in content.iter(f"{TEXT}changed-region"):
        change = region[0]
        regions[region.get(f"{TEXT}id") or ""] = etree.QName(change).localname
        blocks = [b for b in change if etree.QName(b).localname in ("p", "h")]
        texts = ("".join(b.itertext()).strip() for b in blocks)
        deleted[region.get(f"{TEXT}id") or ""] = " ".join(t for t in texts if t)
    inserted: dict[str, list[str]] = {key: [] for key in regions}
    order: list[str] = []
    body = content.find(f"{OFFICE}body/{OFFICE}text")
    assert body is not None
    open_ids: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag == f"{TEXT}tracked-changes":
            return
        if element.tag in (f"{TEXT}change-start", f"{TEXT}change"):
            order.append(element.get(f"{TEXT}change-id") or "")
            if element.tag == f"{TEXT}change-start":
                open_ids.append(element.get(f"{TEXT}change-id") or "")
        elif element.tag == f"{TEXT}change-end":
            open_ids.remove(element.get(f"{TEXT}change-id") or "")
        elif element.text:
            for key in open_ids:
                inserted[key].append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                for key in open_ids:
                    inserted[key].append(child.tail)

    walk(body)
    return [
        (regions[key], deleted[key] if regions[key] == "deletion" else "".join(inserted[key]))
        for key in order
    ]


def clause(number: str) -> str:
    text = (ROOT / "versions/1.11/overeenkomst.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(f"{number} "))


def test_libreoffice_reads_exactly_the_copys_deviations_as_tracked_changes(
    source: Path, tmp_path: Path
) -> None:
    report = report_docx(supplier_copy(source, tmp_path / "leverancier.docx"), tmp_path / "rapport.docx")
    content = libreoffice_odt(report, tmp_path)
    assert tracked_changes(content) == [
        ("deletion", clause("5.3")),  # the clause the copy dropped
        ("insertion", ADDED),
        ("deletion", "twee"),  # 9.2: the copy's own tracked change, accepted
        ("insertion", "vijf"),
        ("deletion", "36"),  # 10.1
        ("insertion", "72"),
        ("deletion", "12"),  # "Artikel 12." renumbered to 21
        ("insertion", "21"),
        ("deletion", "twee weken"),  # 12.2
        ("insertion", "vijf werkdagen"),
    ]  # fmt: skip
    # Nothing filled in (municipality, subprocessors, contacts) is a tracked change: the
    # agreement in the report is the standard's text with its placeholders.
    body = content.find(f"{OFFICE}body")
    assert body is not None
    text = "".join(body.itertext())
    assert "Gemeente Voorbeeldstad" in text  # only in the table of filled-in values
    assert text.count("Gemeente Voorbeeldstad") == 1


def test_word_opens_the_report_with_a_row_per_deviation_to_explain(source: Path, tmp_path: Path) -> None:
    report = report_docx(supplier_copy(source, tmp_path / "leverancier.docx"), tmp_path / "rapport.docx")
    opened = docx.Document(str(report))  # python-docx reads the package: parts and styles are valid
    assert opened.paragraphs[0].style is not None and opened.paragraphs[0].style.name == "Title"
    assert opened.paragraphs[1].text == (
        "Versie 1.11, met de afwijkingen van leverancier.docx als bijgehouden wijzigingen"
    )
    deviations, values = opened.tables[0], opened.tables[1]
    assert [[c.text for c in row.cells] for row in deviations.rows] == [
        ["nr", "waar", "wat", "toelichting"],
        ["A1", "Artikel 5, lid 5.3", "ontbreekt", ""],
        ["A2", "na Artikel 8, lid 8.2", "toegevoegd", ""],
        ["A3", "Artikel 9, lid 9.2", "gewijzigd", ""],
        ["A4", "Artikel 10, lid 10.1", "gewijzigd", ""],
        ["A5", "Artikel 12 (in de kopie 21)", "anders genummerd", ""],
        ["A6", "Artikel 12, lid 12.2", "gewijzigd", ""],
    ]
    assert [row.cells[2].text for row in values.rows] == [
        "ingevuld",
        "Het college van burgemeester en wethouders",
        "Gemeente Voorbeeldstad",
        "Hosting B.V., Amsterdam / Nederland / Hosting / Alle / ISO 27001",
        "Mail N.V., Dublin / Ierland / E-mail / Contactgegevens / SCC",
        "J. Jansen / P. de Vries",
    ]


def test_an_unchanged_copy_gives_a_report_without_tracked_changes(source: Path, tmp_path: Path) -> None:
    target = tmp_path / "rapport.docx"
    assert main(["-C", str(ROOT), "toets", str(source), "--format", "docx", "--out", str(target)]) == 0
    assert tracked_changes(libreoffice_odt(target, tmp_path)) == []


def test_a_moved_article_stands_where_the_standard_has_it(source: Path, tmp_path: Path) -> None:
    w = WordCopy(source)
    w.move_after("Artikel 14. ", "Artikel 15. ", "Artikel 16. ")
    target = report_docx(w.save(tmp_path / "verplaatst.docx"), tmp_path / "rapport.docx")
    opened = docx.Document(str(target))
    assert [[c.text for c in row.cells] for row in opened.tables[0].rows][1:] == [
        ["A1", "Artikel 14", "verplaatst", ""]
    ]
    headings = [p.text for p in opened.paragraphs if p.text.startswith(("Artikel 14.", "Artikel 15."))]
    assert [h.split(".")[0] for h in headings] == ["Artikel 14", "Artikel 15"]
    assert tracked_changes(libreoffice_odt(target, tmp_path)) == []
