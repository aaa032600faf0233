"""Published versions: ``versions/<X.Y>/`` folders with ``version.yml``.

Pipeline: read ``versions/*/version.yml`` -> ``VersionInfo`` records (validated) ->
derived state (``VersionState``: current version, superseded-by, status label, title)
computed by ``version_states``, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from vwo.errors import VwoError
from vwo.site.dates import short_date
from vwo.strict_yaml import Document, as_date, load
from vwo.text.inert import HINT_CHAR, describe, first_unshown
from vwo.versions.events import ADOPTED, CORRECTED, REPLACED, WITHDRAWN, Event, for_version

# Re-exported: the rest of the package imports them from here.
from vwo.versions.numbers import VERSION_RE as VERSION_RE
from vwo.versions.numbers import is_version as is_version
from vwo.versions.numbers import version_key as version_key

VERSIONS_DIR = "versions"
CONCEPT = "concept"
CURRENT_ALIAS = "actueel"
STATUSES = ("consultatie", "vastgesteld")
VERSION_FILE = "version.yml"
# Status labels follow Dutch standards practice (Forum Standaardisatie, NEN).
LABEL_CONCEPT = "Werkversie"
LABEL_CONSULTATION = "Consultatieversie"
LABEL_ADOPTED = "Vastgestelde versie"
LABEL_SUPERSEDED = "Verouderde versie"
LABEL_WITHDRAWN = "Ingetrokken versie"


@dataclass(frozen=True)
class VersionInfo:
    version: str
    status: str
    published: date
    summary: str
    adopted_by: str | None = None
    comply_or_explain_from: date | None = None
    mandatory_from: date | None = None
    replaces: str | None = None

    @property
    def key(self) -> tuple[int, ...]:
        return version_key(self.version)


VERSION_KEYS = (
    "versie",
    "status",
    "gepubliceerd_op",
    "samenvatting",
    "vastgesteld_door",
    "pas_toe_of_leg_uit_vanaf",
    "verplicht_vanaf",
    "vervangt",
)
VERSION_MAX_BYTES = 8_000
"""A version.yml holds a few facts and one paragraph (the largest is about 1.5 kB)."""


def parse_version_yml(data: Any, where: str) -> VersionInfo:
    """The facts of a ``version.yml`` given as plain data (``vwo adopt`` checks what it is
    about to write); a file is read with ``read_version_file``."""
    return version_info(Document(where, data))


def version_info(doc: Document) -> VersionInfo:
    """The facts of one ``version.yml`` (read by ``vwo.strict_yaml``), validated strictly:
    known keys only, text fields as YAML strings without unshown characters, dates as days
    (no times, no numbers such as ``20181206``), and dates in order. Each refusal names
    ``file:line`` of the value (``file`` alone for data that came from no file)."""
    data = doc.data

    def at(key: str) -> str:
        return doc.at(key) if doc.lines else doc.where

    if not isinstance(data, dict):
        raise VwoError(
            doc.where,
            "expected a mapping of keys to values",
            "CONTRIBUTING.md §4 lists the keys of version.yml",
        )
    for key in data:
        if key not in VERSION_KEYS:
            raise VwoError(at(key), f"unknown key '{key}'", "allowed: " + ", ".join(sorted(VERSION_KEYS)))
    for key in ("versie", "status", "gepubliceerd_op", "samenvatting"):
        if key not in data or data[key] in (None, ""):
            raise VwoError(doc.where, f"{key}: missing", f"add '{key}: ...'")

    def text(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            kind = type(value).__name__
            hint = (
                f'write it quoted, e.g. {key}: "1.11"'
                if key in ("versie", "vervangt")
                else f"write {key}: followed by text"
            )
            raise VwoError(at(key), f"{key}: expected text, got {kind} ({value!r:.40})", hint)
        bad = first_unshown(value)
        if bad is not None:
            raise VwoError(at(key), f"{key}: contains {describe(bad)}", HINT_CHAR)
        return value.strip()

    def day(key: str) -> date | None:
        value = data.get(key)
        return (
            None
            if value is None
            else as_date(doc, value, key)
            if doc.lines
            else _plain_date(doc.where, key, value)
        )

    versie = text("versie") or ""
    if not is_version(versie):
        raise VwoError(
            at("versie"), f"versie: '{versie}' is not of the form X.Y", 'write it quoted, e.g. versie: "1.11"'
        )
    status = text("status") or ""
    if status not in STATUSES:
        raise VwoError(
            at("status"), f"status: unknown value '{status}'", "use one of: " + ", ".join(STATUSES)
        )
    published = day("gepubliceerd_op")
    assert published is not None
    adopted_by = text("vastgesteld_door")
    start, mandatory = day("pas_toe_of_leg_uit_vanaf"), day("verplicht_vanaf")
    if status == "vastgesteld" and not adopted_by:
        raise VwoError(
            doc.where,
            "vastgesteld_door: missing for a vastgesteld version",
            "add 'vastgesteld_door: College van Dienstverleningszaken' (or who adopted it)",
        )
    if status == "consultatie" and (adopted_by or mandatory):
        key = "vastgesteld_door" if adopted_by else "verplicht_vanaf"
        raise VwoError(
            at(key),
            f"{key}: a consultation version is not adopted and not mandatory",
            "remove the key, or make it status: vastgesteld",
        )
    for key, value in (("pas_toe_of_leg_uit_vanaf", start), ("verplicht_vanaf", mandatory)):
        if value is not None and value < published:
            raise VwoError(
                at(key),
                f"{key}: {value} is before gepubliceerd_op {published}",
                "a version applies from its publication on, or later",
            )
    if start and mandatory and mandatory < start:
        raise VwoError(
            at("verplicht_vanaf"),
            f"verplicht_vanaf: {mandatory} is before pas_toe_of_leg_uit_vanaf {start}",
            "a version is first 'pas toe of leg uit', then mandatory: check the dates",
        )
    replaces = text("vervangt")
    if replaces is not None and not is_version(replaces):
        raise VwoError(
            at("vervangt"), f"vervangt: '{replaces}' is not of the form X.Y", 'e.g. vervangt: "1.0"'
        )
    return VersionInfo(
        version=versie,
        status=status,
        published=published,
        summary=text("samenvatting") or "",
        adopted_by=adopted_by or None,
        comply_or_explain_from=start,
        mandatory_from=mandatory,
        replaces=replaces,
    )


def _plain_date(where: str, key: str, value: Any) -> date:
    if isinstance(value, datetime):
        raise VwoError(where, f"{key}: {value} has a time; give only the day", "write YYYY-MM-DD")
    if isinstance(value, date):
        return value
    return as_date(Document(where, {key: value}), value, key)


def load_versions(root: Path) -> list[VersionInfo]:
    """Every published version under ``root/versions``, oldest first."""
    infos: list[VersionInfo] = []
    folder = root / VERSIONS_DIR
    if not folder.is_dir():
        return infos
    for path in sorted(folder.glob(f"*/{VERSION_FILE}")):
        infos.append(read_version_file(path, f"{VERSIONS_DIR}/{path.parent.name}/{VERSION_FILE}"))
    return sorted(infos, key=lambda i: i.key)


def text_folder(root: Path, version: str) -> Path:
    """Where the text of ``version`` lives: ``docs/`` for concept, else ``versions/X.Y/``."""
    return root / "docs" if version == CONCEPT else root / VERSIONS_DIR / version


def current_version(infos: Sequence[VersionInfo]) -> VersionInfo | None:
    """The highest ``vastgesteld`` version: what ``actueel`` points at."""
    adopted = [i for i in infos if i.status == "vastgesteld"]
    return max(adopted, key=lambda i: i.key) if adopted else None


def read_version_file(path: Path, where: str) -> VersionInfo:
    """One ``version.yml``, read strictly (``vwo.strict_yaml``: no aliases, duplicate keys or
    tags, at most ``VERSION_MAX_BYTES``) and validated; the folder name must equal ``versie``."""
    if not path.is_file():
        raise VwoError(
            where, "is not a file", "a published folder holds a version.yml written by 'vwo adopt'"
        )
    info = version_info(load(path.read_bytes(), where, max_bytes=VERSION_MAX_BYTES))
    if info.version != path.parent.name:
        raise VwoError(
            where,
            f"versie: '{info.version}' differs from the folder name '{path.parent.name}'",
            "the folder is named after the version",
        )
    return info


@dataclass(frozen=True)
class VersionState:
    """A published version with what follows from all versions and their lifecycle events
    together (``vwo.versions.events``). ``info`` is the record as it stands now (its
    corrections applied), ``published_info`` as ``version.yml`` says it."""

    info: VersionInfo
    current: bool
    superseded_by: VersionInfo | None
    events: tuple[Event, ...] = ()
    """This version's events, in the order of the register."""
    published_info: VersionInfo | None = None

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def superseded(self) -> bool:
        return self.superseded_by is not None

    @property
    def withdrawn(self) -> Event | None:
        return next((e for e in self.events if e.kind == WITHDRAWN), None)

    @property
    def corrections(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == CORRECTED)

    @property
    def adoptions(self) -> tuple[Event, ...]:
        """Adopted or made binding by a body after publication (``vastgesteld`` events)."""
        return tuple(e for e in self.events if e.kind == ADOPTED)

    @property
    def replaced(self) -> Event | None:
        return next((e for e in self.events if e.kind == REPLACED), None)

    def corrected(self, field: str) -> Event | None:
        """The last correction of ``field``, if any."""
        return next((e for e in reversed(self.corrections) if e.field == field), None)

    @property
    def label(self) -> str:
        if self.withdrawn:
            return LABEL_WITHDRAWN
        if self.superseded:
            return LABEL_SUPERSEDED
        return LABEL_ADOPTED if self.info.status == "vastgesteld" else LABEL_CONSULTATION

    @property
    def title(self) -> str:
        """The title in the version selector: ``1.11 — vastgesteld 6-12-2018``."""
        text = f"{self.info.version} — {self.info.status} {short_date(self.info.published)}"
        if self.withdrawn:
            return f"{text} (ingetrokken)"
        return f"{text} (verouderd)" if self.superseded else text


def corrected_info(info: VersionInfo, events: Sequence[Event]) -> VersionInfo:
    """``info`` with every correction in ``events`` applied, in their order (the register
    checks that text fields get text and date fields dates)."""
    for event in events:
        if event.kind != CORRECTED:
            continue
        value, day = event.becomes, event.becomes if isinstance(event.becomes, date) else None
        text = value if isinstance(value, str) else None
        if event.field == "vastgesteld_door":
            info = replace(info, adopted_by=text)
        elif event.field == "samenvatting" and text:
            info = replace(info, summary=text)
        elif event.field == "pas_toe_of_leg_uit_vanaf":
            info = replace(info, comply_or_explain_from=day)
        elif event.field == "verplicht_vanaf":
            info = replace(info, mandatory_from=day)
    return info


def version_states(infos: Sequence[VersionInfo], events: Sequence[Event] = ()) -> list[VersionState]:
    """Derive current and superseded state for every version, oldest first.

    A version is superseded by the first later ``vastgesteld`` version. A consultation
    version is also superseded by the next later version of any status (its
    consultation ended when a newer text was published). The current version is the
    highest ``vastgesteld`` version that was not withdrawn; a withdrawn version still
    superseded the ones before it (it did, on that day).
    """
    ordered = sorted(infos, key=lambda i: i.key)
    own = {info.version: for_version(events, info.version) for info in ordered}
    withdrawn = {v for v, evs in own.items() if any(e.kind == WITHDRAWN for e in evs)}
    current = current_version([i for i in ordered if i.version not in withdrawn])
    states: list[VersionState] = []
    for index, info in enumerate(ordered):
        later = ordered[index + 1 :]
        if info.status == "consultatie":
            successor = later[0] if later else None
        else:
            successor = next((i for i in later if i.status == "vastgesteld"), None)
        is_current = current is not None and info.version == current.version
        record = corrected_info(info, own[info.version])
        states.append(VersionState(record, is_current, successor, own[info.version], info))
    return states


def concept_title() -> str:
    return f"{CONCEPT} — {LABEL_CONCEPT.lower()}, niet vastgesteld"
