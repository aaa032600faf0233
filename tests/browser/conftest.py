"""Fixtures for the browser tests: the served site and one Chromium per session.

Chromium is Debian's (``make chromium``), driven by Playwright through
``executable_path``; Playwright's own browser download is never used. Without Chromium
the tests skip locally and FAIL when ``CI`` is set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Dialog, Page, Playwright, Request, sync_playwright

from tests.browser.pages import VIEWPORTS
from tests.browser.site import build_site, publish_site, sandboxed_git, serve, site_prefix
from tests.gitrepo import ROOT
from tests.tools import CHROMIUM_HINT, unavailable

# Set to a folder (e.g. the exported tree of a mike-published branch) to test it instead
# of a fresh build of this branch's site.
SERVED_ROOT_ENV = "VWO_BROWSER_SITE"
LOCAL_HOST = "127.0.0.1"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Without this Chromium makes dozens of DNS lookups of its own.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def _unavailable(message: str) -> NoReturn:
    unavailable(f"browser tests need Chromium: {message}", CHROMIUM_HINT)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder that is served: ``$VWO_BROWSER_SITE`` or a fresh build of this branch."""
    given = os.environ.get(SERVED_ROOT_ENV)
    if given:
        return Path(given)
    workdir = tmp_path_factory.mktemp("browser-site")
    with sandboxed_git(workdir):
        return build_site(workdir)


@pytest.fixture(scope="session")
def served_site(site_root: Path) -> Iterator[str]:
    """Base URL (ending in '/') of the site served on 127.0.0.1, under ``site_url``'s path."""
    with serve(site_root, site_prefix(ROOT)) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def published_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tree of a mike-published branch of the throwaway project (several versions)."""
    workdir = tmp_path_factory.mktemp("browser-published")
    with sandboxed_git(workdir):
        return publish_site(workdir)


@pytest.fixture(scope="session")
def published_site(published_root: Path) -> Iterator[str]:
    """Base URL of the published tree, served like GitHub Pages serves it."""
    with serve(published_root, site_prefix(ROOT)) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("Chromium is not on PATH")
    # Playwright gives the browser a throwaway profile of its own (it refuses --user-data-dir).
    try:
        browser = playwright_session.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception as error:  # any launch failure means: no usable browser
        _unavailable(f"Chromium at {executable} did not start: {error}")
    yield browser
    browser.close()


@dataclass
class Visit:
    """One page in a fresh browser context, with everything it did recorded."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught script errors

    def on(self, base_url: str) -> Visit:
        """Visit another served site (e.g. ``published_site``) in the same context."""
        self.base_url = base_url
        return self

    def goto(self, path: str) -> None:
        response = self.page.goto(urljoin(self.base_url, path), wait_until="load")
        assert response is not None, path
        if not path.endswith("404.html"):
            assert response.ok, f"{path}: HTTP {response.status}"

    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not _is_local(url)]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


@pytest.fixture
def visit(browser: Browser, served_site: str) -> Iterator[Callable[[str], Visit]]:
    """``visit(viewport)`` -> a recording ``Visit`` in a new context; closed after the test."""
    contexts = []

    def open_visit(viewport: str = "desktop") -> Visit:
        context = browser.new_context(viewport=VIEWPORTS[viewport], locale="nl-NL", java_script_enabled=True)
        contexts.append(context)
        page = context.new_page()
        record = Visit(page=page, base_url=served_site)

        def on_request(request: Request) -> None:
            record.requests.append(request.url)

        def on_dialog(dialog: Dialog) -> None:
            record.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("request", on_request)
        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: record.errors.append(str(error)))
        return record

    yield open_visit
    for context in contexts:
        context.close()
