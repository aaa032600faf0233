"""The report as GitHub-flavoured Markdown (``vwo toets --format md``, the default).

Pipeline: ``Report`` -> ``view`` (the wording) -> ``toets_report.md.j2``. Every text
from the copy (and the standard) goes through ``vwo.site.escape.md_inline`` (the ``md``
filter), the redline as ``<ins>``/``<del>`` around escaped words: nothing in a copy can
become a link, heading, HTML or a terminal control sequence.
"""

from __future__ import annotations

from markupsafe import Markup

from vwo.compare.worddiff import BlockDiff
from vwo.conformance.render.view import context
from vwo.conformance.report import Report
from vwo.site.escape import md_inline
from vwo.site.render import environment, render


def _md(value: object) -> Markup:
    return Markup(md_inline(str(value)))


def redline_lines(blocks: tuple[BlockDiff, ...]) -> list[Markup]:
    """Each block of a redline as one escaped Markdown line."""
    lines = []
    for block in blocks:
        parts = []
        for segment in block.segments:
            text = md_inline(segment.text) if segment.text.strip() else " "
            if segment.op == "insert":
                parts.append(f"<ins>{text}</ins>")
            elif segment.op == "delete":
                parts.append(f"<del>{text}</del>")
            else:
                parts.append(text)
        lines.append(Markup("".join(parts)))
    return lines


def paragraphs(text: str) -> list[Markup]:
    return [_md(p) for p in text.split("\n\n") if p.strip()]


def report_markdown(report: Report) -> str:
    environment().filters.setdefault("md", _md)
    return render("toets_report.md.j2", redline=redline_lines, paragraphs=paragraphs, **context(report))
