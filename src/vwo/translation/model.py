"""Where translations live and what a translation is (pure data).

``vertalingen/<lang>/`` is the working translation (it translates the concept, or a
published version it is being prepared for); ``vertalingen/X.Y/<lang>/`` is the
translation of version X.Y as published, frozen like ``versions/X.Y/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vwo.text.model import Agreement
from vwo.versions.model import CONCEPT

TRANSLATIONS_DIR = "vertalingen"
META_FILE = "vertaling.yml"
TERMS_FILE = "termen.yml"
STATUS = "informatieve vertaling"
"""The only status a translation has: the Dutch text prevails."""
LANGUAGES = {"en": "English"}
"""The languages a translation may have (the parser knows their heading keywords)."""
BCP47 = {"nl": "nl-NL", "en": "en-GB"}
"""The language tags written into download files."""


def folder_name(source: str, language: str) -> str:
    """``vertalingen/en`` for the working translation (``source`` concept), else
    ``vertalingen/X.Y/en``."""
    if source == CONCEPT:
        return f"{TRANSLATIONS_DIR}/{language}"
    return f"{TRANSLATIONS_DIR}/{source}/{language}"


def translation_folder(root: Path, source: str, language: str) -> Path:
    return root / folder_name(source, language)


def build_translation_folder(root: Path, version: str, language: str) -> Path | None:
    """The translation a build of ``version`` shows in ``language``, if there is one: the
    working translation for ``concept``, the published one for a version."""
    folder = translation_folder(root, version, language)
    return folder if (folder / META_FILE).is_file() else None


def build_inputs(root: Path, version: str) -> dict[str, Path]:
    """``{path from the root: file}`` of the translations a build of ``version`` shows: part
    of its build hash (``vwo.versions.plan``), so publishing a translation rebuilds exactly
    that version (and the concept, whose Versies page lists it)."""
    files: dict[str, Path] = {}
    for language in LANGUAGES:
        folder = translation_folder(root, version, language)
        if not (folder / META_FILE).is_file():
            continue
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not any(
                part.startswith(".") or part == "__pycache__" for part in rel.split("/")
            ):
                files[rel] = path
    return files


@dataclass(frozen=True)
class TranslationMeta:
    """``vertaling.yml``."""

    language: str
    source: str
    """``concept`` or a version number: the Dutch text this translates."""
    status: str
    title: str
    stamps: dict[str, str] = field(default_factory=dict)
    """``bronteksten``: unit -> hash of the Dutch text it was translated from."""
    published: date | None = None
    """``gepubliceerd_op``: only in a published translation."""
    where: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each stamp in the file (for messages)."""
    title_line: int = 1


@dataclass(frozen=True)
class Terms:
    """``termen.yml``: per group (``definities``, ``termen`` ...), Dutch term -> English term."""

    language: str
    groups: dict[str, dict[str, str]]
    where: str = ""


@dataclass(frozen=True)
class Translation:
    meta: TranslationMeta
    agreement: Agreement
    terms: Terms | None
    display: str
    """The folder as shown in messages, e.g. ``vertalingen/en``."""

    @property
    def language(self) -> str:
        return self.meta.language
