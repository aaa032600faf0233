"""The AVG-toets page of one version, and the "Voert uit" line under each article.

Pipeline: ``Agreement`` + ``Coverage`` (or ``None``: no coverage recorded) -> view model
(per provision the articles, clauses and annexes that implement it, in reading order;
required provisions first) -> ``avg_toets.md.j2`` (the tables as HTML fragments kept out
of the Markdown, ``vwo.site.fragments``) -> MkDocs renders it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from vwo.site.fragments import fragmenter
from vwo.site.render import render
from vwo.site.urls import relative_url
from vwo.text.coverage import Coverage, Entry
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, Agreement
from vwo.text.provisions import BY_CODE, PROVISIONS, REQUIRED, Provision, list_order

PAGE = "avg-toets.md"
TITLE = "AVG-toets"


def anchor(target: str) -> Markup:
    """A Markdown attribute list giving a heading its id (Jinja reads ``{#`` as a comment)."""
    return Markup("{#") + target + Markup("}")


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Place:
    """One article or annex implementing a provision, with the clauses that do."""

    section: Link
    clauses: tuple[Link, ...]


@dataclass(frozen=True)
class Row:
    provision: Provision
    places: tuple[Place, ...]
    reason: str | None  # set when deliberately not covered
    row_id: str | None  # the provision's anchor: on one row of the page only


def _places(entries: tuple[Entry, ...], agreement: Agreement, directory_urls: bool) -> tuple[Place, ...]:
    text_page = relative_url(PAGE, AGREEMENT_FILE, directory_urls)
    article_pos = {a.id: i for i, a in enumerate(agreement.articles)}
    annex_pos = {a.id: len(article_pos) + i for i, a in enumerate(agreement.annexes)}

    def position(entry: Entry) -> tuple[int, int]:
        if entry.article_id is not None:
            lid = int(entry.anchor.rsplit("-", 1)[1]) if entry.kind == "lid" else 0
            return article_pos[entry.article_id], lid
        return annex_pos[entry.anchor], 0

    places = []
    for owner, group in groupby(sorted(entries, key=position), key=lambda e: e.article_id or e.anchor):
        article = agreement.article(owner)
        if article is not None:
            clauses = {c.anchor: c for c in article.clauses}
            links = tuple(
                Link(clauses[e.anchor].number, f"{text_page}#{e.anchor}") for e in group if e.kind == "lid"
            )
            places.append(Place(Link(article.heading, f"{text_page}#{article.id}"), links))
        else:
            annex = agreement.annex(owner)
            assert annex is not None, owner  # validated by vwo.text.coverage
            page = relative_url(PAGE, f"{ANNEX_DIR}/{annex.path.rsplit('/', 1)[-1]}", directory_urls)
            places.append(Place(Link(annex.heading, f"{page}#{annex.id}"), ()))
    return tuple(places)


def rows(coverage: Coverage, agreement: Agreement, directory_urls: bool = True) -> dict[str, list[Row]]:
    """``verplicht`` (every required provision), ``overig`` (the other covered ones) and
    ``niet`` (everything deliberately not covered), each in the page's order."""
    required, other, marked = [], [], []
    for code in REQUIRED:
        entries = coverage.entries_for(code)
        places = _places(entries, agreement, directory_urls)
        required.append(Row(BY_CODE[code], places, coverage.reason(code), BY_CODE[code].slug))
    for provision in PROVISIONS:
        if provision.code in REQUIRED:
            continue
        entries = coverage.entries_for(provision.code)
        if entries:
            places = _places(entries, agreement, directory_urls)
            other.append(Row(provision, places, None, provision.slug))
    for provision in PROVISIONS:
        reason = coverage.reason(provision.code)
        if reason is not None:
            row_id = None if provision.code in REQUIRED else provision.slug
            marked.append(Row(provision, (), reason, row_id))
    return {"verplicht": required, "overig": other, "niet": marked}


def version_phrase(version: str) -> str:
    return "de werkversie (concept)" if version == "concept" else f"versie {version}"


def coverage_page(
    agreement: Agreement,
    coverage: Coverage | None,
    version: str,
    *,
    current_url: str | None = None,
    directory_urls: bool = True,
    fragments: dict[str, str] | None = None,
) -> str:
    """The Markdown of ``avg-toets.md``. Without ``coverage``: a page that says so plainly
    and links to ``current_url`` (the AVG-toets of the current version), if given."""
    common = {"title": TITLE, "version": version_phrase(version), "frag": fragmenter(fragments)}
    if coverage is None:
        return render("avg_toets.md.j2", **common, groups=None, current_url=current_url, anchor=anchor)
    groups = rows(coverage, agreement, directory_urls)
    return render(
        "avg_toets.md.j2",
        **common,
        groups=groups,
        covered=sum(1 for r in groups["verplicht"] if r.places),
        required=len(REQUIRED),
        current_url=None,
        anchor=anchor,
    )


def short_citations(codes: tuple[str, ...]) -> list[tuple[Provision, str, str]]:
    """(provision, citation, separator after it) as the "Voert uit" line shows them: the AVG
    articles share one "AVG" at the end of their run (``art. 12, art. 28 lid 3 onder e AVG``),
    other acts follow after a semicolon."""
    ordered = list_order(set(codes))
    avg = [p for p in ordered if p.source == "AVG"]
    rest = [p for p in ordered if p.source != "AVG"]
    out = [
        (p, p.citation.removesuffix(" AVG").rstrip(",") + ("" if i < len(avg) - 1 else " AVG"), ", ")
        for i, p in enumerate(avg)
    ]
    if out:
        out[-1] = (out[-1][0], out[-1][1], "; ")
    out.extend((p, p.citation, "; ") for p in rest)
    if out:
        out[-1] = (out[-1][0], out[-1][1], "")
    return out


def article_provisions_html(coverage: Coverage, article_id: str, directory_urls: bool = True) -> Markup:
    """The small "Voert uit" line under an article's heading; empty if it records nothing."""
    codes = coverage.provisions_of_article(article_id)
    if not codes:
        return Markup("")
    page = relative_url(AGREEMENT_FILE, PAGE, directory_urls)
    items = [(Link(text, f"{page}#{p.slug}"), sep) for p, text, sep in short_citations(codes)]
    return Markup(render("article_provisions.html.j2", items=items).strip())
