"""End to end: hostile commit text through every output (issue 16, "Tests").

Commits written byte for byte (``GitRepo.commit_raw``: what a hostile client can push)
whose subjects, bodies and trailer values carry every C0 control character, DEL, every C1
control, the bidi controls, line/paragraph and git's own separators, invalid UTF-8, HTML,
Markdown links and images, Typst and pandoc raw syntax, and CSV formulas; some as text
changes (the changelog), some as decisions with invalid trailer values (reported, never
fatal), one corrected in ``data/correcties.yml``. Then:

- ``mkdocs build --strict`` passes (bad trailer values are INFO notes, not warnings);
- the HTML pages (changelog, decision log, the comparisons with their "why" per article)
  have no live element, attribute or link from the payloads, and no raw control byte;
- both Atom feeds parse with ``bozo == 0`` (lxml too), without raw control characters;
- the CSV has no cell a spreadsheet would evaluate; the JSON holds no control or bidi
  character in any string;
- the comparison's DOCX is well-formed XML without control characters;
- ``vwo changelog`` / ``vwo decisions`` Markdown renders inert (Python-Markdown with the
  site's extensions), and the terminal output of ``vwo lint-commits`` has no escape byte.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import feedparser
import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from tests.gitrepo import ROOT, GitRepo, mkdocs_build, sandbox_git
from tests.history_repo import BEV_V2, DEF_V2, LEK, SUB_V2, agreement, build_history
from tests.history_site import NAV, write_site_config

pytestmark = pytest.mark.e2e

C0 = "".join(chr(c) for c in range(1, 0x20) if c != 0x0A)  # SOH ... US, tab and CR included
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SEPARATORS = "\u2028\u2029\x1c\x1d\x1e\x1f\ufffe\uffff"
TEXT_PAYLOADS: dict[str, str] = {
    "c0": f"C0 {C0} einde",
    "del-c1": f"DEL \x7f C1 {C1} einde",
    "bidi": f"bidi {BIDI} evil.exe\u202eexe.txt",
    "separators": f"scheiding {SEPARATORS} einde",
    "html": '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>',
    "markdown": "[klik](https://evil.example/x) ![beeld](https://evil.example/p.png) <https://evil.example>",
    "raw": '`#read("/etc/passwd")`{=typst} ```{=html}<b>x</b>``` {: onclick="alert(1)" } \\newpage $x$',
    "csv": '=HYPERLINK("https://evil.example","x") +1 -1 @SUM(1) \uff1d1',
    "terminal": "\x1b]0;titel\x07\x1b[2J\x1b[31mrood\x1b[0m\r overschreven",
    "nul": "voor \x00 na",  # git ends a message at NUL: what follows (trailers too) is gone
}
INVALID_UTF8 = (b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x80", b"\x80")
UNSHOWN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


def message(subject: bytes, body: bytes, trailers: list[tuple[str, bytes]]) -> bytes:
    return subject + b"\n\n" + body + b"\n\n" + b"".join(k.encode() + b": " + v + b"\n" for k, v in trailers)


def add_payloads(repo: GitRepo) -> dict[str, str]:
    """One text change and one decision with invalid values per payload; returns shas."""
    text = agreement(DEF_V2, SUB_V2, BEV_V2, LEK)
    sha: dict[str, str] = {"base": repo.head()}
    payloads = [(name, value.encode("utf-8")) for name, value in TEXT_PAYLOADS.items()]
    payloads += [(f"utf8-{n}", b"ongeldig " + raw + b" einde") for n, raw in enumerate(INVALID_UTF8)]
    for number, (name, raw) in enumerate(payloads, start=1):
        text = text.rstrip("\n") + f" Aanvulling {number}.\n"
        repo.write("docs/overeenkomst.md", text)
        repo.git("add", "-A")
        sha[name] = repo.commit_raw(
            message(
                b"Wijziging " + raw,
                b"Toelichting " + raw,
                [("Voorstel", f"VWO-2021-{number:03d}".encode()), ("Soort", b"inhoudelijk"),
                 ("Indiener", raw), ("Besluit", b"aangenomen"), ("Besloten-door", b"Beheergroep VWO"),
                 ("Besloten-op", b"2021-01-14")],
            ),
            author=b"Auteur " + raw.replace(b"<", b"").replace(b">", b"").replace(b"\n", b""),
        )  # fmt: skip
        sha[f"decision-{name}"] = repo.commit_raw(
            message(
                b"Besluit " + raw,
                raw,
                [("Voorstel", raw), ("Besluit", raw), ("Besloten-door", raw), ("Besloten-op", raw),
                 ("Soort", raw), ("Artikel", raw), ("Indiener", raw)],
            )
        )  # fmt: skip
    return sha


def correct(repo: GitRepo, sha: str) -> None:
    repo.commit(
        "Correctie van een besluit",
        files={
            "data/correcties.yml": (
                f"- commit: {sha}\n  trailers:\n    Voorstel: VWO-2021-099\n    Besluit: verworpen\n"
                "    Besloten-door: Beheergroep VWO\n    Besloten-op: 2021-02-11\n    Soort: redactioneel\n"
                "    Artikel: []\n  door: Beheergroep VWO\n  op: 2021-03-01\n"
                "  reden: De trailers van deze commit waren onleesbaar.\n"
            )
        },
    )


def site_config(repo: GitRepo) -> None:
    """The history test site (tests/history_site.py) plus the comparison pages."""
    write_site_config(repo)
    config = yaml.safe_load((repo.path / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["hooks/agreement.py", "hooks/compare.py", "hooks/history.py"]
    config["nav"] = NAV
    (repo.path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GitRepo, Path, dict[str, str], str]]:
    base = tmp_path_factory.mktemp("untrusted")
    with pytest.MonkeyPatch.context() as mp:
        sandbox_git(mp, base)
        repo = GitRepo(base / "project")
        site_config(repo)
        build_history(repo)
        sha = add_payloads(repo)
        correct(repo, sha["decision-html"])
        result = mkdocs_build(repo.path, base / "site", "-v")  # --strict: raises if it fails
        yield repo, base / "site", sha, result.stderr


def vwo(repo: GitRepo, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(Path(sys.executable).parent / "vwo"), "-C", str(repo.path), *args],
                          capture_output=True, check=False)  # fmt: skip


def no_unshown(text: str, where: str) -> None:
    bad = UNSHOWN.search(text)
    assert bad is None, f"{where}: raw U+{ord(bad[0]):04X} at {bad.start()}"


def assert_inert_html(html: str, where: str) -> None:
    no_unshown(html, where)
    page = BeautifulSoup(html, "lxml")
    for tag in page.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), (where, tag)
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert "javascript:" not in text.lower() and "evil.example" not in text, (where, tag)
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()], where
    assert not page.find_all("img", src=["x", "https://evil.example/p.png"]), where


def test_the_strict_build_passes_and_reports_bad_trailers_as_notes(
    built: tuple[GitRepo, Path, dict[str, str], str],
) -> None:
    _, _, sha, log = built
    assert "WARNING" not in log
    assert f"trailer: commit {sha['decision-c0'][:7]}" in log and "correct it in data/correcties.yml" in log
    no_unshown(log, "the build log")


@pytest.mark.parametrize("page", ["wijzigingen", "besluiten", "vergelijken/1.1", "vergelijken/1.0"])
def test_html_pages_are_inert(built: tuple[GitRepo, Path, dict[str, str], str], page: str) -> None:
    _, site, _, _ = built
    html = (site / page / "index.html").read_text(encoding="utf-8")
    assert_inert_html(html, page)
    text = BeautifulSoup(html, "lxml").get_text()
    if page in ("wijzigingen", "besluiten"):
        for visible in ("<script>alert(1)</script>", "[klik](https://evil.example/x)", '=HYPERLINK("https'):
            assert visible in text, (page, visible)  # shown as the text it is


def test_the_corrected_decision_shows_as_corrected(built: tuple[GitRepo, Path, dict[str, str], str]) -> None:
    _, site, _, _ = built
    page = BeautifulSoup((site / "besluiten" / "index.html").read_text(encoding="utf-8"), "lxml")
    (item,) = [li for li in page.select("ul.vwo-correcties li") if "Besloten-door" in li.get_text()]
    text = item.get_text()
    assert "<script>alert(1)</script>" in text and "wordt Beheergroep VWO" in text
    assert "Gecorrigeerd door Beheergroep VWO op 1 maart 2021" in text
    assert "De trailers van deze commit waren onleesbaar." in text
    article = item.find_parent("article")
    assert article is not None and "VWO-2021-099" in article.get_text()


def test_feeds_parse_and_hold_no_control_character(built: tuple[GitRepo, Path, dict[str, str], str]) -> None:
    _, site, _, _ = built
    for name in ("feeds/besluiten.xml", "feeds/versies.xml"):
        raw = (site / name).read_bytes()
        etree.fromstring(raw)  # well-formed XML
        feed = feedparser.parse(raw)
        assert feed.bozo == 0, (name, feed.get("bozo_exception"))
        no_unshown(raw.decode("utf-8"), name)
        for entry in feed.entries:
            assert "<script" not in entry.get("summary", "") or entry.summary_detail.type == "text/plain"
    decisions = feedparser.parse((site / "feeds/besluiten.xml").read_bytes())
    assert any("Gecorrigeerd: Besloten-door:" in e.summary for e in decisions.entries)


def test_csv_has_no_formula_and_json_no_control_character(
    built: tuple[GitRepo, Path, dict[str, str], str],
) -> None:
    _, site, _, _ = built
    text = (site / "besluiten.csv").read_text(encoding="utf-8")
    no_unshown(text.replace("\r\n", "\n"), "besluiten.csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-2:] == ["correcties", "reden"]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(
                ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
            )
    for name in ("besluiten.json", "wijzigingen.json"):
        data = json.loads((site / name).read_text(encoding="utf-8"))

        def strings(value: object) -> Iterator[str]:
            if isinstance(value, str):
                yield value
            elif isinstance(value, dict):
                for v in value.values():
                    yield from strings(v)
            elif isinstance(value, list):
                for v in value:
                    yield from strings(v)

        for value in strings(data):
            no_unshown(value, name)


def test_the_comparison_docx_is_well_formed(
    built: tuple[GitRepo, Path, dict[str, str], str], tmp_path: Path
) -> None:
    repo, site, sha, _ = built
    found = sorted(site.glob("vergelijken/**/*.docx"))
    target = tmp_path / "vergelijking.docx"
    result = vwo(repo, "compare", f"@{sha['base']}", "concept", "--format", "docx", "--out", str(target))
    assert result.returncode == 0, result.stderr
    for path in [*found, target]:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith(".xml"):
                    xml = archive.read(member)
                    etree.fromstring(xml)
                    no_unshown(xml.decode("utf-8"), f"{path.name}:{member}")


CLI_OUTPUTS = [
    ["changelog"],
    ["decisions"],
    ["changelog", "--format", "json"],
    ["decisions", "--format", "csv"],
    ["decisions", "--format", "json"],
]


@pytest.mark.parametrize("command", CLI_OUTPUTS)
def test_cli_outputs_are_inert(built: tuple[GitRepo, Path, dict[str, str], str], command: list[str]) -> None:
    repo, _, _, _ = built
    result = vwo(repo, *command)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    no_unshown(out.replace("\r\n", "\n"), " ".join(command))
    if "--format" not in command:
        assert_inert_html(markdown.markdown(out, extensions=EXTENSIONS), " ".join(command))


def test_lint_commits_reports_every_payload_without_escape_bytes(
    built: tuple[GitRepo, Path, dict[str, str], str],
) -> None:
    repo, _, sha, _ = built
    result = vwo(repo, "lint-commits", f"{sha['base']}..HEAD")
    assert result.returncode == 1
    err = result.stderr.decode("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", err), (
        "raw control in output"
    )
    # Each hostile decision is reported with its commit; the corrected one is not.
    for name in TEXT_PAYLOADS:
        if name not in ("html", "nul"):
            assert f"commit {sha['decision-' + name][:7]}" in err, name
    assert f"commit {sha['decision-html'][:7]}" not in err
    assert "\\x1b" in err or "\ufffd" in err  # escapes are shown, visibly


def test_this_repositorys_own_site_config_is_the_one_extended() -> None:
    """The matrix builds the project's own hooks and theme (not a copy that could drift)."""
    assert (ROOT / "hooks" / "compare.py").is_file() and shutil.which("git")
