"""Git commands for versions, adopt, publish and compare: one small adapter.

(The history reader with its single streamed ``git log`` lives in ``vwo.git.log``.)

Every function takes the repository root and runs one git command through GitPython
(``Repo(root).git``); failures raise ``GitError`` carrying git's stderr. History is
read with a single ``git log`` per question, never commit by commit.
"""

from __future__ import annotations

import io
import os
import tarfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import chdir, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import git

from vwo.errors import VwoError
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE

FIELD, RECORD, VALUES = "\x1f", "\x1e", "\x1d"


class GitError(VwoError):
    """A git command failed; ``what`` holds git's own message."""


def _repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            str(root), "not a git repository", "run the command in the repository root or use -C"
        ) from None


def run(root: Path, *args: str, env: Mapping[str, str] | None = None, strip: bool = True) -> str:
    """``git <args>`` in ``root``; returns stdout, raises ``GitError`` with stderr."""
    try:
        out = _repo(root).git.execute(["git", *args], env=dict(env or {}), strip_newline_in_stdout=strip)
    except git.GitCommandError as error:
        stderr = str(error.stderr or "").strip().removeprefix("stderr: ").strip("'\n ")
        raise GitError(f"git {' '.join(args[:2])}", stderr or f"exit status {error.status}") from None
    return str(out)


def run_bytes(root: Path, *args: str) -> bytes:
    try:
        out = _repo(root).git.execute(["git", *args], stdout_as_string=False)
    except git.GitCommandError as error:
        raise GitError(f"git {' '.join(args[:2])}", str(error.stderr or "").strip()) from None
    assert isinstance(out, bytes)
    return out


@dataclass(frozen=True)
class CommitRecord:
    sha: str
    timestamp: int
    subject: str
    trailers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def values(self, key: str) -> tuple[str, ...]:
        return self.trailers.get(key.lower(), ())

    def first(self, key: str) -> str | None:
        values = self.values(key)
        return values[0] if values else None


def log_trailers(root: Path, rev: str, keys: Sequence[str]) -> list[CommitRecord]:
    """Commits of ``rev`` (a revision or range), newest first, with the trailers ``keys``."""
    parts = ["%H", "%ct", "%s"] + [f"%(trailers:key={key},valueonly,separator=%x1d)" for key in keys]
    out = run(root, "log", f"--format={'%x1f'.join(parts)}%x1e", rev, "--")
    records: list[CommitRecord] = []
    for chunk in out.split(RECORD):
        chunk = chunk.strip("\n")
        if not chunk:
            continue
        sha, stamp, subject, *values = chunk.split(FIELD)
        trailers = {
            key.lower(): tuple(v.strip() for v in value.strip().split(VALUES) if v.strip())
            for key, value in zip(keys, values, strict=True)
        }
        records.append(CommitRecord(sha, int(stamp), subject, {k: v for k, v in trailers.items() if v}))
    return records


def status_lines(root: Path) -> list[str]:
    """``git status --porcelain`` lines, untracked files included."""
    return [line for line in run(root, "status", "--porcelain", "--untracked-files=all").splitlines() if line]


def is_shallow(root: Path) -> bool:
    return run(root, "rev-parse", "--is-shallow-repository") == "true"


def rev_parse(root: Path, rev: str) -> str | None:
    """The commit ``rev`` names, or None if it does not exist."""
    try:
        return run(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        return None


def set_ref(root: Path, branch: str, sha: str | None) -> None:
    """Point ``refs/heads/<branch>`` at ``sha``; None deletes the branch."""
    ref = f"refs/heads/{branch}"
    if sha is None:
        if rev_parse(root, ref) is not None:
            run(root, "update-ref", "-d", ref)
    else:
        run(root, "update-ref", ref, sha)


def read_branch_file(root: Path, branch: str, path: str) -> str | None:
    """The text of ``path`` on ``branch``, or None if the branch or file is missing."""
    try:
        return run(root, "show", f"{branch}:{path}", strip=False)
    except GitError:
        return None


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    kind: str
    sha: str
    path: str


def ls_tree(root: Path, rev: str, path: str = "", *, recursive: bool = True) -> list[TreeEntry]:
    args = ["ls-tree", "-z"] + (["-r"] if recursive else []) + [rev] + ([path] if path else [])
    entries = []
    for item in run(root, *args).split("\0"):
        if not item:
            continue
        meta, name = item.split("\t", 1)
        mode, kind, sha = meta.split()
        entries.append(TreeEntry(mode, kind, sha, name))
    return entries


def export_tree(root: Path, rev: str, target: Path) -> None:
    """Write the files of ``rev`` into ``target`` (``git archive``, no checkout)."""
    data = run_bytes(root, "archive", "--format=tar", rev)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")


def identity(root: Path) -> tuple[str, str] | None:
    """The committer (name, email) git would use, or None if it has none."""
    try:
        line = run(root, "var", "GIT_COMMITTER_IDENT")
    except GitError:
        return None
    name, _, rest = line.partition(" <")
    return (name, rest.split(">", 1)[0]) if name else None


def added_commits(root: Path, pathspecs: Iterable[str]) -> dict[str, CommitRecord]:
    """For each file matching ``pathspecs``: the newest commit that added it (one ``git log``)."""
    out = run(
        root,
        "log",
        "--diff-filter=A",
        "--format=%x1e%H%x1f%ct%x1f%s",
        "--name-only",
        "HEAD",
        "--",
        *pathspecs,
    )
    found: dict[str, CommitRecord] = {}
    for chunk in out.split(RECORD):
        if not chunk.strip():
            continue
        head, _, names = chunk.partition("\n")
        sha, stamp, subject = head.split(FIELD)
        for name in names.splitlines():
            if name.strip():
                found.setdefault(name.strip(), CommitRecord(sha, int(stamp), subject))
    return found


def commit_paths(root: Path, paths: Sequence[str], message: str, trailers: Sequence[tuple[str, str]]) -> str:
    """Stage ``paths`` and commit them with ``trailers``; returns the new sha."""
    run(root, "add", "--", *paths)
    args = ["commit", "-q", "-m", message]
    for key, value in trailers:
        args += ["--trailer", f"{key}: {value}"]
    run(root, *args, "--", *paths)
    return run(root, "rev-parse", "HEAD")


def push(root: Path, remote: str, branch: str) -> None:
    run(root, "push", "--", remote, branch)


def head_commit(root: Path) -> CommitRecord:
    sha, stamp, subject = run(root, "log", "-1", "--format=%H%x1f%ct%x1f%s", "HEAD", "--").split(FIELD)
    return CommitRecord(sha, int(stamp), subject)


@contextmanager
def mike_session(root: Path) -> Iterator[None]:
    """Let mike's git calls (which run in the current directory) reach ``root``.

    mike commits with the date of ``HEAD``, so publishing the same commit twice
    writes identical commits.
    """
    stamp = run(root, "log", "-1", "--format=%cd", "--date=raw", "HEAD", "--")
    saved = os.environ.get("GIT_COMMITTER_DATE")
    os.environ["GIT_COMMITTER_DATE"] = stamp
    try:
        with chdir(root):
            yield
    finally:
        if saved is None:
            os.environ.pop("GIT_COMMITTER_DATE", None)
        else:
            os.environ["GIT_COMMITTER_DATE"] = saved


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    try:
        run(root, "merge-base", "--is-ancestor", older, newer)
    except GitError:
        return False
    return True


def fast_forward(root: Path, branch: str, remote: str = "origin") -> bool:
    """Bring ``branch`` up to ``<remote>/<branch>`` when it is missing or behind (as mike does).

    Returns whether it moved; raises when the two have diverged.
    """
    theirs = rev_parse(root, f"refs/remotes/{remote}/{branch}")
    ours = rev_parse(root, f"refs/heads/{branch}")
    if theirs is None or ours == theirs or (ours is not None and is_ancestor(root, theirs, ours)):
        return False
    if ours is not None and not is_ancestor(root, ours, theirs):
        raise GitError(
            f"branch {branch}",
            f"has diverged from {remote}/{branch}",
            f"inspect both; to start from what is online: git branch -f {branch} {remote}/{branch}",
        )
    set_ref(root, branch, theirs)
    return True


def text_at_revision(root: Path, rev: str, folder: str = "docs") -> tuple[dict[str, str], date]:
    """The agreement sources under ``folder`` at ``rev`` (for ``vwo compare @<rev>``), and the
    commit's date: one ``git log -1``, one ``git ls-tree``, then the blobs through GitPython's
    single persistent ``git cat-file --batch`` process."""
    repo = _repo(root)
    try:
        try:
            head = repo.git.log("-1", "--format=%H%x1f%cs", rev, "--")
            sha, day = head.split(FIELD)
            listing = repo.git.ls_tree("-r", "-z", "--name-only", sha, "--", folder + "/")
        except git.GitCommandError as error:
            what = f"git cannot read this revision: {error.stderr.strip()}"
            raise VwoError(f"@{rev}", what, "use a branch, tag or commit") from None
        wanted = {AGREEMENT_FILE, EXPLANATION_FILE}
        sources: dict[str, str] = {}
        for path in filter(None, listing.split("\0")):
            rel = path[len(folder) + 1 :]
            is_annex = rel.startswith(ANNEX_DIR + "/") and rel.endswith(".md") and rel.count("/") == 1
            if rel in wanted or is_annex:
                _, _, _, data = repo.git.get_object_data(f"{sha}:{path}")
                sources[rel] = data.decode("utf-8")
        return sources, date.fromisoformat(day)
    finally:
        repo.close()  # ends GitPython's persistent cat-file process
