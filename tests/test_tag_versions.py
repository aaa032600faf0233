"""``vwo tag-versions``: the one-time step that gives versions adopted before ``vwo adopt``
made tags (1.0 and 1.11 on main) their annotated tags on their adoption commits;
idempotent, and refusing (making no tag at all) when a folder or a tag disagrees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, copy_project
from tests.versions_support import leftovers, snapshot, vwo
from vwo.versions.check import check_versions


@pytest.fixture
def legacy(repo: GitRepo) -> GitRepo:
    """This project's own 1.0 and 1.11, committed as main has them: one commit each, with
    ``Versie`` and ``Status`` but no ``Versie-boom`` and no tag."""
    copy_project(repo.path)
    shutil.rmtree(repo.path / "versions", ignore_errors=True)
    repo.commit("Projectopzet")
    root = Path(__file__).resolve().parents[1]
    for version, status in (("1.0", "consultatie"), ("1.11", "vastgesteld")):
        shutil.copytree(root / "versions" / version, repo.path / "versions" / version)
        repo.commit(f"Versie {version}", trailers={"Versie": version, "Status": status})
    return repo


def tags(repo: GitRepo) -> str:
    return repo.git("for-each-ref", "--format=%(refname:strip=2) %(objecttype) %(*objectname)", "refs/tags")


def test_it_tags_each_adoption_commit_once(legacy: GitRepo) -> None:
    first = vwo(legacy.path, "tag-versions")
    assert first.returncode == 0, first.stderr
    one, eleven = legacy.git("rev-parse", "HEAD~1"), legacy.head()
    assert tags(legacy).splitlines() == [f"v1.0 tag {one}", f"v1.11 tag {eleven}"]
    tree = legacy.git("rev-parse", "HEAD:versions/1.11")
    assert legacy.git("for-each-ref", "--format=%(contents)", "refs/tags/v1.11") == (
        f"Versie 1.11 (vastgesteld, 2018-12-06)\n\nVersie: 1.11\nStatus: vastgesteld\nDatum: 2018-12-06\n"
        f"Versie-boom: {tree}\n"
    )
    assert first.stdout.splitlines() == [
        f"v1.0: gemaakt op commit {one[:12]} (boom {legacy.git('rev-parse', 'HEAD~1:versions/1.0')[:12]})",
        f"v1.11: gemaakt op commit {eleven[:12]} (boom {tree[:12]})",
        "Zet de tags online met: git push origin v1.0 v1.11",
    ]
    before = tags(legacy)
    again = vwo(legacy.path, "tag-versions")
    assert again.returncode == 0 and tags(legacy) == before
    assert again.stdout.splitlines() == [
        f"v1.0: bestaat al op commit {one[:12]} en klopt",
        f"v1.11: bestaat al op commit {eleven[:12]} en klopt",
    ]
    assert check_versions(legacy.path) == [] and leftovers(legacy.path) == []


def test_every_clone_makes_the_same_tag(legacy: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "kloon"
    subprocess.run(["git", "clone", "-q", str(legacy.path), str(clone)], check=True)
    assert vwo(legacy.path, "tag-versions").returncode == 0
    assert vwo(clone, "tag-versions").returncode == 0
    ours = legacy.git("rev-parse", "v1.11")
    theirs = subprocess.run(
        ["git", "-C", str(clone), "rev-parse", "v1.11"], capture_output=True, text=True
    ).stdout
    assert ours == theirs.strip()  # same tagger, same date (the commit's): the same tag object


@pytest.mark.parametrize("damage", ["folder", "tag"])
def test_it_makes_no_tag_when_anything_disagrees(legacy: GitRepo, damage: str) -> None:
    if damage == "folder":
        path = legacy.path / "versions/1.11/overeenkomst.md"
        path.write_text(path.read_text().replace("36 uur", "72 uur"))
    else:
        legacy.git("tag", "-a", "-m", "Versie 1.0", "v1.0", "HEAD")  # on the wrong commit
    before = snapshot(legacy.path)
    result = vwo(legacy.path, "tag-versions")
    assert result.returncode == 2
    assert result.stderr.startswith("error: versions/: no tag was made, because:\n")
    expected = (
        "versions/1.11/overeenkomst.md: changed after publication"
        if damage == "folder"
        else "tag v1.0: points at"
    )
    assert expected in result.stderr and "hint: restore the published folders and tags first" in result.stderr
    assert snapshot(legacy.path) == before and leftovers(legacy.path) == []
