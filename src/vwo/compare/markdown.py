"""A ``Comparison`` as GitHub-flavoured Markdown, for pull-request summaries.

Pipeline: ``Comparison`` -> summary line, then each changed article with its changed
clauses (``<ins>``/``<del>``, which GitHub renders with underline and strike-through)
-> text. The legal text is made inert: its emphasis markers dropped, then
``vwo.site.escape.md_inline``, so nothing in it becomes a link, heading or mention. A
change of punctuation alone is set in ``<code>`` as well, a box that keeps a struck-through
full stop visible (GitHub drops class attributes); the spaces at the edges of a change
stand outside its tag.
"""

from __future__ import annotations

import re

from vwo.compare.align import Comparison, SectionDiff
from vwo.compare.page import labels, upper_first, version_label
from vwo.compare.worddiff import BlockDiff, Segment
from vwo.compare.words import edges, only_signs
from vwo.site.escape import md_inline

EMPHASIS = re.compile(r"\*\*|\*")


def inert(text: str) -> str:
    """The legal text without its emphasis markers, shown literally on GitHub."""
    return md_inline(EMPHASIS.sub("", text))


def _segment(segment: Segment) -> str:
    if segment.op == "equal":
        return inert(segment.text)
    lead, core, trail = edges(segment.text)
    text = f"<code>{inert(core)}</code>" if only_signs(core) else inert(core)
    tag = "ins" if segment.op == "insert" else "del"
    return f"{lead}<{tag}>{text}</{tag}>{trail}"


def _blocks(blocks: tuple[BlockDiff, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if not block.changed:
            continue
        lines.append("".join(_segment(segment) for segment in block.segments).replace("\n", " "))
    return lines


def _section(section: SectionDiff) -> list[str]:
    out = [f"### {inert(section.heading)}", "", "*" + inert(", ".join(labels(section))) + "*", ""]
    if section.status == "changed" and any(s.op != "equal" for s in section.title):
        title = _blocks((BlockDiff("changed", "p", "", section.title),))
        out += [f"Titel: {title[0]}", ""]
    for clause in section.clauses:
        lines = _blocks(clause.blocks)
        if not lines:
            continue
        number = clause.new_number or clause.old_number
        prefix = f"**{number}** " if number else ""
        out.append(f"- {prefix}" + "<br>".join(lines))
    if section.explanation_changed:
        count = len(_blocks(section.explanation))
        out += ["", f"Toelichting: {count} {'alinea' if count == 1 else 'alinea’s'} gewijzigd."]
    return [*out, ""]


def comparison_markdown(comparison: Comparison) -> str:
    s = comparison.summary
    head = (
        f"## {inert(upper_first(version_label(comparison.new_version)))} vergeleken met "
        f"{inert(version_label(comparison.old_version))}"
    )
    if s.identical:
        return f"{head}\n\nGeen wijzigingen in de tekst.\n"
    summary = (
        f"**{s.articles_changed}** artikelen gewijzigd, **{s.articles_added}** toegevoegd, "
        f"**{s.articles_removed}** vervallen, **{s.articles_renumbered}** hernummerd; "
        f"**{s.annexes_changed + s.annexes_added + s.annexes_removed}** bijlagen gewijzigd; "
        f"**{s.explanations_changed}** toelichtingen gewijzigd; "
        f"**{s.words_inserted}** woorden toegevoegd, **{s.words_deleted}** verwijderd."
    )
    out = [head, "", summary, ""]
    if s.matched_by_title:
        out += [f"Let op: {s.matched_by_title} onderdelen gekoppeld op nummer en titel, niet op id.", ""]
    if comparison.preamble_changed:
        out += ["### Aanhef", "", *(f"- {line}" for line in _blocks(comparison.preamble)), ""]
    for section in comparison.sections:
        if section.shown:
            out += _section(section)
    return "\n".join(out).rstrip("\n") + "\n"
