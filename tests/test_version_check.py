"""Tampering with a published folder: ``vwo check`` names the file; ``vwo publish`` refuses."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import snapshot, text_files, vwo
from vwo.versions.check import check_versions


@pytest.fixture
def adopted(repo: GitRepo) -> GitRepo:
    repo.commit("Tekst", files=text_files())
    args = ["adopt", "1.0", "--status", "consultatie", "--date", "2018-09-01", "--samenvatting", "Ontwerp."]
    assert vwo(repo.path, *args).returncode == 0
    assert check_versions(repo.path) == []
    return repo


def add_file(folder: Path) -> None:
    (folder / "bijlagen" / "bijlage-2-extra.md").write_text("# Bijlage 2. Extra {#bijlage-extra}\n\nx\n")


def remove_file(folder: Path) -> None:
    (folder / "toelichting.md").unlink()


def change_byte(folder: Path) -> None:
    path = folder / "overeenkomst.md"
    data = bytearray(path.read_bytes())
    data[-2] = ord("!") if data[-2] != ord("!") else ord("?")
    path.write_bytes(bytes(data))


def change_status(folder: Path) -> None:
    path = folder / "version.yml"
    path.write_text(path.read_text().replace("status: consultatie", "status: vast"))


def remove_manifest(folder: Path) -> None:
    (folder / "MANIFEST.sha256").unlink()


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (add_file, ["versions/1.0/bijlagen/bijlage-2-extra.md: added after publication"]),
        (remove_file, ["versions/1.0/toelichting.md: removed after publication"]),
        (change_byte, ["versions/1.0/overeenkomst.md: changed after publication"]),
        (
            change_status,
            [
                "versions/1.0/version.yml: changed after publication",
                "versions/1.0/version.yml:2: status: unknown value 'vast'",
            ],
        ),
        (remove_manifest, ["versions/1.0/MANIFEST.sha256: removed after publication"]),
    ],
    ids=["added", "removed", "changed-byte", "version-yml-invalid", "manifest-missing"],
)
def test_tampering_is_named(adopted: GitRepo, tamper: Callable[[Path], None], expected: list[str]) -> None:
    tamper(adopted.path / "versions" / "1.0")
    problems = check_versions(adopted.path)
    assert [p.splitlines()[0].split(", in the working tree")[0] for p in problems] == expected
    result = vwo(adopted.path, "check")
    assert result.returncode == 1
    for line in expected:
        assert f"error: {line}" in result.stderr
    # Publishing refuses before building or writing anything.
    before = snapshot(adopted.path)
    published = vwo(adopted.path, "publish", "--branch", "site")
    assert published.returncode == 2 and expected[0] in published.stderr
    assert snapshot(adopted.path) == before


def test_changed_byte_hint_says_how_to_restore(adopted: GitRepo) -> None:
    change_byte(adopted.path / "versions" / "1.0")
    (problem,) = check_versions(adopted.path)
    sha = adopted.git("rev-parse", "--short=12", "v1.0^{commit}")
    assert (
        "hint: a published version never changes: restore the folder with "
        f"'git checkout {sha} -- versions/1.0'" in (problem)
    )


def test_a_tampered_manifest_line_names_its_line(adopted: GitRepo, tmp_path: Path) -> None:
    """Without git (an unpacked archive) the manifest is all there is: its lines are read."""
    archive = tmp_path / "archief"
    shutil.copytree(adopted.path, archive, ignore=shutil.ignore_patterns(".git"))
    manifest = archive / "versions" / "1.0" / "MANIFEST.sha256"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join([*lines[:1], "zomaar een regel", *lines[1:]]) + "\n")
    notice, problem = check_versions(archive)
    assert notice.startswith("versions/: no git history here")
    assert problem.startswith("versions/1.0/MANIFEST.sha256:2: not a manifest line")


def test_a_published_text_that_does_not_parse_is_reported(repo: GitRepo) -> None:
    files = text_files()
    files["docs/overeenkomst.md"] = files["docs/overeenkomst.md"].replace(" {#subverwerkers}", "")
    repo.commit("Tekst", files=files)
    # Written by hand (adopt would refuse): a valid manifest over an unparsable text.
    folder = repo.path / "versions" / "1.0"
    folder.mkdir(parents=True)
    for rel in ("overeenkomst.md", "toelichting.md"):
        (folder / rel).write_text(files[f"docs/{rel}"])
    (folder / "version.yml").write_text(
        'versie: "1.0"\nstatus: consultatie\ngepubliceerd_op: 2018-09-01\nsamenvatting: x\n'
    )
    from vwo.versions.manifest import MANIFEST_FILE, compute, dumps

    (folder / MANIFEST_FILE).write_text(dumps(compute(folder)))
    adoption, parse = check_versions(repo.path)  # not committed, so not adopted either
    assert adoption.startswith("versions/1.0: no adoption commit")
    assert parse.startswith("versions/1.0/overeenkomst.md:9: heading has no stable id")


def test_vervangt_must_name_an_earlier_version(adopted: GitRepo) -> None:
    adopted.commit("Tekst", files=text_files("schriftelijke voorafgaande"))
    args = ["adopt", "1.1", "--status", "consultatie", "--date", "2018-10-01", "--samenvatting", "x"]
    assert vwo(adopted.path, *args).returncode == 0
    assert "vervangt: '1.0'" in (adopted.path / "versions" / "1.1" / "version.yml").read_text()
    assert check_versions(adopted.path) == []
