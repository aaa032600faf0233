"""The parser on literal Markdown: the model it builds, and one test per malformed input."""

from __future__ import annotations

import pytest

from vwo.errors import ParseError
from vwo.text.parse import parse_sources

AGREEMENT = """\



# Standaard verwerkersovereenkomst gemeenten

Partijen: de gemeente en de leverancier.

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder:

- **Betrokkene**: de persoon op wie persoonsgegevens betrekking hebben.

1.2 Begrippen in het enkelvoud omvatten het meervoud.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 De verwerker schakelt geen subverwerker in zonder toestemming.
"""

ANNEX = (
    "# Bijlage 1. Specificatie van de verwerking {#bijlage-specificatie}\n\n"
    "| Doel | Grondslag |\n|---|---|\n| [in te vullen] | |\n"
)
EXPLANATION = """\
# Toelichting

Algemene inleiding.

## Artikel 1. Definities {#definities}

Waarom deze begrippen.

## Artikel 2. Subverwerkers {#subverwerkers}

Over subverwerkers.
"""


def sources(agreement: str = AGREEMENT, explanation: str = EXPLANATION, **annexes: str) -> dict[str, str]:
    files = {"overeenkomst.md": agreement, "toelichting.md": explanation}
    files.update({f"bijlagen/{name}.md": text for name, text in (annexes or {"b1": ANNEX}).items()})
    return files


def parse_error(files: dict[str, str]) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_sources(files, prefix="docs/")
    return caught.value


def test_builds_articles_clauses_annexes_and_explanations() -> None:
    agreement = parse_sources(sources(), prefix="docs/")
    assert agreement.title == "Standaard verwerkersovereenkomst gemeenten"
    assert agreement.preamble == "Partijen: de gemeente en de leverancier."
    assert [(a.number, a.id, a.title) for a in agreement.articles] == [
        (1, "definities", "Definities"),
        (2, "subverwerkers", "Subverwerkers"),
    ]
    first = agreement.articles[0]
    assert [(c.number, c.anchor, c.line, c.end_line) for c in first.clauses] == [
        ("1.1", "definities-1", 10, 12),
        ("1.2", "definities-2", 14, 14),
    ]
    assert first.clauses[0].text == (
        "In deze overeenkomst wordt verstaan onder:\n\n"
        "- **Betrokkene**: de persoon op wie persoonsgegevens betrekking hebben."
    )
    assert (first.line, first.end_line) == (8, 14)
    assert [(a.number, a.id, a.path) for a in agreement.annexes] == [
        (1, "bijlage-specificatie", "docs/bijlagen/b1.md")
    ]
    assert agreement.explanation_intro == "Algemene inleiding."
    explanation = agreement.explanation("subverwerkers")
    assert explanation is not None and explanation.body == "Over subverwerkers."


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("{#subverwerkers}", ""), 16, "heading has no stable id"),
        (("{#subverwerkers}", "{#definities}"), 16, "duplicate article id 'definities' (first at line 8)"),
        (
            ("Artikel 2. Subverwerkers", "Artikel 3. Subverwerkers"),
            16,
            "article number 3 out of order (expected 2)",
        ),
        (("Artikel 2. Subverwerkers {", "Artikel 2.  {"), 16, "article 2 has an empty title"),
        (("{#subverwerkers}", "{#Sub_verwerkers}"), 16, "id 'Sub_verwerkers' is not valid"),
        (("1.2 Begrippen", "1.3 Begrippen"), 14, "clause 1.3 out of order (expected 1.2)"),
        (("2.1 De verwerker", "3.1 De verwerker"), 18, "clause 3.1 is in article 2"),
        (("2.1 De verwerker", "De verwerker"), 18, "text before the first clause of article 2"),
        (("## Artikel 2.", "### Artikel 2."), 16, "unexpected heading"),
    ],
)
def test_malformed_agreement_names_file_and_line(change: tuple[str, str], line: int, message: str) -> None:
    error = parse_error(sources(agreement=AGREEMENT.replace(*change)))
    assert (error.path, error.line) == ("docs/overeenkomst.md", line)
    assert message in error.what
    assert str(error).startswith(f"docs/overeenkomst.md:{line}: ")
    assert error.hint


def test_article_without_clauses() -> None:
    error = parse_error(
        sources(
            agreement=AGREEMENT.replace(
                "2.1 De verwerker schakelt geen subverwerker in zonder toestemming.\n", ""
            )
        )
    )
    assert (error.path, error.line) == ("docs/overeenkomst.md", 16)
    assert "article 2 has no clauses" in error.what


def test_missing_title_and_missing_file() -> None:
    error = parse_error(
        sources(agreement=AGREEMENT.replace("# Standaard verwerkersovereenkomst gemeenten\n", ""))
    )
    assert error.path == "docs/overeenkomst.md" and "no title" in error.what
    files = sources()
    del files["overeenkomst.md"]
    assert parse_error(files).path == "docs/overeenkomst.md"


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("{#subverwerkers}", "{#onbekend}"), 9, "toelichting for unknown article 'onbekend'"),
        (("{#subverwerkers}", "{#definities}"), 9, "second toelichting for 'definities' (first at line 5)"),
        (("Artikel 2. Subverwerkers {#subverwerkers}", "{#subverwerkers}"), 9, "empty title"),
        (("{#subverwerkers}", ""), 9, "heading has no stable id"),
    ],
)
def test_malformed_explanation_names_file_and_line(change: tuple[str, str], line: int, message: str) -> None:
    error = parse_error(sources(explanation=EXPLANATION.replace(*change)))
    assert (error.path, error.line) == ("docs/toelichting.md", line)
    assert message in error.what


def test_explanation_may_target_an_annex() -> None:
    text = EXPLANATION + "\n## Bijlage 1. Specificatie {#bijlage-specificatie}\n\nInvullen.\n"
    agreement = parse_sources(sources(explanation=text))
    assert agreement.explanation("bijlage-specificatie") is not None


@pytest.mark.parametrize(
    ("annexes", "path", "line", "message"),
    [
        (
            {"b1": ANNEX, "b2": ANNEX.replace("Bijlage 1.", "Bijlage 3.").replace("specificatie}", "x}")},
            "docs/bijlagen/b2.md",
            1,
            "annex number 3 out of order (expected 2)",
        ),
        (
            {"b1": ANNEX, "b2": ANNEX.replace("Bijlage 1.", "Bijlage 2.")},
            "docs/bijlagen/b2.md",
            1,
            "duplicate annex id 'bijlage-specificatie'",
        ),
        ({"b1": "\n\nTekst zonder kop\n"}, "docs/bijlagen/b1.md", 3, "must start with its heading"),
        ({"b1": ANNEX.replace(" {#bijlage-specificatie}", "")}, "docs/bijlagen/b1.md", 1, "no stable id"),
        (
            {"b1": ANNEX + "\n# Bijlage 2. Nog een {#bijlage-twee}\n"},
            "docs/bijlagen/b1.md",
            7,
            "a second level-1 heading",
        ),
        (
            {"b1": ANNEX.replace("{#bijlage-specificatie}", "{#subverwerkers}")},
            "docs/bijlagen/b1.md",
            1,
            "duplicate id 'subverwerkers'",
        ),
        ({"b1": "   \n"}, "docs/bijlagen/b1.md", 1, "the annex is empty"),
    ],
)
def test_malformed_annex_names_file_and_line(
    annexes: dict[str, str], path: str, line: int, message: str
) -> None:
    error = parse_error(sources(**annexes))
    assert (error.path, error.line) == (path, line)
    assert message in error.what
