"""The git adapter for the history: every git call of the changelog, the decision log,
the feeds and ``vwo lint-commits`` is in this module.

Pipeline: ``git rev-parse`` (HEAD, shallow?) -> ONE ``git log --raw`` over all commits
(for the build's history diffing only ``docs/`` and ``versions/``), streamed -> typed
``CommitRecord``s -> ONE ``git cat-file --batch``, fed while the log still streams, for
the old and new blob of every file of the agreement a commit changed (blob ids from
``--raw``; each read once) -> ``vwo.history.touched`` decides, via the content model, which
articles each commit touched (an edit that leaves every heading as it was needs no
parse: ``quick_touched``; other changes parse both blobs, each distinct blob once).

Why ``--raw`` + ``cat-file`` and not hunk headers (``diff.<driver>.xfuncname``): git
names a hunk after the last matching line *before* the hunk in the old file, so a hunk
that starts on a heading, adds a whole article or spans two articles is attributed
wrongly, and renumbering (``Artikel 8`` becomes ``Artikel 9`` when an article is
inserted) changes every later heading line. Comparing parsed models by stable id has
none of these problems; it costs one extra process per build and one parse per distinct
blob (measured in ``benchmarks/bench_history.py``).

Separators: the format uses ``%x1e``/``%x1f``/``%x1d``/``%x1c`` followed by a random nonce, so a
commit message that contains those control characters cannot shift fields.

The parsed history is cached per process by (root, HEAD): hooks are not reloaded by
``mkdocs serve``, and a rebuild without a new commit reuses it.
"""

from __future__ import annotations

import io
import re
import secrets
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import cast

import git  # without a git program it imports quietly: see vwo/__init__.py

from vwo.errors import VwoError
from vwo.history.touched import Parts, diff_parts, is_text_path, parts_of, quick_touched

DOCS_PREFIX = "docs/"
VERSIONS_PREFIX = "versions/"
KNOWN_KEYS = (
    "Voorstel",
    "Indiener",
    "Soort",
    "Besluit",
    "Besloten-door",
    "Besloten-op",
    "Artikel",
    "Versie",
    "Status",
)
_FIELDS = ("%H", "%P", "%an", "%aI", "%s", "%b")
_MERGE_PR = re.compile(r"^Merge pull request #(\d+)\b")
_SQUASH_PR = re.compile(r"\(#(\d+)\)\s*$")


@dataclass(frozen=True)
class FileChange:
    """One path a commit changed (relative to the repository root); ``status`` is git's
    letter: A added, M modified, D deleted, T type changed."""

    status: str
    path: str
    old_blob: str = ""
    new_blob: str = ""
    """Blob ids before and after (git's all-zero id when the file is absent)."""


@dataclass(frozen=True)
class CommitRecord:
    sha: str
    parents: tuple[str, ...]
    author: str
    date: datetime
    subject: str
    body: str
    trailers: dict[str, tuple[str, ...]] = field(hash=False)
    changes: tuple[FileChange, ...] = ()
    """What the commit changed: every path from ``read_range``; from ``read_history`` only
    the paths in ``HISTORY_PATHS`` (all the site's history asks about)."""
    touched: frozenset[str] = frozenset()
    """Ids of articles/annexes (and ``vwo.history.touched.GENERAL``) whose text changed in ``docs/``."""

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1

    @property
    def pull_request(self) -> int | None:
        """The PR number in the subject: ``Merge pull request #N`` or a squash ``... (#N)``."""
        match = _MERGE_PR.match(self.subject) or _SQUASH_PR.search(self.subject)
        return int(match[1]) if match else None

    def values(self, key: str) -> tuple[str, ...]:
        return self.trailers.get(key, ())

    def value(self, key: str) -> str | None:
        values = self.trailers.get(key, ())
        return values[0] if values else None

    @property
    def text_changes(self) -> tuple[FileChange, ...]:
        """Changes to the agreement's text in ``docs/`` (agreement, toelichting, annexes)."""
        return tuple(
            c
            for c in self.changes
            if c.path.startswith(DOCS_PREFIX) and is_text_path(c.path[len(DOCS_PREFIX) :])
        )

    @property
    def changes_text(self) -> bool:
        return bool(self.text_changes)


@dataclass(frozen=True)
class History:
    """Every commit reachable from HEAD, newest first; ``head`` is None without commits."""

    head: str | None
    commits: tuple[CommitRecord, ...]


class NoGitError(VwoError):
    """The folder is not a git repository (for instance an unpacked release archive)."""


class ShallowCloneError(VwoError):
    pass


def _no_git_program(root: object) -> NoGitError:
    return NoGitError(
        str(root),
        "the git program is not installed, so there is no history to read",
        "install git (Debian: apt-get install git)",
    )


def _repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise NoGitError(
            str(root),
            "not a git repository, so there is no history to read",
            "work in a clone: git clone <repository URL>",
        ) from None


def _run_bytes(repo: git.Repo, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git; raise ``VwoError`` with git's own message when it fails."""
    with tempfile.TemporaryFile() as handle:  # GitPython's istream wants a real file
        if stdin is not None:
            handle.write(stdin)
            handle.seek(0)
        try:
            out = repo.git.execute(
                ["git", "-c", "core.quotepath=off", *args],
                istream=handle if stdin is not None else None,
                stdout_as_string=False,
            )
        except git.GitCommandNotFound:
            raise _no_git_program(repo.working_dir) from None
        except git.GitCommandError as error:
            stderr = error.stderr if isinstance(error.stderr, str) else str(error.stderr)
            message = stderr.strip().removeprefix("stderr:").strip(" '\n")
            raise VwoError(f"git {args[0]}", message, "see git's message above") from None
    assert isinstance(out, bytes)
    return out


def _run(repo: git.Repo, *args: str, stdin: bytes | None = None) -> str:
    return _run_bytes(repo, *args, stdin=stdin).decode("utf-8", errors="replace")


def head_state(root: Path) -> str | None:
    """HEAD's sha (None in a repository without commits); a shallow clone is an error."""
    repo = _repo(root)
    try:
        shallow, head = _run(repo, "rev-parse", "--is-shallow-repository", "HEAD").split()
    except VwoError:  # no commits yet: HEAD does not resolve
        shallow, head = _run(repo, "rev-parse", "--is-shallow-repository").strip(), ""
    if shallow == "true":
        raise ShallowCloneError(
            str(root),
            "this is a shallow clone: its history is incomplete, so the changelog and the "
            "decision log would silently miss commits",
            "fetch the full history with 'git fetch --unshallow' "
            "(in GitHub Actions: actions/checkout with 'fetch-depth: 0')",
        )
    return head or None


def _format(nonce: str) -> tuple[str, str, str, str, str]:
    """The ``--format`` and its separators: record, field, trailer, key/value."""
    rs, fs, ts, kv = (f"%x{code}{nonce}" for code in ("1e", "1f", "1d", "1c"))
    trailers = f"%(trailers:only,unfold,separator={ts},key_value_separator={kv})"
    fmt = rs + fs.join([*_FIELDS, trailers]) + fs
    return fmt, "\x1e" + nonce, "\x1f" + nonce, "\x1d" + nonce, "\x1c" + nonce


_CANONICAL = {key.lower(): key for key in KNOWN_KEYS}


class _TrailerItems(dict[str, tuple[str, str] | None]):
    """``"Key<kv>value"`` -> ``(canonical key, trimmed value)``, or None for an unknown
    key or an empty value; memoised, because most items recur (``Soort: redactioneel``,
    ``Besluit: aangenomen``, the same proposers and meetings) and a dictionary look-up
    is several times cheaper than splitting and matching the item again."""

    def __init__(self, kv: str) -> None:
        super().__init__()
        self.kv = kv

    def __missing__(self, item: str) -> tuple[str, str] | None:
        key, _, value = item.partition(self.kv)
        canonical = _CANONICAL.get(key.lower())
        value = value.strip()
        parsed = (canonical, value) if canonical is not None and value else None
        if len(self) < 100_000:  # bounded: a history of unique values must not grow it forever
            self[item] = parsed
        return parsed


def _trailers(raw: str, ts: str, items: _TrailerItems) -> dict[str, tuple[str, ...]]:
    """Known keys (matched case-insensitively, as git does) -> their trimmed values."""
    found: dict[str, tuple[str, ...]] = {}
    for item in raw.split(ts):
        parsed = items[item]
        if parsed is not None:
            key, value = parsed
            found[key] = (*found[key], value) if key in found else (value,)
    return found


def parse_record(chunk: str, fs: str, ts: str, items: _TrailerItems) -> CommitRecord:
    """One commit of ``git log -z --raw`` output in the format of ``_format``."""
    parts = chunk.split(fs, _NFIELDS)
    if len(parts) != _NFIELDS + 1:
        raise VwoError("git log", "unexpected output format", "report this as a bug")
    sha, parents, author, date, subject, body, trailers, raw = parts
    return CommitRecord(
        sha=sha,
        parents=tuple(parents.split()),
        author=author,
        date=datetime.fromisoformat(date),
        subject=subject,
        body=body.strip("\n"),
        trailers=_trailers(trailers, ts, items) if trailers else {},
        changes=_parse_raw(raw) if raw else (),
    )


_NFIELDS = len(_FIELDS) + 1


def _parse_raw(rest: str) -> tuple[FileChange, ...]:
    """``\\0\\n:<old mode> <new mode> <old blob> <new blob> <status>\\0<path>\\0...``"""
    tokens = rest.split("\0")
    changes: list[FileChange] = []
    for meta, path in zip(tokens[1::2], tokens[2::2], strict=False):
        fields = meta.split()
        if len(fields) == 5 and fields[0][:1] == ":":
            changes.append(FileChange(fields[4][:1], path, fields[2], fields[3]))
    return tuple(changes)


HISTORY_PATHS = (DOCS_PREFIX, VERSIONS_PREFIX)
"""The paths whose changes the site's history needs: the text and the published versions."""


def _log(repo: git.Repo, revisions: Sequence[str], paths: Sequence[str] = ()) -> Iterator[CommitRecord]:
    """Stream ``git log``: records are parsed while git still writes (two cores, two jobs).

    With ``paths``, every commit is still listed (``--sparse --full-history``: walk all
    parents, show every commit walked) but git diffs only those paths, which saves it
    reading the trees of everything else; ``changes`` then holds only those paths."""
    fmt, rs, fs, ts, kv = _format(secrets.token_hex(8))
    args = ["git", "-c", "core.quotepath=off", "log", "-z", "--raw", "--no-abbrev", "--no-renames"]
    if paths:
        args += ["--sparse", "--full-history"]
    # Keep the wrapper referenced: when it is collected it kills git and closes the pipes.
    try:
        wrapper = repo.git.execute([*args, f"--format={fmt}", *revisions, "--", *paths], as_process=True)
    except git.GitCommandNotFound:
        raise _no_git_program(repo.working_dir) from None
    process = wrapper.proc
    assert process is not None and process.stdout is not None and process.stderr is not None
    separator = rs.encode("ascii")
    items = _TrailerItems(kv)
    pending = b""
    stdout = cast(io.BufferedReader, process.stdout)  # Popen's default buffering
    # read1: whatever git has written so far, so parsing starts at once and git is not
    # held up while Python parses (read(n) would wait for n bytes).
    while block := stdout.read1(1 << 20):
        *complete, pending = (pending + block).split(separator)
        for chunk in complete:
            if chunk:
                yield parse_record(chunk.decode("utf-8", "replace"), fs, ts, items)
    if pending:
        yield parse_record(pending.decode("utf-8", "replace"), fs, ts, items)
    stderr = process.stderr.read().decode("utf-8", "replace")
    if process.wait() != 0:
        raise VwoError("git log", stderr.strip(), "check the revision range, e.g. main..HEAD")


_ABSENT = "0" * 40


class _BlobReader:
    """One ``git cat-file --batch`` that is fed object names while ``git log`` still
    streams, so git reads the blobs while Python parses records; a thread drains its
    output (otherwise both pipes could fill up and block each other)."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        self._wanted: dict[str, None] = {}
        self._wrapper: object = None  # GitPython's handle: collecting it kills git
        self._process: subprocess.Popen[bytes] | None = None
        self._output: list[bytes] = []
        self._drain: threading.Thread | None = None

    def want(self, names: Iterable[str]) -> None:
        new = [n for n in names if n != _ABSENT and n not in self._wanted]
        if not new:
            return
        if self._process is None:
            self._start()
        assert self._process is not None and self._process.stdin is not None
        self._wanted.update(dict.fromkeys(new))
        self._process.stdin.write(("\n".join(new) + "\n").encode("ascii"))

    def _start(self) -> None:
        try:
            wrapper = self._repo.git.execute(
                ["git", "cat-file", "--batch"], as_process=True, istream=subprocess.PIPE
            )
        except git.GitCommandNotFound:
            raise _no_git_program(self._repo.working_dir) from None
        self._wrapper = wrapper
        self._process = wrapper.proc
        assert self._process is not None and self._process.stdout is not None
        stdout = self._process.stdout
        self._drain = threading.Thread(target=lambda: self._output.append(stdout.read()), daemon=True)
        self._drain.start()

    def texts(self) -> dict[str, str | None]:
        """``{object name: text, or None if git has no such object}``."""
        if self._process is None:
            return {}
        assert self._process.stdin is not None and self._process.stderr is not None
        assert self._drain is not None
        self._process.stdin.close()
        self._drain.join()
        stderr = self._process.stderr.read().decode("utf-8", "replace")
        if self._process.wait() != 0:
            raise VwoError("git cat-file", stderr.strip(), "see git's message above")
        return _parse_batch(b"".join(self._output), list(self._wanted))


def _parse_batch(raw: bytes, wanted: list[str]) -> dict[str, str | None]:
    """``git cat-file --batch`` output: ``<name> <type> <size>\\n<content>\\n`` or
    ``<name> missing\\n`` per requested name, in request order."""
    result: dict[str, str | None] = {}
    pos = 0
    for name in wanted:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if header[-1] == b"missing" or len(header) != 3:
            result[name] = None
            continue
        size = int(header[2])
        result[name] = raw[pos : pos + size].decode("utf-8", errors="replace")
        pos += size + 1
    return result


def _with_touched(repo: git.Repo, stream: Iterable[CommitRecord]) -> list[CommitRecord]:
    """Add the touched ids: every blob read once, every (path, blob) parsed once."""
    reader = _BlobReader(repo)
    records: list[CommitRecord] = []
    text: dict[int, tuple[FileChange, ...]] = {}
    for record in stream:
        if record.changes and not record.is_merge and (changes := record.text_changes):
            text[len(records)] = changes
            reader.want(b for c in changes for b in (c.old_blob, c.new_blob))
        records.append(record)
    blobs = reader.texts()
    parsed: dict[tuple[str, str], Parts | None] = {}

    def parts(path: str, blob: str) -> Parts | None:
        if (path, blob) not in parsed:
            parsed[(path, blob)] = parts_of(path, None if blob == _ABSENT else blobs.get(blob))
        return parsed[(path, blob)]

    for index, changes in text.items():
        ids: set[str] = set()
        for change in changes:
            path = change.path[len(DOCS_PREFIX) :]
            old, new = blobs.get(change.old_blob), blobs.get(change.new_blob)
            quick = quick_touched(path, old, new) if old is not None and new is not None else None
            if quick is None:
                quick = diff_parts(parts(path, change.old_blob), parts(path, change.new_blob))
            ids |= quick
        if ids:
            records[index] = replace(records[index], touched=frozenset(ids))
    return records


_CACHE: dict[tuple[str, str], History] = {}


def read_history(root: Path) -> History:
    """All commits reachable from HEAD (newest first), cached per process by HEAD.

    Raises ``NoGitError`` outside a repository and ``ShallowCloneError`` in a shallow clone.
    """
    head = head_state(root)
    if head is None:
        return History(None, ())
    key = (str(root.resolve()), head)
    if key not in _CACHE:
        repo = _repo(root)
        _CACHE.clear()
        _CACHE[key] = History(head, tuple(_with_touched(repo, _log(repo, [head], HISTORY_PATHS))))
    return _CACHE[key]


def read_range(root: Path, revision_range: str) -> list[CommitRecord]:
    """The commits of ``BASE..HEAD`` (newest first), with touched articles."""
    repo = _repo(root)
    if not re.fullmatch(r"[^\s-][^\s]*", revision_range):
        raise VwoError(revision_range, "not a revision range", "write it as BASE..HEAD, e.g. main..HEAD")
    return _with_touched(repo, _log(repo, [revision_range]))


def paths_exist(root: Path, names: Iterable[str]) -> dict[str, bool]:
    """``{"<rev>:<path>": exists}`` in one ``git cat-file --batch-check``."""
    repo = _repo(root)
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}
    out = _run(repo, "cat-file", "--batch-check", stdin=("\n".join(wanted) + "\n").encode("utf-8"))
    lines = out.splitlines()
    return {name: not line.endswith(" missing") for name, line in zip(wanted, lines, strict=True)}
