"""The working tree and the committer through the git adapter (``vwo.git.repo``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from vwo.git.log import commit
from vwo.git.repo import commit_paths, identity, push, status_lines, unstage
from vwo.git.run import GitError, NoGitError


def test_status_lines_list_changes_and_untracked_files(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"docs/a.md": "1\n"})
    assert status_lines(repo.path) == []
    repo.write("docs/a.md", "2\n")
    repo.write("nieuw/b.md", "x\n")
    assert status_lines(repo.path) == [" M docs/a.md", "?? nieuw/b.md"]


def test_status_lines_are_neutralised(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.md": "1\n"})
    repo.write("b\u202ec.md", "x\n")
    assert status_lines(repo.path) == ["?? b\ufffdc.md"]


def test_status_lines_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NoGitError):
        status_lines(tmp_path)


def test_identity_is_the_committer_git_would_use(repo: GitRepo) -> None:
    assert identity(repo.path) == ("VWO Test", "test@example.org")


@pytest.mark.usefixtures("no_identity")
def test_identity_is_none_when_git_has_none(repo: GitRepo) -> None:
    assert identity(repo.path) is None


def test_identity_outside_a_repository_is_not_a_missing_identity(tmp_path: Path) -> None:
    """The real culprit: ``git var`` would answer outside a repository too."""
    with pytest.raises(NoGitError, match="not a git repository"):
        identity(tmp_path)


def test_commit_paths_commits_only_those_paths_with_trailers(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.md": "1\n"})
    repo.write("versions/1.0/x.md", "x\n")
    repo.write("a.md", "gewijzigd\n")
    sha = commit_paths(
        repo.path,
        ["versions/1.0"],
        "Versie 1.0 vastgesteld\n\nSamenvatting.",
        [("Versie", "1.0"), ("Status", "vastgesteld")],
    )
    record = commit(repo.path, sha)
    assert record.subject == "Versie 1.0 vastgesteld"
    assert record.trailers == {"Versie": ("1.0",), "Status": ("vastgesteld",)}
    assert [c.path for c in record.changes] == ["versions/1.0/x.md"]
    assert status_lines(repo.path) == [" M a.md"]
    assert repo.head() == sha


@pytest.mark.usefixtures("no_identity")
def test_commit_paths_without_identity_raises_with_gits_message(repo: GitRepo) -> None:
    repo.write("a.md", "1\n")
    with pytest.raises(GitError) as failed:
        commit_paths(repo.path, ["a.md"], "Eerste", [])
    assert failed.value.command[0] == "commit" and "identity unknown" in failed.value.stderr


def test_unstage_takes_paths_out_of_the_index(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.md": "1\n"})
    repo.write("versions/1.0/x.md", "x\n")
    repo.git("add", "versions")
    assert status_lines(repo.path) == ["A  versions/1.0/x.md"]
    unstage(repo.path, ["versions/1.0"])
    assert status_lines(repo.path) == ["?? versions/1.0/x.md"]


def test_push_to_a_remote(repo: GitRepo, tmp_path: Path) -> None:
    sha = repo.commit("Eerste", files={"a.md": "1\n"})
    repo.git("branch", "gh-pages")
    repo.git("init", "-q", "--bare", str(tmp_path / "origin.git"))
    repo.git("remote", "add", "origin", str(tmp_path / "origin.git"))
    push(repo.path, "origin", "gh-pages")
    assert repo.git("--git-dir", str(tmp_path / "origin.git"), "rev-parse", "gh-pages") == sha


def test_push_without_the_remote_raises_with_gits_message(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.md": "1\n"})
    with pytest.raises(GitError) as failed:
        push(repo.path, "origin", "main")
    assert failed.value.where == "git push" and "origin" in failed.value.stderr
