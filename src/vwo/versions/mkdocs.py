"""The MkDocs and mike adapter of ``vwo publish``: one ``mkdocs build`` process per
version, and mike's Python API for the commits on the site branch.

The first build may run in a process started before it was known (``WarmWorker``,
``vwo.versions.build_worker``): it has loaded MkDocs and the hooks' modules meanwhile.

mike runs git itself, with the process environment: ``vwo.versions.publish`` points it
at a staging ref store (``vwo.git.stage``) for as long as it commits, so the real branch
moves only once, at the end. The builds are child processes this process watches
(``build_all``): an interruption stops them all, and on Linux they also stop when this
process is killed.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import IO

from vwo.errors import VwoError
from vwo.versions.plan import HASH_PROPERTY, Target

_PROBLEM_LINES = 15
_POLL = 0.01  # seconds between looks at the running builds


def engine() -> str:
    """The program that builds: MkDocs 1.6, or ProperDocs 1.6 (its drop-in fork, the exit
    path ``benchmarks/bench_properdocs.py`` measures) where MkDocs is not installed."""
    for program in ("mkdocs", "properdocs"):
        try:
            metadata.version(program)
        except metadata.PackageNotFoundError:
            continue
        if program == "properdocs":
            # mike and the hooks import mkdocs.*; ProperDocs answers those imports.
            import properdocs.replacement  # noqa: F401
        return program
    raise VwoError("vwo publish", "neither MkDocs nor ProperDocs is installed", "run `make install`")


def _arguments(config_file: Path, site_dir: Path, target: Target) -> tuple[list[str], dict[str, str]]:
    """The engine's command-line arguments for a build of ``target`` and the environment
    variables it needs besides this process's."""
    env = {
        "MIKE_DOCS_VERSION": target.name,
        "SOURCE_DATE_EPOCH": str(target.epoch),
        "NO_MKDOCS_2_WARNING": "1",
    }
    # No --quiet: with it MkDocs 1.6 stops counting warnings and --strict passes anyway.
    return ["build", "--strict", "-f", str(config_file), "-d", str(site_dir)], env


def _command(config_file: Path, site_dir: Path, target: Target) -> tuple[list[str], dict[str, str]]:
    args, env = _arguments(config_file, site_dir, target)
    return [sys.executable, "-m", engine(), *args], {**os.environ, **env}


def _die_with_parent() -> None:  # pragma: no cover (runs in the child)
    """Linux: the build gets SIGTERM when vwo dies, also by SIGKILL, instead of running on."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def build(config_file: Path, site_dir: Path, target: Target) -> str | None:
    """``mkdocs build --strict`` of ``target`` into ``site_dir``: None when it succeeded,
    else MkDocs' warnings and errors (or the last lines of its output)."""
    ((_, failed),) = build_all([(target, config_file, site_dir)], workers=1)
    return failed


Job = tuple[Target, Path, Path]
"""A build: the target, its config file and the site folder to build into."""

Running = tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]
"""A build process with the files its output goes to."""


def _spawn(command: list[str], env: Mapping[str, str], stdin: int) -> Running:
    out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the caller)
    err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
    linux = sys.platform.startswith("linux")
    popen = subprocess.Popen(
        command, env=env, stdout=out, stderr=err, stdin=stdin,
        preexec_fn=_die_with_parent if linux else None,  # no threads run at this point
    )  # fmt: skip
    return popen, out, err


class WarmWorker:
    """A build process that loads MkDocs before its build is known; ``take`` hands it a
    build (once), else leaving the ``with`` block stops it."""

    def __init__(self, root: Path, label: Path) -> None:
        command = [sys.executable, "-m", "vwo.versions.build_worker", engine(), str(root), str(label)]
        self._running: Running | None = _spawn(
            command, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}, subprocess.PIPE
        )

    @property
    def pid(self) -> int | None:
        """The process, while it waits for its build."""
        return self._running[0].pid if self._running is not None else None

    def take(self, config_file: Path, site_dir: Path, target: Target) -> Running | None:
        """The worker, running the build of ``target``; None when it is gone or used."""
        running, self._running = self._running, None
        if running is None:
            return None
        popen = running[0]
        args, env = _arguments(config_file, site_dir, target)
        try:
            assert popen.stdin is not None
            popen.stdin.write(json.dumps({"args": args, "env": env}).encode() + b"\n")
            popen.stdin.close()
        except OSError:  # it died (killed from outside): the build runs in a new process
            _stop(running)
            return None
        return running

    def __enter__(self) -> WarmWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._running is not None:
            _stop(self._running)
            self._running = None


def _stop(running: Running) -> None:
    popen, out, err = running
    popen.kill()
    popen.wait()
    if popen.stdin is not None:
        popen.stdin.close()
    out.close()
    err.close()


def build_all(
    jobs: list[Job],
    *,
    workers: int,
    started: Callable[[], None] = lambda: None,
    progress: Callable[[Target, bool], None] = lambda target, finished: None,
    warm: WarmWorker | None = None,
) -> list[tuple[Target, str | None]]:
    """Run the builds, ``workers`` at a time, as child processes this process watches, so
    an interruption (``vwo.interrupt.Interrupted``) stops every one of them at once; the
    first runs in ``warm`` when given. ``started`` is called once the first builds run,
    ``progress`` when each build starts (False) and ends (True). Returns, in order, each
    target and None or its problems."""
    waiting = list(enumerate(jobs))
    running: dict[int, Running] = {}
    results: dict[int, str | None] = {}
    announced = False
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, (target, config_file, site_dir) = waiting.pop(0)
                taken = warm.take(config_file, site_dir, target) if warm is not None else None
                if taken is None:
                    command, env = _command(config_file, site_dir, target)
                    taken = _spawn(command, env, subprocess.DEVNULL)
                running[index] = taken
                progress(target, False)
            if not announced:
                started()
                announced = True
            finished = [index for index, (popen, _, _) in running.items() if popen.poll() is not None]
            if not finished:
                time.sleep(_POLL)
            for index in finished:
                popen, stdout, stderr = running.pop(index)
                results[index] = None if popen.returncode == 0 else problems(_read(stderr) + _read(stdout))
                stdout.close()
                stderr.close()
                progress(jobs[index][0], True)
    finally:
        for item in running.values():
            _stop(item)
    return [(job[0], results[index]) for index, job in enumerate(jobs)]


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", "replace")


def problems(output: str, lines: int = _PROBLEM_LINES) -> str:
    """MkDocs' warnings and errors from a build's output, else its last lines."""
    found = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    shown = found or output.strip().splitlines()[-lines:]
    return "\n".join("  " + line for line in shown[:lines])


def load_mike() -> None:
    """Import mike now (while the builds run), not when the first commit needs it."""
    engine()  # before mike, which imports mkdocs.* at once
    import mike.commands
    import mike.git_utils  # noqa: F401


def deploy(site_dir: Path, target: Target, digest: str, branch: str, message: str) -> bool:
    """Commit the built site of ``target`` to ``branch`` (its aliases as copies, the build
    hash as a property); False when that changed nothing (no commit)."""
    engine()  # before mike, which imports mkdocs.* at once
    from mike import commands, git_utils  # imported late: mike is only needed to publish

    site = {"site_dir": str(site_dir), "use_directory_urls": True}
    try:
        with commands.deploy(
            site,
            target.name,
            target.title,
            list(target.aliases),
            update_aliases=True,
            alias_type=commands.AliasType.copy,
            branch=branch,
            message=message,
            set_props=[(HASH_PROPERTY, digest)],
        ):
            pass
    except git_utils.GitEmptyCommit:
        return False
    return True


def aliases(branch: str, version: str) -> list[str]:
    """The aliases ``version`` has on ``branch`` (mike's ``versions.json``)."""
    engine()  # before mike, which imports mkdocs.* at once
    from mike import commands

    return list(commands.list_versions(branch)[version].aliases)


def add_alias(branch: str, version: str, alias: str) -> None:
    """Give ``version`` the alias ``alias`` (a copy), moving it from any other version."""
    engine()  # before mike, which imports mkdocs.* at once
    from mike import commands

    site = {"site_dir": "", "use_directory_urls": True}
    commands.alias(
        site, version, [alias], update_aliases=True, alias_type=commands.AliasType.copy, branch=branch
    )


def commit_files(branch: str, message: str, files: Mapping[str, str]) -> None:
    """One commit on ``branch`` that writes ``files`` (path -> text) at its root."""
    engine()  # before mike, which imports mkdocs.* at once
    from mike import git_utils

    with git_utils.Commit(branch, message) as commit:
        for name, text in files.items():
            commit.add_file(git_utils.FileInfo(name, text))


def clear(branch: str, message: str) -> None:
    """One commit on ``branch`` that removes every file (taking over someone else's site)."""
    engine()  # before mike, which imports mkdocs.* at once
    from mike import git_utils

    with git_utils.Commit(branch, message, allow_empty=True) as commit:
        commit.delete_files("*")


def commit_root(branch: str, message: str, files: Mapping[str, str | bytes], remove: list[str]) -> bool:
    """One commit on ``branch`` that removes ``remove`` and writes ``files`` (path -> text
    or bytes) from its root; False when that changed nothing (no commit)."""
    engine()  # before mike, which imports mkdocs.* at once
    from mike import git_utils

    try:
        with git_utils.Commit(branch, message) as commit:
            if remove:
                commit.delete_files(remove)
            for name, data in files.items():
                commit.add_file(git_utils.FileInfo(name, data))
    except git_utils.GitEmptyCommit:
        return False
    return True
