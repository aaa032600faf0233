"""Find a translation and its Dutch source in a repository.

Pipeline: repository root + language + source (``concept`` or X.Y) -> the Dutch text
folder (``docs/`` or ``versions/X.Y/``, which must exist) -> its model -> the
translation read with the Dutch ids known (``vwo.translation.read``) -> ``Standing``
(``vwo.translation.pending``).
"""

from __future__ import annotations

from pathlib import Path

from vwo.errors import VwoError
from vwo.text.parse import load_agreement
from vwo.translation.model import LANGUAGES, META_FILE, folder_name
from vwo.translation.pending import Standing, standing, text_files
from vwo.translation.read import folder_parts, load_translation, parse_meta
from vwo.versions.model import CONCEPT, VERSION_RE, VERSIONS_DIR


def source_folder(root: Path, source: str) -> tuple[Path, str]:
    """(folder, display) of the Dutch text of ``source``."""
    if source == CONCEPT:
        return root / "docs", "docs"
    if not VERSION_RE.match(source):
        raise VwoError(source, "is not 'concept' or a version number", "e.g. --source 2.7")
    folder = root / VERSIONS_DIR / source
    if not (folder / "version.yml").is_file():
        raise VwoError(
            f"{VERSIONS_DIR}/{source}",
            f"version {source} is not published",
            "a translation translates the concept or a published version (vwo adopt publishes one)",
        )
    return folder, f"{VERSIONS_DIR}/{source}"


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise VwoError("--lang", f"unknown language '{language}'", "known: " + ", ".join(LANGUAGES))
    return language


def read_standing(root: Path, display: str, source: str | None = None) -> Standing:
    """The translation in ``display`` against ``source`` (default: the ``bron`` it names)."""
    folder_source, language = folder_parts(display)
    if source is None:
        meta_file = root / display / META_FILE
        if not meta_file.is_file():
            raise VwoError(f"{display}/{META_FILE}", "missing", f"every translation folder has a {META_FILE}")
        where = f"{display}/{META_FILE}"
        meta = parse_meta(meta_file.read_bytes(), where, folder_source=folder_source, language=language)
        source = meta.source
    folder, shown = source_folder(root, source)
    dutch = load_agreement(folder, display=shown)
    translation = load_translation(root, display, source_ids=dutch.ids)
    return standing(
        translation,
        dutch,
        source_files=text_files(folder),
        translation_files=text_files(root / display),
        source_name=source,
    )


def working_display(language: str) -> str:
    return folder_name(CONCEPT, check_language(language))
