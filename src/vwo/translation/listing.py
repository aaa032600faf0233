"""Which translations a build lists on its Versies page and in ``versies.json``.

Pipeline: the repository's ``vertalingen/`` -> for a build of the concept: the working
translations (with the number of units waiting for a translation) and every published
one; for a build of X.Y: only X.Y's own (so publishing a translation of X.Y changes the
build of X.Y and of the concept, and no other) -> ``TranslationLink``s on the
``BuildView`` (``vwo.versions.pages``). A translation that cannot be read is left out
here: ``vwo check`` and the build of its own pages report it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from vwo.errors import VwoError
from vwo.translation.model import LANGUAGES, META_FILE, TRANSLATIONS_DIR, folder_name
from vwo.translation.read import parse_meta
from vwo.translation.source import read_standing
from vwo.versions.model import CONCEPT, VERSION_RE
from vwo.versions.pages import BuildView, TranslationLink


def _link(root: Path, source: str, language: str) -> TranslationLink | None:
    display = folder_name(source, language)
    path = root / display / META_FILE
    if not path.is_file():
        return None
    try:
        meta = parse_meta(
            path.read_bytes(), f"{display}/{META_FILE}", folder_source=source, language=language
        )
        pending = len(read_standing(root, display, CONCEPT).pending) if source == CONCEPT else None
    except VwoError:
        return None
    return TranslationLink(source, language, meta.status, meta.title, meta.published, pending)


def translation_links(root: Path, version: str) -> tuple[TranslationLink, ...]:
    base = root / TRANSLATIONS_DIR
    if not base.is_dir():
        return ()
    sources = [version]
    if version == CONCEPT:
        sources += sorted(
            (p.name for p in base.iterdir() if p.is_dir() and VERSION_RE.match(p.name)),
            key=lambda v: tuple(int(x) for x in v.split(".")),
        )
    found = (_link(root, source, language) for source in sources for language in LANGUAGES)
    return tuple(link for link in found if link is not None)


def with_translations(view: BuildView, root: Path) -> BuildView:
    """``view`` with the translations its build lists."""
    return dataclasses.replace(view, translations=translation_links(root, view.version))
