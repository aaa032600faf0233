"""How a translation stands against a Dutch text: its structure, and which units wait for
a translation. Pure, apart from ``text_files`` (reading a folder's Markdown).

Pipeline: the translation (``vwo.translation.read``) + the Dutch model and files ->
``vwo.translation.align.compare`` (structure) and, per unit of the Dutch text
(``vwo.translation.units``), its hash against the stamp in ``vertaling.yml`` ->
``Standing``: findings, pending units (changed since stamped, or never stamped) and stale
stamps (units the Dutch text no longer has).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, Agreement
from vwo.translation.align import Finding, compare, errors
from vwo.translation.model import Translation
from vwo.translation.units import Unit, digest, units


@dataclass(frozen=True)
class PendingUnit:
    unit: Unit
    """The Dutch unit (its text, file and line)."""
    stamped: str | None
    """The hash it was translated from; None: never stamped."""

    @property
    def key(self) -> str:
        return self.unit.key

    def describe(self, where: str) -> str:
        why = (
            "was never stamped as translated"
            if self.stamped is None
            else "changed in the Dutch text since it was translated"
        )
        unit = self.unit
        return f"{where}: translation pending: {unit.label} ({unit.key}) {why} ({unit.path}:{unit.line})"


@dataclass(frozen=True)
class Standing:
    translation: Translation
    source: Agreement
    findings: tuple[Finding, ...]
    pending: tuple[PendingUnit, ...]
    stale: tuple[str, ...]
    """Stamped units the Dutch text does not have (any more)."""
    source_name: str = ""
    """``concept`` or the version whose Dutch text this is."""

    @property
    def pending_keys(self) -> frozenset[str]:
        return frozenset(p.key for p in self.pending)

    def errors(self, *, published: bool) -> list[Finding]:
        return errors(self.findings, published=published)

    @property
    def complete(self) -> bool:
        """Nothing behind: every unit translated from the current Dutch text."""
        return not self.pending and not self.stale and not self.findings


def text_files(folder: Path) -> dict[str, str]:
    """``overeenkomst.md`` and ``bijlagen/*.md`` of a text folder, as text (for lines)."""
    files: dict[str, str] = {}
    if (folder / AGREEMENT_FILE).is_file():
        files[AGREEMENT_FILE] = (folder / AGREEMENT_FILE).read_text(encoding="utf-8")
    if (folder / ANNEX_DIR).is_dir():
        for path in sorted((folder / ANNEX_DIR).glob("*.md")):
            files[f"{ANNEX_DIR}/{path.name}"] = path.read_text(encoding="utf-8")
    return files


def standing(
    translation: Translation,
    source: Agreement,
    *,
    source_files: dict[str, str],
    translation_files: dict[str, str],
    source_name: str = "",
) -> Standing:
    stamps = translation.meta.stamps
    findings = compare(
        source,
        translation.agreement,
        stamps=stamps,
        source_files=source_files,
        translation_files=translation_files,
        prefix=translation.display.rstrip("/") + "/",
    )
    dutch = units(source)
    pending = tuple(
        PendingUnit(unit, stamps.get(unit.key)) for unit in dutch if stamps.get(unit.key) != digest(unit.text)
    )
    known = {unit.key for unit in dutch}
    stale = tuple(key for key in stamps if key not in known)
    return Standing(translation, source, tuple(findings), pending, stale, source_name)
