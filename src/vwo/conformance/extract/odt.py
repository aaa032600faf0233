"""OpenDocument text (ODT): the body text with every tracked change accepted.

Pipeline: ``mimetype`` and ``META-INF/manifest.xml`` (a text document, not encrypted) ->
``content.xml`` (safe XML) -> paragraphs, headings, list items and table rows of
``office:text`` in order; the deleted text that ``text:tracked-changes`` keeps, indexes
(the table of contents), notes, annotations (collected as comments), frames and hidden
text left out; headers and footers live in ``styles.xml`` and are not read ->
``Extracted``.
"""

from __future__ import annotations

from lxml import etree

from vwo.conformance.document import Comment, Extracted, Paragraph
from vwo.conformance.extract.safe import Archive, local, parse_xml
from vwo.errors import VwoError

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DC = "http://purl.org/dc/elements/1.1/"
TEXT_TYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
SKIP_INLINE = frozenset(
    {"note", "annotation", "annotation-end", "bookmark", "bookmark-start", "bookmark-end", "change",
     "change-start", "change-end", "soft-page-break", "hidden-text", "hidden-paragraph", "reference-mark",
     "sequence-decls", "variable-decls", "user-field-decls", "tracked-changes"}
)  # fmt: skip


class _Reader:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.comments: list[Comment] = []
        self.hidden = 0
        self.listed = 0

    def text(self, element: etree._Element) -> str:
        out = [element.text or ""]
        for child in element:
            name = local(child.tag)
            namespace = child.tag.split("}")[0][1:] if isinstance(child.tag, str) else ""
            if name == "s" and namespace == TEXT:
                out.append(" " * min(int(child.get(f"{{{TEXT}}}c", "1") or 1), 100))
            elif name in ("tab", "line-break") and namespace == TEXT:
                out.append(" ")
            elif name == "annotation" and namespace == OFFICE:
                author = child.findtext(f"{{{DC}}}creator") or ""
                body = " ".join(self.text(p) for p in child.iter(f"{{{TEXT}}}p"))
                self.comments.append(Comment(author, body))
            elif name in ("hidden-text", "hidden-paragraph"):
                self.hidden += 1
            elif name not in SKIP_INLINE and namespace in (TEXT, OFFICE):
                out.append(self.text(child))
            out.append(child.tail or "")
        return "".join(out)

    def block(self, element: etree._Element, *, listed: bool = False) -> None:
        for child in element:
            name = local(child.tag)
            if name in ("p", "h"):
                if listed:
                    self.listed += 1
                text = self.text(child)
                if text.strip():
                    self.paragraphs.append(Paragraph(text, "h" if name == "h" else "p"))
            elif name == "list":
                self.block(child, listed=True)
            elif name in ("list-item", "list-header"):
                self.block(child, listed=listed)
            elif name == "section":
                self.block(child)
            elif name == "table":
                self.table(child)

    def table(self, table: etree._Element) -> None:
        for row in _rows(table):
            cells = []
            for cell in row:
                if local(cell.tag) != "table-cell":
                    continue
                cells.append(" ".join(self.text(p) for p in cell.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h")))
            if any(c.strip() for c in cells):
                self.paragraphs.append(Paragraph(" | ".join(cells), "row", tuple(cells)))


def _rows(element: etree._Element) -> list[etree._Element]:
    """The rows of a table, in header-rows and row groups too, not those of nested tables."""
    out: list[etree._Element] = []
    for child in element:
        name = local(child.tag)
        if name == "table-row":
            out.append(child)
        elif name in ("table-header-rows", "table-rows", "table-row-group"):
            out.extend(_rows(child))
    return out


def read_odt(archive: Archive, where: str) -> Extracted:
    kind = (
        archive.read("mimetype", limit=200).decode("ascii", "replace").strip()
        if archive.has("mimetype")
        else ""
    )
    if kind not in TEXT_TYPES:
        raise VwoError(
            where,
            f"this is no OpenDocument text ({kind or 'no mimetype'})",
            "a spreadsheet or presentation cannot be checked; ask for the agreement as .odt or .docx",
        )
    manifest = archive.read("META-INF/manifest.xml") if archive.has("META-INF/manifest.xml") else b""
    if b"encryption-data" in manifest:
        raise VwoError(where, "the file is password-protected", "ask for a copy without a password")
    if not archive.has("content.xml"):
        raise VwoError(where, "the file is damaged (content.xml is missing)", "")
    root = parse_xml(archive.read("content.xml"), where, "content.xml")
    body = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    if body is None:
        raise VwoError(where, "this is no OpenDocument text (no office:text)", "")
    reader = _Reader()
    reader.block(body)
    changes = body.find(f"{{{TEXT}}}tracked-changes")
    counts = {"insertion": 0, "deletion": 0, "format-change": 0}
    if changes is not None:
        for region in changes:
            for change in region:
                name = local(change.tag)
                if name in counts:
                    counts[name] += 1
    return Extracted(
        "odt",
        tuple(reader.paragraphs),
        insertions=counts["insertion"],
        deletions=counts["deletion"],
        formatting=counts["format-change"],
        comments=tuple(reader.comments),
        auto_numbered=reader.listed,
        hidden=reader.hidden,
    )
