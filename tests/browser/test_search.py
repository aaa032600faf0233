"""The site search in Debian's Chromium, on a site published by ``vwo publish``.

The published test tree has versions 1.0 (superseded), 1.11 (current, also at
``actueel/``) and ``concept``; each version's folder has its own Pagefind index, built
with it. Persona 5 of the readers' review (shared/reviews/readers-2026-12.md): plural
and inflected Dutch words, article titles and clause numbers must find the right
article first; one search can cover every published version, and each result says
which version it is from and its status, the current version first.

The expected articles below were read from the text of version 1.11 by hand (which
article is about the word), not from the search's output. Where the agreement only
mentions a word that an annex treats (bewaartermijnen), the agreement's article comes
first by design (the text of the agreement first, then annexes, toelichting, other
pages) and the annex right after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from tests.browser.conftest import Visit
from tests.browser.searching import BUTTON, DIALOG, FIELD, Result, choose_scope, open_search, search, status
from tests.browser.test_accessibility import violations_report
from tests.gitrepo import ROOT
from vwo.text.parse import load_agreement

AGREEMENT = "overeenkomst/"
CURRENT = "actueel/"

# Query -> the article (id) whose text the first result must be: its heading or one of its clauses.
INFLECTED: list[tuple[str, str]] = [
    ("subverwerkers", "subverwerkers"),
    ("subverwerker", "subverwerkers"),
    ("beveiligingsincidenten", "datalekken"),
    ("beveiligingsincident", "datalekken"),
    ("datalekken", "datalekken"),
    ("bewaartermijnen", "onderwerp"),
    ("bewaartermijn", "onderwerp"),
    ("teruggave", "teruggave-en-vernietiging"),
    ("vernietiging", "teruggave-en-vernietiging"),
    ("vernietigen", "teruggave-en-vernietiging"),
    ("melden", "datalekken"),
    ("meldt", "datalekken"),
    ("melding", "datalekken"),
    ("audits", "audits"),
    ("audit", "audits"),
    ("auditrechten", "audits"),
    ("toestemming", "subverwerkers"),
    ("doorgifte", "doorgifte"),
    ("doorgiften", "doorgifte"),
    ("beëindiging", "duur-en-beeindiging"),
    ("beeindiging", "duur-en-beeindiging"),
    ("aansprakelijkheid", "aansprakelijkheid"),
    ("geheimhouding", "geheimhouding"),
    ("datalek melden", "datalekken"),
]
# A clause number lands on the clause itself.
CLAUSES: list[tuple[str, str]] = [
    ("7.2", "subverwerkers-2"),
    ("artikel 7.2", "subverwerkers-2"),
    ("lid 10.1", "datalekken-1"),
    ("art. 12.3", "audits-3"),
]
STOP_WORDS = {"de", "het", "een", "en", "van", "in", "op", "te", "tot", "met", "voor", "aan", "bij", "of"}
AXE_SEARCH = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


# The index of the pages of the standard at the site root (vwo.search.meta.SHARED_INDEXES).
STANDARD_LABEL = "Pagina's van de standaard"


def fragment(result: Result) -> str:
    return urlsplit(result.href).fragment


def resolves(record: Visit, href: str) -> bool:
    """The result's page exists and has the element its link points to."""
    response = record.page.context.request.get(href.split("#")[0])
    if not response.ok:
        return False
    target = fragment(Result(href, "", "", "", None, False))
    return not target or BeautifulSoup(response.text(), "lxml").find(id=target) is not None


def is_article(result: Result, base: str, article: str) -> bool:
    path = urlsplit(result.href).path
    return (
        path == urlsplit(base + AGREEMENT).path
        and re.fullmatch(rf"{re.escape(article)}(-\d+)?", fragment(result)) is not None
    )


@pytest.fixture
def on_current(visit: Callable[[str], Visit], published_site: str) -> Visit:
    record = visit("desktop").on(published_site)
    record.goto(CURRENT + AGREEMENT)
    open_search(record.page)
    return record


def test_inflected_words_find_their_article_first(on_current: Visit) -> None:
    base = on_current.base_url + CURRENT
    problems = []
    for query, article in INFLECTED:
        results = search(on_current.page, query)
        first = results[0] if results else None
        if first is None or not is_article(first, base, article):
            problems.append(f"{query!r}: expected article {article}, first {first.href if first else None}")
        elif not resolves(on_current, first.href):
            problems.append(f"{query!r}: {first.href} does not resolve")
    assert not problems, "\n".join(problems)


def test_a_word_of_the_concept_only_is_found_in_the_concept(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    """The concept added "ingebrekestelling" to article 3; version 1.11 does not have it."""
    record = visit("desktop").on(published_site)
    record.goto(CURRENT)
    open_search(record.page)
    assert not [r for r in search(record.page, "ingebrekestelling") if AGREEMENT in r.href]
    record.goto("concept/")
    open_search(record.page)
    results = search(record.page, "ingebrekestelling")
    assert results and is_article(results[0], record.base_url + "concept/", "duur-en-beeindiging"), results[
        :1
    ]
    assert results[0].where.endswith("Werkversie (concept)")


def test_the_annex_that_treats_a_word_follows_the_article_that_names_it(on_current: Visit) -> None:
    results = search(on_current.page, "bewaartermijnen")
    assert urlsplit(results[1].href).path.endswith("/bijlagen/bijlage-1-specificatie/"), results[:2]
    assert fragment(results[1]) == "5-bewaartermijnen"


def test_every_article_title_and_each_of_its_words_find_the_article(on_current: Visit) -> None:
    base = on_current.base_url + CURRENT
    articles = load_agreement(ROOT / "versions" / "1.11").articles
    problems = []
    for article in articles:
        results = search(on_current.page, article.title)
        if not results or not is_article(results[0], base, article.id) or fragment(results[0]) != article.id:
            problems.append(f"title {article.title!r}: first {results[0].href if results else None}")
        for word in re.findall(r"\w+", article.title.lower()):
            if word in STOP_WORDS:
                continue
            first = search(on_current.page, word)
            # A word in two titles (autoriteit, autoriteiten) may find either article.
            accepted = [a.id for a in articles if word in re.findall(r"\w+", a.title.lower())]
            if not first or not any(is_article(first[0], base, a) for a in accepted):
                problems.append(f"word {word!r} of {article.id}: first {first[0].href if first else None}")
    assert not problems, "\n".join(problems)


def test_clause_numbers_land_on_the_clause(on_current: Visit) -> None:
    base = on_current.base_url + CURRENT
    for query, anchor in CLAUSES:
        results = search(on_current.page, query)
        assert results, query
        first = results[0]
        assert first.href == base + AGREEMENT + "#" + anchor, (query, first)
        number = re.search(r"\d+\.\d+", query)
        assert number is not None and first.title.endswith(f", lid {number.group()}"), first.title
        assert resolves(on_current, first.href), first.href


def test_this_version_searches_only_the_version_being_read(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.goto("1.0/" + AGREEMENT)
    open_search(record.page)
    # This version and the pages of the standard at the site root (their own index).
    found = search(record.page, "subverwerkers")
    results = [r for r in found if not r.where.endswith(STANDARD_LABEL)]
    assert results
    assert all(urlsplit(r.href).path.startswith("/vwo/1.0/") for r in results), results
    assert all(r.where.endswith("Versie 1.0 · Verouderde versie") for r in results)
    assert all("/vwo/1.0/" not in r.href for r in found if r.where.endswith(STANDARD_LABEL))
    assert status(record.page).endswith("in versie 1.0.")


def test_all_versions_lists_each_version_with_its_status_current_first(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.goto("1.0/" + AGREEMENT)
    open_search(record.page)
    choose_scope(record.page, "alle")
    results = search(record.page, "subverwerkers")
    groups = list(dict.fromkeys(r.group for r in results))
    assert groups[0] is not None and groups[0].startswith("Versie 1.11 · Vastgestelde versie (actueel)")
    assert groups[1] is not None and groups[1].startswith("Versie 1.0 · Verouderde versie")
    # Reading 1.0: the published versions, not the concept, and the pages of the standard.
    assert len(groups) == 3 and str(groups[2]).startswith(STANDARD_LABEL), groups
    results = [r for r in results if not str(r.group).startswith(STANDARD_LABEL)]
    for result in results:
        assert result.group is not None
        label = result.group.split(":")[0]
        assert result.where.endswith(label), result
        folder = CURRENT if "(actueel)" in label else "1.0/"
        assert urlsplit(result.href).path.startswith("/vwo/" + folder), result
    first_of = {r.group: r for r in reversed(results)}
    for group, result in first_of.items():
        assert is_article(
            result, record.base_url + (CURRENT if "(actueel)" in str(group) else "1.0/"), "subverwerkers"
        )
    # Five per version at first; the rest one press away.
    assert [r.hidden for r in results if r.group == groups[0]][:6] == [False] * 5 + [True]
    assert status(record.page).endswith("in 2 versies en de pagina’s van de standaard.")


def test_all_versions_from_the_concept_include_the_concept(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.goto("concept/")
    open_search(record.page)
    choose_scope(record.page, "alle")
    groups = list(dict.fromkeys(r.group for r in search(record.page, "7.2")))
    labels = [str(g).split(":")[0] for g in groups]
    assert (
        labels
        == [
            "Versie 1.11 · Vastgestelde versie (actueel)",
            "Werkversie (concept)",
            "Versie 1.0 · Verouderde versie",
            STANDARD_LABEL,
        ][: len(labels)]
    )
    assert len(labels) >= 3, labels


def test_search_stays_on_this_machine(visit: Callable[[str], Visit], published_site: str) -> None:
    record = visit("desktop").on(published_site)
    record.goto(CURRENT)
    assert not [url for url in record.requests if "/pagefind/" in url], "the index loads only when used"
    open_search(record.page)
    search(record.page, "beveiligingsincidenten")
    choose_scope(record.page, "alle")
    search(record.page, "teruggave")
    loaded = [urlsplit(url).path for url in record.requests]
    for part in (
        "/vwo/actueel/pagefind/pagefind.js",
        "/vwo/versies.json",
        "/vwo/1.0/pagefind/pagefind-entry.json",
    ):
        assert part in loaded, part
    assert any(path.startswith("/vwo/actueel/pagefind/wasm.nl") for path in loaded)
    assert any(path.startswith("/vwo/1.0/pagefind/fragment/") for path in loaded)
    assert not record.external_requests(), record.external_requests()
    assert not record.errors, record.errors


@pytest.mark.parametrize("viewport", ["desktop", "320px"])
def test_no_axe_violations_with_results_open(
    visit: Callable[[str], Visit], published_site: str, viewport: str
) -> None:
    record = visit(viewport).on(published_site)
    record.goto(CURRENT + AGREEMENT)
    open_search(record.page)
    choose_scope(record.page, "alle")
    assert search(record.page, "subverwerkers")
    assert record.page.locator("button.vwo-zoeken__meer").count() >= 1
    problems = violations_report(Axe().run(record.page, options=AXE_SEARCH).response)
    assert not problems, f"search dialog at {viewport}:\n" + "\n".join(problems)
    if viewport == "320px":
        width = record.page.evaluate("document.querySelector('dialog#vwo-zoeken').scrollWidth")
        assert width <= 320, f"the dialog is {width} px wide"


def test_keyboard_only_open_type_move_and_open_a_result(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.goto(CURRENT)
    page = record.page
    page.keyboard.press("/")  # Material's key for the search
    page.wait_for_function("document.activeElement.id === 'vwo-zoekterm'")
    page.keyboard.type("subverwerkers")
    page.wait_for_selector("#vwo-zoeken-resultaten[aria-busy=false] a")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.href")
    assert page.evaluate("document.activeElement.matches('a.vwo-resultaat__link')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    target = urlsplit(first).fragment
    assert page.evaluate("(id) => !!document.getElementById(id)", target)
    assert not page.locator(DIALOG).evaluate("d => d.open")


def test_the_header_button_opens_and_escape_closes(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("320px").on(published_site)
    record.goto(CURRENT + AGREEMENT)
    page = record.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", BUTTON):
            break
    else:
        raise AssertionError("Tab never reaches the search button")
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'vwo-zoekterm'")
    assert page.locator(BUTTON).get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not page.locator(DIALOG).evaluate("d => d.open")
    assert page.evaluate("(sel) => document.activeElement.matches(sel)", BUTTON)
    page.keyboard.press("s")  # the other keys Material uses
    page.wait_for_function("document.activeElement.id === 'vwo-zoekterm'")
    assert page.locator(FIELD).is_visible()
