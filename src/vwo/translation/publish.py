"""``vwo translation publish X.Y --lang en``: freeze the working translation as the
translation of version X.Y.

Pipeline: validate the request (version number, language, date) -> read the repository
(full history, on a branch, clean, a committer; finish a publication that a SIGKILL
interrupted after its commit) -> refuse when version X.Y is not published, when its
translation (folder or tag) exists already, when the working translation translates
another text, or when it is not complete against the Dutch text of X.Y (every unit
stamped from that text, nothing missing, extra or out of order:
``vwo.translation.source``) -> the folder built from git's own objects (exactly the files
git tracks in ``vertalingen/<lang>/`` at HEAD), ``vertaling.yml`` with ``bron: X.Y`` and
``gepubliceerd_op``, read back, ``MANIFEST.sha256`` -> the commit with the trailers
``Vertaling`` and ``Vertaling-boom`` (the folder's tree) and the annotated tag
``vX.Y-<lang>`` (``vwo.translation.freeze``). Every refusal happens before anything is
written.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, timedelta
from pathlib import Path

from vwo.errors import VwoError
from vwo.git.log import commit as read_commit
from vwo.git.objects import list_files, read_blobs
from vwo.git.refs import repo_state
from vwo.git.repo import require_clean_tree, require_identity, require_no_tag
from vwo.translation.freeze import commit_files, current_branch, finish_interrupted
from vwo.translation.model import META_FILE, folder_name
from vwo.translation.proof import TRAILER, TRAILER_KEYS, TREE_TRAILER, tag_name
from vwo.translation.read import parse_meta
from vwo.translation.source import check_language, read_standing
from vwo.translation.stamp import leading_comments, meta_text
from vwo.versions import manifest
from vwo.versions.model import CONCEPT, VERSION_RE, VERSIONS_DIR, load_versions


def tag_message(version: str, language: str, day: str, tree: str) -> str:
    return (
        f"Vertaling {language} van versie {version} (informatieve vertaling, {day})\n\n"
        f"{TRAILER}: {version}/{language}\nDatum: {day}\n{TREE_TRAILER}: {tree}\n"
    )


def commit_message(version: str, language: str, day: str, tree: str) -> str:
    return (
        f"Vertaling {language} van versie {version} gepubliceerd\n\n"
        f"Informatieve vertaling van versie {version}, gepubliceerd op {day}; "
        "de Nederlandse tekst is bindend.\n\n"
        f"{TRAILER}: {version}/{language}\n{TREE_TRAILER}: {tree}\n"
    )


def _day(value: str | None, published: date, today: date) -> date:
    if value is None:
        day = today
    else:
        ascii_date = len(value) == 10 and value.isascii() and value[4] == "-" and value[7] == "-"
        try:
            if not ascii_date:
                raise ValueError(value)
            day = date.fromisoformat(value)
        except ValueError:
            raise VwoError("--date", f"'{value}' is not a valid date", "write it as YYYY-MM-DD") from None
    if day < published:
        raise VwoError(
            "--date", f"{day} is before {published}, when the version itself was published", "check the date"
        )
    if day > today + timedelta(days=1):
        raise VwoError(
            "--date", f"{day} is in the future", "publish a translation on or after the day it is decided"
        )
    return day


def _repository(root: Path) -> tuple[str, str]:
    state = repo_state(root)
    if state.shallow:
        raise VwoError(
            str(root), "shallow clone: the history is incomplete", "run 'git fetch --unshallow' first"
        )
    if state.head is None:
        raise VwoError(str(root), "the repository has no commits yet", "commit the text first")
    branch = current_branch(root)
    if branch is None:
        raise VwoError(
            str(root),
            "HEAD is detached (not on a branch)",
            "switch to the branch first, e.g. git switch main",
        )
    return state.head, branch


def publish_translation(
    root: Path, version: str, *, language: str = "en", day: str | None = None, today: date | None = None
) -> str:
    """Freeze ``vertalingen/<lang>/`` as ``vertalingen/X.Y/<lang>/`` and commit it; returns the commit."""
    if not VERSION_RE.match(version):
        raise VwoError("X.Y", f"{version!r} is not a version number", "write it as X.Y, e.g. 2.7")
    language = check_language(language)
    info = next((i for i in load_versions(root) if i.version == version), None)
    if info is None:
        raise VwoError(
            f"{VERSIONS_DIR}/{version}",
            f"version {version} is not published",
            "a translation is published for a published version: vwo adopt publishes the Dutch text first",
        )
    published = _day(day, info.published, today or date.today())
    head, branch = _repository(root)
    target = folder_name(version, language)
    name = tag_name(version, language)
    _finish(root, head)
    if (root / target).exists() or list_files(root, head, target):
        raise VwoError(
            target, "already exists: this translation is published", "a published translation never changes"
        )
    require_no_tag(root, name, "translation")
    require_clean_tree(root)
    require_identity(root)
    working = folder_name(CONCEPT, language)
    files = _folder(root, head, working, target, version, language, published)
    when = published.isoformat()
    return commit_files(
        root,
        head,
        branch,
        files,
        target,
        lambda tree: commit_message(version, language, when, tree),
        lambda tree: (name, tag_message(version, language, when, tree)),
    )


def _folder(
    root: Path, head: str, working: str, target: str, version: str, language: str, day: date
) -> dict[str, bytes]:
    """The published folder's files (path from the root -> bytes), after every check."""
    where = f"{working}/{META_FILE}"
    if not (root / where).is_file():
        raise VwoError(
            where, "missing: there is no working translation to publish", f"translate into {working}/ first"
        )
    meta = parse_meta((root / where).read_bytes(), where, folder_source=CONCEPT, language=language)
    if meta.source not in (CONCEPT, version):
        raise VwoError(
            f"{where}:1",
            f"bron: the working translation translates {meta.source}, not version {version}",
            f"stamp it against version {version} first: vwo translation stamp --source {version}",
        )
    standing = read_standing(root, working, version)
    problems = [str(f) for f in standing.errors(published=True)]
    problems += [p.describe(working) for p in standing.pending]
    problems += [
        f"{where}: bronteksten: '{key}' is not a unit of version {version}" for key in standing.stale
    ]
    if problems:
        raise VwoError(
            working,
            f"not complete against the Dutch text of version {version}:\n" + "\n".join(problems),
            f"translate what is pending, then 'vwo translation stamp --source {version}'; a published "
            "translation has every unit translated from its version's text",
        )
    tracked = list_files(root, head, working)
    contents = read_blobs(root, [f"{head}:{path}" for path in tracked])
    files: dict[str, bytes] = {}
    for path in tracked:
        rel = path[len(working) + 1 :]
        if rel.startswith(".") or "/." in rel:
            continue
        blob = contents[f"{head}:{path}"]
        assert blob is not None  # listed in HEAD's tree
        files[rel] = blob
    raw = files[META_FILE].decode("utf-8")
    stamps = standing.translation.meta.stamps
    frozen = meta_text(dataclasses.replace(meta, published=day), stamps, version, leading_comments(raw))
    parse_meta(frozen, f"{target}/{META_FILE}", folder_source=version, language=language)
    files[META_FILE] = frozen.encode("utf-8")
    sums = {rel: hashlib.sha256(blob).hexdigest() for rel, blob in files.items()}
    files[manifest.MANIFEST_FILE] = manifest.dumps(sums).encode("utf-8")
    return {f"{target}/{rel}": blob for rel, blob in files.items()}


def _finish(root: Path, head: str) -> None:
    """A publication that a SIGKILL stopped after it moved the branch: finish it."""
    record = read_commit(root, head, changes=False, keys=TRAILER_KEYS)
    place, tree = record.value(TRAILER), record.value(TREE_TRAILER)
    if place is None or tree is None or len(record.parents) != 1:
        return
    version, _, language = place.partition("/")
    if not language:
        return
    folder = folder_name(version, language)
    day = _tag_day(root, head, folder)
    if day is not None:
        tag = (tag_name(version, language), tag_message(version, language, day, tree))
        finish_interrupted(root, head, record.parents[0], folder, tag)


def _tag_day(root: Path, head: str, folder: str) -> str | None:
    blob = read_blobs(root, [f"{head}:{folder}/{META_FILE}"])[f"{head}:{folder}/{META_FILE}"]
    if blob is None:
        return None
    for line in blob.decode("utf-8", "replace").splitlines():
        if line.startswith("gepubliceerd_op:"):
            return line.split(":", 1)[1].strip().strip("'\"")
    return None
