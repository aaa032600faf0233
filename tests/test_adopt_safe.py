"""``vwo adopt`` that freezes exactly what git tracks, records its proof, and can be stopped at
any moment: canonical version numbers, dates in order, a branch to commit on, a force
reason that stays prose, the lifecycle events of the versions it supersedes, and real
signals at the moments that matter (before and after the branch moves)."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.gitrepo import GitRepo
from tests.versions_support import (
    leftovers,
    snapshot,
    start_paused,
    stop,
    text_files,
    vwo,
    vwo_in,
    with_consultation,
)
from vwo.versions.check import check_versions
from vwo.versions.register import check_events

COLLEGE = "College van Dienstverleningszaken"
ADOPT_11 = ["adopt", "1.1", "--status", "vastgesteld", "--date", "2018-12-06", "--vastgesteld-door", COLLEGE,
            "--samenvatting", "Vastgesteld na de consultatie."]  # fmt: skip


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    """Texts only (adopt needs no site config), one consultation version published."""
    return with_consultation(repo)


def refused(site: GitRepo, *args: str) -> str:
    before = snapshot(site.path)
    result = vwo(site.path, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert snapshot(site.path) == before, "adopt wrote something although it refused"
    assert result.stderr.startswith("error: ") and "\nhint: " in result.stderr
    assert leftovers(site.path) == []
    return result.stderr


def trailers(site: GitRepo, rev: str = "HEAD") -> list[str]:
    """The trailers of the commit as git itself parses them."""
    message = site.git("log", "-1", "--format=%B", rev)
    parsed = subprocess.run(
        ["git", "interpret-trailers", "--parse"], input=message, capture_output=True, text=True, check=True
    )
    return parsed.stdout.splitlines()


# --- version numbers and dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "version",
    [
        "01.12",
        "1.012",
        "\uff11.12",
        "1.\u0661\u0662",
        "1.12\n",
        " 1.12",
        "1.12 ",
        "+1.12",
        "2.0.0",
        "../1.12",
        "1",
    ],
    ids=[
        "leading-zero",
        "leading-zero-minor",
        "fullwidth",
        "arabic-indic",
        "newline",
        "space-before",
        "space-after",
        "plus",
        "three-parts",
        "path",
        "one-part",
    ],
)
def test_only_canonical_version_numbers(site: GitRepo, version: str) -> None:
    args = ["adopt", version, "--status", "consultatie", "--date", "2018-10-01", "--samenvatting", "x"]
    error = refused(site, *args)
    assert error.startswith(f"error: X.Y: {version!r} is not a version number")
    assert "hint: write it as MAJOR.MINOR in ASCII digits without leading zeros" in error


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2018-08-31", "2018-08-31 is before 2018-09-01, the date of version 1.0 that this one replaces"),
        ("2999-01-01", "2999-01-01 is in the future"),
        ("20181206", "'20181206' is not a valid date"),
        ("2018-12-6", "'2018-12-6' is not a valid date"),
        ("\uff12\uff10\uff11\uff18-12-06", "is not a valid date"),
    ],
    ids=["before-the-last-version", "future", "basic-format", "short-day", "fullwidth"],
)
def test_dates_in_order_and_in_one_format(site: GitRepo, day: str, message: str) -> None:
    args = list(ADOPT_11)
    args[args.index("--date") + 1] = day
    error = refused(site, *args)
    assert error.startswith("error: --date: ") and message in error


def test_refuses_a_detached_head(site: GitRepo) -> None:
    site.git("checkout", "-q", "--detach")
    error = refused(site, *ADOPT_11)
    assert "HEAD is detached (not on a branch)" in error and "hint: switch to the branch first" in error


# --- the commit: trailers, tree, tag ----------------------------------------------------


def test_the_commit_records_the_tree_and_the_tag_names_it(site: GitRepo) -> None:
    result = vwo(site.path, *ADOPT_11)
    assert result.returncode == 0, result.stderr
    sha = site.head()
    tree = site.git("rev-parse", "HEAD:versions/1.1")
    assert trailers(site) == ["Versie: 1.1", "Status: vastgesteld", f"Versie-boom: {tree}"]
    assert site.git("rev-parse", "v1.1^{commit}") == sha and site.git("cat-file", "-t", "v1.1") == "tag"
    assert site.git("for-each-ref", "--format=%(contents)", "refs/tags/v1.1") == (
        f"Versie 1.1 (vastgesteld, 2018-12-06)\n\nVersie: 1.1\nStatus: vastgesteld\nDatum: 2018-12-06\n"
        f"Versie-boom: {tree}\n"
    )
    # The tag is dated by its commit, so every run makes the same tag object.
    assert site.git("for-each-ref", "--format=%(taggerdate:raw)", "refs/tags/v1.1") == site.git(
        "log", "-1", "--format=%cd", "--date=raw"
    )
    assert f"vastgelegd in commit {sha[:12]} met tag v1.1" in result.stdout
    assert site.git("status", "--porcelain") == "" and leftovers(site.path) == []


def test_a_force_reason_stays_in_the_body_and_adds_no_trailer(site: GitRepo) -> None:
    site.commit("Aansprakelijkheid herzien", files=text_files("uitdrukkelijke"),
                trailers={"Voorstel": "VWO-2018-007", "Soort": "ingrijpend"})  # fmt: skip
    reason = "besluit volgt\n\nVersie: 7.7\nStatus: consultatie"
    result = vwo(site.path, *ADOPT_11, "--force", reason)
    assert result.returncode == 0, result.stderr
    tree = site.git("rev-parse", "HEAD:versions/1.1")
    assert trailers(site) == [
        "Versie: 1.1",
        "Status: vastgesteld",
        f"Versie-boom: {tree}",
        "Geforceerd: besluit volgt Versie: 7.7 Status: consultatie",
    ]
    body = site.git("log", "-1", "--format=%b")
    folded = "besluit volgt Versie: 7.7 Status: consultatie"
    assert f"Geforceerd ondanks een ingrijpende wijziging zonder besluit: {folded}" in body
    assert site.git("log", "-1", "--format=%(trailers:key=Versie,valueonly)").strip() == "1.1"


# --- exactly what git tracks ------------------------------------------------------------


def test_an_ignored_file_is_not_frozen_and_every_clone_agrees(site: GitRepo, tmp_path: Path) -> None:
    (site.path / ".git" / "info" / "exclude").write_text("*.orig\n")
    site.write("docs/bijlagen/bijlage-1-specificatie.md.orig", "oud\n")
    site.write("docs/bijlagen/bijlage-9-kladje.md", "# Bijlage 9. Kladje {#bijlage-kladje}\n\nniet bedoeld\n")
    (site.path / ".git" / "info" / "exclude").write_text("*.orig\nbijlage-9-*\n")
    assert site.git("status", "--porcelain") == ""  # both are ignored
    assert vwo(site.path, *ADOPT_11).returncode == 0
    folder = site.path / "versions" / "1.1"
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert files == [
        "MANIFEST.sha256",
        "bijlagen/bijlage-1-specificatie.md",
        "overeenkomst.md",
        "toelichting.md",
        "version.yml",
    ]
    committed = site.git("ls-tree", "-r", "--name-only", "HEAD", "--", "versions/1.1/").splitlines()
    assert committed == [f"versions/1.1/{name}" for name in files]
    clone = tmp_path / "kloon"
    subprocess.run(["git", "clone", "-q", str(site.path), str(clone)], check=True)
    assert check_versions(clone) == []
    assert (
        subprocess.run(
            ["sha256sum", "-c", "--quiet", "MANIFEST.sha256"], cwd=clone / "versions/1.1"
        ).returncode
        == 0
    )


def test_a_symbolic_link_in_the_annexes_is_refused(site: GitRepo) -> None:
    (site.path / "docs" / "bijlagen" / "bijlage-2-link.md").symlink_to("bijlage-1-specificatie.md")
    site.commit("Link")
    error = refused(site, *ADOPT_11)
    assert error.startswith("error: docs/bijlagen/bijlage-2-link.md: is not a plain file in git")


def test_the_text_parsed_is_the_text_frozen(site: GitRepo) -> None:
    """An ignored annex that does not parse would have stopped the old adopt; one that git
    does not track is simply not part of the version."""
    (site.path / ".git" / "info" / "exclude").write_text("bijlage-5-*\n")
    site.write("docs/bijlagen/bijlage-5-kapot.md", "geen kop\n")
    assert vwo(site.path, *ADOPT_11).returncode == 0
    assert not (site.path / "versions/1.1/bijlagen/bijlage-5-kapot.md").exists()


# --- the lifecycle events of the versions it supersedes --------------------------------


def test_adopting_appends_the_replaced_events_in_the_same_commit(site: GitRepo) -> None:
    assert vwo(site.path, *ADOPT_11).returncode == 0
    changed = site.git("show", "--name-only", "--format=", "HEAD").splitlines()
    assert "data/gebeurtenissen.yml" in changed and all(
        p == "data/gebeurtenissen.yml" or p.startswith("versions/1.1/") for p in changed
    )
    register = site.read("data/gebeurtenissen.yml")
    assert register.startswith(
        "# Gebeurtenissen in de levensloop van gepubliceerde versies. Alleen toevoegen.\n"
    )
    assert yaml.safe_load(register) == [
        {"versie": "1.0", "gebeurtenis": "vervangen", "datum": yaml.safe_load("2018-12-06"),
         "door": COLLEGE, "door_versie": "1.1"},
    ]  # fmt: skip
    # Version numbers quoted as FORMATS.md writes them (and as the hand-written entries are).
    assert '- versie: "1.0"\n' in register and '  door_versie: "1.1"\n' in register
    assert "In data/gebeurtenissen.yml vastgelegd: versie 1.0 vervangen door versie 1.1." in site.git(
        "log", "-1", "--format=%b"
    )
    # The tree trailer is still the folder's tree, not the commit's.
    assert trailers(site)[2] == f"Versie-boom: {site.git('rev-parse', 'HEAD:versions/1.1')}"
    assert check_events(site.path) == []


def test_a_consultation_supersedes_no_adopted_version_and_the_next_adoption_both(site: GitRepo) -> None:
    assert vwo(site.path, *ADOPT_11).returncode == 0
    site.write(
        "data/gebeurtenissen.yml", site.read("data/gebeurtenissen.yml") + "# een opmerking die blijft\n"
    )
    site.commit("Opmerking")
    site.commit("Tekst 1.2", files=text_files("uitdrukkelijke"),
                trailers={"Voorstel": "VWO-2019-001", "Soort": "redactioneel"})  # fmt: skip
    args = [
        "adopt",
        "1.2",
        "--status",
        "consultatie",
        "--date",
        "2019-03-01",
        "--samenvatting",
        "Ontwerp 1.2.",
    ]
    assert vwo(site.path, *args).returncode == 0
    assert "data/gebeurtenissen.yml" not in site.git("show", "--name-only", "--format=", "HEAD")
    alv = "Algemene Ledenvergadering VNG"
    args = ["adopt", "1.3", "--status", "vastgesteld", "--date", "2019-06-05",
            "--samenvatting", "Vastgesteld.", "--vastgesteld-door", alv]  # fmt: skip
    assert vwo(site.path, *args).returncode == 0
    register = site.read("data/gebeurtenissen.yml")
    assert "# een opmerking die blijft\n" in register  # appended as text: the file keeps its layout
    entries = yaml.safe_load(register)
    assert [(e["versie"], e["door_versie"], str(e["datum"]), e["door"]) for e in entries] == [
        ("1.0", "1.1", "2018-12-06", COLLEGE),
        ("1.1", "1.3", "2019-06-05", "Algemene Ledenvergadering VNG"),
        ("1.2", "1.3", "2019-06-05", "Algemene Ledenvergadering VNG"),
    ]
    assert check_events(site.path) == []


def test_a_register_that_cannot_be_appended_to_is_refused(site: GitRepo) -> None:
    site.commit("Leeg register", files={"data/gebeurtenissen.yml": "[]\n"})
    error = refused(site, *ADOPT_11)
    assert error.startswith("error: data/gebeurtenissen.yml: cannot append to this file as text")


def test_a_broken_register_is_refused_with_its_line(site: GitRepo) -> None:
    site.commit("Register", files={"data/gebeurtenissen.yml": '- versie: "1.0"\n  gebeurtenis: vergeten\n'})
    error = refused(site, *ADOPT_11)
    assert error.startswith("error: data/gebeurtenissen.yml:2: gebeurtenis: unknown event 'vergeten'")


# --- one at a time, and interruptions ----------------------------------------------------


def test_a_second_adopt_while_one_runs_is_refused(site: GitRepo, tmp_path: Path) -> None:
    process, marker = start_paused(site.path, tmp_path, "adopt-ref", *ADOPT_11)
    try:
        before = snapshot(site.path)
        second = vwo(site.path, *ADOPT_11)
        assert second.returncode == 2 and snapshot(site.path) == before
        assert f"this repository is in use by vwo adopt 1.1 (pid {process.pid})" in second.stderr
        assert "hint: wait until it has finished" in second.stderr
        marker.unlink()  # let the first one go on
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    finally:
        process.kill()
    assert (
        site.git("rev-parse", "v1.1^{commit}") == site.head() and leftovers(site.path, tmp_path / "tmp") == []
    )


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_before_the_branch_moves_leaves_nothing(site: GitRepo, tmp_path: Path, signum: int) -> None:
    before = snapshot(site.path)
    process, _ = start_paused(site.path, tmp_path, "adopt-ref", *ADOPT_11)
    status, out, err = stop(process, signum)
    assert status == 128 + signum
    assert err == f"error: vwo adopt: interrupted by {signal.Signals(signum).name}; nothing was committed\n" \
        "hint: run the command again when you are ready\n"  # fmt: skip
    assert "Traceback" not in err and out == ""
    assert snapshot(site.path) == before and leftovers(site.path, tmp_path / "tmp") == []
    assert vwo(site.path, *ADOPT_11).returncode == 0  # nothing blocks the next run


def test_sigkill_before_the_branch_moves_blocks_nothing(site: GitRepo, tmp_path: Path) -> None:
    before = snapshot(site.path)
    process, _ = start_paused(site.path, tmp_path, "adopt-ref", *ADOPT_11)
    status, _, _ = stop(process, signal.SIGKILL)
    assert status == -signal.SIGKILL
    assert snapshot(site.path) == before  # files, refs and HEAD as they were
    result = vwo_in(site.path, tmp_path / "tmp2", *ADOPT_11)  # the stale lock file blocks nothing
    assert result.returncode == 0, result.stderr
    assert leftovers(site.path, tmp_path / "tmp2") == [] and site.git("status", "--porcelain") == ""


def test_sigterm_after_the_branch_moved_is_held_until_the_adoption_is_whole(
    site: GitRepo, tmp_path: Path
) -> None:
    process, _ = start_paused(site.path, tmp_path, "adopt-worktree", *ADOPT_11)
    status, _, err = stop(process, signal.SIGTERM)
    assert status == 128 + signal.SIGTERM
    assert err.startswith("error: vwo adopt: interrupted by SIGTERM; version 1.1 was committed (")
    assert "and tagged all the same" in err
    assert site.git("status", "--porcelain") == "" and site.git("rev-parse", "v1.1^{commit}") == site.head()
    assert check_versions(site.path) == [] and leftovers(site.path, tmp_path / "tmp") == []


def test_sigkill_after_the_branch_moved_is_finished_by_the_next_adopt(site: GitRepo, tmp_path: Path) -> None:
    head = site.head()
    process, _ = start_paused(site.path, tmp_path, "adopt-worktree", *ADOPT_11)
    status, _, _ = stop(process, signal.SIGKILL)
    assert status == -signal.SIGKILL
    adopted = site.head()
    assert adopted != head and site.git("rev-parse", "HEAD^") == head  # the branch moved, in one step
    assert "D  versions/1.1/version.yml" in site.git("status", "--porcelain").splitlines()  # files not yet
    site_args = [
        "adopt",
        "1.2",
        "--status",
        "consultatie",
        "--date",
        "2019-01-10",
        "--samenvatting",
        "Ontwerp.",
    ]
    result = vwo(site.path, *site_args)
    assert result.returncode == 0, result.stderr
    assert "vwo adopt: de onderbroken vaststelling van versie 1.1 is afgemaakt" in result.stdout
    assert site.git("rev-parse", "v1.1^{commit}") == adopted and site.git("rev-parse", "HEAD^") == adopted
    assert site.git("status", "--porcelain") == "" and check_versions(site.path) == []
