"""``vwo publish``: deploy every version with mike, rebuilding only what changed.

Pipeline: read the repository (published versions, checked; ``mkdocs.yml``; the
publication commits, one ``git log``) and the branch (fast-forwarded to
``origin/<branch>`` if that is ahead, like mike; then mike's ``versions.json``) ->
targets (each version plus ``concept``), each with a build-input hash -> plan (the
targets whose hash is not on the branch) -> build them all, in parallel, each from a
temporary docs dir and config (never the working tree) -> deploy each with mike's
Python API (alias ``actueel`` as a copy) -> root files (redirect, ``404.html``,
``versies.json``) -> optional push. Builds finish before the first commit; if
anything fails after that, the branch ref is reset to where it was.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from vwo.errors import VwoError
from vwo.git import repo as gitrepo
from vwo.site.render import render
from vwo.text.model import AGREEMENT_FILE, ANNEX_DIR, EXPLANATION_FILE
from vwo.versions.check import check_versions
from vwo.versions.model import (
    CONCEPT,
    CURRENT_ALIAS,
    VERSION_FILE,
    VERSIONS_DIR,
    VersionInfo,
    VersionState,
    concept_title,
    load_versions,
    version_states,
)
from vwo.versions.pages import VERSIONS_JSON, build_view, versions_json, view_fingerprint

DEFAULT_BRANCH = "gh-pages"
CONFIG_FILE = "mkdocs.yml"
# Everything besides the text that shapes a build: today's theme, hooks and code.
THEME_INPUTS = ("mkdocs.yml", "hooks", "overrides", "src/vwo")
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mike",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "pypandoc-binary",
    "typst",
)
TEXT_NAMES = (AGREEMENT_FILE, EXPLANATION_FILE, ANNEX_DIR)
# Config keys MkDocs resolves against the config file's folder.
PATH_KEYS = ("docs_dir", "site_dir")
HASH_PROPERTY = "vwo.hash"

Log = Callable[[str], None]


@dataclass(frozen=True)
class Target:
    """One mike version to build: a published version or ``concept``."""

    name: str
    title: str
    source: str  # "docs" or "versions/X.Y"
    epoch: int  # SOURCE_DATE_EPOCH: the publication commit (concept: HEAD)
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    built: tuple[str, ...]
    unchanged: tuple[str, ...]
    commits: int
    branch: str


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
    for package in PACKAGES:
        try:
            sha.update(f"{package}=={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            sha.update(f"{package} absent\0".encode())
    return sha.hexdigest()


def _walk(base: Path) -> list[Path]:
    return sorted(
        path
        for path in base.rglob("*")
        if path.is_file() and not any(_skip(part) for part in path.relative_to(base).parts)
    )


def docs_inputs(root: Path, target: Target) -> dict[str, Path]:
    """``{path in the build's docs dir: source file}``: the site pages of ``docs/`` plus the
    text (agreement, toelichting, annexes) of ``target``."""
    docs, text = root / "docs", root / target.source
    files = {
        path.relative_to(docs).as_posix(): path
        for path in _walk(docs)
        if path.relative_to(docs).parts[0] not in TEXT_NAMES
    }
    for path in _walk(text):
        rel = path.relative_to(text)
        if rel.parts[0] in TEXT_NAMES:
            files[rel.as_posix()] = path
    return dict(sorted(files.items()))


def digest_inputs(files: dict[str, Path], sha: Any) -> None:
    for rel, path in files.items():
        sha.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")


def compose_docs(files: dict[str, Path], dest: Path) -> list[str]:
    """Copy ``files`` (see ``docs_inputs``) into ``dest``; returns the annex pages."""
    for rel, source in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return [rel for rel in files if rel.startswith(f"{ANNEX_DIR}/") and rel.endswith(".md")]


def adapt_nav(nav: Any, annexes: list[str]) -> Any:
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
    base: dict[str, Any], root: Path, name: str, docs_dir: Path, annexes: list[str]
) -> dict[str, Any]:
    """The temporary config of one build: ``base`` with absolute paths and this version."""
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
    if "nav" in cfg:
        cfg["nav"] = adapt_nav(cfg["nav"], annexes)
    return cfg


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


def targets(root: Path, states: list[VersionState]) -> list[Target]:
    """Every published version (oldest first), then ``concept``."""
    specs = [f"{VERSIONS_DIR}/{state.version}/{VERSION_FILE}" for state in states]
    added = gitrepo.added_commits(root, specs) if specs else {}
    head = gitrepo.head_commit(root)
    out: list[Target] = []
    for state, spec in zip(states, specs, strict=True):
        record = added.get(spec)
        if record is None:
            raise VwoError(
                f"{VERSIONS_DIR}/{state.version}",
                "is not committed",
                "commit the folder (vwo adopt does) before publishing it",
            )
        aliases = (CURRENT_ALIAS,) if state.current else ()
        out.append(
            Target(state.version, state.title, f"{VERSIONS_DIR}/{state.version}", record.timestamp, aliases)
        )
    out.append(Target(CONCEPT, concept_title(), "docs", head.timestamp, ()))
    return out


def _run_build(config_file: Path, site: Path, target: Target) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MIKE_DOCS_VERSION": target.name,
        "SOURCE_DATE_EPOCH": str(target.epoch),
        "NO_MKDOCS_2_WARNING": "1",
    }
    # No --quiet: with it MkDocs 1.6 stops counting warnings and --strict passes anyway.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def _problems(output: str, lines: int = 15) -> str:
    """MkDocs' warnings and errors from a build's output, else its last lines."""
    found = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    shown = found or output.strip().splitlines()[-lines:]
    return "\n".join("  " + line for line in shown[:lines])


def root_files(site_url: str, full_view_json: str, default: str) -> dict[str, str]:
    """Files at the branch root besides mike's: redirect, 404 page, versies.json."""
    base = urlparse(site_url).path or "/"
    base = base if base.endswith("/") else base + "/"
    return {
        "index.html": render("root_redirect.html.j2", href=f"{default}/"),
        "404.html": render("root_404.html.j2", base=base, alias=CURRENT_ALIAS, concept=CONCEPT),
        VERSIONS_JSON: full_view_json,
    }


def publish(root: Path, *, branch: str = DEFAULT_BRANCH, push: bool = False, log: Log = print) -> Report:
    """Deploy what changed to ``branch``; see the module docstring."""
    root = root.resolve()
    problems = check_versions(root)
    if problems:
        raise VwoError(
            f"{VERSIONS_DIR}/", "published folders have problems:\n" + "\n".join(problems), "run vwo check"
        )
    if gitrepo.identity(root) is None:
        raise VwoError(
            "git",
            "no committer identity for the commits on the branch",
            "set git config user.name and user.email",
        )
    if gitrepo.is_shallow(root):
        raise VwoError(
            str(root), "shallow clone: publication dates are incomplete", "run 'git fetch --unshallow' first"
        )
    config = read_config(root)
    infos = load_versions(root)
    states = version_states(infos)
    plan_all = targets(root, states)
    if gitrepo.fast_forward(root, branch):
        log(f"{branch}: bijgewerkt naar origin/{branch} (wat al online staat)")
    before = gitrepo.rev_parse(root, f"refs/heads/{branch}")
    on_branch, aliases = _branch_state(root, branch)
    head_sha = gitrepo.rev_parse(root, "HEAD") or ""
    with tempfile.TemporaryDirectory(prefix="vwo-publish-") as tmp:
        todo = plan(root, config, infos, plan_all, on_branch, Path(tmp))
        unchanged = tuple(t.name for t in plan_all if t.name not in {d[0].name for d in todo})
        for name in unchanged:
            log(f"{name}: ongewijzigd, niet opnieuw gebouwd")
        for name in sorted(set(on_branch) - {t.name for t in plan_all}):
            log(f"let op: {name} staat op {branch} maar niet in {VERSIONS_DIR}/ (weg: mike delete {name})")
        if any(line[3:].startswith("docs/") for line in gitrepo.status_lines(root)):
            log("let op: docs/ heeft niet-gecommitte wijzigingen; concept toont de werkmap")
        _build_all(todo, log)
        full_json = versions_json(build_view(infos, CONCEPT))
        current = next((s.version for s in states if s.current), None)
        files = root_files(
            str(config.get("site_url") or "/"), full_json, CURRENT_ALIAS if current else CONCEPT
        )
        changed = {
            name: text for name, text in files.items() if gitrepo.read_branch_file(root, branch, name) != text
        }
        alias_ok = current is None or CURRENT_ALIAS in aliases.get(current, [])
        try:
            commits = (
                _deploy(root, branch, todo, current, changed, head_sha)
                if todo or changed or not alias_ok
                else 0
            )
            if push:
                gitrepo.push(root, "origin", branch)
        except Exception as error:
            gitrepo.set_ref(root, branch, before)
            reset = f"reset to {before[:12]}" if before else "removed (it did not exist before)"
            what = error.what if isinstance(error, VwoError) else f"{type(error).__name__}: {error}"
            hint = error.hint if isinstance(error, VwoError) else "fix the cause and run vwo publish again"
            raise VwoError(f"branch {branch}", f"{what}; the branch was {reset}", hint) from error
        except BaseException:
            gitrepo.set_ref(root, branch, before)  # interrupted: leave the branch as it was
            raise
    if not commits:
        log(f"{branch}: niets te doen, geen commit")
    return Report(tuple(t.name for t, _, _ in todo), unchanged, commits, branch)


def build_hash(root: Path, theme: str, target: Target, inputs: dict[str, Path], view: str) -> str:
    """Everything that shapes the build of ``target``: recorded on the branch by mike."""
    sha = hashlib.sha256(theme.encode())
    digest_inputs(inputs, sha)
    sha.update(view.encode())
    sha.update(target.title.encode() + "|".join(target.aliases).encode())
    if target.name == CONCEPT:
        # The concept's pages also show history since the last version (changelog, decisions).
        sha.update((gitrepo.rev_parse(root, "HEAD") or "").encode())
    return sha.hexdigest()


def plan(
    root: Path,
    config: dict[str, Any],
    infos: list[VersionInfo],
    targets_: list[Target],
    on_branch: dict[str, str],
    work: Path,
) -> list[tuple[Target, str, Path]]:
    """The targets whose hash is not on the branch, each with a temporary config in ``work``."""
    theme = theme_digest(root)
    todo = []
    for target in targets_:
        inputs = docs_inputs(root, target)
        digest = build_hash(root, theme, target, inputs, view_fingerprint(build_view(infos, target.name)))
        if on_branch.get(target.name) == digest:
            continue
        folder = work / target.name
        docs_dir = folder / ("docs" if target.name == CONCEPT else target.source)
        annexes = compose_docs(inputs, docs_dir)
        config_file = folder / CONFIG_FILE
        cfg = build_config(config, root, target.name, docs_dir, annexes)
        config_file.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
        todo.append((target, digest, config_file))
    return todo


def _branch_state(root: Path, branch: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``({version: build hash}, {version: aliases})`` from mike's ``versions.json`` on ``branch``."""
    text = gitrepo.read_branch_file(root, branch, "versions.json")
    if text is None:
        return {}, {}
    try:
        data = json.loads(text)
    except ValueError:
        raise VwoError(f"{branch}:versions.json", "not valid JSON", "repair or delete the branch") from None
    hashes, aliases = {}, {}
    for entry in data:
        version = str(entry.get("version"))
        aliases[version] = list(entry.get("aliases") or [])
        value = (entry.get("properties") or {}).get("vwo", {}).get("hash")
        if isinstance(value, str):
            hashes[version] = value
    return hashes, aliases


def _build_all(todo: list[tuple[Target, str, Path]], log: Log) -> None:
    """Build every target (two at a time); raise naming each failed build."""
    if not todo:
        return
    workers = max(1, min(len(todo), os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda item: _run_build(item[2], item[2].parent / "site", item[0]), todo))
    failures = []
    for (target, _, _), result in zip(todo, results, strict=True):
        if result.returncode != 0:
            failures.append(f"{target.source} ({target.name}):\n{_problems(result.stderr + result.stdout)}")
        else:
            log(f"{target.name}: gebouwd uit {target.source}")
    if failures:
        raise VwoError(
            "vwo publish",
            "build failed for " + "\n".join(failures) + "\nnothing was published; the branch is unchanged",
            "fix the error and run vwo publish again",
        )


def _deploy(
    root: Path,
    branch: str,
    todo: list[tuple[Target, str, Path]],
    current: str | None,
    changed: dict[str, str],
    head_sha: str,
) -> int:
    """Commit the built sites, the alias and the root files with mike; returns the commit count."""
    from mike import commands, git_utils  # imported late: mike is only needed to publish

    copy_alias = commands.AliasType.copy
    commits = 0
    with gitrepo.mike_session(root):
        for target, digest, config_file in todo:
            site = {"site_dir": str(config_file.parent / "site"), "use_directory_urls": True}
            message = f"Publiceer {target.name} uit {target.source} (bron {head_sha[:12]})"
            props = [(HASH_PROPERTY, digest)]
            try:
                with commands.deploy(
                    site,
                    target.name,
                    target.title,
                    list(target.aliases),
                    update_aliases=True,
                    alias_type=copy_alias,
                    branch=branch,
                    message=message,
                    set_props=props,
                ):
                    pass
            except git_utils.GitEmptyCommit:
                continue
            commits += 1
        listed = commands.list_versions(branch)
        if current is not None and CURRENT_ALIAS not in listed[current].aliases:
            site = {"site_dir": "", "use_directory_urls": True}
            commands.alias(
                site, current, [CURRENT_ALIAS], update_aliases=True, alias_type=copy_alias, branch=branch
            )
            commits += 1
        if changed:
            with git_utils.Commit(branch, "Hoofdmap bijgewerkt: " + ", ".join(sorted(changed))) as commit:
                for name, text in changed.items():
                    commit.add_file(git_utils.FileInfo(name, text))
            commits += 1
    return commits
