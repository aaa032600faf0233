"""The pages of the standard in ``vwo publish``: built once, at the site branch's root (pure).

Pipeline: ``docs/`` -> the build's inputs (the standard's own pages and the assets,
``vwo.site.pagesets``) -> a build hash over everything those pages show (theme, those
inputs, every version and lifecycle event, ``data/``, the history's records) -> compared
with the hash in ``standaard.json`` at the branch root -> when it differs, the files of the
build (without the ones ``vwo.versions.plan.root_files`` owns) replace the previous
build's files, which ``standaard.json`` lists. The register's sorted and filtered views
(``vwo.site.pagesets.VIEWS``) are a second build with a hash of their own, without the
history: a decision commit does not rebuild them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vwo.errors import VwoError
from vwo.site import pagesets
from vwo.versions.model import VERSION_FILE, VERSIONS_DIR
from vwo.versions.plan import TEXT_NAMES, Target, digest_inputs, digest_paths, walk

NAME = "standaard"
TITLE = "Pagina's van de standaard"
VIEWS_NAME = "weergaven"
VIEWS_TITLE = "Weergaven van het register"
STATE_FILE = "standaard.json"
"""At the branch root: the standard's build hash and the files its build wrote."""
DATA_DIR = "data"
# Files at the root that are not the standard's build: the root files and mike's.
RESERVED = ("index.html", "404.html", "versies.json", "versions.json", STATE_FILE)


@dataclass(frozen=True)
class OnBranch:
    """The hash and the files on the branch of the standard's build and of the views'."""

    digest: str | None
    files: tuple[str, ...]
    views_digest: str | None = None
    views_files: tuple[str, ...] = ()


def target(epoch: int) -> Target:
    return Target(NAME, TITLE, "docs", epoch, ())


def views_target(epoch: int) -> Target:
    return Target(VIEWS_NAME, VIEWS_TITLE, "docs", epoch, ())


def inputs(root: Path) -> dict[str, Path]:
    """``{path in the build's docs dir: source file}``: the pages of the standard in
    ``docs/`` and every file that is no page (the assets), without the text."""
    docs = root / "docs"
    files = {}
    for path in walk(docs):
        rel = path.relative_to(docs).as_posix()
        if path.relative_to(docs).parts[0] in TEXT_NAMES:
            continue
        if pagesets.is_standard_source(rel) or not rel.endswith(".md"):
            files[rel] = path
    return dict(sorted(files.items()))


def annex_entries(files: dict[str, Path], annexes: list[str]) -> list[Any]:
    """Nav entries of the annexes, titled by their heading: in the standard's nav they are
    links (which take no title from a page)."""
    entries: list[Any] = []
    for rel in annexes:
        text = files[rel].read_text(encoding="utf-8")
        heading = next((line[2:] for line in text.splitlines() if line.startswith("# ")), rel)
        entries.append({_HEADING_ID.sub("", heading).strip(): rel})
    return entries


_HEADING_ID = re.compile(r"\s*\{[^}]*\}\s*$")


def build_hash(
    theme: str, root: Path, files: dict[str, Path], history: str, view: str, part: str = NAME
) -> str:
    """Everything the pages of the standard show: the theme, their pages, the versions
    (``view``: every version's derived state), ``data/`` (register, lifecycle events,
    corrections) and the history's records (``vwo.versions.inputs``; empty for the
    register's views, ``part`` ``VIEWS_NAME``, which show none of it)."""
    sha = hashlib.sha256(part.encode() + b"\0" + theme.encode())
    digest_inputs(files, sha)
    folder = root / VERSIONS_DIR
    versions = sorted(folder.glob(f"*/{VERSION_FILE}")) if folder.is_dir() else []
    digest_paths(root, [p.relative_to(root).as_posix() for p in versions], sha)
    if (root / DATA_DIR).is_dir():
        digest_paths(root, [DATA_DIR], sha)
    sha.update(view.encode() + b"\0" + history.encode())
    return sha.hexdigest()


def on_branch(text: str | None, where: str) -> OnBranch:
    """What ``standaard.json`` on the branch says (None: not published yet)."""
    if text is None:
        return OnBranch(None, ())
    try:
        data = json.loads(text)
        views = data.get("weergaven") or {"hash": None, "bestanden": []}  # not before 2026-12
        return OnBranch(
            str(data["hash"]),
            tuple(str(f) for f in data["bestanden"]),
            None if views["hash"] is None else str(views["hash"]),
            tuple(str(f) for f in views["bestanden"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        hint = "delete it; the next vwo publish writes it again"
        raise VwoError(where, "not the state file of vwo publish", hint) from None


def state_json(state: OnBranch) -> str:
    data = {
        "hash": state.digest,
        "bestanden": sorted(state.files),
        "weergaven": {"hash": state.views_digest, "bestanden": sorted(state.views_files)},
    }
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def site_files(site_dir: Path, versions: Collection[str], views: bool = False) -> dict[str, bytes]:
    """The files of the standard's build for the branch root: ``{path: bytes}``, without
    the root files; with ``views`` those of the views' build, only their pages (its theme
    files are the standard's). A path that would land in a version's folder is an error."""
    out: dict[str, bytes] = {}
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel in RESERVED or pagesets.is_views_output(rel) != views:
            continue
        top = rel.split("/", 1)[0]
        if top in versions:
            raise VwoError(
                f"{NAME}/{rel}",
                f"a page of the standard would overwrite the folder of {top}",
                "rename the page in docs/",
            )
        out[rel] = path.read_bytes()
    return out
