"""Blobs and trees through the git adapter (``vwo.git.objects``), real throwaway repositories."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from vwo.git.log import log
from vwo.git.objects import BlobReader, export_tree, list_files, paths_exist, read_blobs, read_texts
from vwo.git.run import GitError
from vwo.history.records import ABSENT


def blob(repo: GitRepo, name: str) -> str:
    return repo.git("rev-parse", name)


def test_read_blobs_by_id_and_by_path(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "één\n", "docs/b.md": "# B\n"})
    a = blob(repo, "HEAD:a.txt")
    assert read_blobs(repo.path, [a, "HEAD:docs/b.md"]) == {a: "één\n".encode(), "HEAD:docs/b.md": b"# B\n"}


def test_read_blobs_gives_none_for_what_is_missing_or_no_blob(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"docs/b.md": "# B\n"})
    names = ["HEAD:geen.md", "geen-tak:docs/b.md", "HEAD:docs", "HEAD", "1" * 40, "HEAD:pad met spatie"]
    assert read_blobs(repo.path, names) == dict.fromkeys(names)


def test_read_blobs_keeps_bytes_exactly(repo: GitRepo) -> None:
    data = bytes(range(256)) * 3 + b"\n\nHEAD missing\n"
    path = repo.path / "raw.bin"
    path.write_bytes(data)
    sha = repo.git("hash-object", "-w", str(path))
    assert read_blobs(repo.path, [sha, "HEAD:geen"]) == {sha: data, "HEAD:geen": None}


def test_read_blobs_of_nothing_starts_no_git(tmp_path: Path) -> None:
    assert read_blobs(tmp_path, []) == {}  # not even a repository is needed


def test_a_name_with_a_line_break_is_refused(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    with pytest.raises(ValueError, match="line break"):
        read_blobs(repo.path, ["HEAD:a.txt\nHEAD:b.txt"])


def test_a_name_cannot_be_an_option(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    assert read_blobs(repo.path, ["--batch-all-objects", "-p"]) == {"--batch-all-objects": None, "-p": None}


def test_the_blob_reader_reads_while_a_log_streams(repo: GitRepo) -> None:
    for n in range(5):
        repo.commit(f"Commit {n}", files={"docs/a.md": f"stand {n}\n"})
    wanted: list[str] = []
    with BlobReader(repo.path) as reader:
        for record in log(repo.path, ["HEAD"]):
            names = [c.new_blob for c in record.changes] + [c.old_blob for c in record.changes]
            reader.want(names)
            wanted += names
        texts = reader.texts()
    assert ABSENT in wanted and ABSENT not in texts
    assert sorted(texts.values(), key=str) == [f"stand {n}\n" for n in range(5)]


def test_the_blob_reader_asks_each_name_once(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    a = blob(repo, "HEAD:a.txt")
    with BlobReader(repo.path) as reader:
        reader.want([a, a])
        reader.want([a, "HEAD:geen"])
        assert reader.texts() == {a: "1\n", "HEAD:geen": None}


def test_the_blob_reader_decodes_invalid_utf8_with_replacement(repo: GitRepo) -> None:
    path = repo.path / "kapot.md"
    path.write_bytes(b"caf\xe9 \xff\n")
    sha = repo.git("hash-object", "-w", str(path))
    with BlobReader(repo.path) as reader:
        reader.want([sha])
        assert reader.texts() == {sha: "caf\ufffd \ufffd\n"}


def test_an_unused_blob_reader_starts_no_git(tmp_path: Path) -> None:
    with BlobReader(tmp_path) as reader:
        reader.want([ABSENT])
        assert reader.texts() == {}


def test_the_blob_reader_outside_a_repository_raises(tmp_path: Path) -> None:
    with BlobReader(tmp_path) as reader, pytest.raises(GitError, match="not a git repository"):
        reader.want(["HEAD:a"])


def test_paths_exist_answers_for_each_name(repo: GitRepo) -> None:
    sha = repo.commit("Eerste", files={"versions/1.0/version.yml": "x\n"})
    names = [f"{sha}:versions/1.0", f"{sha}:versions/1.1", "HEAD:versions/1.0/version.yml", "geen:x"]
    assert paths_exist(repo.path, names) == {names[0]: True, names[1]: False, names[2]: True, names[3]: False}
    assert paths_exist(repo.path, []) == {}


def test_read_texts_on_a_branch(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"versions.json": '[{"version": "1.0"}]\n', "404.html": "<p>\u00e9</p>\n"})
    repo.git("branch", "gh-pages")
    repo.commit("Later", files={"versions.json": "[]\n"})
    assert read_texts(repo.path, "refs/heads/gh-pages", ["versions.json", "geen.json", "404.html"]) == {
        "versions.json": '[{"version": "1.0"}]\n',
        "geen.json": None,
        "404.html": "<p>\u00e9</p>\n",
    }
    assert read_texts(repo.path, "refs/heads/geen-tak", ["versions.json"]) == {"versions.json": None}
    assert read_texts(repo.path, "refs/heads/gh-pages", []) == {}


def test_list_files_under_a_folder(repo: GitRepo) -> None:
    sha = repo.commit(
        "Eerste",
        files={
            "docs/overeenkomst.md": "x\n",
            "docs/bijlagen/één.md": "y\n",
            "docsx/a.md": "z\n",
            "b.md": "w\n",
        },
    )
    assert list_files(repo.path, sha, "docs") == ["docs/bijlagen/één.md", "docs/overeenkomst.md"]
    assert list_files(repo.path, sha, "docs/") == list_files(repo.path, sha, "docs")
    assert list_files(repo.path, sha, "geen") == []


def test_list_files_of_a_missing_commit_raises(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    with pytest.raises(GitError) as failed:
        list_files(repo.path, "geen-tak", "docs")
    assert failed.value.command[0] == "ls-tree" and "geen-tak" in failed.value.stderr


def test_export_tree_writes_the_files_of_a_branch(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("Eerste", files={"index.html": "<p>x</p>\n", "1.0/index.html": "<p>1.0</p>\n"})
    repo.git("branch", "gh-pages")
    repo.commit("Later", files={"index.html": "<p>anders</p>\n"})
    export_tree(repo.path, "refs/heads/gh-pages", tmp_path / "uit")
    assert (tmp_path / "uit" / "index.html").read_text() == "<p>x</p>\n"
    assert (tmp_path / "uit" / "1.0" / "index.html").read_text() == "<p>1.0</p>\n"


def test_export_tree_of_an_option_like_name_is_refused(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    with pytest.raises(GitError):
        export_tree(repo.path, f"--output={tmp_path / 'x.tar'}", tmp_path / "uit")
    assert not (tmp_path / "x.tar").exists()
