"""A comparison page in Chromium: the side-by-side view is a checkbox and CSS, so it
works by keyboard and without JavaScript, and axe finds nothing in that view either
(the inline view is among the published pages of ``test_versions.py``)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Visit
from tests.browser.pages import COMPARISON, VIEWPORTS
from tests.browser.test_accessibility import axe_problems

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PAGE = COMPARISON  # in the published tree: a plain build has no versions to compare with
SWITCH = "Oude en nieuwe tekst naast elkaar tonen"


def shown(page: Page, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


@pytest.mark.parametrize("javascript", [True, False], ids=["met-javascript", "zonder-javascript"])
def test_the_checkbox_switches_between_the_views_by_keyboard(
    browser: Browser, published_site: str, javascript: bool
) -> None:
    viewport = VIEWPORTS["desktop"]
    context = browser.new_context(viewport=viewport, locale="nl-NL", java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(urljoin(published_site, PAGE))
        sections = page.locator(".vwo-weergave-tekst").count()
        assert sections > 1 and page.locator(".vwo-weergave-naast").count() == sections
        assert (shown(page, ".vwo-weergave-tekst"), shown(page, ".vwo-weergave-naast")) == (sections, 0)
        switch = page.get_by_label(SWITCH)
        switch.focus()
        page.keyboard.press("Space")
        assert switch.is_checked()
        assert (shown(page, ".vwo-weergave-tekst"), shown(page, ".vwo-weergave-naast")) == (0, sections)
        assert page.locator("table.vwo-naast:visible del").count() > 0
        assert page.locator("table.vwo-naast:visible ins").count() > 0
        # A jump link keeps the chosen view (a :target switch would lose it).
        page.locator("#vwo-gewijzigd + ul a").first.click()
        assert (shown(page, ".vwo-weergave-tekst"), shown(page, ".vwo-weergave-naast")) == (0, sections)
        switch.focus()
        page.keyboard.press("Space")
        assert (shown(page, ".vwo-weergave-tekst"), shown(page, ".vwo-weergave-naast")) == (sections, 0)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_axe_violations_side_by_side(
    visit: Callable[[str], Visit], published_site: str, viewport: str
) -> None:
    record = visit(viewport).on(published_site)
    record.goto(PAGE)
    record.page.get_by_label(SWITCH).check()
    assert shown(record.page, ".vwo-weergave-naast") > 0
    problems = axe_problems(record.page)
    assert not problems, f"{PAGE} side by side at {viewport}:\n" + "\n".join(problems)
