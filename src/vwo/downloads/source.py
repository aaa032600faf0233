"""Where a version's text and facts live in a repository.

Pipeline: repository root + version name -> text folder (``docs/`` for the concept,
``versions/X.Y/`` otherwise, or an explicit folder) -> ``Agreement`` via
``vwo.text.parse`` and ``Meta`` via ``vwo.versions.model`` (the concept has no version.yml).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from vwo.downloads.document import Meta, version_meta
from vwo.errors import VwoError
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement
from vwo.translation.model import LANGUAGES, build_translation_folder, folder_name
from vwo.translation.read import load_translation
from vwo.versions.model import CONCEPT, VERSION_RE, VERSIONS_DIR, VersionInfo, load_versions, text_folder

CACHE_DIR = Path(".cache") / "downloads"
LAST_EPOCH = 253_402_300_799
"""9999-12-31T23:59:59Z: the last second a ``datetime`` can hold."""


def source_epoch(env: Mapping[str, str]) -> int | None:
    """``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), if set and valid."""
    value = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > LAST_EPOCH:
        raise VwoError(
            "SOURCE_DATE_EPOCH",
            f"'{value}' is not a number of seconds since 1970 (before the year 10000)",
            "unset it or set e.g. 1543968000",
        )
    return int(value)


def load_source(
    root: Path,
    version: str,
    *,
    folder: Path | None = None,
    env: Mapping[str, str] | None = None,
    versions: Sequence[VersionInfo] | None = None,
) -> tuple[Agreement, Meta]:
    """The agreement and facts of ``version`` (``concept`` or ``X.Y``) under ``root``.

    ``folder`` overrides where the text is read (a build's composed ``docs_dir``);
    ``versions`` are the published versions if the caller has read them already.
    """
    env = os.environ if env is None else env
    if version != CONCEPT and not VERSION_RE.match(version):
        raise VwoError(version, "not a version", "use 'concept' or a version number such as 1.0")
    info = None
    if version != CONCEPT:
        known = load_versions(root) if versions is None else versions
        info = next((i for i in known if i.version == version), None)
        if info is None:
            raise VwoError(
                f"{VERSIONS_DIR}/{version}/version.yml",
                f"version {version} is not published",
                "publish it with 'vwo adopt', or use 'concept' for the working text",
            )
    text = folder if folder is not None else text_folder(root, version)
    display = os.path.relpath(text, root) if text.is_relative_to(root) else str(text)
    agreement = load_agreement(text, display=display)
    return agreement, version_meta(agreement.title, version, info, epoch=source_epoch(env))


def load_translations(
    root: Path, version: str, source: Agreement, *, env: Mapping[str, str] | None = None
) -> list[tuple[Agreement, Meta]]:
    """The translations of ``version`` that have downloads: the published ones of a
    version, the working one of the concept (``vwo.translation``); the text of each and
    its facts in its own language."""
    env = os.environ if env is None else env
    info = None
    if version != CONCEPT:
        info = next((i for i in load_versions(root) if i.version == version), None)
    found = []
    for language in LANGUAGES:
        if build_translation_folder(root, version, language) is None:
            continue
        translation = load_translation(root, folder_name(version, language), source_ids=source.ids)
        agreement = translation.agreement
        meta = version_meta(agreement.title, version, info, epoch=source_epoch(env), language=language)
        found.append((agreement, meta))
    return found
