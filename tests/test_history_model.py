"""The pure history pipeline on literal commit records: model facts, rendered output
against golden files (tests/golden/, reviewed by eye; see tests/README.md), feeds, and
the lint rules."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest

from tests.conftest import Golden
from tests.history_records import agreement, decided, history, record
from vwo.history import changelog as cl
from vwo.history import decisions as dc
from vwo.history.feeds import decisions_feed, versions_feed
from vwo.history.lint import lint
from vwo.history.log_pages import decisions_page
from vwo.history.model import HistoryModel
from vwo.history.parts import part_index
from vwo.versions.model import VersionInfo

LINKS = cl.PageLinks(
    "https://github.com/vwo-gemeenten/vwo",
    "../besluiten/",
    "../wijzigingen.json",
    "../besluiten.json",
    "../besluiten.csv",
    "../feeds/versies.xml",
    "../feeds/besluiten.xml",
)


@pytest.fixture
def model() -> HistoryModel:
    return HistoryModel(history())


def test_releases_and_ranges(model: HistoryModel) -> None:
    assert [(r.version, r.commit.sha[0], r.status) for r in model.releases] == [("1.0", "4", "vastgesteld")]
    assert [c.sha[0] for c in model.changes_in("1.0")] == ["3", "1"]
    assert [c.sha[0] for c in model.changes_in("concept")] == ["8", "6"]
    assert model.landed_in("3" * 40) == "1.0"
    assert model.landed_in("6" * 40) is None


def test_decision_of_a_change_comes_from_its_proposal(model: HistoryModel) -> None:
    editorial = model.by_sha["6" * 40]
    decision = model.adopting_decision(editorial)
    assert decision is not None and decision.sha == "5" * 40
    assert model.college_decision("VWO-2020-001").decided_on == "2020-04-01"
    assert model.college_decision("VWO-2018-001").decision is None


def test_pull_request_of_commits_brought_in_by_a_merge() -> None:
    commits = [
        record("m", "Merge pull request #7 from gemeente/tak", "2020-01-03", parents=("a", "c")),
        record("c", "Tweede stap", "2020-01-02", parents=("b",)),
        record("b", "Eerste stap", "2020-01-01", parents=("a",)),
        record("a", "Basis", "2019-12-31"),
    ]
    prs = HistoryModel(commits).pull_requests
    assert {sha[0]: pr for sha, pr in prs.items()} == {"m": 7, "c": 7, "b": 7}


def test_a_revert_cancels_the_change_in_the_same_range() -> None:
    commits = [
        record("f", 'Revert "Tikfout"', "2020-01-03", parents=("e",), touched=("definities",),
               body="This reverts commit " + "e" * 40 + "."),
        record("e", "Tikfout", "2020-01-02", parents=("a",), touched=("definities",)),
        record("a", "Basis", "2019-12-31", touched=("definities",)),
    ]  # fmt: skip
    assert [c.sha[0] for c in HistoryModel(commits).changes_in("concept")] == ["a"]


def test_changelog_golden(model: HistoryModel, golden: Golden) -> None:
    log = cl.build_changelog(model, "concept", agreement())
    assert [g.id for g in log.groups] == ["definities", "datalekken", "bijlage-specificatie"]
    golden.check("changelog-concept.md", cl.to_markdown(log, LINKS.repo_url))
    golden.check("changelog-concept.page.md", cl.changelog_page(log, LINKS))
    golden.check("changelog-concept.json", cl.to_json(log))


def test_changelog_of_the_first_version_puts_text_outside_articles_first(model: HistoryModel) -> None:
    log = cl.build_changelog(model, "1.0", agreement())
    assert [(g.id, g.kind) for g in log.groups] == [
        ("", "algemeen"),
        ("definities", "artikel"),
        ("subverwerkers", "artikel"),
    ]
    assert (log.previous, log.published, log.count) == (None, True, 2)


def test_decision_log_golden(model: HistoryModel, golden: Golden) -> None:
    log = dc.build_decisions(model)
    golden.check("decisions.md", dc.to_markdown(log, LINKS.repo_url))
    golden.check("decisions.page.md", decisions_page(log, LINKS, parts=part_index(agreement())))
    golden.check("decisions.json", dc.to_json(log))
    golden.check("decisions.csv", dc.to_csv(log))


def test_feeds_are_valid_and_deterministic(model: HistoryModel) -> None:
    info = VersionInfo("1.0", "vastgesteld", date(2018, 12, 6), "Eerste versie.", "College")
    raw = versions_feed([info], "https://vwo.example/", "https://vwo.example/actueel/feeds/versies.xml")
    assert raw == versions_feed(
        [info], "https://vwo.example/", "https://vwo.example/actueel/feeds/versies.xml"
    )
    feed = feedparser.parse(raw)
    assert feed.bozo == 0
    assert feed.feed.updated == "2018-12-06T00:00:00+00:00"
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Versie 1.0 (vastgestelde versie), 6 december 2018", "https://vwo.example/1.0/wijzigingen/")
    ]
    log = dc.build_decisions(model)
    raw = decisions_feed(log, "https://vwo.example/actueel/besluiten/", "https://vwo.example/actueel/", "")
    feed = feedparser.parse(raw)
    assert feed.bozo == 0
    assert len(feed.entries) == 6
    # The College's meeting (Besloten-op 2020-04-01), not its commit (2020-04-02).
    assert feed.feed.updated == "2020-04-01T00:00:00+00:00"
    assert feed.entries[0].link == "https://vwo.example/actueel/besluiten/VWO-2020-001/"


def no_folders(names: object) -> dict[str, bool]:
    return {}


def test_lint_rules_on_literal_records() -> None:
    commits = [
        record("a", "Zonder trailers", "2020-01-01", touched=("definities",)),
        record("b", "Goed", "2020-01-02", touched=("definities",),
               trailers={"Voorstel": ("VWO-2020-001",), "Soort": ("inhoudelijk",)}),
        record("c", "Dubbel", "2020-01-03", trailers={**decided("VWO-2020-001", "aangenomen", "2020-13-01"),
                                                     "Soort": ("redactioneel", "ingrijpend")}),
        record("d", "Versie 1.1", "2020-01-04", trailers={"Versie": ("1.1",), "Status": ("vastgesteld",)},
               paths=(("A", "versions/1.1/version.yml"),), parents=("c",)),
        record("e", "Versie 1.2 zonder trailers", "2020-01-05", paths=(("A", "versions/1.2/version.yml"),)),
    ]  # fmt: skip
    findings = [(f.commit.sha[0], f.what) for f in lint(commits, no_folders)]
    assert findings == [
        ("a", "changes the agreement text in docs/ but has no 'Voorstel' trailer"),
        ("a", "changes the agreement text in docs/ but has no 'Soort' trailer"),
        ("c", "Besloten-op: '2020-13-01' is not a date YYYY-MM-DD"),
        ("c", "Soort given 2 times (redactioneel, ingrijpend)"),
        ("e", "changes the published folder(s) 1.2 in versions/ (versions/1.2/version.yml); "
              "a published version never changes"),
    ]  # fmt: skip
