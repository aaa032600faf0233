"""The agreement's text as a trust boundary: every class of markup, raw code and unshown
character is refused by the parser with file, line and a hint; several members per class.

The texts are literal; each case names the line it breaks. The same sources without the
payload parse (``test_the_clean_texts_parse``), so every refusal is caused by the payload.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.gitrepo import ROOT
from vwo.errors import ParseError
from vwo.text.parse import load_agreement, parse_sources

AGREEMENT = (
    "# Standaard verwerkersovereenkomst gemeenten\n"  # 1
    "\n"
    "Partijen: de gemeente en de verwerker.\n"  # 3
    "\n"
    "## Artikel 1. Definities {#definities}\n"  # 5
    "\n"
    "1.1 Betrokkene: de persoon om wie het gaat.\n"  # 7
    "\n"
    "1.2 PAYLOAD\n"  # 9
)
EXPLANATION = "# Toelichting\n\nAlgemeen.\n\n## Artikel 1. Definities {#definities}\n\nUitleg.\n"
ANNEX = "# Bijlage 1. Specificatie {#bijlage-specificatie}\n\nIn te vullen.\n"


def sources(payload: str = "Begrippen.", *, where: str = "overeenkomst.md") -> dict[str, str]:
    files = {
        "overeenkomst.md": AGREEMENT.replace("PAYLOAD", "Begrippen."),
        "toelichting.md": EXPLANATION,
        "bijlagen/bijlage-1.md": ANNEX,
    }
    if where == "overeenkomst.md":
        files[where] = AGREEMENT.replace("PAYLOAD", payload)
    elif where == "toelichting.md":
        files[where] = EXPLANATION.replace("Uitleg.", payload)
    else:
        files[where] = ANNEX.replace("In te vullen.", payload)
    return files


def refusal(files: dict[str, str]) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_sources(files, prefix="docs/")
    return caught.value


def test_the_clean_texts_parse() -> None:
    for where in ("overeenkomst.md", "toelichting.md", "bijlagen/bijlage-1.md"):
        parse_sources(sources(where=where), prefix="docs/")
    for payload in (
        "a < b en c > d",
        "3 \\{x} 4? ja: #5",
        "zie [de site](https://vng.nl/x)",
        "&amp; &lt;b&gt;",
    ):
        parse_sources(sources(payload), prefix="docs/")


def test_this_repositorys_texts_pass() -> None:
    load_agreement(ROOT / "docs", display="docs")
    for folder in sorted((ROOT / "versions").iterdir()):
        load_agreement(folder, display=f"versions/{folder.name}")


CHARACTERS = [
    ("\x00", "a NUL byte"),
    ("\x1b[31m", "an escape character (ESC)"),
    ("\x07", "a control character (U+0007)"),
    ("\x0b", "a control character (U+000B)"),
    ("\x7f", "a control character (U+007F)"),
    ("\x9b", "a control character (U+009B)"),
    ("\r", "a carriage return without a line break"),
    ("\u202e", "a bidirectional control character (U+202E)"),
    ("\u2066", "a bidirectional control character (U+2066)"),
    ("\u2028", "a line separator (U+2028)"),
    ("\u200b", "a zero-width space (U+200B)"),
    ("\ufeff", "a zero-width no-break space (U+FEFF)"),
    ("\uffff", "an invisible character (U+FFFF)"),
    ("&#x202E;", "&#x202E; is a bidirectional control character (U+202E)"),
    ("&#27;", "&#27; is an escape character (ESC)"),
    ("&#0;", "&#0; is a NUL byte"),
    ("&#X9B;", "&#X9B; is a control character (U+009B)"),
    ("&#1114112;", "&#1114112; is not a character"),
]


@pytest.mark.parametrize(("payload", "message"), CHARACTERS)
@pytest.mark.parametrize("where", ["overeenkomst.md", "toelichting.md", "bijlagen/bijlage-1.md"])
def test_unshown_characters_are_refused_in_every_file(payload: str, message: str, where: str) -> None:
    error = refusal(sources(f"Tekst {payload} verder.", where=where))
    line = {"overeenkomst.md": 9, "toelichting.md": 7, "bijlagen/bijlage-1.md": 3}[where]
    assert (error.path, error.line) == (f"docs/{where}", line)
    assert message in error.what
    assert "\x1b" not in str(error) and "\u202e" not in str(error)  # named, never echoed
    assert error.hint


def test_a_byte_order_mark_is_named() -> None:
    files = sources()
    files["overeenkomst.md"] = "\ufeff" + files["overeenkomst.md"]
    error = refusal(files)
    assert (error.path, error.line) == ("docs/overeenkomst.md", 1)
    assert "byte-order mark (BOM" in error.what and "no title" not in error.what
    assert "without BOM" in error.hint


MARKUP = [
    ("<script>alert(1)</script>", "raw HTML ('<script'"),
    ("<img src=x onerror=alert(1)>", "raw HTML ('<img src=x onerror"),
    ("tekst<br/>meer", "raw HTML ('<br/'"),
    ("</div>", "raw HTML ('</div'"),
    ("<!-- verborgen -->", "raw HTML ('<!-- verborgen --'"),
    ("<?php x ?>", "raw HTML ('<?php x ?'"),
    ("<mail@evil.example>", "raw HTML"),
    ('`#read("/etc/passwd")`{=typst}', "a pandoc raw attribute ({=typst})"),
    ("`<w:r/>`{=openxml}", "raw HTML ('<w:r/'"),  # the tag inside the code span is found first
    ("`w`{=openxml}", "a pandoc raw attribute ({=openxml})"),
    ("`<b>`{=html}", "raw HTML"),  # the '<b' inside the code span is found first
    ("`x`{=html}", "a pandoc raw attribute ({=html})"),
    ("`<text:span/>`{ = opendocument }", "raw HTML"),
    ("`x`{ = opendocument }", "a pandoc raw attribute ({=opendocument})"),
    ("`\\newpage`{=latex}", "a pandoc raw attribute ({=latex})"),
    ('tekst {: onclick="alert(1)" }', "a '{' outside a heading's {#id}"),
    ("tekst {.klasse}", "a '{' outside a heading's {#id}"),
    ('[x]{custom-style="Titel"}', "a '{' outside a heading's {#id}"),
    ("![x](http://evil.example/x.png)", "an image"),
    ("![](/etc/passwd)", "an image"),
    ("[klik](javascript:alert(1))", "a link to 'javascript:'"),
    ("[klik](<JavaScript:alert(1)>)", "raw HTML ('<JavaScript"),
    ("[klik]( JavaScript:alert(1))", "a link to 'JavaScript:'"),
    ("[klik](data:text/html,x)", "a link to 'data:'"),
    ("[klik](file:///etc/passwd)", "a link to 'file:'"),
]


@pytest.mark.parametrize(("payload", "message"), MARKUP)
@pytest.mark.parametrize("where", ["overeenkomst.md", "toelichting.md", "bijlagen/bijlage-1.md"])
def test_markup_and_raw_code_are_refused(payload: str, message: str, where: str) -> None:
    error = refusal(sources(f"Tekst {payload} verder.", where=where))
    assert error.path == f"docs/{where}"
    assert message in error.what, error.what
    assert error.hint


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        ("```\n## Artikel 9. Geen kop\n```", 9, "a fenced code block (```)"),
        ("~~~text\ngeheim\n~~~", 9, "a fenced code block (~~~)"),
        ("```python\nnooit gesloten", 9, "a fenced code block (```)"),
        ("   ```", 9, "a fenced code block (```)"),
        ("[x]: http://evil.example", 9, "a link, footnote or abbreviation definition"),
        ("[^1]: een voetnoot", 9, "a link, footnote or abbreviation definition"),
        ("*[AVG]: Algemene verordening", 9, "a link, footnote or abbreviation definition"),
    ],
)
def test_blocks_that_vanish_or_differ_are_refused(block: str, line: int, message: str) -> None:
    error = refusal(sources("Begrippen.\n\n" + block))
    assert (error.path, error.line) == ("docs/overeenkomst.md", line + 2)
    assert message in error.what


def test_front_matter_is_refused() -> None:
    files = sources()
    files["overeenkomst.md"] = "---\ntemplate: ../../x.html\n---\n" + files["overeenkomst.md"]
    error = refusal(files)
    assert (error.path, error.line) == ("docs/overeenkomst.md", 1)
    assert "front matter" in error.what


@pytest.mark.parametrize(
    ("old", "new", "line", "kind", "digits"),
    [
        ("## Artikel 1.", "## Artikel \u0661.", 5, "article", "\u0661"),  # Arabic-Indic one
        ("## Artikel 1.", "## Artikel \uff11.", 5, "article", "\uff11"),  # fullwidth one
        ("1.2 PAYLOAD", "\u0661.2 PAYLOAD", 9, "clause", "\u0661"),
        ("1.2 PAYLOAD", "1.\u0662 PAYLOAD", 9, "clause", "\u0662"),
        ("1.2 PAYLOAD", "1.\u09e8 PAYLOAD", 9, "clause", "\u09e8"),  # Bengali two
    ],
)
def test_numbers_are_ascii_digits(old: str, new: str, line: int, kind: str, digits: str) -> None:
    files = sources()
    files["overeenkomst.md"] = AGREEMENT.replace(old, new).replace("PAYLOAD", "Begrippen.")
    error = refusal(files)
    assert (error.path, error.line) == ("docs/overeenkomst.md", line)
    assert f"{kind} number {digits!r} is not written with the digits 0-9" in error.what


def test_annex_numbers_are_ascii_digits() -> None:
    files = sources()
    files["bijlagen/bijlage-1.md"] = ANNEX.replace("Bijlage 1.", "Bijlage \uff11.")
    error = refusal(files)
    assert (error.path, error.line) == ("docs/bijlagen/bijlage-1.md", 1)
    assert "annex number" in error.what


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (".bijlage-5.md", "a hidden annex file"),
        ("Bijlage-5.md", "annex file name 'Bijlage-5.md'"),
        ("bijlage 5.md", "annex file name 'bijlage 5.md'"),
        ("bijlage-\u00e9.md", "annex file name"),
    ],
)
def test_annex_file_names(name: str, message: str) -> None:
    files = sources()
    files[f"bijlagen/{name}"] = ANNEX.replace("Bijlage 1.", "Bijlage 2.").replace("specificatie}", "twee}")
    error = refusal(files)
    assert error.path == f"docs/bijlagen/{name}"
    assert message in error.what and "rename it" in error.hint


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"# Titel\n\n\xff\xfe rommel\n", 3, 9),
        ("# Titel\n\nCaf\u00e9\n".encode("latin-1"), 3, 12),
        (b"# Titel\n\xc0\xaf\n", 2, 8),  # an overlong '/'
        (bytes(range(256)), 2, 128),  # the line break is byte 10
    ],
)
def test_bytes_that_are_not_utf8_name_file_and_line(
    tmp_path: Path, data: bytes, line: int, byte: int
) -> None:
    folder = tmp_path / "docs"
    (folder / "bijlagen").mkdir(parents=True)
    (folder / "overeenkomst.md").write_bytes(data)
    with pytest.raises(ParseError) as caught:
        load_agreement(folder, display="docs")
    assert (caught.value.path, caught.value.line) == ("docs/overeenkomst.md", line)
    assert f"not valid UTF-8 (byte {byte} of the file" in caught.value.what
    assert "save the file as UTF-8" in caught.value.hint


def test_text_files_that_are_no_regular_file(tmp_path: Path) -> None:
    """A folder, a FIFO or a link to nothing where a text file belongs is named, never
    skipped as if absent (one command would skip it, another read it)."""
    folder = tmp_path / "docs"
    (folder / "bijlagen").mkdir(parents=True)
    (folder / "overeenkomst.md").write_text(AGREEMENT.replace("PAYLOAD", "x"), encoding="utf-8")

    def refused(path: str, what: str) -> None:
        with pytest.raises(ParseError) as caught:
            load_agreement(folder, display="docs")
        assert (caught.value.path, caught.value.what) == (path, what)

    (folder / "bijlagen" / "lus.md").symlink_to("lus.md")
    refused("docs/bijlagen/lus.md", "a symbolic link to nothing (or to itself)")
    (folder / "bijlagen" / "lus.md").unlink()
    (folder / "toelichting.md").mkdir()
    refused("docs/toelichting.md", "is a folder, not a text file")
    (folder / "toelichting.md").rmdir()
    os.mkfifo(folder / "toelichting.md")
    refused("docs/toelichting.md", "is a FIFO, socket or device, not a text file")
