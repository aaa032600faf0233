"""``vwo toets`` on copies made in the test from this repository's own published versions.

The DOCX, ODT and PDF downloads of 1.0 and 1.11 (``vwo.downloads``) are changed the
way a supplier changes them (``tests/toets_copies.py`` writes the package XML) and the
report must name exactly those changes: the version, each deviation by article and
clause id, and nothing else. An unchanged download of each version reports no deviation
and the right version. Every expectation below was checked against the change that the
test itself makes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gitrepo import ROOT
from tests.toets_copies import OdfCopy, WordCopy, downloads
from tests.tools import LIBREOFFICE_HINT, program
from vwo.conformance.check import Candidate, check
from vwo.conformance.extract import extract
from vwo.conformance.report import Report
from vwo.conformance.sources import load_candidates
from vwo.downloads import build_document, version_meta
from vwo.downloads.pdf import render_pdf
from vwo.text.parse import load_agreement
from vwo.versions.model import load_versions

VERSIONS = ("1.0", "1.11")


def soffice() -> str:
    return program("soffice", "libreoffice", hint=LIBREOFFICE_HINT)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("downloads")
    return {version: downloads(version, folder) for version in VERSIONS}


@pytest.fixture(scope="module")
def candidates() -> Iterator[list[Candidate]]:
    yield load_candidates(ROOT, None)


def run(path: Path, candidates: list[Candidate], version: str | None = None) -> Report:
    return check(path.name, extract(path.read_bytes(), path.name, path.name), candidates, version)


def deviations(report: Report) -> list[tuple[str, str | None]]:
    return [(d.kind, d.unit) for d in report.deviations]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("suffix", ["docx", "odt", "pdf"])
def test_an_unchanged_download_is_its_version_without_deviations(
    files: dict[str, dict[str, Path]],
    candidates: list[Candidate],
    version: str,
    suffix: str,
) -> None:
    report = run(files[version][suffix], candidates)
    assert report.identification.version == version
    assert report.identification.best == version
    assert report.identification.scores[0].version == version
    assert report.deviations == ()
    assert report.additions == ()
    assert report.summary is not None and report.summary.identical
    clauses = sum(len(s.units) for s in report.sections if s.kind == "artikel")
    assert report.summary.clauses.identical == report.summary.clauses.total == clauses
    assert not any(v.filled for v in report.values)
    assert "Ondertekening" in report.signature
    assert "Versie" in report.front_matter or "Inhoudsopgave" in report.front_matter


def supplier_copy(source: Path, target: Path) -> Path:
    """The supplier's Word copy of 1.11: every kind of change the issue lists, once."""
    w = WordCopy(source)
    w.replace(w.paragraph("10.1 "), "36 uur", "72 uur")
    w.replace(w.paragraph("12.2 "), "twee weken", "vijf werkdagen")
    w.delete(w.paragraph("5.3 "))
    w.insert_after(
        w.paragraph("8.2 "),
        "De verwerker mag geanonimiseerde gegevens gebruiken voor de verbetering van zijn diensten.",
    )
    w.replace(w.paragraph("Artikel 12. "), "Artikel 12.", "Artikel 21.")
    w.fill("Gemeente", "Gemeente Voorbeeldstad")
    w.fill("Verwerkingsverantwoordelijke (bestuursorgaan)", "Het college van burgemeester en wethouders")
    w.fill_row(
        "[in te vullen]", ["Hosting B.V., Amsterdam", "Nederland", "Hosting", "Alle", "ISO 27001"], index=4
    )
    w.add_row_after(
        "Hosting B.V., Amsterdam", ["Mail N.V., Dublin", "Ierland", "E-mail", "Contactgegevens", "SCC"]
    )
    w.fill("Contactpersoon voor de overeenkomst", "J. Jansen")
    w.fill("Contactpersoon voor de overeenkomst", "P. de Vries", column=2)
    w.track_replace(w.paragraph("9.2 "), "twee werkdagen", "vijf werkdagen")
    w.track_deleted_words(w.paragraph("9.4 "), "tenzij partijen anders overeenkomen")
    assert w.auto_number(7) == 5
    w.comment(w.paragraph("10.1 "), "Leverancier", "Wij vragen 72 uur.")
    return w.save(target)


SUPPLIER_DEVIATIONS = [
    ("ontbreekt", "geheimhouding-3"),  # 5.3 deleted
    ("toegevoegd", "doorgifte-2"),  # the paragraph after 8.2
    ("gewijzigd", "rechten-betrokkenen-2"),  # 9.2 by a tracked change, judged as accepted
    ("gewijzigd", "datalekken-1"),  # 10.1: 36 -> 72 uur
    ("anders genummerd", "audits"),  # "Artikel 21."
    ("gewijzigd", "audits-2"),  # 12.2: twee weken -> vijf werkdagen
]


def test_a_supplier_word_copy_reports_exactly_its_changes(
    files: dict[str, dict[str, Path]],
    candidates: list[Candidate],
    tmp_path: Path,
) -> None:
    report = run(supplier_copy(files["1.11"]["docx"], tmp_path / "leverancier.docx"), candidates)
    assert report.identification.version == "1.11"
    assert deviations(report) == SUPPLIER_DEVIATIONS
    by_id = {u.unit.id: u for s in report.sections for u in (s.heading, *s.units)}
    # Word's automatic numbering in article 7 (numbers not in the text) changes nothing.
    assert all(by_id[f"subverwerkers-{n}"].status == "identical" for n in range(1, 6))
    # The words deleted as a tracked change in 9.4 are not there once accepted.
    assert by_id["rechten-betrokkenen-4"].status == "identical"
    redline = by_id["datalekken-1"].redline
    changes = [(s.op, s.text) for b in redline for s in b.segments if s.op != "equal"]
    assert changes == [("delete", "36"), ("insert", "72")]
    assert by_id["geheimhouding-4"].status == "identical"  # the clause after the deleted one
    [added] = report.additions
    assert added.after == "doorgifte-2" and added.section == "doorgifte" and added.kind == "tekst"
    assert (
        added.text
        == "De verwerker mag geanonimiseerde gegevens gebruiken voor de verbetering van zijn diensten."
    )
    audits = next(s for s in report.sections if s.id == "audits")
    assert audits.copy_number == "21" and audits.renumbered and not audits.moved
    filled = [(v.unit, v.field, v.value) for v in report.values if v.filled]
    subprocessors = "bijlage-subverwerkers-1", "Overzicht subverwerkers"
    assert filled == [
        ("bijlage-specificatie-1", "Verwerkingsverantwoordelijke (bestuursorgaan)",
         "Het college van burgemeester en wethouders"),
        ("bijlage-specificatie-1", "Gemeente", "Gemeente Voorbeeldstad"),
        (*subprocessors, "Hosting B.V., Amsterdam | Nederland | Hosting | Alle | ISO 27001"),
        (*subprocessors, "Mail N.V., Dublin | Ierland | E-mail | Contactgegevens | SCC"),
        ("bijlage-contact-1", "Contactpersoon voor de overeenkomst", "J. Jansen | P. de Vries"),
    ]  # fmt: skip
    notes = report.notes
    assert (notes.insertions, notes.deletions) == (1, 2)
    assert notes.comments == (("Leverancier", "Wij vragen 72 uur."),)
    # The download's own numbered lists (36 paragraphs), plus the 5 clauses of article 7.
    assert notes.auto_numbered == 36 + 5


def test_a_moved_article_is_reported_as_moved_and_nothing_else(
    files: dict[str, dict[str, Path]],
    candidates: list[Candidate],
    tmp_path: Path,
) -> None:
    w = WordCopy(files["1.11"]["docx"])
    w.move_after("Artikel 14. ", "Artikel 15. ", "Artikel 16. ")  # 14 now stands after 15
    report = run(w.save(tmp_path / "verplaatst.docx"), candidates)
    assert deviations(report) == [("verplaatst", "verzoeken-autoriteiten")]
    moved = next(s for s in report.sections if s.id == "verzoeken-autoriteiten")
    assert moved.moved and not moved.renumbered
    assert all(u.status == "identical" for u in moved.units)


def supplier_odt(source: Path, target: Path) -> Path:
    """The supplier's OpenDocument copy of 1.0."""
    o = OdfCopy(source)
    o.replace(o.paragraph("3.2 "), "niet worden opgezegd", "worden opgezegd met een termijn van drie maanden")
    o.delete(o.paragraph("6.4 "))
    o.insert_after(o.paragraph("11.1 "), "De verwerker brengt de kosten van zijn medewerking in rekening.")
    o.replace(o.paragraph("Artikel 9. "), "Artikel 9.", "Artikel 10.")
    o.fill("Gemeente", "Gemeente Voorbeeldstad")
    meldpunt = "Meldpunt datalekken (e-mailadres en telefoonnummer, ook buiten kantooruren)"
    o.fill(meldpunt, "meldpunt@voorbeeldstad.nl")
    o.track_insert(o.paragraph("2.1 "), " Partijen kunnen hiervan schriftelijk afwijken.")
    o.track_delete(o.paragraph("4.4 "), "voor eigen doeleinden of ")
    o.comment(o.paragraph("3.2 "), "Gemeente", "Opzegtermijn nagaan.")
    return o.save(target)


def test_an_odt_copy_of_the_older_version_reports_exactly_its_changes(
    files: dict[str, dict[str, Path]],
    candidates: list[Candidate],
    tmp_path: Path,
) -> None:
    report = run(supplier_odt(files["1.0"]["odt"], tmp_path / "leverancier.odt"), candidates)
    assert report.identification.version == "1.0"
    assert report.facts is not None and report.facts.superseded_by == "1.11"
    assert deviations(report) == [
        ("gewijzigd", "onderwerp-1"),  # the tracked insertion, accepted
        ("gewijzigd", "duur-en-beeindiging-2"),
        ("gewijzigd", "instructies-4"),  # the tracked deletion, accepted
        ("ontbreekt", "beveiliging-4"),
        ("anders genummerd", "rechten-betrokkenen"),
        ("toegevoegd", "dpia-1"),
    ]
    assert [(v.field, v.value) for v in report.values if v.filled] == [
        ("Gemeente", "Gemeente Voorbeeldstad"),
        # The processor's cell still reads "[in te vullen]": not filled in, not listed.
        ("Meldpunt datalekken (e-mailadres en telefoonnummer, ook buiten kantooruren)",
         "meldpunt@voorbeeldstad.nl"),
    ]  # fmt: skip
    assert (report.notes.insertions, report.notes.deletions) == (1, 1)
    assert report.notes.comments == (("Gemeente", "Opzegtermijn nagaan."),)


def changed_text_pdf(version: str, edits: dict[str, tuple[str, str]], target: Path) -> Path:
    """The PDF download of ``version`` with ``edits`` ({file: (old, new)}) made to its
    text first: the PDF a supplier makes after editing the text, through the same Typst
    pipeline as the site's own downloads."""
    folder = target.parent / f"text-{version}"
    shutil.copytree(ROOT / "versions" / version, folder)
    for name, (old, new) in edits.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    agreement = load_agreement(folder)
    info = next(i for i in load_versions(ROOT) if i.version == version)
    target.write_bytes(render_pdf(build_document(agreement, version_meta(agreement.title, version, info))))
    return target


def test_a_pdf_of_an_edited_text_reports_exactly_its_changes(
    candidates: list[Candidate], tmp_path: Path
) -> None:
    pdf = changed_text_pdf(
        "1.11",
        {
            "overeenkomst.md": (
                "uiterlijk binnen 36 uur na ontdekking",
                "uiterlijk binnen 48 uur na ontdekking",
            ),
            "bijlagen/bijlage-1-specificatie.md": (
                "| Gemeente | [in te vullen] |",
                "| Gemeente | Gemeente Voorbeeldstad |",
            ),
        },
        tmp_path / "bewerkt.pdf",
    )
    report = run(pdf, candidates)
    assert report.identification.version == "1.11"
    assert deviations(report) == [("gewijzigd", "datalekken-1")]
    assert [(v.field, v.value) for v in report.values if v.filled] == [("Gemeente", "Gemeente Voorbeeldstad")]
    assert report.notes.pages and report.notes.noise > 0  # the running header on every page


def test_a_pdf_with_a_deleted_clause_and_an_added_paragraph(
    candidates: list[Candidate], tmp_path: Path
) -> None:
    source = (ROOT / "versions/1.0/overeenkomst.md").read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    clause = next(line for line in lines if line.startswith("9.3 "))
    after = next(line for line in lines if line.startswith("8.2 "))
    edited = source.replace(clause, "").replace("\n9.4 ", "\n9.3 ")
    edited = edited.replace(after, after + "\nDe verwerker mag de gegevens ook buiten de EER opslaan.\n")
    pdf = changed_text_pdf("1.0", {"overeenkomst.md": (source, edited)}, tmp_path / "zonder-9-3.pdf")
    report = run(pdf, candidates)
    assert report.identification.version == "1.0"
    assert deviations(report) == [("toegevoegd", "doorgifte-2"), ("ontbreekt", "rechten-betrokkenen-3")]
    assert report.additions[0].text == "De verwerker mag de gegevens ook buiten de EER opslaan."
    # 9.4 is 9.3 in the copy: the clause is matched by its words, not its number.
    later = next(u for s in report.sections for u in s.units if u.unit.id == "rechten-betrokkenen-4")
    assert later.status == "identical" and later.copy_number == "9.3"


def test_a_pdf_that_word_or_libreoffice_made_from_the_supplier_copy(
    files: dict[str, dict[str, Path]],
    candidates: list[Candidate],
    tmp_path: Path,
) -> None:
    """Another PDF producer: LibreOffice prints the supplier's DOCX (bullets from a symbol
    font, table cells that break words without a hyphen, its own table of contents)."""
    source = supplier_copy(files["1.11"]["docx"], tmp_path / "leverancier.docx")
    subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    report = run(tmp_path / "leverancier.pdf", candidates)
    assert report.identification.version == "1.11"
    # The same as the Word file, and 9.4: LibreOffice prints the tracked deletion (struck
    # through), and a PDF has no tracked changes to accept.
    expected = list(SUPPLIER_DEVIATIONS)
    expected.insert(3, ("gewijzigd", "rechten-betrokkenen-4"))
    assert deviations(report) == expected
