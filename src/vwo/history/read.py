"""Reading the history: the git adapter's records plus which articles each commit touched.

Pipeline: ``vwo.git.refs.repo_state`` (HEAD, shallow?) -> ONE streamed ``git log --raw``
over all commits (for the build only ``docs/`` and ``versions/`` diffed) -> while it
streams, the old and new blob of every text file a commit changed go to ONE
``git cat-file --batch`` (``vwo.git.objects.BlobReader``) -> ``vwo.history.touched``
decides, by the content model, which articles each commit touched -> the corrections of
``data/correcties.yml`` applied (``vwo.history.corrections``), so every model, page,
export and feed sees the corrected trailers.

Why ``--raw`` + blobs and not hunk headers (``diff.<driver>.xfuncname``): git names a
hunk after the last matching line *before* the hunk in the old file, so a hunk that
starts on a heading, adds a whole article or spans two articles is attributed wrongly,
and renumbering (``Artikel 8`` becomes ``Artikel 9``) changes every later heading line.
Comparing parsed models by stable id has none of these problems; it costs one extra
process per build and one parse per distinct blob (``benchmarks/bench_history.py``).

The history is cached per process by (root, HEAD, the corrections): hooks are not
reloaded by ``mkdocs serve``, and a rebuild without a new commit reuses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from vwo.git.log import log
from vwo.git.objects import BlobReader
from vwo.git.refs import repo_state, resolve_range
from vwo.git.run import UNSHALLOW, ShallowCloneError
from vwo.history.corrections import Correction, apply_corrections, read_corrections
from vwo.history.records import HISTORY_PATHS, CommitRecord, History
from vwo.history.touched import needed_blobs, with_touched
from vwo.history.trailers import KNOWN_KEYS

_CACHE: dict[tuple[str, str, tuple[Correction, ...]], History] = {}


def _read(root: Path, stream: Iterable[CommitRecord]) -> list[CommitRecord]:
    with BlobReader(root) as reader:
        records = []
        for record in stream:
            reader.want(needed_blobs(record))
            records.append(record)
        blobs = reader.texts()
    return with_touched(records, blobs)


def read_history(root: Path) -> History:
    """All commits reachable from HEAD (newest first), cached per process by HEAD.

    Raises ``NoGitError`` outside a repository, ``ShallowCloneError`` in a shallow clone and
    ``VwoError`` for a ``data/correcties.yml`` that does not parse.
    """
    state = repo_state(root)
    if state.shallow:
        raise ShallowCloneError(
            str(root),
            "this is a shallow clone: its history is incomplete, so the changelog and the "
            "decision log would silently miss commits",
            UNSHALLOW,
        )
    if state.head is None:
        return History(None, ())
    corrections = read_corrections(root)
    key = (str(root.resolve()), state.head, corrections)
    if key not in _CACHE:
        records = _read(root, log(root, [state.head], diff_paths=HISTORY_PATHS, keys=KNOWN_KEYS))
        _CACHE.clear()
        _CACHE[key] = History(state.head, tuple(apply_corrections(records, corrections)))
    return _CACHE[key]


def read_range(root: Path, revision_range: str) -> list[CommitRecord]:
    """The commits of ``BASE..HEAD`` (or of everything one revision reaches), newest
    first, with every path they changed and the articles they touched; a merge with what
    it changed itself (``--cc``)."""
    base, head = resolve_range(root, revision_range)
    revisions = [head] if base is None else [head, f"^{base}"]
    records = _read(root, log(root, revisions, merges=True, keys=KNOWN_KEYS))
    return apply_corrections(records, read_corrections(root))


def read_trailers(root: Path, commit: str) -> list[CommitRecord]:
    """Every commit ``commit`` (a resolved id) reaches, newest first, with its corrected
    trailers but without the paths it changed: for the decisions a range depends on."""
    return apply_corrections(log(root, [commit], changes=False, keys=KNOWN_KEYS), read_corrections(root))
