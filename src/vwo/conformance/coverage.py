"""The AVG provisions a unit of the check touches, from a version's coverage matrix.

The matrix itself (``dekking.yml``, FORMATS.md §4) is read and validated by
``vwo.text.coverage``; the check keeps only ``{anchor: codes}`` (also what ``tekst.json``
ships to the page). A unit touches its own provisions and those of its article or annex.
"""

from __future__ import annotations

from collections.abc import Mapping

from vwo.conformance.standard import Unit
from vwo.text.coverage import Coverage as CoverageMatrix

Coverage = Mapping[str, tuple[str, ...]]


def coverage_map(matrix: CoverageMatrix | None) -> Coverage | None:
    """``{article id, clause anchor or annex id: provision codes}``, or None without a matrix."""
    if matrix is None:
        return None
    return {entry.anchor: entry.provisions for entry in matrix.entries}


def provisions_for(coverage: Coverage | None, unit: Unit) -> tuple[str, ...] | None:
    """The provisions a unit touches: its own and its article's or annex's, in order."""
    if coverage is None:
        return None
    out: list[str] = []
    for key in (unit.id, unit.section):
        for code in coverage.get(key or "", ()):
            if code not in out:
                out.append(code)
    return tuple(out)
