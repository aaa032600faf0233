"""Throwaway repositories with a translated version and a translated concept, from the
translator's texts in ``tests/fixtures/translation-2.7`` and ``translation-concept``
(each ``nl/``: the Dutch source, ``en/``: its English translation; see their README)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gitrepo import ROOT, GitRepo, copy_project
from tests.versions_support import vwo

FIXTURES = ROOT / "tests" / "fixtures"
PUBLISHED = FIXTURES / "translation-2.7"
CONCEPT = FIXTURES / "translation-concept"
TEXT = ("overeenkomst.md", "toelichting.md", "dekking.yml", "bijlagen")
ALV = "Algemene Ledenvergadering VNG"


def put_text(source: Path, docs: Path) -> None:
    """The Dutch text of a fixture into ``docs`` (replacing the agreement, toelichting, annexes)."""
    docs.mkdir(parents=True, exist_ok=True)
    if (docs / "bijlagen").exists():
        shutil.rmtree(docs / "bijlagen")
    for name in TEXT:
        item = source / name
        if item.is_dir():
            shutil.copytree(item, docs / name)
        elif item.exists():
            shutil.copy2(item, docs / name)


def put_translation(source: Path, folder: Path, *, bron: str | None = None) -> None:
    """A fixture's English translation into ``folder`` (``bron`` rewritten if given)."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    if bron is not None:
        meta = folder / "vertaling.yml"
        lines = [
            f'bron: "{bron}"' if line.startswith("bron:") else line for line in meta.read_text().splitlines()
        ]
        meta.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unit_root(path: Path, fixture: Path = CONCEPT) -> Path:
    """Plain folders (no git): ``docs/`` with the Dutch text, ``vertalingen/en/`` with its translation."""
    put_text(fixture / "nl", path / "docs")
    put_translation(fixture / "en", path / "vertalingen" / "en")
    return path


def check(result_code: int, stderr: str) -> None:
    assert result_code == 0, stderr


def version_project(path: Path) -> GitRepo:
    """This project with versions 2.6 (its own text) and 2.7 (the fixture's Dutch text),
    both adopted, and the working translation of 2.7, every unit stamped, committed."""
    repo = GitRepo(path)
    copy_project(repo.path)
    repo.commit("Projectopzet")
    for version, day in (("2.6", "2026-01-15"), ("2.7", "2026-06-01")):
        if version == "2.7":
            put_text(PUBLISHED / "nl", repo.path / "docs")
            repo.commit("Tekst van 2.7", trailers={"Voorstel": "VWO-2026-001", "Soort": "inhoudelijk"})
        result = vwo(
            repo.path, "adopt", version, "--status", "vastgesteld", "--date", day,
            "--vastgesteld-door", ALV, "--samenvatting", f"Versie {version}.",
        )  # fmt: skip
        check(result.returncode, result.stderr)
    put_translation(PUBLISHED / "en", repo.path / "vertalingen" / "en")
    result = vwo(repo.path, "translation", "stamp")
    check(result.returncode, result.stderr)
    repo.commit("Vertaling van 2.7")
    return repo


def publish_translation(repo: GitRepo) -> None:
    result = vwo(repo.path, "translation", "publish", "2.7", "--lang", "en", "--date", "2026-07-01")
    check(result.returncode, result.stderr)


def translate_concept(repo: GitRepo) -> None:
    """The concept becomes the other fixture's text, with its working translation stamped."""
    put_text(CONCEPT / "nl", repo.path / "docs")
    repo.commit("Werktekst na 2.7", trailers={"Voorstel": "VWO-2026-002", "Soort": "inhoudelijk"})
    put_translation(CONCEPT / "en", repo.path / "vertalingen" / "en")
    result = vwo(repo.path, "translation", "stamp", "--source", "concept")
    check(result.returncode, result.stderr)
    repo.commit("Vertaling van de werktekst")


def translated_project(path: Path) -> GitRepo:
    """``version_project`` with the translation of 2.7 published and the concept translated."""
    repo = version_project(path)
    publish_translation(repo)
    translate_concept(repo)
    return repo


def change_clause(repo: GitRepo, number: str, words: str) -> None:
    """Change Dutch clause ``number`` (e.g. "7.3") of the concept and commit it."""
    text = repo.read("docs/overeenkomst.md")
    marker = f"\n{number} "
    assert text.count(marker) == 1, number
    repo.commit(
        f"Lid {number}",
        files={"docs/overeenkomst.md": text.replace(marker, f"{marker}{words} ")},
        trailers={"Voorstel": "VWO-2026-003", "Soort": "redactioneel"},
    )


PENDING_CLAUSE = "7.3"
"""The clause of the concept whose Dutch text ``translated_site`` changes after translation."""


def translated_site(workdir: Path) -> Path:
    """``translated_project`` with Dutch clause 7.3 of the concept changed after it was
    translated, published by ``vwo publish``: the exported tree of the site branch."""
    from tests.browser.site import publish_repo

    repo = translated_project(workdir / "project")
    change_clause(repo, PENDING_CLAUSE, "voortaan")
    return publish_repo(repo, workdir / "published")
