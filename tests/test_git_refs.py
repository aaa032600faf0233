"""Revisions and refs through the git adapter (``vwo.git.refs``): the repository's state,
the guard for user-supplied revisions, and compare-and-swap ref updates."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from vwo.git.refs import (
    RepoState,
    fast_forward,
    is_ancestor,
    repo_state,
    resolve_commit,
    resolve_range,
    rev_parse,
    update_ref,
)
from vwo.git.run import GitError, NoGitError, ShallowCloneError


@pytest.fixture
def two(repo: GitRepo) -> tuple[GitRepo, str, str]:
    first = repo.commit("Eerste", files={"docs/a.md": "1\n"})
    second = repo.commit("Tweede", files={"docs/a.md": "2\n"})
    return repo, first, second


def shallow_clone(repo: GitRepo, target: Path) -> GitRepo:
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(target))
    return GitRepo(target)


# --- state --------------------------------------------------------------------------


def test_repo_state_of_an_empty_repository(repo: GitRepo) -> None:
    assert repo_state(repo.path) == RepoState(None, False)


def test_repo_state_names_head(two: tuple[GitRepo, str, str]) -> None:
    repo, _, second = two
    assert repo_state(repo.path) == RepoState(second, False)


def test_repo_state_of_a_shallow_clone(two: tuple[GitRepo, str, str], tmp_path: Path) -> None:
    repo, _, second = two
    clone = shallow_clone(repo, tmp_path / "ondiep")
    assert repo_state(clone.path) == RepoState(second, True)


def test_repo_state_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(NoGitError, match="not a git repository"):
        repo_state(tmp_path)


# --- rev_parse ----------------------------------------------------------------------


def test_rev_parse_peels_to_the_commit(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    repo.git("tag", "-a", "-m", "Versie 1.0", "v1.0", first)
    assert rev_parse(repo.path, "HEAD") == second
    assert rev_parse(repo.path, "refs/heads/main") == second
    assert rev_parse(repo.path, "v1.0") == first
    assert rev_parse(repo.path, first[:10]) == first


def test_rev_parse_of_what_is_missing_or_no_commit_is_none(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    for rev in ("refs/heads/gh-pages", "HEAD:docs/a.md", "HEAD^{tree}", "-p", "HEAD~1..HEAD"):
        assert rev_parse(repo.path, rev) is None, rev


def test_rev_parse_outside_a_repository_raises(tmp_path: Path) -> None:
    with pytest.raises(NoGitError):
        rev_parse(tmp_path, "HEAD")


# --- the guard for user-supplied revisions ------------------------------------------


@pytest.mark.parametrize("rev", ["HEAD", "main", "HEAD~1", "v1.0", "HEAD@{0}"])
def test_resolve_commit_accepts_one_commit(two: tuple[GitRepo, str, str], rev: str) -> None:
    repo, first, second = two
    repo.git("tag", "-a", "-m", "Versie 1.0", "v1.0", first)
    assert resolve_commit(repo.path, rev) == {"HEAD~1": first, "v1.0": first}.get(rev, second)


def test_resolve_commit_accepts_a_short_id(two: tuple[GitRepo, str, str]) -> None:
    repo, first, _ = two
    assert resolve_commit(repo.path, first[:8]) == first


@pytest.mark.parametrize("rev", ["-p", "--output=x", "--all", "-"])
def test_an_option_is_refused(two: tuple[GitRepo, str, str], rev: str) -> None:
    repo, _, _ = two
    with pytest.raises(GitError) as failed:
        resolve_commit(repo.path, rev, where=f"@{rev}")
    assert failed.value.where == f"@{rev}"
    assert "starts with '-'" in failed.value.what and "option" in failed.value.what
    assert "HEAD" in failed.value.hint


@pytest.mark.parametrize("rev", ["HEAD~1..HEAD", "main...HEAD", "^HEAD", "HEAD^@", "HEAD^!", "HEAD^-1"])
def test_a_range_is_refused_where_one_commit_is_expected(two: tuple[GitRepo, str, str], rev: str) -> None:
    repo, _, _ = two
    with pytest.raises(GitError, match="is a range of commits, where one commit is expected"):
        resolve_commit(repo.path, rev)


def test_a_blob_is_refused(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    with pytest.raises(GitError) as failed:
        resolve_commit(repo.path, "HEAD:docs/a.md", where="@HEAD:docs/a.md")
    assert (failed.value.where, failed.value.what) == ("@HEAD:docs/a.md", "names a blob, not a commit")


def test_a_tree_is_refused(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    for rev in ("HEAD^{tree}", "HEAD:docs"):
        with pytest.raises(GitError, match="names a tree, not a commit"):
            resolve_commit(repo.path, rev)


def test_a_missing_name_is_refused(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    with pytest.raises(GitError) as failed:
        resolve_commit(repo.path, "geen-tak")
    assert failed.value.what == "no such branch, tag or commit" and "git branch -a" in failed.value.hint


def test_empty_and_control_characters_are_refused(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    with pytest.raises(GitError, match="no revision given"):
        resolve_commit(repo.path, "")
    with pytest.raises(GitError, match="control character") as failed:
        resolve_commit(repo.path, "HEAD\n--all")
    with pytest.raises(GitError, match="control character") as failed:
        resolve_commit(repo.path, "main\x1b[31m")
    assert "\x1b" not in str(failed.value)


def test_in_a_repository_without_commits_says_so(repo: GitRepo) -> None:
    with pytest.raises(GitError, match="the repository has no commits yet"):
        resolve_commit(repo.path, "HEAD")


def test_in_a_shallow_clone_a_missing_commit_says_so(two: tuple[GitRepo, str, str], tmp_path: Path) -> None:
    repo, _, second = two
    clone = shallow_clone(repo, tmp_path / "ondiep")
    assert resolve_commit(clone.path, "HEAD") == second
    with pytest.raises(ShallowCloneError) as failed:
        resolve_commit(clone.path, "HEAD~1")
    assert "shallow clone" in failed.value.what and "git fetch --unshallow" in failed.value.hint


# --- ranges -------------------------------------------------------------------------


def test_resolve_range_of_two_commits(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    assert resolve_range(repo.path, "HEAD~1..HEAD") == (first, second)
    assert resolve_range(repo.path, f"{first}..") == (first, second)
    assert resolve_range(repo.path, "..main") == (second, second)
    assert resolve_range(repo.path, "HEAD") == (None, second)


def test_resolve_range_names_the_side_that_is_wrong(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    with pytest.raises(GitError) as failed:
        resolve_range(repo.path, "geen..HEAD")
    assert (failed.value.where, failed.value.what) == ("geen..HEAD", "geen: no such branch, tag or commit")
    with pytest.raises(GitError, match=r"^HEAD\.\.-p: -p: starts with '-'"):
        resolve_range(repo.path, "HEAD..-p")
    with pytest.raises(GitError, match="-p: starts with '-'"):
        resolve_range(repo.path, "-p")


def test_resolve_range_refuses_a_symmetric_range(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    with pytest.raises(GitError, match="symmetric range"):
        resolve_range(repo.path, "HEAD~1...HEAD")


def test_resolve_range_in_a_shallow_clone(two: tuple[GitRepo, str, str], tmp_path: Path) -> None:
    repo, _, _ = two
    repo.commit("Derde", files={"docs/a.md": "3\n"})
    clone = shallow_clone(repo, tmp_path / "ondiep")
    with pytest.raises(ShallowCloneError, match="shallow clone"):
        resolve_range(clone.path, "HEAD~1..HEAD")  # HEAD~1 was not fetched
    with pytest.raises(ShallowCloneError, match="reaches beyond its history"):
        resolve_range(clone.path, "HEAD")
    repo.git("clone", "-q", "--depth", "2", f"file://{repo.path}", str(tmp_path / "dieper"))
    base, head = resolve_range(tmp_path / "dieper", "HEAD~1..HEAD")
    assert (base, head) == (repo.git("rev-parse", "HEAD~1"), repo.head())


# --- ancestry -----------------------------------------------------------------------


def test_is_ancestor(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    assert is_ancestor(repo.path, first, second)
    assert not is_ancestor(repo.path, second, first)
    assert is_ancestor(repo.path, second, second)


def test_is_ancestor_of_a_missing_commit_raises(two: tuple[GitRepo, str, str]) -> None:
    repo, first, _ = two
    with pytest.raises(GitError):
        is_ancestor(repo.path, "1" * 40, first)


# --- update_ref ---------------------------------------------------------------------


def test_update_ref_creates_moves_and_deletes(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    update_ref(repo.path, "refs/heads/gh-pages", first)
    assert rev_parse(repo.path, "refs/heads/gh-pages") == first
    update_ref(repo.path, "refs/heads/gh-pages", second)
    assert rev_parse(repo.path, "refs/heads/gh-pages") == second
    update_ref(repo.path, "refs/heads/gh-pages", None)
    assert rev_parse(repo.path, "refs/heads/gh-pages") is None
    update_ref(repo.path, "refs/heads/gh-pages", None)  # already gone: nothing to do


def test_update_ref_compare_and_swap(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    update_ref(repo.path, "refs/heads/gh-pages", first, old=None)
    update_ref(repo.path, "refs/heads/gh-pages", second, old=first)
    assert rev_parse(repo.path, "refs/heads/gh-pages") == second


def test_update_ref_refuses_a_stale_expected_value(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    update_ref(repo.path, "refs/heads/gh-pages", second)
    with pytest.raises(GitError) as failed:
        update_ref(repo.path, "refs/heads/gh-pages", first, old=first)
    assert failed.value.where == "ref refs/heads/gh-pages"
    assert f"is at {second} but expected {first}" in failed.value.stderr
    assert "someone else changed it" in failed.value.hint
    assert rev_parse(repo.path, "refs/heads/gh-pages") == second


def test_update_ref_create_only_refuses_an_existing_ref(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    update_ref(repo.path, "refs/heads/gh-pages", second)
    with pytest.raises(GitError, match="already exists"):
        update_ref(repo.path, "refs/heads/gh-pages", first, old=None)
    assert rev_parse(repo.path, "refs/heads/gh-pages") == second


def test_update_ref_delete_compare_and_swap(two: tuple[GitRepo, str, str]) -> None:
    repo, first, second = two
    update_ref(repo.path, "refs/heads/gh-pages", second)
    with pytest.raises(GitError):
        update_ref(repo.path, "refs/heads/gh-pages", None, old=first)
    assert rev_parse(repo.path, "refs/heads/gh-pages") == second
    update_ref(repo.path, "refs/heads/gh-pages", None, old=second)
    assert rev_parse(repo.path, "refs/heads/gh-pages") is None


def test_update_ref_takes_only_full_ref_names_and_ids(two: tuple[GitRepo, str, str]) -> None:
    repo, first, _ = two
    for ref in ("gh-pages", "HEAD", "-d"):
        with pytest.raises(ValueError, match="not a full ref name"):
            update_ref(repo.path, ref, first)
    for value in ("HEAD", "--stdin", first[:12]):
        with pytest.raises(ValueError, match="not an object id"):
            update_ref(repo.path, "refs/heads/x", value)
        with pytest.raises(ValueError, match="not an object id"):
            update_ref(repo.path, "refs/heads/x", first, old=value)
    assert rev_parse(repo.path, "refs/heads/x") is None


def test_update_ref_to_a_missing_object_raises(two: tuple[GitRepo, str, str]) -> None:
    repo, _, second = two
    with pytest.raises(GitError):
        update_ref(repo.path, "refs/heads/main", "1" * 40)
    assert rev_parse(repo.path, "HEAD") == second


# --- fast_forward -------------------------------------------------------------------


@pytest.fixture
def clone(two: tuple[GitRepo, str, str], tmp_path: Path) -> tuple[GitRepo, GitRepo]:
    origin, _, _ = two
    origin.git("branch", "gh-pages")
    origin.git("clone", "-q", str(origin.path), str(tmp_path / "kopie"))
    return origin, GitRepo(tmp_path / "kopie")


def test_fast_forward_creates_a_missing_branch(clone: tuple[GitRepo, GitRepo]) -> None:
    origin, copy = clone
    assert rev_parse(copy.path, "refs/heads/gh-pages") is None
    assert fast_forward(copy.path, "gh-pages") is True
    assert rev_parse(copy.path, "refs/heads/gh-pages") == rev_parse(origin.path, "gh-pages")


def test_fast_forward_brings_a_branch_that_is_behind_up(clone: tuple[GitRepo, GitRepo]) -> None:
    origin, copy = clone
    assert fast_forward(copy.path, "gh-pages")
    origin.git("checkout", "-q", "gh-pages")
    ahead = origin.commit("Online verder", files={"x.html": "x\n"})
    copy.git("fetch", "-q", "origin")
    assert fast_forward(copy.path, "gh-pages") is True
    assert rev_parse(copy.path, "refs/heads/gh-pages") == ahead


def test_fast_forward_leaves_an_even_or_ahead_branch(clone: tuple[GitRepo, GitRepo]) -> None:
    _, copy = clone
    assert fast_forward(copy.path, "gh-pages")
    assert fast_forward(copy.path, "gh-pages") is False
    copy.git("checkout", "-q", "gh-pages")
    ours = copy.commit("Lokaal verder", files={"y.html": "y\n"})
    assert fast_forward(copy.path, "gh-pages") is False
    assert rev_parse(copy.path, "refs/heads/gh-pages") == ours


def test_fast_forward_refuses_a_diverged_branch(clone: tuple[GitRepo, GitRepo]) -> None:
    origin, copy = clone
    assert fast_forward(copy.path, "gh-pages")
    origin.git("checkout", "-q", "gh-pages")
    origin.commit("Online", files={"x.html": "x\n"})
    copy.git("fetch", "-q", "origin")
    copy.git("checkout", "-q", "gh-pages")
    ours = copy.commit("Lokaal", files={"y.html": "y\n"})
    with pytest.raises(GitError, match="has diverged from origin/gh-pages") as failed:
        fast_forward(copy.path, "gh-pages")
    assert "git branch -f gh-pages origin/gh-pages" in failed.value.hint
    assert rev_parse(copy.path, "refs/heads/gh-pages") == ours


def test_fast_forward_without_the_remote_branch_does_nothing(two: tuple[GitRepo, str, str]) -> None:
    repo, _, _ = two
    assert fast_forward(repo.path, "gh-pages") is False
    assert rev_parse(repo.path, "refs/heads/gh-pages") is None
