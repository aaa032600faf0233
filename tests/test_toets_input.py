"""``vwo toets`` on bad and hostile input: a clear ``error: FILE: what`` with a hint,
exit 2, no traceback and nothing written -- not even a half ``--out`` file."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfWriter

from tests.gitrepo import ROOT
from vwo.cli import main

DOCX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document: bytes, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compress) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def body(*paragraphs: str) -> bytes:
    xml = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<?xml version="1.0"?><w:document {W}><w:body>{xml}</w:body></w:document>'.encode()


def encrypted_zip() -> bytes:
    data = bytearray(docx(body("tekst")))
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        data[at + 8] |= 0x01  # general purpose flag: encrypted
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def pdf(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


ENTITIES = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    b"<w:document " + W.encode() + b"><w:body><w:p><w:r><w:t>&b;&b;</w:t></w:r></w:p></w:body></w:document>"
)
ENGLISH = (
    "This data processing agreement is made between the municipality and the processor. "
    "The processor shall process the personal data only on documented instructions of the controller, "
    "and shall not engage another processor without prior written authorisation of the controller. "
    "The processor shall assist the controller by appropriate technical and organisational measures, "
    "insofar as this is possible, for the fulfilment of the obligation to respond to requests."
)

CASES: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "png": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "kopie.png", "this is not a document"),
    "empty": (lambda: b"   \n", "kopie.txt", "the file is empty"),
    "old-word": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "kopie.doc", "old Word file"),
    "word-password": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600,
        "kopie.docx",
        "password-protected",
    ),
    "zip-password": (encrypted_zip, "kopie.docx", "password-protected"),
    "pdf-password": (lambda: pdf(password="geheim"), "kopie.pdf", "password-protected"),
    "scanned-pdf": (pdf, "scan.pdf", "no text found: this PDF is an image"),
    "corrupt-docx": (lambda: _half(docx(body("tekst " * 2000))), "kapot.docx", "damaged"),
    "corrupt-pdf": (lambda: b"%PDF-1.7\n1 0 obj <<", "kapot.pdf", "damaged"),
    "bomb": (lambda: docx(b" " * (51 * 1024 * 1024)), "bom.docx", "archive bomb"),
    "entities": (lambda: docx(ENTITIES), "entiteiten.docx", "document type (DTD): refused"),
    "spreadsheet": (
        lambda: _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
        "tabel.ods",
        "no OpenDocument text",
    ),
    "english": (lambda: ENGLISH.encode(), "agreement.txt", "in English, not in Dutch"),
    "rtf": (lambda: b"{\\rtf1\\ansi tekst}", "kopie.rtf", "RTF"),
}


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_a_clear_error_and_nothing_is_written(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, name, message = CASES[case]
    source = tmp_path / name
    source.write_bytes(make())
    out = tmp_path / "rapport.json"
    code = main(["-C", str(ROOT), "toets", str(source), "--format", "json", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    first, _, rest = err.partition("\n")
    assert first.startswith(f"error: {source}: ") and message in first, err
    assert rest.startswith("hint: ") or rest == "", err
    assert "Traceback" not in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == [name]


def test_an_existing_out_file_is_left_alone_on_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "scan.pdf"
    source.write_bytes(pdf())
    out = tmp_path / "rapport.md"
    out.write_text("vorig rapport\n", encoding="utf-8")
    assert main(["-C", str(ROOT), "toets", str(source), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "vorig rapport\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.md", "scan.pdf"]


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "groot.docx"
    with source.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written
    assert main(["-C", str(ROOT), "toets", str(source)]) == 2
    assert "at most 20 MB" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--version", "9.9"], "error: 9.9: unknown version"),
        (["--format", "docx"], "error: --format docx: a Word document needs a file"),
    ],
)
def test_usage_errors(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kopie.txt"
    source.write_text("tekst", encoding="utf-8")
    assert main(["-C", str(ROOT), "toets", str(source), *args]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-C", str(ROOT), "toets", str(tmp_path / "weg.docx")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'weg.docx'}: no such file")
