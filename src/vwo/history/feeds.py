"""Atom feeds of published versions and of decisions (feedgen escapes every value;
``xml_chars`` first replaces the characters XML forbids, which lxml would refuse).

Pipeline: ``VersionInfo``s (``versions/*/version.yml``) and their lifecycle events
(``data/gebeurtenissen.yml``), or the ``DecisionLog`` -> one
``FeedGenerator`` -> Atom XML bytes. Deterministic: every timestamp comes from the data
(publication dates, meeting dates), never from the clock, so a rebuild of the same
commit gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import partial
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from vwo.history.changelog import correction_text, proposal_href
from vwo.history.decisions import DecisionEntry, DecisionLog
from vwo.history.prose import paragraphs, sentence
from vwo.site.dates import long_date, utc_midnight
from vwo.site.escape import xml_chars
from vwo.versions.events import Event
from vwo.versions.lifecycle import event_text
from vwo.versions.model import VersionInfo, VersionState, version_states

EPOCH = datetime(2018, 1, 1, tzinfo=UTC)
"""The feed's ``updated`` when it has no entries (the standard's first year)."""

STATUS_LABELS = {"vastgesteld": "Vastgestelde versie", "consultatie": "Consultatieversie"}


def _tag(site_url: str, day: str, name: str) -> str:
    """A stable ``tag:`` URI (RFC 4151) for ids that never change with the URL layout."""
    host = urlsplit(site_url).hostname or "vwo.invalid"
    return f"tag:{host},{day}:{name}"


def _base(site_url: str, title: str, subtitle: str, name: str, self_url: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(_tag(site_url, "2018", name))
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language("nl")
    feed.author({"name": "Beheergroep VWO"})
    if site_url:
        feed.link(href=site_url, rel="alternate")
    if self_url:
        feed.link(href=self_url, rel="self")
    return feed


def versions_feed(
    infos: Sequence[VersionInfo], site_root: str, self_url: str, events: Sequence[Event] = ()
) -> bytes:
    """One entry per published version and one per lifecycle event, newest first;
    ``site_root`` is the URL above the version folders (``https://.../vwo/``)."""
    feed = _base(
        site_root,
        "Standaard verwerkersovereenkomst gemeenten: nieuwe versies",
        "Elke gepubliceerde versie van de standaard, met een samenvatting van wat er veranderde, "
        "en wat er daarna met elke versie gebeurde.",
        "versies",
        self_url,
    )
    items: list[tuple[date, int, Callable[[], None]]] = []
    states = version_states(infos, events)
    for info in infos:
        items.append((info.published, 1, partial(_version_entry, feed, info, site_root)))
    for state in states:
        for event in state.events:
            items.append(
                (event.day, 0, partial(_event_entry, feed, state, event, site_root))
            )  # after its day's version
    for _, _, add in sorted(items, key=lambda item: (item[0], item[1]), reverse=True):
        add()
    newest = max((utc_midnight(day) for day, _, _ in items), default=EPOCH)
    feed.updated(newest)
    return with_stylesheet(bytes(feed.atom_str(pretty=True)))


def _version_entry(feed: FeedGenerator, info: VersionInfo, site_root: str) -> None:
    entry = feed.add_entry(order="append")
    entry.id(_tag(site_root, info.published.isoformat(), f"versie/{info.version}"))
    label = STATUS_LABELS.get(info.status, info.status)
    entry.title(f"Versie {info.version} ({label.lower()}), {long_date(info.published)}")
    entry.updated(utc_midnight(info.published))
    entry.published(utc_midnight(info.published))
    entry.summary(xml_chars(info.summary))
    if site_root:
        entry.link(href=f"{site_root.rstrip('/')}/{info.version}/wijzigingen/", rel="alternate")
    else:  # Atom needs a link or content
        entry.content(xml_chars(info.summary), type="text")


def _event_entry(feed: FeedGenerator, state: VersionState, event: Event, site_root: str) -> None:
    """A lifecycle event; its id is its place in the append-only register, so it never changes."""
    entry = feed.add_entry(order="append")
    entry.id(_tag(site_root, event.day.isoformat(), f"versie/{state.version}/gebeurtenis/{event.index + 1}"))
    entry.title(xml_chars(f"Versie {state.version}: {event_text(event)}"))
    entry.updated(utc_midnight(event.day))
    entry.published(utc_midnight(event.day))
    parts = [event_text(event) + "."]
    if event.reference:
        parts.append(f"Kenmerk: {event.reference}.")
    if event.explanation:
        parts.append(event.explanation)
    entry.summary(xml_chars(" ".join(parts)))
    if site_root:
        entry.link(href=f"{site_root.rstrip('/')}/{state.version}/", rel="alternate")
    else:  # Atom needs a link or content
        entry.content(xml_chars(" ".join(parts)), type="text")


def decisions_feed(log: DecisionLog, page_url: str, site_url: str, self_url: str) -> bytes:
    """One entry per decision, dated by its meeting (``Besloten-op``): ``updated`` and
    ``published`` are that day, the id names the proposal, the body and the day, so it
    stays the same when the commit is rewritten or the history is imported again."""
    feed = _base(
        site_url,
        "Standaard verwerkersovereenkomst gemeenten: besluiten",
        "Besluiten over wijzigingsvoorstellen: van de Toetsgroep, de Beheergroep VWO, het College "
        "van Dienstverleningszaken, het VNG Bestuur en de Algemene Ledenvergadering van de VNG.",
        "besluiten",
        self_url,
    )
    dates: list[datetime] = []
    ids: set[str] = set()
    for group in log.meetings:
        for e in group.decisions:
            entry = feed.add_entry(order="append")
            meeting = group.meeting
            day = meeting.date if meeting.valid else e.date
            name = (
                f"besluit/{e.valid_proposal}/{meeting.anchor.removeprefix('vergadering-')}"
                if e.valid_proposal and meeting.valid
                else f"besluit/{e.commit}"
            )
            tag, n = _tag(site_url, day, name), 1
            while tag in ids:
                n += 1
                tag = _tag(site_url, day, f"{name}/{n}")
            ids.add(tag)
            entry.id(tag)
            prefix = f"{e.proposal} {e.decision}" if e.proposal else e.decision
            entry.title(xml_chars(f"{prefix}: {e.heading}"))
            when = utc_midnight(date.fromisoformat(day))
            dates.append(when)
            entry.updated(when)
            entry.published(when)
            summary = xml_chars(_summary(meeting.label, e))
            entry.summary(summary)
            if page_url:
                own = proposal_href(page_url, e.valid_proposal) if e.valid_proposal else ""
                target = own or f"{page_url}#{meeting.anchor}"
                entry.link(href=target, rel="alternate")
            else:  # Atom needs a link or content; without a site URL there is no link
                entry.content(summary, type="text")
    feed.updated(max(dates, default=EPOCH))
    return with_stylesheet(bytes(feed.atom_str(pretty=True)))


def _summary(meeting: str, e: DecisionEntry) -> str:
    """Plain sentences, each ending in one full stop (a name may end in one: "B.V.")."""
    parts = [
        sentence(meeting),
        sentence(f"Besluit: {e.decision}"),
        sentence(f"Reden: {' '.join(paragraphs(e.reason))}") if e.reason else "",
        sentence(f"Ingediend door: {', '.join(e.proposers) or 'niet vermeld'}"),
        sentence(f"Soort: {e.kind or 'niet vermeld'}"),
        sentence(f"In versie: {e.version_label}") if e.decision == "aangenomen" or e.version else "",
        *(sentence(f"Gecorrigeerd: {correction_text(c)}") for c in e.corrections),
    ]
    return " ".join(p for p in parts if p)


STYLESHEET = "atom.xsl"
"""Beside the feeds (``feeds/atom.xsl``): a browser that opens a feed shows a page."""


def with_stylesheet(atom: bytes) -> bytes:
    """The feed with an ``xml-stylesheet`` processing instruction after its declaration."""
    declaration, newline, rest = atom.partition(b"\n")
    if not declaration.startswith(b"<?xml"):
        declaration, newline, rest = b"", b"", atom
    pi = f'<?xml-stylesheet type="text/xsl" href="{STYLESHEET}"?>'.encode()
    return declaration + newline + pi + b"\n" + rest
