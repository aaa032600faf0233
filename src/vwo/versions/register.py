"""``vwo check`` for the lifecycle register ``data/gebeurtenissen.yml``.

Pipeline: the file (``vwo.versions.events``) + the published versions -> the rules of
FORMATS.md §3 against the derived state (``event_problems``, pure) -> the file's history:
ONE ``git log`` over the file, its blobs in ONE ``git cat-file --batch`` -> every entry of
every earlier commit must still be there, unchanged (``append_only_problems``, pure: the
same rule fits any append-only list).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from vwo.errors import VwoError
from vwo.git.log import file_versions
from vwo.git.refs import repo_state
from vwo.git.run import NoGitError
from vwo.strict_yaml import load
from vwo.versions.events import (
    ADOPTED,
    CORRECTED,
    EVENTS_FILE,
    REPLACED,
    WITHDRAWN,
    Event,
    parse_events,
)
from vwo.versions.model import VersionInfo, load_versions, version_key, version_states

HINT_APPEND = (
    "the register only grows: put the entry back as it was (see 'git show {commit}:{path}') "
    "and record what changed as a new event, e.g. 'gecorrigeerd'"
)
_FIELD_VALUES = {
    "vastgesteld_door": lambda i: i.adopted_by,
    "samenvatting": lambda i: i.summary,
    "pas_toe_of_leg_uit_vanaf": lambda i: i.comply_or_explain_from,
    "verplicht_vanaf": lambda i: i.mandatory_from,
}


def _show(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else f"'{value}'" if value is not None else "(leeg)"


def event_problems(events: Sequence[Event], infos: Sequence[VersionInfo]) -> list[str]:
    """The rules of FORMATS.md §3, each problem naming ``file:line``."""
    known = {info.version: info for info in infos}
    states = {state.version: state for state in version_states(infos, events)}
    values: dict[tuple[str, str], Any] = {}
    withdrawn: dict[str, Event] = {}
    replaced: dict[str, Event] = {}
    latest: dict[str, Event] = {}
    problems: list[str] = []

    def problem(event: Event, what: str, hint: str) -> None:
        problems.append(f"{EVENTS_FILE}:{event.line}: {what}\nhint: {hint}")

    for event in events:
        info = known.get(event.version)
        if info is None:
            shown = ", ".join(known) or "none"
            problem(event, f"versie: unknown version '{event.version}'", f"published versions: {shown}")
            continue
        if event.day < info.published:
            problem(
                event,
                f"datum: {event.day} is before version {event.version} was published ({info.published})",
                "an event happens to a published version: give the date of the event itself",
            )
        if (gone := withdrawn.get(event.version)) is not None:
            problem(
                event,
                f"version {event.version} was withdrawn (line {gone.line}); nothing happens to it after that",
                "a withdrawn version stays withdrawn; publish a new version instead",
            )
            continue
        if event.kind == ADOPTED and info.status != "vastgesteld":
            problem(
                event,
                f"gebeurtenis: vastgesteld: version {event.version} is a consultation version",
                "a consultation text is adopted as a version of its own: vwo adopt X.Y --status vastgesteld",
            )
        elif event.kind == CORRECTED:
            assert event.field is not None
            key = (event.version, event.field)
            before = values.get(key, _FIELD_VALUES[event.field](info))
            if event.was != before:
                problem(
                    event,
                    f"was: {_show(event.was)} is not what {event.field} of version {event.version} "
                    f"says ({_show(before)})",
                    "'was' is the value being corrected, as the version (or the previous correction) has it",
                )
            values[key] = event.becomes
        elif event.kind == REPLACED:
            problems.extend(_replaced_problems(event, known, states[event.version].superseded_by, replaced))
            replaced.setdefault(event.version, event)
        elif event.kind == WITHDRAWN:
            earlier = latest.get(event.version)
            if earlier is not None and earlier.day > event.day:
                problem(
                    event,
                    f"datum: {event.day} is before the event on line {earlier.line} ({earlier.day})",
                    "nothing happens to a version after its withdrawal: check the dates",
                )
            withdrawn[event.version] = event
        if latest.get(event.version) is None or latest[event.version].day <= event.day:
            latest[event.version] = event
    for state in states.values():
        start, mandatory = state.info.comply_or_explain_from, state.info.mandatory_from
        if start and mandatory and mandatory < start and state.corrections:
            event = state.corrections[-1]
            problem(
                event,
                f"after the corrections, verplicht_vanaf {mandatory} of version {state.version} is before "
                f"pas_toe_of_leg_uit_vanaf {start}",
                "check the dates",
            )
    return problems


def _replaced_problems(
    event: Event, known: dict[str, VersionInfo], successor: VersionInfo | None, seen: dict[str, Event]
) -> list[str]:
    where = f"{EVENTS_FILE}:{event.line}"
    assert event.by_version is not None
    if event.version in seen:
        return [
            f"{where}: version {event.version} was already replaced (line {seen[event.version].line})"
            "\nhint: a version is replaced once"
        ]
    other = known.get(event.by_version)
    if other is None:
        return [f"{where}: door_versie: unknown version '{event.by_version}'\nhint: name a published version"]
    if version_key(other.version) <= version_key(event.version):
        return [
            f"{where}: door_versie: {event.by_version} is not later than {event.version}"
            "\nhint: a version is replaced by a later one"
        ]
    if successor is None or successor.version != other.version:
        says = f"by {successor.version}" if successor else "not replaced"
        return [
            f"{where}: door_versie: the versions say {event.version} is {says}, not by {event.by_version}"
            "\nhint: a consultation version is replaced by the next version, an adopted one by the next "
            "adopted version"
        ]
    return []


def _key(entry: Any) -> str:
    return json.dumps(entry, sort_keys=True, default=str, ensure_ascii=False)


def _describe(entry: Any) -> str:
    if isinstance(entry, dict):
        parts = [
            str(entry.get(key)) for key in ("versie", "gebeurtenis", "datum") if entry.get(key) is not None
        ]
        return "the entry " + ", ".join(parts) if parts else "an entry"
    return "an entry"


def append_only_problems(
    where: str, current: Sequence[Any], earlier: Iterable[tuple[str, Sequence[Any]]]
) -> list[str]:
    """Entries of earlier versions of an append-only list that ``current`` lacks (removed or
    changed). ``earlier``: ``(commit, entries)`` newest first; each missing entry is named
    once, with the newest commit that still had it. Pure."""
    have = Counter(_key(entry) for entry in current)
    reported: set[str] = set()
    problems = []
    for commit, entries in earlier:
        needed = Counter(_key(entry) for entry in entries)
        for entry in entries:
            key = _key(entry)
            if needed[key] > have[key] and key not in reported:
                reported.add(key)
                problems.append(
                    f"{where}: {_describe(entry)} of commit {commit[:12]} was removed or changed"
                    f"\nhint: {HINT_APPEND.format(commit=commit[:12], path=where)}"
                )
    return problems


def _entries(data: bytes | None, where: str) -> list[Any] | None:
    """The raw entries of one version of the file, or None if that version is not a list."""
    if data is None:
        return []
    try:
        doc = load(data, where)
    except VwoError:
        return None
    return doc.data if isinstance(doc.data, list) else [] if doc.data is None else None


def history_problems(root: Path, current: Sequence[Any]) -> list[str]:
    """The append-only rule against every commit of HEAD that changed the register."""
    state = repo_state(root)
    if state.head is None:
        return []
    earlier = []
    for record, data in file_versions(root, state.head, EVENTS_FILE):
        entries = _entries(data, f"{record.short}:{EVENTS_FILE}")
        if entries is not None:
            earlier.append((record.sha, entries))
    return append_only_problems(EVENTS_FILE, current, earlier)


def check_events(root: Path) -> list[str]:
    """``vwo check``: the register parses, follows the rules and only grew."""
    path = root / EVENTS_FILE
    data = path.read_bytes() if path.is_file() else b""
    try:
        doc = load(data, EVENTS_FILE)
        events = parse_events(doc)
    except VwoError as error:
        return [str(error)]
    try:
        infos = load_versions(root)
    except VwoError:
        return []  # check_versions reports it
    problems = event_problems(events, infos)
    with suppress(NoGitError):  # an unpacked archive: no history to compare with
        problems += history_problems(root, doc.data if isinstance(doc.data, list) else [])
    return problems


def events_for(infos: Sequence[VersionInfo], events: Sequence[Event]) -> tuple[Event, ...]:
    """``events`` after checking them against ``infos``; the first problem raises (for
    commands that show or extend the register: publish, adopt)."""
    problems = event_problems(events, infos)
    if problems:
        where, _, rest = problems[0].partition(": ")
        what, _, hint = rest.partition("\nhint: ")
        raise VwoError(where, what, hint)
    return tuple(events)
