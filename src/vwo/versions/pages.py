"""What each build says about versions: banner, status box, Versies page, versies.json.

Pipeline: published versions (``VersionInfo``) + the version this build shows ->
``BuildView`` (the versions this build knows about, their derived state) -> HTML
fragments and Markdown from ``templates/`` (escaped) and JSON.

A build of version X knows the versions up to X and the version that replaced X,
nothing later: so a published build changes only when X itself is replaced, and
``vwo publish`` never has to rebuild it when an unrelated newer version appears.
The concept build and the site root's ``versies.json`` know every version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup

from vwo.errors import VwoError
from vwo.site.dates import iso_date, long_date
from vwo.site.render import render
from vwo.versions.events import CORRECTED, Event, for_version, with_article
from vwo.versions.lifecycle import correction_note, event_data, event_lines
from vwo.versions.model import (
    CONCEPT,
    CURRENT_ALIAS,
    LABEL_CONCEPT,
    VERSION_RE,
    VersionInfo,
    VersionState,
    version_key,
    version_states,
)
from vwo.versions.pending import PENDING_JSON
from vwo.versions.validity import periods
from vwo.versions.validity_page import validity_text

SCHEMA = 1
VERSIONS_PAGE = "versies.md"
VERSIONS_JSON = "versies.json"


@dataclass(frozen=True)
class VersionLink:
    """A link shown per version on the Versies page, when this build has ``requires``.

    ``url`` is relative to the version's root and may use ``{previous}``; a spec that
    needs a previous version is skipped for the first one.
    """

    label: str
    requires: str
    url: str


# Later features add their pages here (one line each).
VERSION_LINKS: list[VersionLink] = [
    VersionLink("Tekst", "overeenkomst.md", "overeenkomst/"),
    VersionLink("Toelichting", "toelichting.md", "toelichting/"),
    VersionLink("AVG-toets", "avg-toets.md", "avg-toets/"),
    VersionLink("Wijzigingen", "wijzigingen.md", "wijzigingen/"),
    VersionLink("Downloads", "downloads/index.md", "downloads/"),
    VersionLink("Vergelijken met {previous}", "vergelijken/index.md", "vergelijken/{previous}/"),
]


def version_pages() -> set[str]:
    """The pages ``VERSION_LINKS`` link to, which every version's build has."""
    return {spec.requires for spec in VERSION_LINKS}


@dataclass(frozen=True)
class TranslationLink:
    """A translation a build lists (``vwo.translation.listing`` finds them)."""

    source: str
    """``concept`` or the version it translates."""
    language: str
    status: str
    title: str
    published: date | None = None
    pending: int | None = None
    """Units waiting for a translation (the concept's working translation only)."""

    @property
    def path(self) -> str:
        return f"{self.source}/{self.language}/"

    def entry(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "taal": self.language,
            "status": self.status,
            "titel": self.title,
            "bron": self.source,
            "pad": self.path,
        }
        if self.source == CONCEPT:
            data["wachtend"] = self.pending
        else:
            data["gepubliceerd_op"] = iso_date(self.published)
        return data


@dataclass(frozen=True)
class BuildView:
    """The versions as one build shows them."""

    version: str
    states: tuple[VersionState, ...]
    translations: tuple[TranslationLink, ...] = ()
    """The translations this build lists: its own, and in the concept build every one."""

    def translations_of(self, source: str) -> tuple[TranslationLink, ...]:
        return tuple(t for t in self.translations if t.source == source)

    @property
    def is_concept(self) -> bool:
        return self.version == CONCEPT

    @property
    def state(self) -> VersionState | None:
        return next((s for s in self.states if s.version == self.version), None)

    @property
    def current(self) -> VersionState | None:
        return next((s for s in self.states if s.current), None)


def build_view(infos: Sequence[VersionInfo], version: str, events: Sequence[Event] = ()) -> BuildView:
    """The view of the build of ``version`` (``concept`` or X.Y), see the module docstring.

    The concept build knows every lifecycle event; a published version's build only its
    own, so an event of another version never makes it change."""
    if version == CONCEPT:
        return BuildView(version, tuple(version_states(infos, events)))
    own = next((s for s in version_states(infos, events) if s.version == version), None)
    if own is None:
        known = ", ".join(i.version for i in infos) or "none"
        raise VwoError(
            f"version '{version}'", "is not a published version", f"published: {known}; or build 'concept'"
        )
    known_infos = [i for i in infos if i.key <= own.info.key]
    if own.superseded_by is not None:
        known_infos.append(own.superseded_by)
    return BuildView(version, tuple(version_states(known_infos, for_version(events, version))))


def view_fingerprint(view: BuildView) -> str:
    """Everything of the view that reaches the pages, as stable JSON (for build hashes)."""
    return json.dumps(versions_json_data(view), sort_keys=True, ensure_ascii=False)


def version_entry(state: VersionState) -> dict[str, Any]:
    info = state.info
    return {
        "versie": info.version,
        "status": info.status,
        "label": state.label,
        "titel": state.title,
        "actueel": state.current,
        "verouderd": state.superseded,
        "gepubliceerd_op": iso_date(info.published),
        "vastgesteld_door": info.adopted_by,
        "pas_toe_of_leg_uit_vanaf": iso_date(info.comply_or_explain_from),
        "verplicht_vanaf": iso_date(info.mandatory_from),
        "vervangt": info.replaces,
        "vervangen_door": state.superseded_by.version if state.superseded_by else None,
        "vervangen_op": iso_date(state.superseded_by.published) if state.superseded_by else None,
        "samenvatting": info.summary,
        "pad": f"{info.version}/",
        "ingetrokken": state.withdrawn is not None,
        "ingetrokken_op": iso_date(state.withdrawn.day) if state.withdrawn else None,
        "gebeurtenissen": event_data(state),
    }


def _with_translations(entry: dict[str, Any], view: BuildView) -> dict[str, Any]:
    entry["vertalingen"] = [t.entry() for t in view.translations_of(entry["versie"])]
    return entry


def versions_json_data(view: BuildView) -> dict[str, Any]:
    current = view.current
    return {
        "schema": SCHEMA,
        "deze_versie": view.version,
        "actueel": current.version if current else None,
        "alias_actueel": f"{CURRENT_ALIAS}/",
        "concept": f"{CONCEPT}/",
        "versies": [
            _with_translations(version_entry(s), view)
            for s in sorted(view.states, key=lambda s: s.info.key, reverse=True)
        ],
        "concept_vertalingen": [t.entry() for t in view.translations_of(CONCEPT)],
    }


def versions_json(view: BuildView) -> str:
    return json.dumps(versions_json_data(view), indent=2, ensure_ascii=False) + "\n"


def site_prefix(page_url: str) -> str:
    """Relative path from a page of one version to the site root (``../../`` for ``x/``)."""
    depth = len([part for part in page_url.split("/") if part])
    if page_url and not page_url.endswith("/"):
        depth -= 1  # a file URL such as 404.html sits in its folder
    return "../" * (depth + 1)


COMPARE_DIR = "vergelijken/"


DECISIONS_DIR = "besluiten/"


def page_exists_in(page_url: str, version: str) -> bool:
    """Whether the page at ``page_url`` also exists in the build of ``version``: every page
    does, except a comparison with a version that is not older than ``version`` and the
    pages of one proposal or one filter under ``besluiten/`` (each build has those of the
    history it renders, so a later proposal has no page in an earlier version)."""
    if page_url.startswith(DECISIONS_DIR) and page_url != DECISIONS_DIR:
        return False
    parts = page_url.split("/")
    if parts[0] != COMPARE_DIR.rstrip("/") or len(parts) < 3 or not VERSION_RE.match(parts[1]):
        return True
    return version != CONCEPT and version_key(parts[1]) < version_key(version)


def nearest_page(page_url: str) -> str:
    """Where a banner sends a reader whose page the other version lacks: the decision log
    for a page under it, else the comparisons."""
    return DECISIONS_DIR if page_url.startswith(DECISIONS_DIR) else COMPARE_DIR


def status_kind(view: BuildView) -> str:
    """What kind of text this build shows: concept, ingetrokken, actueel, verouderd or consultatie."""
    state = view.state
    if view.is_concept or state is None:
        return "concept"
    if state.withdrawn:
        return "ingetrokken"
    if state.current:
        return "actueel"
    return "verouderd" if state.superseded else "consultatie"


def banner_kind(view: BuildView) -> str | None:
    """Which banner this build's pages get: the ``status_kind``, except for the current
    version: ``gecorrigeerd`` when its record was corrected, else none."""
    kind = status_kind(view)
    if kind == "actueel":
        state = view.state
        return "gecorrigeerd" if state is not None and state.corrections else None
    return kind


def banner_html(view: BuildView, page_url: str) -> Markup:
    """The status banner above every page of a non-current version (and of the current one
    when its record was corrected); empty for the current version as published."""
    state = view.state
    current = view.current
    kind = banner_kind(view)
    if kind is None:
        return Markup("")
    successor = state.superseded_by if state else None
    target = CURRENT_ALIAS if current else (successor.version if successor else None)
    target_number = current.version if current else (successor.version if successor else None)
    same_page = (
        page_url if target_number and page_exists_in(page_url, target_number) else nearest_page(page_url)
    )
    here = f"{site_prefix(page_url)}{target}/{same_page}" if target else None
    corrections = [line for line in event_lines(state) if line.kind == CORRECTED] if state else []
    return Markup(
        render(
            "version_banner.html.j2",
            kind=kind,
            state=state,
            current=current,
            here=here,
            corrections=corrections,
            long_date=long_date,
            with_article=with_article,
        ).strip()
    )


def validity_of(view: BuildView) -> Callable[[VersionState], str]:
    """When each version of this build applied, in words (``vwo.versions.validity``)."""
    found = periods([s.info for s in view.states])
    return lambda state: validity_text(found, state.info)


def standard_href(view: BuildView, page_url: str, path: str, at_root: bool) -> str:
    """The link from a page of this build to ``path``, a page of the standard: at the site
    root when ``vwo publish`` builds those once (``at_root``), else in this build."""
    return f"{site_prefix(page_url)}{'' if at_root else view.version + '/'}{path}"


def status_box_html(view: BuildView, page_url: str, *, standard_at_root: bool = False) -> Markup:
    """The status and dates of this version, shown on the agreement page."""
    state = view.state
    return Markup(
        render(
            "version_statusbox.html.j2",
            view=view,
            kind=status_kind(view),
            state=state,
            current=view.current,
            label_concept=LABEL_CONCEPT,
            versions_url=standard_href(view, page_url, "versies/", standard_at_root),
            events=event_lines(state) if state else [],
            note=(lambda field: correction_note(state, field)) if state else (lambda field: None),
            validity=validity_of(view)(view.state) if view.state else "",
            validity_url=standard_href(view, page_url, "geldend-op/", standard_at_root),
            pending_url=f"{site_prefix(page_url)}{CONCEPT}/{PENDING_JSON}",
            compare_url=f"{site_prefix(page_url)}{CONCEPT}/{COMPARE_DIR}{view.version}/",
            long_date=long_date,
        ).strip()
    )


def status_line_html(view: BuildView, page_url: str, *, standard_at_root: bool = False) -> Markup:
    """One line with this version's status, under the title of toelichting and annexes."""
    return Markup(
        render(
            "version_statusline.html.j2",
            kind=status_kind(view),
            state=view.state,
            versions_url=standard_href(view, page_url, "versies/", standard_at_root),
            long_date=long_date,
        ).strip()
    )


def version_links(
    state: VersionState, previous: str | None, available: set[str], prefix: str
) -> list[dict[str, str]]:
    links = []
    for spec in VERSION_LINKS:
        if spec.requires not in available or ("{previous}" in spec.url + spec.label and previous is None):
            continue
        label = spec.label.format(previous=previous or "")
        url = spec.url.format(previous=previous or "")
        links.append({"label": label, "url": f"{prefix}{state.version}/{url}", "version": state.version})
    return links


def versions_page(view: BuildView, available: set[str], *, at_root: bool = False) -> str:
    """The Markdown of the Versies page: every version this build knows, newest first
    (``at_root``: the page of the standard at ``versies/``, else in a version's folder)."""
    prefix = "../" if at_root else site_prefix("versies/")
    ordered = sorted(view.states, key=lambda s: s.info.key)
    entries = []
    for index, state in enumerate(ordered):
        previous = ordered[index - 1].version if index else None
        entries.append((state, version_links(state, previous, available, prefix)))
    entries.reverse()
    return render(
        "versies.md.j2",
        view=view,
        entries=entries,
        events=event_lines,
        note=correction_note,
        current=view.current,
        prefix=prefix,
        concept=CONCEPT,
        alias=CURRENT_ALIAS,
        long_date=long_date,
        validity=validity_of(view),
        anchor=lambda v: "{#versie-" + v.replace(".", "-") + "}",
    )
