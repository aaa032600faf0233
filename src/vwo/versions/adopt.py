"""``vwo adopt``: freeze the working text of ``docs/`` into ``versions/X.Y/``.

Pipeline: validate the request (canonical version number, dates in order, status) ->
read the repository (on a branch, clean, published versions and their lifecycle
events, far-reaching changes since the last version have a College decision, all in one
``git log``) -> under the repository lock: finish an adoption that was interrupted
after its commit -> the folder built from git's own objects (exactly the files git
tracks in ``docs/`` at HEAD, plus ``version.yml`` and the manifest), the text parsed
from those bytes, the ``vervangen`` events of the versions it supersedes appended to
``data/gebeurtenissen.yml`` -> blobs, a tree (in a temporary index), the commit with
trailers ``Versie``, ``Status`` and ``Versie-boom`` (the folder's tree) -> the ONE
visible step: the branch moved by compare-and-swap, then the index and working tree
brought along and the annotated tag ``vX.Y`` made, with signals held back.

Every refusal raises ``VwoError`` before anything visible changed; an interruption
before the branch moved leaves only objects nobody points at; one after it (only
SIGKILL can stop that step) is finished by the next ``vwo adopt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.git.log import added_commits, committer_date_raw
from vwo.git.log import commit as read_commit
from vwo.git.refs import create_tag, read_tags, repo_state, symbolic_head, update_ref
from vwo.git.repo import (
    index_tree,
    move_worktree,
    require_clean_tree,
    require_identity,
    require_no_tag,
    unstaged_changes,
)
from vwo.git.trees import FILE, Entry, commit_tree, object_ids, tree_with
from vwo.history.model import HistoryModel
from vwo.history.read import read_history
from vwo.history.records import CommitRecord
from vwo.history.trailers import COLLEGE, PROPOSAL
from vwo.interrupt import Interrupted, checkpoint, critical
from vwo.lock import repository_lock
from vwo.site.dates import parse_day
from vwo.text.inert import HINT_CHAR, describe, first_unshown
from vwo.versions.adoption import STATUS_TRAILER, TREE_TRAILER, VERSION_TRAILER, tag_message, tag_name
from vwo.versions.events import EVENTS_FILE, load_events
from vwo.versions.freeze import (
    build_folder,
    commit_message,
    folder_objects,
    one_line,
    register_blob,
    superseded_events,
)
from vwo.versions.model import (
    STATUSES,
    VERSION_FILE,
    VERSIONS_DIR,
    VersionInfo,
    is_version,
    load_versions,
    parse_version_yml,
    version_key,
)
from vwo.versions.register import events_for

DATE_FORMAT = "write it as YYYY-MM-DD, e.g. 2018-12-06"


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
    day = parse_day(value)
    if day is None:
        raise VwoError(option, f"'{value}' is not a valid date", DATE_FORMAT)
    return day


def version_data(request: Adoption, last: VersionInfo | None, today: date | None = None) -> dict[str, Any]:
    """The ``version.yml`` mapping, validated; refusals name the option."""
    if not is_version(request.version):
        raise VwoError(
            "X.Y",
            f"{request.version!r} is not a version number",
            "write it as MAJOR.MINOR in ASCII digits without leading zeros, e.g. 1.12 or 2.0",
        )
    if request.status not in STATUSES:
        raise VwoError("--status", f"unknown value '{request.status}'", "use one of: " + ", ".join(STATUSES))
    for option, value in (("--vastgesteld-door", request.adopted_by), ("--samenvatting", request.summary),
                          ("--force", request.force)):  # fmt: skip
        bad = first_unshown(value) if value else None
        if bad is not None:
            raise VwoError(option, f"contains {describe(bad)}", HINT_CHAR)
    day = _date("--date", request.day)
    assert day is not None
    start = _date("--pas-toe-of-leg-uit-vanaf", request.comply_or_explain_from)
    mandatory = _date("--verplicht-vanaf", request.mandatory_from)
    if last is not None and day < last.published:
        raise VwoError(
            "--date",
            f"{day} is before {last.published}, the date of version {last.version} that this one replaces",
            "a later version is published on or after the one before it; check the date",
        )
    latest = (today or date.today()) + timedelta(days=1)
    if day > latest:
        raise VwoError(
            "--date", f"{day} is in the future", "adopt a version on or after the day it is decided"
        )
    if request.status == "vastgesteld" and not one_line(request.adopted_by):
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
    if not one_line(request.summary):
        raise VwoError(
            "--samenvatting", "missing", "one paragraph, in Dutch, on what this version changes and why"
        )
    data: dict[str, Any] = {"versie": request.version, "status": request.status, "gepubliceerd_op": day}
    if request.adopted_by:
        data["vastgesteld_door"] = one_line(request.adopted_by)
    if start:
        data["pas_toe_of_leg_uit_vanaf"] = start
    if mandatory:
        data["verplicht_vanaf"] = mandatory
    if last is not None:
        data["vervangt"] = last.version
    data["samenvatting"] = one_line(request.summary)
    return data


def unresolved_far_reaching(since: list[CommitRecord], history: list[CommitRecord]) -> list[str]:
    """Far-reaching text changes in ``since`` that are not adopted, by the history model's
    one rule (``HistoryModel.unadopted_far_reaching``: the College's latest decision on the
    proposal, exact spelling; a text change's own ``Besluit`` does not excuse it)."""
    model = HistoryModel(history)
    problems = []
    for record in model.unadopted_far_reaching(since):
        proposal = record.value(PROPOSAL)
        college = model.college_decision(proposal) if proposal else None
        if college is not None and college.decision:
            on = f" of {college.decided_on}" if college.decided_on else ""
            state = f"{proposal}: the College's latest decision{on} is '{college.decision}'"
        else:
            state = f"{proposal}: no College decision" if proposal else "(no Voorstel trailer)"
        problems.append(f"commit {record.sha[:12]} ({record.subject}): {state}")
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


def _refuse_state(root: Path, version: str) -> tuple[str, str]:
    """HEAD and its branch, after the checks that adopting needs a full history on a branch."""
    state = repo_state(root)
    if state.shallow:
        raise VwoError(
            str(root), "shallow clone: the history is incomplete", "run 'git fetch --unshallow' first"
        )
    if state.head is None:
        raise VwoError(str(root), "the repository has no commits yet", "commit the text first")
    branch = symbolic_head(root)
    if branch is None or not branch.startswith("refs/heads/"):
        raise VwoError(
            str(root),
            f"HEAD is detached (not on a branch), so version {version} would be committed on no branch "
            "and lost at the next checkout",
            "switch to the branch first, e.g. git switch main",
        )
    return state.head, branch


def _request(root: Path, request: Adoption) -> tuple[list[VersionInfo], dict[str, Any]]:
    """The published versions and the new ``version.yml``, after every check of the request."""
    infos = load_versions(root)
    last = infos[-1] if infos else None
    data = version_data(request, last)
    if request.force is not None and not request.force.strip():
        raise VwoError(
            "--force", "the reason is empty", "say why, e.g. --force 'besluit College 2019-03-01 volgt'"
        )
    if last is not None and version_key(request.version) <= version_key(last.version):
        raise VwoError(
            f"{VERSIONS_DIR}/{request.version}",
            f"version {request.version} is not higher than the last published version {last.version}",
            "choose a higher number; published versions are never replaced",
        )
    return infos, data


def adopt(root: Path, request: Adoption, *, note: Any = print) -> str:
    """Freeze ``docs/`` as ``request.version`` and commit it; returns the commit sha."""
    _request(root, request)
    head, branch = _refuse_state(root, request.version)
    with repository_lock(root, f"adopt {request.version}"):
        head = finish_interrupted(root, head, branch, note)
        infos, data = _request(root, request)  # again: an adoption just finished counts too
        return _adopt_locked(root, request, data, infos, head, branch)


def _adopt_locked(
    root: Path, request: Adoption, data: dict[str, Any], infos: list[VersionInfo], head: str, branch: str
) -> str:
    target = f"{VERSIONS_DIR}/{request.version}"
    if (root / target).exists() or (root / target).is_symlink():
        raise VwoError(target, "already exists", "choose a higher number")
    require_no_tag(root, tag_name(request.version), "version")
    require_clean_tree(root)
    events = events_for(infos, load_events(root))
    records = list(read_history(root).commits)  # with the paths: only text changes need the College
    last = infos[-1].version if infos else None
    unresolved = unresolved_far_reaching(_commits_since(records, root, last), records)
    if unresolved and request.force is None:
        raise VwoError(
            "git log",
            "far-reaching (Soort: ingrijpend) change without a decision of the "
            f"{COLLEGE} since {last or 'the start'}: " + "; ".join(unresolved),
            f"record the decision (an empty commit with 'Voorstel', 'Besluit: aangenomen' and "
            f"'Besloten-door: {COLLEGE}'), or pass --force 'reason'",
        )
    require_identity(root)
    folder = build_folder(root, head, data, request.version)
    new_info = parse_version_yml(yaml.safe_load(folder.files[VERSION_FILE]), f"{target}/{VERSION_FILE}")
    added = superseded_events(infos, events, new_info)
    files = folder_objects(root, target, folder)
    notes = []
    if added:
        register = register_blob(root, head, added, [*infos, new_info])
        files[EVENTS_FILE] = Entry(FILE, register)
        names = ", ".join(entry["versie"] for entry in added)
        notes.append(f"In {EVENTS_FILE} vastgelegd: versie {names} vervangen door versie {request.version}.")
    tree = tree_with(root, head, files)
    found = object_ids(root, [f"{tree}:{target}"])[f"{tree}:{target}"]
    assert found is not None and found[1] == "tree"
    summary = one_line(request.summary)
    message = commit_message(request.version, request.status, summary, request.force, found[0], notes)
    sha = commit_tree(root, tree, [head], message)
    checkpoint("adopt-ref")
    try:
        with critical():
            update_ref(root, branch, sha, old=head, reason=f"vwo adopt {request.version}")
            checkpoint("adopt-worktree")
            move_worktree(root, head, sha)
            _tag(root, request.version, request.status, data["gepubliceerd_op"].isoformat(), found[0], sha)
    except Interrupted as stop:
        stop.note = f"version {request.version} was committed ({sha[:12]}) and tagged all the same"
        raise
    return sha


def _tag(root: Path, version: str, status: str, day: str, tree: str, sha: str) -> None:
    message = tag_message(version, status, day, tree)
    create_tag(root, tag_name(version), sha, message, date=committer_date_raw(root, sha))


def finish_interrupted(root: Path, head: str, branch: str, note: Any = print) -> str:
    """If the last ``vwo adopt`` was stopped after it moved the branch (only SIGKILL can do
    that), bring the index and working tree along and make its tag; returns HEAD."""
    record = read_commit(root, head, changes=False, keys=(VERSION_TRAILER, STATUS_TRAILER, TREE_TRAILER))
    version, tree = record.value(VERSION_TRAILER), record.value(TREE_TRAILER)
    if version is None or tree is None or len(record.parents) != 1:
        return head
    parent = record.parents[0]
    parent_tree = object_ids(root, [f"{parent}^{{tree}}"])[f"{parent}^{{tree}}"]
    behind = parent_tree is not None and index_tree(root) == parent_tree[0]
    if behind and not unstaged_changes(root) and not (root / VERSIONS_DIR / version).exists():
        move_worktree(root, parent, head)
        note(f"vwo adopt: de onderbroken vaststelling van versie {version} is afgemaakt")
    if tag_name(version) not in read_tags(root, tag_name(version)):
        status = record.value(STATUS_TRAILER) or ""
        info_day = _published_day(root, version)
        if info_day is not None:
            _tag(root, version, status, info_day, tree, head)
    return head


def _published_day(root: Path, version: str) -> str | None:
    path = root / VERSIONS_DIR / version / VERSION_FILE
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    value = data.get("gepubliceerd_op") if isinstance(data, dict) else None
    return value.isoformat() if isinstance(value, date) else str(value) if value else None
