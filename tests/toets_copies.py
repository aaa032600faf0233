"""Copies of the agreement for the toets tests, made from this repository's own downloads.

``downloads(version, folder)`` writes the PDF, DOCX and ODT of a published version with
``vwo.downloads``. ``WordCopy`` and ``OdfCopy`` open such a file and change it the way a
supplier would, by writing the package's XML directly: words, clauses, paragraphs,
headings, filled-in tables, tracked changes, Word's automatic numbering, comments.
"""

from __future__ import annotations

import copy as copying
import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from tests.gitrepo import ROOT
from vwo.downloads import generate
from vwo.downloads.source import load_source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC_NS = "http://purl.org/dc/elements/1.1/"
T = f"{{{TEXT_NS}}}"
STAMP = "2026-11-30T10:00:00Z"


def downloads(version: str, folder: Path) -> dict[str, Path]:
    """``{"pdf": path, "docx": path, "odt": path}`` of a published version of this repository."""
    agreement, meta = load_source(ROOT, version, env={})
    bundle = generate(agreement, meta, folder / version)
    return {suffix: bundle.folder / bundle.file(f".{suffix}").name for suffix in ("pdf", "docx", "odt")}


class _Package:
    """A ZIP package with one XML part to edit; written back with the other parts as they were."""

    part = ""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.root = etree.fromstring(self.parts[self.part])

    def save(self, target: Path) -> Path:
        self.parts[self.part] = etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
                archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
        target.write_bytes(buffer.getvalue())
        return target


class WordCopy(_Package):
    part = "word/document.xml"

    @property
    def body(self) -> etree._Element:
        return self.root.find(f"{W}body")

    @staticmethod
    def text(element: etree._Element) -> str:
        return "".join(t.text or "" for t in element.iter(f"{W}t"))

    def paragraph(self, start: str) -> etree._Element:
        """The first body paragraph (not in the table of contents) whose text starts with ``start``."""
        for p in self.body.iter(f"{W}p"):
            if any(a.tag == f"{W}sdt" for a in p.iterancestors()) and p.find(f".//{W}hyperlink") is not None:
                continue
            if self.text(p).startswith(start):
                return p
        raise AssertionError(f"no paragraph starts with {start!r}")

    def paragraphs_of(self, article: int) -> list[etree._Element]:
        """The clause paragraphs of article ``article`` (those that start with its number)."""
        number = re.compile(rf"^{article}\.[0-9]+ ")
        return [p for p in self.body.iter(f"{W}p") if number.match(self.text(p))]

    def replace(self, p: etree._Element, old: str, new: str) -> None:
        for t in p.iter(f"{W}t"):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return
        raise AssertionError(f"{old!r} not in {self.text(p)!r}")

    def delete(self, p: etree._Element) -> None:
        p.getparent().remove(p)

    def insert_after(self, p: etree._Element, text: str) -> etree._Element:
        new = etree.SubElement(p.getparent(), f"{W}p")
        p.addnext(new)
        run = etree.SubElement(new, f"{W}r")
        t = etree.SubElement(run, f"{W}t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return new

    def track_replace(self, p: etree._Element, old: str, new: str) -> None:
        """Replace ``old`` with ``new`` as a tracked change: ``w:del`` then ``w:ins``."""
        for run in p.iter(f"{W}r"):
            t = run.find(f"{W}t")
            if t is None or not t.text or old not in t.text:
                continue
            before, _, after = t.text.partition(old)
            t.text = before
            deleted = etree.Element(
                f"{W}del", {f"{W}id": "901", f"{W}author": "Leverancier", f"{W}date": STAMP}
            )
            del_run = etree.SubElement(deleted, f"{W}r")
            etree.SubElement(del_run, f"{W}delText").text = old
            inserted = etree.Element(
                f"{W}ins", {f"{W}id": "902", f"{W}author": "Leverancier", f"{W}date": STAMP}
            )
            ins_run = etree.SubElement(inserted, f"{W}r")
            etree.SubElement(ins_run, f"{W}t").text = new
            tail = etree.Element(f"{W}r")
            etree.SubElement(tail, f"{W}t").text = after
            for element in reversed((deleted, inserted, tail)):
                run.addnext(element)
            return
        raise AssertionError(f"{old!r} not in {self.text(p)!r}")

    def track_deleted_words(self, p: etree._Element, words: str) -> None:
        """Words added at the end of ``p`` that are deleted as a tracked change (so not there)."""
        deleted = etree.SubElement(
            p, f"{W}del", {f"{W}id": "903", f"{W}author": "Leverancier", f"{W}date": STAMP}
        )
        run = etree.SubElement(deleted, f"{W}r")
        etree.SubElement(run, f"{W}delText").text = " " + words

    def auto_number(self, article: int) -> int:
        """Take the typed clause numbers out of article ``article`` and number its clauses
        with Word's automatic numbering instead (``w:numPr``). Returns how many."""
        paragraphs = self.paragraphs_of(article)
        for p in paragraphs:
            runs = [r for r in p if r.tag == f"{W}r"]
            # The bold number and the space after it.
            for run in runs[:2]:
                p.remove(run)
            props = p.find(f"{W}pPr")
            if props is None:
                props = etree.SubElement(p, f"{W}pPr")
                p.insert(0, props)
            number = etree.SubElement(props, f"{W}numPr")
            etree.SubElement(number, f"{W}ilvl", {f"{W}val": "1"})
            etree.SubElement(number, f"{W}numId", {f"{W}val": "77"})
        return len(paragraphs)

    def fill(self, label: str, value: str, *, column: int = 1) -> None:
        """In the table row whose first cell reads ``label``, write ``value`` in ``column``."""
        for row in self.body.iter(f"{W}tr"):
            cells = row.findall(f"{W}tc")
            if cells and self.text(cells[0]).strip() == label:
                self._set_cell(cells[column], value)
                return
        raise AssertionError(f"no table row {label!r}")

    def _set_cell(self, cell: etree._Element, value: str) -> None:
        p = cell.find(f"{W}p")
        for child in list(p):
            if child.tag != f"{W}pPr":
                p.remove(child)
        run = etree.SubElement(p, f"{W}r")
        etree.SubElement(run, f"{W}t").text = value

    def add_row_after(self, label: str, values: list[str]) -> None:
        """A new row after the row whose first cell reads ``label`` (or is ``[in te vullen]``)."""
        rows = [r for r in self.body.iter(f"{W}tr") if self.text(r.findall(f"{W}tc")[0]).strip() == label]
        last = rows[-1]
        row = copying.deepcopy(last)
        for cell, value in zip(row.findall(f"{W}tc"), values, strict=True):
            self._set_cell(cell, value)
        last.addnext(row)

    def fill_row(self, label: str, values: list[str], *, index: int = 0) -> None:
        """Write ``values`` into every cell of the ``index``-th row whose first cell reads ``label``."""
        rows = [r for r in self.body.iter(f"{W}tr") if self.text(r.findall(f"{W}tc")[0]).strip() == label]
        for cell, value in zip(rows[index].findall(f"{W}tc"), values, strict=True):
            self._set_cell(cell, value)

    def comment(self, p: etree._Element, author: str, text: str) -> None:
        start = etree.Element(f"{W}commentRangeStart", {f"{W}id": "0"})
        p.insert(1, start)
        etree.SubElement(p, f"{W}commentRangeEnd", {f"{W}id": "0"})
        comments = etree.Element(f"{W}comments", nsmap={"w": W_NS})
        entry = etree.SubElement(comments, f"{W}comment", {f"{W}id": "0", f"{W}author": author})
        para = etree.SubElement(entry, f"{W}p")
        etree.SubElement(etree.SubElement(para, f"{W}r"), f"{W}t").text = text
        self.parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8")

    def move_after(self, first: str, last_before: str, target_before: str) -> None:
        """Move the paragraphs from the one starting with ``first`` up to (not including) the
        one starting with ``last_before`` to just before the one starting with ``target_before``."""
        start, stop, target = (
            self.paragraph(first),
            self.paragraph(last_before),
            self.paragraph(target_before),
        )
        moving = []
        node = start
        while node is not None and node is not stop:
            moving.append(node)
            node = node.getnext()
        for element in moving:
            target.addprevious(element)


class OdfCopy(_Package):
    part = "content.xml"

    @property
    def body(self) -> etree._Element:
        return self.root.find(f"{{{OFFICE_NS}}}body/{{{OFFICE_NS}}}text")

    @staticmethod
    def text(element: etree._Element) -> str:
        return "".join(element.itertext())

    def paragraph(self, start: str) -> etree._Element:
        for p in self.body.iter(f"{T}p", f"{T}h"):
            if any(a.tag == f"{T}table-of-content" for a in p.iterancestors()):
                continue
            if self.text(p).startswith(start):
                return p
        raise AssertionError(f"no paragraph starts with {start!r}")

    def replace(self, p: etree._Element, old: str, new: str) -> None:
        for node in p.iter():
            for attr in ("text", "tail"):
                value = getattr(node, attr)
                if value and old in value:
                    setattr(node, attr, value.replace(old, new, 1))
                    return
        raise AssertionError(f"{old!r} not in {self.text(p)!r}")

    def delete(self, p: etree._Element) -> None:
        p.getparent().remove(p)

    def insert_after(self, p: etree._Element, text: str) -> etree._Element:
        new = etree.Element(f"{T}p")
        new.text = text
        p.addnext(new)
        return new

    def track_insert(self, p: etree._Element, words: str) -> None:
        """Words added at the end of ``p`` as a tracked insertion (they stay in the text)."""
        regions = self._regions()
        region = etree.SubElement(regions, f"{T}changed-region", {f"{T}id": "ct1"})
        insertion = etree.SubElement(region, f"{T}insertion")
        info = etree.SubElement(insertion, f"{{{OFFICE_NS}}}change-info")
        etree.SubElement(info, f"{{{DC_NS}}}creator").text = "Leverancier"
        last = p[-1] if len(p) else None
        start = etree.Element(f"{T}change-start", {f"{T}change-id": "ct1"})
        end = etree.Element(f"{T}change-end", {f"{T}change-id": "ct1"})
        start.tail = words
        if last is None:
            p.text = p.text or ""
        p.append(start)
        p.append(end)

    def track_delete(self, p: etree._Element, words: str) -> None:
        """Words that were in ``p`` and are deleted as a tracked change: kept only in
        ``text:tracked-changes``, marked in the paragraph by ``text:change``."""
        self.replace(p, words, "")
        regions = self._regions()
        region = etree.SubElement(regions, f"{T}changed-region", {f"{T}id": "ct2"})
        deletion = etree.SubElement(region, f"{T}deletion")
        info = etree.SubElement(deletion, f"{{{OFFICE_NS}}}change-info")
        etree.SubElement(info, f"{{{DC_NS}}}creator").text = "Leverancier"
        etree.SubElement(deletion, f"{T}p").text = words
        p.append(etree.Element(f"{T}change", {f"{T}change-id": "ct2"}))

    def _regions(self) -> etree._Element:
        regions = self.body.find(f"{T}tracked-changes")
        if regions is None:
            regions = etree.Element(f"{T}tracked-changes")
            self.body.insert(0, regions)
        return regions

    def fill(self, label: str, value: str, *, column: int = 1) -> None:
        for row in self.body.iter(f"{{{TABLE_NS}}}table-row"):
            cells = row.findall(f"{{{TABLE_NS}}}table-cell")
            if cells and self.text(cells[0]).strip() == label:
                cell = cells[column]
                for child in list(cell):
                    cell.remove(child)
                etree.SubElement(cell, f"{T}p").text = value
                return
        raise AssertionError(f"no table row {label!r}")

    def comment(self, p: etree._Element, author: str, text: str) -> None:
        note = etree.Element(f"{{{OFFICE_NS}}}annotation")
        etree.SubElement(note, f"{{{DC_NS}}}creator").text = author
        etree.SubElement(note, f"{T}p").text = text
        p.insert(0, note)
