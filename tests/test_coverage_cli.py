"""Coverage through the commands, on throwaway repositories: ``vwo check`` validates
``docs/dekking.yml`` and every frozen one, ``vwo adopt`` freezes it (and refuses a bad one),
``vwo compare --format json`` names the provisions each change touches."""

from __future__ import annotations

import json

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import snapshot, text_files, vwo
from vwo.compare.align import compare
from vwo.compare.coverage import touched_provisions
from vwo.text.coverage import parse_coverage
from vwo.text.parse import parse_sources
from vwo.versions.manifest import compute, loads
from vwo.versions.plan import Target, docs_inputs

# The small text of tests/versions_support: definities (1.1), subverwerkers (2.1) and
# bijlage-specificatie. Line 3 is the subverwerkers key.
COVERAGE = """\
dekking:
  definities-1: ["4", "28(9)"]
  subverwerkers: ["28(2)", "28(3)(d)", "28(4)"]
  subverwerkers-1: ["28(2)"]
  bijlage-specificatie: ["28(3)(a)", "28(3)(b)", "28(3)(c)", "28(3)(e)", "28(3)(f)", "28(3)(g)",
                         "28(3)(h)", "28(3) tweede alinea", "32", "33", "34", "35", "36"]
niet-gedekt:
  "26": Niet voor gezamenlijke verwerkingsverantwoordelijken.
"""
CONSULTATIE = ["--status", "consultatie", "--date", "2018-09-01", "--samenvatting", "Ontwerp."]


@pytest.fixture
def texts(repo: GitRepo) -> GitRepo:
    repo.commit("Tekst en dekking", files={**text_files(), "docs/dekking.yml": COVERAGE})
    return repo


def coverage_errors(repo: GitRepo) -> list[str]:
    """The ``error:`` lines of ``vwo check`` about coverage (this bare repository has no
    usage register, which the check also reports)."""
    result = vwo(repo.path, "check")
    lines = result.stderr.splitlines()
    assert result.returncode == (1 if lines else 0)
    return [line for line in lines if line.startswith("error: ") and "dekking.yml" in line]


def test_check_accepts_a_valid_file_and_adopt_freezes_it(texts: GitRepo) -> None:
    assert coverage_errors(texts) == []
    result = vwo(texts.path, "adopt", "1.0", *CONSULTATIE)
    assert result.returncode == 0, result.stderr
    folder = texts.path / "versions/1.0"
    assert (folder / "dekking.yml").read_bytes() == COVERAGE.encode()
    manifest = loads((folder / "MANIFEST.sha256").read_text(), "MANIFEST.sha256")
    assert "dekking.yml" in manifest and manifest == compute(folder)
    committed = texts.git("show", "--name-only", "--format=", "HEAD").split()
    assert committed.count("versions/1.0/dekking.yml") == 1
    assert coverage_errors(texts) == []


def test_publishing_builds_each_version_with_its_own_file(texts: GitRepo) -> None:
    assert vwo(texts.path, "adopt", "1.0", *CONSULTATIE).returncode == 0
    texts.commit("Dekking bijgewerkt", files={"docs/dekking.yml": COVERAGE.replace('"4", ', "")})
    frozen = docs_inputs(texts.path, Target("1.0", "1.0", "versions/1.0", 0, ()))
    concept = docs_inputs(texts.path, Target("concept", "concept", "docs", 0, ()))
    assert frozen["dekking.yml"] == texts.path / "versions/1.0/dekking.yml"
    assert concept["dekking.yml"] == texts.path / "docs/dekking.yml"


def test_check_names_file_and_line_in_docs_and_in_a_frozen_version(texts: GitRepo) -> None:
    assert vwo(texts.path, "adopt", "1.0", *CONSULTATIE).returncode == 0
    texts.write("docs/dekking.yml", COVERAGE.replace('"28(2)", "28(3)(d)"', '"28(2)", "28(3)(x)"'))
    # A frozen folder with a bad file (say, one frozen before its code left the list): the
    # manifest is recomputed, so besides the coverage problem only the proof of publication
    # (vwo.versions.proof) sees that the folder is not what was adopted.
    adopted = texts.head()[:7]
    frozen = texts.path / "versions/1.0"
    (frozen / "dekking.yml").write_text(COVERAGE.replace("  subverwerkers-1:", "  subverwerkers-7:"))
    from vwo.versions import manifest

    (frozen / "MANIFEST.sha256").write_text(manifest.dumps(manifest.compute(frozen)))
    assert coverage_errors(texts) == [
        "error: docs/dekking.yml:3: 'subverwerkers': unknown provision '28(3)(x)'",
        "error: docs/dekking.yml:7: required provision '28(3)(d)' (art. 28 lid 3 onder d AVG) is "
        "covered by no article and not marked as deliberately not covered",
        "error: versions/1.0/dekking.yml:4: 'subverwerkers-7': Artikel 2. Subverwerkers has no clause 2.7",
        "error: versions/1.0/dekking.yml: changed after publication, in the working tree, not committed; "
        f"adopted in commit {adopted}",
    ]
    stderr = vwo(texts.path, "check").stderr
    for code in ("'28(3)(x)'", "'28(3)(d)'", "clause 2.7"):
        after = stderr[stderr.index(code) :].splitlines()
        assert after[1].startswith("hint: "), after[:2]


def test_adopt_refuses_a_bad_file_and_writes_nothing(repo: GitRepo) -> None:
    bad = COVERAGE.replace('  "26": Niet voor gezamenlijke verwerkingsverantwoordelijken.', '  "26": ""')
    repo.commit("Tekst", files={**text_files(), "docs/dekking.yml": bad})
    before = snapshot(repo.path)
    result = vwo(repo.path, "adopt", "1.0", *CONSULTATIE)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "error: docs/dekking.yml:8: '26' is marked not covered without a reason\nhint: "
    )
    assert snapshot(repo.path) == before


V1 = """\
# Overeenkomst

## Artikel 1. Instructies {#instructies}

1.1 Alleen op instructie.

1.2 Een onrechtmatige instructie meldt de verwerker.

## Artikel 2. Subverwerkers {#subverwerkers}

2.1 Alleen met toestemming.

## Artikel 3. Register {#register}

3.1 De verwerker houdt een register bij.
"""
ANNEX = "# Bijlage 1. Beveiliging {#bijlage-beveiliging}\n\nMaatregelen {word}.\n"
REQUIRED_REST = (
    '["28(2)", "28(3)(b)", "28(3)(c)", "28(3)(d)", "28(3)(e)", "28(3)(f)", "28(3)(g)", "28(3)(h)", '
    '"28(4)", "28(9)"]'
)
OLD_COVERAGE = f"""\
dekking:
  instructies: ["29"]
  instructies-1: ["28(3)(a)"]
  instructies-2: ["28(3) tweede alinea"]
  subverwerkers-1: {REQUIRED_REST}
  register-1: ["30(2)"]
  bijlage-beveiliging: ["32", "33", "34", "35", "36"]
"""


def sources(agreement: str, word: str = "") -> dict[str, str]:
    return {"overeenkomst.md": agreement, "bijlagen/bijlage-1-beveiliging.md": ANNEX.replace("{word}", word)}


def test_the_provisions_a_change_touches() -> None:
    """Clause 1.2 rewritten, clause 1.3 added, article 2 unchanged, article 3 removed and the
    annex changed; the new coverage moves 28(3) tweede alinea to the added clause."""
    v2 = (
        V1.replace("1.2 Een onrechtmatige instructie meldt de verwerker.", "1.2 De verwerker waarschuwt.")
        .replace("## Artikel 2.", "1.3 Hij schort de instructie op.\n\n## Artikel 2.")
        .split("## Artikel 3.")[0]
    )
    old, new = parse_sources(sources(V1)), parse_sources(sources(v2, "en meer"))
    new_coverage = (
        OLD_COVERAGE.replace('  instructies-2: ["28(3) tweede alinea"]', '  instructies-2: ["5"]')
        .replace('  register-1: ["30(2)"]\n', "")
        .replace("  subverwerkers-1:", '  instructies-3: ["28(3) tweede alinea"]\n  subverwerkers-1:')
    )
    comparison = compare(old, new, old_version="1.0", new_version="2.0")
    touched = touched_provisions(
        comparison,
        parse_coverage(OLD_COVERAGE, "1.0/dekking.yml", old),
        parse_coverage(new_coverage, "2.0/dekking.yml", new),
    )
    assert touched.old_recorded and touched.new_recorded
    # Article level (29) in both, old 1.2 and new 1.2, new 1.3; not 1.1, which is unchanged.
    assert touched.by_section == {
        "artikel:instructies": ("5", "28(3) tweede alinea", "29"),
        "artikel:register": ("30(2)",),
        "bijlage:bijlage-beveiliging": ("32", "33", "34", "35", "36"),
    }
    assert touched_provisions(comparison, None, None).by_section == {}


def test_compare_json_carries_the_provisions_of_a_changed_article(texts: GitRepo) -> None:
    """1.0 frozen without coverage; the concept changes lid 2.1 and records its coverage."""
    texts.commit("Geen dekking in 1.0", files={"docs/dekking.yml": None})
    assert vwo(texts.path, "adopt", "1.0", *CONSULTATIE).returncode == 0
    texts.commit(
        "Lid 2.1 aangescherpt, dekking vastgelegd",
        files={**text_files("voorafgaande schriftelijke"), "docs/dekking.yml": COVERAGE},
        trailers={"Voorstel": "VWO-2019-001", "Soort": "inhoudelijk"},
    )
    result = vwo(texts.path, "compare", "1.0", "concept", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["old_coverage"], data["new_coverage"]) == (False, True)
    by_id = {a["id"]: a for a in data["articles"]}
    assert by_id["subverwerkers"]["status"] == "changed"
    assert by_id["subverwerkers"]["provisions"] == ["28(2)", "28(3)(d)", "28(4)"]
    assert by_id["definities"]["status"] == "unchanged" and by_id["definities"]["provisions"] == []
    assert [a["provisions"] for a in data["annexes"]] == [[]]
    # The same for a text at a git revision, which reads docs/dekking.yml from git.
    at_rev = json.loads(vwo(texts.path, "compare", "1.0", "@HEAD", "--format", "json").stdout)
    assert {a["id"]: a["provisions"] for a in at_rev["articles"]} == {
        a["id"]: a["provisions"] for a in data["articles"]
    }
    assert at_rev["new_coverage"] is True
