"""The plan of ``vwo publish`` (pure: no git, no builds, no writes).

Pipeline: the published versions' states and their publication commits -> targets (each
version plus ``concept``) -> for each, the build inputs (the version's site pages of
``docs/`` plus its text; the pages of the standard are built once, ``vwo.versions.standard``)
and a build hash over everything that shapes the build -> the targets
whose hash is not on the branch yet (``pending``) -> for each of those, its temporary
MkDocs config (``build_config``, the annex entries of ``nav`` adapted) -> the files at the
branch root (redirect, ``404.html``, ``versies.json``). ``vwo.versions.publish`` carries
the plan out.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from vwo.errors import VwoError
from vwo.site import pagesets
from vwo.site.render import render
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, COVERAGE_FILE, EXPLANATION_FILE
from vwo.translation.listing import with_translations
from vwo.translation.model import build_inputs
from vwo.versions.events import Event
from vwo.versions.model import (
    CONCEPT,
    CURRENT_ALIAS,
    VERSION_FILE,
    VERSIONS_DIR,
    VersionInfo,
    VersionState,
    concept_title,
)
from vwo.versions.pages import VERSIONS_JSON, build_view, view_fingerprint

CONFIG_FILE = "mkdocs.yml"
# Everything besides the text that shapes a build: today's theme, hooks and code.
THEME_INPUTS = ("mkdocs.yml", "hooks", "overrides", "src/vwo", "data/afkortingen.md")
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mike",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "pypandoc-binary",
    "typst",
    # Every version's index must be readable by the same pagefind.js (cross-version search).
    "pagefind-bin",
)
TEXT_NAMES = (AGREEMENT_FILE, EXPLANATION_FILE, ANNEX_DIR, COVERAGE_FILE)
# Config keys MkDocs resolves against the config file's folder.
PATH_KEYS = ("docs_dir", "site_dir")
HASH_PROPERTY = "vwo.hash"


@dataclass(frozen=True)
class Target:
    """One mike version to build: a published version or ``concept``."""

    name: str
    title: str
    source: str  # "docs" or "versions/X.Y"
    epoch: int  # SOURCE_DATE_EPOCH: the publication commit (concept: HEAD)
    aliases: tuple[str, ...]


def _skip(name: str) -> bool:
    return name == "__pycache__" or name.endswith((".pyc", ".pyo")) or name.startswith(".")


def digest_paths(base: Path, rels: Iterable[str], sha: Any) -> None:
    """Feed every file under ``base/rel`` (path and bytes, sorted) into ``sha``."""
    for rel in rels:
        top = base / rel
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            parts = path.relative_to(base).parts
            if any(_skip(part) for part in parts):
                continue
            sha.update("/".join(parts).encode() + b"\0" + path.read_bytes() + b"\0")


def theme_digest(root: Path) -> str:
    sha = hashlib.sha256()
    digest_paths(root, [p for p in THEME_INPUTS if (root / p).exists()], sha)
    # Each version redirects the old addresses of the pages of the standard that exist.
    moved = pagesets.moved_pages(p for p in pagesets.MOVED if (root / "docs" / p).is_file())
    sha.update(("redirects:" + ",".join(moved) + "\0").encode())
    for package in PACKAGES:
        try:
            sha.update(f"{package}=={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            sha.update(f"{package} absent\0".encode())
    return sha.hexdigest()


def walk(base: Path) -> list[Path]:
    return sorted(
        path
        for path in base.rglob("*")
        if path.is_file() and not any(_skip(part) for part in path.relative_to(base).parts)
    )


def docs_inputs(root: Path, target: Target) -> dict[str, Path]:
    """``{path in the build's docs dir: source file}``: the site pages of ``docs/`` that are
    pages of a version plus the text (agreement, toelichting, annexes) of ``target``."""
    docs, text = root / "docs", root / target.source
    files = {}
    for path in walk(docs):
        rel = path.relative_to(docs).as_posix()
        if path.relative_to(docs).parts[0] not in TEXT_NAMES and not pagesets.is_standard_source(rel):
            files[rel] = path
    for path in walk(text):
        part = path.relative_to(text)
        if part.parts[0] in TEXT_NAMES:
            files[part.as_posix()] = path
    return dict(sorted(files.items()))


def digest_inputs(files: dict[str, Path], sha: Any) -> None:
    for rel, path in files.items():
        sha.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")


def annex_pages(files: Iterable[str]) -> list[str]:
    """The annex pages among the paths of a build's docs dir, in order."""
    return [rel for rel in files if rel.startswith(f"{ANNEX_DIR}/") and rel.endswith(".md")]


def adapt_nav(nav: Any, annexes: list[Any]) -> Any:
    """Replace the annex entries of ``nav`` with the annexes this version has."""
    if isinstance(nav, dict):
        return {key: adapt_nav(value, annexes) for key, value in nav.items()}
    if not isinstance(nav, list):
        return nav

    def is_annex(item: Any) -> bool:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        return isinstance(value, str) and value.startswith(f"{ANNEX_DIR}/")

    out: list[Any] = []
    placed = False
    for item in nav:
        if is_annex(item):
            if not placed:
                out.extend(annexes)
                placed = True
            continue
        out.append(adapt_nav(item, annexes))
    return out


def build_config(
    base: dict[str, Any],
    root: Path,
    name: str,
    docs_dir: Path,
    annexes: list[Any],
    pageset: str = pagesets.VERSION,
    current_folder: str = CURRENT_ALIAS,
) -> dict[str, Any]:
    """The temporary config of one build: ``base`` with absolute paths, this version and
    its page set (``vwo.site.pagesets``; the nav links to the pages of the other set, in
    ``current_folder`` for the pages of a version)."""
    if "INHERIT" in base:
        raise VwoError(
            CONFIG_FILE, "INHERIT is not supported by vwo publish", "merge the parent config into mkdocs.yml"
        )
    cfg = copy.deepcopy(base)
    for key in PATH_KEYS:
        if key in cfg:
            cfg[key] = str((root / str(cfg[key])).resolve())
    cfg["docs_dir"] = str(docs_dir)
    theme = cfg.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str((root / str(theme["custom_dir"])).resolve())
    cfg["hooks"] = [str((root / str(hook)).resolve()) for hook in cfg.get("hooks", [])]
    cfg.pop("watch", None)
    extra = cfg.setdefault("extra", {})
    vwo = extra.setdefault("vwo", {})
    vwo["version"] = name
    vwo["root"] = str(root.resolve())
    vwo["pageset"] = pageset
    vwo["current_folder"] = current_folder
    site_url = str(cfg.get("site_url") or "")
    if "nav" in cfg:
        cfg["nav"] = pagesets.adapt_nav(adapt_nav(cfg["nav"], annexes), pageset, site_url, current_folder)
    if pagesets.at_root(pageset):
        # Not a mike version: no version selector (mike's versions.json is one level up
        # from a version, not from the root), no canonical alias; the logo leads to the text.
        extra.pop("version", None)
        cfg["plugins"] = [p for p in cfg.get("plugins", []) if not _is_plugin(p, "mike")]
        extra["homepage"] = pagesets.version_url(site_url, current_folder, "index.md")
    return cfg


def _is_plugin(entry: Any, name: str) -> bool:
    return entry == name or (isinstance(entry, dict) and name in entry)


def read_config(root: Path) -> dict[str, Any]:
    path = root / CONFIG_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VwoError(CONFIG_FILE, "missing", "run vwo in the repository root or use -C") from None
    except yaml.YAMLError as error:
        raise VwoError(
            CONFIG_FILE, f"not plain YAML: {error}", "vwo publish reads mkdocs.yml without custom tags"
        ) from None
    if not isinstance(data, dict):
        raise VwoError(CONFIG_FILE, "expected a mapping", "see the MkDocs documentation")
    return data


def version_files(states: list[VersionState]) -> list[str]:
    """The ``version.yml`` of each published version: the commit that added it publishes it."""
    return [f"{VERSIONS_DIR}/{state.version}/{VERSION_FILE}" for state in states]


def targets(states: list[VersionState], added: Mapping[str, int], head_epoch: int) -> list[Target]:
    """Every published version (oldest first), then ``concept``; ``added`` maps each
    ``version_files`` path to the time of the commit that added it."""
    out: list[Target] = []
    for state, spec in zip(states, version_files(states), strict=True):
        epoch = added.get(spec)
        if epoch is None:
            raise VwoError(
                f"{VERSIONS_DIR}/{state.version}",
                "is not committed",
                "commit the folder (vwo adopt does) before publishing it",
            )
        aliases = (CURRENT_ALIAS,) if state.current else ()
        out.append(Target(state.version, state.title, f"{VERSIONS_DIR}/{state.version}", epoch, aliases))
    out.append(Target(CONCEPT, concept_title(), "docs", head_epoch, ()))
    return out


def build_hash(theme: str, target: Target, inputs: dict[str, Path], view: str, history: str) -> str:
    """Everything that shapes the build of ``target``: recorded on the branch by mike.
    ``history``: what the concept shows of the history (``vwo.versions.inputs``); a
    published version's history ends at its adoption commit."""
    sha = hashlib.sha256(theme.encode())
    digest_inputs(inputs, sha)
    sha.update(view.encode())
    sha.update(target.title.encode() + "|".join(target.aliases).encode())
    if target.name == CONCEPT:
        sha.update(history.encode())
    return sha.hexdigest()


def pending(
    root: Path,
    infos: list[VersionInfo],
    targets_: list[Target],
    on_branch: Mapping[str, str],
    history: str,
    events: Sequence[Event] = (),
) -> list[tuple[Target, str, dict[str, Path]]]:
    """The targets whose build hash is not on the branch: ``(target, hash, inputs)``;
    ``history``: the concept's history fingerprint (``vwo.versions.inputs``)."""
    theme = theme_digest(root)
    todo = []
    for target in targets_:
        inputs = docs_inputs(root, target)
        view = with_translations(build_view(infos, target.name, events), root)
        translated = {**inputs, **build_inputs(root, target.name)}
        digest = build_hash(theme, target, translated, view_fingerprint(view), history)
        if on_branch.get(target.name) != digest:
            todo.append((target, digest, inputs))
    return todo


def branch_state(text: str | None, where: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``({version: build hash}, {version: aliases})`` from mike's ``versions.json`` (None:
    the branch or the file does not exist yet)."""
    if text is None:
        return {}, {}
    try:
        data = json.loads(text)
    except ValueError:
        raise VwoError(where, "not valid JSON", "repair or delete the branch") from None
    hashes, aliases = {}, {}
    for entry in data:
        version = str(entry.get("version"))
        aliases[version] = list(entry.get("aliases") or [])
        value = (entry.get("properties") or {}).get("vwo", {}).get("hash")
        if isinstance(value, str):
            hashes[version] = value
    return hashes, aliases


def root_files(site_url: str, full_view_json: str, default: str) -> dict[str, str]:
    """Files at the branch root besides mike's: redirect, 404 page, versies.json."""
    base = urlparse(site_url).path or "/"
    base = base if base.endswith("/") else base + "/"
    return {
        "index.html": render("root_redirect.html.j2", href=f"{default}/"),
        "404.html": render("root_404.html.j2", base=base, alias=CURRENT_ALIAS, concept=CONCEPT),
        VERSIONS_JSON: full_view_json,
    }
