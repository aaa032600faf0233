"""Revisions and repositories given on the command line: every bad one is refused with
``error: <where>: <what>``, a hint and exit 2, naming the real culprit, writing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import snapshot, vwo


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("@--output=uit.txt", "starts with '-', so git would read it as an option, not a revision"),
        ("@-p", "starts with '-', so git would read it as an option, not a revision"),
        ("@HEAD:docs/overeenkomst.md", "names a blob, not a commit"),
        ("@HEAD^{tree}", "names a tree, not a commit"),
        ("@HEAD:docs", "names a tree, not a commit"),
        ("@HEAD~1..HEAD", "is a range of commits, where one commit is expected"),
        ("@^HEAD", "is a range of commits, where one commit is expected"),
        ("@geen-tak", "no such branch, tag or commit"),
    ],
)
def test_compare_refuses_what_is_not_one_commit(project: GitRepo, rev: str, message: str) -> None:
    project.commit("Tweede", allow_empty=True)
    before = snapshot(project.path)
    for args in ((rev, "concept"), ("concept", rev)):
        result = vwo(project.path, "compare", *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"error: {rev}: {message}\nhint: "), result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
    assert snapshot(project.path) == before
    assert not Path("uit.txt").exists()


def test_compare_reads_a_tag_and_a_short_id(project: GitRepo) -> None:
    project.git("tag", "-a", "-m", "Eerste stand", "v0", "HEAD")
    sha = project.head()
    for rev in ("@v0", f"@{sha[:8]}", "@HEAD@{0}"):
        result = vwo(project.path, "compare", rev, "concept", "--format", "json")
        assert result.returncode == 0, result.stderr
        assert f'"{rev}"' in result.stdout


def test_compare_of_a_revision_with_invalid_utf8_names_the_file(project: GitRepo) -> None:
    good = (project.path / "docs" / "overeenkomst.md").read_bytes()
    (project.path / "docs" / "overeenkomst.md").write_bytes(good.replace(b"verwerker", b"verw\xe9rker", 1))
    project.commit("Kapotte codering")
    (project.path / "docs" / "overeenkomst.md").write_bytes(good)
    result = vwo(project.path, "compare", "@HEAD", "concept")
    assert result.returncode == 2
    # the title "# Standaard verw\xe9rkers...": line 1, byte 16 of the file
    assert result.stderr.startswith(
        "error: @HEAD:docs/overeenkomst.md:1: not valid UTF-8 (byte 16 of the file"
    )
    assert "\nhint: " in result.stderr and "Traceback" not in result.stderr


def test_compare_of_a_revision_outside_a_repository(tmp_path: Path) -> None:
    result = vwo(tmp_path, "compare", "@HEAD", "concept")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {tmp_path}: not a git repository")


def test_compare_in_a_repository_without_commits(repo: GitRepo) -> None:
    result = vwo(repo.path, "compare", "@HEAD", "concept")
    assert result.returncode == 2
    assert result.stderr.startswith("error: @HEAD: the repository has no commits yet\nhint: ")


def test_publish_outside_a_repository_says_so(tmp_path: Path) -> None:
    """Not "no committer identity" (git var answers outside a repository too)."""
    result = vwo(tmp_path, "publish")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {tmp_path}: not a git repository")
    assert "identity" not in result.stderr and list(tmp_path.iterdir()) == []


def test_publish_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    result = vwo(tmp_path / "bestaat-niet", "publish")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: -C {tmp_path / 'bestaat-niet'}: no such folder\nhint: ")
    assert not (tmp_path / "bestaat-niet").exists()


def test_publish_without_commits_says_so(repo: GitRepo) -> None:
    result = vwo(repo.path, "publish")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {repo.path}: the repository has no commits yet\nhint: ")
    assert repo.git("for-each-ref") == ""


def test_adopt_outside_a_repository_says_so(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    result = vwo(tmp_path, "adopt", "1.0", "--status", "consultatie", "--date", "2026-01-05",
                 "--samenvatting", "Eerste versie.")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {tmp_path}: not a git repository")
    assert not (tmp_path / "versions").exists()
