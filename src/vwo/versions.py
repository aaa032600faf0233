"""Published versions: ``versions/<X.Y>/`` folders with ``version.yml``.

Pipeline: read ``versions/*/version.yml`` -> ``VersionInfo`` records (validated) ->
derived state (current version, superseded-by) computed, never stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError

VERSIONS_DIR = "versions"
CONCEPT = "concept"
CURRENT_ALIAS = "actueel"
STATUSES = ("consultatie", "vastgesteld")
VERSION_RE = re.compile(r"^\d+\.\d+$")


def version_key(version: str) -> tuple[int, ...]:
    """Numeric order: 1.11 after 1.2 after 1.0."""
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class VersionInfo:
    versie: str
    status: str
    gepubliceerd_op: date
    samenvatting: str
    vastgesteld_door: str | None = None
    pas_toe_of_leg_uit_vanaf: date | None = None
    verplicht_vanaf: date | None = None
    vervangt: str | None = None

    @property
    def key(self) -> tuple[int, ...]:
        return version_key(self.versie)


def parse_version_yml(data: Any, where: str) -> VersionInfo:
    if not isinstance(data, dict):
        raise VwoError(where, "expected a mapping of keys to values", "see DESIGN.md §3 for the schema")
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
    if not VERSION_RE.match(versie):
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
        versie=versie,
        status=status,
        gepubliceerd_op=published,
        samenvatting=str(data["samenvatting"]).strip(),
        vastgesteld_door=str(data["vastgesteld_door"]) if data.get("vastgesteld_door") else None,
        pas_toe_of_leg_uit_vanaf=day("pas_toe_of_leg_uit_vanaf"),
        verplicht_vanaf=day("verplicht_vanaf"),
        vervangt=str(vervangt) if vervangt is not None else None,
    )


def load_versions(root: Path) -> list[VersionInfo]:
    """Every published version under ``root/versions``, oldest first."""
    infos: list[VersionInfo] = []
    folder = root / VERSIONS_DIR
    if not folder.is_dir():
        return infos
    for path in sorted(folder.glob("*/version.yml")):
        where = f"{VERSIONS_DIR}/{path.parent.name}/version.yml"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise VwoError(where, f"not valid YAML: {error}", "fix the syntax") from None
        info = parse_version_yml(data, where)
        if info.versie != path.parent.name:
            raise VwoError(
                where,
                f"versie: '{info.versie}' differs from the folder name '{path.parent.name}'",
                "the folder is named after the version",
            )
        infos.append(info)
    return sorted(infos, key=lambda i: i.key)


def text_folder(root: Path, version: str) -> Path:
    """Where the text of ``version`` lives: ``docs/`` for concept, else ``versions/X.Y/``."""
    return root / "docs" if version == CONCEPT else root / VERSIONS_DIR / version


def current_version(infos: list[VersionInfo]) -> VersionInfo | None:
    """The highest ``vastgesteld`` version: what ``actueel`` points at."""
    adopted = [i for i in infos if i.status == "vastgesteld"]
    return max(adopted, key=lambda i: i.key) if adopted else None
