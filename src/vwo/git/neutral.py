"""Commit text made inert at the adapter's boundary (pure).

Commit messages, trailers and author names are written by outsiders and can never be
rewritten once they are on ``main``. Before any of it leaves the adapter, every character
that could act instead of being shown is replaced by U+FFFD REPLACEMENT CHARACTER (``�``:
visible, inert in every output: HTML, Atom, CSV, JSON, DOCX, Markdown, a terminal):

- C0 controls except tab and newline (U+0000-U+0008, U+000B-U+001F: ESC starts terminal
  escape sequences, BEL, CR, and git's own field separators U+001C-U+001F), DEL (U+007F) and
  C1 controls (U+0080-U+009F, among them CSI and OSC);
- bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they make text
  display in an order other than the one it is stored in ("Trojan Source");
- the line and paragraph separators U+2028/U+2029 (line breaks outside git's ``\\n``, which
  ``str.splitlines`` and JavaScript honour) and the noncharacters U+FFFE/U+FFFF (not allowed
  in XML 1.0: lxml, hence the Atom feed and Word files, refuse them).

Kept: the implicit direction marks U+200E LRM, U+200F RLM and U+061C ALM. They embed,
override and isolate nothing: they only give the neutral characters beside them (digits,
brackets) a direction, which is what a right-to-left name next to a number needs, and
they cannot reorder strong characters. Also kept: tab, newline and every printable
character. Invalid UTF-8 is decoded by the reader with replacement (the same U+FFFD).
"""

from __future__ import annotations

import re

REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def neutralise(text: str) -> str:
    """``text`` with every unsafe character (see the module docstring) replaced by U+FFFD."""
    return _UNSAFE.sub(REPLACEMENT, text)
