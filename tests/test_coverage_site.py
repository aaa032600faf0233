"""End to end: the AVG-toets pages of a published site, read back as HTML.

A throwaway repository with this project's site, its frozen versions 1.0 and 1.11 (which
recorded no coverage) and, as the concept, the content helper's text with its
``dekking.yml`` (``tests/fixtures/dekking-concept-2026``), published by ``vwo publish``
(each version a real ``mkdocs build --strict``, without ``-q``) and exported from the branch.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from tests.browser.site import publish_repo, sandboxed_git
from tests.coverage_support import coverage_project
from tests.soup import attr, tag
from vwo.text.provisions import BY_CODE, REQUIRED

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    workdir = tmp_path_factory.mktemp("coverage-site")
    with sandboxed_git(workdir):
        repo = coverage_project(workdir / "project")
        yield publish_repo(repo, workdir / "published")


def soup(tree: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((tree / page / "index.html").read_text(encoding="utf-8"), "lxml")


def resolve(tree: Path, page: str, href: str) -> tuple[Path, str]:
    """The built file and fragment a relative link on ``page`` (a folder URL) points at."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href
    target = posixpath.normpath(posixpath.join(page, parts.path))
    return tree / target / "index.html", parts.fragment


def assert_resolves(tree: Path, page: str, href: str) -> None:
    file, fragment = resolve(tree, page, href)
    assert file.is_file(), f"{page}: {href} -> {file} does not exist"
    if fragment:
        ids = {e["id"] for e in BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").find_all(id=True)}
        assert fragment in ids, f"{page}: {href}: no id '{fragment}' in {file}"


def rows(table: Tag) -> dict[str, Tag]:
    return {attr(row, "id"): row for row in table.select("tbody tr")}


def test_concept_page_lists_every_required_provision_with_working_links(tree: Path) -> None:
    page = soup(tree, "concept/avg-toets")
    tables = page.select("main table")
    assert [tag(t.find("caption")).get_text(strip=True) for t in tables] == [
        "Verplichte onderdelen van artikel 28 en de artikelen 32 tot en met 36 AVG, "
        "en waar de overeenkomst ze regelt",
        "Andere bepalingen van de AVG en andere wetten, en waar de overeenkomst ze uitvoert",
        "Bepalingen die de overeenkomst bewust niet regelt, met de reden",
    ]
    required = tables[0]
    # The page's order, as the brief gives it: 28(3)(a)-(h), tweede alinea, 28(2), 28(4), 28(9), 32-36.
    assert [tag(row.find("th")).get_text(strip=True) for row in required.select("tbody tr")] == [
        *(f"art. 28 lid 3 onder {letter} AVG" for letter in "abcdefgh"),
        "art. 28 lid 3, tweede alinea, AVG",
        "art. 28 lid 2 AVG",
        "art. 28 lid 4 AVG",
        "art. 28 lid 9 AVG",
        *(f"art. {n} AVG" for n in (32, 33, 34, 35, 36)),
    ]
    assert list(rows(required)) == [BY_CODE[code].slug for code in REQUIRED]
    for code in REQUIRED:
        row = rows(required)[BY_CODE[code].slug]
        law = tag(tag(row.find("th")).find("a"))
        assert attr(law, "href").startswith(
            "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679#art_"
        )
        links = row.find_all("td")[1].find_all("a")
        assert links, f"{code}: no article or clause"
        for link in links:
            assert_resolves(tree, "concept/avg-toets/", attr(link, "href"))
    # Two rows checked by hand against docs/dekking.yml and the text of the fixture.
    second = rows(required)["bepaling-28-3-tweede-alinea"].find_all("td")[1]
    assert [a["href"] for a in second.find_all("a")] == [
        "../overeenkomst/#instructies",
        "../overeenkomst/#instructies-3",
        "../overeenkomst/#instructies-9",
    ]
    assert " ".join(second.get_text().split()) == "Artikel 4. Verwerking op instructie: leden 4.3, 4.9"
    sub = rows(required)["bepaling-28-2"].find_all("td")[1]
    assert [a["href"] for a in sub.find_all("a")] == [
        "../overeenkomst/#subverwerkers",
        "../overeenkomst/#subverwerkers-1",
        "../overeenkomst/#subverwerkers-2",
        "../overeenkomst/#subverwerkers-3",
        "../bijlagen/bijlage-3-subverwerkers/#bijlage-subverwerkers",
    ]


def test_tables_are_accessible_and_the_rest_follows(tree: Path) -> None:
    page = soup(tree, "concept/avg-toets")
    for region in page.select("main div.vwo-dekking"):
        table = tag(region.find("table"))
        caption = tag(table.find("caption"))
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert region["aria-labelledby"] == caption["id"]
        assert [th["scope"] for th in table.select("thead th")] == ["col", "col", "col"]
        assert all(tag(row.find("th"))["scope"] == "row" for row in table.select("tbody tr"))
    other = rows(page.select("main table")[1])
    assert "bepaling-28-3" in other and "bepaling-bw-6-253" in other
    assert " ".join(other["bepaling-bw-6-253"].get_text().split()) == (
        "art. 6:253 BW Derdenbeding Artikel 7. Subverwerkers: lid 7.8 Bijlage 3. Subverwerkers"
    )
    assert tag(tag(other["bepaling-bw-6-253"].find("th")).find("a"))["href"] == (
        "https://wetten.overheid.nl/jci1.3:c:BWBR0005289&artikel=253"
    )
    assert not set(other) & {BY_CODE[c].slug for c in REQUIRED}
    marked = rows(page.select("main table")[2])
    assert list(marked) == ["bepaling-26", "bepaling-83"]
    reason = marked["bepaling-83"].find_all("td")[1].get_text(strip=True)
    assert reason.startswith("Boetes van de toezichthouder")
    # The source file is the page's input, not part of the site.
    assert not list(tree.rglob("dekking.yml"))


def test_agreement_page_shows_what_each_article_implements(tree: Path) -> None:
    page = soup(tree, "concept/overeenkomst")
    heading = page.find("h2", id="subverwerkers")
    line = tag(tag(heading).find_next_sibling())
    assert "vwo-bepalingen" in line["class"]
    assert " ".join(line.get_text().split()) == (
        "Voert uit: art. 28 lid 2, art. 28 lid 3 onder d, art. 28 lid 4 AVG; art. 6:253 BW"
    )
    for link in page.select("p.vwo-bepalingen a"):
        assert_resolves(tree, "concept/overeenkomst/", attr(link, "href"))
    # 1.11 recorded nothing: no such line.
    assert not soup(tree, "1.11/overeenkomst").select("p.vwo-bepalingen")


def test_versions_without_coverage_say_so(tree: Path) -> None:
    old = soup(tree, "1.0/avg-toets")
    text = " ".join(tag(old.select_one("main article")).get_text().split())
    assert "Voor versie 1.0 is geen AVG-toets vastgelegd" in text
    link = tag(old.find("a", string="Bekijk de AVG-toets van de actuele versie"))
    assert link["href"] == "../../actueel/avg-toets/"
    assert_resolves(tree, "1.0/avg-toets/", attr(link, "href"))
    assert not old.select("main table")
    # 1.11 is the current version itself: nothing better to link to.
    current = soup(tree, "1.11/avg-toets")
    assert "Voor versie 1.11 is geen AVG-toets vastgelegd" in current.get_text()
    assert current.find("a", string="Bekijk de AVG-toets van de actuele versie") is None
    assert "AVG-toets" in [a.get_text(strip=True) for a in soup(tree, "concept").select("nav a")]


def test_comparison_names_the_provisions_a_change_touches(tree: Path) -> None:
    page = soup(tree, "concept/vergelijken/1.11")
    heading = page.find("h2", id="subverwerkers")
    touched = tag(tag(heading).find_next("p", class_="vwo-vergelijk-bepalingen"))
    assert touched.find_previous("h2") is heading
    assert " ".join(touched.get_text().split()) == (
        "Raakt deze bepalingen: art. 28 lid 2 AVG, art. 28 lid 3 onder d AVG, art. 28 lid 4 AVG, "
        "art. 6:253 BW"
    )
