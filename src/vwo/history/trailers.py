"""The commit trailers (CONTRIBUTING.md §2): allowed values and their validation (pure).

Used by ``vwo lint-commits`` (problems are findings) and by the site build (problems
are warnings). Keys are matched case-insensitively by git; values are trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from vwo.versions.model import STATUSES, VERSION_RE

PROPOSAL = "Voorstel"
PROPOSER = "Indiener"
KIND = "Soort"
DECISION = "Besluit"
DECIDED_BY = "Besloten-door"
DECIDED_ON = "Besloten-op"
ARTICLE = "Artikel"
VERSION = "Versie"
STATUS = "Status"
KNOWN_KEYS = (PROPOSAL, PROPOSER, KIND, DECISION, DECIDED_BY, DECIDED_ON, ARTICLE, VERSION, STATUS)
"""The trailers the history reads (matched case-insensitively, as git does)."""

KINDS = ("redactioneel", "inhoudelijk", "ingrijpend")
DECISIONS = ("aangenomen", "verworpen", "aangehouden", "ingetrokken")
COLLEGE = "College van Dienstverleningszaken"
BODIES = ("Beheergroep VWO", "Toetsgroep", COLLEGE, "VNG Bestuur")
SINGLE_VALUED = (PROPOSAL, KIND, DECISION, DECIDED_BY, DECIDED_ON, VERSION, STATUS)

PROPOSAL_RE = re.compile(r"^VWO-\d{4}-\d{3}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

EXAMPLES = {
    PROPOSAL: "VWO-2019-003",
    PROPOSER: "Gemeente Utrecht",
    KIND: "redactioneel",
    DECISION: "aangenomen",
    DECIDED_BY: "Beheergroep VWO",
    DECIDED_ON: "2019-03-14",
    ARTICLE: "subverwerkers",
    VERSION: "1.1",
    STATUS: "vastgesteld",
}


@dataclass(frozen=True)
class TrailerProblem:
    """``key`` has a bad or missing value; ``fix`` is a valid ``Key: value`` line to write
    (a placeholder the author adapts), ``replace`` says whether it replaces a trailer."""

    key: str
    what: str
    fix: str
    replace: bool


def is_date(value: str) -> bool:
    if not DATE_RE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_value(key: str, value: str) -> str | None:
    """What is wrong with ``value`` for ``key``, or None."""
    if key == PROPOSAL and not PROPOSAL_RE.match(value):
        return f"'{value}' is not a proposal id of the form VWO-YYYY-NNN"
    if key == KIND and value not in KINDS:
        return f"'{value}' is not one of: {', '.join(KINDS)}"
    if key == DECISION and value not in DECISIONS:
        return f"'{value}' is not one of: {', '.join(DECISIONS)}"
    if key == DECIDED_BY and value not in BODIES:
        return f"'{value}' is not one of: {', '.join(BODIES)}"
    if key == DECIDED_ON and not is_date(value):
        return f"'{value}' is not a date YYYY-MM-DD"
    if key == ARTICLE and not ID_RE.match(value):
        return f"'{value}' is not an article id (lower-case letters, digits, hyphens)"
    if key == VERSION and not VERSION_RE.match(value):
        return f"'{value}' is not a version X.Y"
    if key == STATUS and value not in STATUSES:
        return f"'{value}' is not one of: {', '.join(STATUSES)}"
    return None


def trailer_problems(trailers: Mapping[str, tuple[str, ...]]) -> list[TrailerProblem]:
    """Bad values of known keys, repeated single-valued keys, incomplete decisions."""
    problems: list[TrailerProblem] = []
    for key, values in trailers.items():
        if key in SINGLE_VALUED and len(set(values)) > 1:
            problems.append(
                TrailerProblem(key, f"{key} given {len(values)} times ({', '.join(values)})", "", False)
            )
        for value in values:
            what = _check_value(key, value)
            if what:
                problems.append(TrailerProblem(key, f"{key}: {what}", f"{key}: {EXAMPLES[key]}", True))
    if DECISION in trailers:
        for key in (PROPOSAL, DECIDED_BY, DECIDED_ON):
            if key not in trailers:
                what = f"a decision ({DECISION}) needs {key}"
                problems.append(TrailerProblem(key, what, f"{key}: {EXAMPLES[key]}", False))
    return problems
