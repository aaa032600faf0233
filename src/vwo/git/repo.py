"""The working tree and the committer: status, identity, commits, push."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vwo.git.neutral import neutralise
from vwo.git.run import call, run


def status_lines(root: Path) -> list[str]:
    """``git status --porcelain`` lines (untracked files included), neutralised."""
    out = run(root, "status", "--porcelain", "--untracked-files=all")
    return [neutralise(line) for line in out.splitlines() if line]


def identity(root: Path) -> tuple[str, str] | None:
    """The committer (name, email) git would use, or None if it has none (git refuses to
    commit then). Outside a repository this raises, like every function here."""
    status, out = call(root, "var", "GIT_COMMITTER_IDENT", accept=(0, 128))
    if status != 0:
        return None
    name, _, rest = out.decode("utf-8", "replace").partition(" <")
    return (name, rest.split(">", 1)[0]) if name else None


def commit_paths(root: Path, paths: Sequence[str], message: str, trailers: Sequence[tuple[str, str]]) -> str:
    """Stage ``paths`` and commit only them with ``trailers``; returns the new commit's id."""
    run(root, "add", "--", *paths)
    args = ["commit", "-q", "-m", message]
    for key, value in trailers:
        args += ["--trailer", f"{key}: {value}"]
    run(root, *args, "--", *paths)
    return run(root, "rev-parse", "--verify", "HEAD^{commit}")


def unstage(root: Path, paths: Sequence[str]) -> None:
    """Take ``paths`` out of the index again (the working tree stays as it is)."""
    run(root, "reset", "-q", "--", *paths)


def push(root: Path, remote: str, branch: str) -> None:
    run(root, "push", "--", remote, branch)


def index_tree(root: Path) -> str:
    """The tree the index holds now (``git write-tree``: stores it, changes nothing else)."""
    return run(root, "write-tree").strip()


def unstaged_changes(root: Path) -> bool:
    """Whether a tracked file in the working tree differs from the index."""
    status, _ = call(root, "diff", "--quiet", "--no-ext-diff", accept=(0, 1))
    return status == 1


def move_worktree(root: Path, old: str, new: str) -> None:
    """Bring the index and the working tree from commit ``old`` to commit ``new`` (a
    two-tree ``read-tree -m -u``: files ``new`` adds or changes are written, nothing else
    is touched). HEAD itself is not moved: the caller moved its branch already."""
    run(root, "read-tree", "-m", "-u", "--end-of-options", old, new)


def config_bool(root: Path, key: str, default: bool) -> bool:
    """A boolean setting of git's configuration (``git config --type=bool``)."""
    status, out = call(root, "config", "--type=bool", "--get", key, accept=(0, 1))
    return out.decode("ascii", "replace").strip() == "true" if status == 0 else default
