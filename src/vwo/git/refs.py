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
from dataclasses import dataclass
from pathlib import Path

from vwo.git.neutral import neutralise
from vwo.git.run import UNSHALLOW, GitError, ShallowCloneError, call, run

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


def update_ref(root: Path, ref: str, new: str | None, *, old: str | _Unchecked | None = UNCHECKED) -> None:
    """Point ``ref`` (``refs/...``) at commit id ``new``; None deletes it.

    Compare-and-swap: with ``old`` an id, git changes the ref only if it still points
    there; ``old=None`` only if it does not exist yet. Otherwise (a concurrent change)
    ``GitError`` is raised and the ref is left as it was."""
    if not ref.startswith("refs/"):
        raise ValueError(f"not a full ref name: {ref!r}")  # a caller's bug
    for value in (new, old):
        if isinstance(value, str) and not OBJECT_ID.fullmatch(value):
            raise ValueError(f"not an object id: {value!r}")
    expected = [] if old is UNCHECKED else [ZERO_ID if old is None else old]
    try:
        if new is None:
            if old is UNCHECKED and rev_parse(root, ref) is None:
                return
            run(root, "update-ref", "-d", ref, *expected)
        else:
            run(root, "update-ref", ref, new, *expected)
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
