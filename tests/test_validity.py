"""Which version applied on a day (issue 20 item 9): the answers for hand-checked dates,
the periods, the status box's "geldig" line and the page without JavaScript."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup

from tests.soup import attr, tag
from vwo.versions.model import VersionInfo
from vwo.versions.pages import build_view, status_box_html
from vwo.versions.validity import Answer, answer, period_on, periods, validity_ranges
from vwo.versions.validity_page import describe, period_label, validity_page, validity_text

V10 = VersionInfo("1.0", "consultatie", date(2018, 8, 20), "Consultatie.")
V111 = VersionInfo(
    "1.11", "vastgesteld", date(2018, 12, 6), "Vastgesteld.", "College van Dienstverleningszaken",
    comply_or_explain_from=date(2019, 1, 1), mandatory_from=date(2020, 1, 1),
)  # fmt: skip
V20 = VersionInfo(
    "2.0", "vastgesteld", date(2021, 3, 1), "Nieuw.", "Algemene Ledenvergadering VNG",
    comply_or_explain_from=date(2021, 7, 1),
)  # fmt: skip
VERSIONS = [V10, V111, V20]
WITHDRAWN = {"2.0": date(2022, 5, 1)}


# Hand-checked against the dates above (and the rules in vwo.versions.validity).
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 8, 1), Answer(None, None)),
        (date(2018, 9, 1), Answer(None, None, consultation="1.0")),
        # 1.11 adopted on 6 December 2018 but applies from 1 January 2019; 1.0's
        # consultation closed when 1.11 was published.
        (date(2018, 12, 20), Answer(None, None, pending=("1.11",))),
        (date(2019, 1, 1), Answer("1.11", "pas toe of leg uit")),
        (date(2019, 6, 1), Answer("1.11", "pas toe of leg uit")),
        (date(2020, 1, 1), Answer("1.11", "verplicht")),
        (date(2021, 4, 1), Answer("1.11", "verplicht", pending=("2.0",))),
        (date(2021, 8, 1), Answer("2.0", "pas toe of leg uit")),
        # 2.0 withdrawn: the version before it applies again (actueel points at it too).
        (date(2022, 5, 1), Answer("1.11", "verplicht", withdrawn=("2.0",))),
        (date(2030, 1, 1), Answer("1.11", "verplicht", withdrawn=("2.0",))),
    ],
)
def test_answer_for_hand_checked_dates(day: date, expected: Answer) -> None:
    assert answer(VERSIONS, day, WITHDRAWN) == expected
    assert period_on(periods(VERSIONS, WITHDRAWN), day).answer == expected


def test_periods_cover_every_day_once_and_merge_equal_neighbours() -> None:
    found = periods(VERSIONS, WITHDRAWN)
    assert [(p.start, p.end, p.answer.version) for p in found] == [
        (None, date(2018, 8, 19), None),
        (date(2018, 8, 20), date(2018, 12, 5), None),
        (date(2018, 12, 6), date(2018, 12, 31), None),
        (date(2019, 1, 1), date(2019, 12, 31), "1.11"),
        (date(2020, 1, 1), date(2021, 2, 28), "1.11"),
        (date(2021, 3, 1), date(2021, 6, 30), "1.11"),
        (date(2021, 7, 1), date(2022, 4, 30), "2.0"),
        (date(2022, 5, 1), None, "1.11"),
    ]
    for before, after in pairwise(found):
        assert before.end is not None and after.start is not None
        assert (after.start - before.end).days == 1
        assert before.answer != after.answer
    assert validity_ranges(found, "1.11") == [(date(2019, 1, 1), date(2021, 6, 30)), (date(2022, 5, 1), None)]


def test_validity_in_words() -> None:
    found = periods(VERSIONS, WITHDRAWN)
    assert validity_text(found, V111) == "van 1 januari 2019 tot en met 30 juni 2021 en vanaf 1 mei 2022"
    assert validity_text(found, V20) == "van 1 juli 2021 tot en met 30 april 2022"
    assert validity_text(found, V10) == "niet: een consultatieversie geldt niet"
    future = VersionInfo("3.0", "vastgesteld", date(2026, 12, 1), "Later.", "ALV",
                         comply_or_explain_from=date(2027, 1, 1))  # fmt: skip
    assert validity_text(periods([*VERSIONS, future]), future) == "vanaf 1 januari 2027"
    # Withdrawn before it applied; superseded before it applied.
    early = {"2.0": date(2021, 5, 1)}
    assert validity_text(periods(VERSIONS, early), V20) == "niet: ingetrokken voordat deze versie ging gelden"
    quick = VersionInfo("2.1", "vastgesteld", date(2021, 4, 1), "Sneller.", "ALV",
                        comply_or_explain_from=date(2021, 5, 1))  # fmt: skip
    assert validity_text(periods([*VERSIONS, quick]), V20) == "niet: een latere versie ging eerder gelden"
    by_version = {i.version: i for i in VERSIONS}
    assert describe(found[2].answer, by_version) == (
        "Er gold geen vastgestelde versie van de standaard. Versie 1.11 was toen al vastgesteld "
        "(op 6 december 2018); zij geldt vanaf 1 januari 2019."
    )
    assert describe(found[-1].answer, by_version, ongoing=True) == (
        "Versie 1.11 geldt als verplichte standaard. Versie 2.0 is ingetrokken."
    )
    assert [period_label(p) for p in found[:2]] == [
        "Tot en met 19 augustus 2018",
        "Van 20 augustus 2018 tot en met 5 december 2018",
    ]
    assert period_label(found[-1]) == "Vanaf 1 mei 2022"


def test_status_box_says_when_the_version_applied() -> None:
    box = BeautifulSoup(str(status_box_html(build_view([V10, V111], "1.11"), "overeenkomst/")), "html.parser")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in box.find_all("dt")}  # type: ignore[union-attr]
    assert facts["Geldig"] == "vanaf 1 januari 2019"
    link = box.find("a", string="Welke versie gold op een datum?")
    assert link is not None and link["href"] == "../../1.11/geldend-op/"  # a build of everything at once
    published = status_box_html(build_view([V10, V111], "1.11"), "overeenkomst/", standard_at_root=True)
    links = {a.get_text(): a["href"] for a in BeautifulSoup(str(published), "html.parser").find_all("a")}
    # Published: straight to the pages of the standard at the site root, not their redirects.
    assert links["Welke versie gold op een datum?"] == "../../geldend-op/"
    assert links["Alle versies en hun status"] == "../../versies/"
    old = BeautifulSoup(str(status_box_html(build_view([V10, V111], "1.0"), "overeenkomst/")), "html.parser")
    assert {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in old.find_all("dt")}["Geldig"] == (  # type: ignore[union-attr]
        "niet: een consultatieversie geldt niet"
    )


def test_page_lists_the_periods_for_readers_without_javascript() -> None:
    markdown = validity_page(
        VERSIONS,
        build_version="concept",
        prefix="../../",
        script_href="../assets/vwo-geldig.js",
        withdrawn=WITHDRAWN,
    )
    page = BeautifulSoup(markdown, "lxml")
    form = page.select_one("[data-vwo-geldig]")
    assert form is not None and form.has_attr("hidden")  # shown by the script only
    items = page.select("ol.vwo-perioden > li")
    assert len(items) == 8
    newest, oldest = items[0], items[-1]
    assert (newest.get("data-van"), newest.get("data-tot")) == ("2022-05-01", None)
    assert (oldest.get("data-van"), oldest.get("data-tot")) == (None, "2018-08-19")
    assert attr(tag(newest.select_one("a")), "href") == "../../1.11/"
    during = [li for li in items if li.get("data-van") == "2019-01-01"]
    assert during[0].get_text(" ", strip=True) == (
        "Van 1 januari 2019 tot en met 31 december 2019 Versie 1.11 gold onder pas toe of leg uit. "
        "Naar versie 1.11"
    )
    assert page.select_one('script[src="../assets/vwo-geldig.js"]') is not None
    assert "kent alleen de versies" not in page.get_text()
    partial = validity_page(VERSIONS[:2], build_version="1.11", prefix="../../", script_href="x.js")
    assert "kent alleen de versies tot en met deze versie" in BeautifulSoup(partial, "lxml").get_text()
