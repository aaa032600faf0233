"""The pages of a translation in a version's build, as Markdown for the site. Pure.

Pipeline: the Dutch model, the translation's model, the units waiting for a translation
and the build's facts (``PageSet``) -> for each page under ``<lang>/`` (home, agreement,
toelichting, each annex, the side-by-side view) Markdown with front matter ``lang``,
the same anchors as the Dutch pages (article ids, clause anchors, annex ids, toelichting
ids) and the interface in the translation's language (``vwo.lang``; HTML fragments from
``templates/translation/``, escaped) -> MkDocs renders it.

The translation is shown aligned to its Dutch source: articles and clauses in the Dutch
order and numbering, and where a unit waits for a translation (its Dutch text changed
since it was stamped, or it is not translated yet) a "translation pending" note with a
link to the Dutch text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup

from vwo.lang import Interface
from vwo.site.render import render
from vwo.site.urls import page_url, relative_url
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE, Agreement, Annex, Article, Clause
from vwo.text.pages import _promote_headings
from vwo.translation.model import Terms
from vwo.translation.units import EXPLANATION, PREAMBLE, explanation_key
from vwo.versions.model import CONCEPT, CURRENT_ALIAS
from vwo.versions.pages import site_prefix

INDEX = "index.md"
PARALLEL = "parallel.md"


def translated_src(language: str, dutch_src: str) -> str:
    """``overeenkomst.md`` -> ``en/overeenkomst.md``."""
    return f"{language}/{dutch_src}"


@dataclass(frozen=True)
class PageSet:
    """What the pages of one translation in one build are made of."""

    language: str
    version: str
    t: Interface
    dutch: Agreement
    translation: Agreement
    pending: frozenset[str] = frozenset()
    terms: Terms | None = None
    directory_urls: bool = True
    current_translated: bool = False
    """Whether the current version (``actueel``) has a translation in this language."""
    downloads: tuple[tuple[str, str, str], ...] = ()
    """(label, file name, size) of this language's download files."""

    def src(self, dutch_src: str) -> str:
        return translated_src(self.language, dutch_src)

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        return relative_url(from_src, to_src, self.directory_urls) + (f"#{anchor}" if anchor else "")


def annex_src(annex: Annex) -> str:
    return f"{ANNEX_DIR}/{annex.path.rsplit('/', 1)[-1]}"


def front_matter(language: str, title: str) -> str:
    safe = title.replace('"', "'")
    return f'---\nlang: {language}\ntitle: "{safe}"\n---\n'


def switch(ps: PageSet, src: str, dutch_src: str, anchor: str = "", *, context: str = "") -> str:
    """Links from a page of the translation to the same place in Dutch and side by side."""
    links = [
        {
            "href": ps.href(src, dutch_src, anchor),
            "label": "Nederlands",
            "lang": "nl",
            "hreflang": "nl",
            "context": context,
        }
    ]
    if dutch_src == AGREEMENT_FILE:
        links.append(
            {
                "href": ps.href(src, ps.src(PARALLEL), anchor),
                "label": ps.t.side_by_side,
                "lang": ps.language,
                "hreflang": "",
                "context": context,
            }
        )
    kind = "artikel" if anchor else "pagina"
    return render("translation/switch.html.j2", links=links, t=ps.t, kind=kind).strip()


def pending_note(ps: PageSet, src: str, dutch_src: str, anchor: str, what: str, *, missing: bool) -> str:
    template = ps.t.pending_missing if missing else ps.t.pending_changed
    sentence = template.format(what=what)
    return render(
        "translation/pending.html.j2",
        t=ps.t,
        sentence=sentence[0].upper() + sentence[1:],
        what=what,
        href=ps.href(src, dutch_src, anchor),
    ).strip()


def citation_attributes(ps: PageSet, src: str, title: str) -> str:
    """As ``vwo.text.pages.citation_attributes``, for this language's agreement page."""
    t = ps.t
    version = t.citation_concept if ps.version == CONCEPT else t.citation_version.format(version=ps.version)
    cite = f"{title}, {version}".replace('"', "'")
    root = site_prefix(page_url(src, ps.directory_urls))
    current = ps.src(AGREEMENT_FILE) if ps.current_translated else AGREEMENT_FILE
    current_url = page_url(current, ps.directory_urls)
    return (
        f'{{ data-vwo-citeer="{cite}" data-vwo-versie="{ps.version}" '
        f'data-vwo-deze="{root}{ps.version}/{page_url(src, ps.directory_urls)}" '
        f'data-vwo-geldend="{root}{CURRENT_ALIAS}/{current_url}" data-vwo-taal="{ps.language}" }}'
    )


def _clause(ps: PageSet, src: str, dutch: Clause, english: Clause | None) -> str:
    t = ps.t
    number = dutch.number
    title = t.clause_link.format(number=number)
    link = f'[{number}](#{dutch.anchor}){{ .vwo-lidnummer title="{title}" }}'
    what = f"{t.paragraph} {number}"
    notes = ""
    if english is None:
        text = ""
        notes = pending_note(ps, src, AGREEMENT_FILE, dutch.anchor, what, missing=True)
    else:
        text = english.text
        if dutch.anchor in ps.pending:
            notes = pending_note(ps, src, AGREEMENT_FILE, dutch.anchor, what, missing=False)
    body = f"{link} {text}".rstrip()
    if notes:
        body += f"\n\n{notes}"
    return (
        f'<div class="vwo-lid" id="{dutch.anchor}" data-vwo-artikel="{dutch.article_number}" '
        f'data-vwo-lid="{dutch.lid}" markdown>\n\n{body}\n\n</div>'
    )


def _article(ps: PageSet, src: str, dutch: Article) -> list[str]:
    t = ps.t
    english = ps.translation.article(dutch.id)
    title = english.title if english is not None else dutch.title
    lang = "" if english is not None else ' lang="nl"'
    parts = [
        f'## {t.article} {dutch.number}. {title} {{#{dutch.id} data-vwo-artikel="{dutch.number}"{lang}}}'
    ]
    parts.append(switch(ps, src, AGREEMENT_FILE, dutch.id, context=f": {t.article} {dutch.number}"))
    what = t.pending_heading.format(article=f"{t.article} {dutch.number}")
    if english is None:
        parts.append(
            pending_note(ps, src, AGREEMENT_FILE, dutch.id, f"{t.article} {dutch.number}", missing=True)
        )
    elif dutch.id in ps.pending:
        parts.append(pending_note(ps, src, AGREEMENT_FILE, dutch.id, what, missing=False))
    clauses = {c.lid: c for c in english.clauses} if english is not None else {}
    parts.extend(_clause(ps, src, clause, clauses.get(clause.lid)) for clause in dutch.clauses)
    explanation = ps.translation.explanation(dutch.id)
    if explanation is not None:
        parts.append(
            render(
                "translation/details.html.j2",
                id=dutch.id,
                summary=t.explanation.format(article=dutch.number),
                body=Markup(explanation.body),
            ).strip()
        )
    return parts


def agreement_page(ps: PageSet) -> str:
    src = ps.src(AGREEMENT_FILE)
    title = ps.translation.title
    parts = [
        front_matter(ps.language, ps.t.agreement) + f"# {title} {citation_attributes(ps, src, title)}",
        switch(ps, src, AGREEMENT_FILE),
    ]
    if ps.translation.preamble:
        parts.append(ps.translation.preamble)
    if PREAMBLE in ps.pending:
        parts.append(pending_note(ps, src, AGREEMENT_FILE, "", ps.t.pending_preamble, missing=False))
    for article in ps.dutch.articles:
        parts.extend(_article(ps, src, article))
    return "\n\n".join(parts) + "\n"


def explanation_page(ps: PageSet) -> str:
    t = ps.t
    src = ps.src(EXPLANATION_FILE)
    parts = [front_matter(ps.language, t.explanation_title) + f"# {t.explanation_title}"]
    parts.append(switch(ps, src, EXPLANATION_FILE))
    parts.append(_promote_headings(ps.translation.explanation_intro))
    if EXPLANATION in ps.pending and ps.dutch.explanation_intro:
        parts.append(pending_note(ps, src, EXPLANATION_FILE, "", t.explanation_title.lower(), missing=False))
    for dutch in ps.dutch.explanations:
        english = ps.translation.explanation(dutch.target_id)
        article = ps.dutch.article(dutch.target_id)
        annex = ps.dutch.annex(dutch.target_id)
        label = f"{t.article} {article.number}" if article else f"{t.annex} {annex.number}" if annex else ""
        title = english.title if english is not None else dutch.title
        lang = "" if english is not None else ' lang="nl"'
        parts.append(f"## {title} {{#{dutch.target_id}{lang}}}")
        target = AGREEMENT_FILE if article else annex_src(annex) if annex else AGREEMENT_FILE
        parts.append(f"[{t.to_text.format(label=label)}](../{target}#{dutch.target_id}){{ .vwo-naar-tekst }}")
        what = t.pending_explanation.format(label=label)
        if english is None:
            parts.append(pending_note(ps, src, EXPLANATION_FILE, dutch.target_id, what, missing=True))
            continue
        if explanation_key(dutch.target_id) in ps.pending:
            parts.append(pending_note(ps, src, EXPLANATION_FILE, dutch.target_id, what, missing=False))
        parts.append(english.body)
    return "\n\n".join(p for p in parts if p) + "\n"


def annex_page(ps: PageSet, dutch: Annex) -> str:
    t = ps.t
    dutch_src = annex_src(dutch)
    src = ps.src(dutch_src)
    english = ps.translation.annex(dutch.id)
    title = english.title if english is not None else dutch.title
    heading = f"{t.annex} {dutch.number}. {title}"
    parts = [front_matter(ps.language, heading) + f"# {heading} {{#{dutch.id}}}"]
    parts.append(switch(ps, src, dutch_src))
    what = f"{t.annex} {dutch.number}"
    if english is None:
        parts.append(pending_note(ps, src, dutch_src, dutch.id, what, missing=True))
        return "\n\n".join(parts) + "\n"
    if dutch.id in ps.pending:
        parts.append(pending_note(ps, src, dutch_src, dutch.id, what, missing=False))
    parts.append(english.body)
    return "\n\n".join(parts) + "\n"


def _cell(language: str, label: str, markdown: str) -> str:
    return (
        f'<div class="vwo-naast__tekst" lang="{language}" markdown>\n\n'
        f'<p class="vwo-naast__taal">{label}</p>\n\n{markdown}\n\n</div>'
    )


def _row(anchor: str, dutch: str, english: str, t: Interface, language: str) -> str:
    row_id = f' id="{anchor}"' if anchor else ""
    return (
        f'<div class="vwo-naast__rij"{row_id} markdown>\n\n'
        f"{_cell('nl', t.column_source, dutch)}\n\n{_cell(language, t.column_translation, english)}\n\n</div>"
    )


def parallel_page(ps: PageSet) -> str:
    """Each article in Dutch and in the translation, clause beside clause (CSS grid:
    two columns, one below 45em)."""
    t = ps.t
    src = ps.src(PARALLEL)
    pending_text = t.pending_title + "."
    parts = [front_matter(ps.language, t.side_by_side) + f"# {t.side_by_side_title}"]
    parts.append(f'<p class="vwo-naast__uitleg">{t.side_by_side_intro}</p>')
    links = [
        ("Nederlands", ps.href(src, AGREEMENT_FILE), "nl"),
        (t.agreement, ps.href(src, ps.src(AGREEMENT_FILE)), ""),
    ]
    parts.append(
        '<p class="vwo-taalwissel vwo-taalwissel--pagina">'
        + "".join(
            f'<a class="vwo-taalwissel__link" href="{href}" data-vwo-taal="{lang or ps.language}"'
            + (f' hreflang="{lang}" lang="{lang}"' if lang else "")
            + f">{label}</a>"
            for label, href, lang in links
        )
        + "</p>"
    )
    if ps.dutch.preamble:
        preamble = ps.translation.preamble + (f"\n\n*{pending_text}*" if PREAMBLE in ps.pending else "")
        row = _row(PREAMBLE, ps.dutch.preamble, preamble, t, ps.language)
        parts.append(f'<div class="vwo-naast">\n\n{row}\n\n</div>')
    for article in ps.dutch.articles:
        english_article = ps.translation.article(article.id)
        title = english_article.title if english_article else article.title
        parts.append(f"## {t.article} {article.number}. {title} {{#{article.id}}}")
        parts.append(f'<p class="vwo-naast__kop" lang="nl">{article.heading}</p>')
        clauses = {c.lid: c for c in english_article.clauses} if english_article else {}
        rows = []
        for clause in article.clauses:
            own = clauses.get(clause.lid)
            text = f"**{clause.number}** {own.text}" if own else f"**{clause.number}** *{pending_text}*"
            if own and clause.anchor in ps.pending:
                text += f"\n\n*{pending_text}*"
            rows.append(_row(clause.anchor, f"**{clause.number}** {clause.text}", text, t, ps.language))
        parts.append('<div class="vwo-naast">\n\n' + "\n\n".join(rows) + "\n\n</div>")
    return "\n\n".join(parts) + "\n"


def index_page(ps: PageSet, status_box: str) -> str:
    t = ps.t
    src = ps.src(INDEX)
    parts = [front_matter(ps.language, t.index_title) + f"# {ps.translation.title}"]
    parts.append(switch(ps, src, INDEX))
    parts.append(status_box)
    if t.index_intro:
        parts.append(t.index_intro)
    items = [f"- [{t.agreement}]({AGREEMENT_FILE})", f"- [{t.explanation_title}]({EXPLANATION_FILE})"]
    for annex in ps.dutch.annexes:
        translated = ps.translation.annex(annex.id)
        title = translated.title if translated else annex.title
        items.append(f"- [{t.annex} {annex.number}. {title}]({annex_src(annex)})")
    items.append(f"- [{t.side_by_side_title}]({PARALLEL})")
    parts.append("\n".join(items))
    if ps.downloads:
        parts.append(f"## {t.downloads}")
        parts.append(
            "\n".join(f"- [{label}](../downloads/{name}) ({size})" for label, name, size in ps.downloads)
        )
    if ps.terms is not None:
        parts.append(f"## {t.glossary}")
        parts.append(t.glossary_intro)
        rows = [f"| {t.glossary_columns[0]} | {t.glossary_columns[1]} |", "|---|---|"]
        for group in ps.terms.groups.values():
            for dutch, english in group.items():
                rows.append(f"| {_cell_text(dutch)} | {_cell_text(english)} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"


def _cell_text(text: str) -> str:
    return text.replace("|", "\\|")


def translation_pages(ps: PageSet, status_box: str) -> dict[str, str]:
    """``{src path in the build: Markdown}`` of every page of the translation, in the
    order of its section in the navigation."""
    pages: Mapping[str, str] = {
        ps.src(INDEX): index_page(ps, status_box),
        ps.src(AGREEMENT_FILE): agreement_page(ps),
        ps.src(EXPLANATION_FILE): explanation_page(ps),
        ps.src(PARALLEL): parallel_page(ps),
    }
    out = dict(pages)
    for annex in ps.dutch.annexes:
        out[ps.src(annex_src(annex))] = annex_page(ps, annex)
    return out
