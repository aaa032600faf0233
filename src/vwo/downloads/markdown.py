"""The download document as pandoc Markdown, one variant per output format.

Pipeline: ``Document`` -> pandoc Markdown with a YAML metadata block; lists whose
items carry their own letter become lettered lists (``vwo.text.lists``), tables get
column widths that keep every word whole. The three variants differ only in what
pandoc cannot express portably, written as raw snippets for one writer: fillable
fields for the placeholders (a content control in Word and OpenDocument, a styled
text in Typst), the signing table that never splits, the page break before each
annex, a marker before a table set in smaller text, and the clause layout in Typst.

Those raw snippets are the builder's own. The agreement's text cannot add any: the parser
refuses raw code (``vwo.text.inert``), and here, as a second line, every ``{`` and ``<`` of
the text is escaped (``no_raw``) before it is embedded, so no raw attribute
(``{=typst}``, ``{=openxml}`` ...), raw block or HTML can be formed from it; pandoc's
reader has ``raw_html`` and ``raw_tex`` off (``vwo.downloads.pandoc.READER``). The
reader keeps ``raw_attribute``: the snippets above need it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Literal

from vwo.downloads import odf, word
from vwo.downloads.document import PLACEHOLDER, Clause, Document, Heading, SignatureForm, Text
from vwo.site.escape import md_inline, typst_string, xml_attribute, xml_text
from vwo.text.lists import pandoc_lists
from vwo.versions.model import CONCEPT

Target = Literal["docx", "odt", "typst"]
TABLE_RULE = re.compile(r"^\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
# Pipe-table widths in characters: columns left empty for filling in share FILL_WIDTH.
MIN_COLUMN, MAX_COLUMN, FILL_WIDTH = 10, 50, 44
# For keeping words whole: a character of table text at 10 pt in a wide fallback font
# (DejaVu Sans: LibreOffice's stand-in for Word's fonts), bold in the header row, the
# cell's padding, and the A4 text width (2.5 cm margins), in centimetres.
CHAR_CM, BOLD_CM, PADDING_CM, TEXT_CM = 0.21, 0.24, 0.45, 16.0
TABLE_PT, MIN_SIZE, MIN_DASHES = 10, 8, 3


_OPENS_RAW = re.compile(r"(\\*)([{<])")


def no_raw(markdown: str) -> str:
    """``markdown`` (the agreement's text) with every ``{`` and ``<`` that is not already
    escaped given a backslash: pandoc reads them as the characters, never as the start of
    a raw attribute, an attribute list or HTML."""
    return _OPENS_RAW.sub(lambda m: m[0] if len(m[1]) % 2 else f"{m[1]}\\{m[2]}", markdown)


def _raw(code: str, target: str) -> str:
    # Safe as long as ``code`` has no backtick: PLACEHOLDER labels cannot contain one.
    return f"`{code}`{{={target}}}"


def _attr(value: str) -> str:
    return '"' + xml_attribute(value) + '"'


def word_field(label: str) -> str:
    """A Word content control showing ``[label]`` as placeholder text until filled in."""
    text = xml_text(f"[{label}]")
    return _raw(
        f"<w:sdt><w:sdtPr><w:alias w:val={_attr(label)}/><w:showingPlcHdr/><w:text/></w:sdtPr>"
        # Grey on a grey ground, as in the PDF: the prompt prints until it is filled in.
        '<w:sdtContent><w:r><w:rPr><w:color w:val="595959"/>'
        '<w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/>'
        f'</w:rPr><w:t xml:space="preserve">{text}</w:t>'
        "</w:r></w:sdtContent></w:sdt>",
        "openxml",
    )


def odf_field(label: str) -> str:
    """An OpenDocument fill-in field (``vwo.downloads.odf.field``)."""
    return _raw(odf.field(label), "opendocument")


def typst_field(label: str) -> str:
    return _raw(f"#invul({typst_string(label)})", "typst")


# ODT_PAGE_BREAK is a paragraph style that vwo.downloads.office adds to the ODT.
ODT_PAGE_BREAK = "VwoPaginaEinde"
PAGE_BREAKS: dict[Target, str] = {
    "typst": "```{=typst}\n#pagebreak(weak: true)\n```",
    "docx": '```{=openxml}\n<w:p><w:r><w:br w:type="page"/></w:r></w:p>\n```',
    "odt": f'```{{=opendocument}}\n<text:p text:style-name="{ODT_PAGE_BREAK}"/>\n```',
}
FIELDS: dict[Target, Callable[[str], str]] = {"docx": word_field, "odt": odf_field, "typst": typst_field}
# Before a table set in smaller text: a comment that vwo.downloads.office finds in the XML.
SMALL_TABLE = "vwo-tabel-pt"
SMALL_TABLES: dict[Target, Callable[[int], str] | None] = {
    "docx": lambda size: f"```{{=openxml}}\n<!-- {SMALL_TABLE} {size} -->\n```",
    "odt": lambda size: f"```{{=opendocument}}\n<!-- {SMALL_TABLE} {size} -->\n```",
    "typst": None,  # Typst hyphenates Dutch: a long word breaks where it may
}


def with_fields(markdown: str, target: Target) -> str:
    """Every ``[placeholder]`` becomes a fillable field of ``target``."""
    field = FIELDS[target]
    return PLACEHOLDER.sub(lambda m: field(m[1].strip()), markdown)


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _word_cm(header: list[str], body: list[list[str]], col: int) -> float:
    """The width the longest word of a column takes at 10 pt (the header bold)."""
    words = [len(w) * BOLD_CM for w in (header[col] if col < len(header) else "").split()]
    words += [
        len(w) * CHAR_CM for row in body if col < len(row) for w in PLACEHOLDER.sub("", row[col]).split()
    ]
    return max(words, default=0.0)


def table_size(words_cm: list[float]) -> int:
    """The text size (pt) at which the longest word of every column fits its column:
    10, or smaller (down to 8) for a table with many columns."""
    room = TEXT_CM - PADDING_CM * len(words_cm)
    needed = sum(words_cm) or 1.0
    return max(MIN_SIZE, min(TABLE_PT, int(TABLE_PT * room / needed)))


def fit_words(widths: list[int], minimum: list[float]) -> list[int]:
    """``widths`` changed as little as needed for each column to reach its ``minimum``
    share of the total, so no word has to break inside (the other columns give way in
    proportion). Unchanged when every column fits; in proportion to the minimums when
    they add up to more than the whole (the estimates leave some room)."""
    total = sum(widths)
    if all(w / total >= m for w, m in zip(widths, minimum, strict=True)):
        return widths
    if sum(minimum) >= 1:
        return [max(MIN_DASHES, round(m / sum(minimum) * total)) for m in minimum]
    fixed: set[int] = set()
    while True:
        rest = 1 - sum(minimum[i] for i in fixed)
        free = sum(w for i, w in enumerate(widths) if i not in fixed) or 1
        shares = [minimum[i] if i in fixed else rest * w / free for i, w in enumerate(widths)]
        short = {i for i, share in enumerate(shares) if i not in fixed and share < minimum[i]}
        if not short:
            return [max(MIN_DASHES, round(share * total)) for share in shares]
        fixed |= short


def relative_table_widths(markdown: str, small: Callable[[int], str] | None = None) -> str:
    """Give pipe tables column widths in proportion to their content (pandoc reads
    them from the dashes), so empty columns meant for filling in stay wide enough and
    no word has to break inside its cell. ``small(size)`` is put before a table whose
    words fit only in smaller text (a marker for ``vwo.downloads.office``)."""
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if i == 0 or not TABLE_RULE.match(line) or "|" not in lines[i - 1]:
            continue
        rows = [lines[i - 1]]
        for follow in lines[i + 1 :]:
            if "|" not in follow or not follow.strip():
                break
            rows.append(follow)
        count = len(_cells(line))
        header, body = _cells(rows[0])[:count], [_cells(r)[:count] for r in rows[1:]]
        fill = [
            all(not PLACEHOLDER.sub("", row[c]).strip() for row in body if c < len(row)) for c in range(count)
        ]
        fill_width = FILL_WIDTH // max(1, sum(fill))
        widths = []
        for col in range(count):
            longest = max(
                [len(header[col]) if col < len(header) else 0] + [len(r[col]) for r in body if col < len(r)]
            )
            wanted = max(len(header[col]) if col < len(header) else 0, fill_width) if fill[col] else longest
            widths.append(max(MIN_COLUMN, min(wanted, MAX_COLUMN)))
        words = [_word_cm(header, body, col) for col in range(count)]
        size = table_size(words)
        widths = fit_words(widths, [(w * size / TABLE_PT + PADDING_CM) / TEXT_CM for w in words])
        aligns = _cells(line)
        parts = []
        for align, width in zip(aligns, widths, strict=True):
            left, right = (":" if align.startswith(":") else ""), (":" if align.endswith(":") else "")
            parts.append(left + "-" * (width - len(left) - len(right)) + right)
        lines[i] = "|" + "|".join(parts) + "|"
        if small is not None and size < TABLE_PT:
            lines[i - 1] = small(size) + "\n\n" + lines[i - 1]
    return "\n".join(lines)


def metadata_block(document: Document) -> str:
    meta = document.meta
    data: dict[str, str | list[str]] = {
        "title": meta.title,
        "subtitle": meta.status_label
        if meta.status == CONCEPT
        else f"{meta.version_label} – {meta.status_label}",
        "subject": meta.subject,
        "description": meta.summary or meta.subject,
        "lang": meta.labels.tag,
        "toc-title": meta.labels.contents,
        "keywords": list(meta.keywords),
    }

    def literal(value: str | list[str]) -> str | list[str]:
        # Pandoc reads metadata strings as Markdown: escape, so text stays text.
        return [md_inline(v) for v in value] if isinstance(value, list) else md_inline(value)

    # JSON is YAML, so every value arrives as a string, whatever characters it holds.
    lines = [f"{key}: {json.dumps(literal(value), ensure_ascii=False)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---"


def front_matter(document: Document) -> str:
    """Under the title of a DOCX or ODT: the version's facts and, if not adopted, why."""
    meta = document.meta
    lines = [f"**{md_inline(label)}:** {md_inline(value)}" for label, value in meta.facts()]
    parts = ["\\\n".join(lines)]
    if meta.labels.translation_notice:
        parts.append(f"> **{md_inline(meta.labels.translation_notice)}**")
    if meta.notice and meta.watermark:
        parts.append(f"> **{md_inline(meta.watermark)}.** {md_inline(meta.notice)}")
    return "\n\n".join(parts)


def _signature(form: SignatureForm, target: Target) -> str:
    """The signing table, written for each format so it never splits over two pages."""
    if target == "docx":
        return f"```{{=openxml}}\n{word.signature_table(form, form.intro)}\n```"
    if target == "odt":
        return f"```{{=opendocument}}\n{odf.signature_table(form, form.intro)}\n```"
    parties = ", ".join(typst_string(p) for p in form.parties)
    rows = ", ".join(typst_string(r) for r in form.rows)
    return f"```{{=typst}}\n#ondertekening({typst_string(form.intro)}, ({parties},), ({rows},))\n```"


def body_markdown(markdown: str, target: Target) -> str:
    """Text of the model as pandoc reads it: lists by their own markers, tables with
    widths, placeholders as fields."""
    return with_fields(relative_table_widths(pandoc_lists(no_raw(markdown)), SMALL_TABLES[target]), target)


def _clause(clause: Clause, target: Target) -> str:
    text = body_markdown(clause.markdown, target)
    if target == "typst":
        return (
            f"```{{=typst}}\n#lid({typst_string(clause.number)})[\n```\n\n{text}\n\n"
            f"```{{=typst}}\n] <{clause.anchor}>\n```"
        )
    return f"[**{clause.number}**]{{#{clause.anchor}}} {text}"


def pandoc_markdown(document: Document, target: Target) -> str:
    parts = [metadata_block(document)]
    if target != "typst":  # the PDF has a cover page for this
        parts.append(front_matter(document))
    for block in document.blocks:
        if isinstance(block, Heading):
            if block.new_page:
                parts.append(PAGE_BREAKS[target])
            parts.append(f"{'#' * block.level} {no_raw(block.text)} {{#{block.id}}}")
        elif isinstance(block, Clause):
            parts.append(_clause(block, target))
        elif isinstance(block, Text):
            parts.append(body_markdown(block.markdown, target))
        else:
            parts.append(_signature(block, target))
    return "\n\n".join(parts) + "\n"
