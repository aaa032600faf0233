"""Throwaway git repositories for tests: fixed dates, sandboxed config, no chdir."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path

import git
import pytest

from vwo.text.model import COVERAGE_FILE

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "hooks", "overrides", "docs", "data/afkortingen.md")
TrailerSpec = Mapping[str, str | Iterable[str]] | Iterable[tuple[str, str]]


class GitRepo:
    """A repository in ``path`` with a clock that moves one day per commit."""

    def __init__(self, path: Path, start: datetime | None = None) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.repo = git.Repo.init(path, initial_branch="main")
        self.clock = start or datetime(2018, 8, 1, 10, 0, tzinfo=timezone(timedelta(hours=2)))

    def git(self, *args: str, **kwargs: object) -> str:
        return str(self.repo.git.execute(["git", *args], **kwargs))  # type: ignore[call-overload]

    def write(self, rel: str, text: str) -> Path:
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def read(self, rel: str) -> str:
        return (self.path / rel).read_text(encoding="utf-8")

    def commit(
        self,
        message: str,
        *,
        trailers: TrailerSpec = (),
        files: Mapping[str, str | None] | None = None,
        allow_empty: bool = False,
        date: datetime | None = None,
    ) -> str:
        """Write ``files`` (None deletes), stage everything, commit; returns the sha."""
        for rel, text in (files or {}).items():
            if text is None:
                (self.path / rel).unlink()
            else:
                self.write(rel, text)
        self.repo.git.add("-A")
        pairs = trailers.items() if isinstance(trailers, Mapping) else trailers
        args = ["commit", "-q", "-m", message]
        for key, value in pairs:
            for single in [value] if isinstance(value, str) else value:
                args += ["--trailer", f"{key}: {single}"]
        if allow_empty:
            args.append("--allow-empty")
        when = date or self.clock
        self.clock = max(self.clock, when) + timedelta(days=1)
        stamp = when.isoformat()
        self.repo.git.execute(["git", *args], env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})
        return self.repo.head.commit.hexsha

    def head(self) -> str:
        return self.repo.head.commit.hexsha

    def commit_raw(self, message: bytes, *, author: bytes = b"VWO Test", encoding: bytes = b"") -> str:
        """Commit ``message`` byte for byte (no clean-up, no encoding check: what a hostile
        client can push), with the current tree, on top of HEAD if there is one."""
        tree = self.git("write-tree")
        parents = [self.head()] if self.repo.head.is_valid() else []
        stamp = f"{int(self.clock.timestamp())} +0200".encode()
        self.clock += timedelta(days=1)
        header = b"tree " + tree.encode() + b"\n"
        header += b"".join(b"parent " + p.encode() + b"\n" for p in parents)
        header += b"author " + author + b" <test@example.org> " + stamp + b"\n"
        header += b"committer VWO Test <test@example.org> " + stamp + b"\n"
        header += b"encoding " + encoding + b"\n" if encoding else b""
        written = subprocess.run(
            ["git", "-C", str(self.path), "hash-object", "-t", "commit", "-w", "--stdin", "--literally"],
            input=header + b"\n" + message,
            capture_output=True,
            check=True,
        )
        sha = written.stdout.decode().strip()
        self.git("update-ref", "HEAD", sha)
        return sha


def sandbox_git(mp: pytest.MonkeyPatch, folder: Path) -> None:
    """The same git identity for every test and none of the machine's git config (nor a
    git or mike variable from the environment); ``folder`` holds the config file. Used by
    conftest for each test, and by module-scoped fixtures that outlive one test."""
    config = folder / "gitconfig"
    config.write_text(
        "[user]\n\tname = VWO Test\n\temail = test@example.org\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n",
        encoding="utf-8",
    )
    mp.setenv("GIT_CONFIG_GLOBAL", str(config))
    mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
    mp.setenv("NO_MKDOCS_2_WARNING", "1")
    for name in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_DATE",
        "GIT_COMMITTER_DATE",
        "MIKE_DOCS_VERSION",
        "SOURCE_DATE_EPOCH",
    ):
        mp.delenv(name, raising=False)


def copy_project(target: Path, *, with_versions: bool = False, own_text: bool = False) -> None:
    """Copy the site's configuration, hooks, theme and texts into ``target``.

    ``own_text``: the caller writes an agreement text of its own over the real one, so the
    real ``docs/dekking.yml`` (which names the real text's articles and clauses) is left
    out; such a text is a working version without recorded coverage unless the caller
    writes a ``dekking.yml`` that matches it."""
    (target / "src").mkdir(parents=True, exist_ok=True)  # mkdocs.yml watches it
    names = PROJECT_FILES + (("versions",) if with_versions else ())
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    if own_text:
        (target / "docs" / COVERAGE_FILE).unlink(missing_ok=True)


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` in a subprocess; raises with its output on failure.

    Not ``-q``: MkDocs counts warnings for ``--strict`` only when they are logged.
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed in {project}:\n{result.stdout}\n{result.stderr}")
    return result
