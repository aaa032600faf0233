"""Where MkDocs puts a page, for links written as raw HTML (MkDocs rewrites only
Markdown links, and the site's generated pages keep big link lists out of Markdown)."""

from __future__ import annotations

import posixpath


def page_url(src: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a page or file, relative to the site root."""
    if not src.endswith(".md"):
        return src
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(from_src: str, to_src: str, directory_urls: bool) -> str:
    """An ``href`` for raw HTML (MkDocs rewrites only Markdown links) from one page to another."""
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(there or ".", base or ".")
    return rel + "/" if there.endswith("/") else rel
