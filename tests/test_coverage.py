"""The coverage metadata (``dekking.yml``) on literal data: every refusal with its
``dekking.yml:<line>`` and hint, the model's queries, and the content helper's real file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.coverage_support import FIXTURE
from tests.gitrepo import ROOT
from vwo.errors import VwoError
from vwo.text.coverage import CoverageError, check_coverage_text, coverage_of, parse_coverage
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement, parse_sources
from vwo.text.provisions import BY_CODE, PROVISIONS, REQUIRED, page_order

WHERE = "docs/dekking.yml"

AGREEMENT = """\
# Overeenkomst

## Artikel 1. Instructies {#instructies}

1.1 De verwerker verwerkt alleen op instructie.

1.2 De verwerker meldt een onrechtmatige instructie.

1.3 De overeenkomst is schriftelijk.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 Alleen met toestemming.

2.2 Dezelfde plichten.
"""
ANNEX = "# Bijlage 1. Beveiliging {#bijlage-beveiliging}\n\nMaatregelen.\n"


def small_agreement() -> Agreement:
    return parse_sources({"overeenkomst.md": AGREEMENT, "bijlagen/bijlage-1-beveiliging.md": ANNEX})


# Line numbers matter below: each test names the line it expects.
VALID = """\
# Welke bepalingen elk artikel uitvoert.
dekking:
  instructies-1: ["28(3)(a)", "28(3)(b)", "28(3)(c)", "28(3)(e)", "28(3)(f)", "28(3)(g)", "28(3)(h)", 29]
  instructies-2: ["28(3) tweede alinea"]
  instructies-3: ["28(9)"]
  subverwerkers: ["28(2)", "28(3)(d)"]
  subverwerkers-2: ["28(4)"]
  bijlage-beveiliging: ["32", "33", "34", "35", "36"]
niet-gedekt:
  "26": >-
    Afspraken tussen gezamenlijke verwerkingsverantwoordelijken vallen
    buiten deze overeenkomst.
"""


def problems(text: str) -> list[VwoError]:
    _, found = check_coverage_text(text, WHERE, small_agreement())
    return list(found)


def only_problem(text: str) -> VwoError:
    found = problems(text)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_a_complete_file_reads_into_the_model() -> None:
    coverage = parse_coverage(VALID, WHERE, small_agreement())
    assert coverage.provisions_for("instructies-2") == ("28(3) tweede alinea",)
    assert coverage.provisions_for("instructies") == ()  # nothing on the article itself
    # An unquoted number is the same code as a quoted one.
    assert coverage.provisions_for("instructies-1")[-1] == "29"
    assert coverage.provisions_of_article("subverwerkers") == ("28(2)", "28(3)(d)", "28(4)")
    assert [(e.anchor, e.kind, e.article_id, e.line) for e in coverage.entries_for("28(4)")] == [
        ("subverwerkers-2", "lid", "subverwerkers", 7)
    ]
    assert [(e.kind, e.article_id) for e in coverage.entries_for("33")] == [("bijlage", None)]
    assert coverage.reason("26") == (
        "Afspraken tussen gezamenlijke verwerkingsverantwoordelijken vallen buiten deze overeenkomst."
    )
    assert coverage.reason("83") is None
    assert set(REQUIRED) <= coverage.covered


def test_unknown_provision_code() -> None:
    text = VALID.replace('instructies-3: ["28(9)"]', 'instructies-3: ["28(9)", "28(3)(i)"]')
    error = only_problem(text)
    assert error.where == f"{WHERE}:5"
    assert error.what == "'instructies-3': unknown provision '28(3)(i)'"
    assert error.hint.startswith("did you mean '28(3)(h)'") and "src/vwo/text/provisions.py" in error.hint


def test_unknown_provision_under_niet_gedekt() -> None:
    error = only_problem(VALID.replace('"26": >-', '"27": >-'))
    assert (error.where, error.what) == (f"{WHERE}:10", "unknown provision '27'")
    assert "provisions.py" in error.hint


def the_anchor_problem(text: str) -> VwoError:
    """The problem with the anchor; what it recorded (28(4)) is then necessarily missing."""
    found = problems(text)
    assert [p.where for p in found] == [f"{WHERE}:7", f"{WHERE}:9"], [str(p) for p in found]
    assert found[1].what.startswith("required provision '28(4)'")
    return found[0]


def test_unknown_anchor_names_its_line_and_a_close_match() -> None:
    text = VALID.replace("  subverwerkers-2:", "  subverwerker-2:")
    error = the_anchor_problem(text)
    assert error.where == f"{WHERE}:7"
    assert error.what == "'subverwerker-2' is not an article, clause or annex of this text"
    assert "did you mean 'subverwerkers-2'" in error.hint


def test_clause_that_the_article_does_not_have() -> None:
    error = the_anchor_problem(VALID.replace("  subverwerkers-2:", "  subverwerkers-3:"))
    assert error.where == f"{WHERE}:7"
    assert error.what == "'subverwerkers-3': Artikel 2. Subverwerkers has no clause 2.3"
    assert error.hint == "its clauses are subverwerkers-1 to subverwerkers-2"


def test_required_provision_covered_by_no_article_and_not_marked() -> None:
    text = VALID.replace('["32", "33", "34", "35", "36"]', '["32", "33", "34", "35"]')
    error = only_problem(text)
    assert error.where == f"{WHERE}:9"  # the niet-gedekt key: where it would be marked
    assert error.what == (
        "required provision '36' (art. 36 AVG) is covered by no article and not marked as "
        "deliberately not covered"
    )
    assert "under 'dekking'" in error.hint and "under 'niet-gedekt' with the reason" in error.hint


def test_required_provision_marked_not_covered_with_a_reason_is_accepted() -> None:
    text = VALID.replace('["32", "33", "34", "35", "36"]', '["32", "33", "34", "35"]') + (
        '  "36": De verwerker raadpleegt de toezichthouder nooit zelf.\n'
    )
    coverage = parse_coverage(text, WHERE, small_agreement())
    assert coverage.reason("36") == "De verwerker raadpleegt de toezichthouder nooit zelf."


def test_provision_both_covered_and_marked_not_covered() -> None:
    error = only_problem(VALID + '  "32": Toch niet.\n')
    assert error.where == f"{WHERE}:13"
    assert error.what == "'32' is marked not covered, but 'bijlage-beveiliging' (line 8) records it"
    assert error.hint == "remove it from 'niet-gedekt' or from the articles that record it"


@pytest.mark.parametrize("reason", ['""', "", "'   '", "[]"])
def test_empty_reason(reason: str) -> None:
    error = only_problem(VALID + f'  "83": {reason}\n')
    assert error.where == f"{WHERE}:13"
    assert error.what == "'83' is marked not covered without a reason"
    assert "why" in error.hint


def test_duplicate_key_is_refused_by_the_strict_reader() -> None:
    line = '  instructies-3: ["28(9)"]\n'
    text = VALID.replace(line, line + '  instructies-2: ["29"]\n')
    error = only_problem(text)
    assert error.where == f"{WHERE}:6"
    assert error.what == "duplicate key 'instructies-2' (first at line 4)"
    assert error.hint == "give every key once"
    with pytest.raises(CoverageError, match=r"docs/dekking\.yml:6: duplicate key"):
        parse_coverage(text, WHERE, small_agreement())


def test_aliases_are_refused() -> None:
    text = VALID.replace('instructies-3: ["28(9)"]', 'instructies-3: &x ["28(9)"]\n  extra: *x')
    error = only_problem(text)
    assert error.where == f"{WHERE}:5" and "anchors and aliases" in error.what


@pytest.mark.parametrize(
    ("old", "new", "line", "what"),
    [
        ('instructies-3: ["28(9)"]', 'instructies-3: ["28(9)", "28(9)"]', 5, "'28(9)' is listed twice"),
        ('instructies-3: ["28(9)"]', 'instructies-3: "28(9)"', 5, "expected a list of provision codes"),
        ('instructies-3: ["28(9)"]', "instructies-3: []", 5, "expected a list of provision codes"),
        ('instructies-3: ["28(9)"]', 'instructies-3: [["28(9)"]]', 5, "is not a provision code"),
    ],
)
def test_shape_problems(old: str, new: str, line: int, what: str) -> None:
    found = problems(VALID.replace(old, new, 1))
    assert found, "expected a problem"
    assert found[0].where == f"{WHERE}:{line}" and what in found[0].what, [str(p) for p in found]
    assert found[0].hint


def test_niet_gedekt_must_be_a_mapping() -> None:
    text = VALID[: VALID.index("niet-gedekt:")] + 'niet-gedekt:\n  - "26"\n'
    error = only_problem(text)
    assert (error.where, error.what) == (f"{WHERE}:9", "'niet-gedekt' must map codes to reasons")


def test_unknown_top_level_key() -> None:
    error = only_problem(VALID + "opmerking: iets\n")
    assert (error.where, error.what) == (f"{WHERE}:13", "unknown key 'opmerking'")
    assert error.hint == "the file holds only 'dekking' and 'niet-gedekt'"


def test_all_problems_of_a_file_are_reported_together() -> None:
    text = VALID.replace('"28(9)"', '"28(99)"').replace("  subverwerkers-2:", "  subverwerkers-9:")
    with pytest.raises(CoverageError) as caught:
        parse_coverage(text, WHERE, small_agreement())
    wheres = [p.where for p in caught.value.problems]
    # 28(99) is unknown (line 5), so 28(9) is then missing (niet-gedekt, line 9); clause 2.9
    # does not exist (line 7), so 28(4) is missing too.
    assert sorted(wheres) == [f"{WHERE}:5", f"{WHERE}:7", f"{WHERE}:9", f"{WHERE}:9"]
    lines = str(caught.value).splitlines()
    assert sum(1 for line in lines if line.startswith("error: ")) == 3  # the CLI prefixes the first
    assert sum(1 for line in lines if line.startswith("hint: ")) == 4


def test_closed_list() -> None:
    # FORMATS.md §4 lists 49 AVG codes and 11 Dutch/EU ones; BIO is the one added since.
    assert len(PROVISIONS) == 61 and len(BY_CODE) == 61
    assert sum(1 for p in PROVISIONS if p.source == "AVG") == 49
    assert {"12", "13", "14", "22", "28(3)(h)", "33(2)", "BIO", "BIO2", "BW 6:253"} <= set(BY_CODE)
    assert len(REQUIRED) == 17
    assert [p.code for p in page_order({"4", "36", "28(3)(a)", "Woo", "28(2)"})] == [
        "28(3)(a)",
        "28(2)",
        "36",
        "4",
        "Woo",
    ]
    assert len({p.slug for p in PROVISIONS}) == len(PROVISIONS)
    assert BY_CODE["28(3) tweede alinea"].slug == "bepaling-28-3-tweede-alinea"
    for provision in PROVISIONS:
        if provision.source == "AVG":
            article = provision.code.split("(")[0].split(" ")[0]
            assert provision.url == (
                f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679#art_{article}"
            )
            assert provision.citation.startswith(f"art. {article}") and provision.citation.endswith("AVG")
        assert provision.url is None or provision.url.startswith("https://")
    assert BY_CODE["BW 6:253"].url == "https://wetten.overheid.nl/jci1.3:c:BWBR0005289&artikel=253"


def test_the_content_helpers_file_validates_against_its_text() -> None:
    """docs/dekking.yml and the text of the last content step that writes it (see the
    fixture's README)."""
    coverage = coverage_of(FIXTURE, display="fixture")
    assert coverage is not None
    assert coverage.where == "fixture/dekking.yml"
    missing = [c for c in REQUIRED if c not in coverage.covered and coverage.reason(c) is None]
    assert missing == []
    # Spot checks, read by hand in the file and the text.
    assert coverage.provisions_for("subverwerkers-8") == ("BW 6:253",)
    assert coverage.provisions_for("instructies-3") == ("28(3) tweede alinea",)
    reason = coverage.reason("83")
    assert reason is not None and reason.startswith("Boetes van de toezichthouder treffen")
    agreement = load_agreement(FIXTURE)
    assert agreement.article("subverwerkers") is not None
    assert len(coverage.entries) == 88 and {n.code for n in coverage.not_covered} == {"26", "83"}


def test_a_folder_without_coverage_has_none(tmp_path: Path) -> None:
    assert coverage_of(ROOT / "versions" / "1.0") is None
    assert coverage_of(tmp_path) is None
