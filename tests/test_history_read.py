"""The history layer on top of the git adapter: its imports, and hostile commit text
read from a real repository all the way to the feeds, CSV, JSON and the terminal."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from tests.gitrepo import ROOT, GitRepo
from tests.history_repo import BEV_V2, DEF_V2, LEK, SUB_V2, build_history, text_files
from tests.versions_support import vwo
from vwo.git.run import GitError
from vwo.history.read import read_history, read_range
from vwo.history.site import FEED_DECISIONS, build_site_history

UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\x00", "\x1f")
HOSTILE_SUBJECT = "Besluit \x1b]0;titel\x07\x1b[2J\x1b[31m rood \u202eesrever\u202c"
HOSTILE_PROPOSER = "Gemeente \x1b[5m\x9b31m \u2066X\u2069"

BLOCK_GIT = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "git" or name.startswith("git."):
            raise ImportError("GitPython is blocked in this test")
sys.meta_path.insert(0, Blocker())
"""


def test_the_history_core_imports_without_gitpython() -> None:
    modules = [
        "vwo.history.records", "vwo.history.changelog", "vwo.history.decisions", "vwo.history.feeds",
        "vwo.history.lint", "vwo.history.model", "vwo.history.touched", "vwo.history.read",
        "vwo.history.site", "vwo.git.log", "vwo.git.refs", "vwo.versions.publish", "vwo.compare.sources",
    ]  # fmt: skip
    script = BLOCK_GIT + "".join(f"import {m}\n" for m in modules)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    # The blocker works: GitPython itself cannot be imported under it.
    control = subprocess.run(
        [sys.executable, "-c", BLOCK_GIT + "import git\n"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert control.returncode == 1 and "GitPython is blocked in this test" in control.stderr


def hostile_repo(repo: GitRepo) -> str:
    build_history(repo)
    return repo.commit(
        HOSTILE_SUBJECT,
        files=text_files(DEF_V2, SUB_V2, BEV_V2.replace("aantoonbaar", "zorgvuldig"), LEK),
        trailers=[
            ("Voorstel", "VWO-2021-001"),
            ("Soort", "inhoudelijk"),
            ("Indiener", HOSTILE_PROPOSER),
            ("Besluit", "aangenomen"),
            ("Besloten-door", "Beheergroep VWO"),
            ("Besloten-op", "2021-01-14"),
        ],
    )


def test_hostile_text_is_replaced_in_the_record(repo: GitRepo) -> None:
    sha = hostile_repo(repo)
    record = read_history(repo.path).commits[0]
    assert record.sha == sha
    assert record.subject == "Besluit \ufffd]0;titel\ufffd\ufffd[2J\ufffd[31m rood \ufffdesrever\ufffd"
    assert record.values("Indiener") == ("Gemeente \ufffd[5m\ufffd31m \ufffdX\ufffd",)
    assert record.touched == frozenset({"beveiliging"})


def test_hostile_text_leaves_the_feeds_csv_and_json_inert(repo: GitRepo, tmp_path: Path) -> None:
    """One ESC in a subject used to stop every build in the feed generator (lxml)."""
    hostile_repo(repo)
    site = build_site_history(
        repo.path, repo.path / "docs", "concept", (), site_url="https://example.org/vwo/actueel/", repo_url=""
    )
    for name, data in site.files.items():
        text = data.decode("utf-8")
        assert not any(char in text for char in UNSAFE), name
    feed = feedparser.parse(site.files[FEED_DECISIONS])
    assert feed.bozo == 0
    assert any("\ufffd]0;titel" in entry.title for entry in feed.entries)
    rows = list(csv.reader(io.StringIO(site.files["besluiten.csv"].decode("utf-8"))))
    assert any("Gemeente \ufffd[5m\ufffd31m \ufffdX\ufffd" in cell for row in rows for cell in row)
    decisions = json.loads(site.files["besluiten.json"])
    assert "\ufffd]0;titel" in json.dumps(decisions, ensure_ascii=False)


def test_the_csv_on_the_command_line_is_inert(repo: GitRepo) -> None:
    hostile_repo(repo)
    result = vwo(repo.path, "decisions", "--format", "csv")
    assert result.returncode == 0 and "Gemeente \ufffd[5m" in result.stdout
    assert not any(char in result.stdout for char in UNSAFE)


def test_lint_commits_never_echoes_an_escape_sequence(repo: GitRepo) -> None:
    base = repo.commit("Basis", files={"a.txt": "1\n"})
    repo.commit(
        "Tekst \x1b]0;titel\x07\x1b[2J\x1bc gewist",
        files=text_files(DEF_V2),
        trailers=[("Voorstel", "VWO-2021-\x1b[31m1"), ("Soort", "\x9b31mingrijpend")],
    )
    result = vwo(repo.path, "lint-commits", f"{base}..HEAD")
    assert result.returncode == 1
    assert "'Tekst \ufffd]0;titel\ufffd\ufffd[2J\ufffdc gewist'" in result.stderr
    assert "'VWO-2021-\ufffd[31m1' is not a proposal id" in result.stderr
    assert "'\ufffd31mingrijpend' is not one of" in result.stderr
    assert not any(char in result.stderr + result.stdout for char in UNSAFE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("--output=uit.txt", "starts with '-', so git would read it as an option"),
        ("HEAD..--output=uit.txt", "--output=uit.txt: starts with '-'"),
        ("HEAD...HEAD~1", "a symmetric range (A...B) is not supported"),
        ("geen..HEAD", "geen: no such branch, tag or commit"),
        ("HEAD:docs/overeenkomst.md..HEAD", "HEAD:docs/overeenkomst.md: names a blob, not a commit"),
    ],
)
def test_lint_commits_guards_its_range(repo: GitRepo, text: str, message: str) -> None:
    build_history(repo)
    result = vwo(repo.path, "lint-commits", "--", text)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {text}: {message}") and "\nhint: " in result.stderr
    assert not (repo.path / "uit.txt").exists() and not Path("uit.txt").exists()


def test_lint_commits_in_a_shallow_clone_says_so(repo: GitRepo, tmp_path: Path) -> None:
    build_history(repo)
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(tmp_path / "ondiep"))
    result = vwo(tmp_path / "ondiep", "lint-commits", "HEAD~1..HEAD")
    assert result.returncode == 2
    assert "shallow clone" in result.stderr and "git fetch --unshallow" in result.stderr


def test_read_range_reads_every_path_and_the_touched_articles(repo: GitRepo) -> None:
    sha = build_history(repo)
    (record,) = read_range(repo.path, f"{sha['revert']}..{sha['adopt-1.1']}")
    assert record.sha == sha["adopt-1.1"] and record.value("Versie") == "1.1"
    assert {c.path for c in record.changes} >= {"versions/1.1/version.yml", "versions/1.1/overeenkomst.md"}
    (squash,) = read_range(repo.path, f"{sha['squash-13']}~1..{sha['squash-13']}")
    assert squash.touched == frozenset({"definities", "beveiliging"})


def test_read_range_refuses_an_option(repo: GitRepo) -> None:
    repo.commit("Basis", files={"a.txt": "1\n"})
    with pytest.raises(GitError, match="starts with '-'"):
        read_range(repo.path, "--all")
