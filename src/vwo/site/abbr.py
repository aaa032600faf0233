"""Abbreviations in generated HTML: ``<abbr title="...">CvD</abbr>`` (pure).

Pages written in Markdown get the site's abbreviations from the ``abbr`` extension
(``hooks/theme.py``); generated pages keep their HTML blocks out of the Markdown
(``vwo.site.fragments``), so text from the history (a decision's title and reason) gets
them here: escaped first, then each known abbreviation marked where it stands as a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup, escape

Abbreviations = Sequence[tuple[str, str]]
_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:\s*(.+)$")


def parse_definitions(definitions: str) -> tuple[tuple[str, str], ...]:
    """``*[CvD]: College van ...`` lines (``vwo.site.theme.read_abbreviations``) as pairs."""
    pairs = []
    for line in definitions.splitlines():
        match = _DEFINITION.match(line.strip())
        if match:
            pairs.append((match[1].strip(), match[2].strip()))
    return tuple(pairs)


def _pattern(abbreviations: Abbreviations) -> re.Pattern[str] | None:
    words = sorted((re.escape(short) for short, _ in abbreviations if short), key=len, reverse=True)
    # Not inside a word, and not inside an escaped entity such as "&#39;".
    return re.compile(rf"(?<![\w&#])({'|'.join(words)})(?![\w;])") if words else None


def abbreviate(text: str, abbreviations: Abbreviations) -> Markup:
    """``text`` escaped, with every known abbreviation as ``<abbr title>``."""
    escaped = str(escape(text))
    pattern = _pattern(abbreviations)
    if pattern is None:
        return Markup(escaped)
    titles = dict(abbreviations)
    return Markup(pattern.sub(lambda m: f'<abbr title="{escape(titles[m[1]])}">{m[1]}</abbr>', escaped))
