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
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version as package_version
from importlib.resources import files as package_files
from pathlib import Path

from vwo.atomic import write_atomic
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


def render(document: Document) -> dict[str, bytes]:
    """Every download file of ``document``: the three documents, manifest and sums."""
    stem = document.meta.file_stem
    with ThreadPoolExecutor(max_workers=3) as pool:
        pdf = pool.submit(render_pdf, document)
        docx = pool.submit(render_office, document, "docx")
        odt = pool.submit(render_office, document, "odt")
        documents = {f"{stem}.pdf": pdf.result(), f"{stem}.docx": docx.result(), f"{stem}.odt": odt.result()}
    return with_manifest(document.meta, documents)


def write_folder(target: Path, contents: dict[str, bytes]) -> None:
    """Put ``contents`` in ``target``: a new folder appears whole (rename); in an existing
    folder each file is replaced whole. Nothing is written before everything rendered."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        for name, content in contents.items():
            write_atomic(target / name, content)
        return
    tmp_dir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, content in contents.items():
            (tmp_dir / name).write_bytes(content)
        tmp_dir.rename(target)
    except BaseException:
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise


def bundle_from_folder(meta: Meta, folder: Path, *, cached: bool) -> Bundle:
    """The bundle in ``folder``: the documents as its manifest lists them, then the
    manifest and the sums file themselves."""
    documents = read_manifest((folder / MANIFEST).read_bytes())
    own = (describe(name, (folder / name).read_bytes()) for name in (MANIFEST, SUMS))
    return Bundle(meta, folder, (*documents, *own), cached)


def generate(agreement: Agreement, meta: Meta, out: Path) -> Bundle:
    """Render the downloads of ``agreement`` and write them into ``out``."""
    write_folder(out, render(build_document(agreement, meta)))
    return bundle_from_folder(meta, out, cached=False)


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    package = package_files("vwo")
    for part in sorted(p.name for p in package.joinpath("downloads").iterdir() if p.name.endswith(".py")):
        digest.update(package.joinpath("downloads", part).read_bytes())
    digest.update(package.joinpath("templates", "downloads", "vwo.typ").read_bytes())
    digest.update(package.joinpath("text", "lists.py").read_bytes())  # how lists reach pandoc
    return digest.hexdigest()


def cache_key(document: Document) -> str:
    """A hash of everything the files depend on."""
    data = {
        "format": CACHE_FORMAT,
        "code": _code_fingerprint(),
        "pandoc": pandoc_version(),
        "typst": package_version("typst"),
        "document": dataclasses.asdict(document),
    }
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def lookup(agreement: Agreement, meta: Meta, cache_dir: Path) -> Bundle | None:
    """The downloads from ``cache_dir/<key>/`` if they were made before."""
    folder = cache_dir / cache_key(build_document(agreement, meta))
    return bundle_from_folder(meta, folder, cached=True) if (folder / SUMS).is_file() else None


def cached(agreement: Agreement, meta: Meta, cache_dir: Path) -> Bundle:
    """The downloads from ``cache_dir/<key>/``, generating them there first if missing."""
    document = build_document(agreement, meta)
    folder = cache_dir / cache_key(document)
    if (folder / SUMS).is_file():
        return bundle_from_folder(meta, folder, cached=True)
    contents = render(document)
    try:
        write_folder(folder, contents)
    except OSError:
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
    """Copy a (cached) bundle into ``out`` with the same all-or-nothing guarantee."""
    write_folder(out, {f.name: (bundle.folder / f.name).read_bytes() for f in bundle.files})
    return dataclasses.replace(bundle, folder=out)
