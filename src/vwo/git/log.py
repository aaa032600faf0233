"""Commits out of git: ONE streamed ``git log`` per question, parsed into ``CommitRecord``s.

Pipeline: ``git log -z --raw --format=<nonce format>`` -> records split off the stream
while git still writes (``read1``: whatever is there, so git and Python overlap) ->
fields split on the nonce separators -> text neutralised (``vwo.git.neutral``) ->
``vwo.history.records.CommitRecord``. This module never parses the agreement: what a
commit touched is the history layer's business (``vwo.history.read``).

Separators: the format puts ``%x1e``/``%x1f``/``%x1d``/``%x1c`` (record, field, trailer,
key/value) before a random nonce, so commit text cannot shift fields: it would have to
contain the nonce, which it cannot know. Every function that parses git's log output
uses this format; the only other output parsed is ``-z``/NUL-separated (paths) or fixed
(object ids, ``cat-file`` headers).
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from vwo.git.neutral import neutralise
from vwo.git.objects import read_blobs
from vwo.git.run import process, run
from vwo.history.records import ABSENT, CommitRecord, FileChange

_FIELDS = ("%H", "%P", "%an", "%aI", "%cI", "%s", "%b")
_NFIELDS = len(_FIELDS) + 1  # and the trailers
_MEMO_LIMIT = 100_000


def log_format(nonce: str) -> tuple[str, str, str, str, str]:
    """The ``--format`` and its separators: record, field, trailer, key/value."""
    rs, fs, ts, kv = (f"%x{code}{nonce}" for code in ("1e", "1f", "1d", "1c"))
    trailers = f"%(trailers:only,unfold,separator={ts},key_value_separator={kv})"
    fmt = rs + fs.join([*_FIELDS, trailers]) + fs
    return fmt, "\x1e" + nonce, "\x1f" + nonce, "\x1d" + nonce, "\x1c" + nonce


class _TrailerItems(dict[str, tuple[str, str] | None]):
    """``"Key<kv>value"`` -> ``(key, trimmed value)`` (both neutralised), or None for a key
    not asked for or an empty value. With ``keys`` given, keys are matched
    case-insensitively (as git does) and returned in that spelling; without, every key is
    kept as written. Memoised: most items recur (``Soort: redactioneel``, the same
    proposers and meetings), and a look-up is several times cheaper than parsing again."""

    def __init__(self, kv: str, keys: Iterable[str] | None) -> None:
        super().__init__()
        self.kv = kv
        self.canonical = None if keys is None else {key.lower(): key for key in keys}

    def __missing__(self, item: str) -> tuple[str, str] | None:
        key, _, value = item.partition(self.kv)
        key, value = neutralise(key.strip()), neutralise(value.strip())
        if self.canonical is not None:
            found = self.canonical.get(key.lower())
            parsed = (found, value) if found is not None and value else None
        else:
            parsed = (key, value) if key and value else None
        if len(self) < _MEMO_LIMIT:  # bounded: a history of unique values must not grow it forever
            self[item] = parsed
        return parsed


def _trailers(raw: str, ts: str, items: _TrailerItems) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for item in raw.split(ts):
        parsed = items[item]
        if parsed is not None:
            key, value = parsed
            found[key] = (*found[key], value) if key in found else (value,)
    return found


def _parse_raw(rest: str) -> tuple[FileChange, ...]:
    """``\\0\\n:<old mode> <new mode> <old blob> <new blob> <status>\\0<path>\\0...``; for a
    merge (``--cc``, after an empty field) ``::<mode per parent> <new mode> <blob per parent>
    <new blob> <status per parent>``, where the old blob is the first parent's."""
    tokens = rest.split("\0")
    changes: list[FileChange] = []
    index = 0
    while index < len(tokens) - 1:
        fields = tokens[index].split()
        parents = len(fields[0]) - len(fields[0].lstrip(":")) if fields else 0
        if not parents or len(fields) != 2 * parents + 3:
            index += 1
            continue
        old, new = fields[parents + 1], fields[2 * parents + 1]
        changes.append(FileChange(fields[-1][:1], neutralise(tokens[index + 1]), old, new))
        index += 2
    return tuple(changes)


UNKNOWN_DATE = datetime(1970, 1, 1, tzinfo=UTC)
"""The date of a commit whose header git cannot read (a malformed ident line)."""


def _when(text: str, fallback: datetime) -> datetime:
    """A date git wrote with ``%aI``/``%cI``; when git cannot read the commit's ident line
    it writes the placeholder itself, and one such commit must not stop every build."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return fallback


def parse_record(chunk: str, fs: str, ts: str, items: _TrailerItems) -> CommitRecord:
    """One commit of the stream, in the format of ``log_format``."""
    parts = chunk.split(fs, _NFIELDS)
    if len(parts) != _NFIELDS + 1:
        raise ValueError(f"unexpected git log output: {len(parts)} fields")  # a bug, not input
    sha, parents, author, date, committed, subject, body, trailers, raw = parts
    committer_date = _when(committed, UNKNOWN_DATE)
    return CommitRecord(
        sha=sha,
        parents=tuple(parents.split()),
        author="" if author == "%an" else neutralise(author),
        date=_when(date, committer_date),
        committer_date=committer_date,
        subject=neutralise(subject),
        body=neutralise(body.strip("\n")),
        trailers=_trailers(trailers, ts, items) if trailers else {},
        changes=_parse_raw(raw) if raw else (),
    )


def _records(
    root: Path,
    options: Sequence[str],
    revisions: Sequence[str],
    paths: Sequence[str],
    keys: Iterable[str] | None,
) -> Iterator[CommitRecord]:
    fmt, rs, fs, ts, kv = log_format(secrets.token_hex(8))
    items = _TrailerItems(kv, keys)
    separator = rs.encode("ascii")
    args = ["log", "-z", f"--format={fmt}", *options, "--end-of-options", *revisions, "--", *paths]
    with process(root, *args) as git:
        stdout = cast(io.BufferedReader, git.stdout)  # Popen's default buffering
        pending = b""
        while block := stdout.read1(1 << 20):
            *complete, pending = (pending + block).split(separator)
            for chunk in complete:
                if chunk:
                    yield parse_record(chunk.decode("utf-8", "replace"), fs, ts, items)
        if pending:
            yield parse_record(pending.decode("utf-8", "replace"), fs, ts, items)
        git.finish()


def log(
    root: Path,
    revisions: Sequence[str],
    *,
    diff_paths: Sequence[str] = (),
    changes: bool = True,
    merges: bool = False,
    keys: Iterable[str] | None = None,
) -> Iterator[CommitRecord]:
    """The commits of ``revisions`` (resolved ids or ``^id``; see ``vwo.git.refs``), newest
    first, streamed. ``changes``: with the paths each commit changed (``--raw``, blob ids
    included). ``merges``: a merge commit lists the paths where it differs from every
    parent (``--cc``: what the merge itself changed, an "evil merge"), else none.
    ``diff_paths``: every commit is still listed (``--sparse --full-history``) but git diffs
    only these paths, which saves it reading the other trees. ``keys``: the trailers to
    keep (case-insensitive, in this spelling); None keeps every trailer."""
    options = ["--raw", "--no-abbrev", "--no-renames"] if changes else []
    if changes and merges:
        options.append("--cc")
    if diff_paths:
        options += ["--sparse", "--full-history"]
    return _records(root, options, revisions, diff_paths, keys)


def path_log(
    root: Path, rev: str, paths: Sequence[str], *, keys: Iterable[str] | None = None
) -> Iterator[CommitRecord]:
    """Every commit of ``rev`` that changed something under ``paths`` (newest first, parents
    never before their children), with what it changed there; merges with what they
    changed themselves (``--cc``). No history simplification: a change on a side branch
    that a merge later dropped is listed too."""
    options = ["--raw", "--no-abbrev", "--no-renames", "--cc", "--full-history", "--topo-order"]
    return _records(root, options, [rev], paths, keys)


def file_versions(root: Path, rev: str, path: str) -> list[tuple[CommitRecord, bytes | None]]:
    """Every version of the file ``path`` in the history of ``rev``, newest first: each
    commit that changed it, with the file's content after that commit (None where the
    commit removed it). One ``git log`` over the file and its blobs in one
    ``git cat-file --batch``: what an append-only file's check reads."""
    records = list(path_log(root, rev, [path], keys=()))
    changes = [(r, c.new_blob) for r in records for c in r.changes if c.path == path]
    contents = read_blobs(root, {blob for _, blob in changes if blob != ABSENT})
    return [(record, None if blob == ABSENT else contents.get(blob)) for record, blob in changes]


def commit(root: Path, sha: str, *, changes: bool = True, keys: Iterable[str] | None = None) -> CommitRecord:
    """The record of one commit (an id, or a ref the program chose; a user's revision is
    resolved first, ``vwo.git.refs.resolve_commit``), with the paths it changed."""
    options = ["-1", "--raw", "--no-abbrev", "--no-renames"] if changes else ["-1"]
    (record,) = _records(root, options, [sha], (), keys)
    return record


def added_commits(root: Path, pathspecs: Sequence[str], *, rev: str = "HEAD") -> dict[str, CommitRecord]:
    """For each file matching ``pathspecs``: the newest commit of ``rev`` that added it
    (one ``git log --diff-filter=A``)."""
    found: dict[str, CommitRecord] = {}
    options = ["--diff-filter=A", "--raw", "--no-abbrev"]
    for record in _records(root, options, [rev], pathspecs, keys=()):
        for change in record.changes:
            if change.status == "A":
                found.setdefault(change.path, record)
    return found


def committer_date_raw(root: Path, sha: str) -> str:
    """The committer date of ``sha`` as git writes it into a commit (``<epoch> <+hhmm>``),
    for ``GIT_COMMITTER_DATE``."""
    return run(root, "log", "-1", "--format=%cd", "--date=raw", "--end-of-options", sha, "--")
