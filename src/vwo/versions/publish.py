"""``vwo publish``: deploy every version with mike, rebuilding only what changed; the branch
moves once, or not at all.

Pipeline: check the request (``--branch``: a valid name, never ``HEAD``, never a branch
that is checked out or shares history with the source) and the repository (published
folders against their adoption commits, lifecycle events, ``mkdocs.yml``, the
publication commits in one ``git log``) -> under the repository lock: the commit to
build on (``origin/<branch>`` if that is ahead, like mike; a branch not made by vwo is
refused unless ``take_over``) and its ``versions.json`` -> the plan
(``vwo.versions.plan``: the targets whose build hash is not on the branch;
``vwo.versions.standard``: the pages of the standard, with their hash in ``standaard.json``)
-> build them, in parallel child processes (saying which one builds, how many remain and
how long it took), each from a temporary docs dir and config in a work folder inside the
git folder -> mike commits each version's build and the alias ``actueel``, then one commit
of the root: the pages of the standard (replacing the previous build's files) and the
root files (redirect, ``404.html``, ``versies.json``), all into a staging ref store
(``vwo.git.stage``) -> ONE compare-and-swap of ``refs/heads/<branch>`` from what it was to
the new tip -> optional push.

Interrupted (SIGINT, SIGTERM) before the swap, nothing visible changed and the work folder
is removed; SIGKILL leaves the work folder, which the next run removes, and objects
nobody points at. A concurrent run finds the lock taken; a ref changed meanwhile by
anything else makes the swap fail instead of losing that change.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vwo.errors import VwoError
from vwo.git.log import added_commits, commit, committer_date_raw
from vwo.git.objects import read_texts
from vwo.git.refs import (
    branch_name_problem,
    checked_out_branches,
    git_dirs,
    repo_state,
    rev_parse,
    share_history,
    start_of,
    update_ref,
)
from vwo.git.repo import identity, status_lines
from vwo.git.repo import push as git_push
from vwo.git.run import GitError
from vwo.git.stage import Stage
from vwo.history.read import read_history
from vwo.interrupt import Interrupted, checkpoint, critical
from vwo.lock import repository_lock
from vwo.site import pagesets
from vwo.translation.listing import with_translations
from vwo.versions import mkdocs, standard
from vwo.versions.check import check_versions, problems_only
from vwo.versions.events import Event, load_events
from vwo.versions.inputs import HistoryDigests, history_digests
from vwo.versions.model import (
    CONCEPT,
    CURRENT_ALIAS,
    VERSIONS_DIR,
    VersionInfo,
    load_versions,
    version_states,
)
from vwo.versions.pages import build_view, versions_json, view_fingerprint
from vwo.versions.plan import (
    CONFIG_FILE,
    TEXT_NAMES,
    Target,
    annex_pages,
    branch_state,
    build_config,
    docs_inputs,
    pending,
    read_config,
    root_files,
    targets,
    theme_digest,
    version_files,
)
from vwo.versions.register import events_for

DEFAULT_BRANCH = "gh-pages"
WORK_DIR = "vwo-tmp"
"""Inside the git folder all worktrees share; holds the work folders of running publishes."""

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


def _prepare(
    root: Path,
    config: dict[str, Any],
    target: Target,
    inputs: dict[str, Path],
    work: Path,
    pageset: str = pagesets.VERSION,
    current_folder: str = CURRENT_ALIAS,
    nav_annexes: list[Any] | None = None,
) -> Path:
    """The docs dir and config file of one build in ``work``; returns the config file.
    ``nav_annexes``: the annexes the nav lists, if not this build's own."""
    folder = work / target.name
    docs_dir = folder / ("docs" if target.name in (CONCEPT, standard.NAME) else target.source)
    own: list[Any] = compose_docs(inputs, docs_dir)
    annexes = own if nav_annexes is None else nav_annexes
    config_file = folder / CONFIG_FILE
    cfg = build_config(config, root, target.name, docs_dir, annexes, pageset, current_folder)
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


def check_branch(root: Path, branch: str, head: str) -> None:
    """Refuse a ``--branch`` that is no branch of its own, or the source's."""
    where = f"--branch {branch!r}"
    problem = branch_name_problem(root, branch)
    if problem is not None:
        raise VwoError(where, problem, f"name the site branch, e.g. --branch {DEFAULT_BRANCH}")
    folder = checked_out_branches(root).get(branch)
    if folder is not None:
        raise VwoError(
            where,
            f"is checked out in {folder}: the site would be committed onto your source branch",
            f"publish to a branch of its own, e.g. --branch {DEFAULT_BRANCH}",
        )
    tips = [rev_parse(root, f"refs/heads/{branch}"), rev_parse(root, f"refs/remotes/origin/{branch}")]
    if any(tip is not None and share_history(root, tip, head) for tip in tips):
        raise VwoError(
            where,
            "shares history with the source (HEAD): it is a branch of the text, not of the site",
            f"publish to a branch of its own, e.g. --branch {DEFAULT_BRANCH}",
        )


def _targets(root: Path, infos: list[VersionInfo], events: tuple[Event, ...], head: str) -> list[Target]:
    states = version_states(infos, events)
    specs = version_files(states)
    added = added_commits(root, specs) if specs else {}
    epochs = {path: int(record.committer_date.timestamp()) for path, record in added.items()}
    head_epoch = int(commit(root, head, changes=False).committer_date.timestamp())
    return targets(states, epochs, head_epoch)


def _work_base(root: Path) -> Path:
    return git_dirs(root)[1] / WORK_DIR


def _work_label(root: Path) -> Path:
    """This run's work folder (``work_folder``), to name its processes before it exists."""
    try:
        return _work_base(root) / f"publish-{os.getpid()}"
    except VwoError:  # not a repository: the checks say so
        return root


@contextmanager
def work_folder(root: Path) -> Iterator[Path]:
    """A fresh folder for this run inside the git folder; what a killed run left is
    removed first (the caller holds the lock, so no other run uses it)."""
    base = _work_base(root)
    if base.exists():
        shutil.rmtree(base, ignore_errors=True)
    folder = base / f"publish-{os.getpid()}"
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(base, ignore_errors=True)


def foreign_versions(text: str | None) -> list[str]:
    """The versions in a branch's ``versions.json`` that vwo did not publish (no build
    hash), or ``["(no versions.json)"]`` for a branch without one."""
    on_branch, aliases = branch_state(text, "versions.json")
    if text is None:
        return ["(no versions.json)"]
    return sorted(set(aliases) - set(on_branch))


def publish(
    root: Path, *, branch: str = DEFAULT_BRANCH, push: bool = False, take_over: bool = False, log: Log = print
) -> Report:
    """Deploy what changed to ``branch``; see the module docstring."""
    root = root.resolve()
    # MkDocs loads in this process while the checks and the plan run (the first build's).
    with mkdocs.WarmWorker(root, _work_label(root)) as warm:
        return _publish(root, branch, push, take_over, log, warm)


def _publish(
    root: Path, branch: str, push: bool, take_over: bool, log: Log, warm: mkdocs.WarmWorker
) -> Report:
    problems = problems_only(check_versions(root))
    if problems:
        raise VwoError(
            f"{VERSIONS_DIR}/", "published folders have problems:\n" + "\n".join(problems), "run vwo check"
        )
    head = _repository(root)
    check_branch(root, branch, head)
    config = read_config(root)
    infos = load_versions(root)
    events = events_for(infos, load_events(root))
    plan_all = _targets(root, infos, events, head)
    with repository_lock(root, f"publish --branch {branch}"), work_folder(root) as work:
        return _publish_locked(
            root, branch, push, take_over, log, config, infos, events, plan_all, head, work, warm
        )


def _publish_locked(
    root: Path,
    branch: str,
    push: bool,
    take_over: bool,
    log: Log,
    config: dict[str, Any],
    infos: list[VersionInfo],
    events: tuple[Event, ...],
    plan_all: list[Target],
    head: str,
    work: Path,
    warm: mkdocs.WarmWorker,
) -> Report:
    ref = f"refs/heads/{branch}"
    before = rev_parse(root, ref)
    base = start_of(root, branch)
    text = read_texts(root, base, ["versions.json"])["versions.json"] if base else None
    foreign = foreign_versions(text) if base else []
    if foreign and not take_over:
        raise VwoError(
            f"branch {branch}",
            f"was not made by vwo publish (versions without a vwo build hash: {', '.join(foreign)})",
            "publish to another branch (--branch), or replace that site with --take-over "
            "(its history is kept)",
        )
    if base is not None and base != before:
        log(f"{branch}: bijgewerkt naar origin/{branch} (wat al online staat)")
    on_branch, aliases = branch_state(text, f"{branch}:versions.json") if not foreign else ({}, {})
    history = history_digests(read_history(root).commits)
    current = next((s.version for s in version_states(infos, events) if s.current), None)
    state_text = read_texts(root, base, [standard.STATE_FILE])[standard.STATE_FILE] if base else None
    standard_before = standard.on_branch(None if foreign else state_text, f"{branch}:{standard.STATE_FILE}")
    todo = [
        (target, digest, _prepare(root, config, target, inputs, work))
        for target, digest, inputs in pending(root, infos, plan_all, on_branch, history.concept, events)
    ]
    site_jobs = _standard_jobs(root, config, infos, events, plan_all, current, history, standard_before, work)
    unchanged = tuple(t.name for t in plan_all if t.name not in {d[0].name for d in todo})
    for name in unchanged:
        log(f"{name}: ongewijzigd, niet opnieuw gebouwd")
    for name in sorted(set(on_branch) - {t.name for t in plan_all}):
        log(f"let op: {name} staat op {branch} maar niet in {VERSIONS_DIR}/ (weg: mike delete {name})")
    if any(line[3:].startswith("docs/") for line in status_lines(root)):
        log("let op: docs/ heeft niet-gecommitte wijzigingen; concept toont de werkmap")
    for name in (standard.NAME, standard.VIEWS_NAME):
        if name not in site_jobs:
            log(f"{name}: ongewijzigd, niet opnieuw gebouwd")
    _build_all([*site_jobs.values(), *todo], log, warm)
    files = root_files(
        str(config.get("site_url") or "/"),
        versions_json(with_translations(build_view(infos, CONCEPT, events), root)),
        CURRENT_ALIAS if current else CONCEPT,
    )
    online = read_texts(root, base, files) if base else dict.fromkeys(files)
    changed = {name: content for name, content in files.items() if online[name] != content or foreign}
    alias_ok = current is None or CURRENT_ALIAS in aliases.get(current, [])
    root_update = _root_update(site_jobs, standard_before, changed, {t.name for t in plan_all})
    commits, tip = 0, base
    if todo or root_update or not alias_ok or foreign:
        stage = Stage(root, work / "stage.git")
        if base is not None:
            stage.set(ref, base)
        commits = _deploy(root, stage, branch, todo, current, root_update, head, foreign)
        tip = stage.get(ref)
    checkpoint("publish-ref")
    if tip != before:
        assert tip is not None
        try:
            with critical():
                update_ref(root, ref, tip, old=before, reason="vwo publish")
                checkpoint("publish-swapped")
        except GitError as error:
            raise VwoError(
                f"branch {branch}",
                f"changed while this run built ({error.what}); nothing was published",
                "run vwo publish again: it builds on what is there now",
            ) from None
        except Interrupted as stop:
            stop.note = f"the branch {branch} was updated all the same ({tip[:12]})"
            raise
    if not commits:
        log(f"{branch}: niets te doen, geen commit")
    if push:
        _push(root, branch, tip)
    built = tuple(t.name for t, _, _ in todo) + tuple(site_jobs)
    return Report(built, unchanged, commits, branch)


def _standard_jobs(
    root: Path,
    config: dict[str, Any],
    infos: list[VersionInfo],
    events: tuple[Event, ...],
    plan_all: list[Target],
    current: str | None,
    history: HistoryDigests,
    before: standard.OnBranch,
    work: Path,
) -> dict[str, Job]:
    """The builds of the pages of the standard and of the register's views whose hash is
    not on the branch, by name (the standard's first)."""
    inputs = standard.inputs(root)
    # The Versies page lists the translations, as the concept's does.
    view = view_fingerprint(with_translations(build_view(infos, CONCEPT, events), root))
    # The version the nav shows: its annexes, and its text names the parts on the decision log.
    shown = next(t for t in plan_all if t.name == (current or CONCEPT))
    shown_files = docs_inputs(root, shown)
    text = {
        f"{shown.source}/{rel}": path for rel, path in shown_files.items() if rel.split("/")[0] in TEXT_NAMES
    }
    theme = theme_digest(root)
    files = {**inputs, **text}
    annexes = standard.annex_entries(shown_files, annex_pages(shown_files))
    folder = CURRENT_ALIAS if current else CONCEPT
    epoch = plan_all[-1].epoch
    parts = (
        (standard.target(epoch), pagesets.STANDARD, history.standard, before.digest),
        (standard.views_target(epoch), pagesets.VIEWS, "", before.views_digest),
    )
    jobs: dict[str, Job] = {}
    for target, pageset, records, on_branch in parts:
        digest = standard.build_hash(theme, root, files, records, view, target.name)
        if digest != on_branch:
            config_file = _prepare(root, config, target, inputs, work, pageset, folder, annexes)
            jobs[target.name] = (target, digest, config_file)
    return jobs


@dataclass(frozen=True)
class RootUpdate:
    """The root commit: files to write (path -> text or bytes) and paths to delete."""

    files: dict[str, str | bytes]
    remove: list[str]
    standard: bool


def _root_update(
    site_jobs: dict[str, Job], before: standard.OnBranch, changed: dict[str, str], versions: set[str]
) -> RootUpdate | None:
    """The pages of the standard and the register's views that were rebuilt (the previous
    build's files that are gone removed), their state file and the changed root files;
    None when nothing changes."""
    if not site_jobs:
        return RootUpdate(dict(changed), [], standard=False) if changed else None
    taken = {*versions, CURRENT_ALIAS}

    def built(name: str, views: bool) -> tuple[str | None, dict[str, bytes] | None]:
        if name not in site_jobs:
            return None, None
        _, digest, config_file = site_jobs[name]
        return digest, standard.site_files(config_file.parent / "site", taken, views=views)

    digest, site = built(standard.NAME, views=False)
    views_digest, views_site = built(standard.VIEWS_NAME, views=True)
    state = standard.OnBranch(
        digest if site is not None else before.digest,
        tuple(site) if site is not None else before.files,
        views_digest if views_site is not None else before.views_digest,
        tuple(views_site) if views_site is not None else before.views_files,
    )
    files: dict[str, str | bytes] = {**changed, **(site or {}), **(views_site or {})}
    files[standard.STATE_FILE] = standard.state_json(state)
    gone = {*before.files, *before.views_files} - {*state.files, *state.views_files}
    return RootUpdate(files, sorted(gone), standard=True)


def _push(root: Path, branch: str, tip: str | None) -> None:
    state = f"the branch is published here ({(tip or '')[:12]}) but not pushed"
    try:
        git_push(root, "origin", branch)
    except VwoError as error:
        raise VwoError(
            f"branch {branch}",
            f"{error.what}; {state}",
            f"push it with 'git push origin {branch}', or run 'vwo publish --push' again",
        ) from None
    except Interrupted as stop:
        stop.note = state
        raise


def _build_all(todo: list[Job], log: Log, warm: mkdocs.WarmWorker) -> None:
    """Build every target (up to four at a time, as many as there are cores), saying which
    one builds, how many remain and how long it took; raise naming each failed build."""
    if not todo:
        return
    workers = max(1, min(len(todo), os.cpu_count() or 1, 4))
    jobs = [(target, config_file, config_file.parent / "site") for target, _, config_file in todo]
    start = time.monotonic()
    done: list[str] = []

    def progress(target: Target, finished: bool) -> None:
        if not finished:
            log(f"{target.name}: bouwen ({len(todo) - len(done)} te gaan, {workers} tegelijk)")
            return
        done.append(target.name)
        log(f"{target.name}: klaar ({len(done)} van {len(todo)}, {time.monotonic() - start:.0f} s)")

    def started() -> None:
        checkpoint("publish-build")
        mkdocs.load_mike()  # while the builds run

    results = mkdocs.build_all(jobs, workers=workers, started=started, progress=progress, warm=warm)
    failures = []
    for target, failed in results:
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
    root: Path,
    stage: Stage,
    branch: str,
    todo: list[Job],
    current: str | None,
    changed: RootUpdate | None,
    head: str,
    take_over: list[str],
) -> int:
    """Commit the built sites, the alias and the root files with mike, in the stage;
    returns the commit count."""
    who = identity(root)
    assert who is not None  # checked before building
    extra = {
        "GIT_COMMITTER_DATE": committer_date_raw(root, head),  # the same commit twice: identical commits
        "GIT_COMMITTER_NAME": who[0],
        "GIT_COMMITTER_EMAIL": who[1],
    }
    commits = 0
    with stage.active(extra):
        if take_over:
            mkdocs.clear(branch, f"Site overgenomen door vwo publish (bron {head[:12]})")
            commits += 1
        for target, digest, config_file in todo:
            message = f"Publiceer {target.name} uit {target.source} (bron {head[:12]})"
            if mkdocs.deploy(config_file.parent / "site", target, digest, branch, message):
                commits += 1
                checkpoint("publish-commit")
        if current is not None and CURRENT_ALIAS not in mkdocs.aliases(branch, current):
            mkdocs.add_alias(branch, current, CURRENT_ALIAS)
            commits += 1
        if changed:
            if changed.standard:
                message = f"Publiceer de pagina's van de standaard en de hoofdmap (bron {head[:12]})"
            else:
                message = "Hoofdmap bijgewerkt: " + ", ".join(sorted(changed.files))
            if mkdocs.commit_root(branch, message, changed.files, changed.remove):
                commits += 1
    return commits
