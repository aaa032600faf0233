"""Proof of publication: every published folder, in the working tree and in the commit
it would be published from (HEAD), is exactly the tree its adoption commit recorded.

Pipeline: ONE ``git log`` over ``versions/`` (``vwo.git.log.path_log``: every commit that
changed it, merges with what they changed themselves) -> the adoption commit of each
version (``vwo.versions.adoption.find_adoptions``) and the newest commit that changed each
path -> the trees of the folders in those commits and in HEAD (one ``cat-file
--batch-check``; a listing only for a folder that differs) -> the working tree hashed as
git would (no git process) -> every difference (contents, mode, symbolic link, added or
removed file, a folder gone or renamed) named with the commit that made it -> the tags
``vX.Y`` (one ``for-each-ref``): when present, annotated, on the adoption commit, with
the same tree.

The folder's manifest stays for readers without this tool (``sha256sum -c``); it is part
of the tree, so re-hashing it after an edit changes the tree too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from vwo.errors import Notice
from vwo.git.log import path_log
from vwo.git.refs import Tag, read_tags, repo_state
from vwo.git.repo import config_bool
from vwo.git.run import NoGitError
from vwo.git.trees import EXECUTABLE, FILE, SYMLINK, Entry, blob_id, object_format, object_ids, tree_entries
from vwo.history.records import VERSIONS_PREFIX, CommitRecord
from vwo.versions.adoption import (
    TRAILER_KEYS,
    TREE_TRAILER,
    VERSION_TRAILER,
    Difference,
    differences,
    find_adoptions,
    last_changes,
    tag_fields,
    tag_name,
    version_of_tag,
)

_CHUNK = 1 << 20
SPECIAL = "special"
"""The mode of something git cannot store (a FIFO, socket or device): never equal."""


@dataclass(frozen=True)
class Adopted:
    version: str
    commit: str
    """The adoption commit (or, in a shallow clone without it, the tag's commit)."""
    subject: str
    tree: str
    """The tree of ``versions/X.Y`` in that commit."""


@dataclass
class Proof:
    """What the history says about the published folders."""

    adopted: dict[str, Adopted] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)
    """Per version (``""`` for problems of no single folder)."""
    notices: list[Notice] = field(default_factory=list)
    unverified: set[str] = field(default_factory=set)
    """Folders nothing could be compared with (a shallow clone without the commit or tag)."""

    def add(self, version: str, problem: str) -> None:
        self.problems.setdefault(version, []).append(problem)


def _blob(path: Path, size: int, fmt: str) -> str:
    digest = hashlib.sha256() if fmt == "sha256" else hashlib.sha1()
    digest.update(b"blob %d\0" % size)
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def working_entries(folder: Path, fmt: str, filemode: bool) -> dict[str, Entry]:
    """The folder as git would record it: path -> mode and blob id (symbolic links are not
    followed; their target is the blob). Empty folders do not count: git has no such thing."""
    entries: dict[str, Entry] = {}
    for current, folders, files in os.walk(folder):
        base = Path(current)
        for name in [*folders, *files]:
            path = base / name
            info = path.lstat()
            rel = path.relative_to(folder).as_posix()
            if stat.S_ISDIR(info.st_mode):
                continue
            if stat.S_ISLNK(info.st_mode):
                entries[rel] = Entry(SYMLINK, blob_id(os.fsencode(os.readlink(path)), fmt))
            elif stat.S_ISREG(info.st_mode):
                executable = filemode and bool(info.st_mode & stat.S_IXUSR)
                entries[rel] = Entry(EXECUTABLE if executable else FILE, _blob(path, info.st_size, fmt))
            else:
                entries[rel] = Entry(SPECIAL, "")
    return entries


def _commit_text(record: CommitRecord) -> str:
    return f"commit {record.short} ('{record.subject[:72]}')"


def _hint(adopted: Adopted) -> str:
    return (
        "a published version never changes: restore the folder with "
        f"'git checkout {adopted.commit[:12]} -- {VERSIONS_PREFIX}{adopted.version}' (delete files it did "
        "not have) and commit that; record a correction in data/gebeurtenissen.yml or publish a new version"
    )


def _report(
    proof: Proof, adopted: Adopted, difference: Difference, committed: bool, newest: dict[str, CommitRecord]
) -> None:
    path = f"{VERSIONS_PREFIX}{adopted.version}/{difference.path}"
    culprit = newest.get(path) if committed else None
    if culprit is not None:
        how = f"in {_commit_text(culprit)}"
    else:
        how = "in the commit being checked" if committed else "in the working tree, not committed"
    proof.add(
        adopted.version,
        f"{path}: {difference.what}, {how}; adopted in commit {adopted.commit[:7]}\nhint: {_hint(adopted)}",
    )


def _compare(
    root: Path, proof: Proof, adopted: Adopted, head_tree: str | None, newest: dict[str, CommitRecord]
) -> None:
    """The folder in the working tree and at HEAD against its adoption tree."""
    name = f"{VERSIONS_PREFIX}{adopted.version}"
    folder = root / name
    expected = tree_entries(root, adopted.tree)
    at_head = expected if head_tree == adopted.tree else tree_entries(root, head_tree) if head_tree else {}
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        kind = "a symbolic link" if folder.is_symlink() else "not a folder"
        proof.add(
            adopted.version,
            f"{name}: is {kind}, adopted as a folder in commit {adopted.commit[:7]}\nhint: {_hint(adopted)}",
        )
        return
    if not folder.exists():
        culprit = newest.get(name) if not at_head else None
        how = f"in {_commit_text(culprit)}" if culprit else "in the working tree, not committed"
        proof.add(
            adopted.version,
            f"{name}: removed after publication{_renamed_to(root, adopted)}, {how}; adopted in commit "
            f"{adopted.commit[:7]}\nhint: {_hint(adopted)}",
        )
        return
    fmt, filemode = proof_settings(root)
    now = working_entries(folder, fmt, filemode)
    committed = {d.path: d for d in differences(expected, at_head)}
    seen = {**{d.path: d for d in differences(expected, now)}, **committed}
    for path in sorted(seen):
        _report(proof, adopted, seen[path], path in committed, newest)


_SETTINGS: dict[str, tuple[str, bool]] = {}


def proof_settings(root: Path) -> tuple[str, bool]:
    """The object format and whether git records the executable bit (``core.fileMode``)."""
    key = str(root.resolve())
    if key not in _SETTINGS:
        _SETTINGS[key] = (object_format(root), config_bool(root, "core.fileMode", True))
    return _SETTINGS[key]


def _renamed_to(root: Path, adopted: Adopted) -> str:
    base = root / VERSIONS_PREFIX
    if not base.is_dir():
        return ""
    names = [p.name for p in base.iterdir() if p.is_dir() and p.name != adopted.version]
    trees = object_ids(root, [f"HEAD:{VERSIONS_PREFIX}{name}" for name in names])
    for name in names:
        found = trees.get(f"HEAD:{VERSIONS_PREFIX}{name}")
        if found and found[0] == adopted.tree:
            return f" (renamed to {VERSIONS_PREFIX}{name})"
    return ""


def _tag_problems(proof: Proof, tags: dict[str, Tag]) -> None:
    for name, tag in sorted(tags.items()):
        version = version_of_tag(name)
        if version is None:
            continue
        adopted = proof.adopted.get(version)
        where = f"tag {name}"
        fix = f"delete it (git tag -d {name}; on GitHub too if it was pushed) and run 'vwo tag-versions'"
        if adopted is None:
            if version not in proof.unverified:
                proof.add("", f"{where}: there is no published version {version}\nhint: {fix}")
            continue
        if not tag.annotated:
            proof.add(version, f"{where}: a lightweight tag; vwo adopt makes an annotated tag\nhint: {fix}")
        elif tag.commit != adopted.commit:
            shown = tag.commit[:7] if tag.commit else "something that is not a commit"
            proof.add(
                version,
                f"{where}: points at {shown}, but version {version} was adopted in commit "
                f"{adopted.commit[:7]} (a moved or forged tag)\nhint: {fix}",
            )
        else:
            fields = tag_fields(tag.message)
            if fields.get(TREE_TRAILER) != adopted.tree or fields.get(VERSION_TRAILER) != version:
                proof.add(
                    version,
                    f"{where}: records {TREE_TRAILER} {fields.get(TREE_TRAILER, '(none)')[:12]}, but "
                    f"versions/{version} was adopted as tree {adopted.tree[:12]}\nhint: {fix}",
                )


def read_proof(root: Path, folders: list[str]) -> Proof | None:
    """The proof for the folders ``folders`` (names under ``versions/``) and every version
    the history adopted; None without git (an unpacked archive: nothing to compare with)."""
    try:
        state = repo_state(root)
    except NoGitError:
        return None
    proof = Proof()
    if state.head is None:
        proof.unverified.update(folders)
        return proof
    commits = list(path_log(root, state.head, [VERSIONS_PREFIX], keys=TRAILER_KEYS))
    adoptions = find_adoptions(commits, shallow=state.shallow)
    newest = last_changes(commits)
    tags = read_tags(root, "v*")
    versions = sorted(set(folders) | set(adoptions))
    names = [f"{adoptions[v].sha}:{VERSIONS_PREFIX}{v}" for v in versions if v in adoptions]
    names += [f"{state.head}:{VERSIONS_PREFIX}{v}" for v in versions]
    names += [f"{tags[tag_name(v)].commit}:{VERSIONS_PREFIX}{v}" for v in versions if _tag_commit(tags, v)]
    trees = object_ids(root, names)
    for version in versions:
        record = adoptions.get(version)
        adopted = _adopted(proof, version, record, tags, trees, state.shallow)
        if adopted is None:
            continue
        proof.adopted[version] = adopted
        head = trees.get(f"{state.head}:{VERSIONS_PREFIX}{version}")
        _compare(root, proof, adopted, head[0] if head and head[1] == "tree" else None, newest)
    _tag_problems(proof, tags)
    return proof


def _tag_commit(tags: dict[str, Tag], version: str) -> str | None:
    tag = tags.get(tag_name(version))
    return tag.commit if tag is not None and tag.annotated else None


def _adopted(
    proof: Proof,
    version: str,
    record: CommitRecord | None,
    tags: dict[str, Tag],
    trees: dict[str, tuple[str, str] | None],
    shallow: bool,
) -> Adopted | None:
    folder = f"{VERSIONS_PREFIX}{version}"
    if record is not None:
        tree = trees.get(f"{record.sha}:{folder}")
        assert tree is not None  # the commit added a file in it
        recorded = record.value(TREE_TRAILER)
        if recorded is not None and recorded != tree[0]:
            proof.add(
                version,
                f"{folder}: its adoption {_commit_text(record)} records {TREE_TRAILER} {recorded[:12]}, but "
                f"the folder in that commit is tree {tree[0][:12]}\nhint: that commit was not made by "
                "'vwo adopt' as it stands; restore the history from a trusted copy",
            )
        return Adopted(version, record.sha, record.subject, tree[0])
    tagged = _tag_commit(tags, version)
    if shallow and tagged is not None and (tree := trees.get(f"{tagged}:{folder}")) is not None:
        return Adopted(version, tagged, f"tag {tag_name(version)}", tree[0])
    if shallow:
        proof.unverified.add(version)
        proof.notices.append(
            Notice(
                f"{folder}: not compared with its adoption: this shallow clone does not have the commit "
                "that adopted it (nor its tag)\nhint: fetch the full history with 'git fetch --unshallow'"
            )
        )
        return None
    proof.add(
        version,
        f"{folder}: no adoption commit: no commit adds {folder}/version.yml as 'vwo adopt' does (only "
        "adding files under versions/)\nhint: published folders are made by 'vwo adopt' and committed; "
        "if it was renamed, rename it back",
    )
    return None
