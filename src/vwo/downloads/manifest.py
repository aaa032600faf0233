"""``manifest.json`` and ``SHA256SUMS``: what a version's downloads are, and how to check them.

Pipeline: ``Meta`` + ``{file name: bytes}`` -> ``DownloadFile`` records (size, SHA-256)
-> ``manifest.json`` (stable, documented in ``docs/over/downloads-manifest.md``) and
``SHA256SUMS`` in the format of ``sha256sum -c``. Pure: bytes in, bytes out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vwo.downloads.document import Meta
from vwo.site.dates import iso_date
from vwo.translation.model import STATUS as TRANSLATION_STATUS

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
MANIFEST_FORMAT = 1
# suffix (or, for SHA256SUMS, the name) -> (media type, label on the Downloads page)
FORMATS = {
    ".pdf": ("application/pdf", "PDF (PDF/A-2a, toegankelijk volgens PDF/UA-1)"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word (DOCX)",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", "OpenDocument-tekst (ODT)"),
    ".json": ("application/json", "Beschrijving van de versie en de bestanden (JSON)"),
    SUMS: ("text/plain", "Controlegetallen (voor sha256sum -c)"),
}


@dataclass(frozen=True)
class DownloadFile:
    name: str
    size: int
    sha256: str

    @property
    def suffix(self) -> str:
        return "." + self.name.rsplit(".", 1)[-1] if "." in self.name else self.name

    @property
    def media_type(self) -> str:
        return FORMATS[self.suffix][0]

    @property
    def label(self) -> str:
        return FORMATS[self.suffix][1]


def describe(name: str, content: bytes) -> DownloadFile:
    return DownloadFile(name, len(content), hashlib.sha256(content).hexdigest())


def manifest_data(meta: Meta, files: list[DownloadFile], translations: Sequence[Meta] = ()) -> dict[str, Any]:
    """The manifest; each file says its language (``taal``), each translation its facts."""
    languages = {t.file_stem: t.language for t in translations}

    def language(name: str) -> str:
        return languages.get(name.rsplit(".", 1)[0], meta.language)

    return {
        "formaat": MANIFEST_FORMAT,
        "titel": meta.title,
        "versie": meta.version,
        "status": meta.status,
        "gepubliceerd_op": iso_date(meta.published),
        "vastgesteld_door": meta.adopted_by,
        "pas_toe_of_leg_uit_vanaf": iso_date(meta.comply_or_explain_from),
        "verplicht_vanaf": iso_date(meta.mandatory_from),
        "vervangt": meta.replaces,
        "brondatum": meta.source_date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "taal": meta.language,
        "bestanden": [
            {
                "naam": f.name,
                "mediatype": f.media_type,
                "grootte": f.size,
                "sha256": f.sha256,
                "taal": language(f.name),
            }
            for f in files
        ],
        "vertalingen": [
            {
                "taal": t.language,
                "taalcode": t.labels.tag,
                "titel": t.title,
                "status": TRANSLATION_STATUS,
                "bestanden": [f.name for f in files if language(f.name) == t.language],
            }
            for t in translations
        ],
    }


def manifest_json(meta: Meta, files: list[DownloadFile], translations: Sequence[Meta] = ()) -> bytes:
    text = json.dumps(manifest_data(meta, files, translations), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def sha256sums(files: list[DownloadFile]) -> bytes:
    """One ``<hash>  <name>`` line per file, sorted by name: what ``sha256sum -c`` reads."""
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name)).encode("ascii")


def with_manifest(
    meta: Meta, documents: Mapping[str, bytes], translations: Sequence[Meta] = ()
) -> dict[str, bytes]:
    """The documents plus ``manifest.json`` (listing them) and ``SHA256SUMS`` (all of them)."""
    described = [describe(name, content) for name, content in documents.items()]
    manifest = manifest_json(meta, described, translations)
    out = dict(documents)
    out[MANIFEST] = manifest
    out[SUMS] = sha256sums([*described, describe(MANIFEST, manifest)])
    return out


def read_manifest(content: bytes) -> list[DownloadFile]:
    data = json.loads(content)
    return [DownloadFile(f["naam"], int(f["grootte"]), f["sha256"]) for f in data["bestanden"]]
