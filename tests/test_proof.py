"""Proof of publication: tampering with a published folder, by every route, is named by
``vwo check`` (file, the commit that did it, a hint), refused by ``vwo publish`` (exit 2,
nothing written), and merges that change ``versions/`` are reported by ``vwo lint-commits``.

Each route has several members: uncommitted and committed, the content, the mode, the
type (symbolic link), added and removed files, a re-hashed manifest, an evil merge, a
renamed or deleted folder, forged adoption trailers, moved and forged tags."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import leftovers, snapshot, text_files, vwo, vwo_in
from vwo.versions.check import check_versions

COLLEGE = "College van Dienstverleningszaken"


@pytest.fixture
def published(repo: GitRepo) -> GitRepo:
    """1.0 (consultatie) and 1.1 (vastgesteld), both by ``vwo adopt`` (trailers and tags)."""
    repo.commit("Tekst", files=text_files())
    args = ["adopt", "1.0", "--status", "consultatie", "--date", "2018-09-01", "--samenvatting", "Ontwerp."]
    assert vwo(repo.path, *args).returncode == 0
    repo.commit("Lid 2.1", files=text_files("voorafgaande schriftelijke"),
                trailers={"Voorstel": "VWO-2018-001", "Soort": "inhoudelijk"})  # fmt: skip
    args = ["adopt", "1.1", "--status", "vastgesteld", "--date", "2018-12-06", "--vastgesteld-door", COLLEGE,
            "--samenvatting", "Vastgesteld."]  # fmt: skip
    assert vwo(repo.path, *args).returncode == 0
    assert check_versions(repo.path) == []
    return repo


def adoption(repo: GitRepo, version: str) -> str:
    return repo.git("rev-list", "-1", f"v{version}")[:7]


def commit_all(repo: GitRepo, subject: str = "Tamper") -> str:
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", subject)
    return repo.head()[:7]


def flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-2] = ord("!") if data[-2] != ord("!") else ord("?")
    path.write_bytes(bytes(data))


def rehash(folder: Path) -> None:
    lines = (folder / "MANIFEST.sha256").read_text().splitlines()
    names = [line.split("  ", 1)[1] for line in lines]
    sums = subprocess.run(["sha256sum", *names], cwd=folder, capture_output=True, text=True, check=True)
    (folder / "MANIFEST.sha256").write_text(sums.stdout)
    assert subprocess.run(["sha256sum", "-c", "--quiet", "MANIFEST.sha256"], cwd=folder).returncode == 0


def problems(repo: GitRepo) -> list[str]:
    """``vwo check``: exit 1, every problem with a hint; the first lines of the problems with
    the published folders and tags (these test repositories have no usage register)."""
    result = vwo(repo.path, "check")
    assert result.returncode == 1, result.stderr
    blocks = [
        block for block in result.stderr.split("error: ")[1:] if block.startswith(("versions/", "tag "))
    ]
    assert blocks and all("\nhint: " in block for block in blocks), result.stderr
    return [block.splitlines()[0] for block in blocks]


def clean(result: subprocess.CompletedProcess[str]) -> bool:
    """No problem with the published folders, tags or events in ``vwo check``'s output
    (these test repositories have no usage register, which ``vwo check`` reports)."""
    return not any(
        line.startswith(("error: versions/", "error: tag ", "error: data/gebeurtenissen"))
        for line in result.stderr.splitlines()
    )


def refused_publish(repo: GitRepo, tmp_path: Path, expected: str) -> None:
    """``vwo publish`` refuses before building: exit 2, the problem named, nothing written."""
    before = snapshot(repo.path)
    result = vwo_in(repo.path, tmp_path / "tmp", "publish", "--branch", "site")
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr and "hint: run vwo check" in result.stderr
    assert snapshot(repo.path) == before and leftovers(repo.path, tmp_path / "tmp") == []


# --- the content, a re-hashed manifest ---------------------------------------------------


def test_a_flipped_byte_in_the_working_tree(published: GitRepo, tmp_path: Path) -> None:
    flip_byte(published.path / "versions/1.0/overeenkomst.md")
    first = adoption(published, "1.0")
    assert problems(published) == [
        "versions/1.0/overeenkomst.md: changed after publication, in the working tree, not committed; "
        f"adopted in commit {first}"
    ]
    refused_publish(published, tmp_path, "versions/1.0/overeenkomst.md: changed after publication")


def test_an_edit_with_a_rehashed_manifest_committed(published: GitRepo, tmp_path: Path) -> None:
    folder = published.path / "versions/1.1"
    path = folder / "overeenkomst.md"
    path.write_text(path.read_text().replace("toestemming", "goedkeuring"))
    rehash(folder)
    culprit = commit_all(published, "Kleine verbetering")
    first = adoption(published, "1.1")
    found = problems(published)
    assert found == [
        f"versions/1.1/{name}: changed after publication, in commit {culprit} ('Kleine verbetering'); "
        f"adopted in commit {first}"
        for name in ("MANIFEST.sha256", "overeenkomst.md")
    ]
    result = vwo(published.path, "check")
    assert (
        f"hint: a published version never changes: restore the folder with 'git checkout {first}"
        in result.stderr
    )
    refused_publish(published, tmp_path, "versions/1.1/overeenkomst.md: changed after publication, in commit")


def test_a_committed_edit_restored_only_in_the_working_tree_is_still_reported(published: GitRepo) -> None:
    path = published.path / "versions/1.0/toelichting.md"
    original = path.read_bytes()
    flip_byte(path)
    culprit = commit_all(published)
    path.write_bytes(original)  # the working tree looks right; the commit that would be published is not
    assert problems(published) == [
        f"versions/1.0/toelichting.md: changed after publication, in commit {culprit} ('Tamper'); "
        f"adopted in commit {adoption(published, '1.0')}"
    ]


# --- mode and type ------------------------------------------------------------------------


def test_an_executable_bit_uncommitted_and_committed(published: GitRepo, tmp_path: Path) -> None:
    path = published.path / "versions/1.1/toelichting.md"
    os.chmod(path, 0o755)
    assert problems(published) == [
        "versions/1.1/toelichting.md: mode changed from 100644 to 100755 after publication, in the "
        f"working tree, not committed; adopted in commit {adoption(published, '1.1')}"
    ]
    culprit = commit_all(published, "Uitvoerbaar")
    assert published.git("ls-tree", "HEAD", "versions/1.1/toelichting.md").startswith("100755")
    assert problems(published)[0].startswith(
        "versions/1.1/toelichting.md: mode changed from 100644 to 100755 after publication, "
        f"in commit {culprit}"
    )
    refused_publish(published, tmp_path, "mode changed from 100644 to 100755")


@pytest.mark.parametrize("commit", [False, True], ids=["uncommitted", "committed"])
def test_a_file_replaced_by_a_symbolic_link_with_the_same_content(
    published: GitRepo, tmp_path: Path, commit: bool
) -> None:
    path = published.path / "versions/1.0/bijlagen/bijlage-1-specificatie.md"
    copy = tmp_path / "elders.md"
    shutil.copy(path, copy)
    path.unlink()
    path.symlink_to(copy)
    assert path.read_bytes() == copy.read_bytes()  # a reader sees the same text
    where = (
        f"in commit {commit_all(published)} ('Tamper')" if commit else "in the working tree, not committed"
    )
    assert problems(published) == [
        "versions/1.0/bijlagen/bijlage-1-specificatie.md: replaced by a symbolic link after publication "
        f"(adopted as a file), {where}; adopted in commit {adoption(published, '1.0')}"
    ]


def test_a_published_folder_replaced_by_a_symbolic_link(published: GitRepo, tmp_path: Path) -> None:
    folder = published.path / "versions/1.0"
    shutil.copytree(folder, tmp_path / "kopie")
    shutil.rmtree(folder)
    folder.symlink_to(tmp_path / "kopie")
    assert problems(published) == [
        f"versions/1.0: is a symbolic link, adopted as a folder in commit {adoption(published, '1.0')}",
        "versions/1.1/version.yml: vervangt: unknown version '1.0'",
    ]


# --- added and removed files --------------------------------------------------------------


def test_added_files_also_hidden_and_ignored_ones(published: GitRepo, tmp_path: Path) -> None:
    folder = published.path / "versions/1.1"
    (folder / ".verborgen").write_text("x\n")
    (folder / "bijlagen" / "bijlage-2-extra.md").write_text("# Bijlage 2. Extra {#bijlage-extra}\n\nx\n")
    (published.path / ".git/info/exclude").write_text("*.orig\n")
    (folder / "overeenkomst.md.orig").write_text("oud\n")
    assert published.git("status", "--porcelain", "--", "versions/1.1/overeenkomst.md.orig") == ""  # ignored
    first = adoption(published, "1.1")
    assert problems(published) == [
        f"versions/1.1/{name}: added after publication, in the working tree, not committed; "
        f"adopted in commit {first}"
        for name in (".verborgen", "bijlagen/bijlage-2-extra.md", "overeenkomst.md.orig")
    ]
    refused_publish(published, tmp_path, "versions/1.1/overeenkomst.md.orig: added after publication")


def test_a_removed_file_and_a_removed_manifest(published: GitRepo) -> None:
    (published.path / "versions/1.0/toelichting.md").unlink()
    (published.path / "versions/1.0/MANIFEST.sha256").unlink()
    culprit = commit_all(published, "Opruimen")
    first = adoption(published, "1.0")
    assert problems(published) == [
        f"versions/1.0/{name}: removed after publication, in commit {culprit} ('Opruimen'); "
        f"adopted in commit {first}"
        for name in ("MANIFEST.sha256", "toelichting.md")
    ]


# --- folders --------------------------------------------------------------------------


def test_a_renamed_folder(published: GitRepo, tmp_path: Path) -> None:
    published.git("mv", "versions/1.1", "versions/1.2")
    culprit = commit_all(published, "Hernoemd")
    found = problems(published)
    assert (
        "versions/1.1: removed after publication (renamed to versions/1.2), "
        f"in commit {culprit} ('Hernoemd'); "
        f"adopted in commit {adoption(published, '1.1')}"
    ) in found
    assert found[0].startswith("versions/1.2: no adoption commit: no commit adds versions/1.2/version.yml")
    assert "versions/1.2/version.yml: versie: '1.1' differs from the folder name '1.2'" in found
    refused_publish(published, tmp_path, "versions/1.1: removed after publication")


def test_a_renamed_folder_with_its_version_yml_edited_to_match(published: GitRepo) -> None:
    published.git("mv", "versions/1.1", "versions/1.2")
    yml = published.path / "versions/1.2/version.yml"
    yml.write_text(
        yml.read_text().replace('versie: "1.1"', 'versie: "1.2"').replace("versie: '1.1'", "versie: '1.2'")
    )
    rehash(published.path / "versions/1.2")
    commit_all(published, "Hernoemd en bijgewerkt")
    found = problems(published)
    assert any(line.startswith("versions/1.1: removed after publication, in commit") for line in found)
    assert any(
        line.startswith("versions/1.2: no adoption commit") for line in found
    )  # not an adoption: it deletes


def test_a_deleted_folder(published: GitRepo) -> None:
    shutil.rmtree(published.path / "versions/1.0")
    assert problems(published) == [
        f"versions/1.0: removed after publication, in the working tree, not committed; adopted in commit "
        f"{adoption(published, '1.0')}",
        "versions/1.1/version.yml: vervangt: unknown version '1.0'",
    ]
    culprit = commit_all(published, "Weg ermee")
    assert problems(published)[0].startswith(f"versions/1.0: removed after publication, in commit {culprit}")


def test_a_folder_written_by_hand_has_no_adoption(published: GitRepo) -> None:
    shutil.copytree(published.path / "versions/1.1", published.path / "versions/1.2")
    yml = published.path / "versions/1.2/version.yml"
    yml.write_text(yml.read_text().replace("'1.1'", "'1.2'").replace('"1.1"', '"1.2"'))
    rehash(published.path / "versions/1.2")
    assert problems(published) == [
        "versions/1.2: no adoption commit: no commit adds versions/1.2/version.yml as 'vwo adopt' does "
        "(only adding files under versions/)"
    ]


# --- merges -------------------------------------------------------------------------------


def _diverge(repo: GitRepo) -> None:
    """A branch ``voorstel`` with a text change, and a commit on main beside it."""
    repo.git("checkout", "-q", "-b", "voorstel")
    repo.commit("Werktekst", files=text_files("uitdrukkelijke"),
                trailers={"Voorstel": "VWO-2019-001", "Soort": "redactioneel"})  # fmt: skip
    repo.git("checkout", "-q", "main")
    repo.commit("Notitie", files={"NOTITIE.md": "x\n"})


def test_an_evil_merge_is_named_by_check_and_lint(published: GitRepo, tmp_path: Path) -> None:
    base = published.head()
    _diverge(published)
    published.git("merge", "-q", "--no-ff", "--no-commit", "voorstel")
    path = published.path / "versions/1.1/overeenkomst.md"
    path.write_text(path.read_text().replace("toestemming", "goedkeuring"))
    merge = commit_all(published, "Merge branch 'voorstel'")
    assert len(published.git("rev-list", "--parents", "-1", "HEAD").split()) == 3
    assert problems(published) == [
        f"versions/1.1/overeenkomst.md: changed after publication, in commit {merge} ('Merge branch "
        f"'voorstel''); adopted in commit {adoption(published, '1.1')}"
    ]
    lint = vwo(published.path, "lint-commits", f"{base}..HEAD")
    assert lint.returncode == 1
    assert (
        f"commit {merge} 'Merge branch 'voorstel'': is a merge that itself changes the published "
        "folder(s) 1.1 in versions/ (versions/1.1/overeenkomst.md)"
    ) in lint.stderr
    assert "fix: redo the merge so that versions/ is what one of its parents has" in lint.stderr
    refused_publish(published, tmp_path, f"in commit {merge}")


def test_an_honest_merge_passes_check_and_lint(published: GitRepo) -> None:
    base = published.head()
    _diverge(published)
    published.git("merge", "-q", "--no-ff", "-m", "Merge branch 'voorstel'", "voorstel")
    assert check_versions(published.path) == [] and clean(vwo(published.path, "check"))
    assert vwo(published.path, "lint-commits", f"{base}..HEAD").returncode == 0


# --- adoption trailers and tags -------------------------------------------------------


def test_the_adoption_commit_records_the_folder_tree_and_the_tag_agrees(published: GitRepo) -> None:
    for version in ("1.0", "1.1"):
        sha = published.git("rev-list", "-1", f"v{version}")
        tree = published.git("rev-parse", f"{sha}:versions/{version}")
        trailer = published.git("log", "-1", "--format=%(trailers:key=Versie-boom,valueonly)", sha).strip()
        assert trailer == tree
        assert published.git("cat-file", "-t", f"v{version}") == "tag"  # annotated
        message = published.git("for-each-ref", "--format=%(contents)", f"refs/tags/v{version}")
        assert f"Versie: {version}\n" in message and f"Versie-boom: {tree}" in message
    assert "Status: vastgesteld\nDatum: 2018-12-06\n" in published.git(
        "for-each-ref", "--format=%(contents)", "refs/tags/v1.1"
    )


def test_a_moved_tag(published: GitRepo) -> None:
    message = published.git("for-each-ref", "--format=%(contents)", "refs/tags/v1.0")
    published.git("tag", "-f", "-a", "-m", message, "v1.0", "HEAD")  # the same message, another commit
    assert problems(published) == [
        f"tag v1.0: points at {published.head()[:7]}, but version 1.0 was adopted in commit "
        f"{published.git('rev-list', '-1', 'HEAD~2')[:7]} (a moved or forged tag)"
    ]


def test_a_lightweight_tag_a_tag_with_another_tree_and_a_tag_without_version(published: GitRepo) -> None:
    target = published.git("rev-list", "-1", "v1.1")
    published.git("tag", "-d", "v1.1")
    published.git("tag", "v1.1", target)
    published.git("tag", "-f", "-a", "-m", "Versie 1.0\n\nVersie: 1.0\nVersie-boom: " + "1" * 40,
                  "v1.0", published.git("rev-list", "-1", "v1.0"))  # fmt: skip
    published.git("tag", "-a", "-m", "onzin", "v9.9", "HEAD")
    found = problems(published)
    assert found == [
        f"tag v1.0: records Versie-boom {'1' * 12}, but versions/1.0 was adopted as tree "
        f"{published.git('rev-parse', 'v1.0^{commit}:versions/1.0')[:12]}",
        "tag v1.1: a lightweight tag; vwo adopt makes an annotated tag",
        "tag v9.9: there is no published version 9.9",
    ]
    assert "hint: delete it (git tag -d v9.9; on GitHub too if it was pushed) and run 'vwo tag-versions'" in (
        vwo(published.path, "check").stderr
    )


def test_a_forged_versie_boom_trailer(published: GitRepo) -> None:
    published.commit("Tekst 1.2", files=text_files("heldere"))
    shutil.copytree(published.path / "versions/1.1", published.path / "versions/1.2")
    yml = published.path / "versions/1.2/version.yml"
    yml.write_text(yml.read_text().replace("'1.1'", "'1.2'"))
    rehash(published.path / "versions/1.2")
    published.commit("Versie 1.2 vastgesteld", trailers=[("Versie", "1.2"), ("Status", "vastgesteld"),
                                                        ("Versie-boom", "2" * 40)])  # fmt: skip
    (found,) = problems(published)
    assert found.startswith(
        f"versions/1.2: its adoption commit {published.head()[:7]} ('Versie 1.2 vastgesteld') "
    )
    assert f"records Versie-boom {'2' * 12}, but the folder in that commit is tree" in found


def _forged_adoption(repo: GitRepo, adopted: str) -> str:
    """A commit beside ``adopted`` with the index's tree and the adoption message of 1.1, its
    ``Versie-boom`` made to agree with the (edited) folder in that tree."""
    tree = repo.git("write-tree")
    folder = repo.git("rev-parse", f"{tree}:versions/1.1")
    real = repo.git("log", "-1", "--format=%B", adopted)
    message = "\n".join(
        f"Versie-boom: {folder}" if line.startswith("Versie-boom: ") else line for line in real.splitlines()
    )
    return repo.git("commit-tree", tree, "-p", f"{adopted}~1", "-m", message)


@pytest.mark.parametrize("route", ["replace", "graft"])
def test_a_replaced_commit_or_a_graft_does_not_rewrite_the_history_it_is_proven_by(
    published: GitRepo, tmp_path: Path, route: str
) -> None:
    """``git replace`` and ``.git/info/grafts`` make git show other commits than it stores;
    with them (and no tag, as in a clone without tags) an edited 1.1 would have a forged
    adoption that agrees with it. The proof reads the commits as stored."""
    adopted = published.git("rev-parse", "v1.1^{commit}")
    published.git("tag", "-d", "v1.1")
    flip_byte(published.path / "versions/1.1/overeenkomst.md")
    rehash(published.path / "versions/1.1")
    published.git("add", "-A")
    forged = _forged_adoption(published, adopted)
    if route == "replace":  # the adoption commit itself now shows the edited tree
        published.git("replace", adopted, forged)
        assert published.git("status", "--porcelain") == ""
        how = "in the working tree, not committed"
    else:  # the edit is committed, and its parent grafted onto the forged adoption
        edit = commit_all(published, "Tekst 1.1 bijgewerkt")
        grafts = published.path / ".git/info/grafts"
        grafts.parent.mkdir(exist_ok=True)
        grafts.write_text(f"{published.head()} {forged}\n")
        assert published.git("rev-list", "-1", "HEAD~1") == forged  # git itself is fooled
        how = f"in commit {edit} ('Tekst 1.1 bijgewerkt')"
    found = problems(published)
    assert (
        f"versions/1.1/overeenkomst.md: changed after publication, {how}; adopted in commit {adopted[:7]}"
        in found
    )
    refused_publish(published, tmp_path, "versions/1.1/overeenkomst.md: changed after publication")


def test_a_folder_adopted_before_trailers_and_tags_existed_is_proven_by_its_commit(repo: GitRepo) -> None:
    """The state of 1.0 and 1.11 on main: a commit with ``Versie``/``Status`` only, no tag."""
    repo.commit("Tekst", files=text_files())
    args = ["adopt", "1.0", "--status", "consultatie", "--date", "2018-09-01", "--samenvatting", "Ontwerp."]
    assert vwo(repo.path, *args).returncode == 0
    repo.git("tag", "-d", "v1.0")
    tree = repo.git("rev-parse", "HEAD:versions/1.0")
    message = repo.git("log", "-1", "--format=%B").replace(f"Versie-boom: {tree}\n", "").strip()
    repo.git("commit", "-q", "--amend", "-m", message)
    assert "Versie-boom" not in repo.git("log", "-1", "--format=%B")
    assert check_versions(repo.path) == [] and clean(vwo(repo.path, "check"))
    flip_byte(repo.path / "versions/1.0/overeenkomst.md")
    assert problems(repo) == [
        "versions/1.0/overeenkomst.md: changed after publication, in the working tree, not committed; "
        f"adopted in commit {repo.head()[:7]}"
    ]


# --- where nothing can be compared ---------------------------------------------------------


def test_a_shallow_clone_says_it_cannot_compare(published: GitRepo, tmp_path: Path) -> None:
    published.commit("Werktekst", files=text_files("uitdrukkelijke"),
                     trailers={"Voorstel": "VWO-2019-001", "Soort": "redactioneel"})  # fmt: skip
    clone = tmp_path / "ondiep"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", "--no-tags", f"file://{published.path}", str(clone)],
        check=True,
    )
    result = vwo(clone, "check")
    assert clean(result), result.stderr
    assert (
        "let op: versions/1.0: not compared with its adoption: this shallow clone does not have"
        in result.stderr
    )
    assert "hint: fetch the full history with 'git fetch --unshallow'" in result.stderr
    flip_byte(clone / "versions/1.0/overeenkomst.md")  # the manifest still catches a plain edit
    changed = vwo(clone, "check")
    assert (
        changed.returncode == 1
        and "versions/1.0/overeenkomst.md: changed after publication" in changed.stderr
    )


def test_without_git_only_the_manifests_are_checked_and_it_says_so(
    published: GitRepo, tmp_path: Path
) -> None:
    copy = tmp_path / "archief"
    shutil.copytree(published.path, copy, ignore=shutil.ignore_patterns(".git"))
    result = vwo(copy, "check")
    assert clean(result), result.stderr
    assert "let op: versions/: no git history here, so the folders were checked against their manifests" in (
        result.stderr
    )
    flip_byte(copy / "versions/1.1/toelichting.md")
    changed = vwo(copy, "check")
    assert changed.returncode == 1
    assert "error: versions/1.1/toelichting.md: changed after publication (sha256" in changed.stderr


def test_sha256sum_still_verifies_every_adopted_folder(published: GitRepo) -> None:
    for version in ("1.0", "1.1"):
        folder = published.path / "versions" / version
        assert subprocess.run(["sha256sum", "-c", "--quiet", "MANIFEST.sha256"], cwd=folder).returncode == 0
