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
from vwo.history.records import CommitRecord, TrailerCorrection
from vwo.history.touched import GENERAL
from vwo.history.trailers import (
    ARTICLE,
    BODIES,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    FAR_REACHING,
    ID_RE,
    PROPOSAL,
    PROPOSER,
    is_date,
)
from vwo.site.dates import long_date_of
from vwo.site.escape import anchor_id, md_inline
from vwo.site.fragments import fragmenter
from vwo.site.render import environment, render
from vwo.text.model import Agreement
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
        return [g for g in self._groups_of.get(change.commit, ()) if g is not group]

    @cached_property
    def _groups_of(self) -> dict[str, list[Group]]:
        """The groups of each commit, in one pass (a page asks for every change's others)."""
        found: dict[str, list[Group]] = {}
        for group in self.groups:
            for change in group.changes:
                found.setdefault(change.commit, []).append(group)
        return found

    @property
    def count(self) -> int:
        return len({c.commit for g in self.groups for c in g.changes})


def _meeting(record: CommitRecord | None) -> Meeting | None:
    if record is None or not (record.value(DECIDED_BY) or record.value(DECIDED_ON)):
        return None
    return Meeting(record.value(DECIDED_BY) or "", record.value(DECIDED_ON) or "")


def _parts(record: CommitRecord) -> tuple[str, ...]:
    named = tuple(v for v in record.values(ARTICLE) if ID_RE.match(v))
    return named or tuple(sorted(record.touched))


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
        parts=_parts(record),
        college=model.college_decision(proposal) if proposal and kind == FAR_REACHING else None,
        corrections=corrections_of(record, decision),
    )


def _group_order(agreement: Agreement | None, ids: set[str]) -> list[tuple[str, str, str, str | None]]:
    """(id, kind, label, page) for every id that has changes, in document order."""
    order: list[tuple[str, str, str, str | None]] = []
    if GENERAL in ids:
        order.append((GENERAL, "algemeen", "Titel, aanhef en tekst buiten de artikelen", None))
    known: set[str] = {GENERAL}
    if agreement is not None:
        for article in agreement.articles:
            known.add(article.id)
            if article.id in ids:
                order.append((article.id, "artikel", article.heading, f"overeenkomst.md#{article.id}"))
        for annex in agreement.annexes:
            known.add(annex.id)
            if annex.id in ids:
                page = "bijlagen/" + annex.path.rsplit("/", 1)[-1]
                order.append((annex.id, "bijlage", annex.heading, page))
    for part in sorted(ids - known):
        order.append((part, "vervallen", f"Onderdeel {part} (niet meer in deze versie)", None))
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


def render_history(name: str, **context: Any) -> str:
    """Render a history template (Markdown or HTML) with its filters: ``| long_date``,
    and for Markdown ``| md`` and ``| md_list``, which neutralise a value; a Markdown
    template must use them for every commit-derived value (``join`` would HTML-escape)."""
    environment().filters.setdefault("md", _md_filter)
    environment().filters.setdefault("md_list", _md_list_filter)
    environment().filters.setdefault("long_date", long_date_of)
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


def changelog_page(
    changelog: Changelog, links: PageLinks, notice: str = "", fragments: dict[str, str] | None = None
) -> str:
    """The site page: Markdown headings (escaped: a part that no longer exists is named by
    an id from the history) + HTML blocks."""
    repo = links.repo_url.rstrip("/")
    sections = [
        (
            f"[{md_inline(group.label)}]({group.page})" if group.page else md_inline(group.label),
            group.id or "tekst-buiten-artikelen",
            render_history(
                "changelog_group.html.j2", changelog=changelog, group=group, links=links, repo=repo
            ),
        )
        for group in changelog.groups
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
