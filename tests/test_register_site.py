"""The register pages in a real ``mkdocs build --strict`` of a throwaway project.

The project has two published versions made by hand (CONTRIBUTING.md §4) and a register
whose numbers were counted by hand: 1.0 has 1 gemeente and 2 leveranciers, 1.11 has
3 gemeenten and 1 leverancier. Two of the names are hostile.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from lxml import etree

from tests.gitrepo import ROOT, GitRepo, copy_project, mkdocs_build, sandbox_git

pytestmark = pytest.mark.e2e

AGREEMENT = """\
# Standaard verwerkersovereenkomst gemeenten

Partijen: de gemeente en de leverancier.

## Artikel 1. Definities {#definities}

1.1 Begrippen in het enkelvoud omvatten het meervoud.
"""
EXPLANATION = """\
# Toelichting

Inleiding.

## Artikel 1. Definities {#definities}

Over de begrippen.
"""
VERSION_YML = {
    "1.0": 'versie: "1.0"\nstatus: consultatie\ngepubliceerd_op: 2018-07-01\nsamenvatting: Consultatie.\n',
    "1.11": (
        'versie: "1.11"\nstatus: vastgesteld\ngepubliceerd_op: 2018-12-06\n'
        "vastgesteld_door: College van Dienstverleningszaken\nsamenvatting: Vastgesteld.\n"
    ),
}
SCRIPT_NAME = "Gemeente <script>alert('x')</script> & *ster* [link](javascript:alert(1))"
FORMULA_NAME = '=HYPERLINK("http://x.example","klik")'
REGISTER = (
    "naam,type,producten,versie,sinds,bron\n"
    "Gemeente Voorbeeldstad,gemeente,,1.11,2019-03-01,enquete\n"
    f'"{SCRIPT_NAME}",gemeente,,1.11,2019-05-14,registratie\n'
    "Gemeente Oefenmeer,gemeente,,1.0,2019-01-21,helpdesk\n"
    "Gemeente Proefdorp,gemeente,,1.11,2020-02-03,enquete\n"
    '"=HYPERLINK(""http://x.example"",""klik"")",leverancier,@SUM(1+1),1.0,2019-02-01,registratie\n'
    "Voorbeeldleverancier Alfa B.V.,leverancier,Alfa Zaken;Alfa Archief,1.11,2019-06-17,registratie\n"
    "Voorbeeldleverancier Bèta B.V.,leverancier,Bèta Sociaal,1.0,2019-01-28,helpdesk\n"
)
NAV = """
nav:
  - Home: index.md
  - overeenkomst.md
  - toelichting.md
  - Over:
      - over/gebruik.md
      - Gebruik van de standaard: gebruik.md
"""


def make_project(path: Path, register: str | None) -> GitRepo:
    """This project's config, hooks and theme with literal texts and two versions."""
    repo = GitRepo(path)
    copy_project(path)
    shutil.rmtree(path / "docs")
    shutil.copytree(ROOT / "docs" / "assets", path / "docs" / "assets")
    # Generated pages (downloads, versions, history) link to these documentation pages.
    (path / "docs" / "over").mkdir()
    for name in ("downloads-manifest.md", "versies-json.md", "vergelijken-json.md", "gegevens.md"):
        shutil.copy2(ROOT / "docs" / "over" / name, path / "docs" / "over" / name)
    config = (path / "mkdocs.yml").read_text(encoding="utf-8")
    files = {
        "mkdocs.yml": config[: config.index("\nnav:")] + NAV,
        "docs/index.md": "# Home\n\nWelkom.\n",
        "docs/overeenkomst.md": AGREEMENT,
        "docs/toelichting.md": EXPLANATION,
        "docs/over/gebruik.md": "# Monitoring van het gebruik\n\nHoe de VNG het gebruik volgt.\n",
        ".github/ISSUE_TEMPLATE/registratie-gebruik.yml": (
            ROOT / ".github/ISSUE_TEMPLATE/registratie-gebruik.yml"
        ).read_text(encoding="utf-8"),
    }
    for version, yml in VERSION_YML.items():
        files[f"versions/{version}/version.yml"] = yml
        files[f"versions/{version}/overeenkomst.md"] = AGREEMENT
        files[f"versions/{version}/toelichting.md"] = EXPLANATION
    if register is not None:
        files["data/gebruik.csv"] = register
    repo.commit("Testproject", files=files)
    return repo


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The git sandbox of conftest, for fixtures that outlive one test."""
    home = tmp_path_factory.mktemp("gitconfig-register")
    with pytest.MonkeyPatch.context() as mp:
        sandbox_git(mp, home)
        yield home


@pytest.fixture(scope="module")
def site(sandbox: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("register-site")
    project = make_project(base / "project", REGISTER)
    result = mkdocs_build(project.path, base / "site")
    assert "gebruik/op-versie.md" not in result.stderr  # variants are deliberately not in the nav
    return base / "site"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def table_rows(page: BeautifulSoup, selector: str) -> list[list[str]]:
    table = page.select_one(selector)
    assert isinstance(table, Tag), selector
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all(["th", "td"])]
        for row in table.select("tbody tr")
    ]


def svg_bars(page: BeautifulSoup) -> dict[tuple[str, str], tuple[int, float]]:
    """(version, type) -> (the number written at the bar, the bar's length), read as XML."""
    svg = etree.fromstring(str(page.select_one("figure svg")).encode())
    ns = {"s": "http://www.w3.org/2000/svg"}
    bars: dict[tuple[str, str], tuple[int, float]] = {}
    for group in svg.iterfind(".//s:g[@data-versie]", ns):
        for bar in group.iterfind("s:g", ns):
            value = int(bar.findtext("s:text", namespaces=ns))
            width = float(bar.find("s:rect", ns).get("width"))
            bars[group.get("data-versie"), bar.get("data-soort")] = (value, width)
    return bars


def test_chart_numbers_equal_both_tables(site: Path) -> None:
    page = soup(site, "gebruik")
    bars = svg_bars(page)
    assert {key: value for key, (value, _) in bars.items()} == {
        ("1.0", "gemeente"): 1,
        ("1.0", "leverancier"): 2,
        ("1.11", "gemeente"): 3,
        ("1.11", "leverancier"): 1,
    }
    per_version = table_rows(page, "table[data-vwo-per-versie]")
    assert per_version == [
        ["1.0", "consultatieversie", "1", "2", "3"],
        ["1.11", "actuele versie", "3", "1", "4"],
    ]
    for versie, _, gemeenten, leveranciers, _ in per_version:
        assert bars[versie, "gemeente"][0] == int(gemeenten)
        assert bars[versie, "leverancier"][0] == int(leveranciers)
    register = table_rows(page, "table[data-vwo-register]")
    counted = Counter((row[3].split()[0], row[1]) for row in register)
    assert counted == {key: value for key, (value, _) in bars.items()}
    lengths = {width / value for value, width in bars.values()}
    assert max(lengths) == pytest.approx(min(lengths), rel=1e-3)  # length proportional to value


def test_svg_is_an_accessible_image(site: Path) -> None:
    svg = soup(site, "gebruik").select_one("figure svg")
    assert isinstance(svg, Tag)
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert isinstance(title, Tag) and isinstance(desc, Tag)
    assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    assert title.get_text() == "Aantal organisaties per versie van de standaard, naar soort organisatie"
    assert desc.get_text().endswith(
        "Versie 1.0 (consultatieversie): 1 gemeente en 2 leveranciers. "
        "Versie 1.11 (actuele versie): 3 gemeenten en 1 leverancier."
    )
    assert svg.find("script") is None
    assert not any(attr.startswith("on") for tag in svg.find_all(True) for attr in tag.attrs)


def test_figures_and_share(site: Path) -> None:
    article = soup(site, "gebruik").select_one("article")
    assert isinstance(article, Tag)
    text = " ".join(article.get_text(" ", strip=True).split())
    assert "Het register telt 7 organisaties : 4 gemeenten en 3 leveranciers." in text
    assert (
        "75% van de gemeenten in het register gebruikt de actuele versie 1.11: 3 van de 4 gemeenten." in text
    )
    assert "Voorbeeldgegevens: dit zijn geen echte registraties" in text


def test_register_is_sorted_by_name_and_names_stay_text(site: Path) -> None:
    page = soup(site, "gebruik")
    register = table_rows(page, "table[data-vwo-register]")
    assert [row[0] for row in register] == [
        FORMULA_NAME,
        " ".join(SCRIPT_NAME.split()),  # "<" sorts before letters
        "Gemeente Oefenmeer",
        "Gemeente Proefdorp",
        "Gemeente Voorbeeldstad",
        "Voorbeeldleverancier Alfa B.V.",
        "Voorbeeldleverancier Bèta B.V.",
    ]
    assert register[5] == [
        "Voorbeeldleverancier Alfa B.V.",
        "leverancier",
        "Alfa Zaken; Alfa Archief",
        "1.11 (actuele versie)",
        "17 juni 2019",
        "registratie",
    ]
    scripts = page.find_all("script")
    assert all(s.get("src") or "alert" not in s.get_text() for s in scripts)
    assert not page.select('a[href^="javascript:"]')
    html = (site / "gebruik" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; *ster* [link](javascript:alert(1))" in html


def test_sort_and_filter_variants(site: Path) -> None:
    by_version = table_rows(soup(site, "gebruik/op-versie"), "table[data-vwo-register]")
    assert [(row[3].split()[0], row[0]) for row in by_version] == [
        ("1.0", FORMULA_NAME),
        ("1.0", "Gemeente Oefenmeer"),
        ("1.0", "Voorbeeldleverancier Bèta B.V."),
        ("1.11", " ".join(SCRIPT_NAME.split())),
        ("1.11", "Gemeente Proefdorp"),
        ("1.11", "Gemeente Voorbeeldstad"),
        ("1.11", "Voorbeeldleverancier Alfa B.V."),
    ]
    by_date = table_rows(soup(site, "gebruik/gemeenten/op-datum"), "table[data-vwo-register]")
    assert [(row[0], row[4]) for row in by_date] == [
        ("Gemeente Oefenmeer", "21 januari 2019"),
        ("Gemeente Voorbeeldstad", "1 maart 2019"),
        (" ".join(SCRIPT_NAME.split()), "14 mei 2019"),
        ("Gemeente Proefdorp", "3 februari 2020"),
    ]
    one_version = table_rows(soup(site, "gebruik/versie-1.0/op-type"), "table[data-vwo-register]")
    assert [(row[1], row[0]) for row in one_version] == [
        ("gemeente", "Gemeente Oefenmeer"),
        ("leverancier", FORMULA_NAME),
        ("leverancier", "Voorbeeldleverancier Bèta B.V."),
    ]
    heading = soup(site, "gebruik/versie-1.0/op-type").select_one("th[aria-sort=ascending]")
    assert isinstance(heading, Tag) and heading["data-kolom"] == "type"
    assert heading["aria-sort"] == "ascending"


def generated_pages(site: Path) -> list[str]:
    return [
        "gebruik/",
        *sorted(
            p.parent.relative_to(site).as_posix() + "/" for p in (site / "gebruik").rglob("*/index.html")
        ),
    ]


def test_every_link_of_every_register_page_resolves(site: Path) -> None:
    pages = generated_pages(site)
    assert len(pages) == 4 + 2 * 3 + 2 * 3  # all: 4 sort orders; per type and per version: 3
    for url in pages:
        page = soup(site, url)
        article = page.select_one("article")
        assert isinstance(article, Tag)
        for element in [*article.select("a[href]"), *page.select("script[src]")]:
            href = str(element.get("href") or element.get("src"))
            if urlsplit(href).scheme in ("https", "mailto"):
                assert href.startswith(("https://github.com/vwo-gemeenten/vwo/", "mailto:")), href
                continue
            if posixpath.normpath(posixpath.join(url, urlsplit(href).path)).startswith(".."):
                continue  # another version of the site (banner): the published-branch check covers it
            target = urlsplit(urljoin("http://site/" + url, href))
            path = site / posixpath.normpath(target.path.lstrip("/") or ".")
            if path.is_dir():
                path /= "index.html"
            assert path.is_file(), f"{url}: {href}"
            if target.fragment and path.suffix == ".html":
                assert BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find(id=target.fragment), href


def test_variants_stay_out_of_the_search_index(site: Path) -> None:
    def indexed(rel: str) -> bool:
        soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "lxml")
        return soup.select_one("[data-pagefind-body]") is not None

    variants = [p.relative_to(site).as_posix() for p in (site / "gebruik").rglob("index.html")]
    assert indexed("gebruik/index.html")
    assert len(variants) > 1
    assert [rel for rel in variants if rel != "gebruik/index.html" and indexed(rel)] == []


def test_downloads_in_the_build(site: Path) -> None:
    exported = list(csv.reader(io.StringIO((site / "gebruik.csv").read_text(encoding="utf-8"), newline="")))
    assert exported[0] == ["naam", "type", "producten", "versie", "sinds", "bron"]
    assert exported[1] == [
        "'" + FORMULA_NAME,
        "leverancier",
        "'@SUM(1+1)",
        "1.0",
        "2019-02-01",
        "registratie",
    ]
    assert len(exported) == 8
    document = json.loads((site / "gebruik.json").read_text(encoding="utf-8"))
    assert SCRIPT_NAME in [o["naam"] for o in document["organisaties"]]
    assert document["statistiek"]["gemeenten_op_actuele_versie"] == 3
    assert "<script>" not in (site / "gebruik.json").read_text(encoding="utf-8")


def test_no_data_file_builds_an_empty_register(sandbox: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", None)
    mkdocs_build(project.path, tmp_path / "site")
    page = soup(tmp_path / "site", "gebruik")
    assert "Er staan nog geen organisaties in het register." in page.get_text()
    assert table_rows(page, "table[data-vwo-register]") == [["Geen organisaties in deze selectie."]]


def test_invalid_register_fails_the_build_and_vwo_check(sandbox: Path, tmp_path: Path) -> None:
    bad = REGISTER + "Gemeente Nieuwdorp,gemeente,,1.5,2019-03-01,enquete\n"
    project = make_project(tmp_path / "project", bad)
    with pytest.raises(AssertionError) as caught:
        mkdocs_build(project.path, tmp_path / "site")
    assert "data/gebruik.csv:9: versie: unknown version '1.5'" in str(caught.value)
    assert "hint: known versions: 1.0, 1.11" in str(caught.value)
    check = subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(project.path), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 1
    assert "error: data/gebruik.csv:9: versie: unknown version '1.5'\nhint: known versions: 1.0, 1.11\n" in (
        check.stderr
    )


def test_a_docs_page_in_the_way_fails_the_build(sandbox: Path, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", REGISTER)
    project.write("docs/gebruik.md", "# Gebruik\n")
    with pytest.raises(AssertionError) as caught:
        mkdocs_build(project.path, tmp_path / "site")
    assert "docs/gebruik.md: clashes with the generated register page; rename or remove it" in str(
        caught.value
    )
