"""End to end: three versions (1.0 consultatie, 1.1 vastgesteld, concept) published with mike
into a branch of a throwaway repository, then read back with ``git ls-tree`` / ``git show``."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.gitrepo import GitRepo
from tests.soup import tag
from tests.versions_support import isolated_git, make_site, text_files, vwo, vwo_process

pytestmark = pytest.mark.e2e
COLLEGE = "College van Dienstverleningszaken"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitRepo]:
    """Published once per module; tests that change it work on a copy (``fresh``)."""
    home = tmp_path_factory.mktemp("e2e-git")
    with isolated_git(home) as env:
        repo = GitRepo(home / "site")
        make_site(repo)
        env.setenv("GIT_COMMITTER_DATE", "2018-09-01T12:00:00+02:00")
        env.setenv("GIT_AUTHOR_DATE", "2018-09-01T12:00:00+02:00")
        adopt = [
            "adopt",
            "1.0",
            "--status",
            "consultatie",
            "--date",
            "2018-09-01",
            "--samenvatting",
            "Ontwerp.",
        ]
        assert vwo(repo.path, *adopt).returncode == 0
        env.delenv("GIT_COMMITTER_DATE")
        env.delenv("GIT_AUTHOR_DATE")
        repo.commit("Lid 2.1", files=text_files("voorafgaande schriftelijke"),
                    trailers={"Voorstel": "VWO-2018-001", "Soort": "inhoudelijk"})  # fmt: skip
        env.setenv("GIT_COMMITTER_DATE", "2018-12-06T12:00:00+01:00")
        env.setenv("GIT_AUTHOR_DATE", "2018-12-06T12:00:00+01:00")
        result = vwo(repo.path, "adopt", "1.1", "--status", "vastgesteld", "--date", "2018-12-06",
                     "--vastgesteld-door", COLLEGE, "--pas-toe-of-leg-uit-vanaf", "2019-01-01",
                     "--verplicht-vanaf", "2020-01-01",
                     "--samenvatting", "Vastgesteld & verbeterd.")  # fmt: skip
        assert result.returncode == 0, result.stderr
        env.delenv("GIT_COMMITTER_DATE")
        env.delenv("GIT_AUTHOR_DATE")
        repo.commit("Werktekst", files=text_files("uitdrukkelijke schriftelijke"),
                    trailers={"Voorstel": "VWO-2019-002", "Soort": "redactioneel"})  # fmt: skip
        result = vwo_process(repo.path, "publish")
        assert result.returncode == 0, result.stderr
        yield repo


@pytest.fixture
def fresh(published: GitRepo, tmp_path: Path) -> GitRepo:
    """A copy of the published repository to change."""
    shutil.copytree(published.path, tmp_path / "copy", symlinks=True)
    return GitRepo(tmp_path / "copy")


def show(repo: GitRepo, path: str, branch: str = "gh-pages") -> str:
    return repo.git("show", f"{branch}:{path}")


def page(repo: GitRepo, path: str) -> BeautifulSoup:
    return BeautifulSoup(show(repo, path), "lxml")


def test_versions_json_has_titles_aliases_and_hashes(published: GitRepo) -> None:
    entries = json.loads(show(published, "versions.json"))
    assert [(e["version"], e["title"], e["aliases"]) for e in entries] == [
        ("concept", "concept — werkversie, niet vastgesteld", []),
        ("1.1", "1.1 — vastgesteld 6-12-2018", ["actueel"]),
        ("1.0", "1.0 — consultatie 1-9-2018 (verouderd)", []),
    ]
    assert all(re.fullmatch(r"[0-9a-f]{64}", e["properties"]["vwo"]["hash"]) for e in entries)


def test_root_redirects_to_actueel_and_has_a_404(published: GitRepo) -> None:
    index = page(published, "index.html")
    assert tag(index.find("meta", attrs={"http-equiv": "refresh"}))["content"] == "0; url=actueel/"
    assert tag(index.html)["lang"] == "nl"
    missing = page(published, "404.html")
    assert tag(missing.h1).get_text() == "Pagina niet gevonden"
    hrefs = [a["href"] for a in missing.find_all("a")]
    assert (
        hrefs
        == [  # site_url path /vwo/; the pages of the standard, which moved out of every version's folder
            "/vwo/actueel/",
            "/vwo/versies/",
            "/vwo/concept/",
            "/vwo/besluiten/",
            "/vwo/gebruik/",
            "/vwo/abonneren/",
        ]
    )
    assert "/vwo/besluiten/VWO-jjjj-nnn/" in missing.get_text()
    for href in hrefs:  # each exists on the branch
        assert (
            published.git("cat-file", "-t", f"gh-pages:{str(href).removeprefix('/vwo/')}index.html") == "blob"
        )


def test_aliases_are_copies_not_symlinks(published: GitRepo) -> None:
    entries = published.git("ls-tree", "-r", "gh-pages").splitlines()
    assert entries and not [e for e in entries if e.startswith("120000")]
    top = {line.split("\t")[1]: line.split()[2] for line in published.git("ls-tree", "gh-pages").splitlines()}
    assert top["actueel"] == top["1.1"]  # an identical tree: a full copy
    assert {".nojekyll", "index.html", "404.html", "versions.json", "versies.json"} <= set(top)


def test_each_version_shows_its_own_text(published: GitRepo) -> None:
    def clause(version: str) -> str:
        return tag(
            page(published, f"{version}/overeenkomst/index.html").select_one("#subverwerkers-1")
        ).get_text()

    assert "zonder schriftelijke toestemming" in clause("1.0")
    assert "zonder voorafgaande schriftelijke toestemming" in clause("1.1")
    assert "zonder voorafgaande schriftelijke toestemming" in clause("actueel")
    assert "zonder uitdrukkelijke schriftelijke toestemming" in clause("concept")


def banner(repo: GitRepo, path: str) -> Tag | None:
    return page(repo, path).select_one(".vwo-banner")


def test_banners_on_the_right_pages(published: GitRepo) -> None:
    for path in ("index.html", "overeenkomst/index.html", "bijlagen/bijlage-1-specificatie/index.html"):
        old = banner(published, f"1.0/{path}")
        assert old is not None and "vwo-banner--verouderd" in old["class"], path
        text = " ".join(old.get_text().split())
        assert "vervangen door versie 1.1 op 6 december 2018" in text
        target = tag(old.find("a"))["href"]
        same = path.removesuffix("index.html")
        assert target == "../" * (same.count("/") + 1) + "actueel/" + same
        assert banner(published, f"1.1/{path}") is None and banner(published, f"actueel/{path}") is None
        concept = banner(published, f"concept/{path}")
        assert concept is not None and "Concept: werkversie, niet vastgesteld" in concept.get_text()


def test_status_box_on_the_agreement_page(published: GitRepo) -> None:
    box = page(published, "1.1/overeenkomst/index.html").select_one("aside.vwo-statusbox")
    assert box is not None
    facts = {dt.get_text(): tag(dt.find_next_sibling("dd")).get_text() for dt in box.find_all("dt")}
    assert facts == {
        "Vastgesteld op": "6 december 2018",
        "Vastgesteld door": COLLEGE,
        "Pas toe of leg uit vanaf": "1 januari 2019",
        "Verplicht vanaf": "1 januari 2020",
        "Vervangt": "versie 1.0",
        # 1.1 applies from its pas-toe-of-leg-uit date and no later version replaced it.
        "Geldig": "vanaf 1 januari 2019",
    }
    old = page(published, "1.0/overeenkomst/index.html").select_one("aside.vwo-statusbox")
    assert old is not None and "Verouderde versie" in old.get_text()


def test_versies_page_at_the_root_and_json_in_every_build(published: GitRepo) -> None:
    versies = page(published, "versies/index.html")  # a page of the standard, built once
    headings = [h.get_text().rstrip("#") for h in versies.select("article h2")]
    assert headings == ["Werkversie", "Versie 1.1 — Vastgestelde versie", "Versie 1.0 — Verouderde versie"]
    links = {a.get_text(" ", strip=True): a["href"] for a in versies.select(".vwo-versielinks a")}
    assert links["Tekst van versie 1.0"] == "../1.0/overeenkomst/"
    assert links["Toelichting van versie 1.1"] == "../1.1/toelichting/"
    assert links["Downloads van versie 1.0"] == "../1.0/downloads/"  # the downloads hook's page
    # Added by hooks listed after hooks/versions.py; missing before the page was filled late.
    assert links["Wijzigingen van versie 1.0"] == "../1.0/wijzigingen/"
    assert links["Vergelijken met 1.0 van versie 1.1"] == "../1.1/vergelijken/1.0/"
    assert not [label for label in links if label.endswith("van versie 1.0") and "Vergelijken" in label]
    for version in ("concept", "1.0", "1.1"):  # the old address in each version redirects
        old = page(published, f"{version}/versies/index.html")
        refresh = old.select_one('meta[http-equiv="refresh"]')
        assert refresh is not None and refresh["content"] == "0; url=/vwo/versies/", version
    assert "Vastgesteld &amp; verbeterd." in str(versies)
    assert "Versies" in tag(versies.select_one("nav")).get_text()
    data = json.loads(show(published, "1.1/versies.json"))
    assert data["deze_versie"] == "1.1" and data["actueel"] == "1.1"
    assert [v["versie"] for v in data["versies"]] == ["1.1", "1.0"]
    assert data["versies"][1]["vervangen_door"] == "1.1"
    root = json.loads(show(published, "versies.json"))
    assert root["deze_versie"] == "concept" and root["actueel"] == "1.1"


def test_builds_are_dated_by_their_publication_commit(published: GitRepo) -> None:
    assert "<lastmod>2018-09-01</lastmod>" in show(published, "1.0/sitemap.xml")
    assert "<lastmod>2018-12-06</lastmod>" in show(published, "1.1/sitemap.xml")


def test_rerun_makes_no_commit_and_a_text_change_rebuilds_concept_and_the_standard(fresh: GitRepo) -> None:
    before = fresh.git("rev-parse", "gh-pages")
    again = vwo_process(fresh.path, "publish")
    assert again.returncode == 0, again.stderr
    assert "niets te doen, geen commit" in again.stdout
    assert fresh.git("rev-parse", "gh-pages") == before
    fresh.commit("Werktekst", files=text_files("ondubbelzinnige schriftelijke"),
                 trailers={"Voorstel": "VWO-2019-003", "Soort": "redactioneel"})  # fmt: skip
    tree = {v: fresh.git("rev-parse", f"gh-pages:{v}") for v in ("1.0", "1.1", "actueel")}
    result = vwo_process(fresh.path, "publish")
    assert result.returncode == 0, result.stderr
    subjects = fresh.git("log", "--format=%s", "--reverse", f"{before}..gh-pages").splitlines()
    # The decision log shows the text commit's proposal: the pages of the standard change too.
    assert [s.split(" (bron")[0] for s in subjects] == [
        "Publiceer concept uit docs",
        "Publiceer de pagina's van de standaard en de hoofdmap",
    ]
    assert {v: fresh.git("rev-parse", f"gh-pages:{v}") for v in tree} == tree
    assert "ondubbelzinnige" in show(fresh, "concept/overeenkomst/index.html")


def test_a_failed_build_leaves_the_branch_as_it_was(fresh: GitRepo) -> None:
    before = fresh.git("rev-parse", "gh-pages")
    broken = text_files("heldere")["docs/overeenkomst.md"].replace(" {#subverwerkers}", "")
    fresh.commit("Kapotte kop", files={"docs/overeenkomst.md": broken})
    result = vwo_process(fresh.path, "publish")
    assert result.returncode == 2
    assert "build failed for docs (concept):" in result.stderr
    assert "docs/overeenkomst.md:9" in result.stderr  # the hook's parse error, named as in the repository
    assert "nothing was published; the branch is unchanged" in result.stderr
    assert fresh.git("rev-parse", "gh-pages") == before


def test_a_broken_site_page_fails_every_build(fresh: GitRepo) -> None:
    before = fresh.git("rev-parse", "gh-pages")
    fresh.commit("Kapotte link", files={"docs/index.md": "# Home\n\n[Weg](bestaat-niet.md)\n"})
    result = vwo_process(fresh.path, "publish")
    assert result.returncode == 2
    for name in ("versions/1.0 (1.0)", "versions/1.1 (1.1)", "docs (concept)"):
        assert f"{name}:\n  WARNING -  Doc file 'index.md' contains a link 'bestaat-niet.md'" in result.stderr
    assert fresh.git("rev-parse", "gh-pages") == before


def test_a_failed_push_leaves_the_branch_published_and_says_how_to_push(
    fresh: GitRepo, tmp_path: Path
) -> None:
    fresh.commit("Werktekst", files=text_files("heldere schriftelijke"))
    before = fresh.git("rev-parse", "gh-pages")
    result = vwo_process(fresh.path, "publish", "--push")  # there is no remote 'origin'
    assert result.returncode == 2
    after = fresh.git("rev-parse", "gh-pages")
    assert after != before and fresh.git("merge-base", "--is-ancestor", before, after) == ""
    assert f"the branch is published here ({after[:12]}) but not pushed" in result.stderr
    assert "hint: push it with 'git push origin gh-pages', or run 'vwo publish --push' again" in result.stderr
    # Once there is a remote, the same command pushes what was published, building nothing.
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "remote.git")], check=True)
    fresh.git("remote", "add", "origin", str(tmp_path / "remote.git"))
    again = vwo_process(fresh.path, "publish", "--push")
    assert again.returncode == 0, again.stderr
    assert "niets te doen, geen commit" in again.stdout
    remote = subprocess.run(
        ["git", "-C", str(tmp_path / "remote.git"), "rev-parse", "gh-pages"], capture_output=True, text=True
    )
    assert remote.stdout.strip() == after


def test_publish_to_a_new_branch_needs_a_committer_identity(
    fresh: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "anonymous"
    config.write_text("[user]\n\tuseConfigOnly = true\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    for name in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    result = vwo(fresh.path, "publish", "--branch", "nieuw")
    assert result.returncode == 2
    assert "error: git: no committer identity" in result.stderr and "user.email" in result.stderr
    assert fresh.git("branch", "--list", "nieuw") == ""


def wait_for_line(process: subprocess.Popen[str], marker: str, timeout: float) -> list[str]:
    """The process's output lines up to the first one containing ``marker``; fails if it
    exits first or ``timeout`` seconds pass (a reader thread: a pipe read cannot time out)."""
    assert process.stdout is not None
    stdout = process.stdout
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"no {marker!r} within {timeout:.0f} s:\n" + "".join(seen))
        if line is None:
            pytest.fail(f"exited with {process.wait()} before {marker!r}:\n" + "".join(seen))
        seen.append(line)
        if marker in line:
            return seen


def fetch(url: str) -> tuple[int, str, str]:
    """(status, Location header, body) without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()


def test_serve_publishes_and_serves_the_branch_on_localhost(fresh: GitRepo) -> None:
    """Port 0: the system picks a free port and vwo serve reports it (no race for a port)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "vwo", "-C", str(fresh.path), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        lines = wait_for_line(process, "De site staat op", timeout=600)
        address = re.search(r"http://127\.0\.0\.1:(\d+)/vwo/ ", lines[-1])
        assert address is not None and address[1] != "0", "".join(lines)
        base = f"http://127.0.0.1:{address[1]}"
        assert fetch(f"{base}/")[:2] == (302, "/vwo/")
        status, _, body = fetch(f"{base}/vwo/")
        assert status == 200 and 'url=actueel/"' in body
        status, _, body = fetch(f"{base}/vwo/actueel/overeenkomst/")
        assert status == 200 and "vwo-statusbox" in body and "vwo-banner" not in body
        status, _, body = fetch(f"{base}/vwo/1.0/overeenkomst/")
        assert status == 200 and "vwo-banner--verouderd" in body
        assert json.loads(fetch(f"{base}/vwo/versions.json")[2])[1]["aliases"] == ["actueel"]
        for name, kind in [
            ("VWO-1.1.pdf", "application/pdf"),
            ("VWO-1.1.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("VWO-1.1.odt", "application/vnd.oasis.opendocument.text"),
        ]:
            with urllib.request.urlopen(f"{base}/vwo/actueel/downloads/{name}", timeout=10) as response:
                assert (response.status, response.headers["Content-Type"]) == (200, kind), name
                assert len(response.read()) > 5000, name
        status, _, body = fetch(f"{base}/vwo/bestaat/niet/")
        assert status == 404 and "Pagina niet gevonden" in body
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_publishing_the_same_commit_again_gives_identical_output(fresh: GitRepo) -> None:
    result = vwo_process(fresh.path, "publish", "--branch", "opnieuw")
    assert result.returncode == 0, result.stderr
    ours = dict(
        line.split("\t")[::-1] for line in fresh.git("ls-tree", "-r", "gh-pages").splitlines()
    )  # {path: "mode blob sha"}
    again = dict(line.split("\t")[::-1] for line in fresh.git("ls-tree", "-r", "opnieuw").splitlines())
    differing = sorted(path for path in ours.keys() | again.keys() if ours.get(path) != again.get(path))
    assert differing == [], f"not reproducible: {differing[:10]}"
    # Same source commit, same dates: mike's commits are byte-identical too.
    assert fresh.git("rev-parse", "gh-pages") == fresh.git("rev-parse", "opnieuw")


def test_a_fresh_clone_publishes_on_top_of_what_is_online(fresh: GitRepo, tmp_path: Path) -> None:
    subprocess.run(["git", "clone", "-q", str(fresh.path), str(tmp_path / "clone")], check=True)
    clone = GitRepo(tmp_path / "clone")
    assert clone.git("branch", "--list", "gh-pages") == ""  # only origin/gh-pages
    result = vwo_process(clone.path, "publish")
    assert result.returncode == 0, result.stderr
    assert (
        "bijgewerkt naar origin/gh-pages" in result.stdout and "niets te doen, geen commit" in result.stdout
    )
    assert clone.git("rev-parse", "gh-pages") == fresh.git("rev-parse", "gh-pages")
    # A local branch that diverged from origin is not overwritten.
    base = clone.git("rev-parse", "gh-pages~1")
    ours = clone.git("commit-tree", f"{base}^{{tree}}", "-p", base, "-m", "Hier gepubliceerd")
    theirs = clone.git("commit-tree", f"{base}^{{tree}}", "-p", base, "-m", "Elders gepubliceerd")
    clone.git("update-ref", "refs/heads/gh-pages", ours)
    clone.git("update-ref", "refs/remotes/origin/gh-pages", theirs)
    diverged = vwo_process(clone.path, "publish")
    assert (
        diverged.returncode == 2
        and "error: branch gh-pages: has diverged from origin/gh-pages" in diverged.stderr
    )


def test_serve_on_a_port_in_use_says_so(fresh: GitRepo) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = vwo_process(fresh.path, "serve", "--port", str(port))
    assert result.returncode == 2
    assert f"error: 127.0.0.1:{port}: cannot serve here: Address already in use" in result.stderr
    assert "hint: choose another port, e.g. make serve PORT=8001" in result.stderr
