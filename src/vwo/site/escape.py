"""Make untrusted text (commit subjects, trailer values) inert outside HTML (pure).

HTML is escaped by Jinja's autoescape; this module covers Markdown and CSV.

- ``md_inline``: the text renders as exactly that text in Python-Markdown (with the
  site's extensions) and in CommonMark/GFM: no links, images, HTML, emphasis, code,
  attribute lists, headings or line breaks. Newlines fold to spaces (a value never
  starts a block), ``& < > | ~ ^ = " : @`` become numeric character references (``:`` and ``@`` so that
  no autolinker sees a URL or an e-mail address),
  other Markdown punctuation gets a backslash (both dialects accept those escapes).
- ``csv_cell``: a cell that a spreadsheet would read as a formula gets a leading ``'``.
"""

from __future__ import annotations

import re

# Escapable by a backslash in both Python-Markdown and CommonMark.
_BACKSLASH = set("\\`*_{}[]()#+-.!")
# Not escapable in Python-Markdown (a backslash would stay visible): use a reference.
_REFERENCE = set('&<>|~^=":@')
_WHITESPACE = re.compile(r"\s+")


def md_inline(text: str) -> str:
    folded = _WHITESPACE.sub(" ", text).strip()
    out: list[str] = []
    for char in folded:
        if char in _BACKSLASH:
            out.append("\\" + char)
        elif char in _REFERENCE:
            out.append(f"&#{ord(char)};")
        elif ord(char) < 32 or 0x7F <= ord(char) < 0xA0:
            out.append("\N{REPLACEMENT CHARACTER}")
        else:
            out.append(char)
    return "".join(out)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Prefix ``'`` so spreadsheets show the value instead of evaluating it (OWASP)."""
    return "'" + value if value.startswith(_FORMULA_START) else value
