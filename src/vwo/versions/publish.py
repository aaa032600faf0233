"""``vwo publish``: deploy every version with mike, rebuilding only what changed.

Pipeline: read the repository (published versions, checked; ``mkdocs.yml``; the
publication commits, one ``git log``) and the branch (fast-forwarded to
``origin/<branch>`` if that is ahead, like mike; then mike's ``versions.json``) -> the
plan (``vwo.versions.plan``: targets, build hashes, the targets whose hash is not on the
branch) -> build them all, in parallel, each from a temporary docs dir and config
(never the working tree) -> deploy each with mike (``vwo.versions.mkdocs``; alias
``actueel`` as a copy) -> root files (redirect, ``404.html``, ``versies.json``) ->
optional push. Builds finish before the first commit; if anything fails after that, the
branch ref is reset to where it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.git.log import added_commits, commit, committer_date_raw
from vwo.git.objects import read_texts
from vwo.git.refs import fast_forward, repo_state, rev_parse, update_ref
from vwo.git.repo import identity, status_lines
from vwo.git.repo import push as git_push
from vwo.versions import mkdocs
from vwo.versions.check import check_versions
from vwo.versions.model import (
    CONCEPT,
    CURRENT_ALIAS,
    VERSIONS_DIR,
    VersionInfo,
    load_versions,
    version_states,
)
from vwo.versions.pages import build_view, versions_json
from vwo.versions.plan import (
    CONFIG_FILE,
    Target,
    annex_pages,
    branch_state,
    build_config,
    pending,
    read_config,
    root_files,
    targets,
    version_files,
)

DEFAULT_BRANCH = "gh-pages"

Log = Callable[[str], None]
Job = tuple[Target, str, Path]
"""A build to run and deploy: the target, its build hash, its temporary config file."""


@dataclass(frozen=True)
class Report:
    built: tuple[str, ...]
    unchanged: tuple[str, ...]
    commits: int
    branch: str


def compose_docs(files: dict[str, Path], dest: Path) -> list[str]:
    """Copy ``files`` (see ``vwo.versions.plan.docs_inputs``) into ``dest``; returns the annex pages."""
    for rel, source in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return annex_pages(files)


def _prepare(root: Path, config: dict[str, Any], target: Target, inputs: dict[str, Path], work: Path) -> Path:
    """The docs dir and config file of one build in ``work``; returns the config file."""
    folder = work / target.name
    docs_dir = folder / ("docs" if target.name == CONCEPT else target.source)
    annexes = compose_docs(inputs, docs_dir)
    config_file = folder / CONFIG_FILE
    cfg = build_config(config, root, target.name, docs_dir, annexes)
    config_file.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file


def _repository(root: Path) -> str:
    """HEAD's commit id, after the checks that publishing needs a complete repository."""
    state = repo_state(root)  # outside a repository: "not a git repository"
    if state.shallow:
        raise VwoError(
            str(root), "shallow clone: publication dates are incomplete", "run 'git fetch --unshallow' first"
        )
    if state.head is None:
        raise VwoError(
            str(root), "the repository has no commits yet", "commit the text first (git add -A; git commit)"
        )
    if identity(root) is None:
        raise VwoError(
            "git",
            "no committer identity for the commits on the branch",
            "set git config user.name and user.email",
        )
    return state.head


def _targets(root: Path, infos: list[VersionInfo], head: str) -> list[Target]:
    states = version_states(infos)
    specs = version_files(states)
    added = added_commits(root, specs) if specs else {}
    epochs = {path: int(record.committer_date.timestamp()) for path, record in added.items()}
    head_epoch = int(commit(root, head, changes=False).committer_date.timestamp())
    return targets(states, epochs, head_epoch)


def publish(root: Path, *, branch: str = DEFAULT_BRANCH, push: bool = False, log: Log = print) -> Report:
    """Deploy what changed to ``branch``; see the module docstring."""
    root = root.resolve()
    problems = check_versions(root)
    if problems:
        raise VwoError(
            f"{VERSIONS_DIR}/", "published folders have problems:\n" + "\n".join(problems), "run vwo check"
        )
    head = _repository(root)
    config = read_config(root)
    infos = load_versions(root)
    plan_all = _targets(root, infos, head)
    if fast_forward(root, branch):
        log(f"{branch}: bijgewerkt naar origin/{branch} (wat al online staat)")
    ref = f"refs/heads/{branch}"
    before = rev_parse(root, ref)
    on_branch, aliases = branch_state(
        read_texts(root, ref, ["versions.json"])["versions.json"], f"{branch}:versions.json"
    )
    with tempfile.TemporaryDirectory(prefix="vwo-publish-") as tmp:
        todo = [
            (target, digest, _prepare(root, config, target, inputs, Path(tmp)))
            for target, digest, inputs in pending(root, infos, plan_all, on_branch, head)
        ]
        unchanged = tuple(t.name for t in plan_all if t.name not in {d[0].name for d in todo})
        for name in unchanged:
            log(f"{name}: ongewijzigd, niet opnieuw gebouwd")
        for name in sorted(set(on_branch) - {t.name for t in plan_all}):
            log(f"let op: {name} staat op {branch} maar niet in {VERSIONS_DIR}/ (weg: mike delete {name})")
        if any(line[3:].startswith("docs/") for line in status_lines(root)):
            log("let op: docs/ heeft niet-gecommitte wijzigingen; concept toont de werkmap")
        _build_all(todo, log)
        current = next((s.version for s in version_states(infos) if s.current), None)
        files = root_files(
            str(config.get("site_url") or "/"),
            versions_json(build_view(infos, CONCEPT)),
            CURRENT_ALIAS if current else CONCEPT,
        )
        online = read_texts(root, ref, files)
        changed = {name: text for name, text in files.items() if online[name] != text}
        alias_ok = current is None or CURRENT_ALIAS in aliases.get(current, [])
        try:
            commits = (
                _deploy(root, branch, todo, current, changed, head) if todo or changed or not alias_ok else 0
            )
            if push:
                git_push(root, "origin", branch)
        except Exception as error:
            update_ref(root, ref, before)
            reset = f"reset to {before[:12]}" if before else "removed (it did not exist before)"
            what = error.what if isinstance(error, VwoError) else f"{type(error).__name__}: {error}"
            hint = error.hint if isinstance(error, VwoError) else "fix the cause and run vwo publish again"
            raise VwoError(f"branch {branch}", f"{what}; the branch was {reset}", hint) from error
        except BaseException:
            update_ref(root, ref, before)  # interrupted: leave the branch as it was
            raise
    if not commits:
        log(f"{branch}: niets te doen, geen commit")
    return Report(tuple(t.name for t, _, _ in todo), unchanged, commits, branch)


def _build_all(todo: list[Job], log: Log) -> None:
    """Build every target (up to four at a time); raise naming each failed build."""
    if not todo:
        return
    workers = max(1, min(len(todo), os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda job: mkdocs.build(job[2], job[2].parent / "site", job[0]), todo))
    failures = []
    for (target, _, _), failed in zip(todo, results, strict=True):
        if failed is not None:
            failures.append(f"{target.source} ({target.name}):\n{failed}")
        else:
            log(f"{target.name}: gebouwd uit {target.source}")
    if failures:
        raise VwoError(
            "vwo publish",
            "build failed for " + "\n".join(failures) + "\nnothing was published; the branch is unchanged",
            "fix the error and run vwo publish again",
        )


def _deploy(
    root: Path, branch: str, todo: list[Job], current: str | None, changed: dict[str, str], head: str
) -> int:
    """Commit the built sites, the alias and the root files with mike; returns the commit count."""
    commits = 0
    with mkdocs.mike_session(root, committer_date_raw(root, head)):
        for target, digest, config_file in todo:
            message = f"Publiceer {target.name} uit {target.source} (bron {head[:12]})"
            if mkdocs.deploy(config_file.parent / "site", target, digest, branch, message):
                commits += 1
        if current is not None and CURRENT_ALIAS not in mkdocs.aliases(branch, current):
            mkdocs.add_alias(branch, current, CURRENT_ALIAS)
            commits += 1
        if changed:
            mkdocs.commit_files(branch, "Hoofdmap bijgewerkt: " + ", ".join(sorted(changed)), changed)
            commits += 1
    return commits
