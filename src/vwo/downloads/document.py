"""The format-neutral download document, built from the content model.

Pipeline: ``Agreement`` + the version's facts (``VersionInfo`` or concept) ->
``Document``: metadata for the cover and the file properties, and a flat list of
blocks (headings, numbered clauses, Markdown text, a signature form) that every
writer (PDF, DOCX, ODT) renders in the same order with the same numbering.

Pure: the date that ends up in the files is passed in (``source_date``), never "now".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from vwo.lang import DocumentLabels, labels
from vwo.lang.nl import LABELS as NL_LABELS
from vwo.site.dates import utc_midnight
from vwo.text.model import Agreement
from vwo.versions.model import CONCEPT, VersionInfo

# The Dutch words (the labels of every language: vwo.lang).
STATUS_LABELS = NL_LABELS.statuses
WATERMARKS = NL_LABELS.watermarks
NOTICES = NL_LABELS.notices
# The watermark runs up along the diagonal of the text area (16 x 24.7 cm on A4).
WATERMARK_DEGREES = 55
# Earliest moment a ZIP (DOCX, ODT) can record; used when a concept has no known date.
ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)

# Site-only Markdown (attr_list) that pandoc would print literally.
ATTR_LIST = re.compile(r"(?m)^\{:[^}\n]*\}[ \t]*$\n?|[ \t]*\{:?[ \t]*[.#][^}\n]*\}")
# A bracketed placeholder such as "[naam gemeente]": not a link, footnote or checkbox.
PLACEHOLDER = re.compile(r"(?<![\\!\]])\[(?![\^ xX]\])(?!\^)([^\[\]\n`]+)\](?![(\[{:])")


def watermark_size(text: str) -> tuple[float, float]:
    """(width, height) in cm of a one-line diagonal watermark: letters of at most 46 pt,
    and no longer than 25 cm (the diagonal of the text area, with some margin)."""
    letter_cm = min(46 / 72 * 2.54, 25 / (0.55 * max(1, len(text))))
    return round(0.55 * len(text) * letter_cm, 2), round(letter_cm, 2)


@dataclass(frozen=True)
class Meta:
    """What the cover, the running header and the file properties say."""

    title: str
    version: str
    status: str
    status_label: str
    source_date: datetime
    published: date | None = None
    adopted_by: str | None = None
    comply_or_explain_from: date | None = None
    mandatory_from: date | None = None
    replaces: str | None = None
    summary: str = ""
    language: str = "nl"
    """The language of the text: ``nl``, or that of a translation (``vwo.translation``)."""

    @property
    def labels(self) -> DocumentLabels:
        return labels(self.language)

    @property
    def translated(self) -> bool:
        return self.language != "nl"

    @property
    def watermark(self) -> str | None:
        """Text printed across every page of a version that is not adopted."""
        return self.labels.watermarks.get(self.status)

    @property
    def notice(self) -> str | None:
        """Why this text is not the one to sign, for versions that are not adopted."""
        return self.labels.notices.get(self.status)

    @property
    def version_label(self) -> str:
        """ "Versie 1.0", or "Concept" for the working text."""
        words = self.labels
        return words.concept if self.status == CONCEPT else words.version.format(version=self.version)

    @property
    def running_head(self) -> str:
        """The line at the top of every page: "Standaard verwerkersovereenkomst gemeenten ·
        versie 1.11 · Vastgestelde versie"."""
        version = [] if self.status == CONCEPT else [self.labels.version.format(version=self.version).lower()]
        return " · ".join([self.title, *version, self.status_label])

    @property
    def file_stem(self) -> str:
        """``VWO-1.11``; a translation adds its language: ``VWO-2.7-en``."""
        return f"VWO-{self.version}" + (f"-{self.language}" if self.translated else "")

    @property
    def subject(self) -> str:
        return f"{self.version_label}, {self.status_label.lower()}"

    @property
    def keywords(self) -> tuple[str, ...]:
        return (*self.labels.keywords, self.version_label.lower())

    def facts(self) -> list[tuple[str, str]]:
        """(label, value) pairs for the cover page, in reading order."""
        words = self.labels
        name, day = words.facts, words.long_date
        rows = [(name["status"], self.status_label)]
        if self.status != CONCEPT:
            rows.insert(0, (name["versie"], self.version))
        if self.published is not None:
            rows.append((name["gepubliceerd"], day(self.published)))
        elif self.status == CONCEPT and self.source_date > ZIP_EPOCH:
            rows.append((name["stand"], day(self.source_date.date())))
        if self.adopted_by:
            rows.append((name["vastgesteld_door"], self.adopted_by))
        if self.comply_or_explain_from is not None:
            rows.append((name["pas_toe"], day(self.comply_or_explain_from)))
        if self.mandatory_from is not None:
            rows.append((name["verplicht"], day(self.mandatory_from)))
        if self.replaces:
            rows.append((name["vervangt"], words.replaces.format(version=self.replaces)))
        return rows


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str
    new_page: bool = False


@dataclass(frozen=True)
class Clause:
    """A numbered clause; ``markdown`` is its text without the number."""

    number: str
    anchor: str
    markdown: str


@dataclass(frozen=True)
class Text:
    markdown: str


@dataclass(frozen=True)
class SignatureForm:
    """The signing table after the last article: one column per party."""

    parties: tuple[str, ...] = NL_LABELS.parties
    rows: tuple[str, ...] = NL_LABELS.signature_rows
    intro: str = NL_LABELS.signing_intro


Block = Heading | Clause | Text | SignatureForm


@dataclass(frozen=True)
class Document:
    meta: Meta
    blocks: tuple[Block, ...]

    def headings(self, level: int = 1) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Heading) and b.level == level]


def source_date(info: VersionInfo | None, epoch: int | None) -> datetime:
    """The date recorded in the files: a published version's publication date, else
    ``epoch`` (``SOURCE_DATE_EPOCH``, the commit time of the concept), else 1980-01-01."""
    if info is not None:
        day = info.published
        return utc_midnight(day)
    if epoch is not None:
        return max(datetime.fromtimestamp(epoch, tz=UTC), ZIP_EPOCH)
    return ZIP_EPOCH


def version_meta(
    title: str, version: str, info: VersionInfo | None, *, epoch: int | None = None, language: str = "nl"
) -> Meta:
    """``info`` is None for the concept (it has no version.yml); ``language`` that of the text."""
    statuses = labels(language).statuses
    if info is None:
        return Meta(title, version, CONCEPT, statuses[CONCEPT], source_date(None, epoch), language=language)
    return Meta(
        title=title,
        version=info.version,
        status=info.status,
        status_label=statuses[info.status],
        source_date=source_date(info, epoch),
        published=info.published,
        adopted_by=info.adopted_by,
        comply_or_explain_from=info.comply_or_explain_from,
        mandatory_from=info.mandatory_from,
        replaces=info.replaces,
        # version.yml's summary is Dutch prose: a translation's files leave it out.
        summary=info.summary if language == "nl" else "",
        language=language,
    )


def portable(markdown: str) -> str:
    """Drop the site-only attribute lists so every writer sees plain Markdown."""
    return ATTR_LIST.sub("", markdown)


def build_document(agreement: Agreement, meta: Meta) -> Document:
    """Preamble, articles with their clauses, the signature form, then the annexes."""
    blocks: list[Block] = []
    if agreement.preamble:
        blocks.append(Text(portable(agreement.preamble)))
    for article in agreement.articles:
        blocks.append(Heading(1, article.heading, article.id))
        blocks.extend(Clause(c.number, c.anchor, portable(c.text)) for c in article.clauses)
    words = meta.labels
    blocks.append(Heading(1, words.signing, "ondertekening"))
    blocks.append(SignatureForm(words.parties, words.signature_rows, words.signing_intro))
    for annex in agreement.annexes:
        blocks.append(Heading(1, annex.heading, annex.id, new_page=True))
        if annex.body:
            blocks.append(Text(portable(annex.body)))
    return Document(meta, tuple(blocks))
