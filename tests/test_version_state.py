"""Derived version state and what each build says about it (pure: no git, no MkDocs)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from tests.soup import tag
from vwo.errors import VwoError
from vwo.site.dates import long_date, short_date
from vwo.versions.model import VersionInfo, parse_version_yml, version_states
from vwo.versions.pages import (
    banner_html,
    build_view,
    site_prefix,
    status_box_html,
    versions_json_data,
    versions_page,
)


def info(
    versie: str,
    status: str,
    day: date,
    *,
    comply_or_explain_from: date | None = None,
    mandatory_from: date | None = None,
    replaces: str | None = None,
) -> VersionInfo:
    door = "College van Dienstverleningszaken" if status == "vastgesteld" else None
    return VersionInfo(
        versie,
        status,
        day,
        f"Samenvatting {versie}.",
        adopted_by=door,
        comply_or_explain_from=comply_or_explain_from,
        mandatory_from=mandatory_from,
        replaces=replaces,
    )


V10 = info("1.0", "consultatie", date(2018, 9, 1))
V11 = info("1.1", "vastgesteld", date(2018, 12, 6), replaces="1.0")
V12 = info("1.2", "consultatie", date(2019, 3, 1), replaces="1.1")
V111 = info("1.11", "vastgesteld", date(2020, 5, 4), replaces="1.2")


def test_dates_in_dutch() -> None:
    assert long_date(date(2018, 12, 6)) == "6 december 2018"
    assert long_date(date(2019, 3, 1)) == "1 maart 2019"
    assert short_date(date(2018, 12, 6)) == "6-12-2018"


def test_states_current_superseded_labels_and_titles() -> None:
    states = {s.version: s for s in version_states([V111, V12, V10, V11])}
    assert [s.version for s in version_states([V111, V12, V10, V11])] == ["1.0", "1.1", "1.2", "1.11"]
    # A consultation version is replaced by the next version of any status.
    assert states["1.0"].superseded_by == V11
    # An adopted version by the next adopted one, not by a consultation in between.
    assert states["1.1"].superseded_by == V111
    assert states["1.2"].superseded_by == V111
    assert states["1.11"].superseded_by is None and states["1.11"].current
    assert [states[v].label for v in ("1.0", "1.1", "1.2", "1.11")] == [
        "Verouderde versie",
        "Verouderde versie",
        "Verouderde versie",
        "Vastgestelde versie",
    ]
    assert states["1.11"].title == "1.11 — vastgesteld 4-5-2020"
    assert states["1.0"].title == "1.0 — consultatie 1-9-2018 (verouderd)"


def test_consultation_after_the_current_version_is_not_superseded() -> None:
    states = {s.version: s for s in version_states([V10, V11, V12])}
    assert states["1.2"].label == "Consultatieversie" and not states["1.2"].superseded
    assert states["1.1"].current and not states["1.1"].superseded


def test_no_adopted_version_means_no_current() -> None:
    states = version_states([V10])
    assert not states[0].current and states[0].label == "Consultatieversie"


def test_version_yml_errors_name_file_and_key() -> None:
    data = {"versie": "1.11", "status": "vast", "gepubliceerd_op": date(2018, 12, 6), "samenvatting": "x"}
    with pytest.raises(VwoError) as caught:
        parse_version_yml(data, "versions/1.11/version.yml")
    assert str(caught.value).startswith("versions/1.11/version.yml: status: unknown value 'vast'")


def test_a_build_knows_versions_up_to_itself_and_its_successor() -> None:
    everything = [V10, V11, V12, V111]
    assert [s.version for s in build_view(everything, "1.0").states] == ["1.0", "1.1"]
    assert [s.version for s in build_view(everything, "1.2").states] == ["1.0", "1.1", "1.2", "1.11"]
    assert [s.version for s in build_view(everything, "concept").states] == ["1.0", "1.1", "1.2", "1.11"]
    # The current version's build does not change when a newer consultation appears.
    assert build_view([V10, V11], "1.1") == build_view([V10, V11, V12], "1.1")
    with pytest.raises(VwoError, match=r"'2\.0'.*is not a published version"):
        build_view(everything, "2.0")


@pytest.mark.parametrize(
    ("url", "prefix"),
    [("", "../"), ("overeenkomst/", "../../"), ("bijlagen/b1/", "../../../"), ("404.html", "../")],
)
def test_site_prefix(url: str, prefix: str) -> None:
    assert site_prefix(url) == prefix


def banner(versions: list[VersionInfo], version: str, url: str = "overeenkomst/") -> BeautifulSoup:
    return BeautifulSoup(str(banner_html(build_view(versions, version), url)), "html.parser")


def test_banner_of_a_superseded_version_links_to_the_same_page_in_actueel() -> None:
    soup = banner([V10, V11], "1.0")
    box = soup.select_one(".vwo-banner--verouderd")
    assert box is not None
    text = " ".join(box.get_text().split())
    assert "Verouderde versie" in text
    assert "vervangen door versie 1.1 op 6 december 2018" in text
    link = box.find("a")
    assert link is not None and link["href"] == "../../actueel/overeenkomst/"


def test_banner_of_concept_and_consultation_and_none_for_current() -> None:
    concept = banner([V10, V11], "concept", "")
    # A warning, as strong as the superseded version's (not a blue note).
    assert concept.select_one(".vwo-banner--concept.admonition.warning") is not None
    assert "Concept: werkversie, niet vastgesteld" in concept.get_text()
    assert tag(concept.find("a"))["href"] == "../actueel/"
    consultation = banner([V10, V11, V12], "1.2")
    assert consultation.select_one(".vwo-banner--consultatie") is not None
    assert "Consultatieversie" in consultation.get_text()
    assert str(banner_html(build_view([V10, V11, V12], "1.1"), "overeenkomst/")) == ""


def test_superseded_consultation_without_any_adopted_version_links_to_its_successor() -> None:
    v11 = info("1.1", "consultatie", date(2018, 10, 1))
    soup = banner([V10, v11], "1.0")
    assert tag(soup.find("a"))["href"] == "../../1.1/overeenkomst/"


def test_status_box_lists_dates() -> None:
    v = info(
        "1.1",
        "vastgesteld",
        date(2018, 12, 6),
        comply_or_explain_from=date(2019, 1, 1),
        mandatory_from=date(2020, 1, 1),
    )
    soup = BeautifulSoup(str(status_box_html(build_view([V10, v], "1.1"), "overeenkomst/")), "html.parser")
    facts = {dt.get_text(): tag(dt.find_next_sibling("dd")).get_text() for dt in soup.find_all("dt")}
    assert facts == {
        "Vastgesteld op": "6 december 2018",
        "Vastgesteld door": "College van Dienstverleningszaken",
        "Pas toe of leg uit vanaf": "1 januari 2019",
        "Verplicht vanaf": "1 januari 2020",
        "Geldig": "vanaf 1 januari 2019",
    }
    assert tag(soup.find("a", string="Alle versies en hun status"))["href"] == "../../1.1/versies/"


def test_versions_page_escapes_summary_and_links_only_existing_pages() -> None:
    hostile = info("1.1", "vastgesteld", date(2018, 12, 6))
    hostile = VersionInfo(
        **{**hostile.__dict__, "summary": "<script>alert(1)</script> [x](javascript:alert(1))"}
    )
    page = versions_page(build_view([V10, hostile], "concept"), {"overeenkomst.md", "wijzigingen.md"})
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<p class="vwo-samenvatting">' in page  # an HTML block: Markdown inside stays inert
    assert '<a href="../../1.1/overeenkomst/">Tekst' in page
    assert '<a href="../../1.1/wijzigingen/">Wijzigingen' in page
    assert "toelichting/" not in page and "downloads/" not in page  # pages this build lacks
    assert page.index("## Versie 1.1") < page.index("## Versie 1.0")  # newest first
    assert "## Versie 1.1 — Vastgestelde versie {#versie-1-1}" in page


def test_versions_json_data() -> None:
    data = versions_json_data(build_view([V10, V11, V12], "concept"))
    assert data["actueel"] == "1.1" and data["deze_versie"] == "concept" and data["schema"] == 1
    assert [v["versie"] for v in data["versies"]] == ["1.2", "1.1", "1.0"]
    v10 = data["versies"][2]
    assert v10["vervangen_door"] == "1.1" and v10["vervangen_op"] == "2018-12-06" and v10["verouderd"] is True
    assert v10["label"] == "Verouderde versie" and v10["pad"] == "1.0/"
    json.dumps(data)  # serialisable as is


def test_versions_page_without_an_adopted_version_links_no_actueel() -> None:
    page = versions_page(build_view([V10], "concept"), {"overeenkomst.md"})
    assert "er is nog geen versie vastgesteld" in page and "actueel/" not in page
    assert "actueel/" in versions_page(build_view([V10, V11], "concept"), set())


def test_a_comparison_page_exists_only_in_builds_newer_than_its_older_version() -> None:
    from vwo.versions.pages import page_exists_in

    assert page_exists_in("overeenkomst/", "1.11")
    assert page_exists_in("vergelijken/", "1.0")
    assert page_exists_in("vergelijken/1.0/", "1.11")
    assert not page_exists_in("vergelijken/1.11/", "1.11")


def test_a_page_of_one_proposal_or_filter_is_not_assumed_in_another_build() -> None:
    from vwo.versions.pages import nearest_page, page_exists_in

    # A proposal decided after 2.7 has a page in the concept's build only (the link check
    # of the published branch found the banner pointing at actueel/besluiten/VWO-2026-004/).
    assert page_exists_in("besluiten/", "2.7")
    assert not page_exists_in("besluiten/VWO-2026-004/", "2.7")
    assert not page_exists_in("besluiten/verworpen/2019/", "2.7")
    assert nearest_page("besluiten/VWO-2026-004/") == "besluiten/"
    assert nearest_page("vergelijken/2.7/") == "vergelijken/"
