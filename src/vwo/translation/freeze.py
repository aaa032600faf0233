"""Freeze a folder into a commit without half work: the small interface that
``vwo translation publish`` needs from git.

- ``commit_files``: a commit on top of HEAD that adds ``files`` (bytes by path), made
  from git's objects in a temporary index (the working tree and the real index are not
  touched), then the ONE visible step: the branch moved by compare-and-swap (a
  concurrent change refuses), the index and working tree brought along (``read-tree -m
  -u``: only the new files are written) and the annotated tag made, with the signals
  that stop a program (INT, TERM, HUP) held back until it is done;
- ``finish_interrupted``: what is left to do after a SIGKILL in that step.

Before the branch moves, an interruption leaves only objects nobody points at.

This is the same mechanism as ``vwo adopt`` uses for versions (branch ``wip/immutable``:
``vwo.git.trees``, ``vwo.interrupt``, ``vwo.lock``); once that is on main these functions
call it instead.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from vwo.git.refs import update_ref
from vwo.git.repo import tag_exists
from vwo.git.run import call, run

HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def held_signals() -> Iterator[None]:
    """INT, TERM and HUP wait until the block is done, then take effect as they would have.

    Python handlers that only record the signal (the main thread's business: elsewhere
    the block runs unguarded), not the thread's signal mask: a signal sent to the process
    reaches any thread that does not block it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    old = {number: signal.signal(number, lambda number, frame: caught.append(number)) for number in HELD}
    try:
        yield
    finally:
        for number, handler in old.items():
            signal.signal(number, handler)
        for first in caught[:1]:
            os.kill(os.getpid(), first)


def current_branch(root: Path) -> str | None:
    status, out = call(root, "symbolic-ref", "-q", "HEAD", accept=(0, 1))
    name = out.decode("utf-8", "replace").strip()
    return name if status == 0 and name.startswith("refs/heads/") else None


def tree_with(root: Path, head: str, files: Mapping[str, bytes]) -> str:
    """The tree of ``head`` with ``files`` added (written as blobs), via a temporary index."""
    with tempfile.TemporaryDirectory(prefix="vwo-index-") as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        run(root, "read-tree", "--end-of-options", head, env=env)
        lines = []
        for path, content in sorted(files.items()):
            blob = run(root, "hash-object", "-w", "--stdin", stdin=content)
            lines.append(f"100644 {blob}\t{path}\n")
        run(root, "update-index", "--add", "--index-info", stdin="".join(lines).encode("utf-8"), env=env)
        return run(root, "write-tree", env=env)


def folder_tree(root: Path, tree: str, folder: str) -> str:
    return run(root, "rev-parse", "--verify", "--end-of-options", f"{tree}:{folder}")


def commit_files(
    root: Path,
    head: str,
    branch: str,
    files: Mapping[str, bytes],
    folder: str,
    message: Callable[[str], str],
    tag: Callable[[str], tuple[str, str]],
) -> str:
    """Commit ``files`` on top of ``head`` on ``branch`` and tag it; ``message`` and ``tag``
    (name, message) are made from the tree of ``folder`` in the new commit."""
    tree = tree_with(root, head, files)
    proof = folder_tree(root, tree, folder)
    sha = run(root, "commit-tree", tree, "-p", head, "-F", "-", stdin=message(proof).encode("utf-8"))
    name, text = tag(proof)
    with held_signals():
        update_ref(root, branch, sha, old=head)
        run(root, "read-tree", "-m", "-u", "--end-of-options", head, sha)
        make_tag(root, name, sha, text)
    return sha


def make_tag(root: Path, name: str, sha: str, message: str) -> None:
    run(root, "tag", "-a", "-F", "-", "--end-of-options", name, sha, stdin=message.encode("utf-8"))


def finish_interrupted(root: Path, head: str, parent: str, folder: str, tag: tuple[str, str]) -> bool:
    """After a SIGKILL between moving the branch and the tag: bring the index and working
    tree from ``parent`` to ``head`` (if they are still at ``parent``) and make the tag.
    Returns whether anything was done."""
    done = False
    index = run(root, "write-tree")
    parent_tree = run(root, "rev-parse", "--verify", f"{parent}^{{tree}}")
    if index == parent_tree and not (root / folder).exists():
        run(root, "read-tree", "-m", "-u", "--end-of-options", parent, head)
        done = True
    if not tag_exists(root, tag[0]):
        make_tag(root, tag[0], head, tag[1])
        done = True
    return done
