"""What the lifecycle events of a version say, in words (pure: state in, text out).

Small functions any page can call (status box, banner, versions page, feed, a page of
the standard built elsewhere): ``event_lines`` for the list of a version's events,
``correction_note`` for the "gecorrigeerd" remark beside a corrected fact, and
``event_data`` for ``versies.json``. Every text is plain; templates escape it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vwo.site.dates import long_date
from vwo.versions.events import (
    ADOPTED,
    CORRECTED,
    FIELD_LABELS,
    REPLACED,
    WITHDRAWN,
    Event,
    Value,
    with_article,
)
from vwo.versions.model import VersionState


@dataclass(frozen=True)
class EventLine:
    """One event as a reader sees it: ``text`` is one sentence without its full stop;
    ``detail`` who decided it and why (may be empty)."""

    kind: str
    day: date
    text: str
    detail: str
    reference: str | None
    explanation: str | None


def _value(value: Value | None) -> str:
    if value is None:
        return "niet vermeld"
    return long_date(value) if isinstance(value, date) else value


def event_text(event: Event) -> str:
    """``Verplicht gesteld door de Algemene Ledenvergadering VNG op 5 juni 2019``, ..."""
    day = long_date(event.day)
    if event.kind == ADOPTED:
        return f"Verplicht gesteld door {with_article(event.by)} op {day}"
    if event.kind == CORRECTED:
        label = FIELD_LABELS.get(event.field or "", event.field or "")
        return f"Gecorrigeerd op {day}: {label} {_value(event.becomes)} (was {_value(event.was)})"
    if event.kind == REPLACED:
        return f"Vervangen door versie {event.by_version} op {day}"
    if event.kind == WITHDRAWN:
        return f"Ingetrokken op {day} door {with_article(event.by)}"
    return f"{event.kind} op {day}"


def _detail(event: Event) -> str:
    parts = []
    if event.kind == CORRECTED:
        parts.append(f"Besloten door {with_article(event.by)}")
    if event.reference:
        parts.append(f"kenmerk {event.reference}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def event_lines(state: VersionState) -> list[EventLine]:
    """The events of ``state``'s version, in the order of the register."""
    return [
        EventLine(e.kind, e.day, event_text(e), _detail(e), e.reference, e.explanation) for e in state.events
    ]


def correction_note(state: VersionState, field: str) -> str | None:
    """``gecorrigeerd op 12 september 2019; was College van Dienstverleningszaken``, or None."""
    event = state.corrected(field)
    if event is None or state.published_info is None:
        return None
    return f"gecorrigeerd op {long_date(event.day)}; was {_value(event.was)}"


def event_data(state: VersionState) -> list[dict[str, Any]]:
    """The events for ``versies.json`` (the register's own keys, plus ``tekst``)."""
    return [{**event.data(), "tekst": event_text(event)} for event in state.events]
