"""The pages of the standard at the root of the published tree (issue 17): accessible at
1280 and 320 px, reached by keyboard, no external requests; the old per-version address
leads there; and the outstanding-changes notice on the current version, with and without
JavaScript."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import Visit
from tests.browser.pages import PAGES, VIEWPORTS, is_standard_type, published_path
from tests.browser.test_accessibility import axe_problems
from tests.browser.test_keyboard import NO_TRANSITIONS, focus_by_tab

# Every page type that is a page of the standard (vwo.site.pagesets), at the root.
ROOT_PAGES = sorted({published_path("actueel/", name) for name in PAGES if is_standard_type(name)})


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", ROOT_PAGES)
def test_no_axe_violations_and_no_external_requests_on_the_pages_of_the_standard(
    visit: Callable[[str], Visit], published_site: str, path: str, viewport: str
) -> None:
    record = visit(viewport).on(published_site)
    record.goto(path)
    problems = axe_problems(record.page)
    assert not problems, f"{path} at {viewport}:\n" + "\n".join(problems)
    assert record.external_requests() == []
    assert record.errors == []


def test_the_old_address_in_a_version_leads_to_the_root(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.page.goto(f"{published_site}1.11/besluiten/")
    record.page.wait_for_url(f"{published_site}besluiten/")
    assert record.page.locator("h1").first.inner_text().startswith("Besluiten")


def test_from_a_page_of_the_standard_to_the_current_text_by_keyboard(
    visit: Callable[[str], Visit], published_site: str
) -> None:
    record = visit("desktop").on(published_site)
    record.goto("besluiten/")
    record.page.add_style_tag(content=NO_TRANSITIONS)
    focus_by_tab(record.page, 'nav.md-nav--primary a[href$="/actueel/overeenkomst/"]')
    record.page.keyboard.press("Enter")
    record.page.wait_for_url(f"{published_site}actueel/overeenkomst/")
    # And back: the current version's navigation links to the decision log at the root.
    focus_by_tab(record.page, 'nav.md-nav--primary a[href$="/besluiten/"]')
    record.page.keyboard.press("Enter")
    record.page.wait_for_url(f"{published_site}besluiten/")


def pending(published_root: Path) -> dict[str, str]:
    data = json.loads((published_root / "concept" / "openstaand.json").read_text(encoding="utf-8"))
    assert data["vergeleken_met"] == "1.11"
    return dict(data["artikelen"])


def test_outstanding_changes_are_noted_beside_each_article(
    visit: Callable[[str], Visit], published_site: str, published_root: Path
) -> None:
    articles = pending(published_root)
    assert "duur-en-beeindiging" in articles  # the concept changed article 3 (3.3)
    record = visit("desktop").on(published_site)
    record.goto("actueel/overeenkomst/")
    record.page.wait_for_selector("[data-vwo-openstaand-artikelen]", state="attached")
    notes = record.page.evaluate(
        """() => [...document.querySelectorAll('.vwo-openstaand')].map(p => (
             {after: p.previousElementSibling.id, href: p.querySelector('a').href}))"""
    )
    assert {n["after"] for n in notes} == set(articles)
    for note in notes:
        assert note["href"] == f"{published_site}concept/vergelijken/1.11/#{note['after']}"
    record.page.goto(notes[0]["href"])
    assert record.page.locator(f"#{notes[0]['after']}").count() == 1  # the change is there
    # An old version is compared with nothing: no notice, no check line.
    record.goto("1.0/overeenkomst/")
    assert record.page.locator(".vwo-openstaand, .vwo-openstaand-controle").count() == 0
    assert record.external_requests() == []


def test_without_javascript_the_status_box_points_to_the_concept(
    browser: Browser, published_site: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{published_site}actueel/overeenkomst/")
        check = page.locator(".vwo-statusbox .vwo-openstaand-controle a")
        assert check.inner_text() == "Controleer de werkversie op wijzigingen die nog niet zijn vastgesteld"
        assert check.get_attribute("href") == "../../concept/vergelijken/1.11/"
        assert page.locator(".vwo-openstaand").count() == 0
    finally:
        context.close()
