"""The parts of the agreement a change can concern, and how pages name and link them (pure).

A part is an article, an annex, the title and preamble (``GENERAL``), the toelichting's
own text or its section per article (``vwo.history.touched``). ``part_index`` lists them
in document order with their label and page; ``compare_anchor`` says where a part's change
stands on a comparison page.
"""

from __future__ import annotations

from vwo.history.records import CommitRecord
from vwo.history.touched import EXPLANATION, GENERAL, explanation_part
from vwo.history.trailers import ARTICLE, ID_RE
from vwo.text.model import Agreement

PartIndex = dict[str, tuple[str, str, str | None]]
"""id -> (kind, label, page with anchor relative to docs/)."""


def parts_of(record: CommitRecord) -> tuple[str, ...]:
    """The parts a commit concerns: what its diff touched (articles, annexes, the
    toelichting, the text outside articles: ``vwo.history.touched``) and what its
    ``Artikel`` trailers name; the diff decides, the trailer can only add."""
    named = {v for v in record.values(ARTICLE) if ID_RE.match(v)}
    return tuple(sorted(named | set(record.touched)))


GENERAL_LABEL = "Titel, aanhef en considerans"
EXPLANATION_LABEL = "Toelichting, algemeen deel"


def part_index(agreement: Agreement | None) -> PartIndex:
    """Every part of ``agreement`` in document order: id -> (kind, label, page with
    anchor, relative to docs/): title and preamble, articles, annexes, the toelichting's
    own text and its section per article."""
    index: PartIndex = {GENERAL: ("algemeen", GENERAL_LABEL, "overeenkomst.md")}
    if agreement is None:
        return index
    for article in agreement.articles:
        index[article.id] = ("artikel", article.heading, f"overeenkomst.md#{article.id}")
    for annex in agreement.annexes:
        index[annex.id] = ("bijlage", annex.heading, "bijlagen/" + annex.path.rsplit("/", 1)[-1])
    index[EXPLANATION] = ("toelichting", EXPLANATION_LABEL, "toelichting.md")
    headings = [(a.id, a.heading) for a in agreement.articles] + [
        (a.id, a.heading) for a in agreement.annexes
    ]
    for part, heading in headings:
        index[explanation_part(part)] = (
            "toelichting",
            f"Toelichting bij {heading[:1].lower()}{heading[1:]}",
            f"toelichting.md#{part}",
        )
    return index


def part_label(index: PartIndex, part: str) -> str:
    """How a page names a part, also one this text no longer has."""
    return index[part][1] if part in index else f"Onderdeel {part} (niet meer in deze versie)"


def compare_anchor(part: str) -> str:
    """Where a part's change stands on a comparison page: the toelichting of an article
    is shown with the article, the text outside articles under "Aanhef"."""
    if part == GENERAL:
        return "vwo-aanhef"
    if part.startswith(EXPLANATION + "-"):
        return part.removeprefix(EXPLANATION + "-")
    return "" if part == EXPLANATION else part
