"""Shared fixtures and options: a sandboxed git for every test, throwaway repositories,
the golden files (``--update-golden``), and skips that fail under ``CI`` (tests/ci_skips.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, copy_project, sandbox_git

pytest_plugins = ["tests.ci_skips", "pytester"]
GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the files in tests/golden/ from the code's output; review the diff (tests/README.md)",
    )


class Golden:
    """Expected output kept in ``tests/golden/``, compared byte for byte."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: str) -> None:
        path = GOLDEN / name
        if self.update:
            path.write_bytes(actual.encode("utf-8"))
            return
        assert path.is_file(), f"{path} is missing; create it with pytest --update-golden and review it"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"{name} differs; if the change is intended: pytest --update-golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    from tests.ci_skips import in_ci  # imported here: pytest loads it as a plugin first

    update = bool(request.config.getoption("--update-golden"))
    if update and in_ci():
        pytest.fail("--update-golden rewrites the expected output; never in CI", pytrace=False)
    return Golden(update)


@pytest.fixture(autouse=True)
def git_sandbox(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same git identity and none of the machine's git config."""
    sandbox_git(monkeypatch, tmp_path_factory.mktemp("gitconfig"))


@pytest.fixture
def no_identity(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """git has no committer identity (and may not guess one from the machine)."""
    config = tmp_path_factory.mktemp("anonymous") / "gitconfig"
    config.write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    for name in ("GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """An empty throwaway repository on branch main."""
    return GitRepo(tmp_path / "repo")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[GitRepo]:
    """A throwaway repository holding a copy of this project's site (config, hooks, texts)."""
    repo = GitRepo(tmp_path / "project")
    copy_project(repo.path)
    repo.commit("Projectopzet")
    yield repo
