"""The site's comparison pages, as Markdown with HTML fragments for MkDocs.

Pipeline: ``Comparison`` (+ why each article changed, from the history, and the legal
provisions each change touches, ``vwo.compare.coverage``) -> view model
(sections in reading order, unchanged runs collapsed, jump links) -> Jinja templates
``compare_page.md.j2`` (one page per comparison: the inline redline, and the same changes
side by side in a table, switched by a checkbox and CSS: no JavaScript needed) and
``compare_chooser.md.j2`` ("Vergelijk versies").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from markupsafe import Markup

from vwo.compare.align import Comparison, SectionDiff
from vwo.compare.coverage import Touched
from vwo.compare.html import blocks_html, clause_html, clause_row, inline
from vwo.site.escape import anchor_id, md_inline, safe_href
from vwo.site.fragments import fragmenter
from vwo.site.render import render
from vwo.site.urls import page_url
from vwo.text.provisions import Provision, list_order
from vwo.versions.model import CONCEPT, version_key


@dataclass(frozen=True)
class RationaleItem:
    """Why an article changed: one decided proposal, from the commit history."""

    proposal: str
    title: str
    decision: str
    meeting: str
    url: str
    reason: str = ""
    """The reason recorded with the decision (its commit body), as plain paragraphs."""


def md_escape(text: str) -> Markup:
    """Plain text made inert for a Markdown line (``vwo.site.escape.md_inline``)."""
    return Markup(md_inline(text))


def anchor(target: str) -> Markup:
    """A Markdown attribute list giving a heading its id (Jinja reads ``{#`` as a comment)."""
    return Markup("{#" + anchor_id(target) + "}")


def docx_name(new: str, old: str) -> str:
    return f"VWO-{new}-vergeleken-met-{old}.docx"


def version_label(version: str) -> str:
    if version == CONCEPT:
        return "de werkversie (concept)"
    return f"de tekst op {version}" if version.startswith("@") else f"versie {version}"


def upper_first(text: str) -> str:
    """Capitalise the first letter only (``str.capitalize`` would lower ``@HEAD``)."""
    return text[:1].upper() + text[1:]


def sort_versions(versions: Sequence[str]) -> list[str]:
    """Oldest first; the concept is the newest."""
    return sorted(versions, key=lambda v: (1, ()) if v == CONCEPT else (0, version_key(v)))


@dataclass(frozen=True)
class SectionView:
    diff: SectionDiff
    labels: tuple[str, ...]
    title: Markup
    inline: Markup  # the clauses as an inline redline
    rows: Markup  # the clauses as side-by-side table rows
    explanation: Markup
    rationale: tuple[RationaleItem, ...]
    provisions: tuple[Provision, ...] = ()  # what the change touches (AVG-toets)


@dataclass(frozen=True)
class Collapsed:
    """A run of unchanged sections, shown folded."""

    sections: tuple[SectionView, ...]

    @property
    def label(self) -> str:
        first, last = self.sections[0].diff, self.sections[-1].diff
        noun = "Artikel" if first.kind == "artikel" else "Bijlage"
        if len(self.sections) == 1:
            return f"{noun} {first.new_number} is niet gewijzigd"
        joiner = "en" if len(self.sections) == 2 else "tot en met"
        return f"{noun} {first.new_number} {joiner} {last.new_number} zijn niet gewijzigd"


def labels(section: SectionDiff) -> tuple[str, ...]:
    noun = "artikel" if section.kind == "artikel" else "bijlage"
    out: list[str] = []
    if section.status == "added":
        out.append("toegevoegd")
    elif section.status == "removed":
        out.append("vervallen")
    elif section.status == "changed":
        out.append("tekst gewijzigd")
    if section.renumbered:
        out.append(f"hernummerd (was {noun} {section.old_number})")
    if section.moved:
        out.append("verplaatst")
    if section.matched_by == "titel":
        out.append(f"gekoppeld op titel (oude id '{section.old_id}')")
    if section.explanation_changed:
        out.append("toelichting gewijzigd")
    return tuple(out)


def _section_view(
    section: SectionDiff, rationale: Mapping[str, Sequence[RationaleItem]], touched: Touched
) -> SectionView:
    # Unchanged sections are folded into a line of links: no text to render.
    clauses = section.clauses if section.shown else ()
    return SectionView(
        section,
        labels(section),
        inline(section.title),
        Markup("\n").join(clause_html(c) for c in clauses),
        Markup("\n").join(clause_row(c) for c in clauses),
        blocks_html(section.explanation) if section.explanation_changed else Markup(""),
        tuple(replace(item, url=safe_href(item.url)) for item in rationale.get(section.id, ())),
        tuple(list_order(set(touched.of(section)))),
    )


def _items(
    sections: Sequence[SectionDiff], rationale: Mapping[str, Sequence[RationaleItem]], touched: Touched
) -> list[SectionView | Collapsed]:
    items: list[SectionView | Collapsed] = []
    run: list[SectionView] = []
    for section in sections:
        view = _section_view(section, rationale, touched)
        if section.shown:
            if run:
                items.append(Collapsed(tuple(run)))
                run = []
            items.append(view)
        else:
            run.append(view)
    if run:
        items.append(Collapsed(tuple(run)))
    return items


def _context(
    comparison: Comparison,
    rationale: Mapping[str, Sequence[RationaleItem]] | None,
    decisions_url: str,
    links: bool = True,
    fragments: dict[str, str] | None = None,
    touched: Touched | None = None,
) -> dict[str, object]:
    rationale = rationale or {}
    touched = touched or Touched()
    return {
        "c": comparison,
        "s": comparison.summary,
        "old_label": version_label(comparison.old_version),
        "new_label": version_label(comparison.new_version),
        "articles": _items(comparison.articles, rationale, touched),
        "annexes": _items(comparison.annexes, rationale, touched),
        "changed": [s for s in comparison.sections if s.shown],
        "labels": labels,
        "md": md_escape,
        "anchor": anchor,
        "preamble": blocks_html(comparison.preamble) if comparison.preamble_changed else Markup(""),
        "preamble_old": blocks_html(comparison.preamble, "old"),
        "preamble_new": blocks_html(comparison.preamble, "new"),
        "docx": docx_name(comparison.new_version, comparison.old_version),
        "decisions_url": decisions_url,
        "links": links,
        "frag": fragmenter(fragments),
        # Pages of this site are folders (MkDocs' use_directory_urls), as the "../" links assume.
        "page_url": lambda src: page_url(src, directory_urls=True),
    }


def comparison_page(
    comparison: Comparison,
    *,
    rationale: Mapping[str, Sequence[RationaleItem]] | None = None,
    decisions_url: str = "",
    links: bool = True,
    fragments: dict[str, str] | None = None,
    touched: Touched | None = None,
) -> str:
    """The comparison page, ``vergelijken/<older>/index.md`` in the newer version's build:
    per changed article the inline redline and the side-by-side table (one is shown).

    ``links``: link unchanged articles to the agreement page of the same build, the DOCX
    beside the page and the other comparisons (off for a standalone page). ``touched``: the
    provisions each change touches, shown under its labels.
    """
    context = _context(comparison, rationale, decisions_url, links, fragments, touched)
    return render("compare_page.md.j2", **context)


def pairs(versions: Sequence[str]) -> list[tuple[str, str]]:
    """Every (newer, older) pair, newest first: what the chooser can offer."""
    ordered = sort_versions(versions)
    return [(new, old) for n, new in reversed(list(enumerate(ordered))) for old in reversed(ordered[:n])]


def _by_newer(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """``[(newer, [older, ...]), ...]`` in the order of ``pairs``."""
    groups: dict[str, list[str]] = {}
    for new, old in pairs:
        groups.setdefault(new, []).append(old)
    return list(groups.items())


def chooser_page(versions: Sequence[str], current: str, *, fragments: dict[str, str] | None = None) -> str:
    """ "Vergelijk versies": two selectors (a small local script) and a plain list of links.

    The page lives at ``/<current>/vergelijken/``; the page of a pair is at
    ``/<newer>/vergelijken/<older>/``, so ``../../<newer>/vergelijken/<older>/`` from here.
    """
    ordered = sort_versions(versions)
    return render(
        "compare_chooser.md.j2",
        versions=list(reversed(ordered)),
        groups=_by_newer(pairs(ordered)),
        current=current,
        label=version_label,
        anchor=anchor,
        frag=fragmenter(fragments),
    )
