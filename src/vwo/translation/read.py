"""Read a translation folder: ``vertaling.yml``, ``termen.yml`` and the translated text.

Pipeline: the folder (``vertalingen/<lang>/`` or ``vertalingen/X.Y/<lang>/``) ->
``vwo.strict_yaml`` for both YAML files (no aliases, tags or duplicate keys; a line for
every value) -> ``TranslationMeta`` and ``Terms``, validated against the folder's name
-> the Markdown parsed by ``vwo.text.parse`` with the translation's heading keywords ->
``Translation``. Every problem is a ``VwoError`` naming ``<file>:<line>`` with a hint.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from vwo import strict_yaml
from vwo.errors import VwoError
from vwo.text.parse import load_agreement
from vwo.translation.model import (
    LANGUAGES,
    META_FILE,
    STATUS,
    TERMS_FILE,
    TRANSLATIONS_DIR,
    Terms,
    Translation,
    TranslationMeta,
)
from vwo.versions.model import CONCEPT, VERSION_RE

DIGEST = re.compile(r"^[0-9a-f]{16}$")
KEYS = ("taal", "bron", "status", "titel", "gepubliceerd_op", "bronteksten")
STAMP_HINT = "the hashes are written by 'vwo translation stamp'; never type them"


def folder_parts(display: str) -> tuple[str, str]:
    """``vertalingen/en`` -> (``concept``, ``en``); ``vertalingen/2.7/en`` -> (``2.7``, ``en``)."""
    parts = display.strip("/").split("/")
    if len(parts) == 2 and parts[0] == TRANSLATIONS_DIR:
        return CONCEPT, parts[1]
    if len(parts) == 3 and parts[0] == TRANSLATIONS_DIR and VERSION_RE.match(parts[1]):
        return parts[1], parts[2]
    raise VwoError(
        display,
        "not a translation folder",
        f"a translation lives in {TRANSLATIONS_DIR}/<lang>/ or {TRANSLATIONS_DIR}/X.Y/<lang>/",
    )


def _text(doc: strict_yaml.Document, data: dict[str, Any], key: str) -> str:
    if key not in data:
        raise VwoError(f"{doc.where}:1", f"{key}: missing", f"add '{key}: ...'")
    value = data[key]
    if key == "bron" and isinstance(value, float | int) and not isinstance(value, bool):
        raise VwoError(
            doc.at(key), f"bron: {value} is a number", f'write the version quoted: bron: "{value}"'
        )
    text = strict_yaml.as_text(doc, value, key).strip()
    if not text:
        raise VwoError(doc.at(key), f"{key}: empty", f"write {key}: followed by its value")
    return text


def parse_meta(source: str | bytes, where: str, *, folder_source: str, language: str) -> TranslationMeta:
    """``vertaling.yml`` of the folder for ``folder_source`` (concept or X.Y) in ``language``."""
    doc = strict_yaml.load(source, where)
    data = doc.data
    if not isinstance(data, dict):
        raise VwoError(f"{where}:1", "expected a mapping of keys to values", "see docs/over/vertalingen.md")
    for key in data:
        if key not in KEYS:
            raise VwoError(doc.at(key), f"unknown key '{key}'", "allowed: " + ", ".join(KEYS))
    taal = _text(doc, data, "taal")
    if taal != language:
        raise VwoError(
            doc.at("taal"), f"taal: '{taal}' but the folder is for '{language}'", f"write taal: {language}"
        )
    bron = _text(doc, data, "bron")
    if bron != CONCEPT and not VERSION_RE.match(bron):
        raise VwoError(doc.at("bron"), f"bron: '{bron}' is not 'concept' or a version", 'e.g. bron: "2.7"')
    published_folder = folder_source != CONCEPT
    if published_folder and bron != folder_source:
        raise VwoError(
            doc.at("bron"),
            f"bron: '{bron}', but this folder holds the translation of version {folder_source}",
            f'a published translation translates its own version: bron: "{folder_source}"',
        )
    status = _text(doc, data, "status")
    if status != STATUS:
        raise VwoError(doc.at("status"), f"status: '{status}' is not known", f"write status: {STATUS}")
    title = _text(doc, data, "titel")
    published = None
    if "gepubliceerd_op" in data:
        if not published_folder:
            raise VwoError(
                doc.at("gepubliceerd_op"),
                "gepubliceerd_op in the working translation",
                "'vwo translation publish' writes it into the published folder; remove it here",
            )
        published = strict_yaml.as_date(doc, data["gepubliceerd_op"], "gepubliceerd_op")
    elif published_folder:
        raise VwoError(f"{where}:1", "gepubliceerd_op: missing", "a published translation records its date")
    stamps, lines = _stamps(doc, data.get("bronteksten"))
    return TranslationMeta(taal, bron, status, title, stamps, published, where, lines, doc.line("titel"))


def _stamps(doc: strict_yaml.Document, value: Any) -> tuple[dict[str, str], dict[str, int]]:
    if value is None:
        return {}, {}
    if not isinstance(value, dict):
        raise VwoError(doc.at("bronteksten"), "bronteksten: expected a mapping of unit to hash", STAMP_HINT)
    stamps: dict[str, str] = {}
    lines: dict[str, int] = {}
    for unit, digest in value.items():
        if not isinstance(unit, str) or not isinstance(digest, str) or not DIGEST.match(digest):
            raise VwoError(
                doc.at("bronteksten", unit),
                f"bronteksten: '{unit}: {digest}' is not a unit with a 16-digit hash",
                STAMP_HINT,
            )
        stamps[unit] = digest
        lines[unit] = doc.line("bronteksten", unit)
    return stamps, lines


def parse_terms(source: str | bytes, where: str, *, language: str) -> Terms:
    """``termen.yml``: ``taal`` and groups of Dutch term -> the one English term."""
    doc = strict_yaml.load(source, where)
    data = doc.data
    if not isinstance(data, dict):
        raise VwoError(f"{where}:1", "expected a mapping", "groups such as 'definities:' of 'Dutch: English'")
    taal = _text(doc, data, "taal")
    if taal != language:
        raise VwoError(
            doc.at("taal"), f"taal: '{taal}' but the folder is for '{language}'", f"write taal: {language}"
        )
    groups: dict[str, dict[str, str]] = {}
    for group, entries in data.items():
        if group == "taal":
            continue
        if not isinstance(entries, dict) or not entries:
            raise VwoError(
                doc.at(group), f"{group}: expected Dutch term: English term lines", "see termen.yml"
            )
        groups[str(group)] = {}
        for dutch, english in entries.items():
            if not isinstance(dutch, str) or not isinstance(english, str) or not english.strip():
                raise VwoError(
                    doc.at(group, dutch),
                    f"'{dutch}': expected one English term as text",
                    "write 'Dutch: English'",
                )
            groups[str(group)][dutch] = english.strip()
    return Terms(taal, groups, where)


def load_translation(root: Path, display: str, *, source_ids: Collection[str] = ()) -> Translation:
    """The translation in ``root/display`` (e.g. ``vertalingen/en``), read and parsed.

    Its toelichting may name the ids of ``source_ids`` (the Dutch text's) besides its own:
    an article with a mistaken id is then reported once, by ``vwo.translation.align``,
    instead of again for each section that uses the right id.
    """
    source, language = folder_parts(display)
    if language not in LANGUAGES:
        raise VwoError(display, f"unknown language '{language}'", "known: " + ", ".join(LANGUAGES))
    folder = root / display
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        raise VwoError(f"{display}/{META_FILE}", "missing", "every translation folder has a vertaling.yml")
    meta = parse_meta(
        meta_path.read_bytes(), f"{display}/{META_FILE}", folder_source=source, language=language
    )
    terms_path = folder / TERMS_FILE
    terms = (
        parse_terms(terms_path.read_bytes(), f"{display}/{TERMS_FILE}", language=language)
        if terms_path.is_file()
        else None
    )
    agreement = load_agreement(folder, display=display, language=language, also_known=source_ids)
    if agreement.title != meta.title:
        raise VwoError(
            f"{meta.where}:{meta.title_line}",
            f"titel: '{meta.title}' differs from the title of overeenkomst.md ('{agreement.title}')",
            "give the same title in both places",
        )
    return Translation(meta, agreement, terms, display)
