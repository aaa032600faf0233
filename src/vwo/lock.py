"""One lock per repository for the commands that change it (``vwo adopt``, ``vwo publish``,
``vwo tag-versions``), so two runs can never interleave.

The lock is ``vwo.lock`` in the git folder all worktrees share, held with ``flock``: the
kernel releases it when the process ends, however it ends (also SIGKILL), so a lock can
never outlive its holder and block the next run. The holder removes the file when it is
done; a file left by a killed run is empty of meaning and is locked again by the next.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from vwo.errors import VwoError
from vwo.git.refs import git_dirs

LOCK_FILE = "vwo.lock"


def lock_path(root: Path) -> Path:
    return git_dirs(root)[1] / LOCK_FILE


@contextmanager
def repository_lock(root: Path, command: str) -> Iterator[Path]:
    """Hold the repository's lock for ``command`` (shown to a second run), or raise
    ``VwoError`` at once if another run holds it."""
    path = lock_path(root)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another vwo command"
            os.close(fd)
            raise VwoError(
                str(path),
                f"this repository is in use by {holder}",
                "wait until it has finished, then run the command again (the lock ends with that process, "
                "also when it is killed)",
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed it just before we locked it: lock the new file
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"vwo {command} (pid {os.getpid()})\n".encode(), 0)
        yield path
    finally:
        with suppress(FileNotFoundError):
            os.unlink(path)
        os.close(fd)
