"""A strict build of the real site, read back as HTML."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import ROOT, copy_project, mkdocs_build
from tests.soup import attr, tag
from vwo.text.lists import own_marker
from vwo.text.parse import load_agreement

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    site_dir = tmp_path_factory.mktemp("site")
    mkdocs_build(project, site_dir)
    return site_dir


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml")


def test_the_build_helper_fails_on_a_warning(tmp_path: Path) -> None:
    copy_project(tmp_path / "p")
    (tmp_path / "p/docs/over/contact.md").write_text(
        "# Contact\n\n[weg](bestaat-niet.md)\n", encoding="utf-8"
    )
    with pytest.raises(AssertionError, match=r"bestaat-niet\.md"):
        mkdocs_build(tmp_path / "p", tmp_path / "site")


def test_every_page_is_dutch(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        html = page(site, str(path.relative_to(site))).find("html")
        assert html is not None and html.get("lang") == "nl", path


def test_every_article_has_its_anchor_clauses_and_toelichting(site: Path) -> None:
    agreement = load_agreement(ROOT / "docs")
    soup = page(site, "overeenkomst/index.html")
    for article in agreement.articles:
        heading = soup.find("h2", id=article.id)
        assert heading is not None, f"no anchor #{article.id}"
        assert heading.get_text().startswith(article.heading)
        for clause in article.clauses:
            lid = soup.find(id=clause.anchor)
            assert lid is not None and lid.name == "div" and "vwo-lid" in lid["class"], clause.anchor
            link = lid.find("a", class_="vwo-lidnummer")
            assert (
                link is not None and link["href"] == f"#{clause.anchor}" and link.get_text() == clause.number
            )
        details = soup.find("details", id=f"{article.id}-toelichting")
        assert details is not None, f"no toelichting under {article.id}"
        assert tag(details.find("summary")).get_text() == f"Toelichting bij artikel {article.number}"
        assert len(details.get_text(strip=True)) > 80


def test_landmark_names_are_dutch(site: Path) -> None:
    """Material's Dutch translation names the header and footer landmarks in English;
    overrides/partials/language.html corrects it (a screen reader reads these names)."""
    html = page(site, "overeenkomst/index.html")
    assert tag(html.select_one("header nav"))["aria-label"] == "Paginakop"
    assert tag(html.select_one("footer nav"))["aria-label"] == "Paginavoet"
    for path in sorted(site.rglob("*.html")):
        labels = {
            attr(e, "aria-label") for e in page(site, str(path.relative_to(site))).select("[aria-label]")
        }
        assert not labels & {"Header", "Footer", "Tabs"}, path


def test_reaction_links_carry_article_and_version(site: Path) -> None:
    agreement = load_agreement(ROOT / "docs")
    soup = page(site, "overeenkomst/index.html")
    links = soup.select("p.vwo-reageer")
    assert len(links) == len(agreement.articles)
    for article, block in zip(agreement.articles, links, strict=True):
        issue, mail = (attr(a, "href") for a in block.find_all("a"))
        url = urlparse(issue)
        assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/vwo-gemeenten/vwo/issues/new")
        query = parse_qs(url.query)
        assert query["artikel"] == [article.id]
        assert query["versie"] == ["concept"]
        assert query["template"] == ["wijzigingsvoorstel.yml"]
        assert mail.startswith("mailto:privacy@vng.nl?")
        assert f"#{article.id}" in unquote(mail) and "versie concept" in unquote(mail)


def test_toelichting_page_links_back_to_each_article(site: Path) -> None:
    agreement = load_agreement(ROOT / "docs")
    soup = page(site, "toelichting/index.html")
    for article in agreement.articles:
        section = soup.find("h2", id=article.id)
        assert section is not None
        back = section.find_next("a", class_="vwo-naar-tekst")
        assert back is not None and back["href"] == f"../overeenkomst/#{article.id}"


def test_no_page_shows_a_bullet_before_a_letter(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        soup = page(site, str(path.relative_to(site)))
        for item in soup.select("article ul > li"):  # the text, not the navigation
            assert own_marker(item.get_text().strip()) is None, (path, item.get_text()[:60])
    agreement_page = page(site, "overeenkomst/index.html")
    considerans = tag(tag(agreement_page.find("strong", string="Overwegende dat")).find_next(["ol", "ul"]))
    assert considerans.name == "ol" and considerans["type"] == "a"
    assert [li.get_text()[:20] for li in considerans.find_all("li")][:2] == [
        "de gemeente en de ve",
        "de verwerker bij de ",
    ]
    # 6.6: the five measures for sensitive personal data, a. to e. (docs/overeenkomst.md).
    measures = tag(tag(agreement_page.find(id="beveiliging-6")).find_next("ol"))
    assert measures["type"] == "a" and len(measures.find_all("li")) == 5
    assert tag(measures.find("li")).get_text().startswith("alleen medewerkers met een rol")


def test_fonts_are_local(site: Path) -> None:
    # The search index and its language: tests/test_search_index.py.
    for path in site.rglob("*.html"):
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8"), path


def _titled_pages(nav: object) -> list[str]:
    """Titles of the pages that mkdocs.yml names explicitly (``Title: page.md``)."""
    if isinstance(nav, list):
        return [title for item in nav for title in _titled_pages(item)]
    if isinstance(nav, dict):
        return [
            title
            for key, value in nav.items()
            for title in ([key] if isinstance(value, str) else _titled_pages(value))
        ]
    return []


def test_every_titled_page_of_the_nav_is_a_navigation_link(site: Path) -> None:
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    titles = _titled_pages(config["nav"])
    assert {"Overeenkomst", "Downloads", "Vergelijken", "Wijzigingen", "Besluiten"} <= set(titles)
    links = {
        a.get_text(strip=True) for a in page(site, "toegankelijkheid/index.html").select("nav a.md-nav__link")
    }
    assert [t for t in titles if t not in links] == []
