"""One place for escaping: text made inert for each output format (pure).

Every function takes any ``str`` (commit subjects and trailer values, names from an issue
form, facts from ``version.yml``, the agreement's own text) and returns text that, put
where its docstring says, shows as that text: never markup, a link, a formula, a field,
code, or a control sequence. ``tests/test_escape.py`` runs one matrix of hostile
payloads through every function and checks each output with a parser of its format.

All of them first replace the characters that have no place in shown text by U+FFFD
(``neutral``): C0 controls other than tab, LF and CR; DEL; C1 controls; the bidi
embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what
follows them on screen; lone surrogates, which cannot be encoded; and the non-characters
U+FFFE and U+FFFF. Each format then decides about tab, LF, CR and U+2028/U+2029.

HTML in templates is escaped by Jinja's autoescape (``vwo.site.render``); the HTML
functions here are for HTML that Python code assembles.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
_LINE_BREAKS = "\t\n\r\u2028\u2029"
_NEUTRAL = re.compile(f"[{_CONTROLS}]")
_BREAK = re.compile(f"[{_LINE_BREAKS}]")
_VISIBLE = re.compile(f"[{_CONTROLS}{_LINE_BREAKS}]")


def neutral(text: str) -> str:
    """``text`` with the characters listed in the module docstring replaced by U+FFFD;
    tab, LF, CR, U+2028 and U+2029 are kept (the caller's format decides)."""
    return _NEUTRAL.sub(REPLACEMENT, text)


# --- HTML ---------------------------------------------------------------------------


def html_text(text: str) -> str:
    """For an HTML text node: ``& < >`` as character references, so no tag, comment or
    reference starts; quotes stay as they are (they mean nothing outside a tag)."""
    return neutral(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_attribute(text: str) -> str:
    """For a quoted HTML attribute value (either quote): ``& < > " '`` as references and
    tab, LF, CR, U+2028/U+2029 folded to a space, so the value cannot end the attribute."""
    folded = _BREAK.sub(" ", html_text(text))
    return folded.replace('"', "&quot;").replace("'", "&#x27;")


def safe_href(url: str) -> str:
    """A link target for ``href``: relative, ``http(s):`` or ``mailto:`` stays; any other
    scheme (``javascript:``, ``data:``, ``vbscript:``, also when hidden by controls or
    whitespace, which browsers strip) becomes ``#``. Escape the result for its attribute."""
    cleaned = "".join(c for c in url if c > " " and c != "\x7f")
    head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if ":" not in head:
        return url
    return url if head.split(":", 1)[0].lower() in ("http", "https", "mailto") else "#"


# --- Markdown -----------------------------------------------------------------------

# Escapable by a backslash in Python-Markdown (with the site's extensions), CommonMark/GFM
# and pandoc's Markdown alike.
_MD_BACKSLASH = frozenset("\\`*_{}[]()#+-.!")
# Meaningful in one of those dialects but not backslash-escapable in all of them: a
# character reference. ``:`` and ``@`` keep autolinkers (GFM) from seeing a URL, an
# e-mail address or a citation (pandoc); ``$`` is math (GFM, pandoc); ``~ ^ =`` are
# strike-through, super/subscript and highlight; ``|`` a table cell.
_MD_REFERENCE = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "|": "&#124;",
    "~": "&#126;",
    "^": "&#94;",
    "=": "&#61;",
    ":": "&#58;",
    "@": "&#64;",
    "$": "&#36;",
}
_WHITESPACE = re.compile(f"[ {_LINE_BREAKS}]+")


def md_inline(text: str) -> str:
    """For a place inside a Markdown line (a heading, a list item, a table cell, link
    text), in Python-Markdown with the site's extensions, GFM and pandoc: renders as
    exactly ``text`` (whitespace runs folded to one space). No link, image, autolink,
    mention, HTML, entity, emphasis, code, math, attribute list, footnote, table cell
    boundary, or line break; and it never opens a block (a heading, list, quote, fence,
    admonition or ``???`` details block) even at the start of a line."""
    out: list[str] = []
    for char in _WHITESPACE.sub(" ", neutral(text)):
        if char in _MD_BACKSLASH:
            out.append("\\" + char)
        else:
            out.append(_MD_REFERENCE.get(char, char))
    if out and out[0] == "?":
        out[0] = "&#63;"
    return "".join(out)


def md_block(text: str) -> str:
    """For a block of its own in a Markdown document: each paragraph of ``text`` (split
    at blank lines) as one ``md_inline`` paragraph, separated by blank lines. Nothing in
    it starts any other kind of block; put it after a blank line, so it does not
    continue a paragraph or list before it."""
    paragraphs = (md_inline(p).strip() for p in re.split(r"\n[ \t]*\n", neutral(text)))
    return "\n\n".join(p for p in paragraphs if p)


# --- CSV ----------------------------------------------------------------------------

# OWASP's list, plus LF and the fullwidth forms that some spreadsheets fold to ASCII.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: str) -> str:
    """For one cell given to ``csv.writer`` (which quotes it): a value a spreadsheet
    would evaluate (it starts with ``= + - @``, tab, CR, LF or a fullwidth ``＝ ＋ － ＠``)
    gets a leading ``'``, so it is shown as text (OWASP "CSV injection")."""
    value = neutral(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


# --- terminal and CI logs --------------------------------------------------------------


def terminal_line(text: str) -> str:
    """For one line on a terminal or in a CI log: every control or format character
    (those of ``neutral`` and tab, LF, CR, U+2028/U+2029) shown as a visible ``\\xNN`` or
    ``\\uNNNN``. The result is one line with no escape sequence, carriage return,
    backspace or bidi control, so it cannot recolour, overwrite or add log lines (nor
    start a CI workflow command, which must begin a line)."""

    def visible(match: re.Match[str]) -> str:
        code = ord(match[0])
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _VISIBLE.sub(visible, text)


# --- XML (DOCX, ODT, Atom) ---------------------------------------------------------------

_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_chars(text: str) -> str:
    """For an XML library that escapes by itself (lxml, feedgen): only characters XML 1.0
    allows, after ``neutral``; lxml raises on the others."""
    return _XML_FORBIDDEN.sub(REPLACEMENT, neutral(text))


def xml_text(text: str) -> str:
    """For an XML text node written by hand (WordprocessingML, OpenDocument): allowed
    characters only, and ``& < >`` as references (so ``]]>`` cannot end anything)."""
    return xml_chars(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attribute(text: str) -> str:
    """For a double-quoted XML attribute value: ``xml_text`` plus ``"`` as ``&quot;``,
    and tab, LF, CR as references (a parser would turn them into spaces)."""
    out = xml_text(text).replace('"', "&quot;")
    return out.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


# --- Typst ------------------------------------------------------------------------------

_TYPST_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "`": "\\u{60}"}


def typst_string(text: str) -> str:
    """A Typst string literal (with its quotes) whose value is ``text`` after ``neutral``:
    code mode never sees ``#``, ``[`` or a closing quote in it. It holds no line break and
    no backtick, so it is also safe inside pandoc's raw ``{=typst}`` code and blocks."""
    body = "".join(_TYPST_ESCAPES.get(c, c) for c in neutral(text))
    return '"' + body.replace("\u2028", "\\u{2028}").replace("\u2029", "\\u{2029}") + '"'


# --- anchors ------------------------------------------------------------------------------

_ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def anchor_id(text: str) -> str:
    """An id for an HTML element, a URL fragment and a Markdown ``{#id}``: lower-case
    ASCII letters and digits in runs joined by single hyphens (accents dropped, anything
    else a hyphen); ``onderdeel`` if nothing is left. An id already of that form is kept."""
    if _ANCHOR.match(text):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "onderdeel"
