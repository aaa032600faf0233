"""The MkDocs and mike adapter of ``vwo publish``: one ``mkdocs build`` process per
version, and mike's Python API for the commits on the site branch.

mike runs git itself, with the process environment: ``vwo.versions.publish`` points it
at a staging ref store (``vwo.git.stage``) for as long as it commits, so the real branch
moves only once, at the end. The builds are child processes this process watches
(``build_all``): an interruption stops them all, and on Linux they also stop when this
process is killed.
"""

from __future__ import annotations

import ctypes
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
_POLL = 0.05


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


def _command(config_file: Path, site_dir: Path, target: Target) -> tuple[list[str], dict[str, str]]:
    env = {
        **os.environ,
        "MIKE_DOCS_VERSION": target.name,
        "SOURCE_DATE_EPOCH": str(target.epoch),
        "NO_MKDOCS_2_WARNING": "1",
    }
    # No --quiet: with it MkDocs 1.6 stops counting warnings and --strict passes anyway.
    command = [
        sys.executable,
        "-m",
        engine(),
        "build",
        "--strict",
        "-f",
        str(config_file),
        "-d",
        str(site_dir),
    ]
    return command, env


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


def build_all(
    jobs: list[Job],
    *,
    workers: int,
    started: Callable[[], None] = lambda: None,
    progress: Callable[[Target, bool], None] = lambda target, finished: None,
) -> list[tuple[Target, str | None]]:
    """Run the builds, ``workers`` at a time, as child processes this process watches, so
    an interruption (``vwo.interrupt.Interrupted``) stops every one of them at once;
    ``started`` is called once the first builds run, ``progress`` when each build starts
    (False) and ends (True). Returns, in order, each target and None or its problems."""
    waiting = list(enumerate(jobs))
    running: dict[int, tuple[subprocess.Popen[bytes], IO[bytes], IO[bytes]]] = {}
    results: dict[int, str | None] = {}
    linux = sys.platform.startswith("linux")
    announced = False
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                index, (target, config_file, site_dir) = waiting.pop(0)
                command, env = _command(config_file, site_dir, target)
                out: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed below)
                err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
                popen = subprocess.Popen(
                    command, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                    preexec_fn=_die_with_parent if linux else None,  # no threads run at this point
                )  # fmt: skip
                running[index] = (popen, out, err)
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
        for popen, stdout, stderr in running.values():
            popen.kill()
            popen.wait()
            stdout.close()
            stderr.close()
    return [(job[0], results[index]) for index, job in enumerate(jobs)]


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode("utf-8", "replace")


def problems(output: str, lines: int = _PROBLEM_LINES) -> str:
    """MkDocs' warnings and errors from a build's output, else its last lines."""
    found = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    shown = found or output.strip().splitlines()[-lines:]
    return "\n".join("  " + line for line in shown[:lines])


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
