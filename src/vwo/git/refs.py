"""Revisions and refs: the repository's state, the guard for revisions a user gives,
and ref updates with compare-and-swap.

A revision from the command line (``vwo compare @<rev>``, ``vwo lint-commits BASE..HEAD``)
is resolved to a commit id with ``git rev-parse --verify --end-of-options REV^{commit}``
before git sees it anywhere else; what reaches later commands is that id. Option-like
text (``--output=x``, ``-p``), ranges where one commit is expected, blobs, trees and
names that do not exist are refused with a message that names the culprit.
"""

from __future__ import annotations

import enum
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from vwo.git.neutral import neutralise
from vwo.git.run import UNSHALLOW, GitError, ShallowCloneError, call, run, run_bytes

OBJECT_ID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
ZERO_ID = "0" * 40
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class RepoState:
    head: str | None
    """The commit HEAD points at; None in a repository without commits."""
    shallow: bool


def repo_state(root: Path) -> RepoState:
    """HEAD's commit and whether this is a shallow clone, in one ``git rev-parse``."""
    _, out = call(
        root, "rev-parse", "--is-shallow-repository", "--verify", "--quiet", "HEAD^{commit}", accept=(0, 1)
    )
    lines = out.decode("ascii", "replace").split()
    head = lines[1] if len(lines) > 1 and OBJECT_ID.fullmatch(lines[1]) else None
    return RepoState(head, lines[:1] == ["true"])


def rev_parse(root: Path, rev: str) -> str | None:
    """The commit ``rev`` names (a ref or id the program itself chose), or None if there is
    none; other failures (no repository, corruption) raise ``GitError``."""
    status, out = call(
        root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", accept=(0, 1)
    )
    sha = out.decode("ascii", "replace").strip()
    return sha if status == 0 and OBJECT_ID.fullmatch(sha) else None


def resolve_commit(root: Path, rev: str, *, where: str | None = None) -> str:
    """The id of the one commit a user-supplied ``rev`` names; ``GitError`` (``where``,
    default the revision itself) for an option, a range, a blob or tree, or a name that
    does not exist, saying which."""
    where = neutralise(where if where is not None else rev)
    hint = "give one commit: a branch, a tag or a commit id, e.g. HEAD, main or v1.0"
    if not rev:
        raise GitError(where, "no revision given", hint)
    if rev.startswith("-"):
        raise GitError(where, "starts with '-', so git would read it as an option, not a revision", hint)
    if ".." in rev or rev.startswith("^") or rev.endswith(("^@", "^!")) or "^-" in rev:
        raise GitError(where, "is a range of commits, where one commit is expected", hint)
    if _CONTROL.search(rev):
        raise GitError(where, "contains a control character or a line break, which no revision has", hint)
    sha = rev_parse(root, rev)
    if sha is not None:
        return sha
    raise _not_a_commit(root, rev, where, hint)


def _not_a_commit(root: Path, rev: str, where: str, hint: str) -> GitError:
    status, out = call(root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev, accept=(0, 1))
    if status == 0:
        kind = run(root, "cat-file", "-t", out.decode("ascii", "replace").strip())
        return GitError(where, f"names a {kind}, not a commit", hint)
    state = repo_state(root)
    if state.head is None:
        return GitError(where, "the repository has no commits yet", "commit something first")
    if state.shallow:
        return ShallowCloneError(
            where,
            "no such commit in this shallow clone (its history is incomplete)",
            UNSHALLOW,
        )
    return GitError(where, "no such branch, tag or commit", hint + "; 'git branch -a' lists the branches")


def resolve_range(root: Path, text: str) -> tuple[str | None, str]:
    """``BASE..HEAD`` (either side may be empty: HEAD) or one revision (everything it
    reaches) -> ``(base id or None, head id)``; each side through ``resolve_commit``.
    In a shallow clone the range must lie inside the fetched history."""
    where = neutralise(text)
    if "..." in text:
        raise GitError(
            where, "a symmetric range (A...B) is not supported", "write it as BASE..HEAD, e.g. main..HEAD"
        )
    base_text, dots, head_text = text.partition("..")
    if not dots:
        base_text, head_text = "", text
    base = _side(root, base_text or "HEAD", where) if dots else None
    head = _side(root, head_text or "HEAD", where)
    if repo_state(root).shallow and (base is None or _merge_base(root, base, head) is None):
        raise ShallowCloneError(
            where,
            "this is a shallow clone, and the range reaches beyond its history, so commits would be missed",
            UNSHALLOW,
        )
    return base, head


def _side(root: Path, rev: str, where: str) -> str:
    try:
        return resolve_commit(root, rev, where=where)
    except GitError as error:
        what = f"{neutralise(rev)}: {error.what}" if rev != where else error.what
        raise type(error)(where, what, error.hint) from None


def _merge_base(root: Path, one: str, other: str) -> str | None:
    status, out = call(root, "merge-base", "--end-of-options", one, other, accept=(0, 1))
    return out.decode("ascii", "replace").strip() if status == 0 else None


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    """Whether commit ``older`` is reachable from ``newer``; a missing commit raises."""
    status, _ = call(root, "merge-base", "--is-ancestor", "--end-of-options", older, newer, accept=(0, 1))
    return status == 0


class _Unchecked(enum.Enum):
    UNCHECKED = "unchecked"


UNCHECKED = _Unchecked.UNCHECKED


def update_ref(
    root: Path, ref: str, new: str | None, *, old: str | _Unchecked | None = UNCHECKED, reason: str = ""
) -> None:
    """Point ``ref`` (``refs/...``) at commit id ``new``; None deletes it. ``reason`` goes
    into the reflog.

    Compare-and-swap: with ``old`` an id, git changes the ref only if it still points
    there; ``old=None`` only if it does not exist yet. Otherwise (a concurrent change)
    ``GitError`` is raised and the ref is left as it was."""
    if not ref.startswith("refs/"):
        raise ValueError(f"not a full ref name: {ref!r}")  # a caller's bug
    for value in (new, old):
        if isinstance(value, str) and not OBJECT_ID.fullmatch(value):
            raise ValueError(f"not an object id: {value!r}")
    expected = [] if old is UNCHECKED else [ZERO_ID if old is None else old]
    message = ["-m", neutralise(reason).replace("\n", " ")] if reason else []
    try:
        if new is None:
            if old is UNCHECKED and rev_parse(root, ref) is None:
                return
            run(root, "update-ref", *message, "-d", ref, *expected)
        else:
            run(root, "update-ref", *message, ref, new, *expected)
    except GitError as error:
        hint = "someone else changed it meanwhile: look at it again" if expected else ""
        raise GitError(
            f"ref {ref}", error.what, hint, command=error.command, stderr=error.stderr, status=error.status
        ) from None


def fast_forward(root: Path, branch: str, remote: str = "origin") -> bool:
    """Bring ``branch`` up to ``<remote>/<branch>`` when it is missing or behind (as mike does).

    Returns whether it moved; raises when the two have diverged."""
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
    update_ref(root, f"refs/heads/{branch}", theirs, old=ours)
    return True


def branch_name_problem(root: Path, name: str) -> str | None:
    """Why ``name`` cannot be a branch of its own (``git check-ref-format``, and names
    git accepts but that mean something else), or None if it can."""
    if not name:
        return "is empty"
    if _CONTROL.search(name):
        return "contains a control character"
    if name.startswith("-"):
        return "starts with '-', so git would read it as an option"
    if name == "HEAD" or name.startswith(("refs/", "heads/", "remotes/", "tags/")):
        return "names a ref git already uses, not a branch of its own"
    status, _ = call(root, "check-ref-format", f"refs/heads/{name}", accept=(0, 1))
    return None if status == 0 else "is not a valid branch name (git check-ref-format)"


def checked_out_branches(root: Path) -> dict[str, str]:
    """``{branch: worktree folder}`` for every branch checked out in a worktree of this repository."""
    out = run_bytes(root, "worktree", "list", "--porcelain", "-z")
    found: dict[str, str] = {}
    folder = ""
    for field in out.decode("utf-8", "replace").split("\0"):
        if field.startswith("worktree "):
            folder = field[len("worktree ") :]
        elif field.startswith("branch refs/heads/"):
            found[field[len("branch refs/heads/") :]] = folder
    return found


def share_history(root: Path, one: str, other: str) -> bool:
    """Whether two commits have a common ancestor."""
    return _merge_base(root, one, other) is not None


def git_dirs(root: Path) -> tuple[Path, Path]:
    """This worktree's git folder and the folder all worktrees share (refs, objects), absolute."""
    out = run(root, "rev-parse", "--path-format=absolute", "--absolute-git-dir", "--git-common-dir")
    own, common = out.splitlines()
    return Path(own), Path(common)


def symbolic_head(root: Path) -> str | None:
    """The branch HEAD is on (``refs/heads/...``), or None when HEAD is detached."""
    status, out = call(root, "symbolic-ref", "-q", "HEAD", accept=(0, 1))
    return out.decode("utf-8", "replace").strip() if status == 0 else None


@dataclass(frozen=True)
class Tag:
    """A tag ``refs/tags/<name>``: ``annotated`` tags have a tag object with a message;
    ``commit`` is the commit it points at (None if it points at something else)."""

    name: str
    annotated: bool
    commit: str | None
    message: str


def read_tags(root: Path, pattern: str) -> dict[str, Tag]:
    """Every tag whose name matches ``pattern`` (a ``for-each-ref`` pattern such as ``v*``),
    in one ``git for-each-ref``; fields on nonce separators, as the log's."""
    nonce = secrets.token_hex(8)
    fs, rs = f"%1f{nonce}", f"%1e{nonce}"  # for-each-ref writes %xx, not %xXX as git log
    fields = "%(refname:strip=2)", "%(objecttype)", "%(objectname)", "%(*objecttype)", "%(*objectname)"
    fmt = fs.join([*fields, "%(contents)"]) + rs
    out = run_bytes(root, "for-each-ref", f"--format={fmt}", "--", f"refs/tags/{pattern}")
    tags: dict[str, Tag] = {}
    for record in out.decode("utf-8", "replace").split("\x1e" + nonce):
        parts = record.lstrip("\n").split("\x1f" + nonce)
        if len(parts) != 6:
            continue
        name, kind, target, peeled_kind, peeled, message = parts
        annotated = kind == "tag"
        commit = (
            (peeled if peeled_kind == "commit" else None)
            if annotated
            else (target if kind == "commit" else None)
        )
        tags[name] = Tag(neutralise(name), annotated, commit, neutralise(message) if annotated else "")
    return tags


def create_tag(root: Path, name: str, commit: str, message: str, *, date: str | None = None) -> None:
    """Create the annotated tag ``name`` on ``commit``; ``GitError`` if it exists already
    (git never moves a tag without ``--force``, so this is a create-if-absent).
    ``date``: the tagger date in git's raw format (``<epoch> <+hhmm>``)."""
    if not OBJECT_ID.fullmatch(commit):
        raise ValueError(f"not an object id: {commit!r}")  # a caller's bug
    env = {"GIT_COMMITTER_DATE": date} if date else None
    run(
        root, "tag", "-a", "--cleanup=verbatim", "-F", "-", "--", name, commit,
        stdin=message.encode("utf-8"), env=env,
    )  # fmt: skip


def start_of(root: Path, branch: str, remote: str = "origin") -> str | None:
    """The commit a new state of ``branch`` builds on: ``<remote>/<branch>`` when the local
    branch is missing or behind it (what is online), else the local branch; None when
    neither exists. Raises when the two have diverged. Moves nothing."""
    theirs = rev_parse(root, f"refs/remotes/{remote}/{branch}")
    ours = rev_parse(root, f"refs/heads/{branch}")
    if theirs is None or ours == theirs:
        return ours
    if ours is None or is_ancestor(root, ours, theirs):
        return theirs
    if is_ancestor(root, theirs, ours):
        return ours
    raise GitError(
        f"branch {branch}",
        f"has diverged from {remote}/{branch}",
        f"inspect both; to start from what is online: git branch -f {branch} {remote}/{branch}",
    )
