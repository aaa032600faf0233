"""The git adapter's trees, tags, branch checks and stage (``vwo.git.trees``,
``vwo.git.refs``, ``vwo.git.repo``, ``vwo.git.stage``) against throwaway repositories."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from vwo.git.log import path_log
from vwo.git.refs import (
    branch_name_problem,
    checked_out_branches,
    create_tag,
    git_dirs,
    read_tags,
    rev_parse,
    share_history,
    start_of,
    symbolic_head,
)
from vwo.git.repo import config_bool, index_tree, move_worktree, status_lines, unstaged_changes
from vwo.git.run import GitError
from vwo.git.stage import Stage
from vwo.git.trees import (
    EXECUTABLE,
    FILE,
    SYMLINK,
    Entry,
    blob_id,
    commit_tree,
    object_format,
    object_ids,
    tree_entries,
    tree_with,
    write_blob,
)

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""git's id of the empty tree (every repository can name it)."""


def hash_object(repo: GitRepo, data: bytes) -> str:
    return (
        subprocess.run(
            ["git", "-C", str(repo.path), "hash-object", "--stdin"],
            input=data,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )


@pytest.fixture
def modes(repo: GitRepo) -> GitRepo:
    repo.write("map/a.md", "a\n")
    repo.write("map/run.sh", "#!/bin/sh\n")
    os.chmod(repo.path / "map" / "run.sh", 0o755)
    os.symlink("a.md", repo.path / "map" / "link.md")
    repo.write("map/sub/ü ö.md", "spatie\n")
    repo.commit("Modi")
    return repo


def test_tree_entries_lists_modes_blobs_and_paths_as_git_stores_them(modes: GitRepo) -> None:
    entries = tree_entries(modes.path, "HEAD:map")
    assert {path: entry.mode for path, entry in entries.items()} == {
        "a.md": FILE,
        "run.sh": EXECUTABLE,
        "link.md": SYMLINK,
        "sub/ü ö.md": FILE,
    }
    assert entries["a.md"].object == hash_object(modes, b"a\n")
    assert entries["link.md"].object == hash_object(modes, b"a.md")  # a link's blob is its target


def test_blob_id_is_what_git_computes(repo: GitRepo) -> None:
    for data in (b"", b"a\n", bytes(range(256)) * 300):
        assert blob_id(data) == hash_object(repo, data)
    assert object_format(repo.path) == "sha1"


def test_object_ids_names_trees_blobs_and_missing_names(modes: GitRepo) -> None:
    found = object_ids(modes.path, ["HEAD:map", "HEAD:map/a.md", "HEAD:nope", "0" * 40])
    assert found["HEAD:map"] is not None and found["HEAD:map"][1] == "tree"
    assert found["HEAD:map/a.md"] == (hash_object(modes, b"a\n"), "blob")
    assert found["HEAD:nope"] is None and found["0" * 40] is None
    with pytest.raises(ValueError):
        object_ids(modes.path, ["HEAD:a\nb"])


def test_tree_with_and_commit_tree_leave_index_and_working_tree_alone(modes: GitRepo) -> None:
    head = modes.head()
    blob = write_blob(modes.path, b"nieuw\n")
    assert blob == hash_object(modes, b"nieuw\n")
    tree = tree_with(
        modes.path, head, {"versions/9.9/x.md": Entry(FILE, blob), "map/a.md": Entry(FILE, blob)}
    )
    sha = commit_tree(modes.path, tree, [head], "Onderwerp\n\nSleutel: waarde\n")
    assert modes.git("log", "-1", "--format=%B", sha) == "Onderwerp\n\nSleutel: waarde\n"
    assert modes.git("rev-parse", f"{sha}^") == head
    assert modes.git("show", f"{sha}:versions/9.9/x.md") == "nieuw"
    assert modes.git("show", f"{sha}:map/a.md") == "nieuw"
    assert modes.head() == head and status_lines(modes.path) == [] and modes.read("map/a.md") == "a\n"
    assert index_tree(modes.path) == modes.git("rev-parse", "HEAD^{tree}")


def test_move_worktree_brings_index_and_files_to_the_new_commit(modes: GitRepo) -> None:
    head = modes.head()
    tree = tree_with(modes.path, head, {"nieuw/b.md": Entry(FILE, write_blob(modes.path, b"b\n"))})
    sha = commit_tree(modes.path, tree, [head], "B\n")
    modes.git("update-ref", "refs/heads/main", sha)
    assert status_lines(modes.path) == ["D  nieuw/b.md"]  # HEAD moved, index and files not yet
    assert index_tree(modes.path) == modes.git("rev-parse", f"{head}^{{tree}}") and not unstaged_changes(
        modes.path
    )
    move_worktree(modes.path, head, sha)
    assert status_lines(modes.path) == [] and modes.read("nieuw/b.md") == "b\n"
    modes.write("nieuw/b.md", "anders\n")
    assert unstaged_changes(modes.path)


def test_path_log_lists_an_evil_merge_with_what_it_changed_itself(repo: GitRepo) -> None:
    repo.commit("Basis", files={"versions/1.0/a.md": "a\n", "docs/x.md": "x\n"})
    repo.git("checkout", "-q", "-b", "zij")
    side = repo.commit("Zijtak", files={"docs/x.md": "y\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Hoofdtak", files={"docs/z.md": "z\n"})
    repo.git("merge", "-q", "--no-ff", "--no-commit", "zij")
    repo.write("versions/1.0/a.md", "stiekem\n")
    merge = repo.commit("Merge branch 'zij'")
    records = list(path_log(repo.path, merge, ["versions/"], keys=()))
    assert [r.subject for r in records] == ["Merge branch 'zij'", "Basis"]
    (change,) = records[0].changes
    assert (change.status, change.path) == ("M", "versions/1.0/a.md")
    assert change.new_blob == hash_object(repo, b"stiekem\n") and change.old_blob == hash_object(repo, b"a\n")
    assert side not in {r.sha for r in records}  # it did not touch versions/


def test_branch_name_problems(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a": "1\n"})
    assert branch_name_problem(repo.path, "gh-pages") is None
    assert branch_name_problem(repo.path, "site/vwo") is None
    for name, why in [
        ("", "empty"),
        ("HEAD", "names a ref git already uses"),
        ("refs/heads/x", "names a ref git already uses"),
        ("-f", "starts with '-'"),
        ("a..b", "not a valid branch name"),
        ("foo bar", "not a valid branch name"),
        ("main:x", "not a valid branch name"),
        ("x.lock", "not a valid branch name"),
        ("a\nb", "control character"),
    ]:
        problem = branch_name_problem(repo.path, name)
        assert problem is not None and why in problem, name


def test_checked_out_branches_share_history_and_head(repo: GitRepo, tmp_path: Path) -> None:
    first = repo.commit("Eerste", files={"a": "1\n"})
    repo.git("worktree", "add", "-q", "-b", "ander", str(tmp_path / "wt"))
    assert checked_out_branches(repo.path) == {"main": str(repo.path), "ander": str(tmp_path / "wt")}
    other = repo.git("commit-tree", EMPTY_TREE, "-m", "los")
    assert share_history(repo.path, first, first) and not share_history(repo.path, first, other)
    assert symbolic_head(repo.path) == "refs/heads/main"
    repo.git("checkout", "-q", "--detach")
    assert symbolic_head(repo.path) is None
    own, common = git_dirs(tmp_path / "wt")
    assert common == (repo.path / ".git").resolve() and own != common


def test_tags_annotated_lightweight_and_create_refuses_an_existing_one(repo: GitRepo) -> None:
    first = repo.commit("Eerste", files={"a": "1\n"})
    create_tag(repo.path, "v1.0", first, "Versie 1.0\n\nVersie-boom: abc\n", date="1546300800 +0100")
    repo.git("tag", "v2.0", first)  # lightweight
    repo.git("tag", "-a", "-m", "boom", "vtree", "HEAD^{tree}")
    tags = read_tags(repo.path, "v*")
    assert tags["v1.0"].annotated and tags["v1.0"].commit == first
    assert tags["v1.0"].message == "Versie 1.0\n\nVersie-boom: abc\n"
    assert repo.git("for-each-ref", "--format=%(taggerdate:raw)", "refs/tags/v1.0") == "1546300800 +0100"
    assert not tags["v2.0"].annotated and tags["v2.0"].commit == first and tags["v2.0"].message == ""
    assert tags["vtree"].annotated and tags["vtree"].commit is None
    with pytest.raises(GitError, match="already exists"):
        create_tag(repo.path, "v1.0", first, "anders\n")
    assert read_tags(repo.path, "v1.0")["v1.0"].message.startswith("Versie 1.0")


def test_start_of_follows_origin_when_it_is_ahead_and_refuses_divergence(repo: GitRepo) -> None:
    repo.commit("Bron", files={"a": "1\n"})
    empty = EMPTY_TREE
    one = repo.git("commit-tree", empty, "-m", "site 1")
    two = repo.git("commit-tree", empty, "-p", one, "-m", "site 2")
    assert start_of(repo.path, "gh-pages") is None
    repo.git("update-ref", "refs/remotes/origin/gh-pages", two)
    assert start_of(repo.path, "gh-pages") == two  # no local branch: what is online
    repo.git("update-ref", "refs/heads/gh-pages", one)
    assert start_of(repo.path, "gh-pages") == two  # behind: what is online
    assert rev_parse(repo.path, "refs/heads/gh-pages") == one  # and nothing moved
    three = repo.git("commit-tree", empty, "-p", one, "-m", "site 3")
    repo.git("update-ref", "refs/heads/gh-pages", three)
    with pytest.raises(GitError, match="has diverged from origin/gh-pages"):
        start_of(repo.path, "gh-pages")


def test_config_bool(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a": "1\n"})
    assert config_bool(repo.path, "core.fileMode", False) is True  # git init writes it
    assert config_bool(repo.path, "vwo.nietgezet", True) is True
    repo.git("config", "vwo.uit", "no")
    assert config_bool(repo.path, "vwo.uit", True) is False


def test_stage_keeps_refs_apart_and_shares_the_objects(repo: GitRepo, tmp_path: Path) -> None:
    first = repo.commit("Eerste", files={"a": "1\n"})
    stage = Stage(repo.path, tmp_path / "stage.git")
    assert stage.get("refs/heads/gh-pages") is None
    stage.set("refs/heads/gh-pages", first)
    assert stage.get("refs/heads/gh-pages") == first
    assert rev_parse(repo.path, "refs/heads/gh-pages") is None  # the repository's refs are untouched
    before = dict(os.environ)
    with stage.active({"GIT_COMMITTER_DATE": "1546300800 +0100"}):
        made = subprocess.run(
            ["git", "commit-tree", "-p", first, "-m", "in de stage", f"{first}^{{tree}}"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        subprocess.run(["git", "update-ref", "refs/heads/gh-pages", made], check=True)
    assert dict(os.environ) == before
    assert stage.get("refs/heads/gh-pages") == made
    assert repo.git("cat-file", "-t", made) == "commit"  # stored in the repository's own objects
    assert repo.git("for-each-ref", "refs/heads/gh-pages") == ""
