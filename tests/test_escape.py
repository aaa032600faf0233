"""The payload matrix: every hostile payload through every function of ``vwo.site.escape``,
each output read back by a real parser of its format and checked to be inert.

Parsers: Python's HTML parser (through BeautifulSoup), Python-Markdown with the site's
extensions from mkdocs.yml plus the ones that would add syntax (tilde, caret, mark,
magiclink), pandoc's Markdown (the downloads' reader) and GFM readers, ``csv``, lxml,
and Typst itself (the string read back with ``typst.query``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

import markdown
import pytest
import typst
import yaml
from bs4 import BeautifulSoup, Tag
from lxml import etree

from tests.gitrepo import ROOT
from tests.history_site import PAYLOADS as SITE_PAYLOADS
from vwo.downloads.pandoc import READER, pandoc_path
from vwo.site import escape
from vwo.site.escape import (
    REPLACEMENT,
    anchor_id,
    csv_cell,
    html_attribute,
    html_text,
    md_block,
    md_inline,
    neutral,
    safe_href,
    terminal_line,
    typst_string,
    xml_attribute,
    xml_chars,
    xml_text,
)

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PAYLOADS: tuple[str, ...] = (
    # Every C0 control character, DEL and every C1 control, each on its own.
    *(f"a{chr(code)}b" for code in range(0x20)),
    "a\x7fb",
    *(f"a{chr(code)}b" for code in range(0x80, 0xA0)),
    f"bidi {BIDI} gnirts",
    "\u202egnp.exe",
    "line\u2028separator\u2029paragraph",
    "\x1c\x1d\x1e\x1f separators",
    "invalid \ufffd utf-8 \udcff surrogate \ufffe\uffff",
    "\x02wzxhzdk:0\x03 Python-Markdown placeholder",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 \r overwritten \b\b",
    "::error::workflow command\n::set-output name=x::y",
    # HTML and script.
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    '" onmouseover="alert(1)',
    "<!-- comment --> <![CDATA[x]]>",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E; &lt;b&gt; &amp;",
    '<a href="http://evil.example">x</a>',
    "</title><script>alert(1)</script>",
    "]]></title><script>alert(1)</script>",
    # Links.
    "javascript:alert(1)",
    " JaVa\tScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<http://evil.example>",
    "https://evil.example/x",
    "www.evil.example",
    "mail@evil.example",
    "@iedereen #12 GH-12",
    # Markdown.
    "![x](http://evil.example/x.png)",
    "[x][ref]\n\n[ref]: http://evil.example",
    "[x]: http://evil.example",
    "*bold* _em_ **strong** __strong__ `code` ``co`de``",
    "```fence```\n```\ncode\n```",
    "~~~\ncode\n~~~",
    "# heading",
    "heading\n===",
    "heading\n---",
    "- list\n* list\n+ list",
    "1. list\n2) list",
    "> quote",
    "    indented code",
    "| a | b |\n|---|---|\n| c | d |",
    "{#x .y}",
    '{: onclick="alert(1)" }',
    "[^1] and [^1]: footnote",
    "*[HTML]: Hyper Text",
    "!!! note\n    admonition",
    "??? note\n    details",
    "term\n: definition",
    "~~del~~ ^^ins^^ ==mark== ~sub~ ^sup^",
    "$x$ and $$y$$",
    "ends in a backslash \\",
    "hard  \nbreak",
    "<div markdown>*x*</div>",
    # Templates and documents.
    "{{7*7}} {% raw %} {# comment #}",
    '#read("/etc/passwd")',
    '#include "x.typ" #import "y"',
    '`#read("/etc/passwd")`{=typst}',
    '```{=typst}\n#read("/etc/passwd")\n```',
    '`<w:fldSimple w:instr="INCLUDETEXT x"/>`{=openxml}',
    "`<b>x</b>`{=html}",
    "[span]{.x} ::: div",
    '"quoted" \\" \\u{41} ]',
    # CSV formulas.
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "'=1+1",
    # Plain text must survive.
    "Gemeente Súdwest-Fryslân, art. 7.2 (AVG) – 'vergetelheid'",
    "",
    # Size.
    "<b>" * 25_000,
    "x" * 100_000,
    # The ones the built site is tested with (tests/history_site.py).
    *SITE_PAYLOADS,
)
IDS = [f"{i}:{p[:24]!r}" for i, p in enumerate(PAYLOADS)]
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NEUTRALISED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}\ud800-\udfff\ufffe\uffff]")
FOLD = re.compile("[ \t\n\r\u2028\u2029]+")


def shown(payload: str) -> str:
    """What a reader should see of the payload in a one-line context."""
    return FOLD.sub(" ", neutral(payload))


def test_neutral_replaces_exactly_the_documented_characters() -> None:
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000) + "\udcff"
    replaced = {c for c, n in zip(every, neutral(every), strict=True) if c != n}
    assert replaced == set(NEUTRALISED.findall(every))
    assert {"\t", "\n", "\r", "\u2028", "\u2029", REPLACEMENT} & replaced == set()


# --- HTML ---------------------------------------------------------------------------


def only_element(source: str, name: str) -> Tag:
    soup = BeautifulSoup(source, "html.parser")
    elements = soup.find_all(True)
    assert [e.name for e in elements] == [name], elements[:3]
    assert isinstance(elements[0], Tag)
    assert "<!--" not in str(soup).replace("&lt;!--", "")
    return elements[0]


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_html_text(payload: str) -> None:
    out = html_text(payload)
    p = only_element(f"<p>{out}</p>", "p")
    assert p.get_text() == neutral(payload)
    assert not NEUTRALISED.search(out)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_html_attribute(payload: str) -> None:
    out = html_attribute(payload)
    p = only_element(f"<p title=\"{out}\" data-x='{out}'>x</p>", "p")
    assert set(p.attrs) == {"title", "data-x"}
    expected = re.sub("[\t\n\r\u2028\u2029]", " ", neutral(payload))
    assert p["title"] == p["data-x"] == expected


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_safe_href(payload: str) -> None:
    a = only_element(f'<a href="{html_attribute(safe_href(payload))}">x</a>', "a")
    href = "".join(c for c in str(a["href"]) if c > " " and c != "\x7f" and c != REPLACEMENT)
    head = re.split("[/?#]", href, maxsplit=1)[0]
    scheme = head.split(":", 1)[0].lower() if ":" in head else ""
    assert scheme in ("", "http", "https", "mailto"), href


def test_safe_href_keeps_web_and_relative_links() -> None:
    for url in ("https://github.com/x", "http://x.test", "../../besluiten/#a:b", "mailto:a@b.nl", "?q=a:b"):
        assert safe_href(url) == url
    assert safe_href("javascript:alert(1)") == safe_href("java\nscript:x") == safe_href("data:x") == "#"


# --- Markdown -----------------------------------------------------------------------


@cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions and the ones that would add syntax."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    configs: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            configs[name] = item[name]
    extra = ["pymdownx.tilde", "pymdownx.caret", "pymdownx.mark", "pymdownx.magiclink"]
    return markdown.Markdown(extensions=names + extra, extension_configs=configs)


def render(source: str) -> BeautifulSoup:
    md = site_markdown()
    md.reset()
    return BeautifulSoup(md.convert(source), "html.parser")


CONTEXTS = {
    "paragraph": ("x {} y", ["p"]),
    "line start": ("{}", ["p"]),
    "heading": ("## {}", ["h2", "a"]),  # toc's permalink
    "list item": ("- Indiener: {}", ["ul", "li"]),
    "table cell": (
        "| a | b |\n|---|---|\n| {} | c |",
        ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"],
    ),
    "link text": ("[{}](#doel)", ["p", "a"]),
}


def check_python_markdown(escaper: Callable[[str], str], payload: str, context: str) -> None:
    template, elements = CONTEXTS[context]
    html = render(template.format(escaper(payload)))
    if not shown(payload).strip() and context == "line start":
        elements = []  # nothing to show, no paragraph
    assert [e.name for e in html.find_all(True)] == elements
    for tag in html.find_all(True):
        assert set(tag.attrs) <= {"id", "href", "class", "title"}, tag
        if tag.name == "a":
            assert tag["href"] == "#doel" or tag.get("class") == ["headerlink"], tag
    text = html.get_text()
    if payload.strip():
        assert shown(payload).strip() in text.replace("¶", "")


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_md_inline_in_python_markdown(payload: str, context: str) -> None:
    check_python_markdown(md_inline, payload, context)


def pandoc_paragraphs(source: str, reader: str) -> list[list[dict[str, Any]]]:
    result = subprocess.run(
        [pandoc_path(), "--from", reader, "--to", "json"],
        input=source.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    blocks = json.loads(result.stdout)["blocks"]
    assert all(block["t"] == "Para" for block in blocks), [b["t"] for b in blocks if b["t"] != "Para"]
    return [block["c"] for block in blocks]


def inline_text(inlines: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for item in inlines:
        if item["t"] == "Quoted":  # the smart extension's typographic quotes
            mark = "'" if item["c"][0]["t"] == "SingleQuote" else '"'
            out.append(mark + inline_text(item["c"][1]) + mark)
            continue
        assert item["t"] in ("Str", "Space", "SoftBreak"), item
        out.append(item["c"] if item["t"] == "Str" else " ")
    return "".join(out)


def check_pandoc(escaper: Callable[[str], str], reader: str, payloads: tuple[str, ...] = PAYLOADS) -> None:
    visible = [p for p in payloads if shown(p).strip()]
    paragraphs = pandoc_paragraphs("\n\n".join(escaper(p) for p in visible), reader)
    assert len(paragraphs) == len(visible)
    for payload, inlines in zip(visible, paragraphs, strict=True):
        text = inline_text(inlines).replace("\u2019", "'").replace("\u2018", "'")
        assert text == shown(payload).strip(), payload


@pytest.mark.parametrize("reader", [READER, "gfm"])
def test_md_inline_in_pandoc(reader: str) -> None:
    """Every payload one paragraph of plain text (smart quotes aside), in pandoc's Markdown
    reader as the downloads use it, and in its GFM reader (GitHub's pull-request summaries)."""
    check_pandoc(md_inline, reader)


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_md_block(payload: str) -> None:
    out = md_block(payload)
    html = render(f"Voor.\n\n{out}\n\nNa.")
    assert {e.name for e in html.find_all(True)} == {"p"}
    texts = [p.get_text() for p in html.find_all("p")]
    paragraphs = [shown(p).strip() for p in re.split(r"\n[ \t]*\n", neutral(payload))]
    assert texts == ["Voor.", *(p for p in paragraphs if p), "Na."]


# --- CSV ----------------------------------------------------------------------------


def check_csv(escaper: Callable[[str], str], payload: str) -> None:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow([escaper(payload), "next"])
    [row] = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert row[1] == "next"
    assert not row[0].startswith(FORMULA), row[0][:10]
    assert row[0] in (neutral(payload), "'" + neutral(payload))
    assert not NEUTRALISED.search(row[0])


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_csv_cell(payload: str) -> None:
    check_csv(csv_cell, payload)


def test_csv_cell_prefixes_only_what_a_spreadsheet_evaluates() -> None:
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("\uff1d1+1") == "'\uff1d1+1"
    for value in ("Gemeente =A", "Gemeente Súdwest-Fryslân", "1.11", "2019-03-01", "", "'x"):
        assert csv_cell(value) == value


# --- terminal -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_terminal_line(payload: str) -> None:
    out = terminal_line(payload)
    assert len(out.splitlines()) <= 1
    for char in out:
        assert unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp"), repr(char)
        assert char not in BIDI + "\ufffe\uffff"


def test_terminal_line_shows_what_it_replaced() -> None:
    assert terminal_line("a\x1b[31mb\tc\u202ed") == "a\\x1b[31mb\\x09c\\u202ed"


# --- XML ----------------------------------------------------------------------------


def xml_parsed(text: str) -> str:
    """Text as an XML parser delivers it: line ends normalised to LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_xml_chars(payload: str) -> None:
    element = etree.Element("title")
    element.text = xml_chars(payload)  # lxml raises on a character XML forbids
    element.set("a", xml_chars(payload))
    back = etree.fromstring(etree.tostring(element))
    assert (back.text or "") == back.get("a") == xml_chars(payload) and len(back) == 0


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_xml_text(payload: str) -> None:
    root = etree.fromstring(f'<w:t xmlns:w="{W}" xml:space="preserve">{xml_text(payload)}</w:t>'.encode())
    assert len(root) == 0 and list(root.attrib) == ["{http://www.w3.org/XML/1998/namespace}space"]
    assert (root.text or "") == xml_parsed(xml_chars(payload))


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_xml_attribute(payload: str) -> None:
    root = etree.fromstring(f'<w:alias xmlns:w="{W}" w:val="{xml_attribute(payload)}"/>'.encode())
    assert dict(root.attrib) == {f"{{{W}}}val": xml_chars(payload)} and len(root) == 0


# --- Typst --------------------------------------------------------------------------


def test_typst_string_reads_back_as_the_text() -> None:
    """One Typst document holds every payload as a string literal; Typst's own parser
    gives each back as exactly its text (so ``#``, ``[`` and quotes stayed inside it)."""
    literals = [typst_string(p) for p in PAYLOADS]
    for literal in literals:
        assert "\n" not in literal and "`" not in literal  # safe in pandoc's raw typst
    source = "#metadata((" + ", ".join(literals) + ",)) <payloads>\n"
    values = json.loads(typst.query(source.encode("utf-8"), "<payloads>", field="value", one=True))
    assert values == [neutral(p) for p in PAYLOADS]


def test_typst_string_is_inert_inside_pandocs_raw_typst() -> None:
    """In the downloads' pandoc input a string sits in raw ``{=typst}`` code: it stays one
    inline raw element, whatever the text."""
    source = "\n\n".join(f"`#invul({typst_string(p)})`{{=typst}}" for p in PAYLOADS)
    paragraphs = pandoc_paragraphs(source, READER)
    assert len(paragraphs) == len(PAYLOADS)
    for payload, inlines in zip(PAYLOADS, paragraphs, strict=True):
        assert [(i["t"], i["c"][0]) for i in inlines] == [("RawInline", "typst")], payload
        assert inlines[0]["c"][1] == f"#invul({typst_string(payload)})"


# --- anchors ------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_anchor_id(payload: str) -> None:
    out = anchor_id(payload)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", out)
    html = render(f"## Kop {{#{out}}}")
    assert [(e.name, e.get("id")) for e in html.find_all("h2")] == [("h2", out)]


def test_anchor_id_keeps_a_valid_id_and_slugs_the_rest() -> None:
    assert anchor_id("subverwerkers") == "subverwerkers"
    assert anchor_id("vergadering-Beheergroep VWO-2026-03-12") == "vergadering-beheergroep-vwo-2026-03-12"
    assert anchor_id("Duur en beëindiging") == "duur-en-beeindiging"
    assert anchor_id("<script>") == "script" and anchor_id("«»") == "onderdeel"


# --- the checks can fail -------------------------------------------------------------

# The escapers this module replaced, each with the gap the matrix finds in it.
OLD_DOWNLOADS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$])")
OLD_COMPARE_PAGE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def test_the_matrix_finds_the_gaps_of_weaker_escapers() -> None:
    with pytest.raises(AssertionError):  # '@doe' became a citation in pandoc
        check_pandoc(lambda text: OLD_DOWNLOADS.sub(r"\\\1", text), READER, ("zie @doe",))
    old = lambda text: OLD_COMPARE_PAGE.sub(r"\\\1", html.escape(text, quote=False))  # noqa: E731
    with pytest.raises(AssertionError):  # magiclink made the URL a link
        check_python_markdown(old, "https://evil.example/x", "paragraph")
    with pytest.raises(AssertionError):  # highlighted
        check_python_markdown(old, "==mark==", "paragraph")
    with pytest.raises(AssertionError):  # a control character reached the text
        check_python_markdown(html.escape, "\x02wzxhzdk:0\x03", "paragraph")
    with pytest.raises(AssertionError):  # a formula without a guard
        check_csv(str, "\uff1d1+1")
    with pytest.raises(ValueError):  # lxml refuses what XML forbids
        etree.Element("t").text = "a\x01b"


def test_every_escape_function_is_in_the_matrix() -> None:
    """A new function in vwo.site.escape needs its row in this matrix."""
    public = {name for name, value in vars(escape).items() if callable(value) and not name.startswith("_")}
    tests = [name for name in globals() if name.startswith("test_")]
    untested = {name for name in public if not any(t.startswith(f"test_{name}") for t in tests)}
    assert untested == set()
