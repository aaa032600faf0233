"""Driving the site's search dialog (docs/assets/vwo-search.js) as a reader does."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

DIALOG = "dialog#vwo-zoeken"
BUTTON = "button.vwo-zoekknop"
FIELD = "#vwo-zoekterm"
RESULTS = "#vwo-zoeken-resultaten"
STATUS = "#vwo-zoeken-status"

# The results as shown: link, title, the line that names the page, version and status,
# and the heading of the version group (all-versions mode).
READ_RESULTS = """() => [...document.querySelectorAll('#vwo-zoeken-resultaten li.vwo-resultaat')].map(li => {
  const a = li.querySelector('a');
  const group = li.closest('section') && li.closest('section').querySelector('h3');
  return {href: a.href, title: a.textContent.trim(),
          where: li.querySelector('.vwo-resultaat__waar').textContent,
          excerpt: li.querySelector('.vwo-resultaat__uittreksel').textContent,
          group: group ? group.textContent : null, hidden: li.hidden};
})"""


@dataclass(frozen=True)
class Result:
    href: str
    title: str
    where: str
    excerpt: str
    group: str | None
    hidden: bool


def open_search(page: Page) -> None:
    page.locator(BUTTON).click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'vwo-zoekterm'")


def choose_scope(page: Page, scope: str) -> None:
    """``deze`` (this version) or ``alle`` (all published versions)."""
    page.locator(f"{DIALOG} input[name=bereik][value={scope}]").check()


def wait_for_results(page: Page) -> None:
    page.wait_for_function(
        "() => { const out = document.querySelector('#vwo-zoeken-resultaten');"
        " return out.getAttribute('aria-busy') === 'false'"
        " && document.querySelector('#vwo-zoeken-status').textContent !== ''; }",
        timeout=30_000,
    )


def search(page: Page, query: str) -> list[Result]:
    """Type ``query`` into the open dialog and read the results once they are shown."""
    page.locator(FIELD).fill(query)
    wait_for_results(page)
    return [Result(**item) for item in page.evaluate(READ_RESULTS)]


def status(page: Page) -> str:
    return str(page.locator(STATUS).text_content() or "")
