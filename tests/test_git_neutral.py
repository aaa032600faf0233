"""The neutralisation rule of the git adapter's boundary (``vwo.git.neutral``), character
by character; the same rule applied to real commits is tested in ``test_git_log.py``."""

from __future__ import annotations

import pytest

from vwo.git.neutral import REPLACEMENT, neutralise

C0 = [chr(c) for c in range(0x20) if c not in (0x09, 0x0A)]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
OTHER = ["\x7f", "\u2028", "\u2029", "\ufffe", "\uffff"]
UNSAFE = C0 + C1 + BIDI + OTHER


def test_the_replacement_is_the_visible_replacement_character() -> None:
    assert REPLACEMENT == "\N{REPLACEMENT CHARACTER}" == "\ufffd"


@pytest.mark.parametrize("char", UNSAFE, ids=lambda c: f"U+{ord(c):04X}")
def test_each_unsafe_character_becomes_the_replacement(char: str) -> None:
    assert neutralise(f"a{char}b") == "a\ufffdb"
    assert neutralise(char * 3) == "\ufffd\ufffd\ufffd"


def test_the_sets_are_complete() -> None:
    assert len(C0) == 30 and len(C1) == 32 and len(BIDI) == 9


@pytest.mark.parametrize(
    "text",
    [
        "Gemeente Súdwest-Fryslân",
        "regel één\nregel twee\tmet tab",
        "'s-Hertogenbosch (#12) <script> & =HYPERLINK",
        "\u200eLRM \u200fRLM \u061cALM",  # direction marks: kept (see the module docstring)
        "\u200b\u200d\ufeff",  # zero-width characters: invisible but inert
        "日本語 العربية עברית 🙂",
        "\ufffd already replaced",
    ],
)
def test_safe_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text


def test_an_escape_sequence_loses_its_escape() -> None:
    assert neutralise("\x1b]0;titel\x07\x1b[2J\x1b[31mrood") == "\ufffd]0;titel\ufffd\ufffd[2J\ufffd[31mrood"


def test_neighbours_of_the_sets_are_kept() -> None:
    for char in ("\x20", "\xa0", "\u2027", "\u202f", "\u2065", "\u206a", "\ufffd", "\U00010000"):
        assert neutralise(char) == char, f"U+{ord(char):04X}"
