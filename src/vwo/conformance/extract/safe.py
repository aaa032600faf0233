"""Reading untrusted files safely: size limits, ZIP members read with a cap (the sizes a
ZIP declares may lie), XML without DTDs, entities or network.

Every refusal is a ``VwoError`` naming the file, so the CLI prints it and writes nothing.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from vwo.errors import VwoError

MAX_FILE = 20 * 1024 * 1024  # a 300-page agreement as DOCX is about 1 MB, as PDF about 5 MB
MAX_MEMBER = 50 * 1024 * 1024  # one unpacked XML part
MAX_UNPACKED = 100 * 1024 * 1024  # all parts read from one archive together
MAX_MEMBERS = 5000
MAX_TEXT = 3_000_000  # characters of text in one document
CHUNK = 1024 * 1024

WORD_HINT = "save the document as .docx (Word) or .odt (OpenDocument) and try again"


class Archive:
    """A ZIP (DOCX, ODT) whose members are read with limits on size and total."""

    def __init__(self, data: bytes, where: str) -> None:
        self.where = where
        self.read_total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise VwoError(
                where, f"the file is damaged (not a readable ZIP archive: {error})", WORD_HINT
            ) from None
        if len(self.names) > MAX_MEMBERS:
            raise VwoError(where, f"the archive holds {len(self.names)} files; refused", WORD_HINT)
        if any(info.flag_bits & 0x1 for info in self.zip.infolist()):
            raise VwoError(where, "the file is password-protected", "ask for a copy without a password")

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str, *, limit: int = MAX_MEMBER) -> bytes:
        """A member's bytes; more than ``limit`` (or the archive's total) is an archive bomb."""
        out = bytearray()
        try:
            with self.zip.open(name) as handle:
                while True:
                    chunk = handle.read(CHUNK)
                    if not chunk:
                        break
                    out += chunk
                    self.read_total += len(chunk)
                    if len(out) > limit or self.read_total > MAX_UNPACKED:
                        raise VwoError(
                            self.where,
                            f"{name} unpacks to more than {limit // (1024 * 1024)} MB: "
                            "refused as a possible archive bomb",
                            "ask for the original document",
                        )
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            RuntimeError,
            NotImplementedError,
        ) as error:
            raise VwoError(self.where, f"the file is damaged ({name}: {error})", WORD_HINT) from None
        return bytes(out)


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


def parse_xml(data: bytes, where: str, part: str) -> etree._Element:
    """An XML part of an office document; a document type declaration is refused (office
    formats never have one; it is how entity expansion attacks start)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise VwoError(
            where, f"{part} declares a document type (DTD): refused", "ask for the original document"
        )
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise VwoError(where, f"the file is damaged ({part}: {error})", WORD_HINT) from None
    if root is None:
        raise VwoError(where, f"the file is damaged ({part} is empty)", WORD_HINT)
    return root


def local(tag: object) -> str:
    """An element's name without its namespace; '' for comments and the like."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
