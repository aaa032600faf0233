"""The adoption register: which organisations use which published version.

Pipeline: read ``data/gebruik.csv`` -> validate every row against the published
versions (``vwo.versions.model``) -> ``Register`` of ``Entry`` records -> ``Statistics``
(counts per version and per type, share of municipalities on the current version).
Rendering lives in ``vwo.register.pages``; this module knows nothing of HTML.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from vwo.errors import VwoError
from vwo.site.dates import parse_day
from vwo.strict_yaml import load
from vwo.text.parse import decode_text
from vwo.versions.model import CONCEPT, VersionInfo, current_version, load_versions, version_key

REGISTER_FILE = "data/gebruik.csv"
FORM_FILE = ".github/ISSUE_TEMPLATE/registratie-gebruik.yml"
COLUMNS = ("naam", "type", "producten", "versie", "sinds", "bron")
TYPES = ("gemeente", "leverancier")
SOURCES = ("enquete", "registratie", "helpdesk")
PRODUCT_SEPARATOR = ";"


@dataclass(frozen=True)
class Entry:
    """One organisation: what it uses since when, and how we know."""

    name: str
    type: str
    products: tuple[str, ...]
    version: str
    since: date
    source: str
    line: int


@dataclass(frozen=True)
class Register:
    path: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class VersionCount:
    version: str
    status: str
    municipalities: int
    suppliers: int

    @property
    def total(self) -> int:
        return self.municipalities + self.suppliers


@dataclass(frozen=True)
class Statistics:
    per_version: tuple[VersionCount, ...]
    municipalities: int
    suppliers: int
    current: str | None
    municipalities_on_current: int

    @property
    def total(self) -> int:
        return self.municipalities + self.suppliers

    @property
    def share_on_current(self) -> float | None:
        """Fraction of municipalities on the current version; None when undefined."""
        if self.current is None or self.municipalities == 0:
            return None
        return self.municipalities_on_current / self.municipalities


class RegisterError(VwoError):
    """Every problem found in the register file, each a ``VwoError`` with file and line."""

    def __init__(self, problems: list[VwoError]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.where, first.what, first.hint)

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def name_key(name: str) -> str:
    """Compare names as a reader would: case, accents and extra spaces do not count."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _known(values: Iterable[str]) -> str:
    return ", ".join(values) or "(none yet: no versions/*/version.yml)"


def _check_header(header: list[str], path: str) -> list[VwoError]:
    names = [cell.strip() for cell in header]
    expected = ",".join(COLUMNS)
    if len(names) == 1 and PRODUCT_SEPARATOR in names[0]:
        return [
            VwoError(
                f"{path}:1",
                "the columns are separated by ';', not ','",
                f"save as 'CSV UTF-8 (comma-separated)'; the first line must read: {expected}",
            )
        ]
    problems = [
        VwoError(f"{path}:1", f"missing column '{column}'", f"the first line must read: {expected}")
        for column in COLUMNS
        if column not in names
    ]
    problems += [
        VwoError(f"{path}:1", f"unknown column '{name}'", f"the first line must read: {expected}")
        for name in names
        if name not in COLUMNS
    ]
    if not problems and names != list(COLUMNS):
        problems.append(
            VwoError(f"{path}:1", "columns in another order", f"the first line must read: {expected}")
        )
    return problems


def _parse_row(
    cells: list[str], where: str, versions: dict[str, VersionInfo], today: date | None
) -> tuple[Entry | None, list[VwoError]]:
    row = {column: cell.strip() for column, cell in zip(COLUMNS, cells, strict=True)}
    line = int(where.rsplit(":", 1)[1])
    problems: list[VwoError] = []

    def problem(column: str, what: str, hint: str) -> None:
        problems.append(VwoError(where, f"{column}: {what}", hint))

    naam = " ".join(row["naam"].split())
    if not naam:
        problem("naam", "missing", "write the organisation's official name")
    kind = row["type"]
    if kind not in TYPES:
        problem("type", f"unknown type '{kind}'", "use one of: " + ", ".join(TYPES))
    products = tuple(p.strip() for p in row["producten"].split(PRODUCT_SEPARATOR) if p.strip())
    if kind == "leverancier" and not products:
        problem("producten", "missing for a leverancier", "name the product(s), separated by ';'")
    if kind == "gemeente" and products:
        problem("producten", "only for a leverancier", "leave producten empty for a gemeente")
    versie = row["versie"]
    info = versions.get(versie)
    published = _known(sorted(versions, key=version_key))
    if versie == CONCEPT:
        problem("versie", "'concept' is not a published version", f"use a published version: {published}")
    elif info is None:
        problem("versie", f"unknown version '{versie}'", f"known versions: {published}")
    sinds = parse_day(row["sinds"])
    if sinds is None:
        problem("sinds", f"'{row['sinds']}' is not a date", "write it as YYYY-MM-DD, e.g. 2019-03-01")
    elif today is not None and sinds > today:
        problem("sinds", f"{sinds.isoformat()} lies in the future", "use the date the version came in use")
    elif info is not None and sinds < info.published:
        problem(
            "sinds",
            f"{sinds.isoformat()} is before version {versie} was published ({info.published.isoformat()})",
            "check the date and the version",
        )
    bron = row["bron"]
    if bron not in SOURCES:
        problem("bron", f"unknown source '{bron}'", "use one of: " + ", ".join(SOURCES))
    if problems or sinds is None:
        return None, problems
    return Entry(naam, kind, products, versie, sinds, bron, line), []


def collect_register(
    text: str, versions: Sequence[VersionInfo], *, path: str = REGISTER_FILE, today: date | None = None
) -> tuple[Register, list[VwoError]]:
    """Parse the CSV text; returns the valid entries and every problem found."""
    known = {info.version: info for info in versions}
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    entries: list[Entry] = []
    problems: list[VwoError] = []
    seen: dict[str, int] = {}
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            where = f"{path}:{line}"
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = cells
                problems += _check_header(cells, path)
                if problems:
                    return Register(path, ()), problems
                continue
            if len(cells) != len(COLUMNS):
                problems.append(
                    VwoError(
                        where,
                        f"{len(cells)} fields instead of {len(COLUMNS)}",
                        "put a value containing ',' between double quotes",
                    )
                )
                continue
            entry, found = _parse_row(cells, where, known, today)
            problems += found
            if entry is None:
                continue
            key = name_key(entry.name)
            if key in seen:
                problems.append(
                    VwoError(
                        where,
                        f"naam: '{entry.name}' is already registered on line {seen[key]}",
                        "one row per organisation: update that row instead",
                    )
                )
                continue
            seen[key] = line
            entries.append(entry)
    except csv.Error as error:
        problems.append(VwoError(f"{path}:{reader.line_num}", f"not valid CSV: {error}", "check the quotes"))
    if header is None:
        problems.append(
            VwoError(f"{path}:1", "the file is empty", "the first line must read: " + ",".join(COLUMNS))
        )
    return Register(path, tuple(entries)), problems


def parse_register(
    text: str, versions: Sequence[VersionInfo], *, path: str = REGISTER_FILE, today: date | None = None
) -> Register:
    """Parse and validate; raises ``RegisterError`` listing every problem."""
    register, problems = collect_register(text, versions, path=path, today=today)
    if problems:
        raise RegisterError(problems)
    return register


def read_register_text(root: Path) -> str:
    path = root / REGISTER_FILE
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise VwoError(
            REGISTER_FILE, "file missing", "create it; its first line must read: " + ",".join(COLUMNS)
        ) from None
    except UnicodeDecodeError:
        raise VwoError(REGISTER_FILE, "not UTF-8", "save it as 'CSV UTF-8 (comma-separated)'") from None


def load_register(root: Path, versions: Sequence[VersionInfo], *, today: date | None = None) -> Register:
    return parse_register(read_register_text(root), versions, today=today)


def statistics(register: Register, versions: Sequence[VersionInfo]) -> Statistics:
    """Counts per published version (oldest first, zeros included) and per type."""
    current = current_version(versions)
    per_version = tuple(
        VersionCount(
            version=info.version,
            status=info.status,
            municipalities=sum(
                1 for e in register.entries if e.version == info.version and e.type == "gemeente"
            ),
            suppliers=sum(
                1 for e in register.entries if e.version == info.version and e.type == "leverancier"
            ),
        )
        for info in sorted(versions, key=lambda i: i.key)
    )
    gemeenten = [e for e in register.entries if e.type == "gemeente"]
    return Statistics(
        per_version=per_version,
        municipalities=len(gemeenten),
        suppliers=sum(1 for e in register.entries if e.type == "leverancier"),
        current=current.version if current else None,
        municipalities_on_current=sum(1 for e in gemeenten if current and e.version == current.version),
    )


def check_register(root: Path) -> list[str]:
    """``vwo check``: the register parses against the published versions."""
    try:
        versions = load_versions(root)
    except VwoError:
        return []  # check_versions reports a broken version.yml (once)
    try:
        _, problems = collect_register(read_register_text(root), versions, today=date.today())
    except VwoError as error:
        return [str(error)]
    return [str(problem) for problem in problems]


def form_version_problems(text: str, versions: Sequence[VersionInfo], *, path: str = FORM_FILE) -> list[str]:
    """The issue form's ``versie`` dropdown lists exactly the published versions, newest first."""
    try:
        form: Any = load(text, path).data  # vwo.strict_yaml: no aliases, tags or duplicate keys
    except VwoError as error:
        return [str(error)]
    fields = form.get("body", []) if isinstance(form, dict) else []
    field = next((f for f in fields if isinstance(f, dict) and f.get("id") == "versie"), None)
    lines = text.splitlines()
    line = next((n for n, t in enumerate(lines, 1) if t.strip() == "id: versie"), 1)
    expected = [info.version for info in sorted(versions, key=lambda i: i.key, reverse=True)]
    listed = _known(expected)
    if field is None:
        return [f"{path}:1: no field with 'id: versie'\nhint: add a dropdown listing: {listed}"]
    options = [str(o) for o in field.get("attributes", {}).get("options", [])]
    if options != expected:
        return [
            f"{path}:{line}: versie: the options {', '.join(options) or '(none)'} differ from the "
            f"published versions\nhint: list every published version, newest first: {listed}"
        ]
    return []


def check_register_form(root: Path) -> list[str]:
    """``vwo check``: the registration form offers every published version."""
    form = root / FORM_FILE
    if not form.is_file():
        return [f"{FORM_FILE}: file missing\nhint: the register page links to this issue form"]
    try:
        versions = load_versions(root)
    except VwoError:
        return []  # check_versions reports a broken version.yml (once)
    try:
        text = decode_text(form.read_bytes(), FORM_FILE)
    except VwoError as error:
        return [str(error)]
    return form_version_problems(text, versions)
