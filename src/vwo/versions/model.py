"""Published versions: ``versions/<X.Y>/`` folders with ``version.yml``.

Pipeline: read ``versions/*/version.yml`` -> ``VersionInfo`` records (validated) ->
derived state (``VersionState``: current version, superseded-by, status label, title)
computed by ``version_states``, never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.site.dates import short_date
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
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it


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


def parse_version_yml(data: Any, where: str) -> VersionInfo:
    if not isinstance(data, dict):
        raise VwoError(
            where, "expected a mapping of keys to values", "CONTRIBUTING.md §4 lists the keys of version.yml"
        )
    known = {
        "versie",
        "status",
        "gepubliceerd_op",
        "samenvatting",
        "vastgesteld_door",
        "pas_toe_of_leg_uit_vanaf",
        "verplicht_vanaf",
        "vervangt",
    }
    for key in data:
        if key not in known:
            raise VwoError(where, f"unknown key '{key}'", "allowed: " + ", ".join(sorted(known)))
    for key in ("versie", "status", "gepubliceerd_op", "samenvatting"):
        if key not in data or data[key] in (None, ""):
            raise VwoError(where, f"{key}: missing", f"add '{key}: ...'")
    versie = str(data["versie"])
    if not is_version(versie):
        raise VwoError(
            where, f"versie: '{versie}' is not of the form X.Y", 'write it quoted, e.g. versie: "1.11"'
        )
    status = str(data["status"])
    if status not in STATUSES:
        raise VwoError(where, f"status: unknown value '{status}'", "use one of: " + ", ".join(STATUSES))

    def day(key: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise VwoError(where, f"{key}: '{value}' is not a date", "write it as YYYY-MM-DD") from None

    published = day("gepubliceerd_op")
    assert published is not None
    if status == "vastgesteld" and not data.get("vastgesteld_door"):
        raise VwoError(
            where,
            "vastgesteld_door: missing for a vastgesteld version",
            "add 'vastgesteld_door: College van Dienstverleningszaken' (or who adopted it)",
        )
    vervangt = data.get("vervangt")
    return VersionInfo(
        version=versie,
        status=status,
        published=published,
        summary=str(data["samenvatting"]).strip(),
        adopted_by=str(data["vastgesteld_door"]) if data.get("vastgesteld_door") else None,
        comply_or_explain_from=day("pas_toe_of_leg_uit_vanaf"),
        mandatory_from=day("verplicht_vanaf"),
        replaces=str(vervangt) if vervangt is not None else None,
    )


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
    """One ``version.yml``, validated; the folder name must equal ``versie``."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as error:
        raise VwoError(where, f"not valid YAML: {error}", "fix the syntax") from None
    info = parse_version_yml(data, where)
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
