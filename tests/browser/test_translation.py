"""The English pages in Chromium: axe finds nothing at 1280 and 320 px, the page says it
is English, the language switch works by keyboard and keeps the reader at the same
article or clause (docs/assets/vwo-taal.js), the search finds English text on an English
page, and nothing is requested from another host.

The site: ``tests.translation_support.translated_site`` (versions 2.6 and 2.7, the
translation of 2.7 published, the concept translated with clause 7.3 pending), published
with ``vwo publish`` and served like GitHub Pages serves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Visit
from tests.browser.pages import VIEWPORTS
from tests.browser.searching import open_search, search
from tests.browser.site import sandboxed_git, serve, site_prefix
from tests.browser.test_accessibility import axe_problems
from tests.gitrepo import ROOT

ENGLISH_PAGES = [
    "2.7/en/",
    "2.7/en/overeenkomst/",
    "2.7/en/toelichting/",
    "2.7/en/parallel/",
    "2.7/en/bijlagen/bijlage-1-specificatie/",
    "concept/en/overeenkomst/",
]
SWITCHING_PAGES = ["2.7/overeenkomst/", "versies/"]  # versies/: a page of the standard
AT_TOP = """(id) => { const el = document.getElementById(id); if (!el) return null;
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const r = el.getBoundingClientRect(); return r.top >= header - 2 && r.top < header + 120; }"""


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.translation_support import translated_site

    work = tmp_path_factory.mktemp("browser-translation")
    with sandboxed_git(work):
        tree: Path = translated_site(work)
    with serve(tree, site_prefix(ROOT)) as base_url:
        yield base_url


@pytest.fixture
def english(visit: Callable[[str], Visit], translated: str) -> Callable[[str], Visit]:
    return lambda viewport: visit(viewport).on(translated)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", ENGLISH_PAGES + SWITCHING_PAGES)
def test_no_axe_violations_on_translated_pages(
    english: Callable[[str], Visit], path: str, viewport: str
) -> None:
    record = english(viewport)
    record.goto(path)
    problems = axe_problems(record.page)
    assert not problems, f"{path} at {viewport}:\n" + "\n".join(problems)
    assert not record.errors, record.errors


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_english_pages_say_they_are_english(english: Callable[[str], Visit], path: str) -> None:
    record = english("desktop")
    record.goto(path)
    page = record.page
    assert page.evaluate("document.documentElement.lang") == "en"
    notice = page.locator(".vwo-vertaling-notice")
    assert notice.is_visible() and "Only the Dutch text is binding" in notice.inner_text()
    # The notice links to the Dutch text and says it is Dutch (hreflang).
    dutch_links = page.locator(".vwo-vertaling-notice a")
    assert dutch_links.count() == 1 and dutch_links.get_attribute("hreflang") == "nl"


def switch_by_keyboard(record: Visit, selector: str) -> None:
    """Focus the link without scrolling (as Tab does once it is on screen) and press Enter."""
    page = record.page
    page.evaluate("(sel) => document.querySelector(sel).focus({preventScroll: true})", selector)
    assert page.evaluate("(sel) => document.activeElement.matches(sel)", selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")


def test_the_switch_keeps_the_clause_in_both_directions(
    english: Callable[[str], Visit], translated: str
) -> None:
    record = english("desktop")
    record.goto("2.7/overeenkomst/#subverwerkers-3")
    page = record.page
    assert page.evaluate(AT_TOP, "subverwerkers-3")
    switch_by_keyboard(record, ".vwo-taalwissel--pagina a[hreflang=en]")
    assert page.url == f"{translated}2.7/en/overeenkomst/#subverwerkers-3"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate(AT_TOP, "subverwerkers-3")
    switch_by_keyboard(record, "#subverwerkers ~ .vwo-taalwissel--artikel a[hreflang=nl]")
    assert page.url == f"{translated}2.7/overeenkomst/#subverwerkers-3"
    assert page.evaluate(AT_TOP, "subverwerkers-3")
    # An article's own switch, with the reader elsewhere, leads to that article.
    switch_by_keyboard(record, "#doorgifte ~ .vwo-taalwissel--artikel a[hreflang=en]")
    assert page.url == f"{translated}2.7/en/overeenkomst/#doorgifte"
    assert not record.errors, record.errors


def test_the_switch_leads_to_the_parallel_view_at_the_same_place(
    english: Callable[[str], Visit], translated: str
) -> None:
    record = english("320px")
    record.goto("2.7/en/overeenkomst/#datalekken-2")
    switch_by_keyboard(record, ".vwo-taalwissel--pagina a[data-vwo-taal=naast]")
    assert record.page.url == f"{translated}2.7/en/parallel/#datalekken-2"
    assert record.page.evaluate(AT_TOP, "datalekken-2")
    row = record.page.locator(".vwo-naast__rij#datalekken-2")
    assert row.locator("[lang=nl]").count() == 1 and row.locator("[lang=en]").count() == 1


def test_searching_an_english_page_finds_english_text_and_stays_local(
    english: Callable[[str], Visit],
) -> None:
    record = english("desktop")
    record.goto("2.7/en/overeenkomst/")
    open_search(record.page)
    results = search(record.page, "sub-processor")
    assert results and all("/2.7/en/" in result.href for result in results), results
    assert any("/2.7/en/overeenkomst/" in result.href for result in results)
    record.page.wait_for_load_state("networkidle")
    assert any("/pagefind/wasm.en" in url for url in record.requests), "the English index never loaded"
    assert record.external_requests() == []
    assert not record.errors, record.errors
