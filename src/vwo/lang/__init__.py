"""The words of the interface, one module per language (``nl``, ``en``).

``Interface`` holds what the site says around a translated text (status box, banner,
the notice that the Dutch text prevails, the language switch, copy-link and citation
controls, toelichting labels, the headings of generated blocks); ``DocumentLabels`` what
the download files say around it (cover facts, running head, "pagina X van Y",
signature form). A dataclass per kind, so that every language has every string (mypy).
Placeholders are ``str.format`` fields, named in the comments.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Interface:
    language: str
    name: str
    """The language's own name, for the switch: "Nederlands", "English"."""
    article: str
    annex: str
    paragraph: str
    """How a clause is named: "lid" / "paragraph"."""
    months: tuple[str, ...]
    label_concept: str
    label_consultation: str
    label_adopted: str
    label_superseded: str
    version: str  # {version}
    translation_status: str
    notice_title: str
    notice: str
    notice_link: str
    pending_title: str
    pending_changed: str  # {what}
    pending_missing: str  # {what}
    pending_link: str  # {what}
    pending_heading: str  # {article}
    pending_preamble: str
    pending_explanation: str  # {label}
    switch_label: str
    switch_to: str  # {language}
    side_by_side: str
    side_by_side_title: str
    side_by_side_intro: str
    column_source: str
    column_translation: str
    section_link: str
    """The title of a heading's permalink."""
    clause_link: str  # {number}
    explanation: str  # {article}
    explanation_title: str
    to_text: str  # {label}
    annexes: str
    agreement: str
    downloads: str
    download_box: str  # {version}
    glossary: str
    glossary_intro: str
    glossary_columns: tuple[str, str]
    index_title: str
    index_intro: str
    status_box_title: str
    status: str
    status_concept: str
    status_being_edited: str
    latest_adopted: str
    adopted_on: str
    adopted_by: str
    consultation_on: str
    comply_or_explain_from: str
    mandatory_from: str
    replaces: str
    replaced_by: str
    all_versions: str
    banner_label: str
    banner_concept_title: str
    banner_concept: str
    banner_current: str
    banner_current_link: str  # {version} {date}
    banner_superseded_title: str
    banner_superseded: str  # {version} {status} {date} {successor} {successor_date}
    banner_superseded_link: str
    banner_consultation_title: str
    banner_consultation: str  # {version} {date}
    statuses: dict[str, str]
    """version.yml's status values as words: vastgesteld, consultatie."""
    citation_version: str  # {version}
    citation_concept: str
    script: dict[str, str]
    """The strings of the site's scripts (copy-link and citation controls, search); a
    script's own Dutch words are its defaults, so Dutch leaves this empty."""
    search: dict[str, Any]
    """The search dialog (``templates/search_dialog.html.j2``)."""

    def long_date(self, day: date) -> str:
        return f"{day.day} {self.months[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class DocumentLabels:
    """What the download files say around the text (PDF, DOCX, ODT)."""

    language: str
    tag: str
    """BCP 47, as the files record it: nl-NL, en-GB."""
    months: tuple[str, ...]
    statuses: dict[str, str]
    """concept, consultatie, vastgesteld -> the status label."""
    watermarks: dict[str, str]
    notices: dict[str, str]
    version: str  # {version}
    concept: str
    facts: dict[str, str]
    """Cover facts: status, versie, gepubliceerd, stand, vastgesteld_door, pas_toe, verplicht, vervangt."""
    replaces: str  # {version}
    contents: str
    signing: str
    signing_intro: str
    parties: tuple[str, str]
    signature_rows: tuple[str, ...]
    page: str
    of: str
    keywords: tuple[str, ...]
    translation_notice: str
    """On the cover of a translation: the Dutch text prevails (empty for the Dutch text)."""

    def long_date(self, day: date) -> str:
        return f"{day.day} {self.months[day.month - 1]} {day.year}"


def interface(language: str) -> Interface:
    from vwo.lang import en, nl

    return {"nl": nl.INTERFACE, "en": en.INTERFACE}[language]


def labels(language: str) -> DocumentLabels:
    from vwo.lang import en, nl

    return {"nl": nl.LABELS, "en": en.LABELS}[language]


def page_language(meta: Mapping[str, Any]) -> str:
    """The language of a page: its front matter's ``lang`` (pages of a translation), else Dutch."""
    value = meta.get("lang")
    return value if isinstance(value, str) and value in ("nl", "en") else "nl"
