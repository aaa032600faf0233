"""A translation in one build of the site: which one, its pages, and the switches on the
Dutch pages. The MkDocs hook (``hooks/translation.py``) only calls this.

Pipeline: the build (repository root, version, docs dir) -> the translation the build
shows (``vertalingen/<lang>/`` for the concept, ``vertalingen/X.Y/<lang>/`` for X.Y;
none: nothing changes) -> its standing against the build's Dutch text
(``vwo.translation.source``; errors stop the build, for a published version also what is
behind) -> ``SiteTranslation``: the pages (``vwo.translation.pages``), the banner and
status box in the translation's language, and the language switch for the Dutch pages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from vwo.errors import VwoError
from vwo.lang import Interface, interface
from vwo.site.render import render
from vwo.site.urls import page_url, relative_url
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE
from vwo.text.parse import load_agreement
from vwo.translation.model import LANGUAGES, build_translation_folder, folder_name, translation_folder
from vwo.translation.pages import INDEX, PARALLEL, PageSet, annex_src, translated_src, translation_pages
from vwo.translation.pending import Standing, standing, text_files
from vwo.translation.read import load_translation
from vwo.versions.model import CONCEPT, CURRENT_ALIAS
from vwo.versions.pages import BuildView, page_exists_in, site_prefix, status_kind

H1_END = "</h1>"
H2 = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>.*?</h2>', re.S)


@dataclass(frozen=True)
class SiteTranslation:
    language: str
    standing: Standing
    pages: dict[str, str]
    view: BuildView
    directory_urls: bool

    @property
    def t(self) -> Interface:
        return interface(self.language)

    def dutch_page(self, src: str) -> str | None:
        """The Dutch page of a page of the translation (``en/overeenkomst.md`` -> ``overeenkomst.md``)."""
        prefix = f"{self.language}/"
        if src not in self.pages or not src.startswith(prefix):
            return None
        rest = src[len(prefix) :]
        return None if rest == PARALLEL else rest


def current_translated(root: Path, view: BuildView, language: str) -> bool:
    """Whether ``actueel`` has a translation this build knows of: the concept build knows
    every published one; a version's build only its own."""
    current = view.current
    if current is None:
        return False
    if view.is_concept or (view.state is not None and view.state.current):
        return build_translation_folder(root, current.version, language) is not None
    return False


def load_site_translation(
    root: Path, version: str, docs_dir: Path, view: BuildView, *, directory_urls: bool, language: str = "en"
) -> SiteTranslation | None:
    """The translation this build shows, or None when the version has none."""
    folder = build_translation_folder(root, version, language)
    if folder is None:
        return None
    display = folder_name(version, language)
    shown = "docs" if version == CONCEPT else f"versions/{version}"
    dutch = load_agreement(docs_dir, display=shown)
    translation = load_translation(root, display, source_ids=dutch.ids)
    current = standing(
        translation,
        dutch,
        source_files=text_files(docs_dir),
        translation_files=text_files(folder),
        source_name=version,
    )
    problems = [str(f) for f in current.errors(published=version != CONCEPT)]
    if version != CONCEPT:
        problems += [p.describe(display) for p in current.pending]
    if problems:
        raise VwoError(
            display,
            "the translation does not match the Dutch text of this build:\n" + "\n".join(problems),
            "run vwo check",
        )
    ps = PageSet(
        language=language,
        version=version,
        t=interface(language),
        dutch=dutch,
        translation=translation.agreement,
        pending=current.pending_keys,
        terms=translation.terms,
        directory_urls=directory_urls,
        current_translated=current_translated(root, view, language),
    )
    box = status_box(view, interface(language), translated_src(language, INDEX))
    return SiteTranslation(language, current, translation_pages(ps, box), view, directory_urls)


def status_box(view: BuildView, t: Interface, src: str) -> str:
    state = view.state
    label = ""
    if state is not None:
        label = {
            "Vastgestelde versie": t.label_adopted,
            "Consultatieversie": t.label_consultation,
            "Verouderde versie": t.label_superseded,
        }.get(state.label, state.label)
    url = page_url(src, True)
    return render(
        "translation/statusbox.html.j2",
        t=t,
        kind=status_kind(view),
        state=state,
        label=label,
        current=view.current,
        versions_url=f"{site_prefix(url)}{view.version}/versies/",
    ).strip()


def banner(site: SiteTranslation, src: str, page_url: str) -> Markup:
    """Above every page of the translation: the status banner of a non-current version
    and the notice that the Dutch text prevails."""
    view, t = site.view, site.t
    dutch_src = site.dutch_page(src) or AGREEMENT_FILE
    kind = status_kind(view)
    parts = []
    if kind != "actueel":
        state, current = view.state, view.current
        successor = state.superseded_by if state else None
        target = CURRENT_ALIAS if current else (successor.version if successor else None)
        number = current.version if current else (successor.version if successor else None)
        dutch = page_url.removeprefix(f"{site.language}/")
        same = dutch if number and page_exists_in(dutch, number) else ""
        here = f"{site_prefix(page_url)}{target}/{same}" if target else None
        parts.append(
            render(
                "translation/banner.html.j2", t=t, kind=kind, state=state, current=current, here=here
            ).strip()
        )
    dutch_url = relative_url(src, dutch_src, site.directory_urls)
    parts.append(render("translation/notice.html.j2", t=t, dutch_url=dutch_url).strip())
    return Markup("\n".join(parts))


def script_strings(t: Interface) -> Markup:
    """The words of the site's scripts as JSON for a ``<script type="application/json">``
    (``<``, ``>`` and ``&`` escaped, so the text can never end the element)."""
    text = json.dumps(t.script, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


DUTCH_SWITCH_PAGES = (AGREEMENT_FILE, EXPLANATION_FILE, INDEX)


def _dutch_link(site: SiteTranslation, src: str, target: str, anchor: str, context: str) -> dict[str, str]:
    href = relative_url(src, target, site.directory_urls) + (f"#{anchor}" if anchor else "")
    return {
        "href": href,
        "label": site.t.name,
        "lang": site.language,
        "hreflang": site.language,
        "context": context,
    }


def dutch_switch(site: SiteTranslation, src: str, html: str) -> str:
    """The Dutch page ``src`` with links to the translation: under its title and, on the
    agreement and the toelichting, under every article heading."""
    if not (src in DUTCH_SWITCH_PAGES or src.startswith(f"{ANNEX_DIR}/")):
        return html
    target = translated_src(site.language, src)
    if target not in site.pages:
        return html
    nl = interface("nl")
    parallel = translated_src(site.language, PARALLEL)

    def links(anchor: str, context: str) -> list[dict[str, str]]:
        found = [_dutch_link(site, src, target, anchor, context)]
        if src == AGREEMENT_FILE:
            href = relative_url(src, parallel, site.directory_urls) + (f"#{anchor}" if anchor else "")
            found.append(
                {"href": href, "label": nl.side_by_side, "lang": "nl", "hreflang": "", "context": context}
            )
        return found

    top = render("translation/switch.html.j2", links=links("", ""), t=nl, kind="pagina").strip()
    head, sep, rest = html.partition(H1_END)
    html = f"{head}{sep}\n{top}\n{rest}" if sep else f"{top}\n{html}"
    if src not in (AGREEMENT_FILE, EXPLANATION_FILE):
        return html
    dutch = site.standing.source
    numbers = {a.id: f"{nl.article} {a.number}" for a in dutch.articles}
    numbers.update({a.id: f"{nl.annex} {a.number}" for a in dutch.annexes})

    def after(match: re.Match[str]) -> str:
        anchor = match[1]
        if anchor not in numbers:
            return match[0]
        line = render(
            "translation/switch.html.j2", links=links(anchor, f": {numbers[anchor]}"), t=nl, kind="artikel"
        ).strip()
        return f"{match[0]}\n{line}"

    return H2.sub(after, html)


def languages_present(root: Path, version: str) -> list[str]:
    """The languages that have a translation of ``version`` (``concept``: working ones)."""
    return [
        lang for lang in LANGUAGES if (translation_folder(root, version, lang) / "vertaling.yml").is_file()
    ]


__all__ = ["SiteTranslation", "annex_src", "banner", "dutch_switch", "load_site_translation"]
