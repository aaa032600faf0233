"""The working tree and the committer: status, identity, commits, push; and the checks
that ``vwo adopt`` and ``vwo translation publish`` make before they commit anything
(``require_clean_tree``, ``require_identity``, ``require_no_tag``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vwo.errors import VwoError
from vwo.git.neutral import neutralise
from vwo.git.run import call, run

SHOWN_CHANGES = 5  # how many uncommitted changes an error names


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


def require_clean_tree(root: Path) -> None:
    """Refuse a working tree with uncommitted changes (untracked files included), naming
    the first few: what is frozen or committed must be exactly what git tracks."""
    dirty = status_lines(root)
    if dirty:
        shown = "; ".join(line.strip() for line in dirty[:SHOWN_CHANGES])
        more = " …" if len(dirty) > SHOWN_CHANGES else ""
        raise VwoError(
            str(root),
            f"the working tree has uncommitted changes: {shown}{more}",
            "commit or stash them first",
        )


def require_identity(root: Path) -> None:
    if identity(root) is None:
        raise VwoError(str(root), "git has no committer identity", "set git config user.name and user.email")


def tag_exists(root: Path, name: str) -> bool:
    status, _ = call(root, "rev-parse", "-q", "--verify", f"refs/tags/{name}", accept=(0, 1))
    return status == 0


def require_no_tag(root: Path, name: str, what: str) -> None:
    """Refuse a tag ``name`` left without the ``what`` it names (a stray tag): adopting
    would give the new commit a tag that points elsewhere."""
    if tag_exists(root, name):
        raise VwoError(
            f"tag {name}",
            f"exists already, but there is no such {what}",
            f"delete the stray tag: git tag -d {name}",
        )


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
