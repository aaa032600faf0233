"""The commit reader of the git adapter (``vwo.git.log``) against real throwaway
repositories: the records, and hostile commit text written byte for byte."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo
from vwo.git.log import (
    added_commits,
    commit,
    committer_date_raw,
    file_versions,
    log,
    log_format,
    parse_record,
)
from vwo.git.run import GitError
from vwo.history.records import ABSENT, CommitRecord, FileChange

R = "\ufffd"
KEYS = ("Voorstel", "Indiener", "Soort")
CEST = timezone(timedelta(hours=2))


def only(repo: GitRepo, **options: Any) -> list[CommitRecord]:
    """The records of everything HEAD reaches."""
    return list(log(repo.path, ["HEAD"], **options))


# --- the records --------------------------------------------------------------------


def test_records_are_newest_first_with_their_fields(repo: GitRepo) -> None:
    first = repo.commit("Eerste", files={"a.txt": "1\n"})
    second = repo.commit(
        "Tweede\n\nUitleg over\nde wijziging.", files={"a.txt": "2\n"}, trailers=[("Soort", "redactioneel")]
    )
    newest, oldest = only(repo)
    assert (newest.sha, newest.parents, oldest.sha, oldest.parents) == (second, (first,), first, ())
    assert newest.author == "VWO Test"
    assert newest.date == datetime(2018, 8, 2, 10, 0, tzinfo=CEST) == newest.committer_date
    assert newest.subject == "Tweede"
    assert newest.body == "Uitleg over\nde wijziging.\n\nSoort: redactioneel"
    assert newest.trailers == {"Soort": ("redactioneel",)}
    assert oldest.body == "" and oldest.trailers == {}


def test_author_and_committer_dates_are_both_read(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    later = "2019-01-05T08:30:00+01:00"
    repo.git("commit", "--amend", "-q", "--no-edit", env={"GIT_COMMITTER_DATE": later})
    (record,) = only(repo)
    assert record.date == datetime(2018, 8, 1, 10, 0, tzinfo=CEST)
    assert record.committer_date == datetime.fromisoformat(later)
    assert committer_date_raw(repo.path, record.sha) == f"{int(record.committer_date.timestamp())} +0100"


def test_changes_carry_status_path_and_blob_ids(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"docs/a.md": "1\n", "b.txt": "weg\n"})
    old_blob = repo.git("rev-parse", "HEAD:docs/a.md")
    repo.commit("Tweede", files={"docs/a.md": "2\n", "b.txt": None, "docs/één.md": "nieuw\n"})
    new_blob = repo.git("rev-parse", "HEAD:docs/a.md")
    added = repo.git("rev-parse", "HEAD:docs/één.md")
    gone = repo.git("rev-parse", "HEAD~1:b.txt")
    record = only(repo)[0]
    assert record.changes == (
        FileChange("D", "b.txt", gone, ABSENT),
        FileChange("M", "docs/a.md", old_blob, new_blob),
        FileChange("A", "docs/één.md", ABSENT, added),
    )


def test_a_rename_is_a_deletion_and_an_addition(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"docs/oud.md": "tekst die blijft\n" * 20})
    repo.git("mv", "docs/oud.md", "docs/nieuw.md")
    repo.commit("Hernoemd")
    assert [(c.status, c.path) for c in only(repo)[0].changes] == [
        ("A", "docs/nieuw.md"),
        ("D", "docs/oud.md"),
    ]


def test_without_changes_no_paths_are_read(repo: GitRepo) -> None:
    repo.commit("Eerste", files={"a.txt": "1\n"})
    assert only(repo, changes=False)[0].changes == ()


def test_diff_paths_limit_the_changes_but_not_the_commits(repo: GitRepo) -> None:
    repo.commit("Tekst", files={"docs/a.md": "1\n", "hooks/x.py": "x\n"})
    repo.commit("Code", files={"hooks/x.py": "y\n"})
    code, text = only(repo, diff_paths=("docs/",))
    assert (code.subject, code.changes) == ("Code", ())
    assert [c.path for c in text.changes] == ["docs/a.md"]


def test_merges_list_both_parents(repo: GitRepo) -> None:
    base = repo.commit("Basis", files={"a.txt": "1\n"})
    repo.git("checkout", "-q", "-b", "tak")
    side = repo.commit("Zijtak", files={"b.txt": "1\n"})
    repo.git("checkout", "-q", "main")
    main = repo.commit("Hoofdlijn", files={"c.txt": "1\n"})
    repo.git("merge", "-q", "--no-ff", "tak", "-m", "Merge pull request #7 from x/tak")
    merge = only(repo)[0]
    assert merge.parents == (main, side) and merge.is_merge and merge.pull_request == 7
    assert {r.sha for r in only(repo)} == {merge.sha, main, side, base}


def test_a_range_excludes_the_base(repo: GitRepo) -> None:
    base = repo.commit("Basis", files={"a.txt": "1\n"})
    top = repo.commit("Erboven", files={"a.txt": "2\n"})
    assert [r.sha for r in log(repo.path, [top, f"^{base}"])] == [top]


def test_an_unknown_revision_raises_with_gits_message(repo: GitRepo) -> None:
    repo.commit("Basis", files={"a.txt": "1\n"})
    with pytest.raises(GitError) as failed:
        list(log(repo.path, ["bestaat-niet"]))
    assert failed.value.status == 128 and "bestaat-niet" in failed.value.stderr


def test_a_revision_cannot_be_an_option(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("Basis", files={"a.txt": "1\n"})
    with pytest.raises(GitError):
        list(log(repo.path, [f"--output={tmp_path / 'x'}"]))
    assert not (tmp_path / "x").exists()


# --- trailers -----------------------------------------------------------------------


def test_keys_match_case_insensitively_and_keep_the_asked_spelling(repo: GitRepo) -> None:
    repo.commit(
        "Besluit",
        allow_empty=True,
        trailers=[("voorstel", "VWO-2019-001"), ("INDIENER", "Gemeente A"), ("Indiener", "Gemeente B"),
                  ("Signed-off-by", "X <x@example.org>")],
    )  # fmt: skip
    (record,) = only(repo, keys=KEYS)
    assert record.trailers == {"Voorstel": ("VWO-2019-001",), "Indiener": ("Gemeente A", "Gemeente B")}
    (every,) = only(repo)
    assert every.trailers == {
        "voorstel": ("VWO-2019-001",),
        "INDIENER": ("Gemeente A",),
        "Indiener": ("Gemeente B",),
        "Signed-off-by": ("X <x@example.org>",),
    }


def test_empty_keys_keep_no_trailer(repo: GitRepo) -> None:
    repo.commit("Besluit", allow_empty=True, trailers=[("Voorstel", "VWO-2019-001")])
    assert only(repo, keys=())[0].trailers == {}


def test_a_folded_value_is_unfolded_and_trimmed(repo: GitRepo) -> None:
    repo.commit_raw(b"Besluit\n\nIndiener:   Vereniging van\n  ICT-leveranciers  \nSoort: inhoudelijk\n")
    assert only(repo, keys=KEYS)[0].trailers == {
        "Indiener": ("Vereniging van ICT-leveranciers",),
        "Soort": ("inhoudelijk",),
    }


def test_trailers_are_read_from_the_last_paragraph_only(repo: GitRepo) -> None:
    repo.commit_raw(b"Besluit\n\nSoort: ingrijpend\n\nDaarna tekst.\n\nVoorstel: VWO-2019-001\n")
    assert only(repo, keys=KEYS)[0].trailers == {"Voorstel": ("VWO-2019-001",)}


# --- hostile commit text ------------------------------------------------------------

MESSAGE = "Voor {c} na\n\nTekst {c} in de body.\n\nVoorstel: VWO-2019-001\nIndiener: Gemeente {c} Zuid\n"


@pytest.mark.parametrize("code", [c for c in range(1, 0x20) if c not in (0x09, 0x0A)], ids=hex)
def test_a_c0_control_character_is_replaced_and_shifts_nothing(repo: GitRepo, code: int) -> None:
    char = chr(code)
    before = repo.commit("Ervoor", files={"a.txt": "1\n"}, trailers=[("Soort", "redactioneel")])
    sha = repo.commit_raw(MESSAGE.format(c=char).encode(), author=f"Aut{char}eur".encode())
    after = repo.commit("Erna", allow_empty=True, trailers=[("Soort", "inhoudelijk")])
    newest, hostile, oldest = only(repo, keys=KEYS)
    assert (newest.sha, hostile.sha, oldest.sha) == (after, sha, before)
    assert hostile.subject == f"Voor {R} na"
    assert hostile.body == f"Tekst {R} in de body.\n\nVoorstel: VWO-2019-001\nIndiener: Gemeente {R} Zuid"
    assert hostile.author == f"Aut{R}eur"
    assert hostile.trailers == {"Voorstel": ("VWO-2019-001",), "Indiener": (f"Gemeente {R} Zuid",)}
    assert hostile.parents == (before,)
    assert (newest.trailers, oldest.trailers) == ({"Soort": ("inhoudelijk",)}, {"Soort": ("redactioneel",)})


def test_tab_and_newline_are_kept(repo: GitRepo) -> None:
    repo.commit_raw(MESSAGE.format(c="\t").encode())
    (record,) = only(repo, keys=KEYS)
    assert record.subject == "Voor \t na"
    assert record.body == "Tekst \t in de body.\n\nVoorstel: VWO-2019-001\nIndiener: Gemeente \t Zuid"
    assert record.trailers["Indiener"] == ("Gemeente \t Zuid",)


def test_a_nul_ends_the_message_as_git_reads_it(repo: GitRepo) -> None:
    repo.commit_raw(b"Voor \x00 na\n\nTekst.\n\nVoorstel: VWO-2019-001\n")
    (record,) = only(repo, keys=KEYS)
    assert (record.subject, record.body, record.trailers) == ("Voor", "", {})


@pytest.mark.parametrize(
    "char",
    ["\x7f", "\x80", "\x85", "\x9b", "\x9d", "\x9f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
     "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029", "\ufffe", "\uffff"],
    ids=lambda c: f"U+{ord(c):04X}",
)  # fmt: skip
def test_del_c1_bidi_and_xml_invalid_characters_are_replaced(repo: GitRepo, char: str) -> None:
    repo.commit_raw(MESSAGE.format(c=char).encode(), author=f"Aut{char}eur".encode())
    (record,) = only(repo, keys=KEYS)
    assert record.subject == f"Voor {R} na"
    assert record.body == f"Tekst {R} in de body.\n\nVoorstel: VWO-2019-001\nIndiener: Gemeente {R} Zuid"
    assert record.author == f"Aut{R}eur"
    assert record.trailers == {"Voorstel": ("VWO-2019-001",), "Indiener": (f"Gemeente {R} Zuid",)}


def test_direction_marks_are_kept(repo: GitRepo) -> None:
    repo.commit_raw("Gemeente \u200fعمان\u200e 12 (\u061cx)\n".encode())
    assert only(repo)[0].subject == "Gemeente \u200fعمان\u200e 12 (\u061cx)"


def test_an_escape_sequence_in_a_trailer_value_loses_its_escape(repo: GitRepo) -> None:
    repo.commit_raw(b"Besluit\n\nIndiener: \x1b]0;pwned\x07\x1b[2JGemeente\nSoort: \x1b[31mingrijpend\n")
    (record,) = only(repo, keys=KEYS)
    assert record.trailers == {
        "Indiener": (f"{R}]0;pwned{R}{R}[2JGemeente",),
        "Soort": (f"{R}[31mingrijpend",),
    }


def test_a_key_with_a_control_character_is_no_trailer(repo: GitRepo) -> None:
    """git itself reads ``Voor<ESC>stel: x`` as no trailer; with ``Signed-off-by`` in the
    block the other lines still are trailers, and the odd line is left out."""
    repo.commit_raw(
        b"Besluit\n\nVoor\x1bstel: VWO-2019-001\nIndiener: Gemeente\nSigned-off-by: X <x@example.org>\n"
    )
    (record,) = only(repo)
    assert record.trailers == {"Indiener": ("Gemeente",), "Signed-off-by": ("X <x@example.org>",)}
    assert record.body == f"Voor{R}stel: VWO-2019-001\nIndiener: Gemeente\nSigned-off-by: X <x@example.org>"


def test_the_separators_with_a_guessed_nonce_shift_nothing(repo: GitRepo) -> None:
    """The format's separators are the control characters U+001C-U+001F followed by a
    random nonce; text that carries them with some nonce stays in its field."""
    fake = "\x1e0123456789abcdef\x1f0123456789abcdef\x1d0123456789abcdef\x1c0123456789abcdef"
    repo.commit_raw(f"Voor {fake} na\n\nBody {fake}.\n\nIndiener: A {fake} B\n".encode())
    (record,) = only(repo, keys=KEYS)
    replaced = fake.replace("\x1e", R).replace("\x1f", R).replace("\x1d", R).replace("\x1c", R)
    assert record.subject == f"Voor {replaced} na"
    assert record.body == f"Body {replaced}.\n\nIndiener: A {replaced} B"
    assert record.trailers == {"Indiener": (f"A {replaced} B",)}


def test_invalid_utf8_decodes_with_replacement(repo: GitRepo) -> None:
    repo.commit_raw(b"Kapot \xff\xfe en \xc3 half\n\nBody \xe9.\n\nIndiener: Caf\xe9\n", author=b"Jos\xe9")
    (record,) = only(repo, keys=KEYS)
    assert record.subject == f"Kapot {R}{R} en {R} half"
    assert record.body == f"Body {R}.\n\nIndiener: Caf{R}"
    assert record.author == f"Jos{R}"
    assert record.trailers == {"Indiener": (f"Caf{R}",)}


def test_a_declared_encoding_is_converted(repo: GitRepo) -> None:
    repo.commit_raw(b"Caf\xe9 ouvert\n\nIndiener: Jos\xe9\n", author=b"Ren\xe9", encoding=b"ISO-8859-1")
    (record,) = only(repo, keys=KEYS)
    assert (record.subject, record.author, record.trailers) == (
        "Café ouvert",
        "René",
        {"Indiener": ("José",)},
    )


def test_a_100_kb_subject(repo: GitRepo) -> None:
    subject = "Lang " + "woord " * 20_000
    repo.commit_raw(f"{subject.strip()}\n\nIndiener: Gemeente\n".encode())
    repo.commit("Daarna", allow_empty=True)
    after, record = only(repo, keys=KEYS)
    assert len(record.subject) == len(subject.strip()) > 100_000
    assert record.subject == subject.strip()
    assert record.trailers == {"Indiener": ("Gemeente",)}
    assert after.subject == "Daarna"


@pytest.mark.parametrize("subject", ["-p", "--output=/tmp/vwo-niet", "-- -", "--format=%H"])
def test_a_subject_that_looks_like_an_option(repo: GitRepo, subject: str) -> None:
    repo.commit_raw(f"{subject}\n\nIndiener: -x\n".encode())
    (record,) = only(repo, keys=KEYS)
    assert (record.subject, record.trailers) == (subject, {"Indiener": ("-x",)})
    assert not Path("/tmp/vwo-niet").exists()


def test_a_path_with_a_control_character_is_neutralised(repo: GitRepo) -> None:
    repo.commit("Raar bestand", files={"versions/1.0/x\x1b]0;y": "z\n"})
    (record,) = only(repo)
    assert [c.path for c in record.changes] == [f"versions/1.0/x{R}]0;y"]


# --- one commit, added files, the format --------------------------------------------


def test_commit_reads_one_record(repo: GitRepo) -> None:
    first = repo.commit("Eerste", files={"a.txt": "1\n"}, trailers=[("Voorstel", "VWO-2019-001")])
    repo.commit("Tweede", files={"a.txt": "2\n"})
    record = commit(repo.path, first, keys=KEYS)
    assert (record.sha, record.subject, record.trailers) == (first, "Eerste", {"Voorstel": ("VWO-2019-001",)})
    assert [c.path for c in record.changes] == ["a.txt"]
    assert commit(repo.path, first, changes=False).changes == ()


def test_added_commits_name_the_newest_addition_of_each_file(repo: GitRepo) -> None:
    one = repo.commit("Versie 1.0", files={"versions/1.0/version.yml": "a\n", "versions/1.0/x.md": "x\n"})
    repo.commit("Weg", files={"versions/1.0/version.yml": None})
    again = repo.commit("Terug", files={"versions/1.0/version.yml": "b\n"})
    two = repo.commit("Versie 2.0", files={"versions/2.0/version.yml": "c\n"})
    found = added_commits(repo.path, ["versions/*/version.yml"])
    assert {path: record.sha for path, record in found.items()} == {
        "versions/1.0/version.yml": again,
        "versions/2.0/version.yml": two,
    }
    assert added_commits(repo.path, ["versions/1.0/x.md"])["versions/1.0/x.md"].sha == one
    assert added_commits(repo.path, ["geen/*"]) == {}


def test_the_format_puts_a_nonce_after_every_separator() -> None:
    fmt, rs, fs, ts, kv = log_format("abc123")
    assert (rs, fs, ts, kv) == ("\x1eabc123", "\x1fabc123", "\x1dabc123", "\x1cabc123")
    assert fmt.startswith("%x1eabc123%H%x1fabc123%P") and fmt.endswith("%x1fabc123")
    assert "separator=%x1dabc123,key_value_separator=%x1cabc123" in fmt


def test_a_record_with_missing_fields_is_a_bug_not_input() -> None:
    from vwo.git.log import _TrailerItems

    with pytest.raises(ValueError, match="unexpected git log output"):
        parse_record("sha\x1fnonce" * 2, "\x1fnonce", "\x1dnonce", _TrailerItems("\x1cnonce", None))


# --- every version of one file ------------------------------------------------------


def test_file_versions_lists_each_content_of_a_file_newest_first(repo: GitRepo) -> None:
    first = repo.commit("Een", files={"data/f.yml": "- a\n", "ander.txt": "x\n"})
    repo.commit("Alleen iets anders", files={"ander.txt": "y\n"})
    second = repo.commit("Twee", files={"data/f.yml": "- a\n- b\n"})
    removed = repo.commit("Weg", files={"data/f.yml": None})
    third = repo.commit("Terug", files={"data/f.yml": "- c\n"})
    found = [(record.sha, data) for record, data in file_versions(repo.path, "HEAD", "data/f.yml")]
    assert found == [
        (third, b"- c\n"),
        (removed, None),
        (second, b"- a\n- b\n"),
        (first, b"- a\n"),
    ]
    assert file_versions(repo.path, "HEAD", "nooit.yml") == []
