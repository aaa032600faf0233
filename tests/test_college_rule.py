"""The one College rule (FORMATS.md §1): a far-reaching change is adopted only when the
LATEST decision on its proposal by the "College van Dienstverleningszaken" (exact
spelling) is "aangenomen". ``vwo adopt``, ``vwo lint-commits``, the changelog and the
decision log must agree on every case: the spelling, first versus latest decision, a tie
on the date, and a text change that carries a rejection.

Pure cases on literal records; then the commands on a real throwaway repository.
"""

from __future__ import annotations

import json

import pytest

from tests.gitrepo import GitRepo
from tests.history_records import decided, record
from tests.history_repo import BEV_V1, DEF_V2, DEFINITIES, SUB_V1, text_files
from tests.versions_support import vwo
from vwo.history import changelog as cl
from vwo.history import decisions as dc
from vwo.history.lint import lint
from vwo.history.model import HistoryModel
from vwo.history.records import CommitRecord
from vwo.versions.adopt import unresolved_far_reaching

COLLEGE = "College van Dienstverleningszaken"
CHANGE = record("c", "Aansprakelijkheid herzien", "2020-01-10", touched=("definities",),
                trailers={"Voorstel": ("VWO-2020-007",), "Soort": ("ingrijpend",)})  # fmt: skip


def college(sha: str, decision: str, day: str, *, by: str = COLLEGE) -> CommitRecord:
    return record(sha, f"College: {decision}", day, trailers=decided("VWO-2020-007", decision, day, by=by))


def verdicts(history: list[CommitRecord]) -> dict[str, object]:
    """What each consumer of the rule says about CHANGE in ``history`` (newest first)."""
    model = HistoryModel(history)
    change = cl.change_of(model, model.by_sha[CHANGE.sha])
    entries = [e for g in dc.build_decisions(model).meetings for e in g.decisions]
    on_log = {e.college.adopted for e in entries if e.college is not None}
    assert len(on_log) <= 1 and all(e.kind == "ingrijpend" for e in entries)
    return {
        "model": model.college_decision("VWO-2020-007").adopted,
        "adopt": not unresolved_far_reaching([model.by_sha[CHANGE.sha]], list(model.commits)),
        "changelog": change.college is not None and change.college.adopted,
        "decisions": on_log == {True},
        "shown": change.college.decision if change.college else None,
    }


@pytest.mark.parametrize(
    ("decisions", "adopted", "shown"),
    [
        ([], False, None),
        ([college("1", "aangenomen", "2020-02-01")], True, "aangenomen"),
        # First versus latest: the later decision counts, in either direction.
        (
            [college("2", "verworpen", "2020-03-01"), college("1", "aangenomen", "2020-02-01")],
            False,
            "verworpen",
        ),
        (
            [college("2", "aangenomen", "2020-03-01"), college("1", "aangehouden", "2020-02-01")],
            True,
            "aangenomen",
        ),
        # Latest by Besloten-op, not by position: a late commit recording an earlier meeting.
        (
            [college("2", "aangehouden", "2020-01-15"), college("1", "aangenomen", "2020-02-01")],
            True,
            "aangenomen",
        ),
        # The same meeting date: the newer commit wins.
        (
            [college("2", "ingetrokken", "2020-02-01"), college("1", "aangenomen", "2020-02-01")],
            False,
            "ingetrokken",
        ),
        # Exact spelling: another case or another body does not count.
        ([college("1", "aangenomen", "2020-02-01", by="college van dienstverleningszaken")], False, None),
        ([college("1", "aangenomen", "2020-02-01", by="College van  Dienstverleningszaken")], False, None),
        ([college("1", "aangenomen", "2020-02-01", by="Beheergroep VWO")], False, None),
    ],
)
def test_every_consumer_applies_the_same_rule(
    decisions: list[CommitRecord], adopted: bool, shown: str | None
) -> None:
    found = verdicts([*decisions, CHANGE])
    assert found == {
        "model": adopted,
        "adopt": adopted,
        "changelog": adopted,
        "decisions": adopted,
        "shown": shown,
    }


def test_a_text_change_carrying_a_rejection_is_a_lint_error_and_still_needs_the_college() -> None:
    trailers = {**decided("VWO-2020-007", "verworpen", "2020-01-09"), "Soort": ("ingrijpend",)}
    claims = record(
        "c", "Aansprakelijkheid herzien", "2020-01-10", touched=("definities",), trailers=trailers
    )
    model = HistoryModel([claims])
    (finding,) = lint([claims], lambda names: {}, model)
    assert "carries 'Besluit: verworpen': a proposal that is not accepted changes no text" in finding.what
    assert (
        'git -c trailer.Besluit.ifexists=replace commit --amend --no-edit --trailer "Besluit: aangenomen"'
        in (finding.fix)
    )
    assert "--allow-empty" in finding.fix
    # adopt no longer skips it as "not accepted": the text changed, the College must decide.
    assert unresolved_far_reaching([claims], [claims]) == [
        f"commit {claims.sha[:12]} (Aansprakelijkheid herzien): VWO-2020-007: no College decision"
    ]


@pytest.mark.parametrize("decision", ["aangehouden", "ingetrokken"])
def test_every_not_accepted_decision_on_a_text_change_is_refused(decision: str) -> None:
    trailers = {**decided("VWO-2020-008", decision, "2020-01-09"), "Soort": ("redactioneel",)}
    claims = record("c", "Tekst", "2020-01-10", touched=("definities",), trailers=trailers)
    assert [f.what for f in lint([claims], lambda names: {}, HistoryModel([claims]))] == [
        f"changes the agreement text in docs/ but carries 'Besluit: {decision}': a proposal that is not "
        "accepted changes no text"
    ]


def test_lint_names_a_text_change_the_college_rejected() -> None:
    history = [college("2", "verworpen", "2020-03-01"), CHANGE]
    (finding,) = lint([CHANGE], lambda names: {}, HistoryModel(history))
    assert finding.what == (
        "changes the text for the far-reaching proposal VWO-2020-007, on which the latest decision of the "
        "College van Dienstverleningszaken is 'verworpen' (2020-03-01, commit 2222222)"
    )
    # Not yet decided is no lint error: the College decides after the pull request.
    assert lint([CHANGE], lambda names: {}, HistoryModel([CHANGE])) == []


def test_lint_suggests_the_exact_spelling() -> None:
    commit = college("1", "Aangenomen", "2020-02-01", by="college van dienstverleningszaken")
    fixes = {f.what: f.fix for f in lint([commit], lambda names: {}, HistoryModel([commit]))}
    assert fixes == {
        "Besluit: 'Aangenomen' is not one of: aangenomen, verworpen, aangehouden, ingetrokken (write it "
        "exactly 'aangenomen': the rules compare the exact spelling)": "git -c "
        "trailer.Besluit.ifexists=replace commit --amend --no-edit --allow-empty --trailer "
        '"Besluit: aangenomen"   (use the real value)',
        "Besloten-door: 'college van dienstverleningszaken' is not one of: Beheergroep VWO, Toetsgroep, "
        "College van Dienstverleningszaken, VNG Bestuur, Algemene Ledenvergadering VNG (write it exactly "
        "'College van Dienstverleningszaken': the rules compare the exact spelling)": "git -c "
        "trailer.Besloten-door.ifexists=replace commit --amend --no-edit --allow-empty --trailer "
        '"Besloten-door: College van Dienstverleningszaken"   (use the real value)',
    }


# --- the commands on a real repository ------------------------------------------------------

ADOPT = ["adopt", "1.1", "--status", "vastgesteld", "--date", "2020-06-01", "--vastgesteld-door", COLLEGE,
         "--samenvatting", "Versie 1.1."]  # fmt: skip


def far_reaching_history(repo: GitRepo, *college_decisions: tuple[str, str, str]) -> None:
    repo.commit("Tekst", files=text_files(DEFINITIES, SUB_V1, BEV_V1))
    repo.commit("Aansprakelijkheid herzien", files=text_files(DEF_V2, SUB_V1, BEV_V1),
                trailers={"Voorstel": "VWO-2020-007", "Soort": "ingrijpend"})  # fmt: skip
    for decision, day, body in college_decisions:
        repo.commit(f"College: {decision}", allow_empty=True,
                    trailers=[("Voorstel", "VWO-2020-007"), ("Besluit", decision), ("Besloten-door", body),
                              ("Besloten-op", day)])  # fmt: skip


@pytest.mark.parametrize(
    ("college_decisions", "shown", "adopted"),
    [
        ((("aangenomen", "2020-02-01", COLLEGE), ("verworpen", "2020-03-01", COLLEGE)), "verworpen", False),
        ((("verworpen", "2020-02-01", COLLEGE), ("aangenomen", "2020-03-01", COLLEGE)), "aangenomen", True),
        ((("aangenomen", "2020-02-01", "college van dienstverleningszaken"),), None, False),
    ],
)
def test_adopt_and_the_changelog_agree(
    repo: GitRepo, college_decisions: tuple[tuple[str, str, str], ...], shown: str | None, adopted: bool
) -> None:
    far_reaching_history(repo, *college_decisions)
    result = vwo(repo.path, "changelog", "--format", "json")
    assert result.returncode == 0, result.stderr
    (change,) = [c for g in json.loads(result.stdout)["onderdelen"] for c in g["wijzigingen"]
                 if c["titel"] == "Aansprakelijkheid herzien"]  # fmt: skip
    assert change["soort"] == "ingrijpend" and change["college"]["besluit"] == shown
    adopt = vwo(repo.path, *ADOPT)
    assert (adopt.returncode == 0) is adopted, adopt.stderr
    if not adopted:
        assert "far-reaching (Soort: ingrijpend) change without a decision of the College" in adopt.stderr
        assert not (repo.path / "versions").exists()  # nothing written
