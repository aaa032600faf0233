"""Read the agreement's text as it was at a git revision (for ``vwo compare @<rev>``).

Pipeline: revision -> one ``git log -1`` (verifies it, gives the commit date) -> one
``git ls-tree`` of ``docs/`` -> the blobs through GitPython's single persistent
``git cat-file --batch`` process -> ``{relative path: text}`` for ``vwo.parse``.
Git's own error text is passed on in a ``VwoError``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import git

from vwo.errors import VwoError
from vwo.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE


def text_at_revision(root: Path, rev: str, folder: str = "docs") -> tuple[dict[str, str], date]:
    """The agreement sources under ``folder`` at ``rev``, and the commit's date."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise VwoError(
            str(root), "not a git repository", "run it in the repository, or pass -C PATH"
        ) from None
    try:
        return _read(repo, rev, folder)
    finally:
        repo.close()  # ends GitPython's persistent cat-file process


def _read(repo: git.Repo, rev: str, folder: str) -> tuple[dict[str, str], date]:
    try:
        head = repo.git.log("-1", "--format=%H%x1f%cs", rev, "--")
        sha, day = head.split("\x1f")
        listing = repo.git.ls_tree("-r", "-z", "--name-only", sha, "--", folder + "/")
    except git.GitCommandError as error:
        raise VwoError(
            f"@{rev}", f"git cannot read this revision: {error.stderr.strip()}", "use a branch, tag or commit"
        ) from None
    wanted = {AGREEMENT_FILE, EXPLANATION_FILE}
    sources: dict[str, str] = {}
    for path in filter(None, listing.split("\0")):
        rel = path[len(folder) + 1 :]
        is_annex = rel.startswith(ANNEX_DIR + "/") and rel.endswith(".md") and rel.count("/") == 1
        if rel in wanted or is_annex:
            _, _, _, data = repo.git.get_object_data(f"{sha}:{path}")
            sources[rel] = data.decode("utf-8")
    return sources, date.fromisoformat(day)
