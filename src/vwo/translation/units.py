"""The units a translation is kept in step by, and the hash of each unit's Dutch text. Pure.

A unit is the smallest piece of the Dutch text whose change marks its translation
pending; its key is the anchor it has on the site:

- ``aanhef``: the title and the preamble (parties, recitals);
- ``<article-id>``: an article's title;
- ``<article-id>-<n>``: clause n of that article (the clause anchor);
- ``<annex-id>``: an annex, its title and body;
- ``toelichting``: the general introduction of the toelichting;
- ``toelichting-<id>``: the toelichting section on an article or annex.

The hash of a unit is the SHA-256 of its normalised text, as 16 lower-case hex digits.
Normalisation is the same for every unit: the parts (title, text) joined by a line
break, Unicode NFC, then every run of white space (spaces, tabs, line breaks, no-break
spaces) collapsed to one space and the ends trimmed. So re-wrapping a paragraph or
changing indentation never marks a unit pending; any other change does.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from vwo.text.model import Agreement

PREAMBLE = "aanhef"
EXPLANATION = "toelichting"
DIGEST_LENGTH = 16


@dataclass(frozen=True)
class Unit:
    key: str
    label: str
    """How messages name it: ``clause 7.3``, ``the preamble``, ``annex 2``."""
    text: str
    path: str
    line: int


def normalise(*parts: str) -> str:
    text = unicodedata.normalize("NFC", "\n".join(parts))
    return " ".join(text.split())


def digest(*parts: str) -> str:
    """The hash of the parts of a unit (see the module docstring)."""
    return hashlib.sha256(normalise(*parts).encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


def explanation_key(target_id: str) -> str:
    return f"{EXPLANATION}-{target_id}"


def units(agreement: Agreement) -> list[Unit]:
    """Every unit of ``agreement``, in document order (agreement, annexes, toelichting)."""
    first = agreement.articles[0] if agreement.articles else None
    path = first.path if first else ""
    found = [Unit(PREAMBLE, "the preamble", normalise(agreement.title, agreement.preamble), path, 1)]
    for article in agreement.articles:
        title = normalise(article.title)
        found.append(Unit(article.id, f"the title of article {article.number}", title, path, article.line))
        found.extend(
            Unit(c.anchor, f"clause {c.number}", normalise(c.text), article.path, c.line)
            for c in article.clauses
        )
    for annex in agreement.annexes:
        label = f"annex {annex.number}"
        found.append(Unit(annex.id, label, normalise(annex.title, annex.body), annex.path, annex.line))
    if agreement.explanation_intro:
        where = agreement.explanations[0].path if agreement.explanations else ""
        found.append(
            Unit(
                EXPLANATION,
                "the introduction of the toelichting",
                normalise(agreement.explanation_intro),
                where,
                1,
            )
        )
    for section in agreement.explanations:
        found.append(
            Unit(
                explanation_key(section.target_id),
                f"the toelichting on {section.target_id}",
                normalise(section.title, section.body),
                section.path,
                section.line,
            )
        )
    return found


def hashes(agreement: Agreement) -> dict[str, str]:
    """``{unit key: hash of its Dutch text}`` in document order."""
    return {unit.key: digest(unit.text) for unit in units(agreement)}
