"""Word (DOCX): the body text as Word shows it with every tracked change accepted.

Pipeline: ``word/document.xml`` (safe XML) -> the body's paragraphs and table rows in
order: insertions kept, deletions and moved-away text left out, a deleted paragraph mark
joins the paragraph with the next; the table of contents, text boxes, drawings, field
codes and hidden text left out; headers, footers and footnotes are other parts and are
not read -> ``Extracted`` with the counts of tracked changes, numbered paragraphs and
hidden runs, and the comments from ``word/comments.xml``.
"""

from __future__ import annotations

import re

from lxml import etree

from vwo.conformance.document import Comment, Extracted, Paragraph
from vwo.conformance.extract.safe import Archive, local, parse_xml
from vwo.errors import VwoError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENT = "word/document.xml"
COMMENTS = "word/comments.xml"
HEADING_STYLE = re.compile(r"^(?:heading|kop|title|titel)\s*[0-9]*$", re.I)
TOC_STYLE = re.compile(r"^(?:toc|inhopg|contents)", re.I)
SKIP = frozenset(
    {
        "del",
        "moveFrom",
        "instrText",
        "delInstrText",
        "drawing",
        "pict",
        "object",
        "txbxContent",
        "AlternateContent",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "rPr",
        "pPr",
        "sdtPr",
        "sdtEndPr",
        "fldData",
        "bookmarkStart",
        "bookmarkEnd",
    }
)
FORMAT_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange")


class _Reader:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.hidden = 0
        self.numbered = 0
        self.join_next = False

    def text(self, element: etree._Element) -> str:
        out: list[str] = []
        self._inline(element, out)
        return "".join(out)

    def _inline(self, element: etree._Element, out: list[str]) -> None:
        for child in element:
            name = local(child.tag)
            if name in SKIP or name == "tbl":
                continue
            if name == "r":
                props = child.find(f"{W}rPr")
                if props is not None and props.find(f"{W}vanish") is not None:
                    self.hidden += 1
                    continue
                self._run(child, out)
            else:
                self._inline(child, out)

    def _run(self, run: etree._Element, out: list[str]) -> None:
        for child in run:
            name = local(child.tag)
            if name == "t":
                out.append(child.text or "")
            elif name in ("tab", "br", "cr", "ptab"):
                out.append(" ")
            elif name == "noBreakHyphen":
                out.append("-")
            elif name not in SKIP and name not in ("softHyphen", "sym", "lastRenderedPageBreak"):
                self._inline(child, out)

    def paragraph(self, p: etree._Element) -> None:
        props = p.find(f"{W}pPr")
        style = ""
        heading = False
        joins = False
        if props is not None:
            style_el = props.find(f"{W}pStyle")
            style = style_el.get(f"{W}val", "") if style_el is not None else ""
            heading = bool(HEADING_STYLE.match(style)) or props.find(f"{W}outlineLvl") is not None
            if props.find(f"{W}numPr") is not None:
                self.numbered += 1
            mark = props.find(f"{W}rPr")
            joins = mark is not None and mark.find(f"{W}del") is not None
        if TOC_STYLE.match(style):
            return
        text = self.text(p)
        if self.join_next and self.paragraphs and self.paragraphs[-1].kind != "row":
            last = self.paragraphs.pop()
            self.paragraphs.append(Paragraph(last.text + text, last.kind))
        elif text.strip() or joins:
            self.paragraphs.append(Paragraph(text, "h" if heading else "p"))
        self.join_next = joins

    def table(self, table: etree._Element) -> None:
        for row in table.findall(f"{W}tr"):
            props = row.find(f"{W}trPr")
            if props is not None and props.find(f"{W}del") is not None:
                continue  # a deleted row
            cells = []
            for cell in row.findall(f"{W}tc"):
                texts = [self.text(p) for p in cell.iter(f"{W}p")]
                cells.append(" ".join(t for t in texts if t.strip()))
            self.join_next = False
            if any(c.strip() for c in cells):
                self.paragraphs.append(Paragraph(" | ".join(cells), "row", tuple(cells)))

    def block(self, element: etree._Element) -> None:
        for child in element:
            name = local(child.tag)
            if name == "p":
                self.paragraph(child)
            elif name == "tbl":
                self.table(child)
            elif name == "sdt":
                gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
                if gallery is not None and "content" in gallery.get(f"{W}val", "").lower():
                    continue  # the table of contents
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.block(content)
            elif name in ("ins", "moveTo", "customXml", "smartTag"):
                self.block(child)


def _count(root: etree._Element, name: str) -> int:
    return sum(1 for _ in root.iter(f"{W}{name}"))


def read_docx(archive: Archive, where: str) -> Extracted:
    if not archive.has(DOCUMENT):
        raise VwoError(where, "this is no Word text document (word/document.xml is missing)", "")
    root = parse_xml(archive.read(DOCUMENT), where, DOCUMENT)
    body = root.find(f"{W}body")
    if body is None:
        raise VwoError(where, "the file is damaged (the document has no body)", "")
    reader = _Reader()
    reader.block(body)
    comments: list[Comment] = []
    if archive.has(COMMENTS):
        for comment in parse_xml(archive.read(COMMENTS), where, COMMENTS).iter(f"{W}comment"):
            text = " ".join(reader.text(p) for p in comment.iter(f"{W}p"))
            comments.append(Comment(comment.get(f"{W}author", ""), text))
    return Extracted(
        "docx",
        tuple(reader.paragraphs),
        insertions=_count(body, "ins"),
        deletions=_count(body, "del"),
        moves=_count(body, "moveFrom"),
        formatting=sum(_count(body, name) for name in FORMAT_CHANGES),
        comments=tuple(comments),
        auto_numbered=reader.numbered,
        hidden=reader.hidden,
    )
