"""``vwo lint-commits BASE..HEAD``: check the trailers of a pull request's commits (pure).

Pipeline: ``CommitRecord``s of the range (``vwo.history.read.read_range``) -> findings per
commit -> messages naming the commit (short sha + subject) with the exact
``git commit --amend`` line that fixes it.

Rules: a commit that changes the text in ``docs/`` needs ``Voorstel`` and ``Soort``, and
never carries ``Besluit: verworpen``, ``aangehouden`` or ``ingetrokken`` (a proposal that
was not accepted changes no text; its decision is an empty commit); known keys need valid
values, in their exact spelling (``vwo.history.trailers``); a text change of a
far-reaching proposal that the College van Dienstverleningszaken has decided against (its
latest decision, ``vwo.history.model``: the one rule) is a finding; nothing inside
``versions/`` may change, except a commit that creates a new ``versions/X.Y/`` folder and
says so with ``Versie: X.Y`` and ``Status`` (what ``vwo adopt`` makes).

Every message is one line per finding, made safe for a terminal or a CI log by the
caller (``vwo.cli.report``: commit subjects are written by outsiders).

Merge commits: the commits they bring in are in the range themselves and are checked
there; judging a merge by its diff to the first parent would blame it for every change of
the branch it merges (or, for "merge main into my branch", for main's). What a merge
changes itself (where its result differs from every parent: an "evil merge", read with
``--cc``) cannot touch ``versions/``: that is a finding like any other commit's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from vwo.history.model import HistoryModel
from vwo.history.records import VERSIONS_PREFIX, CommitRecord
from vwo.history.trailers import (
    ACCEPTED,
    COLLEGE,
    DECISION,
    EXAMPLES,
    FAR_REACHING,
    KIND,
    NOT_ACCEPTED,
    PROPOSAL,
    STATUS,
    VERSION,
    trailer_problems,
)
from vwo.versions.model import STATUSES, VERSION_RE

Exists = Callable[[Iterable[str]], dict[str, bool]]
"""``{"<rev>:<path>": exists}`` for the given names (``vwo.git.objects.paths_exist``)."""


@dataclass(frozen=True)
class Finding:
    commit: CommitRecord
    what: str
    fix: str

    def message(self, tip: str | None) -> str:
        head = f"commit {self.commit.short} '{self.commit.subject}': {self.what}"
        lines = [head, f"  fix: {self.fix}"]
        if tip is not None and self.commit.sha != tip and self.fix.startswith("git "):
            lines.append(
                f"  (not the last commit: run 'git rebase -i {self.commit.short}~1', mark it 'edit', "
                "run the line above, then 'git rebase --continue')"
            )
        return "\n".join(lines)


def amend_line(commit: CommitRecord, trailer: str, *, replace: bool) -> str:
    key = trailer.split(":", 1)[0]
    config = f"-c trailer.{key}.ifexists=replace " if replace else ""
    empty = " --allow-empty" if not commit.changes else ""
    return f'git {config}commit --amend --no-edit{empty} --trailer "{trailer}"'


def _version_folder_findings(commit: CommitRecord, exists: Exists) -> list[Finding]:
    inside = [c for c in commit.changes if c.path.startswith(VERSIONS_PREFIX)]
    if not inside:
        return []
    folders = {c.path.split("/")[1] for c in inside if c.path.count("/") >= 2}
    version = commit.value(VERSION)
    new_folder = (
        not commit.is_merge
        and len(folders) == 1
        and all(c.status == "A" for c in inside)
        and version in folders
        and version is not None
        and VERSION_RE.match(version) is not None
        and commit.value(STATUS) in STATUSES
    )
    if new_folder and commit.parents:
        name = f"{commit.parents[0]}:{VERSIONS_PREFIX}{version}"
        new_folder = not exists([name]).get(name, False)
    if new_folder:
        return []
    paths = ", ".join(sorted(c.path for c in inside)[:3]) + (" ..." if len(inside) > 3 else "")
    shown = ", ".join(sorted(folders))
    if commit.is_merge:
        what = f"is a merge that itself changes the published folder(s) {shown} in versions/ ({paths})"
        fix = (
            "redo the merge so that versions/ is what one of its parents has (git checkout "
            f"{commit.short}^1 -- versions/, or ^2, before committing the merge)"
        )
    else:
        what = f"changes the published folder(s) {shown} in versions/ ({paths})"
        fix = (
            f"take these changes out of the commit (git restore --source={commit.short}~1 -- versions/ "
            "and amend)"
        )
    return [
        Finding(
            commit,
            f"{what}; a published version never changes",
            f"{fix}; a new version is made with 'vwo adopt X.Y', which adds "
            f"'{VERSION}: X.Y' and '{STATUS}: ...' trailers",
        )
    ]


def _decision_findings(commit: CommitRecord, model: HistoryModel | None) -> list[Finding]:
    """A text change that claims a proposal was not accepted, or that the College's latest
    decision on its far-reaching proposal contradicts."""
    findings: list[Finding] = []
    decision = commit.value(DECISION)
    if decision in NOT_ACCEPTED:
        findings.append(
            Finding(
                commit,
                f"changes the agreement text in docs/ but carries '{DECISION}: {decision}': a proposal "
                "that is not accepted changes no text",
                f"if the change was accepted: {amend_line(commit, f'{DECISION}: {ACCEPTED}', replace=True)}; "
                "otherwise take the text change out and record the decision in an empty commit "
                "(git commit --allow-empty with the same trailers)",
            )
        )
    proposal = commit.value(PROPOSAL)
    if model is None or not proposal:
        return findings
    far_reaching = FAR_REACHING in (commit.value(KIND), model.kind(commit))
    college = model.college_decision(proposal)
    if far_reaching and college.decision is not None and not college.adopted:
        when = f"{college.decided_on}, commit {(college.commit or '')[:7]}"
        findings.append(
            Finding(
                commit,
                f"changes the text for the far-reaching proposal {proposal}, on which the latest decision "
                f"of the {COLLEGE} is '{college.decision}' ({when})",
                "a far-reaching change needs the College's acceptance: take the text change out, or record "
                f"the College's later decision (an empty commit with 'Voorstel: {proposal}', "
                f"'Besluit: {ACCEPTED}', 'Besloten-door: {COLLEGE}' and 'Besloten-op')",
            )
        )
    return findings


def lint(commits: Iterable[CommitRecord], exists: Exists, model: HistoryModel | None = None) -> list[Finding]:
    """The findings of ``commits``; ``model`` (the history up to the range's head) gives the
    College's decisions, which may lie outside the range."""
    findings: list[Finding] = []
    for commit in commits:
        if commit.is_merge:
            findings.extend(_version_folder_findings(commit, exists))
            continue
        if commit.changes_text:
            for key in (PROPOSAL, KIND):
                if not commit.value(key):
                    findings.append(
                        Finding(
                            commit,
                            f"changes the agreement text in docs/ but has no '{key}' trailer",
                            amend_line(commit, f"{key}: {EXAMPLES[key]}", replace=False)
                            + f"   (use the real {key.lower()})",
                        )
                    )
            findings.extend(_decision_findings(commit, model))
        for problem in trailer_problems(commit.trailers):
            if problem.fix:
                fix = amend_line(commit, problem.fix, replace=problem.replace) + "   (use the real value)"
            else:
                fix = "git commit --amend   (edit the message: keep one '" + problem.key + "' line)"
            findings.append(Finding(commit, problem.what, fix))
        findings.extend(_version_folder_findings(commit, exists))
    return findings
