"""The MkDocs and mike adapter of ``vwo publish``: one ``mkdocs build`` process per
version, and mike's Python API for the commits on the site branch.

mike runs git itself, in the current directory and with the process environment:
``mike_session`` points both at the repository for as long as it is needed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import chdir, contextmanager
from importlib import metadata
from pathlib import Path

from vwo.errors import VwoError
from vwo.versions.plan import HASH_PROPERTY, Target

_PROBLEM_LINES = 15


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


def build(config_file: Path, site_dir: Path, target: Target) -> str | None:
    """``mkdocs build --strict`` of ``target`` into ``site_dir``: None when it succeeded,
    else MkDocs' warnings and errors (or the last lines of its output)."""
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
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return None if result.returncode == 0 else problems(result.stderr + result.stdout)


def problems(output: str, lines: int = _PROBLEM_LINES) -> str:
    """MkDocs' warnings and errors from a build's output, else its last lines."""
    found = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    shown = found or output.strip().splitlines()[-lines:]
    return "\n".join("  " + line for line in shown[:lines])


@contextmanager
def mike_session(root: Path, committer_date: str) -> Iterator[None]:
    """Let mike's git calls (which run in the current directory) reach ``root``, and date
    its commits ``committer_date`` (git's raw format; the source commit's date), so
    publishing the same commit twice writes identical commits."""
    saved = os.environ.get("GIT_COMMITTER_DATE")
    os.environ["GIT_COMMITTER_DATE"] = committer_date
    try:
        with chdir(root):
            yield
    finally:
        if saved is None:
            os.environ.pop("GIT_COMMITTER_DATE", None)
        else:
            os.environ["GIT_COMMITTER_DATE"] = saved


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
    from mike import commands

    return list(commands.list_versions(branch)[version].aliases)


def add_alias(branch: str, version: str, alias: str) -> None:
    """Give ``version`` the alias ``alias`` (a copy), moving it from any other version."""
    from mike import commands

    site = {"site_dir": "", "use_directory_urls": True}
    commands.alias(
        site, version, [alias], update_aliases=True, alias_type=commands.AliasType.copy, branch=branch
    )


def commit_files(branch: str, message: str, files: Mapping[str, str]) -> None:
    """One commit on ``branch`` that writes ``files`` (path -> text) at its root."""
    from mike import git_utils

    with git_utils.Commit(branch, message) as commit:
        for name, text in files.items():
            commit.add_file(git_utils.FileInfo(name, text))
