"""Which parts of the agreement a change touched, decided by the content model.

Pipeline: the old and new text of one file in ``docs/`` -> parsed with ``vwo.text.parse``
-> compared part by part (by stable id) -> the ids whose content changed. The common
edit, which keeps every heading line as it was, is answered without parsing
(``quick_touched``; a test checks it agrees with the parser or declines).

Ids, not line numbers: renumbering ``Artikel 8`` to ``Artikel 9`` (a new article
inserted before it) changes its heading line but not its content, so it does not
count as a change to that article. A change to the title or preamble, or a text that
does not parse, is reported as ``GENERAL`` (the changelog shows it apart).
"""

from __future__ import annotations

from vwo.errors import ParseError
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE, Article
from vwo.text.parse import (
    ANNEX_HEADING,
    ARTICLE_HEADING,
    SECTION_HEADING,
    parse_agreement,
    parse_annexes,
    parse_explanations,
)

GENERAL = ""
"""Pseudo-id for changes outside any article: title, preamble, unparseable text."""


class _EveryId(set[str]):
    """Accepts every id: a historical toelichting is compared on its own; ``vwo check``
    validated its ids against the agreement when it was committed."""

    def __contains__(self, item: object) -> bool:
        return True


def is_text_path(path: str) -> bool:
    """A file of the agreement's text, relative to ``docs/``."""
    return path in (AGREEMENT_FILE, EXPLANATION_FILE) or (
        path.startswith(ANNEX_DIR + "/") and path.endswith(".md") and path.count("/") == 1
    )


def _article_content(article: Article) -> tuple[str, tuple[str, ...]]:
    return article.title, tuple(clause.text for clause in article.clauses)


Parts = dict[str, object]


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
    return {a.id: (a.title, a.body) for a in parse_annexes({path: text})}


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def quick_touched(path: str, old: str, new: str) -> set[str] | None:
    """The answer of the full comparison without parsing, for the common case: an edit
    that leaves every heading line as it was. Then the parser's parts (an article from
    its heading to the next article heading) are the same in both texts, a part changed
    iff its text changed, and its id is read from its heading with the parser's own
    pattern. None when the structure changed, or a fence or front matter could hide a
    heading: then the caller parses both texts. Only string methods: fast."""
    for text in (old, new):
        if "```" in text or "~~~" in text or text.startswith("---") or not text.startswith("#"):
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
        return {match[3]} if match is not None and match[3] else None
    pattern, group = (ARTICLE_HEADING, 3) if path == AGREEMENT_FILE else (SECTION_HEADING, 2)
    ids: set[str] = set()
    for index in changed:
        while index > 0 and not before[index].startswith("# "):
            index -= 1  # a '###' heading or text: it belongs to the part above
        if index == 0:
            ids.add(GENERAL)
            continue
        match = pattern.match("#" + _first_line(before[index]))
        if match is None or not match[group]:
            return None
        ids.add(match[group])
    return ids


def touched_ids(path: str, old: str | None, new: str | None) -> set[str]:
    """Ids whose content differs between ``old`` and ``new`` (None: file absent)."""
    if old == new:
        return set()
    return diff_parts(parts_of(path, old), parts_of(path, new))
