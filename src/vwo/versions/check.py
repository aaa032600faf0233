"""``vwo check`` for published folders: metadata, immutability and text.

Pipeline: every ``versions/*/`` folder -> (``version.yml`` validated, manifest
verified, text parsed) -> problem strings naming the file; then the versions
together (``vervangt`` points at an earlier version).
"""

from __future__ import annotations

from pathlib import Path

from vwo.errors import VwoError
from vwo.text.parse import load_agreement
from vwo.versions.manifest import verify
from vwo.versions.model import VERSION_FILE, VERSION_RE, VERSIONS_DIR, VersionInfo, read_version_file


def check_versions(root: Path) -> list[str]:
    base = root / VERSIONS_DIR
    if not base.is_dir():
        return []
    problems: list[str] = []
    infos: list[VersionInfo] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        display = f"{VERSIONS_DIR}/{folder.name}"
        if not VERSION_RE.match(folder.name):
            problems.append(
                f"{display}: not a version folder name\nhint: name it after the version, e.g. 1.11"
            )
            continue
        problems.extend(verify(folder, display))
        version_file = folder / VERSION_FILE
        if not version_file.is_file():
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
    known = {info.version: info for info in infos}
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
    for file in sorted(p for p in base.iterdir() if p.is_file() and p.name != ".gitkeep"):
        problems.append(f"{VERSIONS_DIR}/{file.name}: stray file\nhint: versions/ holds only version folders")
    return problems
