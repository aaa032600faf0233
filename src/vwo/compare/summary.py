"""A comparison's summary as plain Dutch lines, for the front page of the Word redline.

Pipeline: ``Summary`` counts and the changed sections of a ``Comparison`` -> the same
lines as the summary and "Gewijzigde onderdelen" on the comparison page
(``templates/compare_macros.j2``), as text. Pure.
"""

from __future__ import annotations

from vwo.compare.align import Comparison, Summary
from vwo.compare.page import labels


def _n(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def summary_lines(s: Summary) -> list[str]:
    return [
        f"{_n(s.articles_changed, 'artikel', 'artikelen')} gewijzigd",
        f"{s.articles_added} toegevoegd, {s.articles_removed} vervallen, {s.articles_renumbered} hernummerd",
        f"{_n(s.annexes_changed, 'bijlage', 'bijlagen')} gewijzigd, {s.annexes_added} toegevoegd, "
        f"{s.annexes_removed} vervallen",
        f"{_n(s.explanations_changed, 'toelichting', 'toelichtingen')} gewijzigd",
        f"{_n(s.words_inserted, 'woord', 'woorden')} toegevoegd, "
        f"{_n(s.words_deleted, 'woord', 'woorden')} verwijderd",
    ]


def changed_parts(comparison: Comparison) -> list[str]:
    """ "Artikel 7. Subverwerkers: tekst gewijzigd" per part shown on the comparison page."""
    return [f"{s.heading}: {', '.join(labels(s))}" for s in comparison.sections if s.shown]
