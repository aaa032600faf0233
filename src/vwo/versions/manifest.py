"""Immutability manifests of published version folders.

Pipeline: files of ``versions/X.Y/`` -> SHA-256 per file -> ``MANIFEST.sha256`` in the
format of ``sha256sum`` (so ``cd versions/1.1 && sha256sum -c MANIFEST.sha256`` works
without this package) -> verification lists every added, removed or changed file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from vwo.errors import VwoError

MANIFEST_FILE = "MANIFEST.sha256"
LINE_RE = re.compile(r"^([0-9a-f]{64}) [ *](\S.*)$")


def folder_files(folder: Path) -> list[str]:
    """Relative POSIX paths of every file in ``folder`` except the manifest, sorted."""
    names = [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() or path.is_symlink()
    ]
    return sorted(name for name in names if name != MANIFEST_FILE)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compute(folder: Path) -> dict[str, str]:
    """``{relative path: sha256}`` for every file in ``folder``."""
    return {name: digest(folder / name) for name in folder_files(folder)}


def dumps(entries: dict[str, str]) -> str:
    return "".join(f"{entries[name]}  {name}\n" for name in sorted(entries))


def loads(text: str, where: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = LINE_RE.match(line)
        if not match:
            raise VwoError(
                f"{where}:{number}",
                "not a manifest line",
                "each line is '<sha256>  <path>' as written by sha256sum; never edit the manifest",
            )
        entries[match.group(2)] = match.group(1)
    return entries


def verify(folder: Path, display: str) -> list[str]:
    """Problems with ``folder`` against its manifest; ``display`` is the folder as shown."""
    where = f"{display}/{MANIFEST_FILE}"
    hint = (
        "a published version is immutable: restore the file with "
        f"'git checkout -- {display}'; record corrections in a new version"
    )
    path = folder / MANIFEST_FILE
    if not path.is_file():
        return [f"{where}: missing\nhint: published folders are written by 'vwo adopt', with a manifest"]
    try:
        expected = loads(path.read_text(encoding="utf-8"), where)
    except VwoError as error:
        return [str(error)]
    actual = compute(folder)
    problems = [
        f"{display}/{name}: added after publication\nhint: {hint}" for name in actual if name not in expected
    ]
    problems += [
        f"{display}/{name}: removed after publication\nhint: {hint}"
        for name in expected
        if name not in actual
    ]
    problems += [
        f"{display}/{name}: changed after publication (sha256 {actual[name][:12]}…, manifest {sha[:12]}…)"
        f"\nhint: {hint}"
        for name, sha in expected.items()
        if name in actual and actual[name] != sha
    ]
    return sorted(problems)
