"""``vwo check`` for published folders: proof of publication, metadata and text.

Pipeline: the history's proof (``vwo.versions.proof``: each folder, in the working tree
and at HEAD, against the tree its adoption commit recorded; the tags) -> every
``versions/*/`` folder -> (its differences from the adoption, or, where nothing can be
compared with, its manifest; ``version.yml`` validated; text parsed) -> problem strings
naming the file; then the versions together (``vervangt`` points at an earlier version).
Without git (an unpacked archive) only the manifests can be verified: a notice says so.
"""

from __future__ import annotations

from pathlib import Path

from vwo.errors import Notice, VwoError
from vwo.text.parse import load_agreement
from vwo.versions.manifest import verify
from vwo.versions.model import VERSION_FILE, VERSIONS_DIR, VersionInfo, is_version, read_version_file
from vwo.versions.proof import read_proof


def check_versions(root: Path) -> list[str]:
    """Problems (and ``Notice``s) of the published folders."""
    base = root / VERSIONS_DIR
    if base.is_symlink():
        return [f"{VERSIONS_DIR}: is a symbolic link\nhint: versions/ is a folder of the repository itself"]
    folders = sorted(p for p in base.iterdir() if p.is_dir() or p.is_symlink()) if base.is_dir() else []
    names = [folder.name for folder in folders if is_version(folder.name)]
    proof = read_proof(root, names)
    problems: list[str] = []
    if proof is None and folders:
        problems.append(
            Notice(
                f"{VERSIONS_DIR}/: no git history here, so the folders were checked against their manifests "
                "only, not against the commits that adopted them\nhint: run vwo check in a clone"
            )
        )
    infos: list[VersionInfo] = []
    for folder in folders:
        display = f"{VERSIONS_DIR}/{folder.name}"
        if not is_version(folder.name):
            problems.append(
                f"{display}: not a version folder name\n"
                "hint: name it after the version (ASCII digits, no leading zeros), e.g. 1.11"
            )
            continue
        found = proof.problems.pop(folder.name, []) if proof is not None else []
        problems.extend(found)
        if folder.is_symlink() or not folder.is_dir():
            continue
        if proof is None or folder.name in proof.unverified or not found:
            problems.extend(verify(folder, display))
        version_file = folder / VERSION_FILE
        if not version_file.exists():
            problems.append(
                f"{display}/{VERSION_FILE}: missing\nhint: published folders are written by 'vwo adopt'"
            )
        else:
            try:
                infos.append(read_version_file(version_file, f"{display}/{VERSION_FILE}"))
            except VwoError as error:
                problems.append(str(error))
        try:
            load_agreement(folder, display=display)
        except VwoError as error:
            problems.append(str(error))
    if proof is not None:
        for version in sorted(proof.problems):
            problems.extend(proof.problems[version])
        problems.extend(proof.notices)
    problems.extend(_replaces_problems(infos))
    if base.is_dir():
        for file in sorted(p for p in base.iterdir() if p.is_file() and p.name != ".gitkeep"):
            problems.append(
                f"{VERSIONS_DIR}/{file.name}: stray file\nhint: versions/ holds only version folders"
            )
    return problems


def _replaces_problems(infos: list[VersionInfo]) -> list[str]:
    known = {info.version: info for info in infos}
    problems = []
    for info in infos:
        if info.replaces is None:
            continue
        where = f"{VERSIONS_DIR}/{info.version}/{VERSION_FILE}"
        older = known.get(info.replaces)
        if older is None:
            problems.append(
                f"{where}: vervangt: unknown version '{info.replaces}'\nhint: name a published version"
            )
        elif older.key >= info.key:
            problems.append(
                f"{where}: vervangt: '{info.replaces}' is not older than '{info.version}'"
                "\nhint: a version replaces an earlier one"
            )
    return problems


def problems_only(found: list[str]) -> list[str]:
    """``found`` without its notices."""
    return [item for item in found if not isinstance(item, Notice)]
