"""The commit trailers (CONTRIBUTING.md §2): allowed values and their validation (pure).

Used by ``vwo lint-commits`` (problems are findings) and by the site build (problems
are warnings). Keys are matched case-insensitively by git; values are trimmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from vwo.site.dates import parse_day
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
ACCEPTED = "aangenomen"
DECISIONS = (ACCEPTED, "verworpen", "aangehouden", "ingetrokken")
NOT_ACCEPTED = DECISIONS[1:]
"""Decisions after which a proposal changes no text (FORMATS.md §1)."""
FAR_REACHING = "ingrijpend"
COLLEGE = "College van Dienstverleningszaken"
"""The body whose latest decision adopts a far-reaching proposal (``vwo.history.model``)."""
GENERAL_ASSEMBLY = "Algemene Ledenvergadering VNG"
BODIES = ("Beheergroep VWO", "Toetsgroep", COLLEGE, "VNG Bestuur", GENERAL_ASSEMBLY)
SINGLE_VALUED = (PROPOSAL, KIND, DECISION, DECIDED_BY, DECIDED_ON, VERSION, STATUS)

PROPOSAL_RE = re.compile(r"^VWO-[0-9]{4}-[0-9]{3}\Z")
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
    return parse_day(value) is not None


_CLOSED = {KIND: KINDS, DECISION: DECISIONS, DECIDED_BY: BODIES, STATUS: STATUSES}


def exact_spelling(key: str, value: str) -> str | None:
    """The allowed value ``value`` means when only its case or spacing is off
    (``college van  dienstverleningszaken``), else None: the rules compare exactly."""
    wanted = " ".join(value.split()).casefold()
    return next((v for v in _CLOSED.get(key, ()) if v.casefold() == wanted), None)


def value_problem(key: str, value: str) -> str | None:
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
            what = value_problem(key, value)
            if what:
                exact = exact_spelling(key, value)
                if exact is not None:
                    what += f" (write it exactly '{exact}': the rules compare the exact spelling)"
                problems.append(
                    TrailerProblem(key, f"{key}: {what}", f"{key}: {exact or EXAMPLES[key]}", True)
                )
    if DECISION in trailers:
        for key in (PROPOSAL, DECIDED_BY, DECIDED_ON):
            if key not in trailers:
                what = f"a decision ({DECISION}) needs {key}"
                problems.append(TrailerProblem(key, what, f"{key}: {EXAMPLES[key]}", False))
    return problems
