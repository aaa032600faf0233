"""``data/correcties.yml`` (FORMATS.md §2): every refusal names file and line; the
corrections reach the records before any model; ``vwo check`` names unreachable commits,
corrections that change nothing or leave the record wrong, and every entry an earlier
commit of the file had that is gone or changed (append-only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.history_records import decided, record
from tests.history_repo import BEV_V1, DEFINITIES, SUB_V1, text_files
from tests.versions_support import vwo
from vwo.errors import VwoError
from vwo.history.corrections import (
    CORRECTIONS_FILE,
    apply_corrections,
    check_corrections,
    parse_corrections,
)
from vwo.history.read import read_history
from vwo.history.records import TrailerCorrection
from vwo.strict_yaml import load

SHA = "a" * 40
ENTRY = f"""\
# Correcties. Alleen toevoegen.
- commit: {SHA}
  trailers:
    Soort: redactioneel
  door: Beheergroep VWO
  op: 2020-03-26
  reden: >-
    Het was een taalkundige wijziging.
"""


def refusal(text: str) -> VwoError:
    with pytest.raises(VwoError) as caught:
        parse_corrections(load(text, CORRECTIONS_FILE))
    return caught.value


def test_a_good_entry() -> None:
    (correction,) = parse_corrections(load(ENTRY, CORRECTIONS_FILE))
    assert (correction.commit, correction.trailers, correction.by, correction.line) == (
        SHA,
        (("Soort", ("redactioneel",)),),
        "Beheergroep VWO",
        2,
    )
    assert (
        correction.on.isoformat() == "2020-03-26"
        and correction.reason == "Het was een taalkundige wijziging."
    )
    assert parse_corrections(load("# nog niets\n", CORRECTIONS_FILE)) == ()


@pytest.mark.parametrize(
    ("change", "line", "message", "hint"),
    [
        ((f"commit: {SHA}", "commit: aaaaaaa"), 2, "commit: 'aaaaaaa' is not a full commit id", "all 40"),
        ((f"commit: {SHA}", f"commit: {SHA.upper()}"), 2, "is not a full commit id", "lower case"),
        ((f"commit: {SHA}", "commit: HEAD~1"), 2, "'HEAD~1' is not a full commit id", ""),
        ((f"commit: {SHA}", "commit: 12345"), 2, "commit: expected text, got int", ""),
        (("Soort: redactioneel", "Soort: groot"), 4, "Soort: 'groot' is not one of", ""),
        (
            ("Soort: redactioneel", "Soort: Redactioneel"),
            4,
            "is not one of",
            "write it exactly: Soort: redactioneel",
        ),
        (("Soort: redactioneel", "Soort: [redactioneel, ingrijpend]"), 4, "Soort: one value, not 2", ""),
        (("Soort: redactioneel", "Besloten-op: 2020-13-01"), 4, "'2020-13-01' is not a valid value", ""),
        (("Soort: redactioneel", "Besloten-op: 2020-02-30"), 4, "'2020-02-30' is not a valid value", ""),
        (("Soort: redactioneel", "Besloten-op: '2020-02-30'"), 4, "is not a date YYYY-MM-DD", ""),
        (("Soort: redactioneel", "Besloten-op: 2020-02-03 10:00:00"), 4, "has a time", ""),
        (
            ("Soort: redactioneel", "Besloten-door: college van dienstverleningszaken"),
            4,
            "is not one of",
            "write it exactly: Besloten-door: College van Dienstverleningszaken",
        ),
        (("Soort: redactioneel", "Voorstel: VWO-19-1"), 4, "is not a proposal id", ""),
        (("Soort: redactioneel", "Artikel: Sub_verwerkers"), 4, "is not an article id", ""),
        (("Soort: redactioneel", "Versie: '1.1'"), 4, "trailers: 'Versie' cannot be corrected here", ""),
        (("Soort: redactioneel", "Status: vastgesteld"), 4, "'Status' cannot be corrected here", ""),
        (
            ("Soort: redactioneel", "soort: redactioneel"),
            4,
            "'soort' cannot be corrected here",
            "write it as Soort",
        ),
        (("Soort: redactioneel", "Onzin: x"), 4, "'Onzin' cannot be corrected here", "correctable:"),
        (("Soort: redactioneel", 'Indiener: "Gemeente \\u202eX"'), 4, "bidirectional control character", ""),
        (("Soort: redactioneel", "Indiener: 42"), 4, "expected text, got int", ""),
        (("    Soort: redactioneel\n", "    {}\n"), 3, "trailers: expected a mapping", ""),
        (
            ("door: Beheergroep VWO", "door: beheergroep vwo"),
            5,
            "door: 'beheergroep vwo' is not one of",
            "write it exactly: door: Beheergroep VWO",
        ),
        (("door: Beheergroep VWO", "door: Iemand"), 5, "door: 'Iemand' is not one of", ""),
        (("op: 2020-03-26", "op: 2020-02-30"), 6, "'2020-02-30' is not a valid value", ""),
        (("op: 2020-03-26", "op: 2020-03-26 10:00:00"), 6, "has a time", ""),
        (("op: 2020-03-26", "op: 20200326"), 6, "op: '20200326' is not a date", ""),
        (("  reden: >-\n    Het was een taalkundige wijziging.\n", "  reden: ''\n"), 7, "reden: empty", ""),
        (
            ("  reden: >-\n    Het was een taalkundige wijziging.\n", '  reden: "a\\x1bb"\n'),
            7,
            "escape character",
            "",
        ),
        (("  door: Beheergroep VWO\n", ""), 2, "door: missing", "FORMATS.md"),
        (("  op: 2020-03-26\n", "  op: 2020-03-26\n  wanneer: gisteren\n"), 7, "unknown key 'wanneer'", ""),
        (
            ("  op: 2020-03-26\n", "  op: 2020-03-26\n  op: 2020-03-27\n"),
            7,
            "duplicate key 'op' (first at line 6)",
            "",
        ),
        ((f"- commit: {SHA}", f"- &x commit: {SHA}"), 2, "anchors and aliases", ""),
    ],
)
def test_each_refusal_names_file_line_and_a_hint(
    change: tuple[str, str], line: int, message: str, hint: str
) -> None:
    assert change[0] in ENTRY
    error = refusal(ENTRY.replace(*change))
    assert error.where == f"{CORRECTIONS_FILE}:{line}", str(error)
    assert message in error.what, str(error)
    assert hint in error.hint and error.hint
    assert "\x1b" not in str(error) and "\u202e" not in str(error)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("commit: x\n", f"{CORRECTIONS_FILE}:1", "expected a list of corrections"),
        ("- 1\n- 2\n", f"{CORRECTIONS_FILE}:1", "an entry is a mapping"),
        ("- [a]\n", f"{CORRECTIONS_FILE}:1", "an entry is a mapping"),
    ],
)
def test_a_file_that_is_no_list_of_entries(text: str, where: str, message: str) -> None:
    error = refusal(text)
    assert error.where == where and message in error.what


def test_apply_replaces_each_key_removes_with_an_empty_list_and_keeps_the_file_order() -> None:
    trailers = {**decided("VWO-2020-001", "aangenomen", "2020-03-12"), "Soort": ("inhoudelijk",),
                "Indiener": ("Gemeente A", "Gemeente B")}  # fmt: skip
    original = record("a", "Squash", "2020-03-01", trailers=trailers)
    text = ENTRY + ENTRY.split("\n", 1)[1].replace(
        "Soort: redactioneel", "Soort: ingrijpend\n    Indiener: []"
    )
    corrections = parse_corrections(load(text, CORRECTIONS_FILE))
    (fixed,) = apply_corrections([original], corrections)
    assert fixed.trailers["Soort"] == ("ingrijpend",) and "Indiener" not in fixed.trailers
    assert fixed.trailers["Besluit"] == ("aangenomen",)  # other keys untouched
    assert fixed.corrections == (
        TrailerCorrection("Soort", ("inhoudelijk",), ("redactioneel",), "Beheergroep VWO", "2020-03-26",
                          "Het was een taalkundige wijziging."),
        TrailerCorrection("Soort", ("redactioneel",), ("ingrijpend",), "Beheergroep VWO", "2020-03-26",
                          "Het was een taalkundige wijziging."),
        TrailerCorrection("Indiener", ("Gemeente A", "Gemeente B"), (), "Beheergroep VWO", "2020-03-26",
                          "Het was een taalkundige wijziging."),
    )  # fmt: skip
    other = record("b", "Ander", "2020-03-02")
    assert apply_corrections([other], corrections) == [other]


# --- against a real repository ---------------------------------------------------------------


def entry(sha: str, trailers: str, *, reason: str = "Tikfout in het bericht van de squash merge.") -> str:
    head = f"- commit: {sha}\n  trailers:\n{trailers}"
    return head + f"  door: Beheergroep VWO\n  op: 2020-03-26\n  reden: {reason}\n"


@pytest.fixture
def history(repo: GitRepo) -> dict[str, str]:
    sha = {"text": repo.commit("Tekst", files=text_files(DEFINITIES, SUB_V1, BEV_V1))}
    sha["squash"] = repo.commit(
        "Definities verduidelijkt (#4)",
        files=text_files(DEFINITIES.replace("de persoon", "de natuurlijke persoon"), SUB_V1, BEV_V1),
        trailers=[("Voorstel", "VWO-2020-001"), ("Soort", "inhoudelijk"), ("Besluit", "aangenomen"),
                  ("Besloten-door", "Beheergroep VWO"), ("Besloten-op", "12-03-2020")],
    )  # fmt: skip
    return sha


def commit_corrections(repo: GitRepo, text: str, message: str = "Correctie") -> str:
    return repo.commit(message, files={CORRECTIONS_FILE: "# Correcties. Alleen toevoegen.\n" + text})


def test_a_correction_reaches_every_output(repo: GitRepo, history: dict[str, str]) -> None:
    before = vwo(repo.path, "decisions", "--format", "json")
    assert json.loads(before.stdout)["vergaderingen"][0]["orgaan"] is None  # meeting unknown: bad date
    commit_corrections(
        repo, entry(history["squash"], "    Besloten-op: 2020-03-12\n    Soort: redactioneel\n")
    )
    assert check_corrections(repo.path) == []
    (fixed,) = [c for c in read_history(repo.path).commits if c.sha == history["squash"]]
    assert fixed.value("Besloten-op") == "2020-03-12" and fixed.value("Soort") == "redactioneel"
    data = json.loads(vwo(repo.path, "decisions", "--format", "json").stdout)
    (meeting,) = data["vergaderingen"]
    assert (meeting["orgaan"], meeting["datum"]) == ("Beheergroep VWO", "2020-03-12")
    (decision,) = meeting["besluiten"]
    assert decision["soort"] == "redactioneel"
    assert decision["correcties"] == [
        {"trailer": "Besloten-op", "was": ["12-03-2020"], "wordt": ["2020-03-12"], "door": "Beheergroep VWO",
         "op": "2020-03-26", "reden": "Tikfout in het bericht van de squash merge."},
        {"trailer": "Soort", "was": ["inhoudelijk"], "wordt": ["redactioneel"], "door": "Beheergroep VWO",
         "op": "2020-03-26", "reden": "Tikfout in het bericht van de squash merge."},
    ]  # fmt: skip
    changes = json.loads(vwo(repo.path, "changelog", "--format", "json").stdout)
    (change,) = [
        c for g in changes["onderdelen"] for c in g["wijzigingen"] if c["commit"] == history["squash"]
    ]
    assert change["correcties"] == decision["correcties"] and change["besloten_op"] == "2020-03-12"
    csv_text = vwo(repo.path, "decisions", "--format", "csv").stdout
    assert "Soort: inhoudelijk wordt redactioneel (Beheergroep VWO, 2020-03-26): Tikfout" in csv_text
    markdown = vwo(repo.path, "decisions").stdout
    assert (
        "- Gecorrigeerd: Soort&#58; inhoudelijk wordt redactioneel, door Beheergroep VWO op 26 maart 2020"
        in (markdown.replace("Soort: inhoudelijk", "Soort&#58; inhoudelijk"))
        or "Gecorrigeerd" in markdown
    )
    # The corrected commit is no longer reported by lint-commits.
    lint = vwo(repo.path, "lint-commits", f"{history['text']}..{history['squash']}")
    assert lint.returncode == 0, lint.stderr


def test_check_names_what_cannot_be(repo: GitRepo, history: dict[str, str]) -> None:
    repo.git("switch", "-q", "-c", "zijtak")
    side = repo.commit("Niet op main", allow_empty=True)
    repo.git("switch", "-q", "main")
    text = (
        entry("b" * 40, "    Soort: redactioneel\n")  # line 2: unknown commit
        + entry(side, "    Soort: redactioneel\n")  # line 8: not reachable from HEAD
        + entry(history["squash"], "    Soort: inhoudelijk\n")  # line 14: changes nothing
        + entry(history["squash"], "    Besloten-door: []\n")  # line 20: a decision without its body
        + entry(history["squash"], "    Besluit: verworpen\n")  # line 26: a text change that "was rejected"
    )
    commit_corrections(repo, text)
    problems = check_corrections(repo.path)
    assert [p.split("\nhint: ")[0] for p in problems] == [
        f"{CORRECTIONS_FILE}:2: commit {'b' * 12} is not reachable from HEAD",
        f"{CORRECTIONS_FILE}:8: commit {side[:12]} is not reachable from HEAD",
        f"{CORRECTIONS_FILE}:14: commit {history['squash'][:7]}: the correction changes nothing",
        f"{CORRECTIONS_FILE}:20: commit {history['squash'][:7]} after the correction: a decision (Besluit) "
        "needs Besloten-door",
        f"{CORRECTIONS_FILE}:26: commit {history['squash'][:7]} after the correction: Besloten-op: "
        "'12-03-2020' is not a date YYYY-MM-DD",
        f"{CORRECTIONS_FILE}:26: commit {history['squash'][:7]} after the correction: a decision (Besluit) "
        "needs Besloten-door",
        f"{CORRECTIONS_FILE}:26: commit {history['squash'][:7]} changes the text but would carry "
        "'Besluit: verworpen'",
    ]
    result = vwo(repo.path, "check")
    assert result.returncode == 1 and f"error: {CORRECTIONS_FILE}:2: commit {'b' * 12}" in result.stderr


def test_the_file_only_grows(repo: GitRepo, history: dict[str, str]) -> None:
    first = entry(history["squash"], "    Besloten-op: 2020-03-12\n")
    second = entry(history["squash"], "    Soort: redactioneel\n")
    commit_corrections(repo, first, "Eerste correctie")
    two = commit_corrections(repo, first + second, "Tweede correctie")
    assert check_corrections(repo.path) == []
    # Removed, changed, or moved: named with the newest commit that still had it.
    for text in (second, first.replace("Tikfout", "Typfout") + second, second + first):
        (repo.path / CORRECTIONS_FILE).write_text("# Correcties.\n" + text, encoding="utf-8")
        problems = check_corrections(repo.path)
        assert problems[0].startswith(
            f"{CORRECTIONS_FILE}: entry 1 of commit {two[:12]} was changed or moved"
        )
        assert "git show" in problems[0]
    (repo.path / CORRECTIONS_FILE).write_text("# Correcties.\n" + first, encoding="utf-8")
    (problem,) = check_corrections(repo.path)
    assert "entry 2 of commit" in problem and "was removed" in problem
    (repo.path / CORRECTIONS_FILE).unlink()  # the whole file gone is a removal too
    assert [p.split(" of commit")[0] for p in check_corrections(repo.path)] == [
        f"{CORRECTIONS_FILE}: entry 1",
        f"{CORRECTIONS_FILE}: entry 2",
    ]
    (repo.path / CORRECTIONS_FILE).mkdir()
    assert check_corrections(repo.path) == [
        f"{CORRECTIONS_FILE}: is not a file\nhint: data/correcties.yml is a YAML file (FORMATS.md §2)"
    ]


def test_an_invalid_earlier_version_may_be_repaired(repo: GitRepo, history: dict[str, str]) -> None:
    bad = entry(history["squash"], "    Besloten-op: 12 maart\n")
    commit_corrections(repo, bad, "Correctie met fout")
    assert check_corrections(repo.path)  # the bad entry itself is refused
    commit_corrections(repo, entry(history["squash"], "    Besloten-op: 2020-03-12\n"), "Correctie hersteld")
    assert check_corrections(repo.path) == []


def test_a_broken_file_stops_history_commands_with_file_and_line(
    repo: GitRepo, history: dict[str, str]
) -> None:
    commit_corrections(repo, entry(history["squash"], "    Soort: groot\n"))
    for command in (["decisions"], ["changelog"], ["lint-commits", "HEAD~1..HEAD"]):
        result = vwo(repo.path, *command)
        assert result.returncode == 2, (command, result.stderr)
        assert f"error: {CORRECTIONS_FILE}:4: Soort: 'groot' is not one of" in result.stderr
        assert "Traceback" not in result.stderr


def test_without_git_only_the_file_is_checked(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / CORRECTIONS_FILE).write_text(ENTRY, encoding="utf-8")
    assert check_corrections(tmp_path) == []
    (tmp_path / CORRECTIONS_FILE).write_bytes(b"- commit: \xff\n")
    (problem,) = check_corrections(tmp_path)
    assert problem.startswith(f"{CORRECTIONS_FILE}:1: not valid UTF-8")
