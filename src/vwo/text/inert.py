"""The agreement's text is a trust boundary: only plain Markdown prose gets in (pure).

The texts in ``docs/`` (and frozen in ``versions/``) become the site, the comparisons and
the official PDF, Word and OpenDocument files; reviewers read them as legal prose and will
not spot a snippet of markup. So every source file is scanned before it is parsed, and
anything that would not simply be shown as the text it is, is refused with ``ParseError``
naming the file and line:

- characters that are not shown, or that act: C0 controls other than tab and newline
  (NUL, ESC, a carriage return not followed by a newline ...), DEL, C1 controls; the bidi
  embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what
  follows them on screen ("Trojan Source"); the line and paragraph separators U+2028/U+2029;
  the invisible U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER and U+FEFF (a byte-order mark
  at the start is named as such); the noncharacters U+FFFE/U+FFFF; also any of these
  written as a character reference (``&#x202E;``);
- raw HTML (a tag, closing tag, comment or declaration: ``<`` before a letter, ``/``, ``!``
  or ``?``); only autolinks ``<https://...>`` and ``<mailto:...>`` are not HTML;
- curly braces outside a heading's ``{#id}``: Python-Markdown's attribute lists
  (``{: onclick=...}``) and pandoc's raw attributes (``{=typst}``, ``{=openxml}``,
  ``{=html}``, ``{=opendocument}`` ...), which put raw code into the output;
- fenced code blocks (```` ``` ```` or ``~~~``, also unclosed): the site, the comparisons and
  the downloads would each show or drop them differently;
- front matter (a first line ``---``), which would set the page's template and options;
- link reference, footnote and abbreviation definitions (``[x]: ...``, ``*[x]: ...``),
  lines that vanish from the text;
- images (every image would be a request to somewhere, or a file from the repository), and
  links to anything but ``http:``, ``https:``, ``mailto:`` or a relative address (no
  ``javascript:``, ``data:``, ``file:``).

A ``\\`` before ``<``, ``{`` or ``[`` makes it literal text, as Markdown has it. Numbers of
articles, clauses and annexes are ASCII digits: ``vwo.text.parse`` checks that where it
reads them.
"""

from __future__ import annotations

import html
import re

from vwo.errors import ParseError

_UNSHOWN = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff"
)
_BAD_CHAR = re.compile(f"[{_UNSHOWN}]|\r(?!\n)")
# Each rule is one search over the whole text (C speed: the history reader checks every
# version of every text file); the line number is computed only for a hit.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_HEADING_ID = re.compile(r"^#{1,6} [^\n]*?(\{#[^}\s]*\}) *\r?$", re.MULTILINE)
_HTML = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>")
_BRACE = re.compile(r"(?<!\\)\{")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
_DEFINITION = re.compile(r"^ {0,3}\*?\[[^\]\n]+\]:", re.MULTILINE)
_IMAGE = re.compile(r"(?<!\\)!\[")
_LINK_TARGET = re.compile(r"(?<!\\)\]\(\s*<?([^)\s>]*)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# A quick test that finds nothing in plain prose (the common case: every version of every
# text file in the history is checked), with one character-class search and string
# methods; only a text it does not clear is looked at rule by rule.
_RARE = re.compile(f"[{_UNSHOWN}\r&<]")
_QUICK_MARKS = ("![", "](", "]:", "```", "~~~")

_SAFE_SCHEMES = ("http", "https", "mailto")

_NAMES = {
    "\x00": "a NUL byte",
    "\x1b": "an escape character (ESC)",
    "\r": "a carriage return without a line break",
    "\ufeff": "a zero-width no-break space (U+FEFF)",
    "\u200b": "a zero-width space (U+200B)",
    "\u2060": "a word joiner (U+2060)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}
HINT_CHAR = "remove it: the text holds only characters that are shown (an editor can show them)"


def first_unshown(text: str) -> str | None:
    """The first character of ``text`` this module refuses as unshown, or None."""
    bad = _BAD_CHAR.search(text)
    return bad[0] if bad is not None else None


def describe(char: str) -> str:
    """The name of an unshown character, for messages (never the character itself)."""
    if char in _NAMES:
        return _NAMES[char]
    code = ord(char)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"a bidirectional control character (U+{code:04X}), which reorders the text on screen"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"a control character (U+{code:04X})"
    return f"an invisible character (U+{code:04X})"


def _referenced(reference: str) -> str | None:
    """The character a reference stands for as a browser or pandoc reads it (Python's
    ``html.unescape`` drops control characters instead), None for no character."""
    if reference.startswith("&#"):
        digits = reference[2:-1]
        code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None
    return html.unescape(reference)


def _plain(text: str) -> bool:
    """True when no rule can apply: no rare character or mark, no front matter, and every
    ``{`` the ``{#id}`` at the end of a heading line."""
    if _RARE.search(text) is not None or text.startswith("---") or any(m in text for m in _QUICK_MARKS):
        return False
    braces = text.count("{")
    return braces == 0 or braces == len(_HEADING_ID.findall(text))


def check_source(path: str, text: str) -> None:
    """Refuse ``text`` (the file ``path``) unless it is plain Markdown prose; see the module."""
    if _plain(text):
        return
    if text.startswith("\ufeff"):
        raise ParseError(
            path,
            1,
            "the file starts with a byte-order mark (BOM, U+FEFF), an invisible character",
            "save the file as UTF-8 without BOM (in most editors: encoding 'UTF-8', not 'UTF-8 with BOM')",
        )

    def line(at: int) -> int:
        return text.count("\n", 0, at) + 1

    if (bad := _BAD_CHAR.search(text)) is not None:
        raise ParseError(path, line(bad.start()), f"contains {describe(bad[0])}", HINT_CHAR)
    if text.startswith("---\n") or text.startswith("---\r\n") or text == "---":
        raise ParseError(
            path,
            1,
            "front matter ('---' on the first line) would set the page's template and options",
            "remove it: the file starts with its '#' heading",
        )
    for ref in _REFERENCE.finditer(text):
        char = _referenced(ref[0])
        if char is None or _BAD_CHAR.match(char):
            what = f"{ref[0]} is {describe(char)}" if char else f"{ref[0]} is not a character"
            raise ParseError(path, line(ref.start()), what, HINT_CHAR)
    if (fence := _FENCE.search(text)) is not None:
        raise ParseError(
            path,
            line(fence.start()),
            f"a fenced code block ({fence[1]}): code is not part of the agreement's text",
            "write the text as ordinary paragraphs or a list; the site, comparisons and downloads "
            "would each show or drop a code block differently",
        )
    if (definition := _DEFINITION.search(text)) is not None:
        raise ParseError(
            path,
            line(definition.start()),
            "a link, footnote or abbreviation definition ('[x]: ...'), a line that vanishes from the text",
            "write links inline as [text](https://...); write the text itself otherwise",
        )
    for tag in _HTML.finditer(text):
        if _AUTOLINK.match(text, tag.start()):
            continue
        snippet = text[tag.start() : tag.start() + 20].split(">")[0].split("\n")[0]
        raise ParseError(
            path,
            line(tag.start()),
            f"raw HTML ({snippet!r}...): HTML is not part of the agreement's text",
            "write the text without HTML; for a literal '<' write '\\<' or '&lt;'",
        )
    ids = {m.start(1) for m in _HEADING_ID.finditer(text)}
    for brace in _BRACE.finditer(text):
        if brace.start() in ids:
            continue
        raw = re.match(r"\{\s*=\s*([A-Za-z0-9_-]+)", text[brace.start() : brace.start() + 40])
        if raw is not None:
            what = f"a pandoc raw attribute ({{={raw[1]}}}) would put raw {raw[1]} code into the downloads"
        else:
            what = "a '{' outside a heading's {#id}: an attribute list or raw attribute, not text"
        raise ParseError(path, line(brace.start()), what, "remove it; for a literal '{' write '\\{'")
    if (image := _IMAGE.search(text)) is not None:
        raise ParseError(
            path,
            line(image.start()),
            "an image: the agreement's text has no images (each would load from somewhere)",
            "remove it; for a literal '![' write '!\\['",
        )
    for target in _LINK_TARGET.finditer(text):
        scheme = _SCHEME.match("".join(target[1].split()))
        if scheme is not None and scheme[1].lower() not in _SAFE_SCHEMES:
            raise ParseError(
                path,
                line(target.start()),
                f"a link to '{scheme[1]}:', which is not a web or e-mail address",
                "link only to https://..., http://..., mailto:... or a page of the site",
            )
