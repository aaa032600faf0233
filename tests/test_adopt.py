"""``vwo adopt`` on throwaway repositories: what it writes, and every refusal with proof that
nothing was written (working tree, refs and HEAD byte-identical)."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from tests.gitrepo import GitRepo
from tests.versions_support import agreement, snapshot, text_files, vwo, with_consultation
from vwo.versions.check import check_versions
from vwo.versions.manifest import compute, loads

COLLEGE = "College van Dienstverleningszaken"
ADOPT_11 = [
    "adopt", "1.1", "--status", "vastgesteld", "--date", "2018-12-06",
    "--vastgesteld-door", COLLEGE, "--pas-toe-of-leg-uit-vanaf", "2019-01-01",
    "--samenvatting", "Vastgesteld na de consultatie.",
]  # fmt: skip


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    """Texts only (adopt needs no site config), one consultation version published."""
    return with_consultation(repo)


def test_adopt_freezes_docs_with_metadata_manifest_and_trailers(site: GitRepo) -> None:
    site.commit("Lid 2.1 aangescherpt", files=text_files("voorafgaande schriftelijke"),
                trailers={"Voorstel": "VWO-2018-001", "Soort": "inhoudelijk"})  # fmt: skip
    result = vwo(site.path, *ADOPT_11)
    assert result.returncode == 0, result.stderr
    folder = site.path / "versions" / "1.1"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "MANIFEST.sha256",
        "bijlagen/bijlage-1-specificatie.md",
        "overeenkomst.md",
        "toelichting.md",
        "version.yml",
    ]
    assert (folder / "overeenkomst.md").read_text() == agreement("voorafgaande schriftelijke")
    data = yaml.safe_load((folder / "version.yml").read_text())
    assert data == {
        "versie": "1.1",
        "status": "vastgesteld",
        "gepubliceerd_op": date(2018, 12, 6),
        "vastgesteld_door": COLLEGE,
        "pas_toe_of_leg_uit_vanaf": date(2019, 1, 1),
        "vervangt": "1.0",
        "samenvatting": "Vastgesteld na de consultatie.",
    }
    manifest = loads((folder / "MANIFEST.sha256").read_text(), "MANIFEST.sha256")
    assert manifest == compute(folder) and "version.yml" in manifest
    message = site.git("log", "-1", "--format=%B")
    assert message.startswith("Versie 1.1 vastgesteld\n\nVastgesteld na de consultatie.")
    assert site.git("log", "-1", "--format=%(trailers:key=Versie,valueonly)").strip() == "1.1"
    assert site.git("log", "-1", "--format=%(trailers:key=Status,valueonly)").strip() == "vastgesteld"
    assert site.git("status", "--porcelain") == ""
    assert check_versions(site.path) == []


def refused(site: GitRepo, *args: str) -> str:
    """Run adopt, require exit 2 and an untouched repository; return the error text."""
    before = snapshot(site.path)
    result = vwo(site.path, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert snapshot(site.path) == before, "adopt wrote something although it refused"
    assert result.stderr.startswith("error: ")
    return result.stderr


def test_refuses_a_dirty_tree(site: GitRepo) -> None:
    site.write("docs/overeenkomst.md", agreement("mondelinge"))
    error = refused(site, *ADOPT_11)
    assert "uncommitted changes: M docs/overeenkomst.md" in error and "hint: commit or stash" in error


def test_refuses_an_untracked_file(site: GitRepo) -> None:
    site.write("notities.txt", "kladje\n")
    assert "uncommitted changes: ?? notities.txt" in refused(site, *ADOPT_11)


@pytest.mark.parametrize("version", ["1.0", "0.9"])
def test_refuses_a_version_not_higher_than_the_last(site: GitRepo, version: str) -> None:
    args = ["adopt", version, "--status", "consultatie", "--date", "2018-12-06", "--samenvatting", "x"]
    error = refused(site, *args)
    assert f"version {version} is not higher than the last published version 1.0" in error


def test_numeric_order_1_10_after_1_9(site: GitRepo) -> None:
    args = ["adopt", "1.10", "--status", "consultatie", "--date", "2018-12-06", "--samenvatting", "x"]
    assert vwo(site.path, *args).returncode == 0
    args[1] = "1.9"
    assert "1.9 is not higher than the last published version 1.10" in refused(site, *args)


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--date", "2018-13-01", "error: --date: '2018-13-01' is not a valid date"),
        ("--date", "6-12-2018", "error: --date: '6-12-2018' is not a valid date"),
        (
            "--pas-toe-of-leg-uit-vanaf",
            "morgen",
            "error: --pas-toe-of-leg-uit-vanaf: 'morgen' is not a valid date",
        ),
        ("--verplicht-vanaf", "2018-11-31", "error: --verplicht-vanaf: '2018-11-31' is not a valid date"),
    ],
)
def test_refuses_an_invalid_date(site: GitRepo, option: str, value: str, message: str) -> None:
    args = list(ADOPT_11)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    error = refused(site, *args)
    assert error.startswith(message) and "hint: write it as YYYY-MM-DD" in error


def test_refuses_a_malformed_agreement(site: GitRepo) -> None:
    broken = agreement().replace(
        "## Artikel 2. Subverwerkers {#subverwerkers}", "## Artikel 3. Subverwerkers {#subverwerkers}"
    )
    site.commit("Kapotte nummering", files={"docs/overeenkomst.md": broken})
    error = refused(site, *ADOPT_11)
    assert error.startswith("error: docs/overeenkomst.md:") and "3" in error.splitlines()[0]


def test_refuses_vastgesteld_without_who(site: GitRepo) -> None:
    args = [a for a in ADOPT_11 if a != COLLEGE and a != "--vastgesteld-door"]
    assert "error: --vastgesteld-door: missing for a vastgesteld version" in refused(site, *args)


def test_refuses_a_missing_summary(site: GitRepo) -> None:
    args = ADOPT_11[: ADOPT_11.index("--samenvatting")]
    assert "error: --samenvatting: missing" in refused(site, *args)


def far_reaching(site: GitRepo) -> None:
    site.commit("Aansprakelijkheid herzien", files=text_files("uitdrukkelijke"),
                trailers={"Voorstel": "VWO-2018-007", "Soort": "ingrijpend"})  # fmt: skip


def test_refuses_a_far_reaching_change_without_college_decision(site: GitRepo) -> None:
    far_reaching(site)
    # A decision by someone else, or a rejection by the College, does not count.
    site.commit("Besluit Beheergroep", allow_empty=True, trailers=[("Voorstel", "VWO-2018-007"),
                ("Besluit", "aangenomen"), ("Besloten-door", "Beheergroep VWO")])  # fmt: skip
    site.commit("Besluit College", allow_empty=True, trailers=[("Voorstel", "VWO-2018-007"),
                ("Besluit", "aangehouden"), ("Besloten-door", COLLEGE)])  # fmt: skip
    sha = site.git("rev-parse", "HEAD~2")[:12]
    error = refused(site, *ADOPT_11)
    assert "far-reaching (Soort: ingrijpend) change without a decision of the College" in error
    assert f"commit {sha} (Aansprakelijkheid herzien): VWO-2018-007" in error
    assert "--force" in error


def test_accepts_a_far_reaching_change_with_college_decision(site: GitRepo) -> None:
    far_reaching(site)
    decision = [("Voorstel", "VWO-2018-007"), ("Besluit", "aangenomen"), ("Besloten-door", COLLEGE)]
    site.commit("Besluit College", allow_empty=True, trailers=decision)
    result = vwo(site.path, *ADOPT_11)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("decision", ["verworpen", "aangehouden", "ingetrokken"])
def test_a_far_reaching_proposal_that_was_not_accepted_needs_no_college(site: GitRepo, decision: str) -> None:
    site.commit("Eigen voorwaarden leverancier", allow_empty=True, trailers=[("Voorstel", "VWO-2018-020"),
                ("Soort", "ingrijpend"), ("Besluit", decision), ("Besloten-door", "Toetsgroep")])  # fmt: skip
    result = vwo(site.path, *ADOPT_11)
    assert result.returncode == 0, result.stderr


def test_far_reaching_change_before_the_last_version_is_not_asked_again(repo: GitRepo) -> None:
    repo.commit("Tekst", files=text_files())
    far_reaching(repo)
    args = ["adopt", "1.0", "--status", "consultatie", "--date", "2018-09-01", "--samenvatting", "x"]
    assert vwo(repo.path, *args, "--force", "consultatie mag, besluit volgt").returncode == 0
    assert vwo(repo.path, *ADOPT_11).returncode == 0


def test_force_records_the_reason(site: GitRepo) -> None:
    far_reaching(site)
    assert "error: --force: the reason is empty" in refused(site, *ADOPT_11, "--force", "  ")
    result = vwo(site.path, *ADOPT_11, "--force", "Besluit College van 2018-12-01, notulen volgen")
    assert result.returncode == 0, result.stderr
    body = site.git("log", "-1", "--format=%B")
    assert "Geforceerd ondanks een ingrijpende wijziging zonder besluit" in body
    trailer = site.git("log", "-1", "--format=%(trailers:key=Geforceerd,valueonly)").strip()
    assert trailer == "Besluit College van 2018-12-01, notulen volgen"
