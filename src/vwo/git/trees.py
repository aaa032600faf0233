"""Trees and the objects a new commit is made of, without touching the working tree or
the index: entries with their modes (``ls-tree``), object ids (``cat-file --batch-check``),
new blobs (``hash-object -w``), a tree built from another one plus new files (a
temporary index of our own), commits (``commit-tree``) and annotated tags.

Why plumbing: ``vwo adopt`` must be able to stop at any moment without leaving anything
behind, so it writes objects first (invisible until a ref points at them) and moves the
branch last, with one compare-and-swap (``vwo.git.refs.update_ref``).

Paths come back as git stores them (``-z``, no quoting); modes as git writes them:
``100644`` file, ``100755`` executable, ``120000`` symbolic link, ``160000`` submodule,
``040000`` tree.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vwo.git.run import run, run_bytes

FILE, EXECUTABLE, SYMLINK = "100644", "100755", "120000"


@dataclass(frozen=True)
class Entry:
    """One file of a tree: its mode and its blob (or, for a submodule, commit) id."""

    mode: str
    object: str


def tree_entries(root: Path, tree: str) -> dict[str, Entry]:
    """Every file of ``tree`` (a tree id, or ``<commit>:<folder>``), by its path inside it."""
    out = run_bytes(root, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", tree)
    entries: dict[str, Entry] = {}
    for item in out.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, _kind, object_id = meta.decode("ascii").split()
        entries[path.decode("utf-8", "surrogateescape")] = Entry(mode, object_id)
    return entries


def object_ids(root: Path, names: Iterable[str]) -> dict[str, tuple[str, str] | None]:
    """``{name: (object id, type)}`` for object names (ids, ``<rev>:<path>``), None where git
    has no such object; one ``git cat-file --batch-check``."""
    wanted = list(dict.fromkeys(names))
    for name in wanted:
        if "\n" in name or "\0" in name:
            raise ValueError(f"object name with a line break: {name!r}")  # a caller's bug
    if not wanted:
        return {}
    out = run(root, "cat-file", "--batch-check", stdin=("\n".join(wanted) + "\n").encode("utf-8"))
    found: dict[str, tuple[str, str] | None] = {}
    for name, line in zip(wanted, out.split("\n"), strict=True):
        fields = line.split()
        found[name] = (fields[0], fields[1]) if len(fields) == 3 and fields[2].isdigit() else None
    return found


def object_format(root: Path) -> str:
    """``sha1`` or ``sha256``: how this repository names its objects."""
    return run(root, "rev-parse", "--show-object-format").strip() or "sha1"


def blob_id(data: bytes, fmt: str = "sha1") -> str:
    """The id git gives a blob with ``data`` (what ``git hash-object`` prints), computed here."""
    digest = hashlib.sha256() if fmt == "sha256" else hashlib.sha1()
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def write_blob(root: Path, data: bytes) -> str:
    """Store ``data`` as a blob (no filters: the bytes as given); returns its id."""
    return run(root, "hash-object", "-w", "--no-filters", "--stdin", stdin=data).strip()


def tree_with(root: Path, base: str, files: Mapping[str, Entry]) -> str:
    """The id of a new tree: the tree of commit ``base`` with ``files`` (path from the
    repository root -> entry) added or replaced. Built in a temporary index, so neither
    the repository's index nor its working tree is touched."""
    with tempfile.TemporaryDirectory(prefix="vwo-index-") as tmp:
        env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
        run(root, "read-tree", "--end-of-options", base, env=env)
        info = "".join(f"{entry.mode} {entry.object}\t{path}\0" for path, entry in files.items())
        run(root, "update-index", "-z", "--index-info", stdin=info.encode("utf-8"), env=env)
        return run(root, "write-tree", env=env).strip()


def commit_tree(root: Path, tree: str, parents: Iterable[str], message: str) -> str:
    """A new commit of ``tree`` with ``parents`` and ``message`` (taken as it is: no
    clean-up, no trailers added), by git's committer and author of this environment."""
    args = ["commit-tree"]
    for parent in parents:
        args += ["-p", parent]
    return run(root, *args, "-F", "-", "--end-of-options", tree, stdin=message.encode("utf-8")).strip()
