"""``vwo translation stamp``: record which Dutch text each unit was translated from.

Pipeline: the working translation (``vertalingen/<lang>/``) against its source (the
``bron`` it names, or ``--source``) -> refuse when the translation has structural errors,
when a named unit does not exist, or when a unit to stamp is not translated yet or
does not match the Dutch structure (``vwo.translation.align``) -> the new ``bronteksten``
(the hash of each stamped unit's Dutch text, ``vwo.translation.units``; stamps of units
the Dutch text no longer has are dropped) -> ``vertaling.yml`` rewritten whole
(``vwo.atomic``), its leading comments kept, read back before it replaces the old one.

Without units every unit is stamped: say so only after checking the whole translation.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vwo.atomic import write_atomic
from vwo.errors import VwoError
from vwo.translation.model import META_FILE, TranslationMeta
from vwo.translation.pending import Standing
from vwo.translation.read import folder_parts, parse_meta
from vwo.translation.source import read_standing, working_display
from vwo.translation.units import digest, units


@dataclass(frozen=True)
class StampReport:
    where: str
    stamped: tuple[str, ...]
    """Units whose stamp was written or changed."""
    unchanged: int
    dropped: tuple[str, ...]
    source: str


def meta_text(meta: TranslationMeta, stamps: dict[str, str], source: str, comments: str = "") -> str:
    """``vertaling.yml`` as ``stamp`` writes it: the facts, then the stamps in document order."""
    data: dict[str, Any] = {
        "taal": meta.language,
        "bron": source,
        "status": meta.status,
        "titel": meta.title,
    }
    if meta.published is not None:
        data["gepubliceerd_op"] = meta.published
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    if stamps:
        text += "bronteksten:\n" + "".join(f"  {key}: {value}\n" for key, value in stamps.items())
    return comments + text


def leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        lines.append(line)
    return "".join(lines)


def _refusals(standing: Standing, chosen: Sequence[str]) -> list[str]:
    present = {unit.key for unit in units(standing.translation.agreement)}
    problems = [str(f) for f in standing.errors(published=False)]
    wanted = set(chosen)
    for finding in standing.findings:
        if finding.behind and finding.unit in wanted and finding.unit in present:
            problems.append(str(finding))
    labels = {unit.key: unit.label for unit in units(standing.source)}
    for key in chosen:
        if key not in present:
            problems.append(
                f"{standing.translation.display}: {labels[key]} ({key}) is not translated yet, so it "
                "cannot be stamped\nhint: translate it first, then stamp it"
            )
    return problems


def stamp(
    root: Path, *, language: str = "en", source: str | None = None, chosen: Sequence[str] = ()
) -> StampReport:
    """Stamp ``chosen`` units (every unit if none) of the working translation in ``language``."""
    display = working_display(language)
    where = f"{display}/{META_FILE}"
    path = root / where
    if not path.is_file():
        raise VwoError(
            where, "missing: there is no working translation", f"create {display}/ with a {META_FILE} first"
        )
    current = read_standing(root, display, source)
    dutch = {unit.key: unit for unit in units(current.source)}
    for key in chosen:
        if key not in dutch:
            close = difflib.get_close_matches(key, list(dutch), n=1, cutoff=0.6)
            hint = (
                ("did you mean " + " or ".join(close) + "?")
                if close
                else "units are " + ", ".join(list(dutch)[:6]) + ", ..."
            )
            raise VwoError(key, "is not a unit of the Dutch text", hint)
    keys = list(chosen) or list(dutch)
    problems = _refusals(current, keys)
    if problems:
        raise VwoError(
            where,
            "not stamped, the translation does not match its source:\n" + "\nerror: ".join(problems),
            "fix the translation (or stamp only the units that are done: vwo translation stamp UNIT ...)",
        )
    old = current.translation.meta.stamps
    new: dict[str, str] = {}
    changed = []
    for key, unit in dutch.items():
        if key in keys:
            new[key] = digest(unit.text)
            if old.get(key) != new[key]:
                changed.append(key)
        elif key in old:
            new[key] = old[key]
    dropped = tuple(key for key in old if key not in dutch)
    meta = current.translation.meta
    raw = path.read_text(encoding="utf-8")
    folder_source, _ = folder_parts(display)
    text = meta_text(meta, new, current.source_name, leading_comments(raw))
    parse_meta(text, where, folder_source=folder_source, language=meta.language)
    if text != raw:
        write_atomic(path, text.encode("utf-8"))
    return StampReport(where, tuple(changed), len(keys) - len(changed), dropped, current.source_name)
