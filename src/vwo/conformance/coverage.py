"""A minimal reader of ``dekking.yml`` (FORMATS.md §4): which AVG provisions each article,
clause or annex implements. Only what the check needs: ``dekking`` as ``{id: [codes]}``.
The full format (the closed list of codes, ``niet-gedekt``) is validated elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from vwo.conformance.standard import Unit
from vwo.errors import VwoError

COVERAGE_FILE = "dekking.yml"

Coverage = Mapping[str, tuple[str, ...]]


def read_coverage(folder: Path, where: str) -> Coverage | None:
    """``folder/dekking.yml`` as ``{id: codes}``, or None when the version has none."""
    path = folder / COVERAGE_FILE
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise VwoError(where, f"not valid YAML: {error}", "fix the syntax") from None
    table = data.get("dekking", {}) if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise VwoError(
            where, "dekking: expected a mapping of ids to lists of provisions", "see FORMATS.md §4"
        )
    out: dict[str, tuple[str, ...]] = {}
    for key, codes in table.items():
        if not isinstance(codes, list):
            raise VwoError(where, f"dekking.{key}: expected a list", 'write e.g. ["28(3)(a)"]')
        out[str(key)] = tuple(str(c) for c in codes)
    return out


def provisions_for(coverage: Coverage | None, unit: Unit) -> tuple[str, ...] | None:
    """The provisions a unit touches: its own and its article's or annex's, in order."""
    if coverage is None:
        return None
    out: list[str] = []
    for key in (unit.id, unit.section):
        for code in coverage.get(key or "", ()):
            if code not in out:
                out.append(code)
    return tuple(out)
