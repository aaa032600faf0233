"""PDF: the text layer, page by page, as lines joined into paragraphs.

Pipeline: pypdf (its own limits on stream sizes; at most ``MAX_PAGES`` pages) -> lines
per page -> running headers, footers and watermarks dropped (``rules.edge_noise``: lines
at the edge of a page that recur on half of the pages) -> ``rules.join_lines`` (line
breaks and hyphenation) -> ``Extracted``. No text layer: a scanned image, which cannot
be checked.
"""

from __future__ import annotations

import io
import logging

from vwo.conformance.document import Extracted, Paragraph
from vwo.conformance.rules import EDGE_LINES, PAGE_BREAK, edge_key, edge_noise, join_lines
from vwo.errors import VwoError

MAX_PAGES = 1000
IMAGE = ("no text found: this PDF is an image", "ask for the Word version (or a PDF with a text layer)")


def read_pdf(data: bytes, where: str) -> Extracted:
    import pypdf  # only when a PDF comes in: it takes a while to import

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file, not for the reader
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise VwoError(where, "the PDF is password-protected", "ask for a copy without a password")
        count = len(reader.pages)
        if count > MAX_PAGES:
            raise VwoError(where, f"the PDF has {count} pages (at most {MAX_PAGES})", "")
        pages = [(page.extract_text() or "").split("\n") for page in reader.pages]
    except VwoError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on a broken file
        raise VwoError(
            where, f"the PDF is damaged or cannot be read ({type(error).__name__})", IMAGE[1]
        ) from None
    if sum(len("".join(lines).split()) for lines in pages) < 5:
        raise VwoError(where, *IMAGE)
    noise = edge_noise(pages)
    lines: list[str] = []
    dropped = 0
    for page in pages:
        filled = [n for n, line in enumerate(page) if line.strip()]
        edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
        for n, line in enumerate(page):
            if n in edges and edge_key(line) in noise:
                dropped += 1
                continue
            lines.append(line)
        lines.append(PAGE_BREAK)
    paragraphs = tuple(Paragraph(text) for text in join_lines(lines))
    return Extracted("pdf", paragraphs, pages=len(pages), noise=dropped)
