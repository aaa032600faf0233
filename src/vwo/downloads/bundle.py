"""A version's download files: generate them, write them safely, reuse them from a cache.

Pipeline: ``Agreement`` + ``Meta`` -> ``Document`` -> PDF, DOCX and ODT rendered in
parallel (each writer runs its own pandoc) -> ``manifest.json`` + ``SHA256SUMS`` ->
written into a fresh temporary folder, then moved into place, so a failure leaves
nothing half-written. ``cached`` keys the result by a hash of everything that goes
into the files (text, facts, date, converter code and versions).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version as package_version
from importlib.resources import files as package_files
from pathlib import Path

from vwo.atomic import write_out
from vwo.downloads.document import Document, Meta, build_document
from vwo.downloads.manifest import (
    MANIFEST,
    SUMS,
    DownloadFile,
    describe,
    read_manifest,
    with_manifest,
)
from vwo.downloads.office import render_office
from vwo.downloads.pandoc import pandoc_version
from vwo.downloads.pdf import render_pdf
from vwo.errors import VwoError
from vwo.text.model import Agreement

# Bump to invalidate every cached bundle when the output changes for reasons the
# cache key cannot see.
CACHE_FORMAT = 1
# Bundles kept in the cache (about 0.3 MB each); older ones are removed after a new one.
CACHE_KEEP = 20


@dataclass(frozen=True)
class Bundle:
    """The files of one version's downloads, stored in ``folder``."""

    meta: Meta
    folder: Path
    files: tuple[DownloadFile, ...]
    cached: bool = False

    def file(self, suffix: str) -> DownloadFile:
        return next(f for f in self.files if f.name.endswith(suffix))


Translated = Sequence[tuple[Agreement, Meta]]
"""The translations of a version (``vwo.translation``): their text and facts."""


def render(document: Document, translations: Sequence[Document] = ()) -> dict[str, bytes]:
    """Every download file of ``document`` and its translations: three documents each,
    then one manifest and one sums file for them all."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        jobs = []
        for each in (document, *translations):
            stem = each.meta.file_stem
            jobs += [
                (f"{stem}.pdf", pool.submit(render_pdf, each)),
                (f"{stem}.docx", pool.submit(render_office, each, "docx")),
                (f"{stem}.odt", pool.submit(render_office, each, "odt")),
            ]
        documents = {name: job.result() for name, job in jobs}
    return with_manifest(document.meta, documents, [t.meta for t in translations])


def write_folder(target: Path, contents: dict[str, bytes], *, option: str = "--out") -> None:
    """Put ``contents`` in ``target`` (``vwo.atomic.write_out``: a new folder appears whole;
    in an existing folder each file is replaced whole, only regular files). Nothing is
    written before everything rendered."""
    write_out(target, contents, option=option)


def bundle_from_folder(meta: Meta, folder: Path, *, cached: bool) -> Bundle:
    """The bundle in ``folder``: the documents as its manifest lists them, then the
    manifest and the sums file themselves."""
    documents = read_manifest((folder / MANIFEST).read_bytes())
    own = (describe(name, (folder / name).read_bytes()) for name in (MANIFEST, SUMS))
    return Bundle(meta, folder, (*documents, *own), cached)


def _translated(translations: Translated) -> list[Document]:
    return [build_document(agreement, meta) for agreement, meta in translations]


def generate(agreement: Agreement, meta: Meta, out: Path, translations: Translated = ()) -> Bundle:
    """Render the downloads of ``agreement`` (and its translations) and write them into ``out``."""
    write_folder(out, render(build_document(agreement, meta), _translated(translations)))
    return bundle_from_folder(meta, out, cached=False)


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = package_files("vwo")
    for part in sorted(p.name for p in package.joinpath("downloads").iterdir() if p.name.endswith(".py")):
        digest.update(package.joinpath("downloads", part).read_bytes())
    digest.update(package.joinpath("templates", "downloads", "vwo.typ").read_bytes())
    digest.update(package.joinpath("text", "lists.py").read_bytes())  # how lists reach pandoc
    return digest.hexdigest()


def cache_key(document: Document, translations: Sequence[Document] = ()) -> str:
    """A hash of everything the files depend on."""
    data = {
        "translations": [dataclasses.asdict(t) for t in translations],
        "format": CACHE_FORMAT,
        "code": _code_fingerprint(),
        "pandoc": pandoc_version(),
        "typst": package_version("typst"),
        "document": dataclasses.asdict(document),
    }
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def verified(folder: Path) -> bool:
    """Whether every file ``SHA256SUMS`` lists in ``folder`` is there, a regular file, with
    that checksum, and the manifest lists nothing else (a cache entry is checked before it
    is shipped: a corrupted one is made again, never copied)."""
    try:
        sums = (folder / SUMS).read_text(encoding="ascii")
        recorded: dict[str, str] = {}
        for line in sums.splitlines():
            sha, name = line.split("  ", 1)
            recorded[name] = sha
        listed = {f.name for f in read_manifest((folder / MANIFEST).read_bytes())} | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not listed <= set(recorded):
        return False
    for name, sha in recorded.items():
        path = folder / name
        if "/" in name or path.is_symlink() or not path.is_file():
            return False
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            return False
    return True


def _usable(folder: Path) -> bool:
    """A complete, intact cache entry; a damaged one is removed, so it is made again."""
    if not (folder / SUMS).is_file():
        return False
    if verified(folder):
        return True
    shutil.rmtree(folder, ignore_errors=True)
    return False


def lookup(agreement: Agreement, meta: Meta, cache_dir: Path, translations: Translated = ()) -> Bundle | None:
    """The downloads from ``cache_dir/<key>/`` if they were made before (and are intact)."""
    folder = cache_dir / cache_key(build_document(agreement, meta), _translated(translations))
    return bundle_from_folder(meta, folder, cached=True) if _usable(folder) else None


def cached(agreement: Agreement, meta: Meta, cache_dir: Path, translations: Translated = ()) -> Bundle:
    """The downloads from ``cache_dir/<key>/``, generating them there first if missing or damaged."""
    document = build_document(agreement, meta)
    others = _translated(translations)
    folder = cache_dir / cache_key(document, others)
    if _usable(folder):
        return bundle_from_folder(meta, folder, cached=True)
    contents = render(document, others)
    try:
        write_folder(folder, contents, option=str(cache_dir))
    except (OSError, VwoError):
        if not (folder / SUMS).is_file():  # not a concurrent build that got there first
            raise
    prune(cache_dir, keep=CACHE_KEEP)
    return bundle_from_folder(meta, folder, cached=False)


def prune(cache_dir: Path, *, keep: int) -> None:
    """Remove all but the ``keep`` most recently written complete bundles."""
    complete = [p for p in cache_dir.iterdir() if (p / SUMS).is_file()]
    complete.sort(key=lambda p: (p / SUMS).stat().st_mtime_ns, reverse=True)
    for old in complete[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def copy_bundle(bundle: Bundle, out: Path) -> Bundle:
    """Copy a (cached) bundle into ``out`` with the same all-or-nothing guarantee; the bytes
    copied are checked against the checksums recorded for them, and the bundle returned
    describes what was written."""
    contents = {f.name: (bundle.folder / f.name).read_bytes() for f in bundle.files}
    for item in bundle.files:
        if describe(item.name, contents[item.name]).sha256 != item.sha256:
            raise VwoError(
                str(bundle.folder / item.name),
                "changed in the cache while it was being copied; nothing was written",
                "run the command again (or use --no-cache)",
            )
    write_folder(out, contents)
    return dataclasses.replace(bundle, folder=out, files=tuple(describe(n, c) for n, c in contents.items()))
