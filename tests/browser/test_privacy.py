"""Every page, loaded and searched once: no request leaves 127.0.0.1 (no CDN, fonts,
analytics or API calls), no script error, and untrusted text runs nothing.

Untrusted text: the test site's history holds a decision commit whose subject and
trailer are HTML and Markdown that try to run script (``site.PAYLOAD_SUBJECT``). No
dialog may open, no element from the payload may exist, and where the payload's text
appears (the decision log), it appears literally.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.conftest import Visit
from tests.browser.pages import page_id, page_paths
from tests.browser.searching import open_search, search
from tests.browser.site import PAYLOAD_MARK

INJECTED = """(mark) => [
  ...document.querySelectorAll('img[src="x"], img[onerror], a[href^="javascript:"]'),
  ...[...document.querySelectorAll('script:not([src])')].filter(s => s.textContent.includes(mark)),
].map(el => el.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("path", page_paths(), ids=page_id)
def test_page_stays_local_and_runs_no_untrusted_text(visit: Callable[[str], Visit], path: str) -> None:
    record = visit("desktop")
    record.goto(path)
    record.page.wait_for_load_state("networkidle")
    text = record.page.locator("body").inner_text()
    # The search loads its index and language files only when it is used.
    if path.endswith("404.html"):
        assert record.page.locator("button.vwo-zoekknop").count() == 0  # no search there
    else:
        open_search(record.page)
        search(record.page, PAYLOAD_MARK)
        record.page.wait_for_load_state("networkidle")
        assert any("/pagefind/wasm.nl" in url for url in record.requests), "the search index never loaded"
    external = record.external_requests()
    assert not external, f"{path}: requests to other hosts:\n" + "\n".join(external)
    assert not record.errors, f"{path}: script errors: {record.errors}"

    assert not record.dialogs, f"{path}: a dialog opened: {record.dialogs}"
    assert not record.page.evaluate(INJECTED, PAYLOAD_MARK), f"{path}: payload became markup"
    if PAYLOAD_MARK in text:
        assert f'<script>alert("{PAYLOAD_MARK}")</script>' in text, f"{path}: payload shown altered"


def test_the_payload_in_search_results_stays_text(visit: Callable[[str], Visit]) -> None:
    """The decision log is indexed with the payload commit: its excerpt shows it as text."""
    record = visit("desktop")
    record.goto(page_paths(["home"])[0])
    open_search(record.page)
    results = search(record.page, PAYLOAD_MARK)
    assert [r for r in results if "besluiten/" in r.href], results
    assert any("<script>alert" in r.excerpt for r in results), [r.excerpt for r in results]
    assert not record.page.evaluate(INJECTED, PAYLOAD_MARK)
    assert not record.dialogs


def test_the_payload_is_shown_somewhere(visit: Callable[[str], Visit]) -> None:
    """The decision log lists the payload commit: the check above is not vacuous."""
    record = visit("desktop")
    record.goto(page_paths(["besluiten"])[0])
    text = record.page.locator("body").inner_text()
    assert PAYLOAD_MARK in text, "the payload commit is not on the decision log"
    assert f'<script>alert("{PAYLOAD_MARK}")</script>' in text
    assert not record.dialogs
