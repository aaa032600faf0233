"""The shared text rules of the check, in Python; ``docs/assets/vwo-toets-regels.js`` holds
the same rules in JavaScript. Both pass the vectors in ``tests/toets_vectors.json``;
the rules are written out in ``docs/over/toetsen-regels.md``. Change all three together.

Pipeline per paragraph of a copy: ``clean`` (typography only: what the reader sees) ->
``split_label`` (clause numbers, list markers, "Artikel 7." kept apart) -> ``tokens``
(what is compared: lower case, hyphens dropped, every punctuation mark its own token).
Line-based text (PDF, plain text) first goes through ``join_lines``; page numbers and
running headers are dropped by ``is_page_number`` and ``edge_noise``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# A slot to fill in, in the standard's text (``[naam gemeente]``, an empty table cell).
# It never equals any token: what the copy has there is a filled-in value.
FILL = "\x00fill"
PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "\u27e6", "\u27e7"  # ⟦label⟧ in tekst.json

# Soft hyphens, zero-width characters and the bidirectional controls (which would let a
# copy show text in an order other than the order it is read in).
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]")
# Symbol-font bullets that PDF writers leave in the private use area; other private use
# characters are glyphs without meaning and are dropped.
_PRIVATE_BULLETS = re.compile("[\uf0b7\uf0a7\uf0d8\uf0fc\uf076]")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")

# A word: letters and digits, hyphens inside or around it; every other non-space
# character is a token of its own. Hyphens are dropped from the compared form, so
# "e-mail", "email" and "e-" + "mail" across a line break are the same word.
_TOKEN = re.compile(r"[-\w]*[^\W_][-\w]*|[^\w\s-]|_")
_PLACEHOLDER = re.compile(f"{PLACEHOLDER_OPEN}[^{PLACEHOLDER_CLOSE}]*{PLACEHOLDER_CLOSE}")

LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("heading", re.compile(r"(?:artikel|article|art\.) ?([0-9]{1,3}[a-z]?) ?[.:)]? ", re.I | re.A)),
    ("annex", re.compile(r"(?:bijlage|annex|appendix) ?([0-9]{1,3}) ?[.:)]? ", re.I | re.A)),
    ("clause", re.compile(r"([0-9]{1,3}(?:\.[0-9]{1,3})+)\.? ")),
    ("number", re.compile(r"([0-9]{1,3})[.)] ")),
    ("letter", re.compile(r"\(?([a-z])[.)] ", re.I | re.A)),
    ("roman", re.compile(r"\(?(x|ix|iv|vi{0,3}|i{1,3})[.)] ", re.I | re.A)),
    ("bullet", re.compile("([\u2022\u25aa\u25e6\u00b7*+>\u2023\u2043-]) ")),
)
MAX_LABELS = 3
HEADING_WORDS = 12
_WORDLIKE = re.compile(r"[^\W_]")
_PAGE_NUMBER = re.compile(
    r"(?:(?:pagina|page|blz\.?|p\.) ?)?[0-9]{1,4}(?: ?(?:van|of|/) ?[0-9]{1,4})?|- ?[0-9]{1,4} ?-",
    re.I | re.A,
)
_SENTENCE_END = (".", ":", ";", "!", "?")
_TOC_LINE = re.compile(r"(?:\. ?){4,}[0-9]{1,4}$")
PAGE_BREAK = "\f"
# Where join_lines put two lines together: a space to the reader, and a place where a
# word that a narrow table cell broke without a hyphen may be put back together.
LINE_JOIN = "\n"
# Lines at the top or bottom of a page that recur on at least half of the pages
# (and on two) are running headers, footers or a watermark.
EDGE_LINES = 3


def clean(text: str) -> str:
    """Every pattern below sees text through this, so a space is always one ' '.

    The copy's words as shown: Unicode NFKC (ligatures, non-breaking spaces), invisible
    characters and soft hyphens removed, control characters as spaces, straight quotes and
    hyphens, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _PRIVATE_BULLETS.sub("\u2022", text)
    text = _PRIVATE.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = text.translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Label:
    kind: str  # heading | annex | clause | number | letter | roman | bullet
    value: str  # the number or marker: "7", "7.2", "a", "•"


def split_label(text: str) -> tuple[tuple[Label, ...], str]:
    """Leading numbers and markers of a cleaned paragraph, and the rest.

    At most three; "Artikel 7." and "Bijlage 2." only before any number (so a clause
    that begins "7.2 Artikel 28 ..." keeps its words) and only before a title.
    """
    labels: list[Label] = []
    rest = text
    for _ in range(MAX_LABELS):
        found = None
        for kind, pattern in LABELS:
            if kind in ("heading", "annex") and any(lab.kind != "bullet" for lab in labels):
                continue
            match = pattern.match(rest)
            if match and kind in ("heading", "annex") and not _heading_like(rest[match.end() :]):
                continue
            if match:
                found = (Label(kind, match.group(1)), match.end())
                break
        if found is None:
            break
        labels.append(found[0])
        rest = rest[found[1] :]
    return tuple(labels), rest


def _heading_like(rest: str) -> bool:
    """After "Artikel 7." a title, not a sentence: at most ``HEADING_WORDS`` words and no
    closing punctuation ("Artikel 82 van de AVG blijft ... van toepassing." is a sentence)."""
    words = sum(1 for token, _, _ in token_spans(rest) if _WORDLIKE.match(token))
    return words <= HEADING_WORDS and not rest.rstrip().endswith((".", ";", ":", ","))


def mend(
    found: list[tuple[str, int, int]], joins: set[int], vocabulary: frozenset[str]
) -> list[tuple[str, int, int]]:
    """Put back words a line break split without a hyphen ("persoonsgegeven" + "s"): two
    tokens on either side of a line join (``joins``: the offsets of the joining spaces)
    become one when together they are a word of the standard and apart they are not both."""
    out: list[tuple[str, int, int]] = []
    for token, start, end in found:
        if out and start - 1 in joins and out[-1][2] == start - 1:
            before = out[-1][0]
            joined = before + token
            if joined in vocabulary and not (before in vocabulary and token in vocabulary):
                out[-1] = (joined, out[-1][1], end)
                continue
        out.append((token, start, end))
    return out


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """(compared form, start, end) of every token of a cleaned text."""
    return [
        (match.group(0).lower().replace("-", ""), match.start(), match.end())
        for match in _TOKEN.finditer(text)
    ]


def tokens(text: str) -> list[str]:
    return [token for token, _, _ in token_spans(text)]


def slot_tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens of a text of the standard, each with whether it belongs to a slot: a
    ``⟦placeholder⟧`` is ``FILL`` followed by the tokens of ``[placeholder]``, which a copy
    that left it unfilled matches, and which never count as the standard's words."""
    out: list[tuple[str, bool]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        out.extend((t, False) for t in tokens(text[position : match.start()]))
        out.append((FILL, True))
        out.extend((t, True) for t in tokens("[" + match.group(0)[1:-1] + "]"))
        position = match.end()
    out.extend((t, False) for t in tokens(text[position:]))
    return out


def row_slot_tokens(cells: Sequence[str]) -> list[tuple[str, bool]]:
    """A table row of the standard: an empty cell is a slot to fill in."""
    out: list[tuple[str, bool]] = []
    for cell in cells:
        out.extend(slot_tokens(cell) if cell.strip() else [(FILL, True)])
    return out


def standard_tokens(text: str) -> list[str]:
    return [t for t, _ in slot_tokens(text)]


def row_tokens(cells: Sequence[str]) -> list[str]:
    return [t for t, _ in row_slot_tokens(cells)]


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.fullmatch(text))


def edge_key(text: str) -> str:
    return re.sub("[0-9]+", "#", clean(text).lower())


def edge_noise(pages: Sequence[Sequence[str]]) -> set[str]:
    """``edge_key``s of running headers, footers and watermarks in a page-based text."""
    counts: dict[str, int] = {}
    with_text = 0
    for lines in pages:
        filled = [line for line in lines if line.strip()]
        if not filled:
            continue
        with_text += 1
        edges = {edge_key(line) for line in filled[:EDGE_LINES] + filled[-EDGE_LINES:]}
        for key in edges:
            counts[key] = counts.get(key, 0) + 1
    needed = max(2, (with_text + 1) // 2)
    return {key for key, count in counts.items() if count >= needed and key}


def join_lines(lines: Sequence[str]) -> list[str]:
    """Paragraphs of line-based text (PDF, plain text). A line starts a paragraph after a
    blank line; when it begins with a bullet; when it begins with a number or marker and
    the line before ends a sentence or is not full (shorter than 4/5 of the usual long
    line); when the line before is not full and ends a sentence, or ends its page, or is
    a heading ("Artikel 7. Subverwerkers"). A line ``PAGE_BREAK`` marks the end of a page;
    page numbers and table-of-contents lines (dot leaders and a page number) are left out. A hyphen or
    soft hyphen at the end of a line before a lower-case letter joins the word."""
    lengths = sorted(len(clean(line)) for line in lines if line.strip())
    usual = lengths[(3 * (len(lengths) - 1)) // 4] if lengths else 0
    paragraphs: list[str] = []
    previous: str | None = None  # cleaned previous line, None after a blank line
    page_end = heading = False
    for raw in lines:
        if raw == PAGE_BREAK:
            page_end = True
            continue
        line = clean(raw)
        if _TOC_LINE.search(line) or is_page_number(line):
            continue
        if not line:
            previous = None
            continue
        labels, _ = split_label(line)
        full = previous is not None and 5 * len(previous) >= 4 * usual
        ends = previous is not None and previous.endswith(_SENTENCE_END)
        starts = (
            previous is None
            or heading
            or (bool(labels) and (labels[0].kind == "bullet" or ends or not full))
            or (not full and (ends or page_end))
        )
        if starts or not paragraphs:
            paragraphs.append(raw.strip())
        else:
            paragraphs[-1] = _join(paragraphs[-1], raw.strip())
        previous = line
        page_end = False
        heading = bool(labels) and labels[0].kind in ("heading", "annex")
    return paragraphs


def _join(before: str, after: str) -> str:
    stripped = before.rstrip()
    if (
        stripped.endswith(("-", "\u00ad"))
        and len(stripped) > 1
        and unicodedata.category(stripped[-2]).startswith("L")
        and after[:1]
        and unicodedata.category(after[0]) == "Ll"
    ):
        return stripped[:-1] + after
    return stripped + LINE_JOIN + after
