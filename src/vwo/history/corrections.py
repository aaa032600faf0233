"""Corrections of the record: trailers of commits already on ``main`` (FORMATS.md §2).

A commit message on ``main`` can never be rewritten, so a typo in a trailer (a squash
merge's ``Soort: inhoudelijk`` that should read ``redactioneel``) is corrected in an
append-only file, ``data/correcties.yml``: commit id, the corrected trailers (each key
replaces all values of that key; ``[]`` removes it), who corrected it, when and why.

Pipeline: the file's bytes -> ``vwo.strict_yaml`` (no aliases, duplicate keys or tags;
``file:line`` in every refusal) -> ``Correction`` entries, each validated on its own
(``parse_corrections``) -> applied to the ``CommitRecord``s by the history reader
(``vwo.history.read``), before the changelog, the decision log, the feeds and the
exports see them (``apply_corrections``): the record holds the corrected trailers and a
``TrailerCorrection`` per key (old value, new value, who, when, why) for the site.

``vwo check`` (``check_corrections``) adds what needs the repository: each commit is
reachable from HEAD, the corrected record is consistent, and the file only grew: every
entry of every earlier commit of the file (ONE ``git log`` over the file, its blobs in ONE
``git cat-file --batch``) is still there, unchanged and in its place. An earlier version
of the file that was itself invalid does not count, so a bad entry can be repaired.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from vwo.errors import VwoError
from vwo.git.log import file_versions, log
from vwo.git.refs import OBJECT_ID, repo_state
from vwo.git.run import NoGitError
from vwo.history.records import HISTORY_PATHS, CommitRecord, TrailerCorrection
from vwo.history.trailers import (
    ARTICLE,
    BODIES,
    DECIDED_BY,
    DECIDED_ON,
    DECISION,
    KIND,
    KNOWN_KEYS,
    NOT_ACCEPTED,
    PROPOSAL,
    PROPOSER,
    SINGLE_VALUED,
    exact_spelling,
    trailer_problems,
    value_problem,
)
from vwo.strict_yaml import Document, as_date, as_text, load
from vwo.text.inert import HINT_CHAR, describe, first_unshown

CORRECTIONS_FILE = "data/correcties.yml"
CORRECTABLE = (PROPOSAL, PROPOSER, KIND, DECISION, DECIDED_BY, DECIDED_ON, ARTICLE)
"""The trailers a correction may set; ``Versie`` and ``Status`` belong to ``vwo adopt``
(the facts of a version are corrected in ``data/gebeurtenissen.yml``)."""
ENTRY_KEYS = ("commit", "trailers", "door", "op", "reden")
MAX_BYTES = 256_000
HINT_APPEND = (
    "the file only grows: put the entry back as it was (see 'git show {commit}:{path}') and add "
    "a new entry below it for what changed"
)


@dataclass(frozen=True)
class Correction:
    """One entry of ``data/correcties.yml``; ``line`` is where it starts."""

    commit: str
    trailers: tuple[tuple[str, tuple[str, ...]], ...]
    by: str
    on: date
    reason: str
    line: int


def _text(doc: Document, value: Any, *path: str | int) -> str:
    text = as_text(doc, value, *path).strip()
    bad = first_unshown(text)
    if bad is not None:
        raise VwoError(doc.at(*path), f"{path[-1]}: contains {describe(bad)}", HINT_CHAR)
    return text


def _values(doc: Document, index: int, key: str, value: Any) -> tuple[str, ...]:
    path = (index, "trailers", key)
    items = value if isinstance(value, list) else [value]
    # A date written unquoted (Besloten-op: 2020-03-12) reads as a YAML date: as_date
    # refuses times; the trailer holds the ISO form.
    values = tuple(
        as_date(doc, item, *path).isoformat() if isinstance(item, date) else _text(doc, item, *path)
        for item in items
    )
    if key in SINGLE_VALUED and len(values) > 1:
        raise VwoError(doc.at(*path), f"{key}: one value, not {len(values)}", f"write {key}: <value>")
    for item in values:
        what = value_problem(key, item)
        if what is not None:
            exact = exact_spelling(key, item)
            hint = (
                f"write it exactly: {key}: {exact}" if exact else "give the value the trailer should have had"
            )
            raise VwoError(doc.at(*path), f"{key}: {what}", hint)
    return values


def _entry(doc: Document, index: int, entry: Any) -> Correction:
    if not isinstance(entry, dict):
        raise VwoError(doc.at(index), "an entry is a mapping with " + ", ".join(ENTRY_KEYS), _FORMAT_HINT)
    for key in entry:
        if key not in ENTRY_KEYS:
            raise VwoError(doc.at(index, key), f"unknown key '{key}'", "allowed: " + ", ".join(ENTRY_KEYS))
    for key in ENTRY_KEYS:
        if entry.get(key) is None:
            raise VwoError(doc.at(index), f"{key}: missing", _FORMAT_HINT)
    commit = as_text(doc, entry["commit"], index, "commit").strip()
    if not OBJECT_ID.fullmatch(commit):
        raise VwoError(
            doc.at(index, "commit"),
            f"commit: '{commit[:50]}' is not a full commit id",
            "give all 40 characters, in lower case: git rev-parse <commit>",
        )
    trailers = entry["trailers"]
    if not isinstance(trailers, dict) or not trailers:
        raise VwoError(
            doc.at(index, "trailers"), "trailers: expected a mapping of trailer to value", _FORMAT_HINT
        )
    corrected: list[tuple[str, tuple[str, ...]]] = []
    for key, value in trailers.items():
        name = str(key)
        if name not in CORRECTABLE:
            spelled = next((k for k in KNOWN_KEYS if k.lower() == name.lower()), None)
            hint = (
                f"write it as {spelled}"
                if spelled in CORRECTABLE
                else "correctable: " + ", ".join(CORRECTABLE)
            )
            raise VwoError(
                doc.at(index, "trailers", key), f"trailers: '{name}' cannot be corrected here", hint
            )
        corrected.append((name, _values(doc, index, name, value)))
    by = _text(doc, entry["door"], index, "door")
    if by not in BODIES:
        exact = exact_spelling(DECIDED_BY, by)
        raise VwoError(
            doc.at(index, "door"),
            f"door: '{by}' is not one of: {', '.join(BODIES)}",
            f"write it exactly: door: {exact}" if exact else "the body that decided the correction",
        )
    reason = _text(doc, entry["reden"], index, "reden")
    if not reason:
        raise VwoError(doc.at(index, "reden"), "reden: empty", "say why the original value was wrong")
    return Correction(
        commit=commit,
        trailers=tuple(corrected),
        by=by,
        on=as_date(doc, entry["op"], index, "op"),
        reason=" ".join(reason.split()),
        line=doc.line(index),
    )


_FORMAT_HINT = "see FORMATS.md §2: commit, trailers, door, op, reden"


def parse_corrections(doc: Document) -> tuple[Correction, ...]:
    """The entries of the file, each validated on its own; an empty file has none."""
    if doc.data is None:
        return ()
    if not isinstance(doc.data, list):
        raise VwoError(doc.at(), "expected a list of corrections ('- commit: ...')", _FORMAT_HINT)
    return tuple(_entry(doc, index, entry) for index, entry in enumerate(doc.data))


def _document(root: Path) -> Document | None:
    path = root / CORRECTIONS_FILE
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        raise VwoError(
            CORRECTIONS_FILE, "is not a file", "data/correcties.yml is a YAML file (FORMATS.md §2)"
        )
    return load(path.read_bytes(), CORRECTIONS_FILE, max_bytes=MAX_BYTES)


def read_corrections(root: Path) -> tuple[Correction, ...]:
    """``root/data/correcties.yml``; no file means no corrections."""
    doc = _document(root)
    return () if doc is None else parse_corrections(doc)


def apply_corrections(
    records: Iterable[CommitRecord], corrections: Sequence[Correction]
) -> list[CommitRecord]:
    """``records`` with the corrected trailers (file order: a later entry wins) and a
    ``TrailerCorrection`` per corrected key; entries for other commits change nothing."""
    by_commit: dict[str, list[Correction]] = {}
    for correction in corrections:
        by_commit.setdefault(correction.commit, []).append(correction)
    out: list[CommitRecord] = []
    for record in records:
        found = by_commit.get(record.sha)
        out.append(_corrected(record, found) if found else record)
    return out


def _corrected(record: CommitRecord, corrections: Sequence[Correction]) -> CommitRecord:
    trailers = dict(record.trailers)
    notes = list(record.corrections)
    for correction in corrections:
        for key, values in correction.trailers:
            was = trailers.get(key, ())
            if values:
                trailers[key] = values
            else:
                trailers.pop(key, None)
            notes.append(
                TrailerCorrection(
                    key, was, values, correction.by, correction.on.isoformat(), correction.reason
                )
            )
    return replace(record, trailers=trailers, corrections=tuple(notes))


# --- vwo check -------------------------------------------------------------------------------


def correction_problems(
    corrections: Sequence[Correction], records: Mapping[str, CommitRecord], *, complete: bool
) -> list[str]:
    """Entries for commits not reachable from HEAD (when ``complete``: not a shallow clone),
    entries that change nothing, and corrected records that are still wrong."""
    problems: list[str] = []
    applied = dict(records)
    for correction in corrections:
        where = f"{CORRECTIONS_FILE}:{correction.line}"
        record = applied.get(correction.commit)
        if record is None:
            if complete:
                problems.append(
                    f"{where}: commit {correction.commit[:12]} is not reachable from HEAD"
                    "\nhint: correct only commits that are on main (git branch --contains <commit>)"
                )
            continue
        fixed = _corrected(record, [correction])
        if fixed.trailers == record.trailers:
            problems.append(
                f"{where}: commit {record.short}: the correction changes nothing\nhint: remove the entry"
            )
        keys = {key for key, _ in correction.trailers}
        for problem in trailer_problems(fixed.trailers):
            if problem.key in keys or DECISION in keys:
                problems.append(
                    f"{where}: commit {record.short} after the correction: {problem.what}"
                    "\nhint: correct that trailer too"
                )
        decision = fixed.value(DECISION)
        if fixed.changes_text and decision in NOT_ACCEPTED:
            problems.append(
                f"{where}: commit {record.short} changes the text but would carry '{DECISION}: {decision}'"
                "\nhint: a text change is accepted; record the other decision in an empty commit"
            )
        applied[record.sha] = fixed
    return problems


def _key(entry: Any) -> str:
    return json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)


def append_only_problems(current: Sequence[Any], earlier: Iterable[tuple[str, Sequence[Any]]]) -> list[str]:
    """Each earlier version's entries (``(commit, entries)``, newest first) must start the
    current list, unchanged and in order; each broken place is named once (pure)."""
    problems: list[str] = []
    reported: set[int] = set()
    now = [_key(entry) for entry in current]
    for commit, entries in earlier:
        for index, entry in enumerate(entries):
            if index in reported or (index < len(now) and now[index] == _key(entry)):
                continue
            reported.add(index)
            state = "removed" if index >= len(now) else "changed or moved"
            problems.append(
                f"{CORRECTIONS_FILE}: entry {index + 1} of commit {commit[:12]} was {state}"
                f"\nhint: {HINT_APPEND.format(commit=commit[:12], path=CORRECTIONS_FILE)}"
            )
    return problems


def _valid_entries(data: bytes | None, where: str) -> list[Any] | None:
    if data is None:
        return []
    try:
        doc = load(data, where, max_bytes=MAX_BYTES)
        parse_corrections(doc)
    except VwoError:
        return None  # an invalid earlier version: its entries may be repaired
    return list(doc.data or [])


def _earlier_versions(root: Path, head: str) -> list[tuple[str, list[Any]]]:
    earlier: list[tuple[str, list[Any]]] = []
    for record, data in file_versions(root, head, CORRECTIONS_FILE):
        entries = _valid_entries(data, f"{record.short}:{CORRECTIONS_FILE}")
        if entries is not None:
            earlier.append((record.sha, entries))
    return earlier


def check_corrections(root: Path) -> list[str]:
    """``vwo check``: the file parses, names reachable commits, corrects consistently and
    only grew (also: was not removed). Without git (an unpacked archive) only the file
    itself is checked."""
    try:
        doc = _document(root)
        corrections = () if doc is None else parse_corrections(doc)
    except VwoError as error:
        return [str(error)]
    try:
        state = repo_state(root)
    except NoGitError:
        return []
    if state.head is None:
        return (
            [f"{CORRECTIONS_FILE}: the repository has no commits to correct\nhint: remove the file"]
            if doc
            else []
        )
    problems: list[str] = []
    if corrections:
        records = {r.sha: r for r in log(root, [state.head], diff_paths=HISTORY_PATHS, keys=KNOWN_KEYS)}
        problems = correction_problems(corrections, records, complete=not state.shallow)
    current = list(doc.data or []) if doc is not None else []
    return problems + append_only_problems(current, _earlier_versions(root, state.head))
