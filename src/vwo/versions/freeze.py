"""The new version as git objects (pure apart from reading and writing objects): what
``vwo adopt`` freezes, the register entries it appends, and its commit message.

- ``build_folder``: the files of ``docs/`` exactly as git tracks them at HEAD (read from
  its objects, so an ignored or untracked file can never slip in), the text parsed from
  those bytes, ``version.yml`` and ``MANIFEST.sha256`` (for ``sha256sum -c``);
- ``superseded_events`` / ``register_blob``: the ``vervangen`` events of the versions the
  new one supersedes, appended to ``data/gebeurtenissen.yml`` as text and checked;
- ``commit_message``: prose paragraphs (one line each, so nothing in them can pass for
  a trailer), then the trailers as the last paragraph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.git.objects import read_blobs
from vwo.git.run import GitError
from vwo.git.trees import FILE, Entry, tree_entries, write_blob
from vwo.text.coverage import parse_coverage
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, COVERAGE_FILE, EXPLANATION_FILE
from vwo.text.parse import parse_sources
from vwo.versions import manifest
from vwo.versions.adoption import STATUS_TRAILER, TREE_TRAILER, VERSION_TRAILER
from vwo.versions.events import EVENTS_FILE, HEADER, REPLACED, Event, read_events
from vwo.versions.model import (
    VERSION_FILE,
    VERSIONS_DIR,
    VersionInfo,
    is_version,
    parse_version_yml,
    version_states,
)
from vwo.versions.register import events_for

PUBLISHER = "Beheergroep VWO"
"""Who publishes a consultation version (the body of its ``vervangen`` events)."""
FROZEN_FILES = (AGREEMENT_FILE, EXPLANATION_FILE, COVERAGE_FILE)
"""The files of ``docs/`` a version freezes, besides the annexes (``FROZEN_DIRS``)."""
FROZEN_DIRS = (ANNEX_DIR,)


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def commit_message(
    version: str, status: str, summary: str, force: str | None, tree: str = "", notes: list[str] | None = None
) -> str:
    """Subject, the summary, the force reason and notes (each one line of prose: never
    mistaken for trailers), then the trailers as the last paragraph."""
    verb = "vastgesteld" if status == "vastgesteld" else "ter consultatie gepubliceerd"
    paragraphs = [f"Versie {version} {verb}", one_line(summary)]
    if force:
        paragraphs.append(f"Geforceerd ondanks een ingrijpende wijziging zonder besluit: {one_line(force)}")
    paragraphs += notes or []
    trailers = [f"{VERSION_TRAILER}: {version}", f"{STATUS_TRAILER}: {status}"]
    if tree:
        trailers.append(f"{TREE_TRAILER}: {tree}")
    if force:
        trailers.append(f"Geforceerd: {one_line(force)}")
    return "\n\n".join([*paragraphs, "\n".join(trailers)]) + "\n"


def frozen_paths(docs: dict[str, Entry]) -> dict[str, Entry]:
    """The entries of ``docs/`` (path inside it -> entry) that a version freezes: the text
    files and what git tracks in the annex folder, hidden files and caches excepted."""
    chosen = {}
    for rel, entry in docs.items():
        parts = rel.split("/")
        if rel in FROZEN_FILES or (
            parts[0] in FROZEN_DIRS and not any(p.startswith(".") or p == "__pycache__" for p in parts)
        ):
            if entry.mode not in (FILE, "100755"):
                raise VwoError(
                    f"docs/{rel}",
                    "is not a plain file in git (a symbolic link or submodule)",
                    "a published version holds plain files only; replace it with the file itself",
                )
            chosen[rel] = entry
    return chosen


@dataclass(frozen=True)
class Folder:
    """The new ``versions/X.Y/`` as bytes, by path inside it."""

    files: dict[str, bytes]
    blobs: dict[str, str]
    """Blob ids of the files git already has (the text, from HEAD's tree)."""


def build_folder(root: Path, head: str, data: dict[str, Any], version: str) -> Folder:
    """The folder's files from HEAD's tree (exactly what git tracks), the text parsed from
    those bytes, ``version.yml`` and the manifest."""
    try:
        docs = tree_entries(root, f"{head}:docs")
    except GitError:
        docs = {}
    chosen = frozen_paths(docs)
    contents = read_blobs(root, [entry.object for entry in chosen.values()])
    files: dict[str, bytes] = {}
    for rel, entry in chosen.items():
        blob = contents.get(entry.object)
        assert blob is not None  # listed in HEAD's tree
        files[rel] = blob
    sources = {}
    for rel, blob in files.items():
        if rel.endswith(".md"):
            try:
                sources[rel] = blob.decode("utf-8")
            except UnicodeDecodeError:
                raise VwoError(f"docs/{rel}", "is not valid UTF-8", "save the file as UTF-8") from None
    agreement = parse_sources(sources, prefix="docs/")
    if COVERAGE_FILE in files:  # a frozen dekking.yml can never be fixed
        parse_coverage(files[COVERAGE_FILE], f"docs/{COVERAGE_FILE}", agreement)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
    parse_version_yml(yaml.safe_load(text), f"{VERSIONS_DIR}/{version}/{VERSION_FILE}")
    files[VERSION_FILE] = text.encode("utf-8")
    sums = {rel: hashlib.sha256(blob).hexdigest() for rel, blob in files.items()}
    files[manifest.MANIFEST_FILE] = manifest.dumps(sums).encode("utf-8")
    return Folder(files, {rel: entry.object for rel, entry in chosen.items()})


def superseded_events(
    infos: list[VersionInfo], events: tuple[Event, ...], new: VersionInfo
) -> list[dict[str, Any]]:
    """The ``vervangen`` entries for the versions that ``new`` supersedes."""
    before = {s.version: s for s in version_states(infos, events)}
    entries = []
    for state in version_states([*infos, new], events):
        successor = state.superseded_by
        if successor is None or successor.version != new.version or state.version not in before:
            continue
        if before[state.version].superseded_by is None and state.replaced is None:
            entries.append(
                {
                    "versie": state.version,
                    "gebeurtenis": REPLACED,
                    "datum": new.published,
                    "door": new.adopted_by or PUBLISHER,
                    "door_versie": new.version,
                }
            )
    return entries


class _EventDumper(yaml.SafeDumper):
    """Version numbers double-quoted (``versie: "1.11"``), as the register is written by hand."""


def _text_scalar(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if is_version(value) else None)


_EventDumper.add_representer(str, _text_scalar)


def appended_events(existing: bytes | None, entries: list[dict[str, Any]]) -> bytes:
    """``existing`` (the register as git has it, or None) with ``entries`` appended as text,
    so its comments and layout stay as they are."""
    text = existing.decode("utf-8") if existing is not None else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    for entry in entries:
        text += yaml.dump([entry], Dumper=_EventDumper, sort_keys=False, allow_unicode=True, width=88)
    return text.encode("utf-8")


def folder_objects(root: Path, target: str, folder: Folder) -> dict[str, Entry]:
    files = {}
    for rel, content in folder.files.items():
        blob = folder.blobs.get(rel) or write_blob(root, content)
        files[f"{target}/{rel}"] = Entry(FILE, blob)
    return files


def register_blob(root: Path, head: str, added: list[dict[str, Any]], infos: list[VersionInfo]) -> str:
    existing = read_blobs(root, [f"{head}:{EVENTS_FILE}"])[f"{head}:{EVENTS_FILE}"]
    if existing is None and (root / EVENTS_FILE).exists():
        raise VwoError(
            EVENTS_FILE, "exists but git does not track it", f"commit it first (git add {EVENTS_FILE})"
        )
    text = appended_events(existing, added)
    before = read_events(existing) if existing is not None else ()
    try:
        after = read_events(text)
    except VwoError:
        after = ()
    kept = [e.data() for e in after[: len(before)]] == [e.data() for e in before]
    if not kept or len(after) != len(before) + len(added):
        raise VwoError(
            EVENTS_FILE,
            "cannot append to this file as text (its last entry is not a block list item)",
            "write every entry as '- versie: ...' on lines of its own",
        )
    events_for(infos, after)
    return write_blob(root, text)
