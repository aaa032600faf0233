"""The toelichting page's Markdown: headings of the introduction follow the page title."""

from __future__ import annotations

from vwo.text.pages import explanation_markdown
from vwo.text.parse import parse_sources

AGREEMENT = "# VWO\n\n## Artikel 1. Definities {#definities}\n\n1.1 Begrippen.\n"
EXPLANATION = (
    "# Toelichting\n\nInleiding.\n\n### Verhouding tot de AVG\n\nArtikel 28.\n\n#### Detail\n\nMeer.\n\n"
    "## Artikel 1. Definities {#definities}\n\nWaarom.\n\n### Begrippen\n\nUitleg.\n"
)


def test_intro_headings_move_up_one_level_and_sections_keep_theirs() -> None:
    agreement = parse_sources({"overeenkomst.md": AGREEMENT, "toelichting.md": EXPLANATION}, prefix="docs/")
    headings = [line for line in explanation_markdown(agreement).splitlines() if line.startswith("#")]
    assert headings == [
        "# Toelichting",
        "## Verhouding tot de AVG",
        "### Detail",
        "## Artikel 1. Definities {#definities}",
        "### Begrippen",
    ]
