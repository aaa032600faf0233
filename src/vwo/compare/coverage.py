"""Which legal provisions each change of a comparison touches.

Pipeline: ``Comparison`` + the coverage of both texts (``vwo.text.coverage``; either may
be absent: 1.0 and 1.11 recorded none) -> per changed article or annex, the union of the
provisions recorded in either text for the section itself and for each of its changed,
added or removed clauses -> codes in the closed list's order (``Touched``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vwo.compare.align import ClauseDiff, Comparison, SectionDiff
from vwo.text.coverage import Coverage
from vwo.text.provisions import list_order


@dataclass(frozen=True)
class Touched:
    """The provisions per changed section (keyed by ``section_key``), and which of the
    two texts recorded its coverage at all."""

    old_recorded: bool = False
    new_recorded: bool = False
    by_section: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def of(self, section: SectionDiff) -> tuple[str, ...]:
        return self.by_section.get(section_key(section), ())


def section_key(section: SectionDiff) -> str:
    return f"{section.kind}:{section.id}"


def _old_anchor(section: SectionDiff, clause: ClauseDiff) -> str | None:
    if section.old_id is None or clause.old_number is None:
        return None
    return f"{section.old_id}-{clause.old_number.rsplit('.', 1)[-1]}"


def _section_codes(section: SectionDiff, old: Coverage | None, new: Coverage | None) -> set[str]:
    codes: set[str] = set()
    if old is not None and section.old_id is not None:
        codes.update(old.provisions_for(section.old_id))
    if new is not None and section.status != "removed":
        codes.update(new.provisions_for(section.id))
    if section.kind != "artikel":
        return codes  # an annex is one body: its id is all there is
    for clause in section.clauses:
        if clause.status == "unchanged":
            continue
        old_anchor = _old_anchor(section, clause)
        if old is not None and old_anchor is not None:
            codes.update(old.provisions_for(old_anchor))
        if new is not None and clause.new_number is not None:
            codes.update(new.provisions_for(clause.anchor))
    return codes


def touched_provisions(comparison: Comparison, old: Coverage | None, new: Coverage | None) -> Touched:
    by_section = {}
    for section in comparison.sections:
        if section.status == "unchanged":
            continue
        codes = _section_codes(section, old, new)
        if codes:
            by_section[section_key(section)] = tuple(p.code for p in list_order(codes))
    return Touched(old is not None, new is not None, by_section)
