"""The word diff and the article alignment on literal texts: exact inserted and deleted words."""

from __future__ import annotations

from tests.compare_texts import CONCEPT, V10, V11, sources
from vwo.compare import compare
from vwo.compare.align import article_statuses
from vwo.compare.worddiff import Segment, diff_text, diff_words
from vwo.text.parse import parse_sources


def changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in diff_words(old, new) if s.op != "equal"]


def test_identical_texts_have_no_changes() -> None:
    a = parse_sources(sources(V10))
    comparison = compare(a, parse_sources(sources(V10)), old_version="1.0", new_version="1.0")
    assert comparison.summary.identical
    assert all(s.status == "unchanged" and not s.shown for s in comparison.sections)
    assert diff_words("De verwerker meldt.", "De verwerker meldt.") == (
        Segment("equal", "De verwerker meldt."),
    )


def test_one_word_changed_is_one_deletion_and_one_insertion() -> None:
    assert diff_words(
        "De verwerker schakelt geen subverwerker in.", "De verwerker neemt geen subverwerker in."
    ) == (
        Segment("equal", "De verwerker "),
        Segment("delete", "schakelt"),
        Segment("insert", "neemt"),
        Segment("equal", " geen subverwerker in."),
    )


def test_a_short_unchanged_word_between_two_changes_is_folded_into_them() -> None:
    assert changes("de grote en rode bal", "de kleine en blauwe bal") == [
        ("delete", "grote en rode"),
        ("insert", "kleine en blauwe"),
    ]


def test_a_deleted_phrase_before_punctuation_keeps_its_space() -> None:
    # Read as old text: "Zonder ophouden de hele dag."; as new: "Zonder ophouden."
    assert diff_words("Zonder ophouden de hele dag.", "Zonder ophouden.") == (
        Segment("equal", "Zonder ophouden"),
        Segment("delete", " de hele dag"),
        Segment("equal", "."),
    )


def test_whitespace_only_changes_are_no_changes() -> None:
    old = "1.1 De verwerker\nmeldt  een datalek.\n"
    new = "1.1 De   verwerker meldt\neen datalek."
    assert all(not block.changed for block in diff_text(old, new))


def test_punctuation_only_changes_mark_only_the_punctuation() -> None:
    assert changes("De partij, die wil.", "De partij die wil;") == [
        ("delete", ","),
        ("delete", "."),
        ("insert", ";"),
    ]


def test_non_ascii_words_are_whole_words() -> None:
    assert changes(
        "De geïdentificeerde betrokkene in de EER.", "De geïdentificeerde betrokkene in de EU’s."
    ) == [
        ("delete", "EER"),
        ("insert", "EU’s"),
    ]
    assert changes("één café", "één cafés") == [("delete", "café"), ("insert", "cafés")]


def test_a_list_item_added_is_one_added_block() -> None:
    blocks = diff_text("Onder:\n\n- a\n- b\n", "Onder:\n\n- a\n- nieuw\n- b\n")
    assert [(b.status, b.kind, b.segments) for b in blocks] == [
        ("unchanged", "p", (Segment("equal", "Onder:"),)),
        ("unchanged", "li", (Segment("equal", "a"),)),
        ("added", "li", (Segment("insert", "nieuw"),)),
        ("unchanged", "li", (Segment("equal", "b"),)),
    ]


def test_versions_align_by_id_renumbered_is_not_removed_and_added() -> None:
    comparison = compare(
        parse_sources(sources(V10)), parse_sources(sources(V11)), old_version="1.0", new_version="1.1"
    )
    rows = [(s.id, s.old_number, s.new_number, s.status, s.renumbered) for s in comparison.articles]
    assert rows == [
        ("definities", 1, 1, "changed", False),
        ("datalekken", None, 2, "added", False),
        ("subverwerkers", 2, 3, "unchanged", True),
        ("beveiliging", 3, 4, "unchanged", True),
        ("slot", 4, 5, "changed", True),
    ]
    s = comparison.summary
    assert (s.articles_changed, s.articles_added, s.articles_removed, s.articles_renumbered) == (2, 1, 0, 3)
    # definities: -leverancier +opdrachtnemer; datalekken: title 1 + "De verwerker meldt een
    # datalek binnen 24 uur" 8; slot: "Geschillen gaan naar de rechter in Den Haag" 8.
    assert (s.words_inserted, s.words_deleted) == (1 + 1 + 8 + 8, 1)
    slot = comparison.articles[-1]
    assert [(c.old_number, c.new_number, c.status) for c in slot.clauses] == [
        ("4.1", "5.1", "unchanged"),
        (None, "5.2", "added"),
    ]
    definities = comparison.articles[0]
    assert [(x.op, x.text) for x in definities.clauses[0].blocks[0].segments if x.op != "equal"] == [
        ("delete", "leverancier"),
        ("insert", "opdrachtnemer"),
    ]


def test_removed_article_stays_where_it_stood() -> None:
    comparison = compare(
        parse_sources(sources(V11)), parse_sources(sources(CONCEPT)), old_version="1.1", new_version="concept"
    )
    assert [(s.id, s.status) for s in comparison.articles] == [
        ("definities", "unchanged"),
        ("datalekken", "unchanged"),
        ("subverwerkers", "unchanged"),
        ("beveiliging", "changed"),
        ("slot", "removed"),
    ]
    s = comparison.summary
    # Deleted: "passend"; the removed article's title (1) and clause "Nederlands recht is van
    # toepassing" (5); clause "Geschillen gaan naar de rechter in Den Haag" (8).
    assert (s.articles_changed, s.articles_removed) == (1, 1)
    assert (s.words_inserted, s.words_deleted) == (1, 1 + 1 + 5 + 8)
    assert s.explanations_changed == 1  # the toelichting of the removed article went too


def test_article_moved_and_edited() -> None:
    old = (
        "# T\n\n## Artikel 1. Een {#een}\n\n1.1 Eerste tekst hier.\n\n"
        "## Artikel 2. Twee {#twee}\n\n2.1 Tweede tekst.\n\n## Artikel 3. Drie {#drie}\n\n3.1 Derde tekst.\n"
    )
    new = (
        "# T\n\n## Artikel 1. Twee {#twee}\n\n1.1 Tweede tekst.\n\n## Artikel 2. Drie {#drie}\n\n"
        "2.1 Derde tekst.\n\n## Artikel 3. Een {#een}\n\n3.1 Eerste tekst daar.\n"
    )
    comparison = compare(
        parse_sources({"overeenkomst.md": old}),
        parse_sources({"overeenkomst.md": new}),
        old_version="a",
        new_version="b",
    )
    rows = [(s.id, s.old_number, s.new_number, s.status, s.moved) for s in comparison.articles]
    assert rows == [
        ("twee", 2, 1, "unchanged", False),
        ("drie", 3, 2, "unchanged", False),
        ("een", 1, 3, "changed", True),
    ]
    een = comparison.articles[2]
    assert [(x.op, x.text) for x in een.clauses[0].blocks[0].segments if x.op != "equal"] == [
        ("delete", "hier"),
        ("insert", "daar"),
    ]


def test_without_a_shared_id_similar_titles_are_matched_and_flagged() -> None:
    old = "# T\n\n## Artikel 1. Beveiliging van gegevens {#art1}\n\n1.1 Passend beveiligen.\n"
    new = "# T\n\n## Artikel 1. Beveiliging van de gegevens {#beveiliging}\n\n1.1 Passend beveiligen.\n"
    comparison = compare(
        parse_sources({"overeenkomst.md": old}),
        parse_sources({"overeenkomst.md": new}),
        old_version="a",
        new_version="b",
    )
    [section] = comparison.articles
    assert (section.id, section.old_id, section.matched_by, section.status) == (
        "beveiliging",
        "art1",
        "titel",
        "changed",
    )
    assert comparison.summary.matched_by_title == 1


def test_article_statuses_are_those_of_the_full_comparison() -> None:
    """The article history's shortcut (no word diff for equal articles) agrees with
    ``compare`` on every pair, including whitespace-only edits and a renumbering."""
    texts = [
        V10,
        V11,
        CONCEPT,
        V10.replace("de leverancier.", "de  leverancier.\n"),
        V11.replace("4.1", "4.1 "),
    ]
    agreements = [parse_sources(sources(text)) for text in texts]
    for old in agreements:
        for new in agreements:
            full = compare(old, new, old_version="a", new_version="b")
            assert article_statuses(old, new) == {s.id: s.status for s in full.articles}
    assert set(article_statuses(agreements[0], agreements[1]).values()) == {"unchanged", "changed", "added"}
