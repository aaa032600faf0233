"""List items that carry their own letter or number: "- a. partijen ...".

The texts write the considerans and lettered enumerations (6.3, 10.2) as bullet items
whose text starts with the letter, and published texts never change. Every renderer
(site, compare page, PDF, DOCX, ODT, Word redline) asks this module which items carry
their own marker and shows that marker once, as the list's own numbering, never a
bullet in front of a letter.

Pipeline: the items of one list (their leading text) -> ``own_marker`` per item ->
``runs``: consecutive items whose markers count on (a, b, c) form one ordered run with
its start; items without a marker stay bullets. ``pandoc_lists`` applies it to pandoc
Markdown (ordered lists of the ``fancy_lists`` extension), keeping every other line
that extension would read as a list marker literal. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Style = Literal["lower-alpha", "decimal"]

# "a. ", "b) ", "1. ", "12) ": one lower-case letter or up to three digits, a full stop
# or closing parenthesis, then a space (or no-break space) and text. Capitals stay
# text: "- J. de Vries" in a list of names is an initial, not a numbering.
OWN_MARKER = re.compile(r"^(?:([a-z])|(\d{1,3}))([.)])[ \t\u00a0]+(?=\S)")
BULLET_ITEM = re.compile(r"^(?P<indent>[ \t]*)[-*+](?P<gap>[ \t]+)(?P<text>\S.*)$")
# What pandoc's fancy_lists reads as an ordered-list marker at the start of a line
# (after indentation or a bullet): letters, roman numerals, numbers with ")" or in
# parentheses, "#.". Without that extension only "1." starts a list.
FANCY_START = re.compile(
    r"^(?P<lead>[ \t]*(?:[-*+][ \t]+)?)(?P<open>\(?)(?P<mark>[A-Za-z]{1,6}|\d{1,9}|#)(?P<close>[.)])"
    r"(?P<rest>[ \t].*|)$"
)
DECIMAL_START = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?\d{1,9}\.(?:[ \t]|$)")
FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass(frozen=True)
class Marker:
    """The marker an item's text starts with; ``length`` is the characters it takes,
    with the spaces after it."""

    style: Style
    value: int
    delimiter: Literal[".", ")"]
    length: int

    @property
    def label(self) -> str:
        """ "a." or "3)": the marker as written."""
        number = chr(ord("a") + self.value - 1) if self.style == "lower-alpha" else str(self.value)
        return number + self.delimiter

    def follows(self, previous: Marker) -> bool:
        return (self.style, self.delimiter, self.value) == (
            previous.style,
            previous.delimiter,
            previous.value + 1,
        )


@dataclass(frozen=True)
class Run:
    """Items ``start`` up to ``end`` (exclusive) of a list; ``marker`` is the first
    item's own marker, or None for items shown with bullets."""

    start: int
    end: int
    marker: Marker | None


def own_marker(text: str) -> Marker | None:
    match = OWN_MARKER.match(text)
    if match is None:
        return None
    letter, digits, delimiter = match.groups()
    if letter:
        return Marker("lower-alpha", ord(letter) - ord("a") + 1, delimiter, match.end())  # type: ignore[arg-type]
    return Marker("decimal", int(digits), delimiter, match.end())  # type: ignore[arg-type]


def runs(markers: Sequence[Marker | None]) -> list[Run]:
    """Split a list into runs: bullets, or ordered items that count on from one another."""
    out: list[Run] = []
    for index, marker in enumerate(markers):
        previous = markers[index - 1] if index else None
        same_run = (
            bool(out)
            and (marker is None) == (previous is None)
            and (marker is None or (previous is not None and marker.follows(previous)))
        )
        if same_run:
            out[-1] = Run(out[-1].start, index + 1, out[-1].marker)
        else:
            out.append(Run(index, index + 1, marker))
    return out


def has_own_markers(texts: Sequence[str]) -> bool:
    return any(own_marker(t) is not None for t in texts)


# Pandoc Markdown ----------------------------------------------------------------------

SEPARATOR = "<!-- -->"  # ends a pandoc list, so the next run starts its own numbering


def _literal(line: str) -> str:
    """Escape a marker that fancy_lists would read, unless plain Markdown reads it too."""
    if DECIMAL_START.match(line):
        return line
    match = FANCY_START.match(line)
    if match is None:
        return line
    opening = "\\(" if match["open"] else ""
    return f"{match['lead']}{opening}{match['mark']}\\{match['close']}{match['rest']}"


def _continues(last: Marker | None, marker: Marker | None) -> bool:
    if last is None or marker is None:
        return last is None and marker is None
    return marker.follows(last)


def pandoc_lists(markdown: str) -> str:
    """Bullet items with their own marker become ordered items of that kind, in runs that
    count on; every other line keeps the meaning it has without ``fancy_lists``."""
    out: list[str] = []
    last: dict[str, Marker | None] = {}  # indentation -> marker of the list's last item there
    fenced = blank_before = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if fenced or FENCE.match(line):
            out.append(line)
            continue
        item = BULLET_ITEM.match(line)
        if item is None:
            if line.strip() and not line[0].isspace() and blank_before:
                last.clear()  # a paragraph at the margin after a blank line ends every list
            blank_before = not line.strip()
            out.append(_literal(line))
            continue
        blank_before = False
        indent, text = item["indent"], item["text"]
        for deeper in [k for k in last if len(k) > len(indent)]:
            del last[deeper]
        marker = own_marker(text)
        if indent in last and not _continues(last[indent], marker):
            out.extend(["", indent + SEPARATOR, ""])
        last[indent] = marker
        if marker is None:
            out.append(f"{indent}-{item['gap']}{_literal(text)}")
        else:
            # The text stays in its column, so continuation lines stay inside the item.
            width = 1 + len(item["gap"]) + marker.length
            out.append(f"{indent}{marker.label}{' ' * (width - len(marker.label))}{text[marker.length :]}")
    return "\n".join(out)
