"""HTML blocks kept out of a generated page's Markdown, and put back after it.

Python-Markdown parses raw HTML tag by tag: for the generated pages (comparisons, the
changelog, the decision log) that was most of their build time. A page's Markdown holds
a marker per block (``<!--vwo-fragment-N-->``, which Markdown passes through untouched);
the hook that made the page puts the stored blocks back in ``on_page_content``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from markupsafe import Markup

FRAGMENT = re.compile(r"<!--vwo-fragment-\d+-->")


def fragmenter(store: dict[str, str] | None) -> Callable[[str], Markup]:
    """Inline an HTML block, or, with a ``store``, keep it out of the Markdown."""

    def frag(html: str) -> Markup:
        if store is None or not str(html).strip():
            return Markup(html)
        key = f"<!--vwo-fragment-{len(store)}-->"
        store[key] = str(html)
        return Markup(key)

    return frag


def fill_fragments(html: str, store: Mapping[str, str]) -> str:
    """Put the stored HTML blocks back in place of their markers."""
    return FRAGMENT.sub(lambda match: store.get(match.group(0), match.group(0)), html)
