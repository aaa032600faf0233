"""Atom feeds of published versions and of decisions (feedgen escapes every value;
``xml_chars`` first replaces the characters XML forbids, which lxml would refuse).

Pipeline: ``VersionInfo``s (``versions/*/version.yml``) and their lifecycle events
(``data/gebeurtenissen.yml``), or the ``DecisionLog`` -> one
``FeedGenerator`` -> Atom XML bytes. Deterministic: every timestamp comes from the data
(publication dates, commit dates), never from the clock, so a rebuild of the same
commit gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import partial
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from vwo.history.changelog import correction_text
from vwo.history.decisions import DecisionLog
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
    return bytes(feed.atom_str(pretty=True))


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


def decisions_feed(log: DecisionLog, page_url: str, site_url: str, self_url: str) -> bytes:
    """One entry per decision; ``updated`` is the decision commit's date."""
    feed = _base(
        site_url,
        "Standaard verwerkersovereenkomst gemeenten: besluiten",
        "Besluiten van de Beheergroep VWO en het College van Dienstverleningszaken over voorstellen.",
        "besluiten",
        self_url,
    )
    dates: list[datetime] = []
    for group in log.meetings:
        for e in group.decisions:
            entry = feed.add_entry(order="append")
            entry.id(_tag(site_url, e.date, f"besluit/{e.commit}"))
            title = f"{e.proposal}: {e.title}" if e.proposal else e.title
            entry.title(xml_chars(f"{e.decision}: {title}"))
            when = datetime.fromisoformat(e.date).replace(tzinfo=UTC)
            dates.append(when)
            entry.updated(when)
            proposers = ", ".join(e.proposers) or "niet vermeld"
            corrected = "".join(f" Gecorrigeerd: {correction_text(c)}." for c in e.corrections)
            entry.summary(
                xml_chars(
                    f"{group.meeting.label}. Besluit: {e.decision}. Ingediend door: {proposers}. "
                    f"Soort: {e.kind or 'niet vermeld'}. In versie: {e.version_label}.{corrected}"
                )
            )
            if page_url:
                entry.link(href=f"{page_url}#{group.meeting.anchor}", rel="alternate")
    feed.updated(max(dates, default=EPOCH))
    return bytes(feed.atom_str(pretty=True))
