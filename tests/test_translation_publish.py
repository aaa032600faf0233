"""``vwo translation publish``: what it writes (folder, manifest, commit with trailers,
annotated tag), every refusal with nothing written, interruptions, and ``vwo check`` on
a published translation."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.translation_support import version_project
from tests.versions_support import snapshot, vwo
from vwo.translation import freeze

EN = "vertalingen/en"
PUBLISHED = "vertalingen/2.7/en"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    from tests.browser.site import sandboxed_git

    work = tmp_path_factory.mktemp("publish")
    with sandboxed_git(work):
        return version_project(work / "repo")


@pytest.fixture
def repo(prepared: GitRepo, tmp_path: Path) -> GitRepo:
    """A copy of the prepared repository to publish in."""
    subprocess.run(["cp", "-a", str(prepared.path), str(tmp_path / "copy")], check=True)
    return GitRepo(tmp_path / "copy")


def publish(repo: GitRepo, *args: str) -> subprocess.CompletedProcess[str]:
    return vwo(repo.path, "translation", "publish", *args)


def test_publish_freezes_the_working_translation(repo: GitRepo) -> None:
    head = repo.head()
    result = publish(repo, "2.7", "--lang", "en", "--date", "2026-07-01")
    assert result.returncode == 0, result.stderr
    sha = repo.head()
    assert repo.git("rev-parse", f"{sha}~1") == head
    assert repo.git("status", "--porcelain") == ""
    changed = repo.git("show", "--name-status", "--format=", sha).splitlines()
    assert all(line.startswith(f"A\t{PUBLISHED}/") for line in changed)
    tree = repo.git("rev-parse", f"{sha}:{PUBLISHED}")
    trailers = repo.git("show", "-s", "--format=%(trailers:only,unfold)", sha).splitlines()
    assert trailers == ["Vertaling: 2.7/en", f"Vertaling-boom: {tree}"]
    assert repo.git("cat-file", "-t", "v2.7-en") == "tag"
    assert repo.git("rev-parse", "v2.7-en^{commit}") == sha
    assert f"Vertaling-boom: {tree}" in repo.git("cat-file", "-p", "v2.7-en")
    for name in ("overeenkomst.md", "toelichting.md", "termen.yml", "bijlagen/bijlage-3-subverwerkers.md"):
        assert repo.read(f"{PUBLISHED}/{name}") == repo.read(f"{EN}/{name}")
    meta = repo.read(f"{PUBLISHED}/vertaling.yml")
    assert meta.startswith("taal: en\nbron: '2.7'\nstatus: informatieve vertaling\n")
    assert "gepubliceerd_op: 2026-07-01\n" in meta
    stamps = meta.split("bronteksten:\n", 1)[1]
    assert stamps == repo.read(f"{EN}/vertaling.yml").split("bronteksten:\n", 1)[1]
    checked = subprocess.run(
        ["sha256sum", "-c", "MANIFEST.sha256"], cwd=repo.path / PUBLISHED, capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stdout.count(": OK") == 8
    result = vwo(repo.path, "check")
    assert "vertalingen/2.7" not in result.stderr


def test_a_published_translation_that_changes_is_an_error(repo: GitRepo) -> None:
    assert publish(repo, "2.7", "--date", "2026-07-01").returncode == 0
    path = repo.path / PUBLISHED / "overeenkomst.md"
    path.write_text(path.read_text().replace("sub-processor", "subcontractor", 1))
    result = vwo(repo.path, "check")
    assert result.returncode == 1
    assert f"error: {PUBLISHED}/overeenkomst.md: changed after publication" in result.stderr


def refused(repo: GitRepo, *args: str) -> str:
    before = snapshot(repo.path)
    result = publish(repo, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert snapshot(repo.path) == before
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2.8",), "error: versions/2.8: version 2.8 is not published"),
        (("2.x",), "error: X.Y: '2.x' is not a version number"),
        (("2.7", "--date", "1-7-2026"), "error: --date: '1-7-2026' is not a valid date"),
        (("2.7", "--date", "2026-05-01"), "error: --date: 2026-05-01 is before 2026-06-01"),
        (("2.7", "--date", "2099-01-01"), "error: --date: 2099-01-01 is in the future"),
    ],
)
def test_refusals_of_the_request(repo: GitRepo, args: tuple[str, ...], message: str) -> None:
    assert refused(repo, *args).startswith(message)


def test_refuses_a_second_publication_and_a_stray_tag(repo: GitRepo) -> None:
    assert publish(repo, "2.7", "--date", "2026-07-01").returncode == 0
    assert "error: vertalingen/2.7/en: already exists" in refused(repo, "2.7")
    other = GitRepo(repo.path)
    other.git("tag", "v2.6-en", "HEAD")
    assert "hint: delete the stray tag: git tag -d v2.6-en" in refused(repo, "2.6")


def test_refuses_a_dirty_tree(repo: GitRepo) -> None:
    (repo.path / EN / "overeenkomst.md").write_text(repo.read(f"{EN}/overeenkomst.md") + "\n")
    assert "the working tree has uncommitted changes" in refused(repo, "2.7")


def test_refuses_a_translation_with_pending_units(repo: GitRepo) -> None:
    meta = repo.read(f"{EN}/vertaling.yml")
    line = next(line for line in meta.splitlines() if line.startswith("  subverwerkers-3:"))
    repo.commit("Stempel weg", files={f"{EN}/vertaling.yml": meta.replace(line + "\n", "")})
    message = refused(repo, "2.7")
    assert "not complete against the Dutch text of version 2.7" in message
    assert "translation pending: clause 7.3 (subverwerkers-3) was never stamped as translated" in message


def test_refuses_a_translation_with_a_mistake(repo: GitRepo) -> None:
    text = repo.read(f"{EN}/overeenkomst.md").replace("{#doorgifte}", "{#transfers}")
    repo.commit("Fout id", files={f"{EN}/overeenkomst.md": text})
    assert "article 8 has the id 'transfers'" in refused(repo, "2.7")


def test_refuses_a_translation_of_another_version(repo: GitRepo) -> None:
    meta = (
        repo.read(f"{EN}/vertaling.yml")
        .replace("bron: '2.7'", "bron: '2.6'")
        .replace('bron: "2.7"', 'bron: "2.6"')
    )
    repo.commit("Bron 2.6", files={f"{EN}/vertaling.yml": meta})
    message = refused(repo, "2.7")
    assert "bron: the working translation translates 2.6, not version 2.7" in message
    assert "vwo translation stamp --source 2.7" in message


def test_refuses_a_detached_head_and_no_working_translation(repo: GitRepo) -> None:
    repo.git("checkout", "-q", "--detach")
    assert "HEAD is detached" in refused(repo, "2.7")
    repo.git("checkout", "-q", "main")
    repo.commit("Geen vertaling", files={f"{EN}/vertaling.yml": None})
    assert "there is no working translation to publish" in refused(repo, "2.7")


def test_an_interruption_before_the_branch_moves_leaves_nothing(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(repo.path)

    def stop(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(freeze, "update_ref", stop)
    with pytest.raises(KeyboardInterrupt):
        from vwo.translation.publish import publish_translation

        publish_translation(repo.path, "2.7", day="2026-07-01")
    assert snapshot(repo.path) == before


def test_signals_wait_until_the_visible_step_is_done() -> None:
    seen = []
    with pytest.raises(KeyboardInterrupt), freeze.held_signals():
        os.kill(os.getpid(), signal.SIGINT)
        seen.append("still running")
    assert seen == ["still running"]


def test_a_publication_killed_after_its_commit_is_finished_next_time(repo: GitRepo) -> None:
    """The state a SIGKILL leaves right after the branch moved: the commit is there, the
    index and working tree are not, nor the tag."""
    head = repo.head()
    assert publish(repo, "2.7", "--date", "2026-07-01").returncode == 0
    repo.git("tag", "-d", "v2.7-en")
    repo.git("read-tree", head)
    subprocess.run(["rm", "-r", str(repo.path / PUBLISHED)], check=True)
    message = refused_after_finishing(repo)
    assert "already exists" in message
    assert repo.git("status", "--porcelain") == ""
    assert repo.git("cat-file", "-t", "v2.7-en") == "tag"


def refused_after_finishing(repo: GitRepo) -> str:
    result = publish(repo, "2.7")
    assert result.returncode == 2
    return result.stderr
