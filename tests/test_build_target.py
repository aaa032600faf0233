"""Which build this is (``vwo.site.build``): the target, and the published versions parsed
once per build and again only when a ``version.yml`` changes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import copy_project
from vwo.site.build import BuildTarget, build_target


def test_defaults_to_the_config_folder_and_concept() -> None:
    assert build_target({}, "/repo/mkdocs.yml", {}) == BuildTarget(Path("/repo"), "concept")


def test_publish_settings_and_mike_environment() -> None:
    settings = {"root": "/repo", "version": "1.0"}
    assert build_target(settings, "/tmp/x/mkdocs.yml", {}) == BuildTarget(Path("/repo"), "1.0")
    assert build_target(settings, "/tmp/x/mkdocs.yml", {"MIKE_DOCS_VERSION": "1.11"}).version == "1.11"


SERVE_LIKE = """
import sys
from pathlib import Path

import vwo.versions.model as model
from mkdocs.commands.build import build
from mkdocs.config import load_config

parsed = []
original = model.read_version_file


def counting(path, where):
    parsed.append(where)
    return original(path, where)


model.read_version_file = counting
config_file, site, edited = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
for round in ("first", "again", "edited"):
    if round == "edited":
        edited.write_text(edited.read_text(encoding="utf-8").replace("Eerste versie", "Herziene versie"))
    # As mkdocs serve does: the hooks stay loaded, each rebuild loads the config anew.
    config = load_config(config_file=config_file, site_dir=str(site / round), strict=True)
    if round == "first":
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    print(round, len(parsed))
    parsed.clear()
"""


@pytest.mark.e2e
def test_a_build_reads_the_version_files_once_and_a_rebuild_sees_an_edit(tmp_path: Path) -> None:
    """Every hook shares one parse of versions/*/version.yml; a rebuild in the same
    process (mkdocs serve) parses nothing while they are unchanged, and again after an edit."""
    project = tmp_path / "project"
    copy_project(project, with_versions=True)
    edited = project / "versions" / "1.0" / "version.yml"
    assert "Eerste versie" in edited.read_text(encoding="utf-8")
    count = len(list((project / "versions").glob("*/version.yml")))
    result = subprocess.run(
        [sys.executable, "-c", SERVE_LIKE, str(project / "mkdocs.yml"), str(tmp_path / "site"), str(edited)],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split("\n")[:3] == [f"first {count}", "again 0", f"edited {count}"]
    versions_page = (tmp_path / "site" / "edited" / "versies" / "index.html").read_text(encoding="utf-8")
    assert "Herziene versie" in versions_page
