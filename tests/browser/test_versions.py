"""The published branch (mike): the version selector is accessible and keyboard-operable,
and every version's reaction links carry that version. (Link check of the tree:
``tests/test_links.py``.)"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import Visit
from tests.browser.pages import AGREEMENT, COMPARISON, PAGES, PUBLISHED_PREFIXES, VIEWPORTS
from tests.browser.test_accessibility import axe_problems
from tests.browser.test_agreement_page import ARTICLES
from tests.browser.test_keyboard import NO_TRANSITIONS, focus_by_tab

FOCUSED = """() => {
  const el = document.activeElement, s = getComputedStyle(el), r = el.getBoundingClientRect();
  return {text: el.textContent.trim(), href: el.href || '', outline: s.outlineStyle !== 'none',
          visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width > 0}; }"""


def test_version_selector_is_accessible_and_works_by_keyboard(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.goto("concept/" + PAGES[AGREEMENT])
    page = record.page
    page.wait_for_selector(".md-version__current", state="visible")
    page.add_style_tag(content=NO_TRANSITIONS)
    problems = axe_problems(page)
    assert not problems, "\n".join(problems)

    focus_by_tab(page, ".md-version__current")
    # Its name is its visible label plus what it does (WCAG 2.5.3), no aria-label over it.
    button = page.evaluate(
        "({label: document.activeElement.getAttribute('aria-label'),"
        " text: document.activeElement.textContent})"
    )
    assert button["label"] is None, button
    assert button["text"].startswith("concept") and button["text"].endswith(", andere versie kiezen"), button
    focus_by_tab(page, ".md-version__link[href$='/1.0/']")
    focused = page.evaluate(FOCUSED)
    assert focused["visible"] and focused["outline"], f"version link focused but not visibly: {focused}"
    page.keyboard.press("Enter")
    # Material looks the page up in the other version's sitemap and stays on it.
    page.wait_for_url(f"{published_site}1.0/{PAGES[AGREEMENT]}")


def test_every_version_links_reactions_to_its_own_version(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    for prefix, version in PUBLISHED_PREFIXES.items():
        record.goto(prefix + PAGES[AGREEMENT])
        articles = record.page.evaluate(ARTICLES)
        assert articles, prefix
        for article in articles:
            issue = next(u for u in article["links"] if u.startswith("https://"))
            assert parse_qs(urlsplit(issue).query)["versie"] == [version], f"{prefix}#{article['id']}"


# Pages that only the published tree has in this form: an old version with its banner,
# and a comparison (a plain build has no published versions to compare with). The
# Versies page is a page of the standard: test_standard_pages.py checks it with the others.
PUBLISHED_PAGES = ["1.0/" + PAGES[AGREEMENT], "1.0/", COMPARISON]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", PUBLISHED_PAGES)
def test_no_axe_violations_on_published_pages(
    visit: Callable[[str], Visit], published_site: str, path: str, viewport: str
) -> None:
    record = visit(viewport).on(published_site)
    record.goto(path)
    problems = axe_problems(record.page)
    assert not problems, f"{path} at {viewport}:\n" + "\n".join(problems)


def test_outdated_banner_leads_to_the_same_page_in_actueel(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    for path in [PAGES[AGREEMENT], "toelichting/"]:
        record.goto("1.0/" + path)
        banner = record.page.locator(".vwo-banner--verouderd")
        assert banner.count() == 1 and "verouderd" in banner.inner_text().lower()
        banner.locator("a", has_text="actuele").first.click()
        record.page.wait_for_url(f"{published_site}actueel/{path}")
        assert record.page.locator(".vwo-banner").count() == 0


def test_article_permalinks_resolve_in_every_version(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    for prefix in PUBLISHED_PREFIXES:
        record.goto(prefix + PAGES[AGREEMENT])
        ids = [a["id"] for a in record.page.evaluate(ARTICLES)]
        assert len(ids) >= 2, prefix
        for article_id in (ids[0], ids[-1]):
            record.page.goto("about:blank")  # a fresh load, not a jump within the page
            record.goto(f"{prefix}{PAGES[AGREEMENT]}#{article_id}")
            target = record.page.evaluate("document.querySelector(':target')?.id")
            assert target == article_id, f"{prefix}#{article_id}"
            in_view = record.page.evaluate(
                "(() => { const r = document.querySelector(':target').getBoundingClientRect();"
                " return r.top >= 0 && r.top < innerHeight; })()"
            )
            assert in_view, f"{prefix}#{article_id} not scrolled into view"
