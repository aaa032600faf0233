"""Decisions with their reasons and the point-in-time page, as a reader uses them (issue 20
items 3, 4 and 9). axe at 1280 and 320 px (WCAG 2.1 and 2.2 AA), keyboard and "nothing
fetched from elsewhere" cover these pages through ``pages.PAGES`` (the decision log with a
filter, a proposal page, Abonneren, the point-in-time page); here the tasks themselves:

- the reason of a rejected proposal is visible on the decision log and its own page;
- the decision log is filtered by following links, without JavaScript, the current
  choice marked with ``aria-current``;
- "Welke versie gold op ...?" on the published tree (versions 1.0 and 1.11): with
  JavaScript a date gives the answer, hand-checked against ``versions/*/version.yml``
  (1.0 consultation from 20 August 2018; 1.11 adopted 6 December 2018, pas toe of leg uit
  from 1 January 2019, mandatory from 1 January 2020); without JavaScript the list of
  periods gives the same answers and the form, which would do nothing, is not shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import Visit
from tests.browser.pages import PAGES, VIEWPORTS, page_paths, published_path
from tests.browser.site import PAYLOAD_MARK, PAYLOAD_REASON
from tests.browser.test_accessibility import assert_axe_clean

SHOWN_REASON = PAYLOAD_REASON  # escaped, so shown with its tags as text


def test_the_reason_of_a_rejected_proposal_is_visible_on_the_log_and_its_page(
    visit: Callable[[str], Visit],
) -> None:
    record = visit("desktop")
    record.goto(page_paths(["besluiten"])[0])
    entry = record.page.locator("article.vwo-besluit--verworpen", has_text=PAYLOAD_MARK)
    reason = entry.locator("dd.vwo-reden")
    assert reason.is_visible()
    assert reason.inner_text().strip() == SHOWN_REASON
    # Its whole path is one link away.
    entry.get_by_role("link", name="Het hele verloop van VWO-2018-999").click()
    record.page.wait_for_url("**/besluiten/VWO-2018-999/")
    step = record.page.locator("li.vwo-verloop__besluit")
    assert step.count() == 1
    assert step.locator("time").get_attribute("datetime") == "2018-09-03"
    assert step.locator("p").first.inner_text() == "3 september 2018, Beheergroep VWO: verworpen"
    shown = step.locator(".vwo-reden p:not(.vwo-reden__kop)")
    assert shown.is_visible() and shown.inner_text() == SHOWN_REASON
    assert not record.dialogs and not record.errors


@pytest.fixture
def without_script(browser: Browser, served_site: str) -> Iterator[Callable[[str], Page]]:
    """A page in a context with JavaScript off, at ``served_site``."""
    contexts = []

    def open_page(base_url: str = served_site) -> Page:
        context = browser.new_context(
            viewport=VIEWPORTS["desktop"], locale="nl-NL", java_script_enabled=False, base_url=base_url
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def current_filters(page: Page) -> list[str]:
    return [a.inner_text().strip() for a in page.locator("nav.vwo-filter a[aria-current=page]").all()]


def test_the_log_is_filtered_by_links_without_javascript(
    without_script: Callable[[str], Page], served_site: str
) -> None:
    page = without_script(served_site)
    page.goto(page_paths(["besluiten"])[0], wait_until="load")
    assert page.locator("nav.vwo-filter").count() >= 1
    page.locator("nav.vwo-filter a", has_text="verworpen").first.click()
    page.wait_for_url(f"**/{PAGES['besluiten-filter']}")
    assert any(name.startswith("verworpen") for name in current_filters(page)), current_filters(page)
    titles = [t.strip() for t in page.locator("h3.vwo-besluit__titel").all_inner_texts()]
    # The test site's history holds exactly one rejection: the payload commit.
    assert len(titles) == 1 and titles[0].startswith("VWO-2018-999: ") and PAYLOAD_MARK in titles[0]
    assert page.locator("dd.vwo-reden").inner_text().strip() == SHOWN_REASON
    # Back to every decision, by a link too.
    page.get_by_role("link", name="Toon alle besluiten").click()
    page.wait_for_url(f"**/{PAGES['besluiten']}")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_filter_page_passes_axe_with_its_current_choice(
    visit: Callable[[str], Visit], viewport: str
) -> None:
    record = visit(viewport)
    record.goto(page_paths(["besluiten-filter"])[0])
    assert record.page.locator("nav.vwo-filter a[aria-current=page]").count() >= 1
    assert_axe_clean(record, f"filter page at {viewport}")


POINT_IN_TIME = published_path("concept/", "geldend-op")

# Hand-checked against versions/1.0 and versions/1.11 (see the module docstring).
# Typed as a reader types a day (dag-maand-jaar, with - / or .), or as an ISO date.
ANSWERS = {
    "1-10-2018": ("Op 1 oktober 2018:", "Er gold geen vastgestelde versie", "Versie 1.0 lag ter consultatie"),
    "20-12-2018": (
        "Op 20 december 2018:",
        "Er gold geen vastgestelde versie",
        "zij geldt vanaf 1 januari 2019",
    ),
    "15/6/2019": ("Op 15 juni 2019:", "Versie 1.11 gold onder pas toe of leg uit"),
    "2021-03-01": ("Op 1 maart 2021:", "Versie 1.11", "verplicht"),
}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_point_in_time_with_javascript(
    visit: Callable[[str], Visit], published_site: str, viewport: str
) -> None:
    record = visit(viewport).on(published_site)
    record.goto(POINT_IN_TIME)
    page = record.page
    field = page.get_by_label("Datum")
    assert field.is_visible()
    answer = page.locator(".vwo-geldig__antwoord")
    for day, (first, *expected) in ANSWERS.items():
        field.fill(day)
        page.get_by_role("button", name="Toon de versie").click()
        shown = answer.inner_text()
        assert shown.startswith(first), (day, shown)
        for words in expected:
            assert words in shown, (day, shown)
    # By keyboard only: type and press Enter in the field.
    field.fill("")
    field.press_sequentially("2-1-2020")
    field.press("Enter")
    assert answer.inner_text().startswith("Op 2 januari 2020:") and "verplicht" in answer.inner_text()
    # A day that does not exist is refused, said in words, and the field is marked invalid.
    field.fill("31-2-2019")
    field.press("Enter")
    assert answer.inner_text().startswith("Dat is geen datum.")
    assert field.get_attribute("aria-invalid") == "true"
    field.fill("31-12-2019")
    field.press("Enter")
    assert "pas toe of leg uit" in answer.inner_text() and field.get_attribute("aria-invalid") is None
    # The answer region is announced (role=status) and the page stays axe-clean with it.
    assert page.locator(".vwo-geldig__antwoord[role=status]").count() == 1
    assert_axe_clean(record, f"point in time with an answer at {viewport}")
    assert not record.external_requests() and not record.errors


def test_point_in_time_without_javascript(without_script: Callable[[str], Page], published_site: str) -> None:
    page = without_script(published_site)
    page.goto(POINT_IN_TIME, wait_until="load")
    # Without its script the form would do nothing: it stays hidden; the list answers.
    assert not page.locator("[data-vwo-geldig]").is_visible()
    periods = page.locator("ol.vwo-perioden > li")
    texts = [t.replace("\n", " ") for t in periods.all_inner_texts()]
    assert len(texts) == 5, texts
    assert texts[0].startswith("Vanaf 1 januari 2020") and "verplicht" in texts[0]
    assert texts[1].startswith("Van 1 januari 2019 tot en met 31 december 2019")
    assert "Versie 1.11 gold onder pas toe of leg uit" in texts[1]
    assert texts[2].startswith("Van 6 december 2018 tot en met 31 december 2018")
    assert texts[3].startswith("Van 20 augustus 2018 tot en met 5 december 2018")
    assert texts[4].startswith("Tot en met 19 augustus 2018")
    # The link to the version that applied works without script too.
    periods.first.get_by_role("link", name="Naar versie 1.11").click()
    page.wait_for_url("**/1.11/")


def test_status_box_says_when_the_version_applied(visit: Callable[[str], Visit], published_site: str) -> None:
    record = visit("desktop").on(published_site)
    record.goto("1.11/" + PAGES["overeenkomst"])
    box = record.page.locator("aside.vwo-statusbox")
    assert box.locator("dt", has_text="Geldig").locator("+ dd").inner_text() == "vanaf 1 januari 2019"
    box.get_by_role("link", name="Welke versie gold op een datum?").click()
    # Straight to the page of the standard at the root, not through 1.11's redirect.
    record.page.wait_for_url(f"**/vwo/{published_path('1.11/', 'geldend-op')}")
