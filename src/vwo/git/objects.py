"""Blobs and trees out of git: ``cat-file --batch`` (one process for many objects),
``ls-tree`` and ``archive``.

Object names are written to ``cat-file``'s standard input, never given as arguments, so
a name cannot be read as an option. Output is parsed by its fixed header
(``<id> <type> <size>`` or ``<name> missing``) and NUL-separated paths.
"""

from __future__ import annotations

import io
import tarfile
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from vwo.git.run import Process, run, run_bytes
from vwo.history.records import ABSENT


def _names(names: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(names))
    for name in wanted:
        if "\n" in name or "\0" in name:
            raise ValueError(f"object name with a line break: {name!r}")  # a caller's bug
    return wanted


def _parse_batch(raw: bytes, wanted: list[str]) -> dict[str, bytes | None]:
    """``cat-file --batch`` output: ``<id> <type> <size>\\n<content>\\n`` or ``<name>
    missing\\n`` (also ``ambiguous``) per requested name, in request order."""
    result: dict[str, bytes | None] = {}
    pos = 0
    for name in wanted:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].rsplit(b" ", 2)
        pos = end + 1
        if (
            len(header) != 3
            or not header[2].isdigit()
            or header[1] not in (b"blob", b"tree", b"commit", b"tag")
        ):
            result[name] = None
            continue
        size = int(header[2])
        result[name] = raw[pos : pos + size] if header[1] == b"blob" else None
        pos += size + 1
    return result


class BlobReader:
    """One ``git cat-file --batch`` that is fed object names while the caller is still
    busy (for instance while ``git log`` streams), so git reads blobs meanwhile; a thread
    drains its output, or both pipes could fill up and block each other.

    ``want`` names objects (ids, or ``<rev>:<path>``); ``texts`` ends git and returns each
    blob as text (UTF-8, invalid bytes replaced), None if git has no such blob. Use it
    as a context manager, so git is stopped also when the caller fails."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._wanted: dict[str, None] = {}
        self._git: Process | None = None
        self._output: list[bytes] = []
        self._drain: threading.Thread | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def want(self, names: Iterable[str]) -> None:
        new = [n for n in _names(names) if n != ABSENT and n not in self._wanted]
        if not new:
            return
        if self._git is None:
            self._git = Process(self._root, ["cat-file", "--batch"], stdin=True)
            stdout = self._git.stdout
            self._drain = threading.Thread(target=lambda: self._output.append(stdout.read()), daemon=True)
            self._drain.start()
        self._wanted.update(dict.fromkeys(new))
        try:
            self._git.stdin.write(("\n".join(new) + "\n").encode("utf-8"))
        except BrokenPipeError:
            self._git.finish()  # git stopped reading: raise what it said
            raise

    def blobs(self) -> dict[str, bytes | None]:
        """``{name: blob bytes, or None}``; ends git."""
        if self._git is None:
            return {}
        assert self._drain is not None
        self._git.finish()
        self._drain.join()
        return _parse_batch(b"".join(self._output), list(self._wanted))

    def texts(self) -> dict[str, str | None]:
        return {
            name: None if data is None else data.decode("utf-8", "replace")
            for name, data in self.blobs().items()
        }

    def close(self) -> None:
        if self._git is not None:
            self._git.close()


def read_blobs(root: Path, names: Iterable[str]) -> dict[str, bytes | None]:
    """``{name: blob bytes, or None}`` for object names (ids or ``<rev>:<path>``), in one
    ``git cat-file --batch``."""
    with BlobReader(root) as reader:
        reader.want(names)
        return reader.blobs()


def paths_exist(root: Path, names: Iterable[str]) -> dict[str, bool]:
    """``{"<rev>:<path>": exists}`` in one ``git cat-file --batch-check``."""
    wanted = _names(names)
    if not wanted:
        return {}
    out = run(root, "cat-file", "--batch-check", stdin=("\n".join(wanted) + "\n").encode("utf-8"))
    lines = out.split("\n")
    return {
        name: not line.endswith((" missing", " ambiguous")) for name, line in zip(wanted, lines, strict=True)
    }


def read_texts(root: Path, rev: str, paths: Iterable[str]) -> dict[str, str | None]:
    """The text of each of ``paths`` at ``rev`` (a ref or commit; UTF-8, invalid bytes
    replaced), None where the file or ``rev`` is missing; one ``git cat-file --batch``."""
    wanted = list(dict.fromkeys(paths))
    blobs = read_blobs(root, [f"{rev}:{path}" for path in wanted])
    return {
        path: None if (data := blobs[f"{rev}:{path}"]) is None else data.decode("utf-8", "replace")
        for path in wanted
    }


def list_files(root: Path, commit: str, folder: str) -> list[str]:
    """Every file under ``folder`` (a path from the repository root) in ``commit``, sorted."""
    out = run_bytes(
        root, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit, "--", folder.rstrip("/") + "/"
    )
    return [path.decode("utf-8", "replace") for path in out.split(b"\0") if path]


def export_tree(root: Path, rev: str, target: Path) -> None:
    """Write the files of ``rev`` into ``target`` (``git archive``, no checkout)."""
    data = run_bytes(root, "archive", "--format=tar", "--end-of-options", rev)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
