"""AVG coverage: which legal provisions each article, clause or annex implements.

Pipeline: ``dekking.yml`` beside the agreement text (``docs/`` or ``versions/X.Y/``) ->
``vwo.strict_yaml`` (no aliases, duplicate keys or tags; a line for every value) -> shape
(``dekking``: anchor -> codes, ``niet-gedekt``: code -> reason) -> validated against the
agreement model (every key an article id, clause anchor ``<article-id>-<n>`` or annex id)
and the closed list ``vwo.text.provisions`` (every code known, every required provision
covered or deliberately not covered with a reason, never both) -> ``Coverage``.

Every problem is a ``VwoError`` naming ``<folder>/dekking.yml:<line>`` with a hint; all
problems of a file are collected, so ``vwo check`` shows them at once.

Public API (the AVG-toets page, the comparison and the toets feature read it):
``coverage_of(folder) -> Coverage | None`` and ``Coverage.provisions_for(anchor)``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from vwo import strict_yaml
from vwo.errors import VwoError
from vwo.text.model import COVERAGE_FILE, Agreement
from vwo.text.parse import load_agreement
from vwo.text.provisions import BY_CODE, REQUIRED, list_order

COVERED = "dekking"
NOT_COVERED = "niet-gedekt"
CLAUSE_KEY = re.compile(r"^(?P<article>.+)-(?P<lid>[1-9][0-9]*)$")
CODES_HINT = "use a code of the closed list in src/vwo/text/provisions.py (CONTRIBUTING.md, AVG-toets)"

Kind = Literal["artikel", "lid", "bijlage"]


@dataclass(frozen=True)
class Entry:
    """One key of ``dekking``: what it names and the provisions recorded for it."""

    anchor: str  # the key: an article id, a clause anchor or an annex id
    kind: Kind
    article_id: str | None  # the article of an "artikel" or "lid" entry
    provisions: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class NotCovered:
    code: str
    reason: str
    line: int


@dataclass(frozen=True)
class Coverage:
    where: str  # e.g. docs/dekking.yml
    entries: tuple[Entry, ...]  # in the file's order
    not_covered: tuple[NotCovered, ...]

    def provisions_for(self, anchor: str) -> tuple[str, ...]:
        """The codes recorded for exactly this article id, clause anchor or annex id."""
        return next((e.provisions for e in self.entries if e.anchor == anchor), ())

    def provisions_of_article(self, article_id: str) -> tuple[str, ...]:
        """The codes recorded for the article itself or any of its clauses, in list order."""
        codes = {c for e in self.entries if e.article_id == article_id for c in e.provisions}
        return tuple(p.code for p in list_order(codes))

    def entries_for(self, code: str) -> tuple[Entry, ...]:
        """The articles, clauses and annexes that record ``code``, in the file's order."""
        return tuple(e for e in self.entries if code in e.provisions)

    def reason(self, code: str) -> str | None:
        return next((n.reason for n in self.not_covered if n.code == code), None)

    @property
    def covered(self) -> frozenset[str]:
        return frozenset(c for e in self.entries for c in e.provisions)


class CoverageError(VwoError):
    """Every problem of one ``dekking.yml``; ``str()`` lists them, one ``error:`` each."""

    def __init__(self, problems: Iterable[VwoError]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(first.where, first.what, first.hint)

    def __str__(self) -> str:
        return "\nerror: ".join(VwoError.__str__(p) for p in self.problems)


def _code(value: Any) -> str | None:
    """A code as text; YAML reads an unquoted ``29`` as a number, which is meant the same."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    return value if isinstance(value, str) else None


def _similar(word: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(candidates), n=3, cutoff=0.6)
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""


class _Reader:
    """Collects the problems of one file while building its ``Coverage``."""

    def __init__(self, doc: strict_yaml.Document, agreement: Agreement) -> None:
        self.doc = doc
        self.agreement = agreement
        self.problems: list[VwoError] = []

    def problem(self, path: tuple[str | int, ...], what: str, hint: str) -> None:
        self.problems.append(VwoError(self.doc.at(*path), what, hint))

    def target(self, key: str) -> tuple[Kind, str | None] | None:
        if self.agreement.article(key) is not None:
            return "artikel", key
        if self.agreement.annex(key) is not None:
            return "bijlage", None
        match = CLAUSE_KEY.match(key)
        article = self.agreement.article(match["article"]) if match else None
        if match and article is not None:
            lids = [c.lid for c in article.clauses]
            if int(match["lid"]) in lids:
                return "lid", article.id
            self.problem(
                (COVERED, key),
                f"'{key}': {article.heading} has no clause {article.number}.{match['lid']}",
                f"its clauses are {article.id}-1 to {article.id}-{max(lids)}"
                if lids
                else "it has no numbered clauses: use the article id",
            )
            return None
        anchors = [*self.agreement.ids, *(c.anchor for c in self.agreement.clauses())]
        self.problem(
            (COVERED, key),
            f"'{key}' is not an article, clause or annex of this text",
            " ".join(
                filter(
                    None,
                    [
                        _similar(key, anchors),
                        "write an article id ('subverwerkers'), a clause anchor ('subverwerkers-2') "
                        "or an annex id ('bijlage-beveiliging')",
                    ],
                )
            ),
        )
        return None

    def codes(self, key: str, value: Any) -> tuple[str, ...]:
        path = (COVERED, key)
        if not isinstance(value, list) or not value:
            self.problem(path, f"'{key}': expected a list of provision codes", f'write {key}: ["28(3)(a)"]')
            return ()
        out: list[str] = []
        for index, item in enumerate(value):
            code = _code(item)
            if code is None:
                self.problem((*path, index), f"'{key}': {item!r} is not a provision code", CODES_HINT)
            elif code not in BY_CODE:
                hint = " ".join(filter(None, [_similar(code, BY_CODE), CODES_HINT]))
                self.problem((*path, index), f"'{key}': unknown provision '{code}'", hint)
            elif code in out:
                self.problem((*path, index), f"'{key}': '{code}' is listed twice", "name each provision once")
            else:
                out.append(code)
        return tuple(out)

    def entries(self, section: Any) -> list[Entry]:
        if section is None:
            return []
        if not isinstance(section, dict):
            self.problem(
                (COVERED,), f"'{COVERED}' must map anchors to codes", 'e.g. instructies-1: ["28(3)(a)"]'
            )
            return []
        out = []
        for key, value in section.items():
            if not isinstance(key, str):
                self.problem(
                    (COVERED, key), f"'{key}' is not an anchor", "write an article id or clause anchor"
                )
                continue
            codes = self.codes(key, value)
            target = self.target(key)
            if target is not None and codes:
                kind, article_id = target
                out.append(Entry(key, kind, article_id, codes, self.doc.line(COVERED, key)))
        return out

    def not_covered(self, section: Any) -> list[NotCovered]:
        if section is None:
            return []
        if not isinstance(section, dict):
            self.problem(
                (NOT_COVERED,), f"'{NOT_COVERED}' must map codes to reasons", '"26": Waarom niet geregeld.'
            )
            return []
        out = []
        for key, reason in section.items():
            code = _code(key)
            path = (NOT_COVERED, key)
            if code is None or code not in BY_CODE:
                hint = " ".join(filter(None, [_similar(str(key), BY_CODE), CODES_HINT]))
                self.problem(path, f"unknown provision '{key}'", hint)
            elif not isinstance(reason, str) or not reason.strip():
                self.problem(
                    path,
                    f"'{code}' is marked not covered without a reason",
                    "say in a sentence or two why the agreement deliberately leaves it out",
                )
            else:
                out.append(NotCovered(code, " ".join(reason.split()), self.doc.line(*path)))
        return out

    def read(self) -> Coverage:
        data = self.doc.data
        if not isinstance(data, dict):
            self.problem(
                (), "expected a mapping with 'dekking' and 'niet-gedekt'", "see CONTRIBUTING.md, AVG-toets"
            )
            return Coverage(self.doc.where, (), ())
        for key in data:
            if key not in (COVERED, NOT_COVERED):
                self.problem(
                    (key,), f"unknown key '{key}'", f"the file holds only '{COVERED}' and '{NOT_COVERED}'"
                )
        coverage = Coverage(
            self.doc.where,
            tuple(self.entries(data.get(COVERED))),
            tuple(self.not_covered(data.get(NOT_COVERED))),
        )
        self.cross_check(coverage, data)
        return coverage

    def cross_check(self, coverage: Coverage, data: dict[Any, Any]) -> None:
        for item in coverage.not_covered:
            covering = coverage.entries_for(item.code)
            if covering:
                self.problems.append(
                    VwoError(
                        f"{self.doc.where}:{item.line}",
                        f"'{item.code}' is marked not covered, but '{covering[0].anchor}' "
                        f"(line {covering[0].line}) records it",
                        f"remove it from '{NOT_COVERED}' or from the articles that record it",
                    )
                )
        marked = {n.code for n in coverage.not_covered}
        at = (NOT_COVERED,) if NOT_COVERED in data else (COVERED,) if COVERED in data else ()
        for code in REQUIRED:
            if code not in coverage.covered and code not in marked:
                self.problem(
                    at,
                    f"required provision '{code}' ({BY_CODE[code].citation}) is covered by no article "
                    "and not marked as deliberately not covered",
                    f"record it under '{COVERED}' on the article or clause that implements it, "
                    f"or list it under '{NOT_COVERED}' with the reason",
                )


def check_coverage_text(
    text: str | bytes, where: str, agreement: Agreement
) -> tuple[Coverage | None, tuple[VwoError, ...]]:
    """The coverage in ``text`` and every problem with it (``None`` if it cannot be read)."""
    try:
        doc = strict_yaml.load(text, where)
    except VwoError as error:
        return None, (error,)
    reader = _Reader(doc, agreement)
    coverage = reader.read()
    return coverage, tuple(reader.problems)


def parse_coverage(text: str | bytes, where: str, agreement: Agreement) -> Coverage:
    """The coverage in ``text``; raises ``CoverageError`` with every problem."""
    coverage, problems = check_coverage_text(text, where, agreement)
    if problems or coverage is None:
        raise CoverageError(problems)
    return coverage


def load_coverage(folder: Path, agreement: Agreement, *, display: str | None = None) -> Coverage | None:
    """The validated ``dekking.yml`` of a text folder, or ``None`` if it has none."""
    path = folder / COVERAGE_FILE
    if not path.is_file():
        return None
    where = f"{(display if display is not None else str(folder)).rstrip('/')}/{COVERAGE_FILE}"
    return parse_coverage(path.read_bytes(), where, agreement)


def coverage_of(folder: Path, *, display: str | None = None) -> Coverage | None:
    """The validated coverage of the text in ``folder`` (``docs/`` or ``versions/X.Y/``),
    or ``None`` when no coverage was recorded; raises ``VwoError`` on a bad text or file."""
    if not (folder / COVERAGE_FILE).is_file():
        return None
    return load_coverage(folder, load_agreement(folder, display=display), display=display)


def check_coverage(root: Path) -> list[str]:
    """``vwo check``: ``docs/dekking.yml`` (when present) and each version's frozen one.
    A text that does not parse is reported by the other checks; its coverage is skipped."""
    folders = [("docs", root / "docs")]
    versions = root / "versions"
    if versions.is_dir():
        folders += [(f"versions/{p.name}", p) for p in sorted(versions.iterdir()) if p.is_dir()]
    problems: list[str] = []
    for display, folder in folders:
        path = folder / COVERAGE_FILE
        if not path.is_file():
            continue
        try:
            agreement = load_agreement(folder, display=display)
        except VwoError:
            continue
        _, found = check_coverage_text(path.read_bytes(), f"{display}/{COVERAGE_FILE}", agreement)
        problems.extend(str(p) for p in found)
    return problems
