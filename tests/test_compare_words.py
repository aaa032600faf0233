"""The word diff on literal texts and on the real versions: exact segments, readable redlines,
and the bound on its work (counted, not timed)."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest

from tests.gitrepo import ROOT
from vwo.compare import sequence, words
from vwo.compare.align import compare
from vwo.compare.sequence import increasing_run, opcodes, pair_similar
from vwo.compare.worddiff import BlockDiff, Segment, blocks, diff_text, diff_words
from vwo.text.model import Agreement
from vwo.text.parse import load_agreement


def version(name: str) -> Agreement:
    folder = ROOT / ("docs" if name == "concept" else f"versions/{name}")
    return load_agreement(folder, display=str(Path(folder).relative_to(ROOT)))


def clause_text(agreement: Agreement, number: str) -> str:
    return next(c.text for a in agreement.articles for c in a.clauses if c.number == number)


VOCABULARY = [
    "de",
    "het",
    "van",
    "een",
    "verwerker",
    "verwerkt",
    "persoonsgegevens",
    "op",
    "binnen",
    "termijn",
]


def pairs(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in segments]


def old_side(segments: tuple[Segment, ...]) -> str:
    return "".join(s.text for s in segments if s.op != "insert")


def new_side(segments: tuple[Segment, ...]) -> str:
    return "".join(s.text for s in segments if s.op != "delete")


# Small edits -------------------------------------------------------------------------


def test_deleted_comma_is_the_comma_alone() -> None:
    assert pairs(diff_words("Binnen 24 uur, aan de verwerker.", "Binnen 24 uur aan de verwerker.")) == [
        ("equal", "Binnen 24 uur"),
        ("delete", ","),
        ("equal", " aan de verwerker."),
    ]


def test_replaced_phrase_keeps_the_spaces_and_the_full_stop_unchanged() -> None:
    assert pairs(diff_words("binnen een redelijke termijn.", "binnen dertig dagen.")) == [
        ("equal", "binnen "),
        ("delete", "een redelijke termijn"),
        ("insert", "dertig dagen"),
        ("equal", "."),
    ]


def test_words_inserted_at_the_start_and_at_the_end() -> None:
    assert pairs(diff_words("verwerker meldt het.", "De verwerker meldt het.")) == [
        ("insert", "De "),
        ("equal", "verwerker meldt het."),
    ]
    assert pairs(diff_words("De verwerker meldt.", "De verwerker meldt het direct.")) == [
        ("equal", "De verwerker meldt"),
        ("insert", " het direct"),
        ("equal", "."),
    ]


def test_an_inserted_word_takes_one_space_along() -> None:
    # Exact both ways: without the insertion "de rode bal", with it "de grote rode bal".
    assert pairs(diff_words("de rode bal", "de grote rode bal")) == [
        ("equal", "de "),
        ("insert", "grote "),
        ("equal", "rode bal"),
    ]


def test_text_added_before_a_full_stop_owns_its_space() -> None:
    """Rejecting the change gives "termijn." again, not "termijn ." (review: reject all
    left "redelijke termijn .")."""
    old = "binnen een redelijke termijn."
    new = "binnen een redelijke termijn die partijen overeenkomen."
    assert pairs(diff_words(old, new)) == [
        ("equal", "binnen een redelijke termijn"),
        ("insert", " die partijen overeenkomen"),
        ("equal", "."),
    ]


def test_a_space_added_after_a_comma_is_a_change_of_its_own() -> None:
    assert pairs(diff_words("a,b", "a, b")) == [("equal", "a,"), ("insert", " "), ("equal", "b")]


# Mostly kept clauses: 7.2 and 8.1 of 1.0 against 1.11 ---------------------------------


def test_clause_7_2_shows_the_changed_words_not_the_whole_clause() -> None:
    old, new = clause_text(version("1.0"), "7.2"), clause_text(version("1.11"), "7.2")
    first, second = diff_text(old, new)
    assert pairs(first.segments) == [
        (
            "equal",
            "Wil de verwerker een subverwerker toevoegen of vervangen, dan informeert hij de "
            "verwerkingsverantwoordelijke daarover ",
        ),
        ("delete", "zo spoedig mogelijk"),
        (
            "insert",
            "schriftelijk ten minste vier weken voordat de subverwerker met de verwerking begint. "
            "De mededeling vermeldt de naam en vestigingsplaats van de subverwerker, de verwerking "
            "die hij gaat uitvoeren en de locatie daarvan",
        ),
        ("equal", ". De verwerkingsverantwoordelijke kan binnen "),
        ("delete", "vijf werkdagen na die mededeling"),
        ("insert", "die vier weken op redelijke gronden schriftelijk"),
        ("equal", " bezwaar maken"),
        (
            "insert",
            ". Zolang een bezwaar niet is opgelost, zet de verwerker de subverwerker niet in voor "
            "de verwerking van de persoonsgegevens",
        ),
        ("equal", "."),
    ]
    assert second.status == "added" and second.segments[0].text.startswith("Na een bezwaar overleggen")


def test_clause_8_1_shows_the_changed_words_not_the_whole_clause() -> None:
    old, new = clause_text(version("1.0"), "8.1"), clause_text(version("1.11"), "8.1")
    [block] = diff_text(old, new)
    assert pairs(block.segments) == [
        ("equal", "De verwerker "),
        ("delete", "mag"),
        ("insert", "verwerkt"),
        ("equal", " de persoonsgegevens "),
        ("delete", "verwerken op"),
        ("insert", "uitsluitend op de"),
        ("equal", " locaties "),
        ("delete", "naar zijn keuze, mits de verwerking voldoet aan de AVG"),
        (
            "insert",
            "binnen de EER die zijn vermeld in Bijlage 1, tenzij de verwerkingsverantwoordelijke "
            "vooraf schriftelijk heeft ingestemd met verwerking op een locatie buiten de EER. "
            "Toegang tot de persoonsgegevens vanuit een land buiten de EER, ook voor beheer of "
            "ondersteuning, geldt als verwerking buiten de EER",
        ),
        ("equal", "."),
    ]


def test_shared_words_between_rewrites_stay_but_a_rewrite_is_replaced_whole() -> None:
    # "de bijlagen" is 2 of the 7 words of the shorter side (at least a quarter): an edit.
    old = "De verwerkingsverantwoordelijke kan de bijlagen eenzijdig wijzigen."
    new = "Partijen passen de bijlagen in onderling overleg aan."
    assert pairs(diff_words(old, new)) == [
        ("delete", "De verwerkingsverantwoordelijke kan"),
        ("insert", "Partijen passen"),
        ("equal", " de bijlagen "),
        ("delete", "eenzijdig wijzigen"),
        ("insert", "in onderling overleg aan"),
        ("equal", "."),
    ]
    # Only the comma between two changes (folded) and the full stop are shared: no word.
    assert pairs(diff_words("Ja, zeker.", "Nee, nooit meer.")) == [
        ("delete", "Ja, zeker."),
        ("insert", "Nee, nooit meer."),
    ]


# Exact both ways, on every clause of the real versions and on random edits ----------------


def assert_exact(old: str, new: str) -> None:
    diffs = diff_text(old, new)
    olds = [old_side(d.segments) for d in diffs if d.status != "added"]
    news = [new_side(d.segments) for d in diffs if d.status != "removed"]
    assert olds == [b.text for b in blocks(old)], (old, new)
    assert news == [b.text for b in blocks(new)], (old, new)
    for d in diffs:
        assert all(s.text for s in d.segments), d
        assert all(x.op != y.op for x, y in zip(d.segments, d.segments[1:], strict=False)), d


def texts(agreement: Agreement) -> dict[str, str]:
    out = {f"{a.id}/{c.number}": c.text for a in agreement.articles for c in a.clauses}
    out.update({x.id: x.body for x in agreement.annexes})
    out.update(
        {f"toelichting/{a.id}": x.body for a in agreement.articles if (x := agreement.explanation(a.id))}
    )
    return out


@pytest.mark.parametrize(("old", "new"), [("1.0", "1.11"), ("1.11", "concept"), ("1.0", "concept")])
def test_every_text_of_the_real_versions_reads_back_exactly(old: str, new: str) -> None:
    a, b = texts(version(old)), texts(version(new))
    assert len(set(a) & set(b)) > 40  # clauses, annexes and toelichting of both
    for key in sorted(set(a) | set(b)):
        assert_exact(a.get(key, ""), b.get(key, ""))


def edit(rng: random.Random, text: str) -> str:
    """A few random edits of the kinds drafters make: words and punctuation added,
    removed or replaced, sentences joined, split or repeated."""
    parts = text.split(" ")
    for _ in range(rng.randint(1, 6)):
        k = rng.randrange(len(parts))
        kind = rng.randrange(7)
        if kind == 0:
            parts.insert(k, rng.choice(["de", "van", "niet", "schriftelijk", "(zie artikel 2)"]))
        elif kind == 1 and len(parts) > 1:
            del parts[k]
        elif kind == 2:
            parts[k] = rng.choice(["verwerker", "AVG", "binnen", "24", "uur"])
        elif kind == 3:
            parts[k] = parts[k] + rng.choice([",", ".", ";", ":"])
        elif kind == 4:
            parts[k] = parts[k].rstrip(",.;:") or parts[k]
        elif kind == 5:
            parts.insert(k, parts[k])
        else:
            parts[k] = parts[k] + "\n\n- " + rng.choice(["lid", "een nieuw lid", "a"])
    return " ".join(parts)


def test_random_edits_of_real_clauses_read_back_exactly() -> None:
    rng = random.Random(20261215)
    clauses = sorted(texts(version("1.11")).values())
    for _ in range(400):
        old = rng.choice(clauses)
        new = edit(rng, old)
        assert_exact(old, new)
        assert_exact(new, old)


def test_long_texts_read_back_exactly_whichever_layer_aligns_them() -> None:
    rng = random.Random(5)
    clauses = sorted(texts(version("1.11")).values())
    old = " ".join(rng.choice(clauses).replace("\n", " ") for _ in range(60))  # 3,000+ words
    new = edit(rng, edit(rng, old)).replace("\n", " ")
    assert len(old.split()) * len(new.split()) > words.WORD_SMALL  # the sentence layer
    assert_exact(old, new)
    unrelated = " ".join(rng.choice(clauses).replace("\n", " ") for _ in range(60))
    assert_exact(old, unrelated)


# The bound on the work -------------------------------------------------------------------


def test_two_long_different_texts_cost_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count the token pairs difflib is given: never a piece over the bound, and in all
    about linear in the words (the old engine gave difflib all 20,000 x 20,000)."""
    given: list[int] = []
    real = difflib.SequenceMatcher

    def counting(junk: None, a: list[str], b: list[str], autojunk: bool) -> object:
        assert autojunk is False
        given.append(len(a) * len(b))
        return real(junk, a, b, autojunk=autojunk)

    monkeypatch.setattr("vwo.compare.sequence.SequenceMatcher", counting)
    rng = random.Random(3)
    vocabulary = VOCABULARY

    def sentence() -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 30))).capitalize() + "."

    old = " ".join(sentence() for _ in range(1000))  # about 19,000 words, one paragraph
    new = " ".join(sentence() for _ in range(1000))
    tokens = len(words.tokens(old)) + len(words.tokens(new))
    segments = diff_words(old, new)
    assert (old_side(segments), new_side(segments)) == (old, new)
    assert given and max(given) <= words.WORD_SMALL
    # Each sentence (at most 31 tokens here) is aligned with one counterpart at most.
    assert sum(given) <= 31 * tokens


def test_an_edit_in_each_sentence_of_a_long_text_still_shows_word_by_word() -> None:
    rng = random.Random(9)
    vocabulary = VOCABULARY
    sentences = [" ".join(rng.choice(vocabulary) for _ in range(20)) + "." for _ in range(600)]
    edited = [s.replace(" ", " nieuw ", 1) for s in sentences]  # one word more in each
    segments = diff_words(" ".join(sentences), " ".join(edited))
    assert [s.text for s in segments if s.op == "insert"] == ["nieuw "] * 600
    assert not [s for s in segments if s.op == "delete"]


# The sequence alignment ----------------------------------------------------------------


def test_increasing_run() -> None:
    assert increasing_run([3, 1, 2, 5, 4]) == [1, 2, 4]  # the values 1, 2, 4
    assert increasing_run([]) == []
    assert increasing_run([5, 4, 3]) == [2]


def test_long_sequences_align_on_unique_items() -> None:
    a = list(range(1000))
    b = [*a[:100], -1, *a[101:900], -2, *a[901:]]
    assert sequence.SMALL < 801 * 801  # past the prefix and suffix, too long for difflib
    assert opcodes(a, b) == [
        ("equal", 0, 100, 0, 100),
        ("replace", 100, 101, 100, 101),
        ("equal", 101, 900, 101, 900),
        ("replace", 900, 901, 900, 901),
        ("equal", 901, 1000, 901, 1000),
    ]


def test_long_sequences_without_anchors_are_one_replacement() -> None:
    assert opcodes([0, 1] * 50_000, [1, 0] * 50_000) == [("replace", 0, 100_000, 0, 100_000)]


def test_pair_similar_skips_to_a_near_counterpart_else_pairs_in_place() -> None:
    similar = {(0, 1), (1, 2)}
    assert pair_similar(3, 3, lambda i, j: (i, j) in similar) == [(None, 0), (0, 1), (1, 2), (2, None)]
    assert pair_similar(2, 3, lambda i, j: False) == [(0, 0), (1, 1), (None, 2)]


# Blocks and the comparison --------------------------------------------------------------


def test_a_changed_list_marker_is_kept_with_the_block() -> None:
    [block] = diff_text("a. een", "b. een")
    assert block == BlockDiff("changed", "li", "b.", (Segment("equal", "een"),), "a.")


def test_comparison_of_the_real_versions_counts_the_changed_words() -> None:
    comparison = compare(version("1.0"), version("1.11"), old_version="1.0", new_version="1.11")
    section = next(s for s in comparison.articles if s.id == "subverwerkers")
    assert [c.new_number for c in section.clauses if c.status != "unchanged"] == ["7.2", "7.3"]
    # Deleted: 7.2 "zo spoedig mogelijk" (3) and "vijf werkdagen na die mededeling" (5);
    # 7.3 "andere verwerkers" (2), replaced by "subverwerkers".
    assert section.words[1] == 3 + 5 + 2
