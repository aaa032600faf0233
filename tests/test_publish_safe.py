"""``vwo publish`` that never loses or half-writes anything, tested with real processes and
real signals at fixed moments (``vwo.interrupt.checkpoint``): while the builds run, after
the first commit in the stage, just before and just after the one ref update; two runs at
once; a ref changed by someone else meanwhile; bad ``--branch`` values; a site branch that
vwo did not make. After each: the branch as it was or fully updated, nothing left that
blocks the next run."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import (
    isolated_git,
    leftovers,
    make_site,
    start_paused,
    stop,
    text_files,
    vwo,
    vwo_env,
    vwo_in,
)
from tests.versions_support import (
    snapshot as full_snapshot,
)

pytestmark = pytest.mark.e2e
MOMENTS = ("publish-build", "publish-commit", "publish-ref")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GitRepo]:
    """One version and the concept, published; each test changes a copy (``fresh``)."""
    home = tmp_path_factory.mktemp("safe-git")
    with isolated_git(home):
        repo = GitRepo(home / "site")
        make_site(repo)
        args = [
            "adopt",
            "1.0",
            "--status",
            "consultatie",
            "--date",
            "2018-09-01",
            "--samenvatting",
            "Ontwerp.",
        ]
        assert vwo(repo.path, *args).returncode == 0
        result = vwo_in(repo.path, home / "tmp", "publish")
        assert result.returncode == 0, result.stderr
        yield repo


@pytest.fixture
def fresh(published: GitRepo, tmp_path: Path) -> GitRepo:
    """A copy of the published repository with a new commit in ``docs/``: publishing it
    rebuilds the concept (one build) and moves ``gh-pages``."""
    shutil.copytree(published.path, tmp_path / "copy", symlinks=True)
    repo = GitRepo(tmp_path / "copy")
    repo.commit("Werktekst", files=text_files("heldere schriftelijke"),
                trailers={"Voorstel": "VWO-2019-002", "Soort": "redactioneel"})  # fmt: skip
    return repo


def snapshot(root: Path) -> dict[str, bytes]:
    """The working tree and refs, without the downloads cache (``.cache/``, ignored by git):
    the builds fill it, and a cache entry is whole or absent (``vwo.downloads.bundle``)."""
    return {path: data for path, data in full_snapshot(root).items() if not path.startswith(".cache/")}


def branch(repo: GitRepo, name: str = "gh-pages") -> str:
    return repo.git("rev-parse", f"refs/heads/{name}")


def published_concept(repo: GitRepo) -> bool:
    return "heldere schriftelijke" in repo.git("show", "gh-pages:concept/overeenkomst/index.html")


def builds_running(work: str) -> list[str]:
    """Processes whose command line names the run's work folder (its mkdocs builds)."""
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if work in line and "ps -eo" not in line]


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_leaves_the_branch_as_it_was_and_cleans_up(
    fresh: GitRepo, tmp_path: Path, moment: str, signum: int
) -> None:
    before, files = branch(fresh), snapshot(fresh.path)
    process, _ = start_paused(fresh.path, tmp_path, moment, "publish")
    status, _, err = stop(process, signum)
    name = signal.Signals(signum).name
    assert status == 128 + signum
    assert err == (
        f"error: vwo publish: interrupted by {name}; the branch gh-pages is as it was\n"
        "hint: run the command again when you are ready\n"
    )
    assert branch(fresh) == before and snapshot(fresh.path) == files
    assert leftovers(fresh.path, tmp_path / "tmp") == []
    assert builds_running(str(fresh.path / ".git" / "vwo-tmp")) == []
    again = vwo_in(fresh.path, tmp_path / "tmp2", "publish")
    assert again.returncode == 0, again.stderr
    assert published_concept(fresh) and leftovers(fresh.path, tmp_path / "tmp2") == []


@pytest.mark.parametrize("moment", MOMENTS)
def test_sigkill_leaves_the_branch_as_it_was_and_blocks_nothing(
    fresh: GitRepo, tmp_path: Path, moment: str
) -> None:
    before, files = branch(fresh), snapshot(fresh.path)
    process, _ = start_paused(fresh.path, tmp_path, moment, "publish")
    status, _, _ = stop(process, signal.SIGKILL)
    assert status == -signal.SIGKILL
    assert branch(fresh) == before and snapshot(fresh.path) == files
    work = str(fresh.path / ".git" / "vwo-tmp")
    deadline = time.monotonic() + 60
    while builds_running(work) and time.monotonic() < deadline:  # the builds die with their parent
        time.sleep(0.1)
    assert builds_running(work) == []
    again = vwo_in(
        fresh.path, tmp_path / "tmp2", "publish"
    )  # what the killed run left is in the way of nothing
    assert again.returncode == 0, again.stderr
    assert published_concept(fresh) and leftovers(fresh.path, tmp_path / "tmp2") == []


def test_sigterm_just_after_the_ref_update_leaves_the_branch_fully_updated(
    fresh: GitRepo, tmp_path: Path
) -> None:
    before = branch(fresh)
    process, _ = start_paused(fresh.path, tmp_path, "publish-swapped", "publish")
    status, _, err = stop(process, signal.SIGTERM)
    assert status == 128 + signal.SIGTERM
    after = branch(fresh)
    note = f"the branch gh-pages was updated all the same ({after[:12]})"
    assert err.startswith(f"error: vwo publish: interrupted by SIGTERM; {note}")
    # Two commits: concept, then the root (the pages of the standard show the text commit).
    assert after != before and fresh.git("rev-parse", f"{after}~2") == before and published_concept(fresh)
    assert leftovers(fresh.path, tmp_path / "tmp") == []
    again = vwo_in(fresh.path, tmp_path / "tmp2", "publish")
    assert again.returncode == 0 and "niets te doen, geen commit" in again.stdout


def test_two_runs_at_once_one_waits_for_nothing_and_loses_nothing(fresh: GitRepo, tmp_path: Path) -> None:
    before = branch(fresh)
    process, marker = start_paused(fresh.path, tmp_path, "publish-build", "publish")
    try:
        files = snapshot(fresh.path)
        second = vwo_in(fresh.path, tmp_path / "tmp2", "publish")
        assert second.returncode == 2
        assert (
            f"this repository is in use by vwo publish --branch gh-pages (pid {process.pid})" in second.stderr
        )
        assert "hint: wait until it has finished, then run the command again" in second.stderr
        assert snapshot(fresh.path) == files
        assert leftovers(fresh.path, tmp_path / "tmp2") == [
            "vwo-tmp",
            "vwo.lock",
        ]  # the first run.s, as it runs
        adopt = vwo_in(fresh.path, tmp_path / "tmp3", "adopt", "1.1", "--status", "consultatie", "--date",
                       "2018-10-01", "--samenvatting", "x")  # fmt: skip
        assert adopt.returncode == 2 and "in use by vwo publish" in adopt.stderr  # one lock for every writer
        marker.unlink()
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    finally:
        process.kill()
    # The concept, the pages of the standard and the register's views (the navigation of
    # both shows the concept's annexes: no version is vastgesteld here).
    assert "gh-pages: 3 gebouwd" in out and published_concept(fresh)
    assert fresh.git("rev-parse", f"{branch(fresh)}~2") == before  # two commits on top, none lost
    assert leftovers(fresh.path, tmp_path / "tmp") == []


def test_a_branch_moved_by_someone_else_meanwhile_is_not_overwritten(fresh: GitRepo, tmp_path: Path) -> None:
    process, marker = start_paused(fresh.path, tmp_path, "publish-ref", "publish")
    try:
        theirs = fresh.git("commit-tree", "gh-pages^{tree}", "-p", "gh-pages", "-m", "Iemand anders")
        fresh.git("update-ref", "refs/heads/gh-pages", theirs)
        marker.unlink()
        _, err = process.communicate(timeout=600)
    finally:
        process.kill()
    assert process.returncode == 2
    assert "error: branch gh-pages: changed while this run built" in err and "nothing was published" in err
    assert "hint: run vwo publish again: it builds on what is there now" in err
    assert branch(fresh) == theirs  # their commit is kept
    assert leftovers(fresh.path, tmp_path / "tmp") == []


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("main", "is checked out in"),
        ("HEAD", "names a ref git already uses"),
        ("", "is empty"),
        ("a..b", "is not a valid branch name"),
        ("foo bar", "is not a valid branch name"),
        ("main:x", "is not a valid branch name"),
        ("refs/heads/site", "names a ref git already uses"),
        ("voorstel", "shares history with the source"),
    ],
)
def test_a_bad_branch_is_refused_before_building(fresh: GitRepo, tmp_path: Path, name: str, why: str) -> None:
    fresh.git("branch", "voorstel", "HEAD~1")  # a branch of the text that is not checked out
    files = snapshot(fresh.path)
    code, stderr = refused_before_building(fresh.path, tmp_path, "publish", "--branch", name)
    assert code == 2
    assert stderr.startswith(f"error: --branch {name!r}: {why}") and "\nhint: " in stderr
    assert snapshot(fresh.path) == files and leftovers(fresh.path, tmp_path / "tmp") == []
    assert fresh.git("for-each-ref", "refs/heads/HEAD") == ""


def refused_before_building(root: Path, tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run ``vwo`` and fail the test as soon as it reaches the builds (the checkpoint
    ``publish-build`` announces it); returns its exit status and stderr."""
    marker = tmp_path / "reached-the-build"
    env = vwo_env(tmp_path / "tmp", VWO_PAUSE_AT="publish-build", VWO_PAUSE_FILE=str(marker))
    command = [sys.executable, "-m", "vwo", "-C", str(root), *args]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    while process.poll() is None and not marker.exists():
        time.sleep(0.02)
    if marker.exists():
        process.kill()
        process.communicate()
        pytest.fail("vwo publish started building before it refused the branch")
    return process.returncode, process.communicate()[1]


def foreign_site(repo: GitRepo) -> str:
    """Someone else's ``gh-pages``: its own history, a CNAME, a versions.json without vwo's hashes."""
    entries = [{"version": "9.9", "title": "9.9", "aliases": []}]
    blobs = {
        "CNAME": "docs.example.org\n",
        "index.html": "<p>elders</p>\n",
        "versions.json": json.dumps(entries) + "\n",
    }
    lines = []
    for name, text in blobs.items():
        blob = subprocess.run(["git", "-C", str(repo.path), "hash-object", "-w", "--stdin"], input=text,
                              capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
        lines.append(f"100644 blob {blob}\t{name}")
    tree = subprocess.run(["git", "-C", str(repo.path), "mktree"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    return repo.git("commit-tree", tree, "-m", "Een andere site")


def test_someone_elses_site_branch_is_refused_unless_taken_over(fresh: GitRepo, tmp_path: Path) -> None:
    theirs = foreign_site(fresh)
    fresh.git("update-ref", "refs/heads/elders", theirs)
    files = snapshot(fresh.path)
    refused = vwo_in(fresh.path, tmp_path / "tmp", "publish", "--branch", "elders")
    assert refused.returncode == 2
    assert refused.stderr.startswith(
        "error: branch elders: was not made by vwo publish (versions without a vwo build hash: 9.9)"
    )
    assert "--take-over" in refused.stderr and snapshot(fresh.path) == files
    taken = vwo_in(fresh.path, tmp_path / "tmp", "publish", "--branch", "elders", "--take-over")
    assert taken.returncode == 0, taken.stderr
    tip = branch(fresh, "elders")
    assert fresh.git("merge-base", "--is-ancestor", theirs, tip) == ""  # their history is kept
    names = fresh.git("ls-tree", "--name-only", "elders").splitlines()
    assert "CNAME" not in names and {"1.0", "concept", "versions.json", "index.html"} <= set(names)
    versions = json.loads(fresh.git("show", "elders:versions.json"))
    assert [v["version"] for v in versions] == ["concept", "1.0"]
    again = vwo_in(fresh.path, tmp_path / "tmp", "publish", "--branch", "elders")
    assert again.returncode == 0 and "niets te doen, geen commit" in again.stdout  # now it is ours


def test_serve_stopped_by_sigterm_removes_its_folder_and_says_so(published: GitRepo, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tmp = tmp_path / "tmp"
    process = subprocess.Popen(
        [sys.executable, "-m", "vwo", "-C", str(published.path), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=vwo_env(tmp),
    )  # fmt: skip
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "De site staat op" in line:
                break
        assert [p.name for p in tmp.iterdir() if p.name.startswith("vwo-serve-")]  # serving from it
        status, out, err = stop(process, signal.SIGTERM)
    finally:
        process.kill()
    assert status == 0 and "Gestopt." in out and "Traceback" not in err
    assert leftovers(published.path, tmp) == []
