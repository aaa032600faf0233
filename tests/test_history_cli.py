"""``vwo changelog``, ``vwo decisions`` and ``vwo lint-commits`` on real throwaway repositories."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import GitRepo
from tests.history_repo import BEV_V2, DEF_V2, LEK, SUB_V2, agreement, build_history
from tests.history_site import PAYLOADS, add_payload_commits
from tests.test_history_e2e import assert_inert
from vwo.cli import main

SITE_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


def run(repo: GitRepo, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["-C", str(repo.path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_changelog_json_of_a_version(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    sha = build_history(repo)
    code, out, _ = run(repo, capsys, "changelog", "--version", "1.1", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [g["id"] for g in data["onderdelen"]] == ["definities", "subverwerkers", "beveiliging"]
    change = data["onderdelen"][1]["wijzigingen"][0]
    assert change == {
        "titel": "Artikel 2: nieuwe subverwerker vooraf melden",
        "voorstel": "VWO-2019-001",
        "indieners": ["Gemeente Súdwest-Fryslân", "Vereniging van ICT-leveranciers"],
        "soort": "inhoudelijk",
        "besluit": "aangenomen",
        "besloten_door": "Beheergroep VWO",
        "besloten_op": "2019-03-14",
        "pull_request": 12,
        "commit": sha["pr12-commit"],
        "datum": "2018-08-04",
        "onderdelen": ["subverwerkers"],
        "college": None,
        "correcties": [],
        "reden": None,
        "eerste_tekst": False,
    }


def test_changelog_of_an_unknown_version_is_bad_input(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    build_history(repo)
    code, _, err = run(repo, capsys, "changelog", "--version", "9.9")
    assert code == 2
    assert "no published version with that number" in err and "known: 1.0, 1.1" in err


def test_shallow_clone_is_bad_input(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    build_history(repo)
    clone = GitRepo.__new__(GitRepo)
    clone.path = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone.path))
    code, _, err = run(clone, capsys, "decisions")
    assert code == 2 and "git fetch --unshallow" in err


def test_payloads_are_inert_in_markdown_json_and_csv(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    build_history(repo)
    add_payload_commits(repo, agreement(DEF_V2, SUB_V2, BEV_V2, LEK))
    for command in (["changelog"], ["decisions"]):
        code, out, _ = run(repo, capsys, *command, "--format", "md")
        assert code == 0
        html = BeautifulSoup(markdown.markdown(out, extensions=SITE_EXTENSIONS), "lxml")
        assert_inert(html)
        titles = [h.get_text() for h in html.find_all("h3")]
        for payload in PAYLOADS:
            assert any(t.endswith(payload) for t in titles), (command, payload)
    _, out, _ = run(repo, capsys, "decisions", "--format", "json")
    proposers = {p for m in json.loads(out)["vergaderingen"] for d in m["besluiten"] for p in d["indieners"]}
    assert set(PAYLOADS) <= proposers
    _, out, _ = run(repo, capsys, "decisions", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    cells = {r["titel"] for r in rows}
    assert '\'=HYPERLINK("http://evil.example","x")' in cells and "'-2+3" in cells and "'@SUM(1+1)" in cells
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def lint_repo(repo: GitRepo) -> dict[str, str]:
    text = agreement(DEF_V2, SUB_V2, BEV_V2)
    sha = {
        "base": repo.commit("Basis", files={"docs/overeenkomst.md": text, "versions/1.0/version.yml": "x\n"})
    }
    sha["no-trailers"] = repo.commit(
        "Tikfout", files={"docs/overeenkomst.md": text.replace("passend", "goed")}
    )
    sha["bad-values"] = repo.commit(
        "Besluit zonder datum",
        allow_empty=True,
        trailers=[("Voorstel", "VWO-19-1"), ("Besluit", "goedgekeurd"), ("Besloten-door", "Beheergroep VWO")],
    )
    sha["edits-version"] = repo.commit("Versie 1.0 bijgewerkt", files={"versions/1.0/version.yml": "y\n"})
    sha["adopt"] = repo.commit(
        "Versie 1.1 vastgesteld",
        files={"versions/1.1/version.yml": "z\n", "versions/1.1/overeenkomst.md": text},
        trailers=[("Versie", "1.1"), ("Status", "vastgesteld")],
    )
    sha["ok"] = repo.commit(
        "Artikel 3 aangescherpt",
        files={"docs/overeenkomst.md": text.replace("passend", "passend en tijdig")},
        trailers=[("Voorstel", "VWO-2019-010"), ("Soort", "inhoudelijk")],
    )
    return sha


def test_lint_commits_names_commit_and_fix(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    sha = lint_repo(repo)
    code, _, err = run(repo, capsys, "lint-commits", f"{sha['base']}..HEAD")
    assert code == 1
    short = {k: v[:7] for k, v in sha.items()}
    assert (
        f"commit {short['no-trailers']} 'Tikfout': changes the agreement text in docs/ but has no 'Voorstel'"
        in err
    )
    assert 'fix: git commit --amend --no-edit --trailer "Voorstel: VWO-2019-003"' in err
    assert f"git rebase -i {short['no-trailers']}~1" in err
    assert (
        f"commit {short['bad-values']} 'Besluit zonder datum': Voorstel: 'VWO-19-1' is not a proposal id"
        in err
    )
    replace = "git -c trailer.Besluit.ifexists=replace commit --amend --no-edit --allow-empty"
    assert f'{replace} --trailer "Besluit: aangenomen"' in err
    assert "a decision (Besluit) needs Besloten-op" in err
    assert (
        f"commit {short['edits-version']} 'Versie 1.0 bijgewerkt': changes the published folder(s) 1.0" in err
    )
    assert short["adopt"] not in err and short["ok"] not in err
    assert "vwo lint-commits: 6 problem(s) in 5 commit(s)" in err


def test_lint_commits_accepts_a_clean_range(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    sha = lint_repo(repo)
    code, out, err = run(repo, capsys, "lint-commits", f"{sha['edits-version']}..HEAD")
    assert (code, err) == (0, "")
    assert "2 commit(s), alles in orde" in out


def test_lint_commits_skips_merges_and_refuses_an_added_file_in_a_published_folder(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = lint_repo(repo)
    repo.git("checkout", "-q", "-b", "zijtak", sha["ok"])
    repo.commit("Kleine toevoeging", files={"README.md": "x\n"})
    repo.git("checkout", "-q", "main")
    repo.commit("Nog een", files={"CONTRIBUTING.md": "y\n"})
    repo.git("merge", "-q", "--no-ff", "zijtak", "-m", "Merge pull request #20 from x/zijtak")
    sneaky = repo.commit(
        "Bijlage bij 1.1",
        files={"versions/1.1/extra.md": "extra\n"},
        trailers=[("Versie", "1.1"), ("Status", "vastgesteld")],
    )
    code, _, err = run(repo, capsys, "lint-commits", f"{sha['ok']}..HEAD")
    assert code == 1
    assert err.count("error: commit ") == 1
    assert f"commit {sneaky[:7]} 'Bijlage bij 1.1': changes the published folder(s) 1.1" in err


def test_lint_commits_with_an_unknown_revision_is_bad_input(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit("Basis", files={"a.txt": "x\n"})
    code, _, err = run(repo, capsys, "lint-commits", "bestaat-niet..HEAD")
    assert code == 2
    assert "error: bestaat-niet..HEAD: bestaat-niet: no such branch, tag or commit" in err
    assert "\nhint: " in err
