"""The pages of the decision log: the log itself, its filter pages and one page per
proposal (pure: records in, Markdown with HTML blocks out).

Pipeline: ``DecisionLog`` + ``Selection`` (``vwo.history.filters``) -> the filtered log
with its filter links -> ``decisions_intro``/``decisions_meeting`` templates; a
``Proposal`` (``vwo.history.proposals``) -> ``proposal_*`` templates. Headings are never
commit-derived text (meeting labels are validated body and date, a proposal's id is
validated); everything else is escaped HTML, kept out of the Markdown with
``vwo.site.fragments``.

Links into a version (the text, a comparison) go through ``PageLinks.site_root``, the
folder above the version folders; links between these pages are relative to the page's
own source (``vwo.site.urls.relative_url``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from vwo.history.changelog import PageLinks, doc_href, generated_page, render_history
from vwo.history.decisions import DecisionLog
from vwo.history.filters import LOG_SRC, Selection, filter_groups, filtered
from vwo.history.parts import PartIndex, compare_anchor, part_label
from vwo.history.proposals import Proposal
from vwo.site.dates import long_date
from vwo.site.escape import md_inline
from vwo.site.urls import relative_url
from vwo.versions.model import CONCEPT, CURRENT_ALIAS


@dataclass(frozen=True)
class PartLink:
    label: str
    text: str
    """The part in the text (relative URL), or ""."""
    compare: str = ""
    """Its change on the comparison page, or ""."""


class PageContext:
    """What a page of the log needs to link: its own source, the part labels, the
    links of the build (relative to this page) and the publication date per version."""

    def __init__(
        self, src: str, links: PageLinks, parts: PartIndex, published: Mapping[str, date] | None = None
    ) -> None:
        self.src = src
        self.links = links
        self.parts = parts
        self.published = dict(published or {})

    def href(self, target_src: str) -> str:
        return relative_url(self.src, target_src, self.links.directory_urls)

    def part_links(self, ids: tuple[str, ...]) -> list[PartLink]:
        """The parts as this build's text names them, linked to this build's text (or to
        ``PageLinks.text_root``)."""
        out = []
        for part in ids:
            page = self.parts[part][2] if part in self.parts else None
            out.append(PartLink(part_label(self.parts, part), self._text_href(page) if page else ""))
        return out

    def _text_href(self, page: str) -> str:
        root = self.links.text_root
        return f"{root}{_page_url(page)}" if root else doc_href(self.src, page)

    def in_version(self, version: str, page: str) -> str:
        """A page of ``version``'s build (``overeenkomst/#x``), or "" without a site root."""
        root = self.links.site_root
        return f"{root}{version}/{page}" if root else ""

    def changed_parts(self, proposal: Proposal) -> list[tuple[Any, list[PartLink]]]:
        """Per text change, its parts linked to the text and to the comparison of the
        version it landed in."""
        out = []
        for change in proposal.changes:
            links = []
            for part in change.parts:
                page = self.parts[part][2] if part in self.parts else None
                anchor = compare_anchor(part)
                compare = (
                    self.in_version(change.version, f"vergelijken/{change.previous}/#{anchor}")
                    if change.previous and anchor
                    else ""
                )
                text = self.in_version(change.version, _page_url(page)) if page else ""
                links.append(PartLink(part_label(self.parts, part), text, compare))
            out.append((change, links))
        return out

    def version_date(self, version: str | None) -> str:
        day = self.published.get(version or "")
        return long_date(day) if day else ""

    def context(self) -> dict[str, Any]:
        return {
            "links": self.links,
            "repo": self.links.repo_url.rstrip("/"),
            "page": self,
            "concept": CONCEPT,
            "current_alias": CURRENT_ALIAS,
        }


def _page_url(page: str) -> str:
    """``overeenkomst.md#x`` -> ``overeenkomst/#x`` (directory URLs, as published)."""
    path, _, anchor = page.partition("#")
    url = path.removesuffix(".md") + "/"
    return f"{url}#{anchor}" if anchor else url


def _firsts(log: DecisionLog) -> set[str]:
    """The commits whose entry carries its proposal's anchor: the first on the page."""
    seen: set[str] = set()
    firsts: set[str] = set()
    for group in log.meetings:
        for entry in group.decisions:
            if entry.valid_proposal and entry.valid_proposal not in seen:
                seen.add(entry.valid_proposal)
                firsts.add(entry.commit)
    return firsts


def decisions_page(
    log: DecisionLog,
    links: PageLinks,
    notice: str = "",
    fragments: dict[str, str] | None = None,
    *,
    selection: Selection | None = None,
    parts: PartIndex | None = None,
    counts: Mapping[Selection, int] | None = None,
) -> str:
    """The decision log (``selection`` None or everything) or one of its filter pages;
    ``counts``: ``selection_counts(log)``, computed once per build."""
    selection = selection or Selection()
    page = PageContext(selection.src, links, parts or {})
    shown = filtered(log, selection)
    firsts = _firsts(shown)
    context = page.context()
    sections = [
        (
            md_inline(group.meeting.label),
            group.meeting.anchor,
            render_history("decisions_meeting.html.j2", group=group, firsts=firsts, **context),
        )
        for group in shown.meetings
    ]
    intro = render_history(
        "decisions_intro.html.j2",
        log=log,
        shown=shown,
        selection=selection,
        groups=filter_groups(log, selection, directory_urls=links.directory_urls, counts=counts),
        overview=page.href(LOG_SRC),
        notice=notice,
        **context,
    )
    return generated_page(selection.title, intro, sections, fragments)


def proposal_page(
    proposal: Proposal,
    links: PageLinks,
    fragments: dict[str, str] | None = None,
    *,
    parts: PartIndex | None = None,
    published: Mapping[str, date] | None = None,
) -> str:
    """A proposal's page: its summary, its path (every decision with its reason) and the
    parts it changed, with links to the text and the comparison."""
    page = PageContext(proposal.src, links, parts or {}, published)
    context = {**page.context(), "proposal": proposal, "log": page.href(LOG_SRC)}
    sections = [
        ("Verloop", "verloop", render_history("proposal_path.html.j2", **context)),
        ("Wat er in de tekst veranderde", "tekst", render_history("proposal_text.html.j2", **context)),
    ]
    intro = render_history("proposal_intro.html.j2", **context)
    return generated_page(f"{proposal.id}: {md_inline(proposal.title)}", intro, sections, fragments)


_UNSAFE_IN_TITLE = frozenset("<>&\"'`")


def page_title(proposal: Proposal) -> str:
    """The page's ``<title>`` and header name: the theme puts the title there unescaped
    (``striptags`` turns ``&lt;`` back into ``<``), so a subject with markup characters
    gives way to the validated id alone; the ``#`` heading in the page keeps the subject,
    escaped."""
    if any(char in _UNSAFE_IN_TITLE for char in proposal.title):
        return f"Voorstel {proposal.id}"
    return f"{proposal.id}: {proposal.title}"
