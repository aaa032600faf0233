"""The "Gebruik van de standaard" pages, generated from the register.

Pipeline: ``Register`` + published versions -> ``Statistics``, the filters with their
counts (once per build) and ``View`` records (one per filter x sort order, so the table
is filterable and sortable without JavaScript) -> Markdown pages with escaped HTML blocks
(``templates/register_*.j2``; with a fragment store the blocks stay out of the Markdown,
``vwo.site.fragments``) and the ``gebruik.csv`` / ``gebruik.json`` downloads ->
``{path in the build: text}``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vwo.register.chart import chart_svg, plural
from vwo.register.export import register_csv, register_json
from vwo.register.model import REGISTER_FILE, Entry, Register, Statistics, name_key, statistics
from vwo.site.dates import long_date
from vwo.site.fragments import fragmenter
from vwo.site.render import render
from vwo.site.urls import relative_url
from vwo.versions.model import VersionInfo, current_version, version_key

PAGE = "gebruik.md"
SECTION = "gebruik"
CSV_FILE = "gebruik.csv"
JSON_FILE = "gebruik.json"
SCRIPT_FILE = "assets/vwo-register.js"
FORM_FILE = "registratie-gebruik.yml"
SOURCE_LABELS = {"enquete": "enquête", "registratie": "registratie", "helpdesk": "helpdesk"}
# sort order -> (URL segment, column heading, what the caption says)
SORTS = {
    "naam": ("", "Organisatie", "op naam"),
    "type": ("op-type", "Soort", "op soort organisatie"),
    "versie": ("op-versie", "Versie", "op versie, oudste eerst"),
    "sinds": ("op-datum", "In gebruik sinds", "op datum van ingebruikname, oudste eerst"),
}


@dataclass(frozen=True)
class Settings:
    """What the pages need to know about the site they are part of."""

    repo_url: str
    edit_branch: str = "main"
    contact_email: str = ""
    example: bool = True
    directory_urls: bool = True
    monitoring_page: str | None = None


@dataclass(frozen=True)
class Filter:
    """Which organisations a view shows: all, one type, or one version."""

    key: str  # URL segment: "" (all), "gemeenten", "leveranciers", "versie-1.11"
    label: str
    type: str | None = None
    version: str | None = None

    def keeps(self, entry: Entry) -> bool:
        return (self.type is None or entry.type == self.type) and (
            self.version is None or entry.version == self.version
        )


ALL = Filter("", "Alle organisaties")


@dataclass(frozen=True)
class View:
    filter: Filter
    sort: str

    @property
    def src(self) -> str:
        segment = SORTS[self.sort][0]
        parts = [SECTION, self.filter.key, segment]
        path = "/".join(p for p in parts if p)
        return PAGE if path == SECTION else path + ".md"

    def sortable(self, sort: str) -> bool:
        """A column is no use to sort on when the filter fixes its value."""
        if sort == "type":
            return self.filter.type is None
        if sort == "versie":
            return self.filter.version is None
        return True


@dataclass(frozen=True)
class Row:
    entry: Entry
    versie_label: str
    sinds_label: str
    bron_label: str


@dataclass(frozen=True)
class Catalog:
    """What every view of one build shares, computed once: the status label of each
    version and each filter with the number of organisations it keeps."""

    labels: dict[str, str]
    filters: tuple[tuple[Filter, int], ...]


def catalog(register: Register, versions: Sequence[VersionInfo]) -> Catalog:
    counts = dict.fromkeys(filters(versions), 0)
    for entry in register.entries:
        for flt in counts:
            counts[flt] += flt.keeps(entry)
    return Catalog(status_labels(versions), tuple(counts.items()))


def percentage(share: float) -> str:
    return f"{round(share * 100)}%"


def status_labels(versions: Sequence[VersionInfo]) -> dict[str, str]:
    """Per version how a reader should see it: actueel, verouderd or consultatie."""
    current = current_version(versions)
    labels: dict[str, str] = {}
    for info in versions:
        if current is not None and info.version == current.version:
            labels[info.version] = "actuele versie"
        elif info.status == "consultatie":
            labels[info.version] = "consultatieversie"
        else:
            labels[info.version] = "verouderde versie"
    return labels


def filters(versions: Sequence[VersionInfo]) -> list[Filter]:
    """The filters offered: all, each type, and each published version."""
    found = [
        ALL,
        Filter("gemeenten", "Gemeenten", type="gemeente"),
        Filter("leveranciers", "Leveranciers", type="leverancier"),
    ]
    ordered = sorted(versions, key=lambda i: i.key)
    found += [Filter(f"versie-{v.version}", f"Versie {v.version}", version=v.version) for v in ordered]
    return found


def views(versions: Sequence[VersionInfo]) -> list[View]:
    out: list[View] = []
    for flt in filters(versions):
        base = View(flt, "naam")
        out.extend(View(flt, sort) for sort in SORTS if base.sortable(sort))
    return out


def relative_src(from_src: str, to_src: str) -> str:
    """A Markdown link from one source file to another; MkDocs turns it into a URL."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def sort_entries(entries: list[Entry], sort: str) -> list[Entry]:
    def key(entry: Entry) -> tuple[object, ...]:
        name = name_key(entry.name)
        if sort == "type":
            return (entry.type, name)
        if sort == "versie":
            return (version_key(entry.version), name)
        if sort == "sinds":
            return (entry.since, name)
        return (name,)

    return sorted(entries, key=key)


def _table_context(view: View, register: Register, shared: Catalog, s: Settings) -> dict[str, object]:
    entries = sort_entries([e for e in register.entries if view.filter.keeps(e)], view.sort)
    rows = [
        Row(
            entry=e,
            versie_label=shared.labels.get(e.version, ""),
            sinds_label=long_date(e.since),
            bron_label=SOURCE_LABELS[e.source],
        )
        for e in entries
    ]
    anchor = "#register"
    columns = []
    for sort, (_, heading, _) in SORTS.items():
        target = View(view.filter, sort)
        href = None
        if sort != view.sort and view.sortable(sort):
            href = relative_url(view.src, target.src, s.directory_urls) + anchor
        columns.append({"key": sort, "heading": heading, "href": href, "current": sort == view.sort})
    filter_links = [
        {
            "label": flt.label,
            "current": flt == view.filter,
            "href": relative_url(view.src, View(flt, "naam").src, s.directory_urls) + anchor,
            "count": count,
        }
        for flt, count in shared.filters
    ]
    subject = view.filter.label.lower() if view.filter.key else "alle organisaties"
    heading = f"Register: {subject}, gesorteerd {SORTS[view.sort][2]}"
    count = plural(len(rows), "organisatie", "organisaties")
    return {
        "heading": heading,
        "caption": f"{heading} ({count}{', voorbeeldgegevens' if s.example else ''})",
        "rows": rows,
        "columns": columns,
        "filter_links": filter_links,
        "csv_href": relative_url(view.src, CSV_FILE, s.directory_urls),
        "json_href": relative_url(view.src, JSON_FILE, s.directory_urls),
        "script_href": relative_url(view.src, SCRIPT_FILE, s.directory_urls),
        "example": s.example,
    }


def form_url(s: Settings) -> str:
    return f"{s.repo_url.rstrip('/')}/issues/new?template={FORM_FILE}"


def _html(template: str, **context: object) -> str:
    """An HTML block of a page, as the page's Markdown template would have included it."""
    return render(template, **context).removesuffix("\n")


Fragments = dict[str, dict[str, str]]
"""Per page (its path in the build): its HTML blocks by marker (``vwo.site.fragments``)."""


Frag = Callable[[str], object]
"""Keeps an HTML block out of a page's Markdown, or inlines it (``vwo.site.fragments``)."""


def overview_markdown(
    register: Register, versions: Sequence[VersionInfo], s: Settings, shared: Catalog, frag: Frag
) -> str:
    stats = statistics(register, versions)
    table = _table_context(View(ALL, "naam"), register, shared, s)
    per_version = _html(
        "register_per_version.html.j2",
        stats=stats,
        labels=shared.labels,
        chart=chart_svg(stats, shared.labels),
        settings=s,
    )
    return render(
        "register_page.md.j2",
        stats=stats,
        share=percentage(stats.share_on_current) if stats.share_on_current is not None else None,
        plural=plural,
        per_version=frag(per_version),
        table=table,
        table_html=frag(_html("register_table.html.j2", table=table)),
        settings=s,
        form_url=form_url(s),
        edit_url=f"{s.repo_url.rstrip('/')}/edit/{s.edit_branch}/{REGISTER_FILE}",
        file_url=f"{s.repo_url.rstrip('/')}/blob/{s.edit_branch}/{REGISTER_FILE}",
        monitoring_href=relative_src(PAGE, s.monitoring_page) if s.monitoring_page else None,
        csv_src=relative_src(PAGE, CSV_FILE),
        json_src=relative_src(PAGE, JSON_FILE),
    )


def view_markdown(view: View, register: Register, s: Settings, shared: Catalog, frag: Frag) -> str:
    table = _table_context(view, register, shared, s)
    return render(
        "register_view.md.j2",
        view=view,
        table=table,
        table_html=frag(_html("register_table.html.j2", table=table)),
        overview_href=relative_src(view.src, PAGE),
        settings=s,
    )


def register_files(
    register: Register,
    versions: Sequence[VersionInfo],
    s: Settings,
    fragments: Fragments | None = None,
    keep: Callable[[str], bool] = lambda path: True,
) -> dict[str, str]:
    """The generated files of the build that ``keep`` accepts (by path; by default every
    one): the pages, the variants and the downloads. With ``fragments`` (filled here)
    each page's HTML blocks stay out of its Markdown: the hook puts them back after
    Markdown (Python-Markdown parses raw HTML tag by tag)."""

    def frag(path: str) -> Frag:
        return fragmenter(None if fragments is None else fragments.setdefault(path, {}))

    stats: Statistics = statistics(register, versions)
    shared = catalog(register, versions)
    files = {PAGE: overview_markdown(register, versions, s, shared, frag(PAGE))} if keep(PAGE) else {}
    for view in views(versions):
        if view.src != PAGE and keep(view.src):
            files[view.src] = view_markdown(view, register, s, shared, frag(view.src))
    if keep(CSV_FILE):
        files[CSV_FILE] = register_csv(register)
    if keep(JSON_FILE):
        files[JSON_FILE] = register_json(register, stats, example=s.example)
    return files
