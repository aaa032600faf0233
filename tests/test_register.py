"""The adoption register on literal CSV: the model, one test per invalid input, exports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.gitrepo import ROOT
from vwo.register.chart import axis_max, layout_chart
from vwo.register.export import register_csv, register_json
from vwo.register.model import (
    FORM_FILE,
    RegisterError,
    check_register,
    check_register_form,
    collect_register,
    form_version_problems,
    parse_register,
    statistics,
)
from vwo.register.pages import (
    FORM_FILE as PAGE_FORM_FILE,
)
from vwo.register.pages import (
    Settings,
    register_files,
    status_labels,
)
from vwo.site.urls import page_url, relative_url
from vwo.versions.model import VersionInfo

HEADER = "naam,type,producten,versie,sinds,bron\n"
V10 = VersionInfo("1.0", "consultatie", date(2018, 7, 1), "Consultatie.")
V111 = VersionInfo(
    "1.11",
    "vastgesteld",
    date(2018, 12, 6),
    "Vastgesteld.",
    adopted_by="College van Dienstverleningszaken",
)
VERSIONS = [V10, V111]
TODAY = date(2026, 1, 1)
HEADER_HINT = "hint: the first line must read: naam,type,producten,versie,sinds,bron"


def rows(*lines: str) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


def problems(text: str) -> list[str]:
    _, found = collect_register(text, VERSIONS, today=TODAY)
    return [str(problem) for problem in found]


def only_problem(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def test_builds_entries_in_file_order() -> None:
    register = parse_register(
        rows(
            "Gemeente Voorbeeldstad,gemeente,,1.11,2019-03-01,enquete",
            '"Leverancier, met komma B.V.",leverancier, Pakket A ; Pakket B ,1.0,2019-01-28,helpdesk',
        ),
        VERSIONS,
        today=TODAY,
    )
    assert [(e.name, e.type, e.products, e.version, e.since, e.source, e.line) for e in register.entries] == [
        ("Gemeente Voorbeeldstad", "gemeente", (), "1.11", date(2019, 3, 1), "enquete", 2),
        (
            "Leverancier, met komma B.V.",
            "leverancier",
            ("Pakket A", "Pakket B"),
            "1.0",
            date(2019, 1, 28),
            "helpdesk",
            3,
        ),
    ]


def test_unknown_version_names_file_line_and_known_versions() -> None:
    text = rows(
        "Gemeente A,gemeente,,1.11,2019-03-01,enquete",
        "Gemeente B,gemeente,,1.5,2019-03-01,enquete",
    )
    assert only_problem(text) == (
        "data/gebruik.csv:3: versie: unknown version '1.5'\nhint: known versions: 1.0, 1.11"
    )


def test_concept_is_not_a_published_version() -> None:
    assert only_problem(rows("Gemeente A,gemeente,,concept,2019-03-01,enquete")) == (
        "data/gebruik.csv:2: versie: 'concept' is not a published version\n"
        "hint: use a published version: 1.0, 1.11"
    )


@pytest.mark.parametrize("value", ["2019-13-01", "1-3-2019", "2019-W10-1", "20190301", ""])
def test_bad_date(value: str) -> None:
    assert only_problem(rows(f"Gemeente A,gemeente,,1.11,{value},enquete")) == (
        f"data/gebruik.csv:2: sinds: '{value}' is not a date\nhint: write it as YYYY-MM-DD, e.g. 2019-03-01"
    )


def test_date_in_the_future() -> None:
    assert only_problem(rows("Gemeente A,gemeente,,1.11,2026-01-02,enquete")).startswith(
        "data/gebruik.csv:2: sinds: 2026-01-02 lies in the future"
    )


def test_date_before_the_version_was_published() -> None:
    assert only_problem(rows("Gemeente A,gemeente,,1.11,2018-12-05,enquete")) == (
        "data/gebruik.csv:2: sinds: 2018-12-05 is before version 1.11 was published (2018-12-06)\n"
        "hint: check the date and the version"
    )


def test_unknown_type() -> None:
    assert only_problem(rows("Gemeente A,provincie,,1.11,2019-03-01,enquete")) == (
        "data/gebruik.csv:2: type: unknown type 'provincie'\nhint: use one of: gemeente, leverancier"
    )


def test_unknown_source() -> None:
    assert only_problem(rows("Gemeente A,gemeente,,1.11,2019-03-01,enquête")) == (
        "data/gebruik.csv:2: bron: unknown source 'enquête'\nhint: use one of: enquete, registratie, helpdesk"
    )


def test_products_belong_to_suppliers_only() -> None:
    assert only_problem(rows("Leverancier A,leverancier, ; ,1.11,2019-03-01,registratie")) == (
        "data/gebruik.csv:2: producten: missing for a leverancier\n"
        "hint: name the product(s), separated by ';'"
    )
    assert only_problem(rows("Gemeente A,gemeente,Pakket,1.11,2019-03-01,enquete")) == (
        "data/gebruik.csv:2: producten: only for a leverancier\nhint: leave producten empty for a gemeente"
    )


def test_missing_name() -> None:
    assert only_problem(rows("  ,gemeente,,1.11,2019-03-01,enquete")) == (
        "data/gebruik.csv:2: naam: missing\nhint: write the organisation's official name"
    )


def test_duplicate_organisation_ignores_case_accents_and_spaces() -> None:
    text = rows(
        "Gemeente Bèta,gemeente,,1.0,2019-03-01,enquete",
        "Gemeente A,gemeente,,1.11,2019-03-01,enquete",
        "gemeente  BETA,gemeente,,1.11,2020-03-01,registratie",
    )
    assert only_problem(text) == (
        "data/gebruik.csv:4: naam: 'gemeente BETA' is already registered on line 2\n"
        "hint: one row per organisation: update that row instead"
    )


def test_missing_column() -> None:
    text = "naam,type,producten,versie,sinds\nGemeente A,gemeente,,1.11,2019-03-01\n"
    assert only_problem(text) == ("data/gebruik.csv:1: missing column 'bron'\n" + HEADER_HINT)


def test_unknown_and_reordered_columns() -> None:
    assert problems("naam,type,producten,versie,sinds,bron,opmerking\n") == [
        "data/gebruik.csv:1: unknown column 'opmerking'\n"
        "hint: the first line must read: naam,type,producten,versie,sinds,bron"
    ]
    assert problems("type,naam,producten,versie,sinds,bron\n") == [
        "data/gebruik.csv:1: columns in another order\n"
        "hint: the first line must read: naam,type,producten,versie,sinds,bron"
    ]


def test_semicolon_separated_file_from_a_dutch_spreadsheet() -> None:
    text = "naam;type;producten;versie;sinds;bron\nGemeente A;gemeente;;1.11;2019-03-01;enquete\n"
    assert only_problem(text).startswith("data/gebruik.csv:1: the columns are separated by ';', not ','")


def test_wrong_number_of_fields() -> None:
    assert only_problem(rows("Leverancier, B.V.,leverancier,Pakket,1.11,2019-03-01,registratie")) == (
        "data/gebruik.csv:2: 7 fields instead of 6\nhint: put a value containing ',' between double quotes"
    )


def test_empty_file() -> None:
    assert problems("") == ["data/gebruik.csv:1: the file is empty\n" + HEADER_HINT]


def test_line_numbers_survive_blank_lines_bom_and_multiline_fields() -> None:
    text = "\ufeff" + rows(
        "",
        '"Leverancier A",leverancier,"Pakket 1;',
        'Pakket 2",1.11,2019-03-01,registratie',
        "Gemeente B,gemeente,,1.5,2019-03-01,enquete",
        "Gemeente C,gemeente,,1.11,2019-03-01,peiling",
    )
    assert problems(text) == [
        "data/gebruik.csv:5: versie: unknown version '1.5'\nhint: known versions: 1.0, 1.11",
        "data/gebruik.csv:6: bron: unknown source 'peiling'\n"
        "hint: use one of: enquete, registratie, helpdesk",
    ]
    register, _ = collect_register(text, VERSIONS, today=TODAY)
    assert [(e.name, e.products, e.line) for e in register.entries] == [
        ("Leverancier A", ("Pakket 1", "Pakket 2"), 3)
    ]


def test_parse_register_raises_with_every_problem() -> None:
    text = rows("Gemeente A,dorp,,1.11,2019-03-01,enquete", "Gemeente B,gemeente,,2.0,2019-03-01,enquete")
    with pytest.raises(RegisterError) as caught:
        parse_register(text, VERSIONS, today=TODAY)
    assert str(caught.value).splitlines() == [
        "data/gebruik.csv:2: type: unknown type 'dorp'",
        "hint: use one of: gemeente, leverancier",
        "data/gebruik.csv:3: versie: unknown version '2.0'",
        "hint: known versions: 1.0, 1.11",
    ]


def test_check_register_reads_the_repository(tmp_path: Path) -> None:
    assert check_register(tmp_path) == [
        "data/gebruik.csv: file missing\nhint: create it; its first line must read: "
        "naam,type,producten,versie,sinds,bron"
    ]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gebruik.csv").write_text(rows("Gemeente A,gemeente,,1.11,2019-03-01,enquete"))
    assert check_register(tmp_path) == [
        "data/gebruik.csv:2: versie: unknown version '1.11'\n"
        "hint: known versions: (none yet: no versions/*/version.yml)"
    ]


def test_statistics_count_every_version_and_type() -> None:
    register = parse_register(
        rows(
            "Gemeente A,gemeente,,1.11,2019-03-01,enquete",
            "Gemeente B,gemeente,,1.0,2019-03-01,enquete",
            "Gemeente C,gemeente,,1.11,2019-03-01,helpdesk",
            "Leverancier D,leverancier,P,1.11,2019-03-01,registratie",
        ),
        VERSIONS,
        today=TODAY,
    )
    stats = statistics(register, VERSIONS)
    assert [(c.version, c.municipalities, c.suppliers, c.total) for c in stats.per_version] == [
        ("1.0", 1, 0, 1),
        ("1.11", 2, 1, 3),
    ]
    assert (stats.municipalities, stats.suppliers, stats.total) == (3, 1, 4)
    assert (stats.current, stats.municipalities_on_current) == ("1.11", 2)
    assert stats.share_on_current == pytest.approx(2 / 3)


def test_share_is_undefined_without_municipalities_or_current_version() -> None:
    supplier = parse_register(rows("Leverancier D,leverancier,P,1.0,2019-03-01,registratie"), VERSIONS)
    assert statistics(supplier, VERSIONS).share_on_current is None
    municipality = parse_register(rows("Gemeente A,gemeente,,1.0,2019-03-01,enquete"), VERSIONS)
    only_consultation = statistics(municipality, [V10])
    assert (only_consultation.current, only_consultation.share_on_current) == (None, None)


def test_status_labels_follow_the_current_version() -> None:
    v09 = VersionInfo("0.9", "vastgesteld", date(2018, 1, 1), "Oud.", adopted_by="CvD")
    assert status_labels([v09, V10, V111]) == {
        "0.9": "verouderde versie",
        "1.0": "consultatieversie",
        "1.11": "actuele versie",
    }


@pytest.mark.parametrize(
    ("largest", "expected"),
    [(0, (1, 1)), (1, (1, 1)), (5, (5, 1)), (7, (8, 2)), (12, (15, 5)), (230, (250, 50))],
)
def test_axis_has_at_most_six_round_ticks(largest: int, expected: tuple[int, int]) -> None:
    assert axis_max(largest) == expected


def test_bars_are_proportional_to_their_values() -> None:
    register = parse_register(
        rows(
            "Gemeente A,gemeente,,1.11,2019-03-01,enquete",
            "Gemeente B,gemeente,,1.11,2019-03-01,enquete",
            "Leverancier D,leverancier,P,1.0,2019-03-01,registratie",
        ),
        VERSIONS,
    )
    chart = layout_chart(statistics(register, VERSIONS), status_labels(VERSIONS))
    bars = {(g.version, b.type): b for g in chart.groups for b in g.bars}
    assert {key: bar.value for key, bar in bars.items()} == {
        ("1.0", "gemeente"): 0,
        ("1.0", "leverancier"): 1,
        ("1.11", "gemeente"): 2,
        ("1.11", "leverancier"): 0,
    }
    assert bars["1.11", "gemeente"].width == pytest.approx(2 * bars["1.0", "leverancier"].width)
    assert bars["1.11", "gemeente"].width == pytest.approx(chart.plot_width)  # axis 0..2
    assert bars["1.0", "gemeente"].width == 0


def test_csv_and_json_exports_keep_untrusted_names_inert() -> None:
    register = parse_register(
        rows(
            '"=HYPERLINK(""http://x.example"",""klik"")",leverancier,@SUM(1+1);Veilig,1.11,2019-03-01,registratie',
            "Gemeente <script>alert(1)</script> & co,gemeente,,1.0,2019-03-01,enquete",
        ),
        VERSIONS,
    )
    exported = list(csv.reader(io.StringIO(register_csv(register), newline="")))
    assert exported == [
        ["naam", "type", "producten", "versie", "sinds", "bron"],
        [
            '\'=HYPERLINK("http://x.example","klik")',
            "leverancier",
            "'@SUM(1+1); Veilig",
            "1.11",
            "2019-03-01",
            "registratie",
        ],
        ["Gemeente <script>alert(1)</script> & co", "gemeente", "", "1.0", "2019-03-01", "enquete"],
    ]
    text = register_json(register, statistics(register, VERSIONS), example=True)
    assert "<" not in text and ">" not in text and "&" not in text
    document = json.loads(text)
    assert [o["naam"] for o in document["organisaties"]] == [
        '=HYPERLINK("http://x.example","klik")',
        "Gemeente <script>alert(1)</script> & co",
    ]
    assert document["organisaties"][0]["producten"] == ["@SUM(1+1)", "Veilig"]
    assert document["voorbeeldgegevens"] is True
    assert document["statistiek"]["per_versie"] == [
        {"versie": "1.0", "status": "consultatie", "gemeenten": 1, "leveranciers": 0, "totaal": 1},
        {"versie": "1.11", "status": "vastgesteld", "gemeenten": 0, "leveranciers": 1, "totaal": 1},
    ]
    assert document["statistiek"]["aandeel_gemeenten_op_actuele_versie"] == 0.0


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("gebruik.md", True, "gebruik/"),
        ("gebruik/gemeenten/op-versie.md", True, "gebruik/gemeenten/op-versie/"),
        ("gebruik.md", False, "gebruik.html"),
        ("gebruik.csv", True, "gebruik.csv"),
    ],
)
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


def test_relative_urls_between_generated_pages() -> None:
    assert relative_url("gebruik.md", "gebruik/op-type.md", True) == "op-type/"
    assert relative_url("gebruik/gemeenten/op-versie.md", "gebruik.md", True) == "../../"
    assert relative_url("gebruik/gemeenten/op-versie.md", "gebruik.csv", True) == "../../../gebruik.csv"
    assert relative_url("gebruik.md", "gebruik.md", True) == "./"
    assert (
        relative_url("gebruik/gemeenten/op-versie.md", "gebruik/gemeenten.md", False) == "../gemeenten.html"
    )


def test_an_empty_register_still_renders_every_file() -> None:
    register = parse_register(HEADER, VERSIONS)
    files = register_files(register, VERSIONS, Settings(repo_url="https://github.com/o/r", example=False))
    assert "Er staan nog geen organisaties in het register." in files["gebruik.md"]
    assert "Voorbeeldgegevens" not in files["gebruik.md"]
    assert "Geen organisaties in deze selectie." in files["gebruik/gemeenten.md"]
    assert files["gebruik.csv"] == "naam,type,producten,versie,sinds,bron\r\n"


FORM = """name: Registratie
body:
  - type: input
    id: naam
  - type: dropdown
    id: versie
    attributes:
      options:
        - "1.11"
        - "1.0"
"""


def test_the_real_form_lists_exactly_the_published_versions() -> None:
    assert check_register_form(ROOT) == []


def test_form_lists_exactly_the_published_versions_newest_first() -> None:
    assert form_version_problems(FORM, VERSIONS) == []
    assert form_version_problems(FORM, [V111, V10]) == []
    v12 = VersionInfo("1.12", "vastgesteld", date(2020, 1, 1), "Nieuw.", adopted_by="CvD")
    assert form_version_problems(FORM, [*VERSIONS, v12]) == [
        f"{FORM_FILE}:6: versie: the options 1.11, 1.0 differ from the published versions\n"
        "hint: list every published version, newest first: 1.12, 1.11, 1.0"
    ]
    oldest_first = FORM.replace('"1.11"', "X").replace('"1.0"', '"1.11"').replace("X", '"1.0"')
    assert form_version_problems(oldest_first, VERSIONS) == [
        f"{FORM_FILE}:6: versie: the options 1.0, 1.11 differ from the published versions\n"
        "hint: list every published version, newest first: 1.11, 1.0"
    ]


def test_check_register_form_needs_the_form(tmp_path: Path) -> None:
    assert check_register_form(tmp_path) == [
        f"{FORM_FILE}: file missing\nhint: the register page links to this issue form"
    ]


def test_the_page_links_to_the_form_in_the_repository() -> None:
    assert Path(FORM_FILE).name == PAGE_FORM_FILE


def test_issue_form_passes_githubs_schema() -> None:
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("check-jsonschema")),
            "--builtin-schema",
            "vendor.github-issue-forms",
            str(ROOT / FORM_FILE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_data_is_valid_fictitious_and_labelled_as_example() -> None:
    text = (ROOT / "data" / "gebruik.csv").read_text(encoding="utf-8")
    register = parse_register(text, VERSIONS, today=date.today())
    assert len(register.entries) >= 10
    fictitious = (
        "Voorbeeld",
        "Proef",
        "Oefen",
        "Demo",
        "Schets",
        "Model",
        "Fictie",
        "Test",
        "Verzins",
        "Denkbeeld",
    )
    assert all(any(word in e.name for word in fictitious) for e in register.entries)
    assert "register_example: true" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
