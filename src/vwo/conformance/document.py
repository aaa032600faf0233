"""What the check reads from a copy, whatever its format: paragraphs in reading order,
plus what the file says about itself (tracked changes, comments, numbering).

Pipeline: an extractor (``vwo.conformance.extract``) -> ``Extracted`` -> ``prepare``:
per paragraph ``rules.clean`` and ``rules.split_label`` (not for table rows, which keep
their cells) -> ``Copy``: one token stream over the whole document with, per token, its
paragraph and its place in that paragraph's text, so the report can quote the copy's
own words. Page numbers are dropped here for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vwo.conformance.mdtext import Kind
from vwo.conformance.rules import LINE_JOIN, Label, clean, is_page_number, mend, split_label, token_spans


@dataclass(frozen=True)
class Paragraph:
    text: str  # as extracted (a row: its cells joined by " | ")
    kind: Kind = "p"
    cells: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comment:
    author: str
    text: str


@dataclass(frozen=True)
class Extracted:
    format: str  # docx | odt | pdf | md | txt
    paragraphs: tuple[Paragraph, ...]
    insertions: int = 0  # tracked changes, judged as accepted
    deletions: int = 0
    moves: int = 0
    formatting: int = 0
    comments: tuple[Comment, ...] = ()
    auto_numbered: int = 0  # paragraphs numbered by the word processor (number not in the text)
    hidden: int = 0  # hidden runs left out
    pages: int | None = None
    noise: int = 0  # lines dropped as running header, footer or watermark

    @property
    def tracked(self) -> int:
        return self.insertions + self.deletions + self.moves + self.formatting


@dataclass(frozen=True)
class CopyParagraph:
    text: str  # cleaned, without its labels (a row: cells joined by " | ")
    full: str  # cleaned, with its labels
    kind: Kind
    labels: tuple[Label, ...]
    cells: tuple[str, ...]
    first: int  # index of its first token in ``Copy.tokens``
    end: int  # one past its last token


@dataclass(frozen=True)
class Copy:
    source: Extracted
    paragraphs: tuple[CopyParagraph, ...]
    tokens: tuple[str, ...]
    paragraph_of: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]  # (start, end) of each token in its paragraph's text
    page_numbers: int = field(default=0)


def prepare(extracted: Extracted, vocabulary: frozenset[str] = frozenset()) -> Copy:
    """``vocabulary``: the words of the standard, to mend words split at a line break."""
    paragraphs: list[CopyParagraph] = []
    tokens: list[str] = []
    owner: list[int] = []
    spans: list[tuple[int, int]] = []
    dropped = 0
    pending: tuple[Label, ...] = ()  # a number alone in its paragraph labels the next one
    labels: tuple[Label, ...]
    for raw in extracted.paragraphs:
        if raw.kind == "row":
            cells = tuple(clean(c) for c in raw.cells)
            if not any(cells):
                continue
            text, labels = " | ".join(cells), ()
            full = text
            found: list[tuple[str, int, int]] = []
            offset = 0
            for cell in cells:
                found.extend((t, offset + s, offset + e) for t, s, e in token_spans(cell))
                offset += len(cell) + 3
        else:
            pieces = [c for c in (clean(piece) for piece in raw.text.split(LINE_JOIN)) if c]
            cleaned = " ".join(pieces)
            if not cleaned:
                continue
            if is_page_number(cleaned):
                dropped += 1
                continue
            alone, rest = split_label(cleaned + " ")
            if alone and not rest:
                pending = alone
                continue
            labels, text = split_label(cleaned)
            labels, pending = labels or pending, ()
            full = cleaned
            cells = ()
            found = token_spans(text)
            if vocabulary and len(pieces) > 1:
                cut = len(cleaned) - len(text)
                joins, offset = set(), -1
                for piece in pieces[:-1]:
                    offset += len(piece) + 1
                    joins.add(offset - cut)
                found = mend(found, joins, vocabulary)
        if not found:
            continue
        index = len(paragraphs)
        first = len(tokens)
        for token, start, end in found:
            tokens.append(token)
            owner.append(index)
            spans.append((start, end))
        paragraphs.append(CopyParagraph(text, full, raw.kind, labels, cells, first, len(tokens)))
    return Copy(extracted, tuple(paragraphs), tuple(tokens), tuple(owner), tuple(spans), dropped)
