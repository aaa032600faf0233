"""The site's part of the check: the page "Toets uw overeenkomst" and ``tekst.json``.

Pipeline: the build's text (``Agreement``) and its ``dekking.yml`` -> ``standard`` ->
``tekst.json`` at the build's root (the text the page checks against, per version);
and the page ``toets/index.md`` from ``toets_page.md.j2``: a form that works in the
browser (``vwo-toets*.js``) and, without JavaScript or for a PDF, how to use
``vwo toets``. The page reads ``../../versies.json`` (the site root's, every published
version) and each version's ``tekst.json``; in a build without versions, its own.
"""

from __future__ import annotations

import json
from collections.abc import Collection

from vwo.conformance.coverage import Coverage
from vwo.conformance.standard import TEXT_JSON, standard_data, standard_from_agreement
from vwo.site.render import render
from vwo.text.model import Agreement

PAGE = "toets/index.md"
SCRIPTS = (
    "vwo-toets-regels.js",
    "vwo-toets-koppelen.js",
    "vwo-toets-rapport.js",
    "vwo-toets-lezen.js",
    "vwo-toets.js",
)


def text_json(agreement: Agreement, version: str, coverage: Coverage | None) -> str:
    """``tekst.json``: the text as the check reads it, and the coverage if there is one."""
    data = standard_data(standard_from_agreement(agreement, version))
    data["coverage"] = {key: list(codes) for key, codes in coverage.items()} if coverage is not None else None
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# The documentation pages the page links to, when the build has them (a test site may not).
DOCS = {"uitleg": "over/toetsen.md", "regels": "over/toetsen-regels.md", "json": "over/toetsen-json.md"}


def toets_page(version: str, available: Collection[str]) -> str:
    """``available``: the source paths of the build's pages."""
    return render(
        "toets_page.md.j2",
        version=version,
        scripts=[f"../assets/{name}" for name in SCRIPTS],
        text_json=TEXT_JSON,
        docs={key: f"../{path}" if path in available else None for key, path in DOCS.items()},
    )
