"""The report of one check: which version the copy is, and per unit how it stands.

Plain frozen data; ``vwo.conformance.findings`` builds it, the renderers in
``vwo.conformance.render`` show it. ``deviations`` lists, in the order of the standard,
everything a municipality has to explain under pas-toe-of-leg-uit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from vwo.compare.worddiff import BlockDiff
from vwo.conformance.standard import Unit

Status = Literal["identical", "changed", "missing"]
DeviationKind = Literal["gewijzigd", "ontbreekt", "toegevoegd", "verplaatst", "anders genummerd"]


@dataclass(frozen=True)
class VersionScore:
    version: str
    score: int  # per mille
    containment: int  # per mille
    label: str  # Vastgestelde versie, Consultatieversie, Verouderde versie


@dataclass(frozen=True)
class Identification:
    scores: tuple[VersionScore, ...]  # best first
    best: str | None  # the best match, if it is good enough
    version: str | None  # the version the report compares with (best, or --version)
    given: bool  # chosen with --version
    tied: tuple[str, ...]  # other versions with exactly the same score as the best


@dataclass(frozen=True)
class VersionFacts:
    version: str
    status: str  # consultatie | vastgesteld | concept
    label: str
    current: bool
    superseded_by: str | None


@dataclass(frozen=True)
class FillValue:
    unit: str
    field: str  # the row's first cell or the placeholder's label
    context: str  # the standard's block with the slot, placeholders in [brackets]
    value: str  # the copy's words
    filled: bool  # False when the copy still has the placeholder or nothing


@dataclass(frozen=True)
class UnitFinding:
    unit: Unit
    status: Status
    standard_text: str
    copy_text: str
    copy_number: str | None  # the number the copy gives it, if it writes one
    redline: tuple[BlockDiff, ...]
    provisions: tuple[str, ...] | None  # AVG provisions (dekking.yml), None without one


@dataclass(frozen=True)
class SectionFinding:
    id: str
    kind: Literal["artikel", "bijlage"]
    number: str
    title: str
    heading: UnitFinding
    units: tuple[UnitFinding, ...]
    copy_number: str | None
    moved: bool

    @property
    def renumbered(self) -> bool:
        return self.copy_number is not None and self.copy_number != self.number


@dataclass(frozen=True)
class Addition:
    after: str | None  # the unit it follows in the copy
    section: str | None  # the article or annex it stands in
    kind: Literal["tekst", "artikel"]
    text: str  # the copy's words, paragraphs separated by blank lines
    provisions: tuple[str, ...] | None


@dataclass(frozen=True)
class Deviation:
    id: str  # A1, A2, ...
    kind: DeviationKind
    unit: str | None  # unit id; for an addition the unit it follows
    section: str | None
    where: str  # "Artikel 7, lid 7.2" as a reader says it
    provisions: tuple[str, ...] | None


@dataclass(frozen=True)
class Notes:
    format: str
    pages: int | None
    insertions: int
    deletions: int
    moves: int
    formatting: int
    comments: tuple[tuple[str, str], ...]  # (author, text)
    auto_numbered: int
    hidden: int
    noise: int
    page_numbers: int

    @property
    def tracked(self) -> int:
        return self.insertions + self.deletions + self.moves + self.formatting


@dataclass(frozen=True)
class Counts:
    total: int
    identical: int
    changed: int
    missing: int


@dataclass(frozen=True)
class Summary:
    clauses: Counts
    annex_parts: Counts
    headings_changed: int
    headings_missing: int
    considerans: Status | None
    added: int
    added_articles: int
    moved: int
    renumbered: int
    values: int
    deviations: int

    @property
    def identical(self) -> bool:
        return self.deviations == 0


@dataclass(frozen=True)
class Report:
    file: str
    notes: Notes
    identification: Identification
    facts: VersionFacts | None
    title: UnitFinding | None
    considerans: UnitFinding | None
    sections: tuple[SectionFinding, ...]
    additions: tuple[Addition, ...]
    front_matter: str
    signature: str
    values: tuple[FillValue, ...]
    deviations: tuple[Deviation, ...]
    summary: Summary | None
    coverage: bool  # the version has dekking.yml

    @property
    def recognised(self) -> bool:
        return self.identification.version is not None
