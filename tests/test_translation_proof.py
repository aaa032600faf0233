"""A published translation is proven from its publication commit (``Vertaling-boom``,
tag ``vX.Y-en``), as a version is from its adoption commit: every way of changing it
afterwards is an error of ``vwo check`` that names the file and the commit."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.translation_support import publish_translation, version_project
from tests.versions_support import vwo

PUBLISHED = "vertalingen/2.7/en"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    from tests.browser.site import sandboxed_git

    work = tmp_path_factory.mktemp("proof")
    with sandboxed_git(work):
        repo = version_project(work / "repo")
        publish_translation(repo)
        return repo


@pytest.fixture
def repo(prepared: GitRepo, tmp_path: Path) -> GitRepo:
    subprocess.run(["cp", "-a", str(prepared.path), str(tmp_path / "copy")], check=True)
    return GitRepo(tmp_path / "copy")


def errors(repo: GitRepo) -> list[str]:
    """The errors of ``vwo check`` about translations (it must fail when there are any)."""
    result = vwo(repo.path, "check")
    assert "Traceback" not in result.stderr
    found = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert (result.returncode == 1) == bool(found), result.stderr
    return [line for line in found if "vertalingen" in line or "tag v" in line]


def rehash_manifest(repo: GitRepo) -> None:
    """What a careful forger does: the manifest brought in line with the changed files."""
    subprocess.run(
        "find . -type f ! -name MANIFEST.sha256 -printf '%P\\n' | sort | xargs sha256sum > MANIFEST.sha256",
        shell=True,
        cwd=repo.path / PUBLISHED,
        check=True,
    )


def test_the_published_translation_as_published_passes(repo: GitRepo) -> None:
    assert errors(repo) == []


def test_an_uncommitted_change_names_the_working_tree(repo: GitRepo) -> None:
    path = repo.path / PUBLISHED / "toelichting.md"
    path.write_text(path.read_text() + "\nAn extra sentence.\n")
    published = repo.git("rev-parse", "--short=7", "v2.7-en^{commit}")
    found = errors(repo)
    assert found[0] == (
        f"error: {PUBLISHED}/toelichting.md: changed after publication, in the working tree, "
        f"not committed; published in commit {published}"
    )


def test_a_committed_change_with_a_rehashed_manifest_names_its_commit(repo: GitRepo) -> None:
    path = repo.path / PUBLISHED / "overeenkomst.md"
    path.write_text(path.read_text().replace("sub-processor", "subcontractor", 1))
    rehash_manifest(repo)
    subprocess.run(["sha256sum", "-c", "--quiet", "MANIFEST.sha256"], cwd=repo.path / PUBLISHED, check=True)
    sha = repo.commit("Kleine verbetering")
    found = errors(repo)
    published = repo.git("rev-parse", "--short=7", "v2.7-en^{commit}")
    assert found == [
        f"error: {PUBLISHED}/{name}: changed after publication, in commit {sha[:7]} ('Kleine verbetering'); "
        f"published in commit {published}"
        for name in ("MANIFEST.sha256", "overeenkomst.md")
    ]


def test_an_added_file_and_a_removed_folder(repo: GitRepo) -> None:
    published = repo.git("rev-parse", "--short=7", "v2.7-en^{commit}")
    sha = repo.commit("Extra", files={f"{PUBLISHED}/notities.txt": "Extra\n"})
    assert errors(repo) == [
        f"error: {PUBLISHED}/notities.txt: added after publication, in commit {sha[:7]} ('Extra'); "
        f"published in commit {published}",
    ]
    shutil.rmtree(repo.path / PUBLISHED)
    gone = repo.commit("Weg ermee")
    assert f"error: {PUBLISHED}: removed after publication, in commit {gone[:7]} ('Weg ermee')" in errors(
        repo
    )


def test_a_folder_without_a_publication_commit(repo: GitRepo) -> None:
    shutil.copytree(repo.path / PUBLISHED, repo.path / "vertalingen/2.6/en")
    meta = repo.path / "vertalingen/2.6/en/vertaling.yml"
    meta.write_text(meta.read_text().replace("bron: '2.7'", "bron: '2.6'"))
    repo.commit("Vertaling van 2.6 met de hand", trailers={"Vertaling": "2.6/en"}, files={})
    found = errors(repo)
    assert any(
        line.startswith("error: vertalingen/2.6/en: its publication commit")
        and "records Vertaling-boom (none)" in line
        for line in found
    ), found


def test_a_folder_committed_without_the_trailer(repo: GitRepo) -> None:
    shutil.copytree(repo.path / PUBLISHED, repo.path / "vertalingen/2.6/en")
    repo.commit("Kopie")
    found = errors(repo)
    assert (
        "error: vertalingen/2.6/en: no publication commit: no commit with the trailer 'Vertaling: 2.6/en' "
        "adds vertalingen/2.6/en/vertaling.yml"
    ) in found


def test_tags_that_do_not_match_the_publication(repo: GitRepo) -> None:
    published = repo.git("rev-parse", "v2.7-en^{commit}")
    repo.git("tag", "-f", "v2.7-en", f"{published}~1")
    assert errors(repo) == [
        "error: tag v2.7-en: a lightweight tag; 'vwo translation publish' makes an annotated tag"
    ]
    repo.git("tag", "-f", "-a", "-m", "Vertaling: 2.7/en", "v2.7-en", f"{published}~1")
    parent = repo.git("rev-parse", f"{published}~1")
    assert errors(repo) == [
        f"error: tag v2.7-en: points at {parent[:7]}, but the translation was published in commit "
        f"{published[:7]} (a moved or forged tag)"
    ]
    repo.git("tag", "-f", "-a", "-m", "Vertaling: 2.7/en\n\nVertaling-boom: 0000", "v2.7-en", published)
    assert errors(repo)[0].startswith("error: tag v2.7-en: does not record Vertaling-boom")
    repo.git("tag", "-d", "v2.7-en")
    assert errors(repo) == []
    repo.git("tag", "-a", "-m", "x", "v2.5-en", published)
    assert errors(repo) == ["error: tag v2.5-en: there is no published translation 2.5/en"]


def test_without_git_the_manifest_is_checked(repo: GitRepo, tmp_path: Path) -> None:
    unpacked = tmp_path / "unpacked"
    repo.git("archive", "--format=tar", "-o", str(tmp_path / "a.tar"), "HEAD")
    unpacked.mkdir()
    subprocess.run(["tar", "-xf", str(tmp_path / "a.tar"), "-C", str(unpacked)], check=True)
    path = unpacked / PUBLISHED / "toelichting.md"
    path.write_text(path.read_text() + "\nExtra.\n")
    result = vwo(unpacked, "check")
    assert f"error: {PUBLISHED}/toelichting.md: changed after publication (sha256" in result.stderr
