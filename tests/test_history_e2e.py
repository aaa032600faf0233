"""End to end: a real ``mkdocs build --strict`` of a throwaway repository with a
realistic history (tests/history_repo.py) plus commits whose subjects and proposers are
hostile payloads; then the shallow-clone and no-git cases."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import GitRepo, mkdocs_build, sandbox_git
from tests.history_repo import (
    BEV_V2,
    DEF_V2,
    LEK,
    REJECTION_REASON,
    SUB_V2,
    agreement,
    build_history,
    text_files,
)
from tests.history_site import PAYLOADS, add_payload_commits, without_git, write_site_config
from tests.soup import attr, tag

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GitRepo, Path, dict[str, str]]]:
    base = tmp_path_factory.mktemp("history-site")
    with pytest.MonkeyPatch.context() as mp:
        sandbox_git(mp, base)
        repo = GitRepo(base / "project")
        write_site_config(repo)
        sha = build_history(repo)
        add_payload_commits(repo, agreement(DEF_V2, SUB_V2, BEV_V2, LEK))
        mkdocs_build(repo.path, base / "site")
        yield repo, base / "site", sha


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "lxml")


def heading(tag: object) -> str:
    """A heading's text without the permalink anchor MkDocs appends."""
    assert hasattr(tag, "get_text")
    return str(tag.get_text(strip=True)).removesuffix("#")


def assert_inert(html: BeautifulSoup) -> None:
    """No payload became markup: no injected script, handler, javascript: link or image."""
    for element in html.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.startswith("on"), element
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert "javascript:" not in text.lower(), element
            assert "evil.example" not in text, element
    for script in html.find_all("script"):
        assert "alert" not in script.get_text(), script
    assert not [img for img in html.find_all("img") if img.get("src") in ("x", "http://evil.example/x.png")]


def test_changelog_page_groups_by_article_with_links(built: tuple[GitRepo, Path, dict[str, str]]) -> None:
    _, site, sha = built
    page = soup(site, "wijzigingen")
    assert "vwo-fragment" not in str(page)  # every HTML block kept out of the Markdown is back
    assert heading(page.h1) == "Wijzigingen die nog niet zijn gepubliceerd"
    sections = [heading(h) for h in page.select("article.md-content__inner h2")]
    assert sections == ["Artikel 4. Datalekken"]
    link = page.select_one("h2#datalekken a")
    assert link is not None and link["href"] == "../overeenkomst/#datalekken"
    titles = [h.get_text() for h in page.select("h3.vwo-wijziging__titel")]
    assert titles[0] == "Nieuw artikel over datalekken"
    assert titles[1:] == list(PAYLOADS)
    first = page.select_one("article.vwo-wijziging")
    assert first is not None
    facts = {
        dt.get_text(): tag(dt.find_next_sibling("dd")).get_text(" ", strip=True) for dt in first.select("dt")
    }
    assert facts["Voorstel"] == "VWO-2020-001"
    assert facts["Ingediend door"] == "Gemeente 's-Hertogenbosch"
    assert facts["Soort"] == "ingrijpend"
    assert facts["Besluit"] == "aangenomen door Beheergroep VWO, 20 februari 2020"
    hrefs = [a["href"] for a in first.select("a")]
    assert hrefs == [
        "../besluiten/VWO-2020-001/",
        "../besluiten/#vergadering-beheergroep-vwo-2020-02-20",
        f"https://github.com/vwo-gemeenten/vwo/commit/{sha['ingrijpend']}",
    ]
    # The commit is a small technical source, without its date (30 november 2026 would
    # read as the date of a change decided in 2020).
    assert tag(first.select_one("p.vwo-technisch")).get_text(" ", strip=True) == (
        f"technische bron (commit {sha['ingrijpend'][:7]})"
    )


def test_changelog_of_published_version(
    built: tuple[GitRepo, Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _, sha = built
    monkeypatch.setenv("MIKE_DOCS_VERSION", "1.1")
    mkdocs_build(repo.path, tmp_path / "site")  # --strict, without -q: warnings count
    page = soup(tmp_path / "site", "wijzigingen")
    assert heading(page.h1) == "Wijzigingen in versie 1.1"
    sections = [h["id"] for h in page.select("article.md-content__inner h2")]
    assert sections == ["definities", "subverwerkers", "beveiliging"]
    # The merged pull request #12 and the squash #13; the change and its revert cancel out.
    assert "Artikel 3: tikfout" not in page.get_text()
    editorial = page.select("h2#definities + div details.vwo-redactioneel h3")
    assert [h.get_text() for h in editorial] == ["Definities en beveiliging verduidelijkt (#13)"]
    pr12 = page.select_one("h2#subverwerkers + div article")
    assert pr12 is not None
    assert "Gemeente Súdwest-Fryslân, Vereniging van ICT-leveranciers" in pr12.get_text()
    assert "https://github.com/vwo-gemeenten/vwo/pull/12" in [a["href"] for a in pr12.select("a")]
    data = json.loads((tmp_path / "site" / "wijzigingen.json").read_text(encoding="utf-8"))
    assert (data["versie"], data["vorige_versie"], data["aantal_wijzigingen"]) == ("1.1", "1.0", 2)
    assert data["onderdelen"][1]["wijzigingen"][0]["commit"] == sha["pr12-commit"]


def test_decision_page_lists_every_decision_by_meeting(built: tuple[GitRepo, Path, dict[str, str]]) -> None:
    _, site, _ = built
    page = soup(site, "besluiten")
    assert "vwo-fragment" not in str(page)
    meetings = [heading(h) for h in page.select("article.md-content__inner h2")]
    assert meetings == [
        "Beheergroep VWO, 14 januari 2021",
        "Beheergroep VWO, 20 februari 2020",
        "Beheergroep VWO, 2 mei 2019",
        "Beheergroep VWO, 14 maart 2019",
    ]
    may = page.select("h2#vergadering-beheergroep-vwo-2019-05-02 + div article")
    assert [a["class"][1] for a in may] == ["vwo-besluit--verworpen", "vwo-besluit--aangehouden"]
    datalek = page.select_one("h2#vergadering-beheergroep-vwo-2020-02-20 + div article")
    assert datalek is not None
    text = datalek.get_text(" ", strip=True)
    assert "Besluit College College van Dienstverleningszaken: nog geen besluit" in text
    assert "In versie nog niet gepubliceerd" in text
    march = page.select("h2#vergadering-beheergroep-vwo-2019-03-14 + div article dd")
    assert "1.1" in [dd.get_text() for dd in march]
    downloads = {a.get_text(): a["href"] for a in page.select("p.vwo-gegevens a")}
    assert downloads["besluiten (CSV, voor een spreadsheet)"] == "../besluiten.csv"
    assert (site / "besluiten.csv").is_file()


def test_proposal_and_filter_pages_are_built(built: tuple[GitRepo, Path, dict[str, str]]) -> None:
    _, site, _ = built
    log = soup(site, "besluiten")
    rejected = log.select_one("article#vwo-2019-003-beheergroep-vwo-2019-05-02")
    assert rejected is not None
    assert tag(rejected.select_one("dd.vwo-reden")).get_text(strip=True) == REJECTION_REASON
    more = rejected.select_one("p.vwo-technisch a")
    assert more is not None and more["href"] == "VWO-2019-003/"
    page = soup(site, "besluiten/VWO-2019-003")
    assert "vwo-fragment" not in str(page)
    assert heading(page.h1) == "VWO-2019-003: Besluit: bewaartermijn logbestanden"
    assert [p.get_text() for p in page.select("li.vwo-verloop__besluit .vwo-reden p")][1:] == [
        REJECTION_REASON
    ]
    assert attr(tag(page.select_one("li.vwo-verloop__besluit time")), "datetime") == "2019-05-02"
    filtered = soup(site, "besluiten/verworpen")
    assert heading(filtered.h1) == "Besluiten over wijzigingsvoorstellen: verworpen"
    assert [h.get_text() for h in filtered.select("h3.vwo-besluit__titel")] == [
        "VWO-2019-003: Besluit: bewaartermijn logbestanden"
    ]
    nav_links = [a.get_text(" ", strip=True) for a in soup(site, "besluiten").select(".md-nav a")]
    assert not any("VWO-2019-003" in text for text in nav_links)  # reached from the log only
    subscribe = soup(site, "abonneren")
    feeds = [a["href"] for a in subscribe.select("ul.vwo-feeds a")]
    assert feeds == ["../feeds/versies.xml", "../feeds/besluiten.xml"]
    assert (site / "feeds" / "atom.xsl").is_file()


def test_feeds_are_linked_valid_and_deterministic(built: tuple[GitRepo, Path, dict[str, str]]) -> None:
    repo, site, _ = built
    head = tag(soup(site, "besluiten").head)
    feeds = [link["href"] for link in head.select('link[rel~=alternate][type="application/atom+xml"]')]
    assert feeds == ["../feeds/versies.xml", "../feeds/besluiten.xml"]
    versions = feedparser.parse((site / "feeds/versies.xml").read_bytes())
    assert versions.bozo == 0
    assert [e.title for e in versions.entries] == [
        "Versie 1.1 (vastgestelde versie), 1 juni 2019",
        "Versie 1.0 (vastgestelde versie), 6 december 2018",
    ]
    decisions = feedparser.parse((site / "feeds/besluiten.xml").read_bytes())
    assert decisions.bozo == 0
    assert len(decisions.entries) == 5 + len(PAYLOADS)
    again = repo.path.parent / "site-again"
    mkdocs_build(repo.path, again)
    for name in ("feeds/versies.xml", "feeds/besluiten.xml", "besluiten.json", "besluiten.csv"):
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


def test_payloads_are_inert_in_the_built_pages(built: tuple[GitRepo, Path, dict[str, str]]) -> None:
    _, site, _ = built
    for name in ("wijzigingen", "besluiten"):
        page = soup(site, name)
        assert_inert(page)
        text = page.get_text()
        for payload in PAYLOADS:
            assert payload in text, (name, payload)


def test_payloads_are_inert_in_exports_and_feeds(built: tuple[GitRepo, Path, dict[str, str]]) -> None:
    _, site, _ = built
    data = json.loads((site / "besluiten.json").read_text(encoding="utf-8"))
    titles = {d["titel"] for m in data["vergaderingen"] for d in m["besluiten"]}
    assert set(PAYLOADS) <= titles
    changes = json.loads((site / "wijzigingen.json").read_text(encoding="utf-8"))
    changed = [(c["titel"], c["indieners"]) for g in changes["onderdelen"] for c in g["wijzigingen"]]
    assert [t for t, _ in changed[1:]] == list(PAYLOADS)
    assert [p for _, (p,) in changed[1:]] == list(PAYLOADS)
    rows = list(csv.reader(io.StringIO((site / "besluiten.csv").read_text(encoding="utf-8"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert {r[3] for r in rows} >= {"'" + p if p[0] in "=+-@" else p for p in PAYLOADS}
    feed = feedparser.parse((site / "feeds/besluiten.xml").read_bytes())
    assert feed.bozo == 0
    feed_titles = {e.title for e in feed.entries}
    for payload in PAYLOADS:
        assert any(t.endswith(payload) for t in feed_titles), payload


def test_shallow_clone_stops_the_build_with_a_hint(
    built: tuple[GitRepo, Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, _, _ = built
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)],
        check=True,
        capture_output=True,
    )
    (clone / "src").mkdir()  # mkdocs.yml watches it; git keeps no empty folders
    with pytest.raises(AssertionError) as failed:
        mkdocs_build(clone, tmp_path / "site")
    assert "shallow clone" in str(failed.value)
    assert "git fetch --unshallow" in str(failed.value)


def test_folder_without_git_builds_with_a_notice(
    built: tuple[GitRepo, Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, _, _ = built
    copy = without_git(repo.path, tmp_path / "archief")
    result = mkdocs_build(copy, tmp_path / "site", "-v")
    assert "geen git-geschiedenis" in result.stderr and "not a git repository" in result.stderr
    for name in ("wijzigingen", "besluiten"):
        note = soup(tmp_path / "site", name).select_one("p.vwo-melding")
        assert note is not None and "zonder git-geschiedenis" in note.get_text()
    data = json.loads((tmp_path / "site" / "besluiten.json").read_text(encoding="utf-8"))
    assert data["geschiedenis_beschikbaar"] is False


def test_a_machine_without_the_git_program_builds_with_a_notice(
    built: tuple[GitRepo, Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, _, _ = built
    env = {**os.environ, "PATH": str(tmp_path / "leeg"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GIT_PYTHON_REFRESH", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(repo.path / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "the git program is not installed" in result.stderr
    note = soup(tmp_path / "site", "besluiten").select_one("p.vwo-melding")
    assert note is not None


def test_a_bad_trailer_value_is_reported_but_never_fails_the_build(tmp_path: Path) -> None:
    """A typo on main cannot be rewritten: the strict build passes and names the commit
    at INFO level; ``vwo lint-commits`` keeps it an error (issue 16)."""
    repo = GitRepo(tmp_path / "project")
    write_site_config(repo)
    base = repo.commit("Tekst", files=text_files(DEF_V2, SUB_V2, BEV_V2))
    bad = repo.commit(
        "Besluit met tikfout",
        allow_empty=True,
        trailers=[("Voorstel", "VWO-2019-001"), ("Besluit", "goed"), ("Besloten-door", "Beheergroep VWO"),
                  ("Besloten-op", "2019-03-14")],
    )  # fmt: skip
    result = mkdocs_build(repo.path, tmp_path / "site")
    log = result.stdout + result.stderr
    note = f"trailer: commit {bad[:7]} 'Besluit met tikfout': Besluit: 'goed' is not one of"
    assert note in log and "WARNING" not in log
    assert any(line.startswith("INFO") and note in line for line in log.splitlines())
    lint = subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(repo.path), "lint-commits", f"{base}..HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 1 and "Besluit: 'goed' is not one of" in lint.stderr
