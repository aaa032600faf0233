"""Proof that a published translation is what was published: the same scheme as the
versions' proof of publication (``Versie-boom``, tag ``vX.Y``), for ``vertalingen/X.Y/<lang>/``.

Pipeline: ONE ``git log`` over ``vertalingen/`` (trailers ``Vertaling`` and
``Vertaling-boom``, the paths each commit changed) -> the publication commit of each
translation (the commit with ``Vertaling: X.Y/<lang>`` that added its ``vertaling.yml``)
and the newest commit that changed each path -> the folder's tree in that commit (one
``cat-file --batch-check``), checked against the trailer -> the folder at HEAD and in the
working tree (hashed as git would, no git process) against that tree, every difference
named with the commit that made it -> the tags ``vX.Y-<lang>``: when present, annotated,
on the publication commit, recording the same tree.

Without git (an unpacked archive) only the folder's ``MANIFEST.sha256`` can be checked.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from vwo.git.log import log
from vwo.git.refs import repo_state
from vwo.git.run import NoGitError, run, run_bytes
from vwo.history.records import CommitRecord
from vwo.translation.model import META_FILE, TRANSLATIONS_DIR, folder_name
from vwo.versions.manifest import verify

TRAILER = "Vertaling"
TREE_TRAILER = "Vertaling-boom"
TRAILER_KEYS = (TRAILER, TREE_TRAILER)
TAG_RE = re.compile(r"^v(\d+\.\d+)-([a-z]{2})$")
MODES = ("100644", "100755")


def tag_name(version: str, language: str) -> str:
    return f"v{version}-{language}"


@dataclass(frozen=True)
class Publication:
    version: str
    language: str
    commit: str
    tree: str
    """The tree of ``vertalingen/X.Y/<lang>`` in the publication commit."""


@dataclass
class Proof:
    publications: dict[tuple[str, str], Publication] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unverified: set[tuple[str, str]] = field(default_factory=set)
    """Folders nothing could be compared with (a shallow clone without the commit)."""


def _object_ids(root: Path, names: list[str]) -> dict[str, tuple[str, str] | None]:
    if not names:
        return {}
    out = run(root, "cat-file", "--batch-check", stdin=("\n".join(names) + "\n").encode("utf-8"))
    found: dict[str, tuple[str, str] | None] = {}
    for name, line in zip(names, out.split("\n"), strict=True):
        fields = line.split()
        found[name] = (fields[0], fields[1]) if len(fields) == 3 else None
    return found


def tree_files(root: Path, tree: str) -> dict[str, tuple[str, str]]:
    """Every file of ``tree``: path inside it -> (mode, object id)."""
    out = run_bytes(root, "ls-tree", "-r", "-z", "--full-tree", "--end-of-options", tree)
    entries: dict[str, tuple[str, str]] = {}
    for item in out.split(b"\0"):
        if item:
            meta, _, path = item.partition(b"\t")
            mode, _kind, sha = meta.decode("ascii").split()
            entries[path.decode("utf-8", "surrogateescape")] = (mode, sha)
    return entries


def working_files(folder: Path, fmt: str) -> dict[str, str]:
    """The folder's files as git would store them: path -> blob id (``special`` for a
    symbolic link or anything else that is not a plain file)."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            found[rel] = "special"
        elif path.is_file():
            data = path.read_bytes()
            digest = hashlib.sha256() if fmt == "sha256" else hashlib.sha1()
            digest.update(b"blob %d\0" % len(data) + data)
            found[rel] = digest.hexdigest()
    return found


def _differences(expected: dict[str, str], actual: dict[str, str]) -> dict[str, str]:
    out = {p: "removed after publication" for p in expected if p not in actual}
    out |= {p: "added after publication" for p in actual if p not in expected}
    out |= {p: "changed after publication" for p in expected if p in actual and actual[p] != expected[p]}
    return out


def _hint(pub: Publication) -> str:
    return (
        "a published translation never changes: restore it with "
        f"'git checkout {pub.commit[:12]} -- {folder_name(pub.version, pub.language)}' (delete files it "
        "did not have) and commit that; publish a corrected translation with a new version"
    )


def _publications(commits: list[CommitRecord]) -> dict[tuple[str, str], CommitRecord]:
    """The oldest commit per translation that names it in ``Vertaling`` and adds its vertaling.yml."""
    found: dict[tuple[str, str], CommitRecord] = {}
    for record in commits:  # newest first: the last one seen is the oldest
        version, _, language = (record.value(TRAILER) or "").partition("/")
        meta = f"{folder_name(version, language)}/{META_FILE}"
        if language and any(c.status == "A" and c.path == meta for c in record.changes):
            found[(version, language)] = record
    return found


def read_proof(root: Path, folders: list[tuple[str, str]]) -> Proof | None:
    """The proof of every published translation in ``folders`` ((version, language) on
    disk) and every one the history published; None without git."""
    try:
        state = repo_state(root)
    except NoGitError:
        return None
    proof = Proof()
    if state.head is None:
        return proof
    commits = list(log(root, [state.head], diff_paths=[f"{TRANSLATIONS_DIR}/"], keys=TRAILER_KEYS))
    newest: dict[str, CommitRecord] = {}
    for commit in commits:
        for change in commit.changes:
            newest.setdefault(change.path, commit)
    published = _publications(commits)
    keys = sorted(set(folders) | set(published))
    names = [f"{published[k].sha}:{folder_name(*k)}" for k in keys if k in published]
    names += [f"{state.head}:{folder_name(*k)}" for k in keys]
    trees = _object_ids(root, names)
    fmt = run(root, "rev-parse", "--show-object-format").strip() or "sha1"
    for key in keys:
        display = folder_name(*key)
        record = published.get(key)
        if record is None and state.shallow:
            proof.unverified.add(key)
            continue
        if record is None:
            proof.problems.append(
                f"{display}: no publication commit: no commit with the trailer "
                f"'{TRAILER}: {key[0]}/{key[1]}' adds {display}/{META_FILE}\nhint: a translation is "
                f"published with 'vwo translation publish {key[0]} --lang {key[1]}', which commits it; "
                "if the folder was renamed, rename it back"
            )
            continue
        found = trees.get(f"{record.sha}:{display}")
        assert found is not None  # the commit added a file in it
        pub = Publication(key[0], key[1], record.sha, found[0])
        proof.publications[key] = pub
        recorded = record.value(TREE_TRAILER)
        if recorded != pub.tree:
            proof.problems.append(
                f"{display}: its publication commit {record.short} records {TREE_TRAILER} "
                f"{(recorded or '(none)')[:12]}, but the folder in that commit is tree {pub.tree[:12]}\n"
                "hint: that commit was not made by 'vwo translation publish'; restore the history from a "
                "trusted copy"
            )
        at_head = trees.get(f"{state.head}:{display}")
        _compare(root, proof, pub, at_head[0] if at_head and at_head[1] == "tree" else None, newest, fmt)
    _tags(root, proof)
    return proof


def check_published(root: Path, folders: list[tuple[str, str]]) -> list[str]:
    """Every problem of the published translations with their publication: the proof from
    git where there is one, else (no git, or a shallow clone without the commit) the
    folder's manifest."""
    proof = read_proof(root, folders)
    unproven = folders if proof is None else sorted(proof.unverified)
    found = [] if proof is None else list(proof.problems)
    for key in unproven:
        found += verify(root / folder_name(*key), folder_name(*key))
    return found


def _compare(
    root: Path,
    proof: Proof,
    pub: Publication,
    head_tree: str | None,
    newest: dict[str, CommitRecord],
    fmt: str,
) -> None:
    display = folder_name(pub.version, pub.language)
    expected_entries = tree_files(root, pub.tree)
    expected = {p: sha if mode in MODES else "special" for p, (mode, sha) in expected_entries.items()}
    if head_tree is None:
        culprit = newest.get(next(iter(sorted(f"{display}/{p}" for p in expected)), ""))
        how = (
            f"in commit {culprit.short} ('{culprit.subject[:72]}')"
            if culprit
            else "in the commit being checked"
        )
        proof.problems.append(f"{display}: removed after publication, {how}\nhint: {_hint(pub)}")
        return
    at_head = (
        expected if head_tree == pub.tree else {p: s for p, (_m, s) in tree_files(root, head_tree).items()}
    )
    committed = _differences(expected, at_head)
    folder = root / display
    now = working_files(folder, fmt) if folder.is_dir() else {}
    uncommitted = _differences(expected, now)
    for path in sorted(set(committed) | set(uncommitted)):
        full = f"{display}/{path}"
        if path in committed:
            culprit = newest.get(full)
            what, how = (
                committed[path],
                (
                    f"in commit {culprit.short} ('{culprit.subject[:72]}')"
                    if culprit
                    else "in the commit being checked"
                ),
            )
        else:
            what, how = uncommitted[path], "in the working tree, not committed"
        proof.problems.append(
            f"{full}: {what}, {how}; published in commit {pub.commit[:7]}\nhint: {_hint(pub)}"
        )


def _tags(root: Path, proof: Proof) -> None:
    """Every tag ``vX.Y-<lang>``: annotated, on the publication commit, with its tree."""
    end = secrets.token_hex(8)
    fmt = f"%(refname:strip=2)%00%(objecttype)%00%(*objectname)%00%(contents){end}"
    out = run(root, "for-each-ref", f"--format={fmt}", "refs/tags/v*-*")
    for item in out.split(end):
        parts = item.lstrip("\n").split("\0", 3)
        if len(parts) < 4 or not (match := TAG_RE.match(parts[0])):
            continue
        name, kind, target, message = parts[0], parts[1], parts[2], parts[3]
        key = (match[1], match[2])
        pub = proof.publications.get(key)
        where = f"tag {name}"
        fix = f"delete it (git tag -d {name}; on GitHub too if it was pushed)"
        if pub is None and key in proof.unverified:
            continue
        if pub is None:
            proof.problems.append(
                f"{where}: there is no published translation {key[0]}/{key[1]}\nhint: {fix}"
            )
        elif kind != "tag":
            proof.problems.append(
                f"{where}: a lightweight tag; 'vwo translation publish' makes an annotated tag\nhint: {fix}"
            )
        elif target != pub.commit:
            proof.problems.append(
                f"{where}: points at {target[:7] or 'something that is not a commit'}, but the translation "
                f"was published in commit {pub.commit[:7]} (a moved or forged tag)\nhint: {fix}"
            )
        elif f"{TREE_TRAILER}: {pub.tree}" not in message.splitlines():
            proof.problems.append(
                f"{where}: does not record {TREE_TRAILER} {pub.tree[:12]}, the tree the translation was "
                f"published as\nhint: {fix}"
            )
