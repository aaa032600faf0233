"""The shape of a text that the parser's model does not keep (pure): the blocks of the
preamble (paragraphs and list items, with their markers) and the section headings and
tables of an annex, each with its line, for ``vwo.translation.align``."""

from __future__ import annotations

import re
from dataclasses import dataclass

ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s+(?:([a-z]|\d+)\.\s)?")


@dataclass(frozen=True)
class Block:
    line: int
    kind: str  # "paragraph" or "item"
    marker: str  # the list marker of an item ("1.", "- a."), else ""

    def describe(self) -> str:
        return f"list item '{self.marker}'" if self.kind == "item" else "paragraph"


def preamble_blocks(text: str) -> list[Block]:
    """The blocks between the title and the first article: paragraphs and list items."""
    blocks: list[Block] = []
    started = False
    in_paragraph = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            break
        if line.startswith("# ") and not started:
            started = True
            continue
        if not started:
            continue
        item = ITEM.match(line)
        if item:
            letter = f" {item[1]}." if item[1] else ""
            blocks.append(Block(number, "item", line.split()[0] + letter))
            in_paragraph = True
        elif not line.strip():
            in_paragraph = False
        elif not in_paragraph and not line.startswith((" ", "\t")):
            blocks.append(Block(number, "paragraph", ""))
            in_paragraph = True
    return blocks


@dataclass(frozen=True)
class Part:
    """A section heading or a table inside an annex."""

    line: int
    kind: str
    shape: str  # "## 1." for a heading, "3 columns" for a table

    def describe(self) -> str:
        return f"a heading '{self.shape}'" if self.kind == "heading" else f"a table of {self.shape}"


def annex_parts(text: str) -> list[Part]:
    parts: list[Part] = []
    in_table = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("##"):
            marks, _, rest = line.partition(" ")
            first = rest.split(" ", 1)[0]
            shape = marks + (" " + first if re.fullmatch(r"[0-9.]+", first) else "")
            parts.append(Part(number, "heading", shape))
        if line.lstrip().startswith("|"):
            if not in_table:
                columns = len(line.strip().strip("|").split("|"))
                parts.append(Part(number, "table", f"{columns} columns"))
            in_table = True
        else:
            in_table = False
    return parts
