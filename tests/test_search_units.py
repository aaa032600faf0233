"""The pure parts of the site search: what each page tells the index, the dialog's settings."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import ROOT
from vwo.search.meta import (
    ARTICLE_WEIGHT,
    KINDS,
    IndexedPage,
    SearchSettings,
    body_html,
    heading_attributes,
    is_excluded,
    page_kind,
    roots,
)
from vwo.text.pages import PageContext, agreement_markdown
from vwo.text.parse import load_agreement


@pytest.mark.parametrize(
    ("src_uri", "kind"),
    [
        ("overeenkomst.md", "overeenkomst"),
        ("bijlagen/bijlage-3-subverwerkers.md", "bijlage"),
        ("toelichting.md", "toelichting"),
        ("index.md", "pagina"),
        ("over/overeenkomst.md", "pagina"),
        ("wijzigingen.md", "pagina"),
    ],
)
def test_page_kind(src_uri: str, kind: str) -> None:
    assert page_kind(src_uri) == kind


def test_the_agreement_comes_first_in_the_order_of_kinds() -> None:
    assert KINDS == ("overeenkomst", "bijlage", "toelichting", "pagina")


@pytest.mark.parametrize(
    ("meta", "excluded"),
    [
        ({}, False),
        ({"search": {"exclude": True}}, True),
        ({"search": {"exclude": False}}, False),
        ({"search": "exclude"}, False),
        ({"title": "x"}, False),
    ],
)
def test_front_matter_keeps_a_page_out_of_the_index(meta: dict[str, object], excluded: bool) -> None:
    assert is_excluded(meta) is excluded


def test_body_html_marks_the_content_with_the_page_facts() -> None:
    page = IndexedPage(
        title='Bijlage 3, "Subverwerkers" <b>', kind="bijlage", version="1.11", status="Vastgestelde versie"
    )
    soup = BeautifulSoup(body_html("<h1 id='x'>Kop</h1><p>Tekst</p>", page), "lxml")
    body = soup.select_one("[data-pagefind-body]")
    assert body is not None and body.name == "div"
    # Pagefind reads each value from an attribute of its own: a comma in a title stays in it.
    assert body["data-pagefind-meta"] == (
        "title[data-titel], versie[data-versie], status[data-status], soort[data-soort]"
    )
    assert not body.get("data-pagefind-filter"), "filters make Pagefind's output differ per run"
    assert body["data-titel"] == 'Bijlage 3, "Subverwerkers" <b>'
    assert (body["data-versie"], body["data-status"], body["data-soort"]) == (
        "1.11",
        "Vastgestelde versie",
        "bijlage",
    )
    assert [child.name for child in body.find_all(recursive=False)] == ["h1", "p"]
    assert soup.find("b") is None, "the title is escaped"


def test_article_headings_weigh_most_on_the_agreement_page() -> None:
    assert heading_attributes() == f'data-pagefind-weight="{ARTICLE_WEIGHT}"'
    agreement = load_agreement(ROOT / "docs")
    markdown = agreement_markdown(agreement, PageContext("1.11", "https://example.org/r", "a@example.org"))
    for article in agreement.articles:
        heading = f'## {article.heading} {{#{article.id} data-vwo-artikel="{article.number}"'
        assert f'{heading} data-pagefind-weight="10"}}' in markdown


@pytest.mark.parametrize(
    ("page_url", "expected"),
    [
        ("", ("./", "../")),
        ("overeenkomst/", ("../", "../../")),
        ("vergelijken/1.0/", ("../../", "../../../")),
        ("404.html", ("./", "../")),
    ],
)
def test_roots_relative_to_the_page(page_url: str, expected: tuple[str, str]) -> None:
    assert roots(page_url) == expected


def test_settings_json_names_this_version_and_the_site_root() -> None:
    settings = SearchSettings("1.0", "Verouderde versie", False, "../", "../../")
    data = json.loads(settings.to_json())
    assert data["versie"] == "1.0"
    assert data["status"] == "Verouderde versie"
    assert data["actueel"] is False
    assert (data["versiemap"], data["hoofdmap"]) == ("../", "../../")
    assert (data["alias_actueel"], data["concept"]) == ("actueel/", "concept/")
    assert data["kinds"] == list(KINDS)
    # The pages of the standard at the site root: searched with this version (one index of their own).
    assert data["gedeeld"] == [{"pad": "pagefind/", "label": "Pagina's van de standaard"}]
    # A plain build (mkdocs build/serve) has those pages in its own index and nothing above it.
    plain = SearchSettings("concept", "Werkversie", False, "./", "../", shared=False)
    assert json.loads(plain.to_json())["gedeeld"] == []
