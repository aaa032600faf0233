"""``vwo toets`` end to end: the four formats, exit codes, ``--version``, and hostile text
from a copy that stays text in Markdown, HTML, Word and the terminal."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.gitrepo import ROOT
from tests.toets_copies import WordCopy, downloads
from vwo.cli import main

HOSTILE = '<script>alert("x")</script> [klik](javascript:alert(1)) **vet** | pijp'
# Control characters cannot be in a Word file's XML; a text or Markdown copy can hold them.
CONTROL = "Het meldpunt \x1b[2J\x1b]0;titel\x07 is altijd bereikbaar \u202eoteb\u202c."


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return downloads("1.11", tmp_path_factory.mktemp("downloads"))


@pytest.fixture(scope="module")
def hostile_copy(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1.11 with 10.1 changed, and an added paragraph full of markup and control codes."""
    w = WordCopy(files["docx"])
    w.replace(w.paragraph("10.1 "), "36 uur", "72 uur")
    w.insert_after(w.paragraph("8.2 "), HOSTILE)
    w.fill("Gemeente", "<img src=x onerror=alert(2)>")
    return w.save(tmp_path_factory.mktemp("copy") / "kwaad <b>.docx")


def toets(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["-C", str(ROOT), "toets", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out


def test_an_unchanged_download_exits_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out = toets(capsys, str(files["docx"]))
    assert code == 0
    assert "Versie 1\\.11 \\(verouderde versie\\), herkend aan de tekst" in out
    assert "Geen afwijkingen van de standaard\\." in out


def test_deviations_exit_1_and_are_listed_for_an_explanation(
    hostile_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = toets(capsys, str(hostile_copy))
    assert code == 1
    assert "### A1\\. tekst toegevoegd na Artikel 8, lid 8\\.2" in out
    assert "### A2\\. Artikel 10, lid 10\\.1&#58; gewijzigd" in out
    assert "<del>36</del><ins>72</ins>" in out
    assert out.count("Toelichting (pas toe of leg uit)") == 2


def test_markdown_gets_the_hostile_text_inert(hostile_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = toets(capsys, str(hostile_copy))
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert "](javascript" not in out and "**vet**" not in out
    assert "&lt;script&gt;alert" in out  # shown, as text


def test_the_terminal_gets_no_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Markdown copy (the repository's own 1.11 text) with escape sequences and a
    right-to-left override in an added paragraph."""
    texts = [(ROOT / "versions/1.11/overeenkomst.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "versions/1.11/bijlagen").glob("*.md"))]
    text = "\n\n".join(texts).replace("\n8.3 ", f"\n{CONTROL}\n\n8.3 ")
    source = tmp_path / "kopie.md"
    source.write_text(text, encoding="utf-8")
    code, out = toets(capsys, str(source))
    assert code == 1
    assert "tekst toegevoegd na Artikel 8, lid 8\\.2" in out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert "Het meldpunt [2J ]0;titel is altijd bereikbaar oteb." in out.replace("\\", "")


def test_html_is_escaped(hostile_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rapport.html"
    code, _ = toets(capsys, str(hostile_copy), "--format", "html", "--out", str(out))
    assert code == 1
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert not page.find_all("script") and not page.find_all("img") and not page.find_all("b")
    assert not page.select("a[href^=javascript]")
    text = page.get_text()
    assert '<script>alert("x")</script>' in text and "<img src=x onerror=alert(2)>" in text
    assert page.title is not None and page.title.string == "Toets van kwaad <b>.docx"


def test_word_has_the_deviations_as_tracked_changes(
    hostile_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport.docx"
    code, _ = toets(capsys, str(hostile_copy), "--format", "docx", "--out", str(out))
    assert code == 1
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml")
    root = etree.fromstring(xml)  # well-formed: the hostile text is escaped
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    deleted = ["".join(d.itertext()) for d in root.iter(f"{w}del")]
    inserted = ["".join(i.itertext()) for i in root.iter(f"{w}ins")]
    assert "36" in deleted and "72" in inserted
    assert any('<script>alert("x")</script>' in text for text in inserted)
    body = "".join(root.itertext())
    assert "Afwijkingen: pas toe of leg uit" in body and "toelichting" in body


def test_json_is_the_documented_schema(hostile_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = toets(capsys, str(hostile_copy), "--format", "json")
    data = json.loads(out)
    assert data["schema"] == "vwo-toets/1"
    assert data["file"] == "kwaad <b>.docx" and data["format"] == "docx" and data["recognised"]
    assert data["identification"]["version"] == "1.11" and data["identification"]["threshold"] == 500
    assert [(d["id"], d["kind"], d["unit"]) for d in data["deviations"]] == [
        ("A1", "toegevoegd", "doorgifte-2"),
        ("A2", "gewijzigd", "datalekken-1"),
    ]
    assert all(d["explanation"] == "" and d["provisions"] is None for d in data["deviations"])
    assert data["additions"][0]["text"] == HOSTILE
    assert data["summary"]["clauses"] == {"total": 72, "identical": 71, "changed": 1, "missing": 0}
    assert data["coverage"] is False
    unit = next(u for s in data["sections"] for u in s["units"] if u["id"] == "datalekken-1")
    assert unit["status"] == "changed" and "72 uur" in unit["copy_text"]
    documented = Path(ROOT / "docs/over/toetsen-json.md").read_text(encoding="utf-8")
    for key in re.findall(r'"([a-z_]+)":', json.dumps(data)):
        assert f"`{key}`" in documented, f"{key} is not documented in docs/over/toetsen-json.md"


def test_version_given_and_the_note_that_another_fits_better(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = toets(capsys, str(files["docx"]), "--version", "1.0")
    assert code == 1
    assert "Versie 1\\.0 \\(verouderde versie\\), opgegeven met \\-\\-version" in out
    assert "Let op&#58; de tekst lijkt het meest op versie 1\\.11\\." in out
    assert "Let op&#58; deze versie is vervangen door versie 1\\.11\\." in out


def test_a_dutch_text_that_is_no_version_of_the_standard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "huurcontract.txt"
    source.write_text(
        "Huurovereenkomst woonruimte. De verhuurder verhuurt aan de huurder de woning aan de Dorpsstraat. "
        "De huurprijs bedraagt bij het aangaan van de overeenkomst zevenhonderd euro per maand. "
        "De huurder betaalt de huur voor de eerste dag van de maand op de rekening van de verhuurder. "
        "Het is de huurder niet toegestaan de woning zonder toestemming aan derden in gebruik te geven.\n",
        encoding="utf-8",
    )
    code, out = toets(capsys, str(source), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["recognised"] is False and data["identification"]["version"] is None
    assert data["summary"] is None and data["sections"] == []
    # A Word redline needs a version to mark the copy against.
    target = tmp_path / "rapport.docx"
    assert main(["-C", str(ROOT), "toets", str(source), "--format", "docx", "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {source}: no version of the standard recognised") and "hint: " in err
    assert not target.exists()
