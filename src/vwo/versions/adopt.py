"""``vwo adopt``: freeze the working text of ``docs/`` into ``versions/X.Y/``.

Pipeline: validate the request (version, dates, status) -> read the repository
(clean tree, published versions, the agreement parses, far-reaching changes since
the last version have a College decision, all in one ``git log``) -> write the folder
under a temporary name (text, ``version.yml``, manifest) -> rename -> commit with
trailers ``Versie`` and ``Status``. Every refusal raises ``VwoError`` before anything
is written; a failed commit removes the folder again.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.git.log import added_commits, log
from vwo.git.refs import repo_state
from vwo.git.repo import commit_paths, identity, status_lines, unstage
from vwo.history.records import CommitRecord
from vwo.text.coverage import coverage_of
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, COVERAGE_FILE, EXPLANATION_FILE
from vwo.text.parse import load_agreement
from vwo.versions import manifest
from vwo.versions.model import (
    STATUSES,
    VERSION_FILE,
    VERSION_RE,
    VERSIONS_DIR,
    load_versions,
    parse_version_yml,
    version_key,
)

COLLEGE = "College van Dienstverleningszaken"
NOT_ADOPTED = frozenset({"verworpen", "aangehouden", "ingetrokken"})
TRAILER_KEYS = ("Versie", "Soort", "Voorstel", "Besluit", "Besloten-door")


@dataclass(frozen=True)
class Adoption:
    """What ``vwo adopt`` was asked to record."""

    version: str
    status: str
    day: str
    adopted_by: str | None = None
    comply_or_explain_from: str | None = None
    mandatory_from: str | None = None
    summary: str | None = None
    force: str | None = None


def _date(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise VwoError(
            option, f"'{value}' is not a valid date", "write it as YYYY-MM-DD, e.g. 2018-12-06"
        ) from None


def version_data(request: Adoption, vervangt: str | None) -> dict[str, Any]:
    """The ``version.yml`` mapping, validated; refusals name the option."""
    if not VERSION_RE.match(request.version):
        raise VwoError("X.Y", f"'{request.version}' is not a version number", "write it as X.Y, e.g. 1.11")
    if request.status not in STATUSES:
        raise VwoError("--status", f"unknown value '{request.status}'", "use one of: " + ", ".join(STATUSES))
    day = _date("--date", request.day)
    start = _date("--pas-toe-of-leg-uit-vanaf", request.comply_or_explain_from)
    mandatory = _date("--verplicht-vanaf", request.mandatory_from)
    if request.status == "vastgesteld" and not request.adopted_by:
        raise VwoError(
            "--vastgesteld-door", "missing for a vastgesteld version", f"e.g. --vastgesteld-door '{COLLEGE}'"
        )
    if request.status == "consultatie" and (request.adopted_by or mandatory):
        raise VwoError(
            "--status consultatie",
            "a consultation version is not adopted and not mandatory",
            "drop --vastgesteld-door and --verplicht-vanaf, or use --status vastgesteld",
        )
    if start and mandatory and mandatory < start:
        raise VwoError(
            "--verplicht-vanaf",
            f"{mandatory} is before --pas-toe-of-leg-uit-vanaf {start}",
            "check the dates",
        )
    if not (request.summary or "").strip():
        raise VwoError(
            "--samenvatting", "missing", "one paragraph, in Dutch, on what this version changes and why"
        )
    data: dict[str, Any] = {"versie": request.version, "status": request.status, "gepubliceerd_op": day}
    if request.adopted_by:
        data["vastgesteld_door"] = request.adopted_by
    if start:
        data["pas_toe_of_leg_uit_vanaf"] = start
    if mandatory:
        data["verplicht_vanaf"] = mandatory
    if vervangt:
        data["vervangt"] = vervangt
    data["samenvatting"] = " ".join((request.summary or "").split())
    return data


def unresolved_far_reaching(since: list[CommitRecord], history: list[CommitRecord]) -> list[str]:
    """Far-reaching commits in ``since`` whose proposal has no adopting College decision."""
    decided = {
        proposal
        for record in history
        if (record.value("Besloten-door") or "").casefold() == COLLEGE.casefold()
        and (record.value("Besluit") or "").casefold() == "aangenomen"
        for proposal in record.values("Voorstel")
    }
    problems = []
    for record in since:
        if "ingrijpend" not in {value.casefold() for value in record.values("Soort")}:
            continue
        if (record.value("Besluit") or "").casefold() in NOT_ADOPTED:
            continue  # a proposal that was not accepted changes nothing
        proposals = record.values("Voorstel")
        missing = [p for p in proposals if p not in decided] or (
            [] if proposals else ["(no Voorstel trailer)"]
        )
        if missing:
            problems.append(f"commit {record.sha[:12]} ({record.subject}): {', '.join(missing)}")
    return problems


def _commits_since(records: list[CommitRecord], root: Path, last: str | None) -> list[CommitRecord]:
    if last is None:
        return records
    for index, record in enumerate(records):
        if last in record.values("Versie"):
            return records[:index]
    # Folder made without `vwo adopt`: fall back to the commit that added its version.yml.
    added = added_commits(root, [f"{VERSIONS_DIR}/{last}/{VERSION_FILE}"])
    found = added.get(f"{VERSIONS_DIR}/{last}/{VERSION_FILE}")
    shas = [r.sha for r in records]
    return records[: shas.index(found.sha)] if found and found.sha in shas else records


def _write_folder(root: Path, target: Path, data: dict[str, Any]) -> None:
    """Write the version folder under a temporary name, then rename it into place."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        docs = root / "docs"
        for name in (AGREEMENT_FILE, EXPLANATION_FILE, COVERAGE_FILE):
            if (docs / name).is_file():
                shutil.copy2(docs / name, staging / name)
        if (docs / ANNEX_DIR).is_dir():
            shutil.copytree(
                docs / ANNEX_DIR, staging / ANNEX_DIR, ignore=shutil.ignore_patterns(".*", "__pycache__")
            )
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
        (staging / VERSION_FILE).write_text(text, encoding="utf-8")
        parse_version_yml(yaml.safe_load(text), f"{VERSIONS_DIR}/{target.name}/{VERSION_FILE}")
        (staging / manifest.MANIFEST_FILE).write_text(
            manifest.dumps(manifest.compute(staging)), encoding="utf-8"
        )
        staging.chmod(0o755)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def commit_message(request: Adoption) -> str:
    verb = "vastgesteld" if request.status == "vastgesteld" else "ter consultatie gepubliceerd"
    body = " ".join((request.summary or "").split())
    message = f"Versie {request.version} {verb}\n\n{body}"
    if request.force:
        message += f"\n\nGeforceerd ondanks een ingrijpende wijziging zonder besluit: {request.force}"
    return message


def adopt(root: Path, request: Adoption) -> str:
    """Freeze ``docs/`` as ``request.version`` and commit it; returns the commit sha."""
    infos = load_versions(root)
    last = infos[-1].version if infos else None
    data = version_data(request, last)
    if request.force is not None and not request.force.strip():
        raise VwoError(
            "--force", "the reason is empty", "say why, e.g. --force 'besluit College 2019-03-01 volgt'"
        )
    state = repo_state(root)
    if state.shallow:
        raise VwoError(
            str(root), "shallow clone: the history is incomplete", "run 'git fetch --unshallow' first"
        )
    if last is not None and version_key(request.version) <= version_key(last):
        raise VwoError(
            f"{VERSIONS_DIR}/{request.version}",
            f"version {request.version} is not higher than the last published version {last}",
            "choose a higher number; published versions are never replaced",
        )
    target = root / VERSIONS_DIR / request.version
    if target.exists():
        raise VwoError(f"{VERSIONS_DIR}/{request.version}", "already exists", "choose a higher number")
    dirty = status_lines(root)
    if dirty:
        shown = "; ".join(line.strip() for line in dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise VwoError(
            str(root), f"the working tree has uncommitted changes: {shown}", "commit or stash them first"
        )
    load_agreement(root / "docs", display="docs")
    coverage_of(root / "docs", display="docs")  # a frozen dekking.yml can never be fixed
    records = list(log(root, [state.head], changes=False, keys=TRAILER_KEYS)) if state.head else []
    unresolved = unresolved_far_reaching(_commits_since(records, root, last), records)
    if unresolved and request.force is None:
        raise VwoError(
            "git log",
            "far-reaching (Soort: ingrijpend) change without a decision of the "
            f"{COLLEGE} since {last or 'the start'}: " + "; ".join(unresolved),
            f"record the decision (an empty commit with 'Voorstel', 'Besluit: aangenomen' and "
            f"'Besloten-door: {COLLEGE}'), or pass --force 'reason'",
        )
    if identity(root) is None:
        raise VwoError(str(root), "git has no committer identity", "set git config user.name and user.email")
    created = not (root / VERSIONS_DIR).exists()
    (root / VERSIONS_DIR).mkdir(exist_ok=True)
    try:
        _write_folder(root, target, data)
    except BaseException:
        if created:
            (root / VERSIONS_DIR).rmdir()
        raise
    trailers = [("Versie", request.version), ("Status", request.status)]
    if request.force is not None:
        trailers.append(("Geforceerd", " ".join(request.force.split())))
    try:
        return commit_paths(root, [f"{VERSIONS_DIR}/{request.version}"], commit_message(request), trailers)
    except BaseException:
        unstage(root, [f"{VERSIONS_DIR}/{request.version}"])
        shutil.rmtree(target, ignore_errors=True)
        if created:
            (root / VERSIONS_DIR).rmdir()
        raise
