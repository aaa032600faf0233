"""The AVG-toets page with a real coverage file, and the agreement page's "Voert uit"
lines, in Chromium: axe finds nothing at 1280 and 320 px, and nothing is fetched from
elsewhere (the links to EUR-Lex and wetten.overheid.nl are only links).

The project's own text records no coverage yet, so ``pages.PAGES`` shows only the "no
coverage recorded" page; this builds the content helper's text with its ``dekking.yml``
(``tests/fixtures/dekking-concept-2026``) once for this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser

from tests.browser.pages import VIEWPORTS
from tests.browser.site import sandboxed_git, serve, site_prefix
from tests.browser.test_accessibility import axe_problems
from tests.coverage_support import coverage_project
from tests.gitrepo import ROOT, mkdocs_build


@pytest.fixture(scope="module")
def coverage_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("coverage-browser")
    with sandboxed_git(workdir):
        repo = coverage_project(workdir / "project")
        mkdocs_build(repo.path, workdir / "site")
    with serve(workdir / "site", site_prefix(ROOT)) as base_url:
        yield base_url


# The agreement page is checked at both widths by test_accessibility.py; here only what the
# "Voert uit" lines add, on the wide page.
@pytest.mark.parametrize(
    ("path", "viewport"), [("avg-toets/", "desktop"), ("avg-toets/", "320px"), ("overeenkomst/", "desktop")]
)
def test_no_axe_violations_and_no_outside_requests(
    browser: Browser, coverage_site: str, path: str, viewport: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="nl-NL")
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        response = page.goto(urljoin(coverage_site, path), wait_until="load")
        assert response is not None and response.ok
        assert page.locator("table").count() == (3 if path == "avg-toets/" else 0)
        assert page.locator("p.vwo-bepalingen").count() >= (0 if path == "avg-toets/" else 15)
        problems = axe_problems(page)
        assert not problems, f"{path} at {viewport}:\n" + "\n".join(problems)
        outside = [url for url in requests if urlsplit(url).hostname not in (None, "127.0.0.1")]
        assert outside == []
    finally:
        context.close()
