"""A small site in a throwaway repository for the version tests: literal texts, no real docs."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from tests.gitrepo import GitRepo, copy_project
from vwo.cli import main

AGREEMENT = """\
# Standaard verwerkersovereenkomst gemeenten

Partijen: de gemeente en de leverancier.

## Artikel 1. Definities {#definities}

1.1 In deze overeenkomst wordt verstaan onder betrokkene: de persoon op wie de gegevens betrekking hebben.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 De verwerker schakelt geen subverwerker in zonder {word} toestemming.
"""

EXPLANATION = """\
# Toelichting

Algemene inleiding.

## Artikel 1. Definities {#definities}

Waarom deze begrippen.

## Artikel 2. Subverwerkers {#subverwerkers}

Over subverwerkers.
"""

ANNEX = "# Bijlage 1. Specificatie van de verwerking {#bijlage-specificatie}\n\nIn te vullen.\n"

KEEP = {"over/downloads-manifest.md", "over/versies-json.md"}
NAV = [
    {"Home": "index.md"},
    {
        "De overeenkomst": [
            {"Overeenkomst": "overeenkomst.md"},
            {"Toelichting": "toelichting.md"},
            {"Bijlagen": ["bijlagen/bijlage-1-specificatie.md"]},
        ]
    },
    {"Versies": "versies.md"},
]


def agreement(word: str = "schriftelijke") -> str:
    return AGREEMENT.replace("{word}", word)


def text_files(word: str = "schriftelijke") -> dict[str, str]:
    return {
        "docs/overeenkomst.md": agreement(word),
        "docs/toelichting.md": EXPLANATION,
        "docs/bijlagen/bijlage-1-specificatie.md": ANNEX,
    }


@contextmanager
def isolated_git(home: Path) -> Iterator[pytest.MonkeyPatch]:
    """A git configuration of its own in ``home`` and none of the build variables of the
    caller's environment, for module-scoped fixtures (the per-test sandbox of conftest.py
    does not reach them); yields the patch, to set more."""
    (home / "gitconfig").write_text(
        "[user]\n\tname = VWO Test\n\temail = test@example.org\n[commit]\n\tgpgsign = false\n"
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
        env.setenv("GIT_CONFIG_NOSYSTEM", "1")
        env.setenv("NO_MKDOCS_2_WARNING", "1")
        for name in ("MIKE_DOCS_VERSION", "SOURCE_DATE_EPOCH", "GIT_DIR", "GIT_WORK_TREE"):
            env.delenv(name, raising=False)
        yield env


def with_consultation(repo: GitRepo) -> GitRepo:
    """Texts only (adopt needs no site config), one consultation version 1.0 published."""
    repo.commit("Tekst", files=text_files())
    result = vwo(repo.path, "adopt", "1.0", "--status", "consultatie", "--date", "2018-09-01",
                 "--samenvatting", "Eerste ontwerp.")  # fmt: skip
    assert result.returncode == 0, result.stderr
    return repo


def make_site(repo: GitRepo) -> None:
    """This project's config, hooks and theme with a small text of our own, committed."""
    copy_project(repo.path, own_text=True)
    # The real pages link to pages of features these tests do not build; keep only the
    # pages that generated pages link to.
    for folder in ("docs/over", "docs/bijlagen"):
        for path in sorted((repo.path / folder).glob("*.md")):
            if f"over/{path.name}" not in KEEP:
                path.unlink()
    (repo.path / "docs" / "toegankelijkheid.md").unlink(missing_ok=True)
    config_path = repo.path / "mkdocs.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["nav"] = NAV
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    files = {"docs/index.md": "# Home\n\nWelkom.\n", **text_files()}
    repo.commit("Projectopzet", files=files)


def vwo(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``vwo -C root ...`` in this process (fast): exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["-C", str(root), *args])
    return subprocess.CompletedProcess(["vwo", *args], code, out.getvalue(), err.getvalue())


def vwo_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m vwo -C root ...`` in its own process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(root), *args], capture_output=True, text=True, check=False
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the working tree and git's refs (to prove that nothing was written)."""
    files = {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts[:1]
    }
    refs = subprocess.run(
        ["git", "-C", str(root), "for-each-ref", "--format=%(refname) %(objectname)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    head = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout
    files["<refs>"] = (refs + head).encode()
    return files


def leftovers(root: Path, tmp: Path | None = None) -> list[str]:
    """What a vwo command may leave behind and never should: its work folder and lock in
    the git folder, git's crash reports, and (with ``tmp``, the ``TMPDIR`` it ran with)
    temporary files and folders (Jinja's compiled-template cache excepted: it is a cache)."""
    git = root / ".git"
    found = [name for name in ("vwo-tmp", "vwo.lock") if (git / name).exists()]
    found += sorted(path.name for path in git.glob("fast_import_crash_*"))
    if tmp is not None and tmp.exists():
        found += sorted(f"$TMPDIR/{p.name}" for p in tmp.iterdir() if not p.name.startswith("_jinja2-cache"))
    return found


def vwo_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a ``vwo`` process with a ``TMPDIR`` of its own (to see what it leaves)."""
    import os

    tmp.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), **extra}


def vwo_in(root: Path, tmp: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    """``python -m vwo -C root ...`` in its own process with its own ``TMPDIR``."""
    return subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
        env=vwo_env(tmp, **extra),
    )


def start_paused(
    root: Path, tmp: Path, moment: str, *args: str, timeout: float = 300
) -> tuple[subprocess.Popen[str], Path]:
    """``python -m vwo -C root ...`` in its own process, stopped at the checkpoint ``moment``
    (``vwo.interrupt.checkpoint``): returns once it waits there, with the file whose removal
    lets it go on. A real process, so a test can send it a real signal at that moment."""
    import os
    import time

    marker = tmp / f"pause-{moment}"
    env = vwo_env(tmp / "tmp", VWO_PAUSE_AT=moment, VWO_PAUSE_FILE=str(marker))
    process = subprocess.Popen(
        [sys.executable, "-m", "vwo", "-C", str(root), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"vwo ended before {moment} (exit {process.returncode}):\n{out}\n{err}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"vwo did not reach {moment} in {timeout} s")
        time.sleep(0.02)
    assert int(marker.read_text()) == process.pid and os.getpid() != process.pid
    return process, marker


def stop(process: subprocess.Popen[str], signum: int, timeout: float = 120) -> tuple[int, str, str]:
    """Send ``signum`` and wait: (exit status, stdout, stderr); -N for death by signal N."""
    process.send_signal(signum)
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err
