"""``vwo check`` for translations.

Pipeline: ``vertalingen/`` (absent: nothing to check) -> its layout (a folder per
language for the working translations, ``X.Y/<lang>/`` for published ones; nothing
else) -> each translation against its Dutch source (``vwo.translation.source``):

- the working translation: structural mistakes are errors; what is behind its source
  (units whose Dutch text changed since they were stamped, or never stamped; units not
  translated yet) is a ``Notice``, printed as a warning, so ``vwo check`` still passes;
- a published translation (``vertalingen/X.Y/<lang>/``): everything is an error, and its
  files must be those of its publication commit (``vwo.translation.proof``; without
  git: its manifest).
"""

from __future__ import annotations

from pathlib import Path

from vwo.errors import Notice, VwoError
from vwo.translation.model import LANGUAGES, META_FILE, TRANSLATIONS_DIR, folder_name
from vwo.translation.pending import Standing
from vwo.translation.proof import check_published
from vwo.translation.source import read_standing
from vwo.translation.units import units
from vwo.versions.model import CONCEPT, VERSION_RE

MAX_LISTED = 40


def _where(standing: Standing) -> dict[str, str]:
    """Where each unit stands in the translation: ``path:line``."""
    return {unit.key: f"{unit.path}:{unit.line}" for unit in units(standing.translation.agreement)}


def pending_lines(standing: Standing) -> list[str]:
    """One line per pending unit and stale stamp, at its place in the translation."""
    here = _where(standing)
    meta = standing.translation.meta
    lines = [p.describe(here.get(p.key, f"{meta.where}:1")) for p in standing.pending]
    lines += [
        f"{meta.where}:{meta.lines.get(key, 1)}: bronteksten: '{key}' is not a unit of the Dutch text "
        "any more"
        for key in standing.stale
    ]
    return lines


def _summary(standing: Standing, lines: list[str]) -> str:
    shown = lines[:MAX_LISTED]
    more = f"\n... and {len(lines) - MAX_LISTED} more" if len(lines) > MAX_LISTED else ""
    return (
        f"{standing.translation.display}: {len(standing.pending)} of {len(units(standing.source))} units "
        f"wait for a translation of the current Dutch text ({standing.source_name}):\n"
        + "\n".join(shown)
        + more
        + "\nhint: translate them, then record it with 'vwo translation stamp UNIT ...' "
        "(the site marks them 'translation pending' until then)"
    )


def check_working(root: Path, language: str) -> list[str]:
    display = folder_name(CONCEPT, language)
    try:
        standing = read_standing(root, display)
    except VwoError as error:
        return [str(error)]
    found: list[str] = [str(f) for f in standing.errors(published=False)]
    found += [Notice(str(f)) for f in standing.findings if f.behind]
    lines = pending_lines(standing)
    if lines:
        found.append(Notice(_summary(standing, lines)))
    return found


def published_problems(root: Path, version: str, language: str) -> list[str]:
    """The problems of ``vertalingen/X.Y/<lang>/`` against its source: structure, stamps."""
    display = folder_name(version, language)
    found: list[str] = []
    try:
        standing = read_standing(root, display)
    except VwoError as error:
        return [*found, str(error)]
    found += [str(f) for f in standing.errors(published=True)]
    found += pending_lines(standing)
    return found


def check_translations(root: Path) -> list[str]:
    base = root / TRANSLATIONS_DIR
    if not base.is_dir():
        return []
    found: list[str] = []
    published: list[tuple[str, str]] = []
    for entry in sorted(base.iterdir()):
        name = f"{TRANSLATIONS_DIR}/{entry.name}"
        if entry.name in LANGUAGES and entry.is_dir():
            found += check_working(root, entry.name)
        elif VERSION_RE.match(entry.name) and entry.is_dir():
            for sub in sorted(entry.iterdir()):
                if sub.name in LANGUAGES and sub.is_dir() and (sub / META_FILE).is_file():
                    published.append((entry.name, sub.name))
                    found += published_problems(root, entry.name, sub.name)
                else:
                    found.append(
                        f"{name}/{sub.name}: not a translation\nhint: {name}/ holds one folder per language "
                        f"({', '.join(LANGUAGES)}), each with a {META_FILE}"
                    )
        elif entry.name != ".gitkeep":
            found.append(
                f"{name}: not a translation folder\nhint: {TRANSLATIONS_DIR}/ holds the working translation "
                f"per language ({', '.join(LANGUAGES)}/) and published ones in X.Y/<lang>/"
            )
    return check_published(root, published) + found
