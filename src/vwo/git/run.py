"""The runner of the git adapter: every git process of the package starts here.

Each call is ``git --no-replace-objects -C <root> -c core.quotepath=off <args>`` (and no
graft file) through ``subprocess`` with an argument list (never a shell). A failure
raises ``GitError``, which carries the command, git's exit status and its stderr
(neutralised: git echoes names it was given, and those can come from commit text or a
pull request).

Why ``subprocess`` and not GitPython's ``Git.execute``: ``execute`` is a wrapper around
the same ``Popen`` that adds nothing this adapter uses, and costs three workarounds
(standard input only from a real file; a process handle that kills git when it is
garbage-collected, so streams had to keep it referenced; ``GIT_PYTHON_REFRESH`` so that
importing it without a git program does not fail) plus about 0.1-0.2 s of import per
build process. The repository is found the way ``git.Repo(root)`` found it: ``root``
itself must hold ``.git`` (a folder, or the file of a worktree); an enclosing repository
never counts, so an unpacked archive inside someone's clone has no history rather than
someone else's.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from os import devnull, environ
from pathlib import Path
from typing import IO

from vwo.errors import VwoError
from vwo.git.neutral import neutralise

_MAX_STDERR_LINES = 20


class GitError(VwoError):
    """A git command failed, or there is no repository to run it in.

    ``command`` is the argument list after ``git``, ``stderr`` git's own message
    (neutralised), ``status`` its exit status (None when git did not run)."""

    def __init__(
        self,
        where: str,
        what: str,
        hint: str = "",
        *,
        command: Sequence[str] = (),
        stderr: str = "",
        status: int | None = None,
    ) -> None:
        self.command = tuple(command)
        self.stderr = stderr
        self.status = status
        super().__init__(where, what, hint)


class NoGitError(GitError):
    """No history here: not a git repository (an unpacked archive), or no git program."""


class ShallowCloneError(GitError):
    """A shallow clone, where the answer needs the whole history."""


UNSHALLOW = (
    "fetch the full history with 'git fetch --unshallow' "
    "(in GitHub Actions: actions/checkout with 'fetch-depth: 0')"
)


def command(root: Path, args: Sequence[str]) -> list[str]:
    # Replacement objects (git replace) and grafts make git show other commits and trees
    # than the ones stored: history, and the proof of publication, are read as stored.
    return ["git", "--no-replace-objects", "-C", str(root), "-c", "core.quotepath=off", *args]


def environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every git process: the caller's, without a graft file."""
    return {**environ, "GIT_GRAFT_FILE": devnull, **(extra or {})}


def _check_root(root: Path) -> None:
    if not root.is_dir():
        raise NoGitError(str(root), "no such folder", "check the path (given with -C?)")
    dot_git = root / ".git"
    if not dot_git.exists():
        raise NoGitError(
            str(root),
            "not a git repository (no .git here)",
            "work in a clone of the repository (git clone <URL>), or point -C at one",
        )
    if dot_git.is_file():  # a worktree or submodule: "gitdir: <path>"
        text = dot_git.read_bytes().decode("utf-8", "replace")
        target = text.removeprefix("gitdir:").strip() if text.startswith("gitdir:") else ""
        if not target or not (root / target).is_dir():
            shown = neutralise(target[:200]) or "nothing"
            raise GitError(
                str(dot_git),
                f"names the repository {shown}, which does not exist",
                "a worktree whose repository moved or was removed: clone the repository again "
                "(or run 'git worktree repair' in the repository)",
            )


def _no_program(root: Path) -> NoGitError:
    return NoGitError(
        str(root),
        "the git program is not installed, so there is no history to read",
        "install git (Debian: apt-get install git)",
    )


def failure(args: Sequence[str], status: int, stderr: bytes, hint: str = "") -> GitError:
    text = neutralise(stderr.decode("utf-8", "replace")).strip()
    lines = text.splitlines()
    shown = "\n".join(lines[:_MAX_STDERR_LINES]) + ("\n..." if len(lines) > _MAX_STDERR_LINES else "")
    what = shown or f"failed with exit status {status}"
    return GitError(f"git {args[0]}", what, hint, command=args, stderr=text, status=status)


def call(
    root: Path,
    *args: str,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    accept: Collection[int] = (0,),
) -> tuple[int, bytes]:
    """Run ``git <args>`` to completion: ``(exit status, stdout)``; raises ``GitError``
    unless the status is in ``accept``."""
    _check_root(root)
    try:
        result = subprocess.run(
            command(root, args),
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            env=environment(env),
            check=False,
        )
    except FileNotFoundError:
        raise _no_program(root) from None
    if result.returncode not in accept:
        raise failure(args, result.returncode, result.stderr)
    return result.returncode, result.stdout


def run_bytes(
    root: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None
) -> bytes:
    """``git <args>``: its stdout; raises ``GitError`` on failure."""
    return call(root, *args, stdin=stdin, env=env)[1]


def run(root: Path, *args: str, stdin: bytes | None = None, env: Mapping[str, str] | None = None) -> str:
    """``git <args>``: its stdout as text (UTF-8, invalid bytes replaced), without the final newline."""
    return run_bytes(root, *args, stdin=stdin, env=env).decode("utf-8", "replace").removesuffix("\n")


class Process:
    """A running git whose output is read while it runs; stderr goes to a temporary file,
    so a chatty git can never block on a full pipe."""

    def __init__(self, root: Path, args: Sequence[str], *, stdin: bool) -> None:
        _check_root(root)
        self.args = tuple(args)
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        try:
            self.popen = subprocess.Popen(
                command(root, args),
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                env=environment(),
            )
        except FileNotFoundError:
            self._stderr.close()
            raise _no_program(root) from None
        except BaseException:
            self._stderr.close()
            raise

    @property
    def stdout(self) -> IO[bytes]:
        assert self.popen.stdout is not None
        return self.popen.stdout

    @property
    def stdin(self) -> IO[bytes]:
        assert self.popen.stdin is not None
        return self.popen.stdin

    def finish(self) -> None:
        """Wait for git; raise ``GitError`` with its stderr if it failed."""
        _close(self.popen.stdin)
        status = self.popen.wait()
        if status != 0:
            self._stderr.seek(0)
            raise failure(self.args, status, self._stderr.read())

    def close(self) -> None:
        """Stop git if it still runs (the reader gave up early) and release the pipes."""
        if self.popen.poll() is None:
            self.popen.kill()
        _close(self.popen.stdin)
        _close(self.popen.stdout)
        self.popen.wait()
        self._stderr.close()


def _close(pipe: IO[bytes] | None) -> None:
    if pipe is not None and not pipe.closed:
        with suppress(BrokenPipeError):  # git exited before it read everything: its status says why
            pipe.close()


@contextmanager
def process(root: Path, *args: str, stdin: bool = False) -> Iterator[Process]:
    """A streamed ``git <args>``; the caller reads ``stdout`` and calls ``finish()``."""
    running = Process(root, args, stdin=stdin)
    try:
        yield running
    finally:
        running.close()
