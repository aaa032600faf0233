"""The agreement page and the toelichting page, as Markdown for the site.

Pipeline: model (``Agreement``) + page context -> Markdown with stable anchors per
clause (one element per clause, with what a citation needs in data attributes), the
provisions each article implements (if its ``dekking.yml`` records them), the
toelichting folded under each article and a reaction link per article
(HTML fragments from ``templates/``, escaped) -> MkDocs renders it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

from markupsafe import Markup

from vwo.search.meta import heading_attributes
from vwo.site.render import render
from vwo.text.coverage import Coverage
from vwo.text.coverage_page import article_provisions_html
from vwo.text.model import Agreement, Article, Clause
from vwo.versions.model import CONCEPT, CURRENT_ALIAS

if TYPE_CHECKING:
    from vwo.compare.site import ArticleChange


@dataclass(frozen=True)
class PageContext:
    """What the pages need to know about the build they are part of."""

    version: str
    repo_url: str
    contact_email: str
    issue_template: str = "wijzigingsvoorstel.yml"


def reaction_links(article: Article, ctx: PageContext) -> tuple[str, str]:
    """(GitHub issue form URL, mailto URL), both prefilled with article and version."""
    title = f"Artikel {article.number} ({article.id}), versie {ctx.version}: "
    query = urlencode(
        {"template": ctx.issue_template, "title": title, "artikel": article.id, "versie": ctx.version},
        quote_via=quote,
    )
    issue = f"{ctx.repo_url.rstrip('/')}/issues/new?{query}"
    subject = f"Reactie op VWO versie {ctx.version}, {article.heading}"
    body = (
        f"Artikel: {article.heading} (#{article.id})\nVersie: {ctx.version}\n\n"
        "Mijn reactie of voorstel:\n\nToelichting of reden:\n\nNaam en organisatie:\n"
    )
    mail = f"mailto:{ctx.contact_email}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)
    return issue, mail


def _clause_markdown(clause: Clause) -> str:
    """One element per clause, with all its paragraphs and lists (its anchor's target);
    the data attributes feed the copy-link control (docs/assets/vwo-citeer.js)."""
    number = f'[{clause.number}](#{clause.anchor}){{ .vwo-lidnummer title="Link naar lid {clause.number}" }}'
    return (
        f'<div class="vwo-lid" id="{clause.anchor}" data-vwo-artikel="{clause.article_number}" '
        f'data-vwo-lid="{clause.lid}" markdown>\n\n{number} {clause.text}\n\n</div>'
    )


def citation_attributes(title: str, ctx: PageContext) -> str:
    """The title's attribute list: what a citation of this page's text says, and the
    addresses of this page in this version and in the current one (relative to it)."""
    version = "werkversie (concept, niet vastgesteld)" if ctx.version == CONCEPT else f"versie {ctx.version}"
    cite = f"{title}, {version}".replace('"', "'")
    return (
        f'{{ data-vwo-citeer="{cite}" data-vwo-versie="{ctx.version}" '
        f'data-vwo-deze="../../{ctx.version}/overeenkomst/" '
        f'data-vwo-geldend="../../{CURRENT_ALIAS}/overeenkomst/" }}'
    )


def agreement_markdown(
    agreement: Agreement,
    ctx: PageContext,
    history: Mapping[str, Sequence[ArticleChange]] | None = None,
    coverage: Coverage | None = None,
) -> str:
    """The agreement page; ``history`` (from ``vwo.compare.site``) adds each article's versions,
    ``coverage`` a "Voert uit" line under each article's heading."""
    title = f"# {agreement.title} {citation_attributes(agreement.title, ctx)}"
    parts = [title, agreement.preamble] if agreement.preamble else [title]
    for article in agreement.articles:
        heading = f'{{#{article.id} data-vwo-artikel="{article.number}" {heading_attributes()}}}'
        parts.append(f"## {article.heading} {heading}")
        provisions = article_provisions_html(coverage, article.id) if coverage is not None else ""
        if provisions:
            parts.append(str(provisions))
        parts.extend(_clause_markdown(clause) for clause in article.clauses)
        if history and history.get(article.id):
            changes = history[article.id]
            parts.append(render("article_history.html.j2", article=article, changes=changes).strip())
        explanation = agreement.explanation(article.id)
        if explanation is not None:
            # The body is reviewed repository Markdown (not commit text): it must stay Markdown.
            body = Markup(explanation.body)
            parts.append(render("toelichting_details.html.j2", article=article, body=body).strip())
        issue, mail = reaction_links(article, ctx)
        parts.append(render("reaction.html.j2", article=article, issue_url=issue, mail_url=mail).strip())
    return "\n\n".join(parts) + "\n"


def explanation_markdown(agreement: Agreement) -> str:
    """The toelichting page: intro, then each section with a link back to its article."""
    parts = ["# Toelichting", _promote_headings(agreement.explanation_intro)]
    for explanation in agreement.explanations:
        target = agreement.article(explanation.target_id)
        page = "overeenkomst.md" if target is not None else _annex_page(agreement, explanation.target_id)
        label = target.heading if target is not None else explanation.title
        parts.append(f"## {explanation.title} {{#{explanation.target_id}}}")
        link_text = f"Naar de tekst van {label[0].lower()}{label[1:]}"
        parts.append(f"[{link_text}]({page}#{explanation.target_id}){{ .vwo-naar-tekst }}")
        parts.append(explanation.body)
    return "\n\n".join(p for p in parts if p) + "\n"


def _promote_headings(markdown: str) -> str:
    """Intro headings one level up: in the file '###' (as '##' starts a section), on the
    page they follow the '# Toelichting' title directly (WCAG 1.3.1: no skipped level)."""
    return re.sub(r"^#(#{2,6}) ", r"\1 ", markdown, flags=re.MULTILINE)


def _annex_page(agreement: Agreement, annex_id: str) -> str:
    annex = agreement.annex(annex_id)
    assert annex is not None, annex_id  # the parser only accepts known ids
    return "bijlagen/" + annex.path.rsplit("/", 1)[-1]
