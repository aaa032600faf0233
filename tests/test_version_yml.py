"""``version.yml`` read strictly: every member of each class of bad metadata is refused
with ``file:line`` and a hint (review rows Y1-Y18), and the real files pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import ROOT
from vwo.errors import VwoError
from vwo.versions.model import VERSION_MAX_BYTES, read_version_file

GOOD = """\
versie: '1.11'
status: vastgesteld
gepubliceerd_op: 2018-12-06
vastgesteld_door: College van Dienstverleningszaken
pas_toe_of_leg_uit_vanaf: 2019-01-01
verplicht_vanaf: 2020-01-01
vervangt: '1.0'
samenvatting: Vastgestelde versie.
"""
WHERE = "versions/1.11/version.yml"


def read(tmp_path: Path, text: str | bytes) -> VwoError:
    path = tmp_path / "1.11" / "version.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    with pytest.raises(VwoError) as caught:
        read_version_file(path, WHERE)
    return caught.value


def test_the_good_file_and_the_real_files_pass(tmp_path: Path) -> None:
    path = tmp_path / "1.11" / "version.yml"
    path.parent.mkdir()
    path.write_text(GOOD, encoding="utf-8")
    info = read_version_file(path, WHERE)
    assert (info.version, info.adopted_by, info.replaces) == (
        "1.11",
        "College van Dienstverleningszaken",
        "1.0",
    )
    for real in sorted((ROOT / "versions").glob("*/version.yml")):
        read_version_file(real, str(real.relative_to(ROOT)))


CASES = [
    # dates that do not exist, times, numbers, strings that are no date
    (("gepubliceerd_op: 2018-12-06", "gepubliceerd_op: 2019-02-30"), 3, "'2019-02-30' is not a valid value"),
    (("gepubliceerd_op: 2018-12-06", "gepubliceerd_op: 2018-02-29"), 3, "'2018-02-29' is not a valid value"),
    (
        ("gepubliceerd_op: 2018-12-06", "gepubliceerd_op: '2019-02-30'"),
        3,
        "gepubliceerd_op: '2019-02-30' is not a date",
    ),
    (
        ("gepubliceerd_op: 2018-12-06", "gepubliceerd_op: 2018-12-06 10:00:00"),
        3,
        "has a time; give only the day",
    ),
    (("gepubliceerd_op: 2018-12-06", "gepubliceerd_op: 2018-12-06T10:00:00Z"), 3, "has a time"),
    (
        ("verplicht_vanaf: 2020-01-01", "verplicht_vanaf: 20200101"),
        6,
        "verplicht_vanaf: '20200101' is not a date",
    ),
    (("verplicht_vanaf: 2020-01-01", "verplicht_vanaf: 6 december"), 6, "is not a date"),
    # dates out of order
    (("verplicht_vanaf: 2020-01-01", "verplicht_vanaf: 2018-12-31"), 6, "is before pas_toe_of_leg_uit_vanaf"),
    (
        ("pas_toe_of_leg_uit_vanaf: 2019-01-01", "pas_toe_of_leg_uit_vanaf: 2018-01-01"),
        5,
        "is before gepubliceerd_op",
    ),
    # text fields that are not text, or carry unshown characters
    (("versie: '1.11'", "versie: 1.11"), 1, "versie: expected text, got float"),
    (("vervangt: '1.0'", "vervangt: 1.0"), 7, "vervangt: expected text, got float"),
    (
        ("vastgesteld_door: College van Dienstverleningszaken", "vastgesteld_door: {b: 2}"),
        4,
        "expected text, got dict",
    ),
    (
        ("samenvatting: Vastgestelde versie.", "samenvatting: [a, b]"),
        8,
        "samenvatting: expected text, got list",
    ),
    (("samenvatting: Vastgestelde versie.", "samenvatting: 42"), 8, "samenvatting: expected text, got int"),
    (
        ("samenvatting: Vastgestelde versie.", "samenvatting: true"),
        8,
        "samenvatting: expected text, got bool",
    ),
    (
        ("samenvatting: Vastgestelde versie.", 'samenvatting: "a\\u202eb"'),
        8,
        "bidirectional control character",
    ),
    (("samenvatting: Vastgestelde versie.", 'samenvatting: "a\\x1b[2Jb"'), 8, "an escape character (ESC)"),
    (("vastgesteld_door: College van Dienstverleningszaken", 'vastgesteld_door: "C\\0"'), 4, "a NUL byte"),
    # values and keys
    (("status: vastgesteld", "status: definitief"), 2, "status: unknown value 'definitief'"),
    (("versie: '1.11'", "versie: '1.11\\n'"), 1, "is not of the form X.Y"),
    (("versie: '1.11'", "versie: '1.\u0661\u0661'"), 1, "is not of the form X.Y"),
    (("vervangt: '1.0'", "vervangt: '../1.0'"), 7, "vervangt: '../1.0' is not of the form X.Y"),
    (("samenvatting: Vastgestelde versie.", "samenvating: typfout"), 8, "unknown key 'samenvating'"),
    (("status: vastgesteld", "status: consultatie"), 4, "a consultation version is not adopted"),
    # the YAML itself
    (
        ("status: vastgesteld", "status: vastgesteld\nstatus: consultatie"),
        3,
        "duplicate key 'status' (first at line 2)",
    ),
    (
        ("samenvatting: Vastgestelde versie.", "samenvatting: !!python/object/apply:os.system [id]"),
        8,
        "not allowed",
    ),
    (("samenvatting: Vastgestelde versie.", "x: &a [1]\nsamenvatting: *a"), 8, "anchors and aliases"),
    (("samenvatting: Vastgestelde versie.", "samenvatting: [unclosed"), 9, "not valid YAML"),
]


@pytest.mark.parametrize(("change", "line", "message"), CASES)
def test_bad_metadata_is_refused_with_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    assert change[0] in GOOD
    error = read(tmp_path, GOOD.replace(*change))
    assert error.where == f"{WHERE}:{line}", str(error)
    assert message in error.what, str(error)
    assert error.hint
    assert "\x1b" not in str(error) and "\u202e" not in str(error)


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """Review Y10: 394 bytes that took 40 s and 1.5 GB; now the first anchor stops it."""
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        levels.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{','.join(['*' + prev] * 9)}]")
    bomb = GOOD.replace("samenvatting: Vastgestelde versie.", "\n".join(levels) + "\nsamenvatting: *i")
    error = read(tmp_path, bomb)
    assert error.where == f"{WHERE}:8" and "anchors and aliases" in error.what  # the first anchor


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (b"\xff\xfe garbage", f"{WHERE}:1", "not valid UTF-8 (byte 0)"),
        (GOOD.encode("utf-8").replace(b"Vastgestelde", b"Vastgest\xe9lde"), f"{WHERE}:8", "not valid UTF-8"),
        (b"\xef\xbb\xbf" + GOOD.encode("utf-8"), f"{WHERE}:1", "byte-order mark (BOM)"),
        (GOOD.encode("utf-8") + b"# " + b"x" * VERSION_MAX_BYTES, WHERE, "more than this file may hold"),
        (b"", WHERE, "expected a mapping"),
        (b"- een\n- lijst\n", WHERE, "expected a mapping"),
    ],
)
def test_bytes_that_are_no_version_file(tmp_path: Path, data: bytes, where: str, message: str) -> None:
    error = read(tmp_path, data)
    assert error.where == where and message in error.what, str(error)
