"""Site-wide parts of every page: the colofon, the abbreviations, where edit links go.

Pipeline: the ``extra.vwo`` settings and ``data/afkortingen.md`` -> ``Colofon`` and
abbreviation definitions (plain data, checked) -> the colofon as HTML from
``templates/colofon.html.j2`` (escaped; in the footer and on the home page) and the
definitions put before each page's Markdown (the ``abbr`` extension expands them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from vwo.errors import ParseError, VwoError
from vwo.site.render import render
from vwo.versions.model import CONCEPT

ABBREVIATIONS_FILE = "data/afkortingen.md"
COLOFON_MARKER = "<!-- vwo:colofon -->"
_DEFINITION = re.compile(r"^\*\[(?P<short>[^\]\s][^\]]*)\]: (?P<long>\S.*)$")


@dataclass(frozen=True)
class Colofon:
    """Who stands behind the standard: shown in every footer and on the home page."""

    maintainer: str
    on_behalf_of: str
    contact_email: str
    licence: str
    licence_url: str
    repo_url: str
    privacy: str


def colofon_from_settings(settings: Mapping[str, Any], repo_url: str) -> Colofon:
    """The colofon from ``extra.vwo`` (``colofon:`` and ``contact_email``) in mkdocs.yml."""
    given = settings.get("colofon") or {}
    missing = [key for key in ("beheer", "namens", "licentie", "licentie_url") if not given.get(key)]
    if missing or not settings.get("contact_email"):
        names = ", ".join(f"colofon.{key}" for key in missing) or "contact_email"
        raise VwoError("mkdocs.yml: extra.vwo", f"missing {names}", "every page's footer shows them")
    return Colofon(
        maintainer=str(given["beheer"]),
        on_behalf_of=str(given["namens"]),
        contact_email=str(settings["contact_email"]),
        licence=str(given["licentie"]),
        licence_url=str(given["licentie_url"]),
        repo_url=repo_url,
        privacy=str(given.get("privacy") or ""),
    )


def colofon_html(colofon: Colofon, *, place: str) -> Markup:
    """``place``: "voet" (every footer, with its own heading) or "home" (a section)."""
    if place not in ("voet", "home"):
        raise ValueError(place)
    return Markup(render("colofon.html.j2", colofon=colofon, place=place).strip())


def read_abbreviations(root: Path) -> str:
    """The abbreviation definitions of ``data/afkortingen.md``, checked, as Markdown.

    One ``*[AFK]: uitleg`` per line; blank lines and ``<!-- ... -->`` lines are skipped.
    A missing file means no abbreviations.
    """
    path = root / ABBREVIATIONS_FILE
    if not path.is_file():
        return ""
    definitions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or (text.startswith("<!--") and text.endswith("-->")):
            continue
        if not _DEFINITION.match(text):
            raise ParseError(
                ABBREVIATIONS_FILE,
                number,
                f"not an abbreviation: {text[:60]!r}",
                "write: *[AVG]: Algemene ...",
            )
        definitions.append(text)
    return "\n".join(definitions)


def with_abbreviations(markdown: str, definitions: str) -> str:
    """The site's definitions before the page's Markdown: a page's own definition of the
    same abbreviation comes later and wins."""
    return f"{definitions}\n\n{markdown}" if definitions else markdown


def edit_link_allowed(version: str) -> bool:
    """Only the working text has pages to edit; a frozen version's pages never change.

    (Generated pages have no edit link at all: MkDocs gives generated files none.)
    """
    return version == CONCEPT
