"""Read a copy of the agreement, whatever it is, into ``Extracted`` paragraphs.

Pipeline: bytes (at most ``safe.MAX_FILE``) -> the format from the content, not the
name (ZIP: DOCX or ODT by their parts; ``%PDF``; an OLE container is a password-protected
or old Word file; RTF; else text, Markdown when the name says so) -> one adapter per
format (``docx``, ``odt``, ``pdf``, ``plain``) -> a limit on the amount of text. Every
refusal is a ``VwoError`` that names the file.
"""

from __future__ import annotations

from pathlib import Path

from vwo.conformance.document import Extracted
from vwo.conformance.extract.docx import read_docx
from vwo.conformance.extract.odt import read_odt
from vwo.conformance.extract.pdf import read_pdf
from vwo.conformance.extract.plain import read_markdown, read_text
from vwo.conformance.extract.safe import MAX_FILE, MAX_TEXT, WORD_HINT, Archive
from vwo.errors import VwoError

MARKDOWN_SUFFIXES = (".md", ".markdown")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def read_file(path: Path, where: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise VwoError(
                where, f"the file is {size // (1024 * 1024)} MB; at most {MAX_FILE // (1024 * 1024)} MB", ""
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except IsADirectoryError:
        raise VwoError(where, "is a folder, not a file", "give the path of the document") from None
    except FileNotFoundError:
        raise VwoError(where, "no such file", "") from None
    except OSError as error:
        raise VwoError(where, f"cannot be read: {error.strerror or error}", "") from None
    if len(data) > MAX_FILE:
        raise VwoError(where, f"the file is larger than {MAX_FILE // (1024 * 1024)} MB", "")
    return data


def extract(data: bytes, name: str, where: str) -> Extracted:
    if len(data) > MAX_FILE:
        raise VwoError(where, f"the file is larger than {MAX_FILE // (1024 * 1024)} MB", "")
    if not data.strip():
        raise VwoError(where, "the file is empty", "")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        archive = Archive(data, where)
        if archive.has("word/document.xml") or archive.has("[Content_Types].xml"):
            extracted = read_docx(archive, where)
        elif archive.has("mimetype") or archive.has("content.xml"):
            extracted = read_odt(archive, where)
        else:
            raise VwoError(where, "this is a ZIP archive, not a document", WORD_HINT)
    elif data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        extracted = read_pdf(data, where)
    elif data.startswith(OLE):
        if ENCRYPTED_PACKAGE in data:
            raise VwoError(where, "the file is password-protected", "ask for a copy without a password")
        raise VwoError(where, "this is an old Word file (.doc), which cannot be read", WORD_HINT)
    elif data.startswith(b"{\\rtf"):
        raise VwoError(where, "this is an RTF file, which cannot be read", WORD_HINT)
    elif name.lower().endswith(MARKDOWN_SUFFIXES):
        extracted = read_markdown(data, where)
    else:
        extracted = read_text(data, where)
    if sum(len(p.text) for p in extracted.paragraphs) > MAX_TEXT:
        raise VwoError(where, f"the document holds more than {MAX_TEXT:,} characters of text", "")
    return extracted
