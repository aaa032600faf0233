"""End to end: the pages of the standard are built once at the site root, always current,
and a decision commit rebuilds nothing else (issue 17).

A throwaway copy of this project with its published versions, published with
``vwo publish``; then a decision commit, a publish; then an adoption, a publish. Read back
from the branch with ``git``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.browser.site import BROWSER_VERSIONS, make_project, sandboxed_git
from tests.gitrepo import ROOT, GitRepo
from vwo.site.linkcheck import REVIEWED_EXTERNAL, scan_links

pytestmark = pytest.mark.e2e
ATOM = "{http://www.w3.org/2005/Atom}"
BRANCH = "gh-pages"
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
SITE_URL = CONFIG["site_url"]
DECISION_PROPOSAL = "VWO-2026-042"
Published = tuple[GitRepo, dict[str, str], subprocess.CompletedProcess[str]]
"""The repository, its version folders before the last publish, that publish's output."""


def publish(repo: GitRepo) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(repo.path), "publish", "--branch", BRANCH],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def built(result: subprocess.CompletedProcess[str]) -> set[str]:
    """The builds one publish ran, from its output ("<name>: gebouwd uit <source>")."""
    return set(re.findall(r"^(\S+): gebouwd uit ", result.stdout, flags=re.MULTILINE))


def show(repo: GitRepo, path: str) -> str:
    return repo.git("show", f"{BRANCH}:{path}")


def folders(repo: GitRepo) -> dict[str, str]:
    """Every version folder (and alias) on the branch -> its git tree id."""
    names = [n for n in repo.git("ls-tree", "--name-only", BRANCH).splitlines()]
    versions = [n for n in names if re.fullmatch(r"\d+\.\d+|concept|actueel", n)]
    return {name: repo.git("rev-parse", f"{BRANCH}:{name}") for name in versions}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GitRepo, Path]]:
    workdir = tmp_path_factory.mktemp("standard-pages")
    with sandboxed_git(workdir):
        repo = make_project(workdir / "project", versions=BROWSER_VERSIONS)
        first = publish(repo)
        assert built(first) >= {"concept", "standaard", "weergaven"}
        yield repo, workdir


@pytest.fixture(scope="module")
def after_decision(
    site: tuple[GitRepo, Path],
) -> Published:
    repo, _ = site
    before = folders(repo)
    repo.commit(
        "Besluit over het voorstel om de termijn te verduidelijken\n\n"
        "De Beheergroep neemt het voorstel aan: de termijn was op twee manieren te lezen.",
        trailers={
            "Voorstel": DECISION_PROPOSAL,
            "Soort": "redactioneel",
            "Besluit": "aangenomen",
            "Besloten-door": "Beheergroep VWO",
            "Besloten-op": "2026-11-30",
            # Named differently in 1.11 ("Geheimhouding") than in the concept ("... en
            # openbaarheid"): the log names it as the version its navigation shows.
            "Artikel": "geheimhouding",
        },
        allow_empty=True,
    )
    return repo, before, publish(repo)


def test_a_decision_commit_rebuilds_only_the_pages_of_the_standard(after_decision: Published) -> None:
    repo, before, result = after_decision
    assert built(result) == {"standaard"}
    assert "concept: ongewijzigd" in result.stdout and "weergaven: ongewijzigd" in result.stdout
    assert folders(repo) == before  # every version folder byte for byte as it was
    # The register's sorted and filtered views are not rendered again, and are still there.
    views = [line for line in repo.git("ls-tree", "-r", f"{BRANCH}~1", "gebruik/").splitlines()
             if line.split("\t")[1].count("/") >= 2]  # fmt: skip
    assert len(views) > 3
    assert views == [line for line in repo.git("ls-tree", "-r", BRANCH, "gebruik/").splitlines()
                     if line.split("\t")[1].count("/") >= 2]  # fmt: skip


def test_the_decision_is_on_the_log_and_in_the_feed_at_the_root(after_decision: Published) -> None:
    repo, _, _ = after_decision
    log = BeautifulSoup(show(repo, "besluiten/index.html"), "lxml")
    assert DECISION_PROPOSAL in log.get_text()
    feed = ET.fromstring(show(repo, "feeds/besluiten.xml").encode())
    entries = [e.findtext(f"{ATOM}title") or "" for e in feed.iter(f"{ATOM}entry")]
    summaries = [ET.tostring(e, encoding="unicode") for e in feed.iter(f"{ATOM}entry")]
    assert any(DECISION_PROPOSAL in text for text in entries + summaries)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{SITE_URL}feeds/besluiten.xml"  # type: ignore[union-attr]


def test_the_pages_of_the_decisions_work_are_pages_of_the_standard(after_decision: Published) -> None:
    repo, _, _ = after_decision
    proposal = BeautifulSoup(show(repo, f"besluiten/{DECISION_PROPOSAL}/index.html"), "lxml")
    assert DECISION_PROPOSAL in (proposal.h1.get_text() if proposal.h1 else "")
    assert "aangenomen" in BeautifulSoup(show(repo, "besluiten/aangenomen/index.html"), "lxml").get_text()
    # The article the decision names, as 1.11 (the current version) names it, in its text.
    log = BeautifulSoup(show(repo, "besluiten/index.html"), "lxml")
    (part,) = log.select('.vwo-onderdelen a[href$="#geheimhouding"]')
    assert part["href"] == "../actueel/overeenkomst/#geheimhouding"
    assert "Geheimhouding" in part.get_text() and "openbaarheid" not in part.get_text()
    own = proposal.select_one('.vwo-onderdelen a[href$="#geheimhouding"]')
    assert own is not None and own["href"] == "../../actueel/overeenkomst/#geheimhouding"
    subscribe = show(repo, "abonneren/index.html")
    assert f"{SITE_URL}feeds/besluiten.xml" in subscribe and "actueel/feeds" not in subscribe
    assert "Perioden" in BeautifulSoup(show(repo, "geldend-op/index.html"), "lxml").get_text()
    for version in ("1.11", "concept"):
        # No copy of the proposal pages in a version: its folder stays as it was.
        assert repo.git("ls-tree", "--name-only", f"{BRANCH}:{version}/besluiten").splitlines() == [
            "index.html"
        ]
        for path in ("geldend-op", "abonneren"):
            page = BeautifulSoup(show(repo, f"{version}/{path}/index.html"), "lxml")
            refresh = page.select_one('meta[http-equiv="refresh"]')
            assert refresh is not None and refresh["content"] == f"0; url=/vwo/{path}/", (version, path)
    # A comparison links to the log at the root (a redirect would lose the meeting's anchor).
    compare = BeautifulSoup(show(repo, "concept/vergelijken/1.11/index.html"), "lxml")
    links = [str(a["href"]) for a in compare.select('a[href*="besluiten/"]')]
    assert links and all(href.startswith("/vwo/besluiten/") for href in links), links


@pytest.mark.parametrize("version", ["1.11", "actueel", "concept"])
def test_the_old_per_version_decision_log_redirects(after_decision: Published, version: str) -> None:
    repo, _, _ = after_decision
    page = BeautifulSoup(show(repo, f"{version}/besluiten/index.html"), "lxml")
    refresh = page.select_one('meta[http-equiv="refresh"]')
    assert refresh is not None and refresh["content"] == "0; url=/vwo/besluiten/"
    canonical = page.select_one('link[rel="canonical"]')
    assert canonical is not None and canonical["href"] == f"{SITE_URL}besluiten/"
    link = page.select_one("main a")
    assert link is not None and link["href"] == "/vwo/besluiten/"  # visible, no JavaScript needed
    assert not page.select("script")
    assert DECISION_PROPOSAL not in page.get_text()  # no stale copy of the log


def test_the_old_feed_is_a_valid_atom_feed_that_says_where_it_moved(after_decision: Published) -> None:
    repo, _, _ = after_decision
    for name in ("besluiten", "versies"):
        feed = ET.fromstring(show(repo, f"1.11/feeds/{name}.xml").encode())
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert feed.findtext(f"{ATOM}{required}"), required
        (entry,) = list(feed.iter(f"{ATOM}entry"))
        new = f"{SITE_URL}feeds/{name}.xml"
        assert new in (entry.findtext(f"{ATOM}title") or "")
        assert entry.find(f"{ATOM}link").get("href") == new  # type: ignore[union-attr]
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_every_version_links_to_the_pages_of_the_standard_at_the_root(after_decision: Published) -> None:
    repo, _, _ = after_decision
    page = BeautifulSoup(show(repo, "1.0/overeenkomst/index.html"), "lxml")
    nav = {a.get_text(" ", strip=True): a["href"] for a in page.select("nav.md-nav--primary a")}
    assert nav["Besluiten"] == "/vwo/besluiten/"
    assert nav["Versies"] == "/vwo/versies/"
    assert nav["Contact"] == "/vwo/over/contact/"
    root = BeautifulSoup(show(repo, "besluiten/index.html"), "lxml")
    nav = {a.get_text(" ", strip=True): a["href"] for a in root.select("nav.md-nav--primary a")}
    assert nav["Overeenkomst"] == "/vwo/actueel/overeenkomst/"  # the standard links to the current text
    assert not root.select(".vwo-banner")  # no version's banner on a page of the standard


def test_nothing_to_do_makes_no_commit(after_decision: Published) -> None:
    repo, _, _ = after_decision
    tip = repo.git("rev-parse", BRANCH)
    result = publish(repo)
    assert built(result) == set()
    assert repo.git("rev-parse", BRANCH) == tip


@pytest.fixture(scope="module")
def after_adoption(
    after_decision: Published, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Published]:
    repo, _, _ = after_decision
    work = tmp_path_factory.mktemp("adopted")
    copy = GitRepo(work / "project")
    shutil.rmtree(copy.path)
    shutil.copytree(repo.path, copy.path, symlinks=True)
    with sandboxed_git(work):
        text = copy.read("docs/overeenkomst.md").replace("schriftelijke", "uitdrukkelijke schriftelijke", 1)
        copy.commit("Verduidelijking", files={"docs/overeenkomst.md": text},
                    trailers={"Voorstel": "VWO-2026-043", "Soort": "redactioneel"})  # fmt: skip
        adopt = subprocess.run(
            [sys.executable, "-m", "vwo", "-C", str(copy.path), "adopt", "1.12", "--status", "vastgesteld",
             "--date", "2026-12-01", "--vastgesteld-door", "College van Dienstverleningszaken",
             "--samenvatting", "Verduidelijking."],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert adopt.returncode == 0, adopt.stderr
        before = folders(copy)
        yield copy, before, publish(copy)


def test_an_adoption_builds_exactly_what_changes(after_adoption: Published) -> None:
    repo, before, result = after_adoption
    # The new version, the one it supersedes (its banner), the concept (its status and
    # history), the pages of the standard (the version list) and the register's views
    # (a filter per version); nothing else.
    assert built(result) == {"1.12", "1.11", "concept", "standaard", "weergaven"}
    after = folders(repo)
    assert after["1.0"] == before["1.0"]
    assert after["actueel"] == after["1.12"] != before["actueel"]


def test_links_from_every_version_to_the_standard_resolve(after_adoption: Published, tmp_path: Path) -> None:
    repo, _, _ = after_adoption
    tree = tmp_path / "tree"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(repo.path), "archive", BRANCH], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    # As tests/test_links.py: the repository, the licence text and the reviewed links
    # (the official text of each provision the AVG-toets lists among them).
    allowed = [CONFIG["repo_url"], CONFIG["extra"]["vwo"]["colofon"]["licentie_url"], *REVIEWED_EXTERNAL]
    report = scan_links(tree, allowed=allowed, site_url=SITE_URL)
    assert report.problems == []
    versies = BeautifulSoup((tree / "versies/index.html").read_text(encoding="utf-8"), "lxml")
    assert "Versie 1.12" in versies.get_text()
