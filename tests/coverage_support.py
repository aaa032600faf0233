"""A throwaway copy of this project whose concept is the content helper's text with its
``dekking.yml`` (``tests/fixtures/dekking-concept-2026``), for the AVG-toets site tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gitrepo import ROOT, GitRepo, copy_project

FIXTURE = ROOT / "tests" / "fixtures" / "dekking-concept-2026"
TEXT = ("overeenkomst.md", "toelichting.md", "dekking.yml", "bijlagen")
# The frozen versions from before coverage was recorded: the pages of a version without
# a dekking.yml, next to the fixture's concept (the project's later versions have one).
VERSIONS = ("1.0", "1.11")


def coverage_project(path: Path) -> GitRepo:
    """This project with its versions 1.0 and 1.11, the concept replaced by the fixture's text."""
    repo = GitRepo(path)
    copy_project(repo.path, own_text=True)
    for version in VERSIONS:
        shutil.copytree(ROOT / "versions" / version, repo.path / "versions" / version)
    shutil.rmtree(repo.path / "docs/bijlagen")
    for name in TEXT:
        source = FIXTURE / name
        if source.is_dir():
            shutil.copytree(source, repo.path / "docs" / name)
        else:
            shutil.copy2(source, repo.path / "docs" / name)
    repo.commit("Projectopzet met de tekst van eind 2026")
    return repo
