"""Which parts of the agreement a change touched, decided by the content model.

Pipeline: the old and new text of one file in ``docs/`` -> parsed with ``vwo.text.parse``
-> compared part by part (by stable id) -> the ids whose content changed. The common
edit, which keeps every heading line as it was, is answered without parsing
(``quick_touched``; a test checks it agrees with the parser or declines).

Ids, not line numbers: renumbering ``Artikel 8`` to ``Artikel 9`` (a new article
inserted before it) changes its heading line but not its content, so it does not
count as a change to that article. A change to the title or preamble, or a text that
does not parse, is reported as ``GENERAL`` (the changelog shows it apart). A commit's
toelichting parts are recorded as ``toelichting-<id>`` (``explanation_part``), its own
text as ``toelichting``.

For a whole history (``with_touched``): every blob is read once (the caller reads them
with ``vwo.git.objects.BlobReader``, see ``needed_blobs``), every (path, blob) parsed
once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache

from vwo.errors import ParseError
from vwo.history.records import ABSENT, DOCS_PREFIX, CommitRecord, FileChange
from vwo.text.inert import check_source
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE, Article
from vwo.text.parse import (
    ANNEX_HEADING,
    ARTICLE_HEADING,
    ID_RE,
    SECTION_HEADING,
    parse_agreement,
    parse_annexes,
    parse_explanations,
)

GENERAL = ""
"""Pseudo-id for changes outside any article: title, preamble, unparseable text."""
EXPLANATION = "toelichting"
"""The part for the toelichting's own text (before its first section, or unparseable)."""


def explanation_part(target_id: str) -> str:
    """The part a toelichting section is recorded as: ``toelichting-<article id>`` (the
    unit id translations use too), so a change to the toelichting of an article is not
    mistaken for a change to the article."""
    return f"{EXPLANATION}-{target_id}" if target_id else EXPLANATION


class _EveryId(set[str]):
    """Accepts every id: a historical toelichting is compared on its own; ``vwo check``
    validated its ids against the agreement when it was committed."""

    def __contains__(self, item: object) -> bool:
        return True


def _article_content(article: Article) -> tuple[str, tuple[str, ...]]:
    return article.title, tuple(clause.text for clause in article.clauses)


Parts = dict[str, object]
_ANNEX_NUMBER = re.compile(r"^(#[ \t]+Bijlage[ \t]+)[0-9]+", re.MULTILINE)


def parts_of(path: str, text: str | None) -> Parts | None:
    """``{id: comparable content}`` of one file (``{}`` if absent); None if it does not parse."""
    if text is None:
        return {}
    try:
        return _parts(path, text)
    except ParseError:
        return None


def diff_parts(before: Parts | None, after: Parts | None) -> set[str]:
    """Ids whose content differs; ``{GENERAL}`` when either side did not parse."""
    if before is None or after is None:
        return {GENERAL}
    return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}


def _parts(path: str, text: str) -> Parts:
    """``{id: comparable content}`` of one file; ``GENERAL`` holds what is outside parts."""
    if path == AGREEMENT_FILE:
        title, preamble, articles = parse_agreement(text, path)
        parts: Parts = {GENERAL: (title, preamble)}
        parts.update({a.id: _article_content(a) for a in articles})
        return parts
    if path == EXPLANATION_FILE:
        intro, explanations = parse_explanations(text, path, known_ids=_EveryId())
        parts = {GENERAL: intro}
        parts.update({e.target_id: (e.title, e.body) for e in explanations})
        return parts
    # One annex alone: its number is checked against the others by ``vwo check``, not
    # here (parsed on its own, "Bijlage 2" would be out of order and hide the change).
    alone = _ANNEX_NUMBER.sub(r"\g<1>1", text, count=1)
    return {a.id: (a.title, a.body) for a in parse_annexes({path: alone})}


@lru_cache(maxsize=1024)  # a blob is the new text of one commit and the old of the next
def _inert(path: str, text: str) -> bool:
    try:
        check_source(path, text)
    except ParseError:
        return False
    return True


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def quick_touched(path: str, old: str, new: str) -> set[str] | None:
    """The answer of the full comparison without parsing, for the common case: an edit
    that leaves every heading line as it was. Then the parser's parts (an article from
    its heading to the next article heading) are the same in both texts, a part changed
    iff its text changed, and its id is read from its heading with the parser's own
    pattern and checked with its id rule. None when the structure changed, a text is not
    plain prose (``vwo.text.inert``: the parser would refuse it) or an id is not valid:
    then the caller parses both texts. Only string methods and whole-text searches: fast.

    Ids come from historical text, which nobody reviews once it is buried in a pull
    request's intermediate commits: an id that the parser's rule does not accept never
    leaves this module (it would reach a page heading and an anchor)."""
    for text in (old, new):
        if not text.startswith("#") or not _inert(path, text):
            return None
    # Pieces start at a line beginning with '#': "# X" is a '## ' heading, "## X" a '###'.
    before, after = old.split("\n#"), new.split("\n#")
    if len(before) != len(after):
        return None
    changed = [
        i
        for i, (a, b) in enumerate(zip(before, after, strict=True))
        if a != b and a.rstrip("\n") != b.rstrip("\n")  # compare first: most pieces are equal
    ]
    if any(_first_line(before[i]) != _first_line(after[i]) for i in changed):
        return None
    if not changed:
        return set()
    if path.startswith(ANNEX_DIR + "/"):
        match = ANNEX_HEADING.match(_first_line(old))
        return {match[3]} if match is not None and match[3] and ID_RE.match(match[3]) else None
    pattern, group = (ARTICLE_HEADING, 3) if path == AGREEMENT_FILE else (SECTION_HEADING, 2)
    ids: set[str] = set()
    for index in changed:
        while index > 0 and not before[index].startswith("# "):
            index -= 1  # a '###' heading or text: it belongs to the part above
        if index == 0:
            ids.add(GENERAL)
            continue
        match = pattern.match("#" + _first_line(before[index]))
        if match is None or not match[group] or not ID_RE.match(match[group]):
            return None
        ids.add(match[group])
    return ids


def _text_changes(record: CommitRecord) -> tuple[FileChange, ...]:
    """The text changes whose touched parts count: a merge's are its parents' own commits."""
    return record.text_changes if record.changes and not record.is_merge else ()


def needed_blobs(record: CommitRecord) -> Iterator[str]:
    """The blob ids ``with_touched`` needs for ``record``: old and new of each text file."""
    for change in _text_changes(record):
        yield from (b for b in (change.old_blob, change.new_blob) if b != ABSENT)


def with_touched(records: Iterable[CommitRecord], blobs: Mapping[str, str | None]) -> list[CommitRecord]:
    """``records`` with ``touched`` set from the texts in ``blobs`` (blob id -> text)."""
    parsed: dict[tuple[str, str], Parts | None] = {}

    def parts(path: str, blob: str) -> Parts | None:
        if (path, blob) not in parsed:
            parsed[(path, blob)] = parts_of(path, None if blob == ABSENT else blobs.get(blob))
        return parsed[(path, blob)]

    out: list[CommitRecord] = []
    for record in records:
        ids: set[str] = set()
        for change in _text_changes(record):
            path = change.path[len(DOCS_PREFIX) :]
            old, new = blobs.get(change.old_blob), blobs.get(change.new_blob)
            quick = quick_touched(path, old, new) if old is not None and new is not None else None
            if quick is None:
                quick = diff_parts(parts(path, change.old_blob), parts(path, change.new_blob))
            ids |= {explanation_part(i) for i in quick} if path == EXPLANATION_FILE else quick
        out.append(replace(record, touched=frozenset(ids)) if ids else record)
    return out
