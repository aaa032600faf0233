"""Files written whole or not at all, and output only as regular files where the user said.

- ``write_atomic(target, data)``: a temporary file in the same folder, renamed over the
  target, so a reader (or a crash) never sees half a file;
- ``write_out(target, data)``: THE way a command writes what ``--out`` names: ``data`` as
  bytes is one file at ``target``; a mapping ``{name: bytes}`` is a folder ``target`` with
  those files (a new folder appears whole, by renaming a temporary one; in an existing
  folder every file is written to a temporary file first, then each is renamed into
  place). Only regular files are ever written: ``--out`` that names a symbolic link, a
  device, a FIFO or socket, a folder (for a file) or a file (for a folder), or a place
  that cannot be written is refused with ``VwoError`` naming the option, before
  anything is written, and nothing is left behind;
- ``check_out(target, folder=...)``: the same refusals, for a command to run before it
  does its work.

Never ``os.replace`` over what is not a regular file: that is how ``--out /dev/full`` once
replaced a device node with a regular file.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from vwo.errors import VwoError

FILE_MODE, FOLDER_MODE = 0o644, 0o755
"""mkstemp's 0600 and mkdtemp's 0700 would make published files unreadable to others."""


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a file"


def _lstat(path: Path, option: str = "--out") -> os.stat_result | None:
    try:
        return path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None  # a parent that is no folder is named by _check_parent
    except OSError as error:
        raise VwoError(option, f"{path} cannot be read: {error.strerror}", "check the path") from None


def _check_parent(target: Path, option: str) -> None:
    """Every existing folder above ``target`` is a folder (a symbolic link to one is fine)."""
    for parent in [target.parent, *target.parent.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise VwoError(
                    option, f"{parent} is not a folder", "name a path inside an existing or a new folder"
                )
            if not os.access(parent, os.W_OK | os.X_OK):
                raise VwoError(
                    option, f"cannot write in {parent}: permission denied", "choose a folder you may write in"
                )
            return
        if parent.is_symlink():
            raise VwoError(option, f"{parent} is a symbolic link to nothing", "name a path that exists")


def check_out(target: Path, *, folder: bool, option: str = "--out", names: tuple[str, ...] = ()) -> None:
    """Refuse ``target`` (and, in a folder, the entries ``names``) unless it can only become
    a regular file or a folder of regular files; writes nothing."""
    info = _lstat(target, option)
    wanted = "a folder" if folder else "a file"
    hint = f"name {wanted} that does not exist yet, or an existing {'folder' if folder else 'regular file'}"
    if info is not None:
        kind = _kind(info.st_mode)
        if stat.S_ISLNK(info.st_mode) or (kind != "a folder" if folder else kind != "a file"):
            raise VwoError(option, f"{target} is {kind}, not {wanted} vwo may write", hint)
    _check_parent(target, option)
    if folder and info is not None:
        for name in names:
            entry = _lstat(target / name, option)
            if entry is not None and (stat.S_ISLNK(entry.st_mode) or not stat.S_ISREG(entry.st_mode)):
                raise VwoError(
                    option,
                    f"{target / name} is {_kind(entry.st_mode)}, not a regular file vwo may replace",
                    f"remove it or choose another folder than {target}",
                )


def _names(files: Mapping[str, bytes]) -> tuple[str, ...]:
    for name in files:
        if not name or name in (".", "..") or "/" in name or "\0" in name:
            raise ValueError(f"not a plain file name: {name!r}")  # a caller's bug
    return tuple(files)


def write_out(target: Path, data: bytes | Mapping[str, bytes], *, option: str = "--out") -> None:
    """Write ``data`` at ``target`` (see the module docstring); ``option`` names the
    argument in refusals (``error: --out: ...``)."""
    folder = not isinstance(data, bytes | bytearray)
    names = _names(data) if not isinstance(data, bytes | bytearray) else ()
    check_out(target, folder=folder, option=option, names=names)
    created: list[Path] = []
    try:
        for parent in reversed([target.parent, *target.parent.parents]):
            if not parent.exists():
                parent.mkdir()
                created.append(parent)
        if isinstance(data, bytes | bytearray):
            _replace_files(target.parent, {target.name: bytes(data)})
        elif target.exists():
            _replace_files(target, dict(data))
        else:
            _new_folder(target, dict(data))
    except OSError as error:
        for path in reversed(created):
            with suppress(OSError):
                path.rmdir()
        raise VwoError(
            option, f"cannot write {target}: {error.strerror or error}", "choose a place you may write in"
        ) from None
    except BaseException:
        for path in reversed(created):
            with suppress(OSError):
                path.rmdir()
        raise


def _replace_files(folder: Path, files: dict[str, bytes]) -> None:
    """Each file to a temporary file in ``folder`` first; only when all are written, each
    is renamed over its target (a regular file or nothing, as ``check_out`` made sure)."""
    temporary: dict[str, str] = {}
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.tmp-")
            temporary[name] = tmp
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.chmod(tmp, FILE_MODE)
        for name, tmp in temporary.items():
            entry = _lstat(folder / name)
            if entry is not None and not stat.S_ISREG(entry.st_mode):  # appeared meanwhile
                raise VwoError(str(folder / name), f"became {_kind(entry.st_mode)} meanwhile", "run it again")
            os.replace(tmp, folder / name)
    finally:
        for tmp in temporary.values():
            Path(tmp).unlink(missing_ok=True)


def _new_folder(target: Path, files: dict[str, bytes]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        for name, content in files.items():
            path = staging / name
            path.write_bytes(content)
            os.chmod(path, FILE_MODE)
        os.chmod(staging, FOLDER_MODE)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
