"""The register page in Debian's Chromium: the search field is an enhancement, never a need.

The browser is the session's one from ``tests/browser/conftest.py``.

With JavaScript the search field filters rows (accents and case do not matter) and
announces the count; without it the field stays hidden and the column headings are
plain links to pre-sorted pages. A hostile name runs nothing, nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, Request

from tests.gitrepo import mkdocs_build
from tests.test_register_site import REGISTER, make_project, sandbox  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(sandbox: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # noqa: F811
    folder = tmp_path_factory.mktemp("register-browser")
    project = make_project(folder / "project", REGISTER)
    mkdocs_build(project.path, folder / "site")
    handler = functools.partial(_Quiet, directory=str(folder / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def open_page(browser: Browser, url: str, *, javascript: bool) -> tuple[Page, list[str], list[str]]:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []

    def on_request(request: Request) -> None:
        if not request.url.startswith("http://127.0.0.1:"):
            outside.append(request.url)

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.goto(url)
    return page, outside, dialogs


def visible_names(page: Page) -> list[str]:
    rows = page.locator("table[data-vwo-register] tbody tr:visible th")
    return [" ".join(text.split()) for text in rows.all_inner_texts()]


def test_search_field_filters_rows_and_announces_the_count(browser: Browser, base_url: str) -> None:
    page, outside, dialogs = open_page(browser, base_url + "gebruik/", javascript=True)
    field = page.get_by_label("Zoek in deze tabel")
    assert field.is_visible()
    field.fill("BETA")
    page.wait_for_function("document.querySelector('#vwo-zoek-status').textContent !== ''")
    assert visible_names(page) == ["Voorbeeldleverancier Bèta B.V."]
    assert page.inner_text("#vwo-zoek-status") == "1 van de 7 organisaties gevonden"
    field.fill("")
    page.wait_for_function("document.querySelector('#vwo-zoek-status').textContent === ''")
    assert len(visible_names(page)) == 7
    assert dialogs == []
    assert outside == []


def test_without_javascript_sorting_is_a_link(browser: Browser, base_url: str) -> None:
    page, outside, dialogs = open_page(browser, base_url + "gebruik/", javascript=False)
    assert not page.locator("#vwo-zoekveld").is_visible()
    page.get_by_role("link", name="Versie", exact=True).click()
    assert page.url == base_url + "gebruik/op-versie/#register"
    sorted_heading = page.locator("th[aria-sort=ascending]")
    assert sorted_heading.get_attribute("data-kolom") == "versie"
    assert visible_names(page)[:3] == [
        '=HYPERLINK("http://x.example","klik")',
        "Gemeente Oefenmeer",
        "Voorbeeldleverancier Bèta B.V.",
    ]
    assert dialogs == []
    assert outside == []
