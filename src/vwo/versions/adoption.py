"""Adoption records and the comparison of a folder with them (pure: records in, facts out).

The proof that ``versions/X.Y/`` is what was published lives outside the folder: the
commit that adopted it (its tree of the folder, recorded by ``vwo adopt`` as the trailer
``Versie-boom``) and the annotated tag ``vX.Y`` on that commit. A clone without tags
still has the commit; a tag, when present, must agree with it.

- ``find_adoptions``: the adoption commit of each version among the commits that
  changed ``versions/``: the oldest that adds ``versions/X.Y/version.yml`` with the
  trailer ``Versie: X.Y`` (or, for folders made before ``vwo adopt`` wrote trailers,
  the oldest that adds it at all), and that only adds files under ``versions/``;
- ``differences``: two listings of a folder (path -> mode and object), what differs;
- ``tag_message`` / ``tag_fields``: what a tag records, and reading it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from vwo.git.trees import EXECUTABLE, FILE, SYMLINK, Entry
from vwo.history.records import VERSIONS_PREFIX, CommitRecord
from vwo.versions.numbers import is_version

VERSION_TRAILER, STATUS_TRAILER, TREE_TRAILER = "Versie", "Status", "Versie-boom"
TRAILER_KEYS = (VERSION_TRAILER, STATUS_TRAILER, TREE_TRAILER)
VERSION_FILE = "version.yml"
MODE_NAMES = {FILE: "a file", EXECUTABLE: "an executable file", SYMLINK: "a symbolic link"}


def tag_name(version: str) -> str:
    return f"v{version}"


def version_of_tag(name: str) -> str | None:
    return name[1:] if name.startswith("v") and is_version(name[1:]) else None


def folder_of(path: str) -> tuple[str, str] | None:
    """``versions/1.11/bijlagen/x.md`` -> ``("1.11", "bijlagen/x.md")``."""
    if not path.startswith(VERSIONS_PREFIX):
        return None
    version, _, rest = path[len(VERSIONS_PREFIX) :].partition("/")
    return (version, rest) if rest else None


def _adds_only(record: CommitRecord) -> bool:
    inside = [c for c in record.changes if c.path.startswith(VERSIONS_PREFIX)]
    return bool(inside) and all(c.status == "A" for c in inside)


def find_adoptions(commits: Iterable[CommitRecord], *, shallow: bool) -> dict[str, CommitRecord]:
    """``{version: adoption commit}`` from the commits that changed ``versions/`` (newest
    first, parents after their children). In a shallow clone the oldest fetched commits
    have no parents and seem to add every file: they prove nothing and are skipped."""
    candidates: dict[str, list[CommitRecord]] = {}
    for record in commits:
        if record.is_merge or (shallow and not record.parents) or not _adds_only(record):
            continue
        for change in record.changes:
            place = folder_of(change.path)
            if place and place[1] == VERSION_FILE and is_version(place[0]):
                candidates.setdefault(place[0], []).append(record)
    found = {}
    for version, records in candidates.items():
        marked = [r for r in records if version in r.values(VERSION_TRAILER)]
        found[version] = (marked or records)[-1]  # the oldest
    return found


def last_changes(commits: Iterable[CommitRecord]) -> dict[str, CommitRecord]:
    """``{path: newest commit that changed it}``, also ``versions/X.Y`` for the folder as a whole."""
    newest: dict[str, CommitRecord] = {}
    for record in commits:
        for change in record.changes:
            newest.setdefault(change.path, record)
            place = folder_of(change.path)
            if place:
                newest.setdefault(f"{VERSIONS_PREFIX}{place[0]}", record)
    return newest


@dataclass(frozen=True)
class Difference:
    path: str
    """Inside the folder."""
    what: str
    """What happened, e.g. ``added after publication``."""


def _describe(adopted: Entry, now: Entry) -> str:
    if adopted.mode == now.mode:
        return "changed after publication"
    if adopted.mode in (FILE, EXECUTABLE) and now.mode in (FILE, EXECUTABLE):
        return f"mode changed from {adopted.mode} to {now.mode} after publication"
    now_kind = MODE_NAMES.get(now.mode, "something git cannot store")
    was = MODE_NAMES.get(adopted.mode, adopted.mode)
    return f"replaced by {now_kind} after publication (adopted as {was})"


def differences(adopted: Mapping[str, Entry], now: Mapping[str, Entry]) -> list[Difference]:
    """What differs between two listings of one folder: contents, modes, type, files."""
    found = []
    for path in sorted(adopted.keys() | now.keys()):
        old, new = adopted.get(path), now.get(path)
        if old == new:
            continue
        if old is None:
            found.append(Difference(path, "added after publication"))
        elif new is None:
            found.append(Difference(path, "removed after publication"))
        else:
            found.append(Difference(path, _describe(old, new)))
    return found


def tag_message(version: str, status: str, day: str, tree: str) -> str:
    """The message of the annotated tag ``vX.Y``: a title, then the facts as ``Key: value``."""
    return (
        f"Versie {version} ({status}, {day})\n\n"
        f"{VERSION_TRAILER}: {version}\n{STATUS_TRAILER}: {status}\nDatum: {day}\n{TREE_TRAILER}: {tree}\n"
    )


def tag_fields(message: str) -> dict[str, str]:
    """The ``Key: value`` lines of a tag message (the first value of each key)."""
    fields: dict[str, str] = {}
    for line in message.splitlines():
        key, sep, value = line.partition(": ")
        if sep and key and " " not in key:
            fields.setdefault(key, value.strip())
    return fields
