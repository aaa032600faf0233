"""axe-core finds nothing on any page type, wide or at 320 px (reflow, WCAG 1.4.10).

Per page: the WCAG 2.0, 2.1 and 2.2 A and AA rules (2.2 adds target size), plus the
structure rules axe files under "best-practice" (one main, unique landmark labels:
Material has several <nav>; heading order; roles allowed on their element: vwo.js puts
the button role on a span inside Material's toggle labels, never on the label).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import Visit
from tests.browser.pages import VIEWPORTS, page_id, page_paths, specimen_path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STRUCTURE_RULES = [
    "landmark-unique",
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-complementary-is-top-level",
    "heading-order",
    "page-has-heading-one",
    "empty-heading",
    "empty-table-header",
    "aria-allowed-role",
    "label-content-name-mismatch",
]
# One run: the WCAG tags, plus the structure rules switched on by name.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "rules": {rule: {"enabled": True} for rule in STRUCTURE_RULES},
}
AXE = Axe()  # axe-core bundled in the package (axe.min.js), injected into the page

NAV_NAMES = """() => [...document.querySelectorAll('nav')]
  .filter(n => n.checkVisibility({visibilityProperty: true}))
  .map(n => n.getAttribute('aria-label')
            || (document.getElementById(n.getAttribute('aria-labelledby')) || {}).textContent || '')"""


def axe_problems(page: Page) -> list[str]:
    """axe-core's violations on ``page`` (WCAG 2.0-2.2 A and AA and the structure rules),
    one readable block each; empty when the page passes."""
    return violations_report(AXE.run(page, options=AXE_OPTIONS).response)


def violations_report(response: dict[str, Any]) -> list[str]:
    lines = []
    for violation in response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            summary = str(node["failureSummary"]).replace("\n", " ")
            lines.append(f"    {node['target']}: {summary}\n      {node['html'][:200]}")
    return lines


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("path", [*page_paths(), specimen_path()], ids=page_id)
def test_no_axe_violations(visit: Callable[[str], Visit], path: str, viewport: str) -> None:
    record = visit(viewport)
    record.goto(path)
    results = AXE.run(record.page, options=AXE_OPTIONS)
    problems = violations_report(results.response)

    names = [name.strip() for name in record.page.evaluate(NAV_NAMES)]
    if not all(names) or len(set(names)) != len(names):
        problems.append(f"- every visible <nav> needs its own name, found: {names}")
    assert not problems, f"{path} at {viewport}:\n" + "\n".join(problems)


def assert_axe_clean(record: Visit, where: str) -> None:
    problems = axe_problems(record.page)
    assert not problems, f"{where}:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_axe_violations_with_search_results_open(visit: Callable[[str], Visit], viewport: str) -> None:
    record = visit(viewport)
    record.goto(page_paths(["overeenkomst"])[0])
    record.page.locator("button.vwo-zoekknop").click()
    record.page.locator("#vwo-zoekterm").fill("verwerker")
    record.page.wait_for_selector("#vwo-zoeken-resultaten[aria-busy=false] .vwo-resultaat", state="visible")
    assert_axe_clean(record, f"search results at {viewport}")


def test_no_axe_violations_with_the_menu_open_at_320px(visit: Callable[[str], Visit]) -> None:
    record = visit("320px")
    record.goto(page_paths(["overeenkomst"])[0])
    record.page.add_style_tag(content="* { transition: none !important; }")
    record.page.locator("label.md-header__button[for='__drawer']").click()
    assert_axe_clean(record, "menu open")
    # The menu opens at the top level: first the page's section, then its contents.
    record.page.locator("li.md-nav__item--active > label.md-nav__link").first.click()
    record.page.locator("label.md-nav__link[for='__toc']").click()
    assert_axe_clean(record, "menu with the table of contents open")
