"""HTML fragments of a ``Comparison``: inline redline and the two sides of a side-by-side view.

Pipeline: ``BlockDiff`` segments -> escaped text runs with emphasis (``**``/``*``
of the legal text become ``<strong>``/``<em>``) -> ``<ins>``/``<del>`` that carry
screen-reader text ("toegevoegd:", "verwijderd:") as well as underline and
strike-through, so the change is never shown by colour alone. A change of punctuation
alone carries the class ``vwo-leesteken`` (a visible box in ``vwo.css``: a struck-through
full stop is nearly invisible); the spaces at the edges of a change are written outside
its tag, where HTML shows them the same and nothing underlines them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from markupsafe import Markup

from vwo.compare.align import ClauseDiff
from vwo.compare.worddiff import BlockDiff, Segment
from vwo.compare.words import edges, only_signs
from vwo.site.escape import html_attribute, html_text
from vwo.text.lists import own_marker

View = Literal["inline", "old", "new"]
BULLETS = ("-", "*", "+")
EMPHASIS = re.compile(r"(\*\*|\*)")
SR = '<span class="sr-only">{}</span>'
INS_OPEN = "<ins{}>" + SR.format("toegevoegd: ")
INS_CLOSE = SR.format(" (einde toevoeging)") + "</ins>"
DEL_OPEN = "<del{}>" + SR.format("verwijderd: ")
DEL_CLOSE = SR.format(" (einde verwijdering)") + "</del>"
SIGNS = ' class="vwo-leesteken"'


class _Emphasis:
    """Bold/italic state of one side of the text, toggled by the markers it reads."""

    def __init__(self) -> None:
        self.strong = False
        self.em = False

    def toggle(self, marker: str) -> None:
        if marker == "**":
            self.strong = not self.strong
        else:
            self.em = not self.em

    def wrap(self, text: str) -> str:
        out = html_text(text)
        if self.em:
            out = f"<em>{out}</em>"
        if self.strong:
            out = f"<strong>{out}</strong>"
        return out


def _inline(segments: Iterable[Segment], view: View) -> str:
    old_side, new_side = _Emphasis(), _Emphasis()
    parts: list[str] = []
    for segment in segments:
        if (view == "old" and segment.op == "insert") or (view == "new" and segment.op == "delete"):
            continue
        shown = old_side if view == "old" or segment.op == "delete" else new_side
        lead, core, trail = edges(segment.text) if segment.op != "equal" else ("", segment.text, "")
        if "*" in core:
            sides = {"equal": (old_side, new_side), "insert": (new_side,), "delete": (old_side,)}[segment.op]
            body: list[str] = []
            for piece in EMPHASIS.split(core):
                if piece in ("**", "*"):
                    for side in sides:
                        side.toggle(piece)
                elif piece:
                    body.append(shown.wrap(piece))
            text = "".join(body)
        else:
            text = shown.wrap(core)
        css = SIGNS if only_signs(core) else ""
        if segment.op == "insert":
            parts.append(lead + INS_OPEN.format(css) + text + INS_CLOSE + trail)
        elif segment.op == "delete":
            parts.append(lead + DEL_OPEN.format(css) + text + DEL_CLOSE + trail)
        else:
            parts.append(text)
    return "".join(parts)


def inline(segments: Iterable[Segment], view: View = "inline") -> Markup:
    """One block's segments as HTML; ``old``/``new`` show one side with its changes marked."""
    return Markup(_inline(segments, view))


def _marker(block: BlockDiff, view: View) -> str:
    """A lettered or numbered list item's marker (bullets are the list's); a changed
    marker is marked as a change."""
    old = block.marker if block.old_marker is None else block.old_marker
    segments = (
        [Segment("equal", block.marker)]
        if old == block.marker
        else [
            Segment("delete", old),
            Segment("insert", block.marker),
        ]
    )
    html = _inline([x for x in segments if x.text not in ("", "-", "*", "+")], view)
    return html + " " if html else ""


def own_marked(block: BlockDiff) -> bool:
    """A list item numbered in the text itself: "1." in the source, or "- a. ..."."""
    if block.marker not in BULLETS:
        return True
    text = "".join(s.text for s in block.segments if s.op != "delete").lstrip("*")
    old = "".join(s.text for s in block.segments if s.op != "insert").lstrip("*")
    return own_marker(text) is not None or own_marker(old) is not None


@lru_cache(maxsize=16384)
def blocks_html(blocks: tuple[BlockDiff, ...], view: View = "inline") -> Markup:
    """Blocks as paragraphs and lists; a block added or removed as a whole is marked whole.

    Cached: the same clause diff appears on many comparison pages of one build.
    """
    out: list[str] = []
    in_list = ""  # the open list's closing tag
    for block in blocks:
        if (view == "old" and block.status == "added") or (view == "new" and block.status == "removed"):
            continue
        wanted = ("</ol>" if own_marked(block) else "</ul>") if block.kind == "li" else ""
        if in_list and wanted != in_list:
            out.append(in_list)
            in_list = ""
        if wanted and not in_list:
            # Items with their own letter or number show it as text, without a bullet.
            out.append(
                '<ol class="vwo-lijst vwo-lijst--eigen">' if wanted == "</ol>" else '<ul class="vwo-lijst">'
            )
            in_list = wanted
        status = f' class="vwo-blok vwo-blok--{block.status}"' if block.status != "unchanged" else ""
        text = _inline(block.segments, view)
        if block.kind == "li":
            out.append(f"<li{status}>{_marker(block, view)}{text}</li>")
        elif block.kind == "h":
            out.append(f'<p{status}><strong class="vwo-kop">{text}</strong></p>')
        elif block.kind == "row":
            out.append(f'<p{status}><span class="vwo-rij">{text}</span></p>')
        else:
            out.append(f"<p{status}>{text}</p>")
    if in_list:
        out.append(in_list)
    return Markup("".join(out))


def _number(clause: ClauseDiff, view: View) -> str:
    if view == "old":
        number = clause.old_number
    elif view == "new":
        number = clause.new_number
    elif clause.status == "added":
        number = f"{clause.new_number} (nieuw)"
    elif clause.status == "removed":
        number = f"{clause.old_number} (vervallen)"
    elif clause.renumbered:
        number = f"{clause.new_number} (was {clause.old_number})"
    else:
        number = clause.new_number
    return f'<span class="vwo-redline__nummer">{html_text(number)}</span> ' if number else ""


@lru_cache(maxsize=16384)
def clause_html(clause: ClauseDiff) -> Markup:
    """One clause of the inline redline, with its number (and old number if renumbered)."""
    shown = clause.status != "removed" and clause.new_number
    anchor = f' id="vwo-lid-{html_attribute(clause.anchor)}"' if shown else ""
    css = f"vwo-redline__lid vwo-redline__lid--{clause.status}"
    return Markup(f'<div class="{css}"{anchor}>{_number(clause, "inline")}{blocks_html(clause.blocks)}</div>')


@lru_cache(maxsize=16384)
def clause_row(clause: ClauseDiff) -> Markup:
    """One clause as a table row: the old text with deletions, the new text with insertions."""
    old = f"{_number(clause, 'old')}{blocks_html(clause.blocks, 'old')}"
    new = f"{_number(clause, 'new')}{blocks_html(clause.blocks, 'new')}"
    return Markup(
        f'<tr class="vwo-naast__rij--{clause.status}"><td data-label="Oud">{old}</td>'
        f'<td data-label="Nieuw">{new}</td></tr>'
    )
