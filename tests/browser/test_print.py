"""Printing: Chromium's PDF of a page (print media) holds the text without the site's
navigation, shows the URL of each external link, and keeps article headings with
their text. The PDF is read back with pypdf."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

from pypdf import PdfReader

from tests.browser.conftest import Visit
from tests.browser.pages import AGREEMENT, PAGES, page_paths

# Text of the navigation and page chrome that is not also part of the content.
CHROME_TEXTS = """() => {
  const content = document.querySelector('.md-content article').textContent.replace(/\\s+/g, ' ');
  const chrome = document.querySelectorAll(
    '.md-header, .md-tabs, .md-sidebar, .md-footer, .md-source, .md-skip');
  const texts = new Set();
  for (const part of chrome)
    for (const el of part.querySelectorAll('a, label, .md-ellipsis, .md-header__topic, .md-footer__title'))
      if (el.textContent.trim()) texts.add(el.textContent.replace(/\\s+/g, ' ').trim());
  return [...texts].filter(t => t.length > 3 && !content.includes(t));
}"""

# In print media: the external links that are visible in the content, and the headings.
PRINTED_LINKS = """() => [...document.querySelectorAll('.md-content article a[href^="http"]')]
  .filter(a => a.checkVisibility()).map(a => a.href)"""
# (Without the permalink and the copy-link button, which do not print, and without the
# soft hyphens vwo.js puts in long words.)
HEADINGS = """() => [...document.querySelectorAll('.md-content h2')].map(h => {
  const copy = h.cloneNode(true);
  copy.querySelectorAll('.headerlink, .vwo-citeer-knop').forEach(e => e.remove());
  return copy.textContent.replace(/\u00ad/g, '').trim(); })"""


def squash(text: str) -> str:
    """Whitespace collapsed, ligatures (ﬁ) undone: PDF text compares with page text."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_pages(record: Visit) -> list[str]:
    reader = PdfReader(io.BytesIO(record.page.pdf(format="A4", print_background=True)))
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in reader.pages]


def test_agreement_prints_without_navigation(visit: Callable[[str], Visit]) -> None:
    record = visit("desktop")
    record.goto(page_paths([AGREEMENT])[0])
    chrome = record.page.evaluate(CHROME_TEXTS)
    headings = record.page.evaluate(HEADINGS)
    assert len(chrome) >= 5 and headings, (chrome, headings)  # the check below can fail
    pages = pdf_pages(record)
    printed = squash(" ".join(pages))
    # Compared without spaces and hyphens: a long heading may break at one of the soft
    # hyphens vwo.js adds, which the PDF's text shows as "hoofd overeenkomst".
    bare = re.sub(r"[\s\u00ad\u2010-]", "", printed)
    for heading in headings:  # the extraction works: the content is there
        assert re.sub(r"[\s-]", "", squash(heading)) in bare, heading
    shown = [text for text in chrome if squash(text) in printed]
    assert not shown, f"navigation text in the printed agreement: {shown}"
    # No page ends with an article heading whose text is on the next page.
    for number, text in enumerate(pages[:-1], start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        assert not re.fullmatch(r"Artikel \d+\. .*", last), f"page {number} ends with heading {last!r}"


def test_print_shows_urls_of_external_links(visit: Callable[[str], Visit]) -> None:
    record = visit("desktop")
    record.goto(PAGES["contact"])
    record.page.emulate_media(media="print")
    links = record.page.evaluate(PRINTED_LINKS)
    assert links, "the contact page has no external link to check"
    printed = re.sub(r"\s+", "", " ".join(pdf_pages(record)))
    missing = [url for url in links if url not in printed]
    assert not missing, f"URLs not shown in print: {missing}"
