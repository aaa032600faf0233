"""The DOCX and ODT downloads and the Word redline as printed: LibreOffice renders them to
PDF (``soffice --headless --convert-to pdf``, a private profile), read back with pypdf.

Checked on the real texts (1.0, 1.11 and the concept): A4 pages, "pagina N van M" on
every page with the right N and M, the version and status on every page and the marking
of a version that is not adopted, the signing table on one page, the fill-in prompts
printed, page numbers in the contents that match the pages, no word broken inside, no
bullet before a letter. A sweep of fillers moves the signing table across a page
boundary: it moves as a whole."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date

import pytest
from pypdf import PdfReader

from tests.gitrepo import ROOT
from tests.test_downloads import AGREEMENT, ANNEX_1, ANNEX_2, INFO
from vwo.compare import compare
from vwo.compare.docx import docx_bytes
from vwo.downloads import build_document, version_meta
from vwo.downloads.document import Document
from vwo.downloads.office import OfficeFormat, render_office
from vwo.downloads.pdf import render_pdf
from vwo.downloads.source import load_source
from vwo.text.model import Agreement
from vwo.text.parse import parse_sources

pytestmark = pytest.mark.e2e
VERSIONS = ("1.11", "1.0", "concept")
OFFICE_FORMATS: tuple[OfficeFormat, ...] = ("docx", "odt")
HEADS = {
    "1.11": "Standaard verwerkersovereenkomst gemeenten · versie 1.11 · Vastgestelde versie",
    "1.0": "Standaard verwerkersovereenkomst gemeenten · versie 1.0 · Consultatieversie",
    "concept": "Standaard verwerkersovereenkomst gemeenten · Werkversie (concept)",
}
MARKINGS = {"1.0": "Consultatieversie — niet vastgesteld", "concept": "Concept — niet vastgesteld"}
# Filler clauses that move the signing table over a page boundary (here: pushed at 16-24
# in the DOCX, 24-32 in the ODT, 12-20 in the PDF).
SWEEP = (12, 16, 20, 24, 28, 32)
A4 = (595.3, 841.9)
ROWS = ("Naam", "Functie", "Plaats", "Datum", "Handtekening")
# Words of the documents that are not in the agreement's text: cover facts, labels.
LABELS = (
    "Versie Status Gepubliceerd op Vastgesteld door Pas toe of leg uit vanaf Verplicht Vervangt "
    "versie pagina van Inhoudsopgave Ondertekening Aldus overeengekomen en ondertekend Naam Functie "
    "Plaats Datum Handtekening Werkversie concept Concept Consultatieversie Vastgestelde niet "
    "vastgesteld Deze werkversie is in bewerking en Gebruik voor overeenkomsten de actuele ligt voor "
    "ter consultatie januari augustus december College Dienstverleningszaken Stand tekst"
)
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Printed:
    sizes: tuple[tuple[float, float], ...]
    pages: tuple[str, ...]  # each page's text, whitespace made single spaces

    @property
    def text(self) -> str:
        return " ".join(self.pages)


def flat(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split())


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is needed for these tests (make test installs it: make libreoffice)"
    return found


def sweep_agreement(fillers: int) -> Agreement:
    filler = "\n\n".join(
        f"4.{i} Deze bepaling vult de pagina voor de test, regel {i}." for i in range(1, fillers)
    )
    last = f"4.{fillers} Slotzin van de vulling."
    text = f"{AGREEMENT}\n## Artikel 4. Vulling {{#vulling}}\n\n{filler}\n\n{last}\n"
    return parse_sources(
        {"overeenkomst.md": text, "bijlagen/bijlage-1.md": ANNEX_1, "bijlagen/bijlage-2.md": ANNEX_2}
    )


@pytest.fixture(scope="module")
def sources() -> dict[str, tuple[Agreement, Document]]:
    out = {}
    for version in VERSIONS:
        agreement, meta = load_source(ROOT, version, env={})
        out[version] = (agreement, build_document(agreement, meta))
    return out


@pytest.fixture(scope="module")
def printed(
    sources: dict[str, tuple[Agreement, Document]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Printed]:
    """Every file rendered by one LibreOffice run: ``<version>-<format>``, ``redline-<old>-<new>``,
    ``sweep<n>-<format>``; and the Typst PDFs of the versions as ``<version>-pdf``."""
    folder = tmp_path_factory.mktemp("print")
    files: dict[str, bytes] = {}
    for version, (_, document) in sources.items():
        for fmt in OFFICE_FORMATS:
            files[f"{version}-{fmt}.{fmt}"] = render_office(document, fmt)
    for old, new in (("1.0", "1.11"), ("1.11", "concept")):
        comparison = compare(sources[old][0], sources[new][0], old_version=old, new_version=new)
        files[f"redline-{old}-{new}.docx"] = docx_bytes(comparison, day=date(2018, 12, 6))
    for fillers in SWEEP:
        agreement = sweep_agreement(fillers)
        document = build_document(agreement, version_meta(agreement.title, "1.0", INFO))
        for fmt in OFFICE_FORMATS:
            files[f"sweep{fillers}-{fmt}.{fmt}"] = render_office(document, fmt)
        files[f"sweep{fillers}-pdf.pdf"] = render_pdf(document)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    office = [folder / n for n in files if not n.endswith(".pdf")]
    out = folder / "pdf"
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, office),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    for version, (_, document) in sources.items():
        (out / f"{version}-pdf.pdf").write_bytes(render_pdf(document))
    for name in files:
        if name.endswith(".pdf"):
            shutil.copy(folder / name, out / name)
    result = {}
    for pdf in sorted(out.glob("*.pdf")):
        reader = PdfReader(pdf)
        sizes = tuple(
            (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in reader.pages
        )
        result[pdf.stem] = Printed(sizes, tuple(flat(p.extract_text()) for p in reader.pages))
    return result


OFFICE = [f"{v}-{fmt}" for v in VERSIONS for fmt in ("docx", "odt")]
REDLINES = ["redline-1.0-1.11", "redline-1.11-concept"]


@pytest.mark.parametrize("name", OFFICE + REDLINES)
def test_pages_are_a4_and_numbered_page_n_of_m(printed: dict[str, Printed], name: str) -> None:
    doc = printed[name]
    assert len(doc.pages) >= 8, "the whole agreement"
    assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in doc.sizes), doc.sizes
    for number, page in enumerate(doc.pages, start=1):
        assert re.findall(r"pagina (\d+) van (\d+)", page) == [(str(number), str(len(doc.pages)))], number


@pytest.mark.parametrize("name", OFFICE)
def test_every_page_carries_version_status_and_marking(printed: dict[str, Printed], name: str) -> None:
    version = name.rsplit("-", 1)[0]
    for number, page in enumerate(printed[name].pages, start=1):
        assert page.startswith(HEADS[version]), number
        if version in MARKINGS:
            assert page.startswith(f"{HEADS[version]} {MARKINGS[version]}"), number
        else:
            assert "niet vastgesteld" not in page, number


def test_redline_pages_say_what_is_compared(printed: dict[str, Printed]) -> None:
    head = "Standaard verwerkersovereenkomst gemeenten · versie 1.11 vergeleken met versie 1.0"
    assert all(page.startswith(head) for page in printed["redline-1.0-1.11"].pages)
    concept = printed["redline-1.11-concept"].pages
    marked = "vergeleken met versie 1.11 Concept — niet vastgesteld"
    assert all(f"de werkversie (concept) {marked}" in page for page in concept)
    front = printed["redline-1.0-1.11"].pages[0]
    assert "Samenvatting van de wijzigingen" in front and "Gewijzigde onderdelen" in front
    assert "Artikel 7. Subverwerkers: tekst gewijzigd" in front
    assert "Overwegende dat" not in front, "the text starts on the next page"


def signing_page(doc: Printed) -> int:
    (index,) = [i for i, page in enumerate(doc.pages) if "Aldus overeengekomen en ondertekend:" in page]
    after = doc.pages[index].split("Aldus overeengekomen en ondertekend:", 1)[1]
    positions = [after.find(f" {row}") if row != "Naam" else after.find(row) for row in ROWS]
    assert -1 not in positions and positions == sorted(positions), (index, after[:200])
    assert "Verwerkingsverantwoordelijke Verwerker" in after
    return index


@pytest.mark.parametrize("name", [*OFFICE, *(f"{v}-pdf" for v in VERSIONS), "redline-1.0-1.11"])
def test_the_signing_table_is_on_one_page(printed: dict[str, Printed], name: str) -> None:
    index = signing_page(printed[name])
    following = printed[name].pages[index + 1] if index + 1 < len(printed[name].pages) else ""
    assert not following.split("pagina", 1)[0].endswith("Handtekening")


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_the_signing_table_moves_to_the_next_page_whole(printed: dict[str, Printed], fmt: str) -> None:
    pushed = 0
    for fillers in SWEEP:
        doc = printed[f"sweep{fillers}-{fmt}"]
        last_filler = max(i for i, page in enumerate(doc.pages) if "Slotzin van de vulling." in page)
        table = signing_page(doc)
        assert table >= last_filler
        pushed += table > last_filler
    assert pushed >= 1, "the sweep reached a page boundary: a table that splits would fail above"


@pytest.mark.parametrize("name", OFFICE)
def test_fill_in_prompts_print(
    printed: dict[str, Printed], sources: dict[str, tuple[Agreement, Document]], name: str
) -> None:
    agreement = sources[name.rsplit("-", 1)[0]][0]
    source = flat(
        " ".join(
            [agreement.preamble, *(c.text for c in agreement.clauses()), *(a.body for a in agreement.annexes)]
        )
    )
    text = printed[name].text
    for prompt in ("[naam gemeente]", "[naam verwerker]", "[in te vullen]", "[KvK-nummer]"):
        assert text.count(prompt) == source.count(prompt) > 0, prompt


@pytest.mark.parametrize("name", [*OFFICE, *(f"{v}-pdf" for v in VERSIONS)])
def test_contents_page_numbers_match_the_pages(
    printed: dict[str, Printed], sources: dict[str, tuple[Agreement, Document]], name: str
) -> None:
    doc = printed[name]
    document = sources[name.rsplit("-", 1)[0]][1]
    headings = document.headings(1)
    assert len(headings) >= 20
    for heading in headings:
        entry = re.search(re.escape(heading) + r"[ .]*(\d+)\b", doc.text)  # no dots if the line is full
        assert entry is not None, f"{heading!r} has a page number in the contents"
        body_page = max(i for i, page in enumerate(doc.pages, start=1) if heading in page)
        assert int(entry[1]) == body_page, heading


@pytest.mark.parametrize("name", OFFICE)
def test_no_word_is_broken_inside(
    printed: dict[str, Printed], sources: dict[str, tuple[Agreement, Document]], name: str
) -> None:
    agreement, document = sources[name.rsplit("-", 1)[0]]
    parts = [agreement.title, agreement.preamble, LABELS, document.meta.summary]
    parts += [a.heading for a in agreement.articles] + [c.text for c in agreement.clauses()]
    parts += [f"{a.heading} {a.body}" for a in agreement.annexes]
    vocabulary = {w.lower() for w in WORD.findall(" ".join(parts))}
    broken = [w for w in WORD.findall(printed[name].text) if w.lower() not in vocabulary]
    assert broken == [], "a word broken over two lines shows as pieces that are not words"


# Per version (read by hand in its text): the considerans' first item, and a lettered
# clause (6.3 of 1.0 and 1.11; 6.6 of the concept, whose items may start on a new page).
LETTERED = {
    "1.0": ("Overwegende dat a. partijen de hoofdovereenkomst", r"passend: a\. pseudonimisering"),
    "1.11": ("Overwegende dat a. partijen de hoofdovereenkomst", r"passend: a\. pseudonimisering"),
    "concept": (
        "Overwegende dat a. de gemeente en de verwerker de hoofdovereenkomst",
        r"\ba\. alleen medewerkers met een rol die in Bijlage 2",
    ),
}


@pytest.mark.parametrize("name", [*OFFICE, *(f"{v}-pdf" for v in VERSIONS), *REDLINES])
def test_no_bullet_before_a_letter(printed: dict[str, Printed], name: str) -> None:
    text = printed[name].text
    assert re.search(r"[•\uf0b7\u25cf]\s*[a-z]\.\s", text) is None
    version = name.rsplit("-", 1)[-1] if name.startswith("redline-") else name.rsplit("-", 1)[0]
    considerans, lettered = LETTERED[version]
    if name == "redline-1.11-concept":  # "partijen" struck out, then the concept's words
        considerans = "Overwegende dat a. partijende gemeente en de verwerker de hoofdovereenkomst"
    assert considerans in text
    assert re.search(lettered, text), "a lettered clause"
