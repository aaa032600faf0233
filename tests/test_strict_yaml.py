"""The strict YAML reader: every refusal names file and line; good files keep their lines."""

from __future__ import annotations

from datetime import date

import pytest

from vwo.errors import VwoError
from vwo.history.trailers import is_date
from vwo.site.dates import long_date, long_date_of, parse_day
from vwo.strict_yaml import as_date, as_text, load

GOOD = """\
versie: "1.11"
status: vastgesteld
gepubliceerd_op: 2018-12-06
lijst:
  - een
  - twee: 2
"""


def refusal(text: str | bytes, **options: int) -> VwoError:
    with pytest.raises(VwoError) as caught:
        load(text, "x.yml", **options)
    return caught.value


def test_a_good_file_gives_plain_data_and_the_line_of_every_value() -> None:
    doc = load(GOOD, "x.yml")
    assert doc.data == {
        "versie": "1.11",
        "status": "vastgesteld",
        "gepubliceerd_op": date(2018, 12, 6),
        "lijst": ["een", {"twee": 2}],
    }
    assert doc.line("versie") == 1
    assert doc.line("gepubliceerd_op") == 3
    assert doc.line("lijst", 0) == 5
    assert doc.line("lijst", 1, "twee") == 6
    assert doc.at("lijst", 1, "onbekend") == "x.yml:6"  # nearest parent that has a line


def test_an_alias_bomb_is_refused_at_once() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    error = refusal(bomb)
    assert error.where == "x.yml:1"
    assert "anchors and aliases" in error.what


@pytest.mark.parametrize(
    ("text", "line", "what"),
    [
        ("status: a\nstatus: b\n", 2, "duplicate key 'status' (first at line 1)"),
        ("a:\n  b: 1\n  c: 2\n  b: 3\n", 4, "duplicate key 'b' (first at line 2)"),
        ("datum: 2019-02-30\n", 1, "'2019-02-30' is not a valid value"),
        ("x: !!python/object/apply:os.system ['true']\n", 1, "tag"),
        ("x: 1\n---\ny: 2\n", 2, "not valid YAML"),
        ("a: [1, 2\nb: 3\n", 2, "not valid YAML"),
        ("? [a, b]\n: 1\n", 1, "a key must be a plain value"),
    ],
)
def test_each_refusal_names_the_line(text: str, line: int, what: str) -> None:
    error = refusal(text)
    assert error.where == f"x.yml:{line}"
    assert what in error.what
    assert error.hint


def test_encoding_problems_are_named() -> None:
    assert "byte-order mark" in refusal(b"\xef\xbb\xbfa: 1\n").what
    bad = refusal(b"a: 1\nb: caf\xe9\n")
    assert (bad.where, bad.what) == ("x.yml:2", "not valid UTF-8 (byte 11)")


def test_a_file_over_the_limit_is_refused_before_it_is_parsed() -> None:
    error = refusal("a: " + "x" * 100 + "\n", max_bytes=50)
    assert error.where == "x.yml"
    assert "more than this file may hold" in error.what


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("d: 20181206\n", "d: '20181206' is not a date"),
        ("d: 2018-12-06 10:00:00\n", "has a time"),
        ("d: 6-12-2018\n", "is not a date"),
        ("d:\n", "'None' is not a date"),
        ('d: "2019-W01-1"\n', "'2019-W01-1' is not a date"),
        ('d: "\uff12\uff10\uff11\uff19-01-01"\n', "is not a date"),
        ('d: "2019-1-1"\n', "'2019-1-1' is not a date"),
    ],
)
def test_dates_are_days(text: str, what: str) -> None:
    doc = load(text, "x.yml")
    with pytest.raises(VwoError) as caught:
        as_date(doc, doc.data["d"], "d")
    assert caught.value.where == "x.yml:1"
    assert what in caught.value.what


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2019-06-05", date(2019, 6, 5)),
        ("2020-02-29", date(2020, 2, 29)),
        ("2019-02-29", None),
        ("20190605", None),
        ("2019-W23-3", None),
        ("2019-06-05\n", None),
        ("\u0662\u0660\u0661\u0669-06-05", None),
        ("2019-06-05T00:00", None),
        ("", None),
    ],
)
def test_one_reader_of_days_given_as_text(text: str, day: date | None) -> None:
    assert parse_day(text) == day
    assert is_date(text) is (day is not None)
    assert long_date_of(text) == (text if day is None else long_date(day))


def test_a_quoted_date_is_a_date_too() -> None:
    doc = load('d: "2019-06-05"\n', "x.yml")
    assert as_date(doc, doc.data["d"], "d") == date(2019, 6, 5)


@pytest.mark.parametrize("text", ["t: {b: 2}\n", "t: 12\n", "t:\n", "t: [a]\n"])
def test_text_fields_refuse_other_kinds(text: str) -> None:
    doc = load(text, "x.yml")
    with pytest.raises(VwoError) as caught:
        as_text(doc, doc.data["t"], "t")
    assert caught.value.where == "x.yml:1"
    assert "expected text" in caught.value.what
