"""Decisions with their reasons, on every page and export; the proposal pages; the decision
log's filter pages; dates that are the dates of the events (issue 20 items 3, 4 and 8).

Literal histories (tests/history_records.py: commit dates one or more days after the
meetings) for the pure pages, and throwaway git repositories for what the diff decides
(an annex change, the first text)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.gitrepo import GitRepo
from tests.history_records import REJECTION_REASON, agreement, decided, history, record
from tests.soup import attr, tag
from tests.test_history_model import LINKS
from vwo.history import changelog as cl
from vwo.history import decisions as dc
from vwo.history.feeds import STYLESHEET, decisions_feed, versions_feed
from vwo.history.filters import Selection, filter_groups, filtered, selection_counts, selections
from vwo.history.log_pages import decisions_page, proposal_page
from vwo.history.model import HistoryModel
from vwo.history.parts import part_index
from vwo.history.proposals import build_proposals
from vwo.history.prose import reason_of, sentence, without_outcome
from vwo.history.read import read_history
from vwo.history.site import build_site_history, feed_stylesheet
from vwo.site.abbr import abbreviate, parse_definitions
from vwo.text.parse import parse_sources
from vwo.versions.model import VersionInfo

# The commit dates of tests/history_records.py; none is the date of a meeting.
COMMIT_DAYS = ("2018-11-16", "2018-11-20", "2019-09-10", "2020-02-21", "2020-04-02", "2018-10-01")
MEETING_DAYS = ("2018-11-15", "2019-09-05", "2020-02-20", "2020-04-01")
COLLEGE = "College van Dienstverleningszaken"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni",
          "juli", "augustus", "september", "oktober", "november", "december")  # fmt: skip


def long(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def html(markdown_with_html: str) -> BeautifulSoup:
    return BeautifulSoup(markdown_with_html, "lxml")


@pytest.fixture
def model() -> HistoryModel:
    return HistoryModel(history())


# --- prose ------------------------------------------------------------------------


def test_reason_is_the_body_without_its_trailers_and_gits_notes() -> None:
    body = (
        "Eerste regel\nloopt door.\n\nTweede alinea.\n\nVoorstel: VWO-2019-001\nIndiener: Gemeente\n  Utrecht"
    )
    assert reason_of(body) == "Eerste regel loopt door.\n\nTweede alinea."
    assert reason_of("Voorstel: VWO-2019-001\nBesluit: verworpen") == ""
    assert reason_of("This reverts commit " + "a" * 40 + ".") == ""
    # A prose paragraph with a colon in it stays: only a block of Key: value lines is trailers.
    assert (
        reason_of("Let op: de termijn is kort.\nDus verlengen.")
        == "Let op: de termijn is kort. Dus verlengen."
    )


def test_titles_drop_the_outcome_they_repeat() -> None:
    assert without_outcome("Auditrecht schrappen: verworpen", "verworpen") == "Auditrecht schrappen"
    assert (
        without_outcome("Overgang van BIG naar BIO aangehouden", "aangehouden") == "Overgang van BIG naar BIO"
    )
    assert without_outcome("Arbitrage (ingetrokken)", "ingetrokken") == "Arbitrage"
    assert without_outcome("Eigen overeenkomst laten voorgaan: nee", "verworpen") == (
        "Eigen overeenkomst laten voorgaan: nee"
    )
    assert without_outcome("verworpen", "verworpen") == "verworpen"  # nothing would be left
    assert without_outcome("Onverworpen", "verworpen") == "Onverworpen"


def test_sentences_get_one_full_stop() -> None:
    assert [sentence(s) for s in ("Software B.V.", "n.v.t.", "aangenomen", "Echt?")] == [
        "Software B.V.", "n.v.t.", "aangenomen.", "Echt?",
    ]  # fmt: skip


def test_abbreviations_in_history_text_are_marked_and_escaped() -> None:
    pairs = parse_definitions("*[CvD]: College van Dienstverleningszaken\n*[TPM]: Third Party Mededeling")
    out = str(abbreviate("De CvD & <b>TPM</b>-verklaring; CvDx blijft", pairs))
    assert out == (
        'De <abbr title="College van Dienstverleningszaken">CvD</abbr> &amp; &lt;b&gt;'
        '<abbr title="Third Party Mededeling">TPM</abbr>&lt;/b&gt;-verklaring; CvDx blijft'
    )


# --- the reason of a rejected proposal, everywhere ---------------------------------


def test_reason_of_a_rejected_proposal_on_the_log_its_page_and_the_exports(model: HistoryModel) -> None:
    log = dc.build_decisions(model)
    page = html(decisions_page(log, LINKS, parts=part_index(agreement())))
    entry = page.select_one("article#vwo-2018-002-beheergroep-vwo-2018-11-15")
    assert entry is not None and "vwo-besluit--verworpen" in entry["class"]
    reason = [p.get_text() for p in entry.select("dd.vwo-reden p")]
    assert reason == [" ".join(p.split()) for p in REJECTION_REASON.split("\n\n")]
    # The proposal's own anchor, on its (only) entry.
    assert page.select_one("span#vwo-2018-002") is not None

    proposal = build_proposals(model)["VWO-2018-002"]
    own = html(proposal_page(proposal, LINKS, parts=part_index(agreement())))
    assert [p.get_text() for p in own.select("ol.vwo-verloop .vwo-reden p")][1:] == reason

    data = json.loads(dc.to_json(log))
    (rejected,) = [d for m in data["vergaderingen"] for d in m["besluiten"] if d["besluit"] == "verworpen"]
    assert rejected["reden"] == REJECTION_REASON
    rows = list(csv.DictReader(io.StringIO(dc.to_csv(log))))
    (row,) = [r for r in rows if r["besluit"] == "verworpen"]
    assert row["reden"] == " ".join(REJECTION_REASON.split())
    assert "Reden: Een verbod op elke verwerking" in dc.to_markdown(log, "")


def test_proposal_page_shows_every_decision_in_order_with_body_and_date() -> None:
    records = [
        record("c", "CvD stemt in", "2019-10-01", parents=("b",),
               trailers={**decided("VWO-2019-005", "aangenomen", "2019-09-26", COLLEGE),
                         "Soort": ("ingrijpend",)},
               body="Het College neemt het advies over."),
        record("b", "Geen gegevens aan buitenlandse autoriteiten", "2019-07-01", parents=("a",),
               touched=("datalekken",),
               trailers={**decided("VWO-2019-005", "aangenomen", "2019-06-20"), "Soort": ("ingrijpend",),
                         "Indiener": ("Gemeente Den Haag",)},
               body="Artikel 48 AVG vraagt een verdrag.\n\nVoorstel: VWO-2019-005"),
        record("a", "Buitenlandse verzoeken aangehouden", "2019-04-01",
               trailers={**decided("VWO-2019-005", "aangehouden", "2019-03-28"),
                         "Indiener": ("Gemeente Den Haag",)},
               body="Eerst advies van de landsadvocaat."),
    ]  # fmt: skip
    proposal = build_proposals(HistoryModel(records))["VWO-2019-005"]
    assert [(s.meeting.date, s.decision, s.meeting.body) for s in proposal.steps] == [
        ("2019-03-28", "aangehouden", "Beheergroep VWO"),
        ("2019-06-20", "aangenomen", "Beheergroep VWO"),
        ("2019-09-26", "aangenomen", "College van Dienstverleningszaken"),
    ]
    page = html(proposal_page(proposal, LINKS, parts=part_index(agreement())))
    assert page.h1 is None  # the title is Markdown: "# VWO-2019-005: ..."
    steps = page.select("li.vwo-verloop__besluit")
    assert [attr(tag(s.time), "datetime") for s in steps] == ["2019-03-28", "2019-06-20", "2019-09-26"]
    assert [tag(s.select_one(".vwo-reden p:not(.vwo-reden__kop)")).get_text() for s in steps] == [
        "Eerst advies van de landsadvocaat.",
        "Artikel 48 AVG vraagt een verdrag.",
        "Het College neemt het advies over.",
    ]
    facts = {dt.get_text(): tag(dt.find_next_sibling("dd")).get_text(" ", strip=True) for dt in page("dt")}
    assert facts["Soort"].startswith("ingrijpend")
    assert (
        facts["Besluit College"]
        == "College van Dienstverleningszaken ( CvD ): aangenomen op 26 september 2019"
    )
    assert facts["Uitkomst"] == "aangenomen door College van Dienstverleningszaken op 26 september 2019"
    assert facts["Ingediend door"] == "Gemeente Den Haag"
    # The part it changed, with the text of the werkversie (no release yet).
    assert [li.get_text(" ", strip=True) for li in page.select(".vwo-voorstel__wijziging li")] == [
        "Artikel 3. Datalekken"
    ]


def test_proposal_page_links_to_the_text_and_the_comparison_of_its_version(model: HistoryModel) -> None:
    links = cl.PageLinks(**{**LINKS.__dict__, "site_root": "../../../"})
    proposal = build_proposals(model)["VWO-2020-001"]
    page = html(proposal_page(proposal, links, parts=part_index(agreement())))
    hrefs = [a["href"] for a in page.select(".vwo-voorstel__wijziging li a")]
    assert hrefs == [
        "../../../concept/overeenkomst/#datalekken",
        "../../../concept/vergelijken/1.0/#datalekken",
    ]
    first = build_proposals(model)["VWO-2018-001"]
    page = html(
        proposal_page(first, links, parts=part_index(agreement()), published={"1.0": date(2018, 12, 6)})
    )
    intro = tag(page.select_one(".vwo-voorstel")).get_text(" ", strip=True)
    assert "In versie versie 1.0 , gepubliceerd op 6 december 2018" in intro
    # 1.0 is the first version: nothing to compare it with.
    assert [a["href"] for a in page.select(".vwo-voorstel__wijziging li a")] == [
        "../../../1.0/overeenkomst/#subverwerkers"
    ]


# --- filters ---------------------------------------------------------------------


def test_filters_list_exactly_the_matching_decisions(model: HistoryModel) -> None:
    """Hand-counted from tests/history_records.py: six decisions; aangenomen 4
    (2018-001, 2019-007, 2020-001 twice), verworpen 1 (2018-002), aangehouden 1
    (2020-002); in 2020: 3; ingrijpend: the two on 2020-001."""
    log = dc.build_decisions(model)

    def shown(selection: Selection) -> list[tuple[str | None, str]]:
        return [(e.proposal, e.decision) for g in filtered(log, selection).meetings for e in g.decisions]

    assert shown(Selection(decision="verworpen")) == [("VWO-2018-002", "verworpen")]
    assert shown(Selection(year="2020")) == [
        ("VWO-2020-001", "aangenomen"), ("VWO-2020-001", "aangenomen"), ("VWO-2020-002", "aangehouden"),
    ]  # fmt: skip
    assert shown(Selection(decision="aangenomen", kind="ingrijpend", year="2020")) == [
        ("VWO-2020-001", "aangenomen"), ("VWO-2020-001", "aangenomen"),
    ]  # fmt: skip
    assert shown(Selection(decision="aangenomen", year="2019")) == [("VWO-2019-007", "aangenomen")]
    assert shown(Selection(decision="verworpen", year="2020")) == []
    # A page per combination that shows something, none for an empty one.
    srcs = {s.src for s in selections(log)}
    assert {
        "besluiten.md",
        "besluiten/verworpen.md",
        "besluiten/2020.md",
        "besluiten/aangenomen/ingrijpend/2020.md",
    } <= srcs
    assert "besluiten/verworpen/2020.md" not in srcs
    assert all(shown(s) for s in selections(log))
    groups = {g.dimension: g for g in filter_groups(log, Selection(decision="verworpen"))}
    counts = {link.label: (link.count, link.href, link.current) for link in groups["besluit"].links}
    assert counts == {
        "alle": (6, "../", False),
        "aangenomen": (4, "../aangenomen/", False),
        "verworpen": (1, "./", True),
        "aangehouden": (1, "../aangehouden/", False),
    }
    years = {link.label: (link.count, link.href) for link in groups["jaar"].links}
    assert years == {"alle": (1, "./"), "2020": (0, None), "2019": (0, None), "2018": (1, "2018/")}
    # Counted once for the whole build: each count is what the selection's page shows.
    every = selection_counts(log)
    assert len(every) == 4 * 4 * 4  # (all + 3 decisions) x (all + 3 kinds) x (all + 3 years)
    assert every[Selection()] == 6 and every[Selection(decision="aangenomen", year="2020")] == 2
    assert all(count == len(shown(selection)) for selection, count in every.items())
    assert filter_groups(log, Selection(decision="verworpen"), counts=every) == list(groups.values())


def test_filter_page_marks_the_current_choice_and_shows_only_its_decisions(model: HistoryModel) -> None:
    log = dc.build_decisions(model)
    page = html(decisions_page(log, LINKS, selection=Selection(decision="aangehouden")))
    current = page.select('nav.vwo-filter a[aria-current="page"]')
    assert [a.get_text(" ", strip=True) for a in current] == ["aangehouden (1)", "alle (1)", "alle (1)"]
    assert [a.get_text() for a in page.select("h3.vwo-besluit__titel")] == [
        "VWO-2020-002: Besluit: auditrecht"
    ]
    assert tag(page.select_one("nav.vwo-filter span.vwo-filter__leeg")).get_text() == "redactioneel (0)"
    markdown = decisions_page(log, LINKS, selection=Selection(decision="aangehouden"))
    assert markdown.startswith("# Besluiten over wijzigingsvoorstellen: aangehouden\n")


# --- dates -------------------------------------------------------------------------


def test_no_page_shows_a_commit_date_where_an_event_date_exists(model: HistoryModel) -> None:
    parts = part_index(agreement())
    log = dc.build_decisions(model)
    changelog = cl.build_changelog(model, "concept", agreement())
    pages = [
        decisions_page(log, LINKS, parts=parts),
        cl.changelog_page(changelog, LINKS),
        cl.changelog_page(cl.build_changelog(model, "1.0", agreement()), LINKS),
        dc.to_markdown(log, ""),
        cl.to_markdown(changelog, ""),
        *(proposal_page(p, LINKS, parts=parts) for p in build_proposals(model).values()),
    ]
    text = "\n".join(html(p).get_text(" ") for p in pages)
    for day in COMMIT_DAYS:
        assert long(day) not in text and day not in text, day
    for day in MEETING_DAYS:
        assert long(day) in text, day
    feed = decisions_feed(log, "https://vwo.example/besluiten/", "https://vwo.example/", "")
    for day in COMMIT_DAYS:
        assert day.encode() not in feed, day


def test_feed_entries_carry_the_decision_date_and_ids_from_the_decision(model: HistoryModel) -> None:
    log = dc.build_decisions(model)
    feed = feedparser.parse(decisions_feed(log, "https://vwo.example/besluiten/", "https://vwo.example/", ""))
    assert feed.bozo == 0
    expected = [(g.meeting.date, e) for g in log.meetings for e in g.decisions]
    assert [e.updated[:10] for e in feed.entries] == [day for day, _ in expected]
    assert [e.published[:10] for e in feed.entries] == [day for day, _ in expected]
    assert feed.entries[-1].id == "tag:vwo.example,2018-11-15:besluit/VWO-2018-002/beheergroep-vwo-2018-11-15"
    # The title names the outcome once; the summary has the reason and no double full stop.
    assert feed.entries[-1].title == "VWO-2018-002 verworpen: Besluit: verwerking buiten de EER verbieden"
    summary = feed.entries[-1].summary
    assert "Reden: Een verbod op elke verwerking buiten de EER" in summary
    assert "Ingediend door: Leverancier B.V. Soort" in summary and ".." not in summary
    # Rewriting the commit (another sha, another commit date) keeps the id and the date.
    moved = [record("x", "Besluit: verwerking buiten de EER verbieden", "2026-11-30",
                    trailers={**decided("VWO-2018-002", "verworpen", "2018-11-15")})]  # fmt: skip
    again = feedparser.parse(
        decisions_feed(
            dc.build_decisions(HistoryModel(moved)),
            "https://vwo.example/besluiten/",
            "https://vwo.example/",
            "",
        )
    )
    assert (again.entries[0].id, again.entries[0].updated) == (feed.entries[-1].id, feed.entries[-1].updated)


def test_feeds_have_a_local_stylesheet_that_makes_a_page(model: HistoryModel) -> None:
    info = VersionInfo("1.0", "vastgesteld", date(2018, 12, 6), "Eerste versie.", "College")
    feeds = [
        versions_feed([info], "https://vwo.example/", "https://vwo.example/actueel/feeds/versies.xml"),
        decisions_feed(dc.build_decisions(model), "https://vwo.example/besluiten/", "https://vwo.example/",
                       "https://vwo.example/actueel/feeds/besluiten.xml"),
    ]  # fmt: skip
    xslt = etree.XSLT(etree.fromstring(feed_stylesheet()))
    for raw in feeds:
        assert feedparser.parse(raw).bozo == 0
        document = etree.fromstring(raw)
        pi = document.getprevious()
        assert isinstance(pi, etree._XSLTProcessingInstruction), pi
        assert pi.get("href") == STYLESHEET and pi.get("type") == "text/xsl"
        page = BeautifulSoup(str(xslt(document.getroottree())), "lxml")
        assert attr(tag(page.html), "lang") == "nl"
        assert tag(page.h1).get_text() == document.findtext("{http://www.w3.org/2005/Atom}title")
        entries = document.findall("{http://www.w3.org/2005/Atom}entry")
        assert len(page.select("ol li")) == len(entries)
        assert "Dit is een feed." in page.get_text()
        # Nothing fetched from elsewhere: no stylesheet, script, image or frame at all.
        assert not page.select("link[href], script, img, iframe, object, embed")
        assert "@import" not in page.get_text() and "url(" not in str(page.style)
        assert page.select_one('a[href="../abonneren/"]') is not None
    decisions_page_html = BeautifulSoup(str(xslt(etree.fromstring(feeds[1]).getroottree())), "lxml")
    assert decisions_page_html.select("time")[0]["datetime"] == "2020-04-01"
    assert decisions_page_html.select("time")[0].get_text(strip=True) == "1 april 2020"


# --- complete change records ---------------------------------------------------------

TEXT = (
    "# Standaard\n\nPartijen.\n\n## Artikel 1. Beveiliging {#beveiliging}\n\n1.1 Volgens de BIG.\n\n"
    "## Artikel 2. Slot {#slot}\n\n2.1 Slot.\n"
)
ANNEX_1 = "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\nIn te vullen.\n"
ANNEX_2 = "# Bijlage 2. Beveiligingsmaatregelen {#bijlage-beveiliging}\n\nMaatregelen volgens de BIG.\n"
EXPLANATION = "# Toelichting\n\nAlgemeen.\n\n## Artikel 1. Beveiliging {#beveiliging}\n\nDe BIG.\n"
VERSION_YML = (
    'versie: "1.0"\nstatus: vastgesteld\ngepubliceerd_op: 2018-12-06\n'
    "vastgesteld_door: College van Dienstverleningszaken\nsamenvatting: Eerste versie.\n"
)


def two_versions(repo: GitRepo) -> None:
    """A first text (one commit: agreement, toelichting, two annexes), version 1.0, then a
    change to article 1, the toelichting and Bijlage 2 whose trailer names only the article."""
    files = {
        "docs/overeenkomst.md": TEXT,
        "docs/toelichting.md": EXPLANATION,
        "docs/bijlagen/bijlage-1-specificatie.md": ANNEX_1,
        "docs/bijlagen/bijlage-2-beveiliging.md": ANNEX_2,
    }
    repo.commit("Eerste tekst", files=files, trailers={"Voorstel": "VWO-2018-001", "Soort": "inhoudelijk"})
    frozen = {k.replace("docs/", "versions/1.0/"): v for k, v in files.items()}
    repo.commit("Versie 1.0", files={**frozen, "versions/1.0/version.yml": VERSION_YML},
                trailers={"Versie": "1.0", "Status": "vastgesteld"})  # fmt: skip
    repo.commit(
        "Vervang de BIG door de BIO\n\nDe BIO vervangt de BIG.",
        files={
            "docs/overeenkomst.md": TEXT.replace("BIG", "BIO"),
            "docs/toelichting.md": EXPLANATION.replace("BIG", "BIO"),
            "docs/bijlagen/bijlage-2-beveiliging.md": ANNEX_2.replace("BIG", "BIO"),
        },
        trailers={"Voorstel": "VWO-2019-004", "Soort": "inhoudelijk", "Artikel": "beveiliging",
                  "Besluit": "aangenomen", "Besloten-door": "Beheergroep VWO", "Besloten-op": "2019-06-20"},
    )  # fmt: skip


def test_changelog_lists_the_annex_and_the_toelichting_from_the_diff(repo: GitRepo) -> None:
    two_versions(repo)
    site = build_site_history(repo.path, repo.path / "docs", "concept", (), site_url="", repo_url="")
    groups = [(g.id, g.kind, g.label) for g in site.changelog.groups]
    assert groups == [
        ("beveiliging", "artikel", "Artikel 1. Beveiliging"),
        ("bijlage-beveiliging", "bijlage", "Bijlage 2. Beveiligingsmaatregelen"),
        ("toelichting-beveiliging", "toelichting", "Toelichting bij artikel 1. Beveiliging"),
    ]
    links = cl.PageLinks(**{**LINKS.__dict__, "compare": "../vergelijken/1.0/"})
    page = html(cl.changelog_page(site.changelog, links))
    compare = [a["href"] for a in page.select("article.vwo-wijziging a") if "vergelijken" in a["href"]]
    assert compare == [
        "../vergelijken/1.0/#beveiliging",
        "../vergelijken/1.0/#bijlage-beveiliging",
        "../vergelijken/1.0/#beveiliging",  # the toelichting of article 1 is shown with it
    ]
    assert tag(page.select_one("article.vwo-wijziging dd.vwo-reden")).get_text() == "De BIO vervangt de BIG."
    (entry,) = [e for g in site.decisions.meetings for e in g.decisions]
    assert entry.articles == ("beveiliging", "bijlage-beveiliging", "toelichting-beveiliging")


def test_the_first_text_is_one_entry_listing_its_parts(repo: GitRepo) -> None:
    two_versions(repo)
    agreement_10 = parse_sources(
        {"overeenkomst.md": TEXT, "toelichting.md": EXPLANATION,
         "bijlagen/bijlage-1-specificatie.md": ANNEX_1, "bijlagen/bijlage-2-beveiliging.md": ANNEX_2},
        prefix="docs/",
    )  # fmt: skip
    model = HistoryModel(read_history(repo.path).commits)
    changelog = cl.build_changelog(model, "1.0", agreement_10)
    assert len(changelog.initial) == 1 and changelog.count == 1 and changelog.later_groups == ()
    page = html(cl.changelog_page(changelog, LINKS))
    assert len(page.select("article.vwo-wijziging")) == 1
    parts = [li.get_text() for li in page.select("ul.vwo-onderdelen li")]
    assert parts == [
        "Titel, aanhef en considerans",
        "Artikel 1. Beveiliging",
        "Artikel 2. Slot",
        "Bijlage 1. Specificatie",
        "Bijlage 2. Beveiligingsmaatregelen",
        "Toelichting, algemeen deel",
        "Toelichting bij artikel 1. Beveiliging",
    ]
    markdown = cl.changelog_page(changelog, LINKS)
    assert re.findall(r"^## .*$", markdown, flags=re.MULTILINE) == ["## Eerste tekst {#eerste-tekst}"]
    intro = tag(page.select_one(".vwo-historie-intro")).get_text(" ", strip=True)
    assert "De eerste tekst." in intro
    # The data keep every part: the JSON says which change is the first text.
    data = json.loads(cl.to_json(changelog))
    assert len(data["onderdelen"]) == 7
    assert {c["eerste_tekst"] for g in data["onderdelen"] for c in g["wijzigingen"]} == {True}


def test_site_history_makes_a_page_per_proposal_and_per_filter(repo: GitRepo, tmp_path: Path) -> None:
    two_versions(repo)
    repo.commit("Spoedregeling: verworpen\n\nDe termijn blijft.", allow_empty=True,
                trailers={"Voorstel": "VWO-2019-006", "Soort": "inhoudelijk", "Besluit": "verworpen",
                          "Besloten-door": "Beheergroep VWO", "Besloten-op": "2019-06-20"})  # fmt: skip
    site = build_site_history(repo.path, repo.path / "docs", "concept", (), site_url="", repo_url="")
    pages = site.generated_pages()
    # Two decisions, both inhoudelijk and in 2019: every combination of (alle, aangenomen,
    # verworpen) x (alle, inhoudelijk) x (alle, 2019) shows one, the log itself aside: 11.
    filters = {
        "aangenomen", "verworpen", "inhoudelijk", "2019", "inhoudelijk/2019",
        "aangenomen/inhoudelijk", "aangenomen/2019", "aangenomen/inhoudelijk/2019",
        "verworpen/inhoudelijk", "verworpen/2019", "verworpen/inhoudelijk/2019",
    }  # fmt: skip
    proposals = {"VWO-2018-001", "VWO-2019-004", "VWO-2019-006"}
    assert set(pages) == {f"besluiten/{name}.md" for name in filters | proposals}
    assert site.files["feeds/atom.xsl"] == feed_stylesheet()
    assert site.files["feeds/besluiten.xml"].startswith(
        b"<?xml version='1.0' encoding='UTF-8'?>\n<?xml-stylesheet type=\"text/xsl\" href=\"atom.xsl\"?>\n"
    )
