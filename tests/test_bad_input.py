"""Every class of bad input, several members each, through the real command line: the
message names the culprit (``error: <where>: <what>``), a ``hint:`` follows, the exit
code is 2 (1 for ``vwo check``, which reports findings), no Python traceback is printed,
and nothing was written (working tree, refs and the ``--out`` target are as before).

Rows of the reliability review: M10, M19, M20, M12, M21-M26, M30, Y2, Y4, Y13, Y16, G20,
G21, C4-C7, C9, C11, C12, S3, X1-X4; and the catch-all for anything unexpected.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo
from tests.versions_support import make_site, snapshot, vwo
from vwo import cli

VERSION_YML = "versions/1.0/version.yml"


@pytest.fixture
def site(repo: GitRepo) -> GitRepo:
    """This project's site with a small text, and version 1.0 published."""
    make_site(repo)
    result = vwo(repo.path, "adopt", "1.0", "--status", "consultatie", "--date", "2018-09-01",
                 "--samenvatting", "Eerste ontwerp.")  # fmt: skip
    assert result.returncode == 0, result.stderr
    return repo


def refused(
    root: Path, *args: str, where: str, what: str, code: int = 2, env: dict[str, str] | None = None
) -> str:
    """Run ``vwo`` in its own process (as a user does); assert the refusal; return stderr."""
    before = snapshot(root) if (root / ".git").exists() else None
    result = subprocess.run(
        [sys.executable, "-m", "vwo", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"error: {where}: {what}" in result.stderr, result.stderr
    assert "\nhint: " in result.stderr
    if before is not None:
        assert snapshot(root) == before, "something was written"
    return result.stderr


# --- -C ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["changelog"], ["publish"], ["compare", "1.0", "concept"]])
def test_c_that_is_missing_or_a_file(tmp_path: Path, command: list[str]) -> None:
    missing, afile = tmp_path / "bestaat-niet", tmp_path / "een-bestand"
    afile.write_text("x", encoding="utf-8")
    refused(missing, *command, where=f"-C {missing}", what="no such folder")
    refused(afile, *command, where=f"-C {afile}", what="is a file, not a folder")


# --- bytes that are not UTF-8, anywhere -----------------------------------------------------------

NOT_UTF8 = [b"\xff\xfe rommel", "Caf\u00e9".encode("latin-1"), b"\xc0\xaf", b"\x80"]


@pytest.mark.parametrize("data", NOT_UTF8)
@pytest.mark.parametrize(
    ("path", "command"),
    [
        ("docs/overeenkomst.md", ["compare", "1.0", "concept", "--out", "x.md"]),
        ("docs/toelichting.md", ["compare", "1.0", "concept", "--out", "x.md"]),
        ("docs/bijlagen/bijlage-1-specificatie.md", ["changelog", "--format", "json"]),
        (VERSION_YML, ["compare", "1.0", "concept", "--out", "x.md"]),
        ("data/correcties.yml", ["decisions"]),
        ("mkdocs.yml", ["changelog"]),
    ],
)
def test_bytes_that_are_not_utf8(site: GitRepo, data: bytes, path: str, command: list[str]) -> None:
    target = site.path / path
    original = target.read_bytes() if target.exists() else b""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(original.replace(b"\n", b"\n" + data, 1) if original else data)
    line = 2 if original else 1
    if path == "docs/bijlagen/bijlage-1-specificatie.md":  # the changelog of a text that breaks
        command = ["compare", "1.0", "concept"]
    refused(site.path, *command, where=f"{path}:{line}", what="not valid UTF-8")
    assert not (site.path / "x.md").exists()


@pytest.mark.parametrize(
    ("path", "data", "where"),
    [
        ("data/gebruik.csv", b"naam,type\n\xff\n", "data/gebruik.csv"),
        (
            ".github/ISSUE_TEMPLATE/registratie-gebruik.yml",
            b"\xfe",
            ".github/ISSUE_TEMPLATE/registratie-gebruik.yml:1",
        ),
    ],
)
def test_check_reports_data_files_that_are_not_utf8(
    site: GitRepo, path: str, data: bytes, where: str
) -> None:
    (site.path / path).parent.mkdir(parents=True, exist_ok=True)
    (site.path / path).write_bytes(data)
    refused(site.path, "check", where=where, what="not", code=1)


def test_a_revision_whose_text_is_not_utf8(site: GitRepo) -> None:
    site.write("docs/overeenkomst.md", "")
    (site.path / "docs/overeenkomst.md").write_bytes(b"# Titel\n\n\xff\n")
    site.git("add", "-A")
    sha = site.commit_raw(b"Kapotte tekst\n")
    site.git("reset", "-q", "--hard", "HEAD~1")
    site.git("update-ref", "refs/heads/kapot", sha)
    refused(
        site.path,
        "compare",
        "@kapot",
        "concept",
        where="@kapot:docs/overeenkomst.md:3",
        what="not valid UTF-8",
    )


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("- site_name: x\n", 1, "expected the settings as 'key: value' lines, got list"),
        ("site_name: [\n", 2, "not valid YAML"),
        ("site_name: x\nrepo_url: 12\n", 2, "repo_url: expected an address, got int"),
        ("site_name: x\nsite_url: [a]\n", 2, "site_url: expected an address, got list"),
        ("just text\n", 1, "expected the settings as 'key: value' lines, got str"),
    ],
)
def test_a_mkdocs_yml_the_tooling_cannot_read(site: GitRepo, text: str, line: int, what: str) -> None:
    """Not silently "no links" on the history pages: check and the history commands name it."""
    site.write("mkdocs.yml", text)
    refused(site.path, "check", where=f"mkdocs.yml:{line}", what=what, code=1)
    for command in (["changelog"], ["decisions"]):
        refused(site.path, *command, where=f"mkdocs.yml:{line}", what=what)


# --- the agreement text as a trust boundary -----------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "what"),
    [
        ("\x00", "contains a NUL byte"),
        ("\x1b[2J", "contains an escape character (ESC)"),
        ("\u202e", "contains a bidirectional control character (U+202E)"),
        ("<script>x</script>", "raw HTML"),
        ('`#read("/etc/passwd")`{=typst}', "a pandoc raw attribute ({=typst})"),
        ("`x`{=openxml}", "a pandoc raw attribute ({=openxml})"),
        ("\n\n```\ngeheim\n```\n", "a fenced code block"),
        ("[x](javascript:alert(1))", "a link to 'javascript:'"),
    ],
)
def test_text_that_is_not_plain_prose(site: GitRepo, payload: str, what: str) -> None:
    text = (site.path / "docs/overeenkomst.md").read_text(encoding="utf-8")
    site.write(
        "docs/overeenkomst.md", text.replace("zonder schriftelijke", "zonder " + payload + " schriftelijke")
    )
    line = 1 + text[: text.index("zonder schriftelijke")].count("\n") + (2 if payload.startswith("\n") else 0)
    for command in (["compare", "1.0", "concept", "--out", "x.md"], ["downloads", "concept", "--out", "uit"]):
        refused(site.path, *command, where=f"docs/overeenkomst.md:{line}", what=what)
    refused(site.path, "check", where=f"docs/overeenkomst.md:{line}", what=what, code=1)


def test_a_byte_order_mark_and_a_hidden_annex(site: GitRepo) -> None:
    path = site.path / "docs/overeenkomst.md"
    original = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + original)
    refused(site.path, "check", where="docs/overeenkomst.md:1", what="the file starts with a byte-order mark",
            code=1)  # fmt: skip
    path.write_bytes(original)
    site.write("docs/bijlagen/.bijlage-2.md", "# Bijlage 2. Verborgen {#verborgen}\n\nTekst.\n")
    refused(site.path, "check", where="docs/bijlagen/.bijlage-2.md:1", what="a hidden annex file", code=1)


# --- metadata: version.yml dates ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("2019-02-30", "'2019-02-30' is not a valid value"),
        ("2018-09-01 10:00:00", "gepubliceerd_op: 2018-09-01 10:00:00 has a time"),
        ("20180901", "gepubliceerd_op: '20180901' is not a date"),
        ("'1 september'", "gepubliceerd_op: '1 september' is not a date"),
    ],
)
def test_dates_in_version_yml(site: GitRepo, value: str, what: str) -> None:
    path = site.path / VERSION_YML
    text = path.read_text(encoding="utf-8")
    line = 1 + text[: text.index("gepubliceerd_op:")].count("\n")
    path.write_text(
        text.replace("gepubliceerd_op: 2018-09-01", f"gepubliceerd_op: {value}"), encoding="utf-8"
    )
    refused(site.path, "compare", "1.0", "concept", where=f"{VERSION_YML}:{line}", what=what)
    # publish (and serve, which publishes first) lists every problem of the published folders
    stderr = refused(
        site.path, "serve", "--port", "0", where="versions/", what="published folders have problems"
    )
    assert f"{VERSION_YML}:{line}: {what}" in stderr


# --- days given as text: only YYYY-MM-DD in ASCII digits ----------------------------------------

NOT_A_DAY = [
    "20190101",
    "2019-W01-1",
    "2019-02-30",
    "\uff12\uff10\uff11\uff19-01-01",
    "2019-1-1",
    " 2019-01-01",
]


@pytest.mark.parametrize("value", NOT_A_DAY)
@pytest.mark.parametrize("option", ["--date", "--pas-toe-of-leg-uit-vanaf", "--verplicht-vanaf"])
def test_adopt_refuses_what_is_not_a_day(site: GitRepo, option: str, value: str) -> None:
    days = {
        "--date": "2019-06-05",
        "--pas-toe-of-leg-uit-vanaf": "2019-07-01",
        "--verplicht-vanaf": "2020-01-01",
    }
    days[option] = value
    refused(
        site.path, "adopt", "1.1", "--status", "vastgesteld", "--vastgesteld-door", "Beheergroep VWO",
        "--samenvatting", "Tweede versie.", *(part for pair in days.items() for part in pair),
        where=option, what=f"'{value}' is not a valid date",
    )  # fmt: skip


def test_a_decision_date_that_is_not_a_day_is_a_lint_error(site: GitRepo) -> None:
    base = site.head()
    for value in ("20190101", "2019-W01-1"):
        site.commit_raw(
            f"Besluit\n\nReden.\n\nVoorstel: VWO-2019-001\nBesluit: aangenomen\n"
            f"Besloten-door: Beheergroep VWO\nBesloten-op: {value}\n".encode()
        )
    result = vwo(site.path, "lint-commits", f"{base}..HEAD")
    assert result.returncode == 1, result.stderr
    for value in ("20190101", "2019-W01-1"):
        assert f"Besloten-op: '{value}' is not a date YYYY-MM-DD" in result.stderr


# --- text given as an option -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "what"),
    [
        ("--samenvatting", "Tweede\x1b[2J versie.", "contains an escape character (ESC)"),
        ("--samenvatting", "Tweede\u202e versie.", "contains a bidirectional control character (U+202E)"),
        ("--vastgesteld-door", "Beheergroep\x07 VWO", "contains"),
        ("--force", "reden\u2066", "contains a bidirectional control character (U+2066)"),
    ],
)
def test_adopt_refuses_unshown_characters_in_options(
    site: GitRepo, option: str, value: str, what: str
) -> None:
    options = {"--vastgesteld-door": "Beheergroep VWO", "--samenvatting": "Tweede versie.", option: value}
    refused(
        site.path, "adopt", "1.1", "--status", "vastgesteld", "--date", "2019-06-05",
        *(part for pair in options.items() for part in pair), where=option, what=what,
    )  # fmt: skip


# --- revisions a user gives ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rev", "what"),
    [
        ("@--output=GEMAAKT", "starts with '-', so git would read it as an option"),
        ("@-p", "starts with '-'"),
        ("@HEAD:docs/overeenkomst.md", "names a blob, not a commit"),
        ("@HEAD^{tree}", "names a tree, not a commit"),
        ("@HEAD~1..HEAD", "is a range of commits, where one commit is expected"),
        ("@bestaat-niet", ""),
        ("@", "no git revision after '@'"),
    ],
)
def test_revisions_that_are_no_commit(site: GitRepo, rev: str, what: str) -> None:
    refused(site.path, "compare", rev, "concept", where=rev, what=what)
    assert not (site.path / "GEMAAKT").exists() and not Path("GEMAAKT").exists()


# --- --out ------------------------------------------------------------------------------------


def test_out_that_cannot_be_written(site: GitRepo, tmp_path: Path) -> None:
    folder, afile, fifo, link = tmp_path / "map", tmp_path / "bestand", tmp_path / "fifo", tmp_path / "link"
    folder.mkdir()
    afile.write_text("blijft\n", encoding="utf-8")
    os.mkfifo(fifo)
    link.symlink_to(tmp_path / "nergens")
    compare = ["compare", "1.0", "concept", "--out"]
    refused(site.path, *compare, str(folder), where="--out", what=f"{folder} is a folder, not a file")
    refused(site.path, *compare, "/dev/null", where="--out", what="/dev/null is a device, not a file")
    refused(site.path, *compare, str(fifo), where="--out", what=f"{fifo} is a FIFO (named pipe)")
    refused(site.path, *compare, str(link), where="--out", what=f"{link} is a symbolic link")
    refused(site.path, *compare, str(afile / "x.md"), where="--out", what=f"{afile} is not a folder")
    refused(
        site.path,
        "downloads",
        "1.0",
        "--out",
        str(afile / "uit"),
        where="--out",
        what=f"{afile} is not a folder",
    )
    refused(
        site.path,
        "downloads",
        "1.0",
        "--out",
        str(afile),
        where="--out",
        what=f"{afile} is a file, not a folder",
    )
    refused(site.path, "check-links", str(afile), where=str(afile), what="is a file, not a folder")
    refused(site.path, "check-links", str(tmp_path / "nergens"), where=str(tmp_path / "nergens"),
            what="no such folder")  # fmt: skip
    assert afile.read_text(encoding="utf-8") == "blijft\n" and list(folder.iterdir()) == []
    assert Path("/dev/null").is_char_device()


# --- options --------------------------------------------------------------------------------------


@pytest.mark.parametrize("port", ["65536", "99999", "-1", "100000000000000000000"])
def test_ports_are_checked_before_anything_is_published(site: GitRepo, port: str) -> None:
    refused(site.path, "serve", f"--port={port}", where=f"--port {port}", what="is not a port number")
    assert "gh-pages" not in site.git("branch", "--list")


@pytest.mark.parametrize(
    ("version", "shown"),
    [("../x", "../x"), ("1.2.3", "1.2.3"), ("1.\u0661", "1.\u0661"), ("", ""), ("1.0\n", "1.0\\x0a")],
)
def test_changelog_version_names_the_option(site: GitRepo, version: str, shown: str) -> None:
    refused(
        site.path, "changelog", "--version", version, where="--version", what=f"'{shown}' is not a version"
    )


@pytest.mark.parametrize("value", ["abc", "-1", "1e9", "99999999999999999"])
def test_source_date_epoch(site: GitRepo, value: str) -> None:
    what = f"'{value}' is not a number"
    refused(
        site.path,
        "compare",
        "1.0",
        "concept",
        where="SOURCE_DATE_EPOCH",
        what=what,
        env={"SOURCE_DATE_EPOCH": value},
    )


# --- anything else: the catch-all -----------------------------------------------------------------


def failing(error: BaseException) -> Callable[..., int]:
    def handler(*_: object) -> int:
        raise error

    return handler


@pytest.mark.parametrize(
    ("error", "code", "expected"),
    [
        (RuntimeError("kapot"), 1, "error: RuntimeError: kapot\nhint: this is a bug in vwo"),
        (ValueError("\x1b[2Jtekst"), 1, "error: ValueError: \\x1b[2Jtekst"),
        (KeyboardInterrupt(), 130, "error: interrupted\nhint: nothing was left half-written"),
        (
            PermissionError(13, "Permission denied", "/ergens/x"),
            2,
            "error: /ergens/x: Permission denied\nhint:",
        ),
    ],
)
def test_the_last_catch_all(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    error: BaseException, code: int, expected: str,
) -> None:  # fmt: skip
    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with_handler(parser(), failing(error)))
    assert cli.main(["-C", str(tmp_path), "check"]) == code
    err = capsys.readouterr().err
    assert err.startswith(expected) and "Traceback" not in err
    if code == 1:
        assert "vwo --debug" in err
        with pytest.raises(type(error)):
            cli.main(["-C", str(tmp_path), "--debug", "check"])


def _with_handler(parser: argparse.ArgumentParser, handler: Callable[..., int]) -> argparse.ArgumentParser:
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    sub.choices["check"].set_defaults(handler=handler)
    return parser
