"""Markdown and plain text: decoded (UTF-8, UTF-16 with a byte order mark, else
Windows-1252), then ``mdtext.blocks`` or ``rules.join_lines``."""

from __future__ import annotations

from vwo.conformance.document import Extracted, Paragraph
from vwo.conformance.mdtext import blocks
from vwo.conformance.rules import join_lines
from vwo.errors import VwoError

NOT_A_DOCUMENT = "send the agreement as .docx, .odt, .pdf, .md or .txt"


def decode(data: bytes, where: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise VwoError(where, "this is not a document (undecodable text)", NOT_A_DOCUMENT) from None
    if b"\x00" in data:
        raise VwoError(where, "this is not a document (binary data)", NOT_A_DOCUMENT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    if text and 20 * printable < 19 * len(text):
        raise VwoError(where, "this is not a document (mostly unprintable characters)", NOT_A_DOCUMENT)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_markdown(data: bytes, where: str) -> Extracted:
    paragraphs = tuple(
        Paragraph(b.text, b.kind, b.cells) for b in blocks(decode(data, where), placeholders=False)
    )
    return Extracted("md", paragraphs)


def read_text(data: bytes, where: str) -> Extracted:
    return Extracted("txt", tuple(Paragraph(p) for p in join_lines(decode(data, where).split("\n"))))
