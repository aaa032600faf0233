"""Lifecycle events of published versions: ``data/gebeurtenissen.yml`` (FORMATS.md §3).

A published folder never changes, yet the record of a version does: it is made binding
by a body after its publication, a fact of its ``version.yml`` is corrected, a later
version replaces it, or it is withdrawn. Those events live in one append-only register
outside the frozen folders.

Pipeline: the file's bytes -> ``vwo.strict_yaml.load`` (no aliases, duplicate keys, tags,
impossible dates; lines kept) -> ``Event`` records, each refusal naming ``file:line``
(``parse_events``) -> checked against the published versions (``event_problems``: known
version, not before its publication, ``vervangen`` as the versions say, nothing after
``ingetrokken``, corrections whose ``was`` is the value they correct) -> the derived state
(``vwo.versions.model.version_states``) and the pages. ``vwo.versions.register`` adds the
append-only check against the file's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from vwo.errors import VwoError
from vwo.strict_yaml import Document, as_date, as_text, load
from vwo.versions.numbers import is_version

EVENTS_FILE = "data/gebeurtenissen.yml"
HEADER = "# Gebeurtenissen in de levensloop van gepubliceerde versies. Alleen toevoegen.\n"

ADOPTED, CORRECTED, REPLACED, WITHDRAWN = "vastgesteld", "gecorrigeerd", "vervangen", "ingetrokken"
KINDS = (ADOPTED, CORRECTED, REPLACED, WITHDRAWN)
DATE_FIELDS = ("pas_toe_of_leg_uit_vanaf", "verplicht_vanaf")
TEXT_FIELDS = ("vastgesteld_door", "samenvatting")
CORRECTABLE = (*TEXT_FIELDS, *DATE_FIELDS)
"""The ``version.yml`` fields a correction may change: not the number, status or
publication date, which decide the order and the derived state of every version."""
FIELD_LABELS = {
    "vastgesteld_door": "vastgesteld door",
    "samenvatting": "samenvatting",
    "pas_toe_of_leg_uit_vanaf": "pas toe of leg uit vanaf",
    "verplicht_vanaf": "verplicht vanaf",
}
COMMON_KEYS = ("versie", "gebeurtenis", "datum", "door", "kenmerk", "toelichting")
KIND_KEYS = {CORRECTED: ("veld", "was", "wordt"), REPLACED: ("door_versie",)}
NEEDS_EXPLANATION = (CORRECTED, WITHDRAWN)

Value = str | date


@dataclass(frozen=True)
class Event:
    """One entry of the register, in the order of the file (``index``, from 0)."""

    index: int
    line: int
    version: str
    kind: str
    day: date
    by: str
    reference: str | None = None
    explanation: str | None = None
    field: str | None = None
    was: Value | None = None
    becomes: Value | None = None
    by_version: str | None = None

    def data(self) -> dict[str, Any]:
        """The entry as plain data (the register's keys), for ``versies.json`` and comparisons."""
        out: dict[str, Any] = {
            "gebeurtenis": self.kind,
            "datum": self.day.isoformat(),
            "door": self.by,
            "kenmerk": self.reference,
            "toelichting": self.explanation,
        }
        if self.kind == CORRECTED:
            out.update(veld=self.field, was=_plain(self.was), wordt=_plain(self.becomes))
        if self.kind == REPLACED:
            out["door_versie"] = self.by_version
        return out


def _plain(value: Value | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _text(doc: Document, entry: dict[str, Any], index: int, key: str, *, required: bool) -> str | None:
    if key not in entry or entry[key] is None:
        if required:
            raise VwoError(doc.at(index), f"{key}: missing", f"add '{key}: ...' to this entry")
        return None
    text = " ".join(as_text(doc, entry[key], index, key).split())
    if not text:
        if required:
            raise VwoError(doc.at(index, key), f"{key}: empty", f"give '{key}' a value")
        return None
    return text


def _value(doc: Document, entry: dict[str, Any], index: int, key: str, field: str) -> Value | None:
    if entry.get(key) is None:
        return None
    if field in DATE_FIELDS:
        return as_date(doc, entry[key], index, key)
    return " ".join(as_text(doc, entry[key], index, key).split())


def _version(doc: Document, entry: dict[str, Any], index: int, key: str, example: str) -> str:
    value = _text(doc, entry, index, key, required=True)
    assert value is not None
    if not is_version(value):
        raise VwoError(
            doc.at(index, key),
            f"{key}: '{value}' is not a version number",
            f'write it quoted, e.g. {key}: "{example}"',
        )
    return value


def parse_entry(doc: Document, entry: Any, index: int) -> Event:
    if not isinstance(entry, dict):
        raise VwoError(
            doc.at(index), "an entry is a mapping of keys to values", "begin it with '- versie: ...'"
        )
    kind = _text(doc, entry, index, "gebeurtenis", required=True)
    if kind not in KINDS:
        raise VwoError(
            doc.at(index, "gebeurtenis"),
            f"gebeurtenis: unknown event '{kind}'",
            "use one of: " + ", ".join(KINDS),
        )
    allowed = (*COMMON_KEYS, *KIND_KEYS.get(kind, ()))
    for key in entry:
        if key not in allowed:
            raise VwoError(
                doc.at(index, key),
                f"unknown key '{key}' for gebeurtenis '{kind}'",
                "allowed here: " + ", ".join(allowed),
            )
    version = _version(doc, entry, index, "versie", "1.11")
    if "datum" not in entry:
        raise VwoError(
            doc.at(index), "datum: missing", "add 'datum: YYYY-MM-DD' (the date of the event itself)"
        )
    day = as_date(doc, entry["datum"], index, "datum")
    by = _text(doc, entry, index, "door", required=True)
    assert by is not None
    explanation = _text(doc, entry, index, "toelichting", required=kind in NEEDS_EXPLANATION)
    reference = _text(doc, entry, index, "kenmerk", required=False)
    event = Event(index, doc.line(index), version, kind, day, by, reference, explanation)
    if kind == CORRECTED:
        field = _text(doc, entry, index, "veld", required=True)
        if field not in CORRECTABLE:
            raise VwoError(
                doc.at(index, "veld"),
                f"veld: '{field}' cannot be corrected",
                "correctable: "
                + ", ".join(CORRECTABLE)
                + "; a wrong number, status or date of publication needs a new version",
            )
        assert field is not None
        if entry.get("wordt") is None:
            raise VwoError(doc.at(index), "wordt: missing", "add 'wordt: ...', the corrected value")
        was, becomes = _value(doc, entry, index, "was", field), _value(doc, entry, index, "wordt", field)
        if was == becomes:
            raise VwoError(
                doc.at(index, "wordt"), "wordt: the same as 'was'", "a correction changes the value"
            )
        return replace(event, field=field, was=was, becomes=becomes)
    if kind == REPLACED:
        return replace(event, by_version=_version(doc, entry, index, "door_versie", "2.1"))
    return event


def parse_events(doc: Document) -> tuple[Event, ...]:
    """The entries of the register, in file order; the first malformed one raises."""
    if doc.data is None:
        return ()
    if not isinstance(doc.data, list):
        raise VwoError(doc.at(), "expected a list of events", "begin each entry with '- versie: ...'")
    return tuple(parse_entry(doc, entry, index) for index, entry in enumerate(doc.data))


def read_events(text: str | bytes, where: str = EVENTS_FILE) -> tuple[Event, ...]:
    return parse_events(load(text, where))


def load_events(root: Path) -> tuple[Event, ...]:
    """The register of ``root`` (none when the file does not exist); ``VwoError`` if malformed."""
    path = root / EVENTS_FILE
    if not path.is_file():
        return ()
    return read_events(path.read_bytes())


def for_version(events: Sequence[Event], version: str) -> tuple[Event, ...]:
    return tuple(event for event in events if event.version == version)


ARTICLES = {
    "Beheergroep VWO": "de",
    "Toetsgroep": "de",
    "College van Dienstverleningszaken": "het",
    "VNG Bestuur": "het",
    "Algemene Ledenvergadering VNG": "de",
}


def with_article(body: str) -> str:
    """``de Algemene Ledenvergadering VNG``, ``het VNG Bestuur``; other names as they are."""
    article = ARTICLES.get(body)
    return f"{article} {body}" if article else body
