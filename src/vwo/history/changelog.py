"""The changelog of one version: what changed in the text, and on whose decision (pure).

Pipeline: ``HistoryModel`` (commits) + the version + the build's ``Agreement`` ->
``Changelog`` (changes grouped by article, in article order) -> rendered as the site
page (Markdown headings from the reviewed agreement text, HTML fragments for every
commit-derived value, autoescaped), as Markdown for the command line (every value
through ``vwo.site.escape.md_inline``) or as JSON (``to_json``, documented in
``docs/over/gegevens.md``).

Which commits: those that changed the text in ``docs/`` after the previous published
version's adopt commit, up to this version's adopt commit (``concept``: up to HEAD).
A change and its revert in the same range cancel out. Within an article, changes are
in the order they were made.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from vwo.history.model import CollegeDecision, HistoryModel
from vwo.history.parts import compare_anchor, part_index, part_label, parts_of
from vwo.history.prose import paragraphs, reason_of
from vwo.history.records import DOCS_PREFIX, CommitRecord, TrailerCorrection
from vwo.history.touched import GENERAL
from vwo.history.trailers import (
    BODIES,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    FAR_REACHING,
    PROPOSAL,
    PROPOSAL_RE,
    PROPOSER,
    is_date,
)
from vwo.site.abbr import Abbreviations, abbreviate
from vwo.site.dates import long_date_of
from vwo.site.escape import anchor_id, md_inline
from vwo.site.fragments import fragmenter
from vwo.site.render import environment, render
from vwo.site.urls import relative_url
from vwo.text.model import AGREEMENT_FILE, Agreement
from vwo.versions.model import CONCEPT

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Meeting:
    """The body and date that decided; only validated values make an anchor."""

    body: str
    date: str

    @property
    def valid(self) -> bool:
        return self.body in BODIES and is_date(self.date)

    @property
    def anchor(self) -> str:
        if not self.valid:
            return "vergadering-onbekend"
        return anchor_id(f"vergadering-{self.body}-{self.date}")

    @property
    def label(self) -> str:
        return f"{self.body}, {long_date_of(self.date)}" if self.valid else "Vergadering onbekend"


@dataclass(frozen=True)
class Change:
    title: str
    proposal: str | None
    proposers: tuple[str, ...]
    kind: str | None
    decision: str | None
    meeting: Meeting | None
    pull_request: int | None
    commit: str
    date: str
    parts: tuple[str, ...]
    college: CollegeDecision | None = None
    """Only for ``ingrijpend`` changes: the College van Dienstverleningszaken's decision."""
    corrections: tuple[TrailerCorrection, ...] = ()
    """Corrections (``data/correcties.yml``) of this commit and of the decision shown with it."""
    reason: str = ""
    """Why: the reason recorded with the decision (its commit body), else the change's own."""
    description: str = ""
    """The change's own commit body, when its decision is another commit with a reason."""
    initial: bool = False
    """The commit that created the agreement: the first text, shown once (not per part)."""

    @property
    def editorial(self) -> bool:
        return self.kind == "redactioneel"


@dataclass(frozen=True)
class Group:
    """The changes to one article (or annex, or the text outside articles)."""

    id: str
    kind: str  # "algemeen" | "artikel" | "bijlage" | "vervallen"
    label: str
    page: str | None  # the Markdown page of the part, relative to docs/
    changes: tuple[Change, ...]

    @property
    def substantive(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if not c.editorial)

    @property
    def editorial(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.editorial)


@dataclass(frozen=True)
class Changelog:
    version: str
    previous: str | None
    published: bool
    groups: tuple[Group, ...]
    history_available: bool = True

    def others(self, change: Change, group: Group) -> list[Group]:
        """The other groups a change appears in (a commit can touch several articles)."""
        return [g for g in self._groups_of.get(change.commit, ()) if g.id != group.id]

    @cached_property
    def _groups_of(self) -> dict[str, list[Group]]:
        """The groups of each commit as the page shows them, in one pass (a page asks for
        every change's others)."""
        found: dict[str, list[Group]] = {}
        for group in self.later_groups:
            for change in group.changes:
                found.setdefault(change.commit, []).append(group)
        return found

    @property
    def count(self) -> int:
        return len({c.commit for g in self.groups for c in g.changes})

    @cached_property
    def initial(self) -> tuple[Change, ...]:
        """The first text (see ``Change.initial``), once each, in the order made."""
        seen: dict[str, Change] = {}
        for group in self.groups:
            for change in group.changes:
                if change.initial:
                    seen.setdefault(change.commit, change)
        return tuple(seen.values())

    @cached_property
    def initial_groups(self) -> tuple[Group, ...]:
        """The parts the first text created."""
        return tuple(g for g in self.groups if any(c.initial for c in g.changes))

    @cached_property
    def later_groups(self) -> tuple[Group, ...]:
        """The groups as the page shows them: without the first text, which is one entry."""
        out = []
        for group in self.groups:
            changes = tuple(c for c in group.changes if not c.initial)
            if changes:
                out.append(Group(group.id, group.kind, group.label, group.page, changes))
        return tuple(out)


def _meeting(record: CommitRecord | None) -> Meeting | None:
    if record is None or not (record.value(DECIDED_BY) or record.value(DECIDED_ON)):
        return None
    return Meeting(record.value(DECIDED_BY) or "", record.value(DECIDED_ON) or "")


def _creates_agreement(record: CommitRecord) -> bool:
    return any(c.status == "A" and c.path == DOCS_PREFIX + AGREEMENT_FILE for c in record.text_changes)


def corrections_of(*records: CommitRecord | None) -> tuple[TrailerCorrection, ...]:
    """The corrections of ``records`` (each record once), in their order."""
    seen: set[str] = set()
    found: list[TrailerCorrection] = []
    for record in records:
        if record is not None and record.sha not in seen:
            seen.add(record.sha)
            found.extend(record.corrections)
    return tuple(found)


def change_of(model: HistoryModel, record: CommitRecord) -> Change:
    decision = model.adopting_decision(record)
    proposal = record.value(PROPOSAL)
    kind = model.kind(record)
    own = reason_of(record.body)
    decided = reason_of(decision.body) if decision is not None else ""
    return Change(
        title=record.subject,
        proposal=proposal,
        proposers=record.values(PROPOSER),
        kind=kind,
        decision=decision.value(DECISION) if decision else None,
        meeting=_meeting(decision),
        pull_request=model.pull_requests.get(record.sha),
        commit=record.sha,
        date=record.date.date().isoformat(),
        parts=parts_of(record),
        college=model.college_decision(proposal) if proposal and kind == FAR_REACHING else None,
        corrections=corrections_of(record, decision),
        reason=decided or own,
        description=own if decided and own and own != decided else "",
        initial=_creates_agreement(record),
    )


def _group_order(agreement: Agreement | None, ids: set[str]) -> list[tuple[str, str, str, str | None]]:
    """(id, kind, label, page) for every id that has changes, in document order."""
    index = part_index(agreement)
    order = [
        (part, kind, label, page if part != GENERAL else None)
        for part, (kind, label, page) in index.items()
        if part in ids
    ]
    for part in sorted(ids - index.keys()):
        order.append((part, "vervallen", part_label(index, part), None))
    return order


def build_changelog(model: HistoryModel, version: str, agreement: Agreement | None) -> Changelog:
    records = list(reversed(model.changes_in(version)))  # oldest first
    changes = [change_of(model, r) for r in records]
    ids = {part for change in changes for part in change.parts}
    groups = tuple(
        Group(part, kind, label, page, tuple(c for c in changes if part in c.parts))
        for part, kind, label, page in _group_order(agreement, ids)
    )
    previous = model.previous_release(version)
    published = version != CONCEPT and model.release(version) is not None
    return Changelog(version, previous.version if previous else None, published, groups)


# --- output ---------------------------------------------------------------------------


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "titel": change.title,
        "voorstel": change.proposal,
        "indieners": list(change.proposers),
        "soort": change.kind,
        "besluit": change.decision,
        "besloten_door": change.meeting.body if change.meeting else None,
        "besloten_op": change.meeting.date if change.meeting else None,
        "pull_request": change.pull_request,
        "commit": change.commit,
        "datum": change.date,
        "onderdelen": list(change.parts),
        "college": (
            {"besluit": change.college.decision, "besloten_op": change.college.decided_on}
            if change.college
            else None
        ),
        "correcties": corrections_json(change.corrections),
        "reden": change.reason or None,
        "eerste_tekst": change.initial,
    }


def corrections_json(corrections: Sequence[TrailerCorrection]) -> list[dict[str, Any]]:
    """The ``correcties`` field of both exports (``docs/over/gegevens.md``)."""
    return [
        {
            "trailer": c.key,
            "was": list(c.was),
            "wordt": list(c.becomes),
            "door": c.by,
            "op": c.on,
            "reden": c.reason,
        }
        for c in corrections
    ]


def correction_text(correction: TrailerCorrection) -> str:
    """One correction as a sentence (CSV cell, feed): ``Soort: inhoudelijk wordt
    redactioneel (Beheergroep VWO, 2020-03-26): reden``."""
    was = ", ".join(correction.was) or "(geen)"
    becomes = ", ".join(correction.becomes) or "(verwijderd)"
    return f"{correction.key}: {was} wordt {becomes} ({correction.by}, {correction.on}): {correction.reason}"


def to_json(changelog: Changelog) -> str:
    data = {
        "formaat": "vwo-wijzigingen",
        "formaatversie": FORMAT_VERSION,
        "versie": changelog.version,
        "vorige_versie": changelog.previous,
        "gepubliceerd": changelog.published,
        "geschiedenis_beschikbaar": changelog.history_available,
        "aantal_wijzigingen": changelog.count,
        "onderdelen": [
            {
                "id": group.id,
                "soort_onderdeel": group.kind,
                "kop": group.label,
                "wijzigingen": [_change_json(c) for c in group.changes],
            }
            for group in changelog.groups
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _md_filter(value: object) -> Markup:
    return Markup(md_inline(str(value)))


def _md_list_filter(values: Sequence[str]) -> Markup:
    return Markup(", ".join(md_inline(str(v)) for v in values))


def proposal_href(decisions_url: str, proposal: str) -> str:
    """The page of a proposal, from the URL of the decision log (``../besluiten/`` ->
    ``../besluiten/VWO-2019-005/``; without directory URLs ``besluiten.html`` ->
    ``besluiten/VWO-2019-005.html``); "" for an id that names no page."""
    if not decisions_url or not PROPOSAL_RE.match(proposal):
        return ""
    if decisions_url.endswith(".html"):
        return f"{decisions_url.removesuffix('.html')}/{proposal}.html"
    base = decisions_url.rstrip("/")
    return f"{proposal}/" if base in ("", ".") else f"{base}/{proposal}/"


def doc_href(from_src: str, target: str, directory_urls: bool = True) -> str:
    """An ``href`` for raw HTML from page ``from_src`` to ``target`` (``overeenkomst.md#id``,
    relative to docs/): MkDocs rewrites only Markdown links."""
    path, _, anchor = target.partition("#")
    url = relative_url(from_src, path, directory_urls) if path else ""
    return f"{url}#{anchor}" if anchor else url


def _md_prose_filter(text: str) -> Markup:
    """A reason for Markdown: one neutralised line per paragraph, separated by a blank line."""
    return Markup("\n\n".join(md_inline(p) for p in paragraphs(text)))


def _prose_filter(text: str, abbreviations: Abbreviations = ()) -> Markup:
    """A reason for HTML: one ``<p>`` per paragraph, escaped, abbreviations marked."""
    return Markup("").join(
        Markup("<p>") + abbreviate(p, abbreviations) + Markup("</p>") for p in paragraphs(text)
    )


def render_history(name: str, **context: Any) -> str:
    """Render a history template (Markdown or HTML) with its filters: ``| long_date``,
    and for Markdown ``| md`` and ``| md_list``, which neutralise a value; a Markdown
    template must use them for every commit-derived value (``join`` would HTML-escape)."""
    environment().filters.setdefault("md", _md_filter)
    environment().filters.setdefault("md_list", _md_list_filter)
    environment().filters.setdefault("long_date", long_date_of)
    environment().filters.setdefault("md_prose", _md_prose_filter)
    environment().filters.setdefault("prose", _prose_filter)
    environment().filters.setdefault("abbr", abbreviate)
    environment().filters.setdefault("compare_anchor", compare_anchor)
    environment().globals.setdefault("proposal_href", proposal_href)
    environment().globals.setdefault("doc_href", doc_href)
    return render(name, **context)


def to_markdown(changelog: Changelog, repo_url: str) -> str:
    return render_history("changelog.md.j2", changelog=changelog, repo_url=repo_url.rstrip("/"))


@dataclass(frozen=True)
class PageLinks:
    """URLs relative to the page being rendered (computed by the hook from its files)."""

    repo_url: str
    decisions: str
    changelog_json: str = ""
    decisions_json: str = ""
    decisions_csv: str = ""
    feed_versions: str = ""
    feed_decisions: str = ""
    about_data: str = ""
    compare: str = ""
    """The comparison of this version with the previous one (changelog page), or ""."""
    site_root: str = ""
    """The folder above the version folders (``../`` per level), for links into versions."""
    text_root: str = ""
    """Where the text the parts of the agreement link to is (``../actueel/``, relative to the
    page), or "" for this build's own text: the pages of the standard have none."""
    subscribe: str = ""
    abbreviations: Abbreviations = ()
    directory_urls: bool = True


def changelog_page(
    changelog: Changelog, links: PageLinks, notice: str = "", fragments: dict[str, str] | None = None
) -> str:
    """The site page: Markdown headings (escaped: a part that no longer exists is named by
    an id from the history) + HTML blocks."""
    repo = links.repo_url.rstrip("/")
    sections = []
    if changelog.initial:
        html = render_history("changelog_initial.html.j2", changelog=changelog, links=links, repo=repo)
        sections.append(("Eerste tekst", "eerste-tekst", html))
    sections += [
        (
            f"[{md_inline(group.label)}]({group.page})" if group.page else md_inline(group.label),
            group.id or "tekst-buiten-artikelen",
            render_history(
                "changelog_group.html.j2", changelog=changelog, group=group, links=links, repo=repo
            ),
        )
        for group in changelog.later_groups
    ]
    intro = render_history("changelog_intro.html.j2", changelog=changelog, links=links, notice=notice)
    return generated_page(changelog_title(changelog), intro, sections, fragments)


def generated_page(
    title: str, intro: str, sections: Sequence[tuple[str, str, str]], fragments: dict[str, str] | None
) -> str:
    """A generated history page: ``# title``, the intro HTML, then per section a Markdown
    heading (``(heading, anchor, html)``: the caller escapes the heading, the anchor goes
    through ``anchor_id``) and its HTML. With a ``fragments`` store the HTML stays out of
    the Markdown (``vwo.site.fragments``)."""
    frag = fragmenter(fragments)
    block = html_block if fragments is None else (lambda html: str(frag(html)))
    parts = [block(intro)]
    for heading, anchor, html in sections:
        parts += [f"## {heading} {{#{anchor_id(anchor)}}}", block(html)]
    return f"# {title}\n\n" + "\n\n".join(parts) + "\n"


def html_block(html: str) -> str:
    """An HTML fragment as one raw block for Markdown: no blank lines inside, so the
    Markdown parser keeps it whole and never reads its (escaped) text as Markdown."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def changelog_title(changelog: Changelog) -> str:
    if changelog.version == CONCEPT:
        return "Wijzigingen die nog niet zijn gepubliceerd"
    return f"Wijzigingen in versie {changelog.version}"
