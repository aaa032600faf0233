"""A published version's text as the check reads it: units of plain-text blocks, and the
per-version ``tekst.json`` the site ships for the check in the browser.

Pipeline: ``Agreement`` (``vwo.text``) -> units in reading order (title, considerans,
per article its heading and clauses, per annex its heading and its parts, one per ``##``
section, with the text before the first section as part 0) -> ``Standard`` ->
``tekst.json`` (schema ``vwo-tekst/1``, documented in ``docs/over/toetsen-json.md``) and
back. Placeholders are ``⟦label⟧``; empty table cells are empty strings: both are slots
to fill in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from vwo.conformance.mdtext import Block, blocks
from vwo.errors import VwoError
from vwo.text.model import Agreement, Annex

SCHEMA = "vwo-tekst/1"
TEXT_JSON = "tekst.json"
UnitKind = Literal["titel", "considerans", "artikelkop", "lid", "bijlagekop", "onderdeel"]
UNIT_KINDS: tuple[str, ...] = ("titel", "considerans", "artikelkop", "lid", "bijlagekop", "onderdeel")
# Units a copy may leave out or change without it being a deviation: the title.
UNJUDGED: frozenset[str] = frozenset({"titel"})


@dataclass(frozen=True)
class Unit:
    """One thing the report judges: a clause, an annex part, a heading, the considerans."""

    id: str  # clause anchor (subverwerkers-2), article or annex id, <annex id>-<n>, considerans
    kind: UnitKind
    section: str | None  # the article or annex it belongs to
    number: str | None  # 7.2 for a clause, 7 for an article, 1 for an annex or its part 1
    title: str | None  # article, annex or part title
    blocks: tuple[Block, ...]

    @property
    def judged(self) -> bool:
        return self.kind not in UNJUDGED


@dataclass(frozen=True)
class Standard:
    version: str
    title: str
    units: tuple[Unit, ...]

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)


def _annex_units(annex: Annex) -> list[Unit]:
    heading = Unit(
        annex.id, "bijlagekop", annex.id, str(annex.number), annex.title, (Block("h", annex.heading),)
    )
    parts: list[tuple[str | None, list[Block]]] = [(None, [])]
    for block in blocks(annex.body, placeholders=True):
        if block.kind == "h" and block.level <= 2:
            parts.append((block.text, [block]))
        else:
            parts[-1][1].append(block)
    units = [heading]
    for index, (title, body) in enumerate(parts):
        if body:
            units.append(Unit(f"{annex.id}-{index}", "onderdeel", annex.id, str(index), title, tuple(body)))
    return units


def standard_from_agreement(agreement: Agreement, version: str) -> Standard:
    units: list[Unit] = [Unit("titel", "titel", None, None, None, (Block("h", agreement.title),))]
    preamble = blocks(agreement.preamble, placeholders=True)
    if preamble:
        units.append(Unit("considerans", "considerans", None, None, None, preamble))
    for article in agreement.articles:
        units.append(
            Unit(
                article.id,
                "artikelkop",
                article.id,
                str(article.number),
                article.title,
                (Block("h", article.heading),),
            )
        )
        for clause in article.clauses:
            units.append(
                Unit(
                    clause.anchor,
                    "lid",
                    article.id,
                    clause.number,
                    None,
                    blocks(clause.text, placeholders=True),
                )
            )
    for annex in agreement.annexes:
        units.extend(_annex_units(annex))
    return Standard(version, agreement.title, tuple(units))


def _block_data(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if block.kind == "row":
        data["cells"] = list(block.cells)
    if block.kind == "h":
        data["level"] = block.level
    return data


def standard_data(standard: Standard) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "version": standard.version,
        "title": standard.title,
        "units": [
            {
                "id": u.id,
                "kind": u.kind,
                "section": u.section,
                "number": u.number,
                "title": u.title,
                "blocks": [_block_data(b) for b in u.blocks],
            }
            for u in standard.units
        ],
    }


def standard_json(standard: Standard) -> str:
    return json.dumps(standard_data(standard), ensure_ascii=False, separators=(",", ":")) + "\n"


def standard_from_data(data: Any, where: str) -> Standard:
    """The inverse of ``standard_data``, checked (the site's file may be anything)."""
    try:
        if data["schema"] != SCHEMA:
            raise VwoError(where, f"unknown schema {data['schema']!r}", f"expected {SCHEMA}")
        units = []
        for raw in data["units"]:
            if raw["kind"] not in UNIT_KINDS:
                raise VwoError(where, f"unknown unit kind {raw['kind']!r}", "see docs/over/toetsen-json.md")
            body = tuple(
                Block(
                    b["kind"],
                    str(b["text"]),
                    tuple(str(c) for c in b.get("cells", ())),
                    int(b.get("level", 0)),
                )
                for b in raw["blocks"]
            )
            units.append(Unit(str(raw["id"]), raw["kind"], raw["section"], raw["number"], raw["title"], body))
        return Standard(str(data["version"]), str(data["title"]), tuple(units))
    except (KeyError, TypeError, ValueError) as error:
        raise VwoError(where, f"not a vwo-tekst/1 file ({error})", "rebuild the site") from None
