"""``--out`` of every command (``vwo compare``, ``vwo downloads``) through ``vwo.atomic.write_out``:
only regular files, where the user said, whole or not at all; a device, FIFO, symbolic link,
folder-for-a-file, file-for-a-folder or unwritable place is refused with ``error: --out: ...``,
a hint and exit 2, and nothing is written. A cached download is checked before it is shipped."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.test_downloads import SOURCES
from tests.versions_support import vwo
from vwo.atomic import check_out, write_out
from vwo.errors import VwoError


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    """A folder with the working text (no git needed for ``concept``)."""
    root = tmp_path / "repo"
    for rel, content in SOURCES.items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def refused(root: Path, *args: str) -> str:
    result = vwo(root, *args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("error: --out: ") and "\nhint: " in result.stderr, result.stderr
    assert result.stdout == ""
    return result.stderr.splitlines()[0]


def compare_to(root: Path, out: Path | str, fmt: str = "md") -> list[str]:
    return ["compare", "concept", "concept", "--format", fmt, "--out", str(out)]


# --- a file (vwo compare --out FILE) -------------------------------------------------------


def test_a_device_is_refused_and_stays_a_device(texts: Path) -> None:
    for device in ("/dev/null", "/dev/full"):
        if not Path(device).exists():
            continue
        line = refused(texts, *compare_to(texts, device))
        assert line == f"error: --out: {device} is a device, not a file vwo may write"
        assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_fifo_is_refused_without_blocking_on_it(texts: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    before = listing(tmp_path)
    assert (
        refused(texts, *compare_to(texts, fifo))
        == f"error: --out: {fifo} is a FIFO (named pipe), not a file vwo may write"
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and listing(tmp_path) == before


def test_a_symbolic_link_is_refused_and_its_target_untouched(texts: Path, tmp_path: Path) -> None:
    target = tmp_path / "doel.md"
    target.write_text("van iemand anders\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    before = listing(tmp_path)
    for fmt in ("md", "html", "json", "docx"):
        assert refused(texts, *compare_to(texts, link, fmt)) == (
            f"error: --out: {link} is a symbolic link, not a file vwo may write"
        )
    assert link.is_symlink() and target.read_text() == "van iemand anders\n" and listing(tmp_path) == before


def test_a_folder_is_not_a_file_and_a_file_is_not_a_folder(texts: Path, tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    assert (
        refused(texts, *compare_to(texts, folder))
        == f"error: --out: {folder} is a folder, not a file vwo may write"
    )
    plain = tmp_path / "bestand.txt"
    plain.write_text("x\n")
    line = refused(texts, *compare_to(texts, plain / "onder.md"))
    assert line == f"error: --out: {plain} is not a folder"
    assert listing(folder) == [] and plain.read_text() == "x\n"


@pytest.mark.parametrize("place", ["/proc/vwo-out-test/x.md", "/sys/vwo-out-test.md"])
def test_an_unwritable_place_is_refused_without_a_traceback(texts: Path, place: str) -> None:
    line = refused(texts, *compare_to(texts, place))
    assert line.startswith(f"error: --out: cannot write {place}") and "Traceback" not in line
    assert not Path(place).exists()


def test_a_new_file_in_new_folders_and_an_existing_file_replaced_whole(texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "nieuw" / "diep" / "vergelijking.md"
    assert vwo(texts, *compare_to(texts, out)).returncode == 0
    assert "Geen wijzigingen" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o644
    inode = out.stat().st_ino
    out.write_text("oud\n")
    assert vwo(texts, *compare_to(texts, out, "docx")).returncode == 0
    assert out.read_bytes()[:2] == b"PK" and out.stat().st_ino != inode  # renamed into place, not rewritten
    assert listing(tmp_path / "nieuw") == ["diep", "diep/vergelijking.md"]  # no temporary files left


# --- a folder (vwo downloads --out DIR) -------------------------------------------------------


def test_downloads_refuses_a_file_a_link_and_a_device_before_doing_any_work(
    texts: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "bestand"
    plain.write_text("x\n")
    real = tmp_path / "echt"
    real.mkdir()
    link = tmp_path / "linkmap"
    link.symlink_to(real)
    cases = {
        plain: f"error: --out: {plain} is a file, not a folder vwo may write",
        link: f"error: --out: {link} is a symbolic link, not a folder vwo may write",
        Path("/dev/null"): "error: --out: /dev/null is a device, not a folder vwo may write",
    }
    for out, expected in cases.items():
        assert refused(texts, "downloads", "concept", "--out", str(out)) == expected
    assert not (texts / ".cache").exists()  # refused before anything was generated
    assert plain.read_text() == "x\n" and listing(real) == []


def test_downloads_refuses_a_folder_whose_files_are_not_regular(texts: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    (out / "SHA256SUMS").symlink_to(tmp_path / "ergens")
    line = refused(texts, "downloads", "concept", "--out", str(out))
    assert (
        line == f"error: --out: {out / 'SHA256SUMS'} is a symbolic link, not a regular file vwo may replace"
    )
    assert listing(out) == ["SHA256SUMS"]


def test_write_out_in_an_existing_folder_leaves_no_temporary_file_when_it_fails(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "b").mkdir()  # a folder where a file must go: refused before writing "a"
    with pytest.raises(VwoError, match="is a folder, not a regular file vwo may replace"):
        write_out(folder, {"a": b"1", "b": b"2"})
    assert listing(folder) == ["b"]
    write_out(folder, {"a": b"1", "c": b"3"})
    assert listing(folder) == ["a", "b", "c"] and (folder / "a").read_bytes() == b"1"
    with pytest.raises(ValueError):
        write_out(folder, {"../x": b"1"})
    check_out(tmp_path / "nog-niet", folder=True)  # a new folder is fine, and nothing is made
    assert not (tmp_path / "nog-niet").exists()


# --- a cached download is checked before it is shipped -----------------------------------


def test_a_corrupted_cache_entry_is_made_again_not_shipped(texts: Path, tmp_path: Path) -> None:
    first = vwo(texts, "downloads", "concept", "--out", str(tmp_path / "een"))
    assert first.returncode == 0, first.stderr
    (entry,) = (texts / ".cache" / "downloads").iterdir()
    pdf = entry / "VWO-concept.pdf"
    good = pdf.read_bytes()
    pdf.write_bytes(good[:-20] + b"CORRUPT" * 3)  # what a full disk or a stray editor leaves
    second = vwo(texts, "downloads", "concept", "--out", str(tmp_path / "twee"))
    assert second.returncode == 0, second.stderr
    assert stat.S_IMODE((tmp_path / "twee").stat().st_mode) == 0o755  # a folder others may read
    shipped = (tmp_path / "twee" / "VWO-concept.pdf").read_bytes()
    assert b"CORRUPT" not in shipped and shipped == good  # made again, byte-identical
    printed = {
        line.split()[0].rsplit("/", 1)[1]: line.split("sha256 ")[1] for line in second.stdout.splitlines()
    }
    for name, sha in printed.items():
        assert hashlib.sha256((tmp_path / "twee" / name).read_bytes()).hexdigest() == sha, name
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=tmp_path / "twee")
    assert check.returncode == 0
    assert b"CORRUPT" not in pdf.read_bytes()  # the cache entry itself was renewed
