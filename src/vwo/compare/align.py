"""Align two agreements and diff them: the ``Comparison`` model.

Pipeline: two ``Agreement``s -> match articles and annexes (``sections``: by stable
id, then by title similarity, flagged as such) -> per matched article align clauses
(``sequence.opcodes`` on clause texts, so an inserted clause does not make every later
clause "changed"; in a changed run each clause paired with a similar one) -> word diff
per clause, title, toelichting and annex -> ``Comparison`` with summary counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from vwo.compare.sections import MatchedBy, align_sections
from vwo.compare.sequence import opcodes
from vwo.compare.worddiff import BlockDiff, Segment, Status, diff_text, diff_words, words_changed
from vwo.compare.words import pair_texts
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, Agreement, Annex, Article, Clause, Explanation


@dataclass(frozen=True)
class ClauseDiff:
    old_number: str | None
    new_number: str | None
    anchor: str  # the clause anchor on the newer agreement page (or the older one if removed)
    status: Status
    blocks: tuple[BlockDiff, ...]

    @property
    def renumbered(self) -> bool:
        return (
            self.old_number is not None and self.new_number is not None and self.old_number != self.new_number
        )


@dataclass(frozen=True)
class SectionDiff:
    """An article or an annex, old against new."""

    kind: Literal["artikel", "bijlage"]
    id: str
    old_id: str | None
    old_number: int | None
    new_number: int | None
    old_title: str | None
    new_title: str | None
    status: Status
    matched_by: MatchedBy
    moved: bool
    title: tuple[Segment, ...]
    clauses: tuple[ClauseDiff, ...]  # articles; annexes have one pseudo-clause for the body
    explanation: tuple[BlockDiff, ...]
    page: str  # the site page that holds it: overeenkomst.md or bijlagen/<file>.md

    @property
    def renumbered(self) -> bool:
        return (
            self.old_number is not None and self.new_number is not None and self.old_number != self.new_number
        )

    @property
    def explanation_changed(self) -> bool:
        return any(b.changed for b in self.explanation)

    @property
    def shown(self) -> bool:
        """Worth showing: text, number, position or toelichting changed."""
        return self.status != "unchanged" or self.renumbered or self.moved or self.explanation_changed

    @property
    def heading(self) -> str:
        label = "Artikel" if self.kind == "artikel" else "Bijlage"
        number = self.new_number if self.new_number is not None else self.old_number
        title = self.new_title if self.new_title is not None else self.old_title
        return f"{label} {number}. {title}" + (" (vervallen)" if self.status == "removed" else "")

    @property
    def words(self) -> tuple[int, int]:
        blocks = tuple(b for c in self.clauses for b in c.blocks)
        inserted, deleted = words_changed(blocks)
        title_ins = sum(s.words for s in self.title if s.op == "insert")
        title_del = sum(s.words for s in self.title if s.op == "delete")
        return inserted + title_ins, deleted + title_del


@dataclass(frozen=True)
class Summary:
    articles_changed: int
    articles_added: int
    articles_removed: int
    articles_renumbered: int
    articles_unchanged: int
    annexes_changed: int
    annexes_added: int
    annexes_removed: int
    explanations_changed: int
    words_inserted: int
    words_deleted: int
    matched_by_title: int

    @property
    def identical(self) -> bool:
        return not (
            self.articles_changed
            or self.articles_added
            or self.articles_removed
            or self.articles_renumbered
            or self.annexes_changed
            or self.annexes_added
            or self.annexes_removed
            or self.explanations_changed
            or self.words_inserted
            or self.words_deleted
        )


@dataclass(frozen=True)
class Comparison:
    old_version: str
    new_version: str
    title: tuple[Segment, ...]
    preamble: tuple[BlockDiff, ...]
    articles: tuple[SectionDiff, ...]
    annexes: tuple[SectionDiff, ...]
    summary: Summary

    @property
    def sections(self) -> tuple[SectionDiff, ...]:
        return self.articles + self.annexes

    @property
    def preamble_changed(self) -> bool:
        return any(b.changed for b in self.preamble)


def _status(blocks: tuple[BlockDiff, ...], old: bool, new: bool) -> Status:
    if not old:
        return "added"
    if not new:
        return "removed"
    return "changed" if any(b.changed for b in blocks) else "unchanged"


@lru_cache(maxsize=8192)
def _normal_space(text: str) -> str:
    return " ".join(text.split())


def _clause_key(clause: Clause) -> str:
    return _normal_space(clause.text)


def diff_clauses(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> tuple[ClauseDiff, ...]:
    """Clauses aligned by text; in a changed run each is paired with a similar one."""
    out: list[ClauseDiff] = []
    keys_old, keys_new = [_clause_key(c) for c in old], [_clause_key(c) for c in new]
    for tag, i1, i2, j1, j2 in opcodes(keys_old, keys_new):
        run_old, run_new = old[i1:i2], new[j1:j2]
        if tag == "equal":
            pairs: list[tuple[int | None, int | None]] = [(k, k) for k in range(i2 - i1)]
        else:
            pairs = pair_texts(keys_old[i1:i2], keys_new[j1:j2])
        for i, j in pairs:
            if i is not None and j is not None:
                a, b = run_old[i], run_new[j]
                blocks = diff_text(a.text, b.text)
                out.append(ClauseDiff(a.number, b.number, b.anchor, _status(blocks, True, True), blocks))
            elif i is not None:
                a = run_old[i]
                out.append(ClauseDiff(a.number, None, a.anchor, "removed", diff_text(a.text, "")))
            elif j is not None:
                b = run_new[j]
                out.append(ClauseDiff(None, b.number, b.anchor, "added", diff_text("", b.text)))
    return tuple(out)


Notes = tuple[dict[str, Explanation], dict[str, Explanation]]  # the toelichting by id, old and new


def _notes(old: Agreement, new: Agreement) -> Notes:
    """Looked up once per comparison: ``Agreement.explanation`` searches the list."""
    return {e.target_id: e for e in old.explanations}, {e.target_id: e for e in new.explanations}


def _explanation(notes: Notes, old_id: str | None, new_id: str | None) -> tuple[BlockDiff, ...]:
    a = notes[0].get(old_id) if old_id else None
    b = notes[1].get(new_id) if new_id else None
    return diff_text(a.body if a else "", b.body if b else "")


def _title_segments(old: str | None, new: str | None) -> tuple[Segment, ...]:
    if old is None:
        return (Segment("insert", new or ""),)
    if new is None:
        return (Segment("delete", old),)
    return diff_words(old, new) if old != new else (Segment("equal", new),)


def _article_diff(
    notes: Notes,
    a: Article | None,
    b: Article | None,
    how: MatchedBy,
    moved: bool,
) -> SectionDiff:
    clauses = diff_clauses(a.clauses if a else (), b.clauses if b else ())
    title = _title_segments(a.title if a else None, b.title if b else None)
    blocks = tuple(x for c in clauses for x in c.blocks)
    status = _status(blocks, a is not None, b is not None)
    if status == "unchanged" and any(s.op != "equal" for s in title):
        status = "changed"
    return SectionDiff(
        "artikel",
        (b or a).id,  # type: ignore[union-attr]
        a.id if a else None,
        a.number if a else None,
        b.number if b else None,
        a.title if a else None,
        b.title if b else None,
        status,
        how,
        moved,
        title,
        clauses,
        _explanation(notes, a.id if a else None, b.id if b else None),
        AGREEMENT_FILE,
    )


def _annex_diff(
    notes: Notes,
    a: Annex | None,
    b: Annex | None,
    how: MatchedBy,
    moved: bool,
) -> SectionDiff:
    body = diff_text(a.body if a else "", b.body if b else "")
    anchor = (b or a).id  # type: ignore[union-attr]
    status = _status(body, a is not None, b is not None)
    title = _title_segments(a.title if a else None, b.title if b else None)
    if status == "unchanged" and any(s.op != "equal" for s in title):
        status = "changed"
    clause = ClauseDiff(None, None, anchor, status, body)
    return SectionDiff(
        "bijlage",
        anchor,
        a.id if a else None,
        a.number if a else None,
        b.number if b else None,
        a.title if a else None,
        b.title if b else None,
        status,
        how,
        moved,
        title,
        (clause,),
        _explanation(notes, a.id if a else None, b.id if b else None),
        f"{ANNEX_DIR}/{(b or a).path.rsplit('/', 1)[-1]}",  # type: ignore[union-attr]
    )


def article_statuses(old: Agreement, new: Agreement) -> dict[str, Status]:
    """``{article id: status}`` exactly as ``compare`` gives it, for when only the status
    is needed (the articles' version history): an article whose title and clause texts
    are equal is unchanged without a word diff; any other pair is diffed as ``compare``
    does. Ids are the newer text's, or the old id of a removed article."""
    out: dict[str, Status] = {}
    notes = _notes(old, new)
    for i, j, how, moved in align_sections(list(old.articles), list(new.articles)):
        a = old.articles[i] if i is not None else None
        b = new.articles[j] if j is not None else None
        if a is not None and b is not None and _same_text(a, b):
            out[b.id] = "unchanged"
        else:
            out[(b or a).id] = _article_diff(notes, a, b, how, moved).status  # type: ignore[union-attr]
    return out


def _same_text(a: Article, b: Article) -> bool:
    return a.title == b.title and [c.text for c in a.clauses] == [c.text for c in b.clauses]


def compare(old: Agreement, new: Agreement, *, old_version: str, new_version: str) -> Comparison:
    notes = _notes(old, new)
    articles = tuple(
        _article_diff(
            notes,
            old.articles[i] if i is not None else None,
            new.articles[j] if j is not None else None,
            how,
            moved,
        )
        for i, j, how, moved in align_sections(list(old.articles), list(new.articles))
    )
    annexes = tuple(
        _annex_diff(
            notes,
            old.annexes[i] if i is not None else None,
            new.annexes[j] if j is not None else None,
            how,
            moved,
        )
        for i, j, how, moved in align_sections(list(old.annexes), list(new.annexes))
    )
    preamble = diff_text(old.preamble, new.preamble)
    title = _title_segments(old.title, new.title)
    inserted, deleted = words_changed(preamble)
    for section in articles + annexes:
        ins, dele = section.words
        inserted, deleted = inserted + ins, deleted + dele
    summary = Summary(
        articles_changed=sum(1 for a in articles if a.status == "changed"),
        articles_added=sum(1 for a in articles if a.status == "added"),
        articles_removed=sum(1 for a in articles if a.status == "removed"),
        articles_renumbered=sum(1 for a in articles if a.renumbered),
        articles_unchanged=sum(1 for a in articles if a.status == "unchanged"),
        annexes_changed=sum(1 for a in annexes if a.status == "changed"),
        annexes_added=sum(1 for a in annexes if a.status == "added"),
        annexes_removed=sum(1 for a in annexes if a.status == "removed"),
        explanations_changed=sum(1 for s in articles + annexes if s.explanation_changed),
        words_inserted=inserted,
        words_deleted=deleted,
        matched_by_title=sum(1 for s in articles + annexes if s.matched_by == "titel"),
    )
    return Comparison(old_version, new_version, title, preamble, articles, annexes, summary)
