"""A translation against its Dutch source: the parser with English keywords, and every
kind of mismatch (missing, extra, out of order, wrong id or number; preamble blocks;
annex sections and tables; toelichting sections), each with file, line and hint.

The translation is the translator's own (``tests/fixtures/translation-concept``),
stamped first, then changed one way per test; line numbers are looked up in the texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.translation_support import unit_root
from vwo.errors import ParseError, VwoError
from vwo.text.parse import parse_sources
from vwo.translation.pending import Standing
from vwo.translation.source import read_standing
from vwo.translation.stamp import stamp

EN = "vertalingen/en"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = unit_root(tmp_path / "repo")
    stamp(root)
    return root


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The line (1-based) of the ``nth`` line of ``path`` that starts with ``text``."""
    found = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if line.startswith(text)]
    return found[nth - 1]


def change(root: Path, rel: str, edit: Callable[[str], str]) -> None:
    path = root / EN / rel
    before = path.read_text()
    after = edit(before)
    assert after != before
    path.write_text(after)


def standing(root: Path) -> Standing:
    return read_standing(root, EN)


def only_finding(root: Path) -> str:
    findings = standing(root).findings
    assert len(findings) == 1, [str(f) for f in findings]
    return str(findings[0])


def test_the_translators_texts_match_their_sources(tmp_path: Path) -> None:
    for fixture in ("translation-concept", "translation-2.7"):
        root = unit_root(tmp_path / fixture, Path(__file__).parent / "fixtures" / fixture)
        found = read_standing(root, EN, "concept")
        assert found.findings == ()
        assert len(found.translation.agreement.articles) == len(found.source.articles) == 18
        assert found.translation.agreement.articles[6].heading == "Article 7. Sub-processors"
        assert [a.heading.split(".")[0] for a in found.translation.agreement.annexes] == [
            "Annex 1",
            "Annex 2",
            "Annex 3",
            "Annex 4",
        ]


def test_dutch_rules_are_not_weakened() -> None:
    """English keywords are for translations only: the Dutch text still needs 'Artikel'."""
    text = "# Titel\n\n## Article 1. Onderwerp {#onderwerp}\n\n1.1 Tekst.\n"
    with pytest.raises(ParseError) as caught:
        parse_sources({"overeenkomst.md": text}, prefix="docs/")
    assert str(caught.value).startswith("docs/overeenkomst.md:3: unexpected heading")
    assert "## Artikel 7. Subverwerkers" in str(caught.value)
    english = parse_sources({"overeenkomst.md": text}, prefix="vertalingen/en/", language="en")
    assert english.articles[0].heading == "Article 1. Onderwerp"
    with pytest.raises(VwoError, match="unknown text language 'de'"):
        parse_sources({"overeenkomst.md": text}, language="de")


def test_a_dutch_keyword_left_in_the_translation(root: Path) -> None:
    change(root, "overeenkomst.md", lambda s: s.replace("## Article 9.", "## Artikel 9."))
    line = line_of(root / EN / "overeenkomst.md", "## Artikel 9.")
    with pytest.raises(ParseError) as caught:
        standing(root)
    assert str(caught.value).startswith(f"{EN}/overeenkomst.md:{line}: unexpected heading '## Artikel 9.")
    assert "hint: only article headings are allowed here; write it as '## Article 7. Sub-processors" in str(
        caught.value
    )


def test_wrong_article_id(root: Path) -> None:
    change(root, "overeenkomst.md", lambda s: s.replace("{#doorgifte}", "{#transfers}"))
    line = line_of(root / EN / "overeenkomst.md", "## Article 8.")
    dutch = line_of(root / "docs/overeenkomst.md", "## Artikel 8.")
    assert only_finding(root) == (
        f"{EN}/overeenkomst.md:{line}: article 8 has the id 'transfers', the Dutch article 8 has 'doorgifte' "
        f"(docs/overeenkomst.md:{dutch})\nhint: ids are the same in every language: write {{#doorgifte}}"
    )
    assert not standing(root).findings[0].behind


def test_missing_article(root: Path) -> None:
    """The last article and its toelichting left out: the article is named where it belongs."""

    def drop(text: str) -> str:
        return text[: text.index("## Article 18.")]

    change(root, "overeenkomst.md", drop)
    change(root, "toelichting.md", lambda s: s[: s.index("## Article 18.")] + s[s.index("## Annex 1.") :])
    en = (root / EN / "overeenkomst.md").read_text().splitlines()
    last_text = max(n for n, line in enumerate(en, start=1) if line.strip())
    dutch = line_of(root / "docs/overeenkomst.md", "## Artikel 18.")
    findings = [str(f) for f in standing(root).findings]
    assert findings[0] == (
        f"{EN}/overeenkomst.md:{last_text + 1}: article 18 {{#toepasselijk-recht}} is missing (the "
        "Dutch source "
        f"has it at docs/overeenkomst.md:{dutch})\nhint: translate it, with the same number and id: "
        "'## Article 18. <title> {#toepasselijk-recht}'"
    )
    assert "the toelichting section {#toepasselijk-recht} is missing" in findings[1]
    assert len(findings) == 2


def test_extra_article(root: Path) -> None:
    change(
        root, "overeenkomst.md", lambda s: s + "\n## Article 19. Extra {#extra}\n\n19.1 An extra article.\n"
    )
    line = line_of(root / EN / "overeenkomst.md", "## Article 19.")
    assert only_finding(root) == (
        f"{EN}/overeenkomst.md:{line}: article 19 {{#extra}} is not in the Dutch source\n"
        "hint: a translation has exactly the articles of its source: remove it, or give it the id of the "
        "Dutch article it translates"
    )


def test_articles_out_of_order(root: Path) -> None:
    """Articles 16 and 17 swapped (numbered in order, as the parser requires): renumbered."""

    def swap(text: str) -> str:
        start, middle, end = (
            text.index("## Article 16."),
            text.index("## Article 17."),
            text.index("## Article 18."),
        )
        sixteen, seventeen = text[start:middle], text[middle:end]
        sixteen = sixteen.replace("## Article 16.", "## Article 17.").replace("\n16.", "\n17.")
        seventeen = seventeen.replace("## Article 17.", "## Article 16.").replace("\n17.", "\n16.")
        return text[:start] + seventeen + sixteen + text[end:]

    change(root, "overeenkomst.md", swap)
    line = line_of(root / EN / "overeenkomst.md", "## Article 16.")
    dutch = line_of(root / "docs/overeenkomst.md", "## Artikel 17.")
    findings = [str(f) for f in standing(root).findings]
    assert (
        f"{EN}/overeenkomst.md:{line}: article 16 {{#wijzigingen}} is article 17 in the Dutch source "
        f"(docs/overeenkomst.md:{dutch})\nhint: keep the order and the numbering of the Dutch "
        "text; ids never change"
    ) in findings


def test_article_number_out_of_order_is_the_parsers_error(root: Path) -> None:
    change(root, "overeenkomst.md", lambda s: s.replace("## Article 12.", "## Article 13.", 1))
    line = line_of(root / EN / "overeenkomst.md", "## Article 13.")
    with pytest.raises(ParseError) as caught:
        standing(root)
    assert str(caught.value) == (
        f"{EN}/overeenkomst.md:{line}: article number 13 out of order (expected 12)\n"
        "hint: number articles 1, 2, 3, ... in document order; ids stay the same"
    )


def test_missing_last_clause(root: Path) -> None:
    change(root, "overeenkomst.md", lambda s: s[: s.index("\n1.4 ")] + "\n\n" + s[s.index("## Article 2.") :])
    path = (root / EN / "overeenkomst.md").read_text().splitlines()
    article_end = max(
        n
        for n, line in enumerate(path[: line_of(root / EN / "overeenkomst.md", "## Article 2.") - 1], 1)
        if line.strip()
    )
    dutch = line_of(root / "docs/overeenkomst.md", "1.4 ")
    found = standing(root).findings
    assert str(found[0]) == (
        f"{EN}/overeenkomst.md:{article_end}: clause 1.4 is missing (the Dutch source has it at "
        f"docs/overeenkomst.md:{dutch})\nhint: translate every Dutch clause under its own number, '1.4 ...'; "
        "if a clause in the middle was left out, the numbers after it have shifted"
    )
    # Stamped as translated, now missing: a mistake, not a translation that is behind.
    assert not found[0].behind


def test_a_clause_left_out_in_the_middle_is_the_parsers_error(root: Path) -> None:
    change(root, "overeenkomst.md", lambda s: s.replace(s[s.index("\n7.3 ") : s.index("\n7.4 ")], ""))
    line = line_of(root / EN / "overeenkomst.md", "7.4 ")
    with pytest.raises(ParseError) as caught:
        standing(root)
    assert str(caught.value) == (
        f"{EN}/overeenkomst.md:{line}: clause 7.4 out of order (expected 7.3)\n"
        "hint: number clauses consecutively without gaps"
    )


def test_extra_clause(root: Path) -> None:
    change(
        root,
        "overeenkomst.md",
        lambda s: s.replace("\n## Article 2.", "\n1.5 An extra clause.\n\n## Article 2."),
    )
    line = line_of(root / EN / "overeenkomst.md", "1.5 ")
    dutch = line_of(root / "docs/overeenkomst.md", "## Artikel 1.")
    assert only_finding(root) == (
        f"{EN}/overeenkomst.md:{line}: clause 1.5 is not in the Dutch source (article 1 has 4 clauses there, "
        f"docs/overeenkomst.md:{dutch})\nhint: a translation has exactly the clauses of its "
        "source: remove it or "
        "join it to the clause it belongs to"
    )


def test_missing_annex(root: Path) -> None:
    (root / EN / "bijlagen/bijlage-4-contact.md").unlink()
    change(root, "toelichting.md", lambda s: s[: s.index("## Annex 4.")])
    findings = [str(f) for f in standing(root).findings]
    assert findings[0] == (
        f"{EN}/bijlagen/bijlage-4-contact.md:1: annex 4 {{#bijlage-contact}} is missing (the Dutch "
        "source has it "
        "at docs/bijlagen/bijlage-4-contact.md:1)\nhint: translate it into a file of the same name, starting "
        "'# Annex 4. <title> {#bijlage-contact}'"
    )


def test_extra_annex(root: Path) -> None:
    (root / EN / "bijlagen/bijlage-5-extra.md").write_text("# Annex 5. Extra {#bijlage-extra}\n\nText.\n")
    assert only_finding(root) == (
        f"{EN}/bijlagen/bijlage-5-extra.md:1: annex 5 {{#bijlage-extra}} "
        "(bijlagen/bijlage-5-extra.md) is not in "
        "the Dutch source\nhint: a translation has exactly the annexes of its source, in files of "
        "the same names"
    )


def test_wrong_annex_id(root: Path) -> None:
    change(
        root,
        "bijlagen/bijlage-2-beveiliging.md",
        lambda s: s.replace("{#bijlage-beveiliging}", "{#annex-security}"),
    )
    assert only_finding(root) == (
        f"{EN}/bijlagen/bijlage-2-beveiliging.md:1: annex 2 has the id 'annex-security', the Dutch annex has "
        "'bijlage-beveiliging' (docs/bijlagen/bijlage-2-beveiliging.md:1)\n"
        "hint: ids are the same in every language: write {#bijlage-beveiliging}"
    )


def test_renumbered_annexes(root: Path) -> None:
    change(root, "bijlagen/bijlage-2-beveiliging.md", lambda s: s.replace("# Annex 2.", "# Annex 3."))
    change(root, "bijlagen/bijlage-3-subverwerkers.md", lambda s: s.replace("# Annex 3.", "# Annex 2."))
    findings = [str(f) for f in standing(root).findings]
    assert findings == [
        f"{EN}/bijlagen/bijlage-2-beveiliging.md:1: annex {{#bijlage-beveiliging}} is numbered 3, "
        "in the Dutch "
        "source it is annex 2 (docs/bijlagen/bijlage-2-beveiliging.md:1)\n"
        "hint: keep the order and the numbering of the Dutch text; ids never change",
        f"{EN}/bijlagen/bijlage-3-subverwerkers.md:1: annex {{#bijlage-subverwerkers}} is numbered 2, in the "
        "Dutch source it is annex 3 (docs/bijlagen/bijlage-3-subverwerkers.md:1)\n"
        "hint: keep the order and the numbering of the Dutch text; ids never change",
    ]


def test_annex_table_with_other_columns(root: Path) -> None:
    rel = "bijlagen/bijlage-3-subverwerkers.md"
    change(
        root,
        rel,
        lambda s: s.replace("| Outcome |", "| Outcome | Note |", 1).replace(
            "|---|---|---|---|\n| | | | |", "|---|---|---|---|---|\n| | | | | |"
        ),
    )
    line = line_of(root / EN / rel, "| Date of the notice")
    dutch = line_of(root / "docs" / rel, "| Datum mededeling")
    assert only_finding(root) == (
        f"{EN}/{rel}:{line}: a table of 5 columns where the Dutch annex has a table of 4 columns "
        f"(docs/{rel}:{dutch})\nhint: an annex mirrors the Dutch sections and tables: the same headings, and "
        "tables with the same columns"
    )


def test_missing_toelichting_section(root: Path) -> None:
    change(
        root,
        "toelichting.md",
        lambda s: s.replace(s[s.index("## Article 11.") : s.index("## Article 12.")], ""),
    )
    line = line_of(root / EN / "toelichting.md", "## Article 12.")
    dutch = line_of(root / "docs/toelichting.md", "## Artikel 11.")
    assert only_finding(root) == (
        f"{EN}/toelichting.md:{line}: the toelichting section {{#dpia}} is missing (the Dutch "
        "source has it at "
        f"docs/toelichting.md:{dutch})\nhint: translate it: '## Article 11. <title> {{#dpia}}'"
    )


def test_wrong_toelichting_id(root: Path) -> None:
    change(root, "toelichting.md", lambda s: s.replace("{#dpia}", "{#dpia-notes}"))
    line = line_of(root / EN / "toelichting.md", "## Article 11.")
    with pytest.raises(ParseError) as caught:
        standing(root)
    assert str(caught.value) == (
        f"{EN}/toelichting.md:{line}: toelichting for unknown article 'dpia-notes'\n"
        "hint: use the id of an article or annex in overeenkomst.md or bijlagen/"
    )


def test_toelichting_sections_swapped(root: Path) -> None:
    def swap(text: str) -> str:
        a, b, c = text.index("## Article 11."), text.index("## Article 12."), text.index("## Article 13.")
        return text[:a] + text[b:c] + text[a:b] + text[c:]

    change(root, "toelichting.md", swap)
    line = line_of(root / EN / "toelichting.md", "## Article 12.")
    dutch = line_of(root / "docs/toelichting.md", "## Artikel 12.")
    assert only_finding(root) == (
        f"{EN}/toelichting.md:{line}: the toelichting section {{#audits}} is in another place than "
        "in the Dutch "
        f"toelichting (docs/toelichting.md:{dutch})\nhint: keep the order and the numbering of the "
        "Dutch text; "
        "ids never change"
    )


def test_renumbered_toelichting_section(root: Path) -> None:
    change(root, "toelichting.md", lambda s: s.replace("## Article 11.", "## Article 12.", 1))
    line = line_of(root / EN / "toelichting.md", "## Article 12.")
    dutch = line_of(root / "docs/toelichting.md", "## Artikel 11.")
    assert only_finding(root) == (
        f"{EN}/toelichting.md:{line}: the toelichting section is titled 'Article 12. DPIA and "
        "prior consultation', "
        f"the Dutch section 'Artikel 11. DPIA en voorafgaande raadpleging' (docs/toelichting.md:{dutch})\n"
        "hint: start its title with 'Article 11.', as the article or annex it explains"
    )


def test_preamble_block_with_another_marker(root: Path) -> None:
    change(root, "overeenkomst.md", lambda s: s.replace("- f. the parties", "- g. the parties"))
    line = line_of(root / EN / "overeenkomst.md", "- g. the parties")
    dutch = line_of(root / "docs/overeenkomst.md", "- f. ")
    assert only_finding(root) == (
        f"{EN}/overeenkomst.md:{line}: preamble block 11 is a list item '- g.', the Dutch preamble "
        "has a list "
        f"item '- f.' there (docs/overeenkomst.md:{dutch})\nhint: the preamble mirrors the Dutch "
        "blocks one to "
        "one: each paragraph and list item (parties, recitals a., b., ...) translated in its own block with "
        "the same marker"
    )


def test_preamble_block_count(root: Path) -> None:
    """The closing words left out: one block fewer than the Dutch preamble."""
    change(root, "overeenkomst.md", lambda s: s.replace("**have agreed as follows:**\n", ""))
    last = line_of(root / EN / "overeenkomst.md", "- f. ")
    dutch = line_of(root / "docs/overeenkomst.md", "**verklaren")
    assert only_finding(root) == (
        f"{EN}/overeenkomst.md:{last}: the preamble has 11 blocks, the Dutch preamble 12; block 12 is at "
        f"docs/overeenkomst.md:{dutch}\nhint: the preamble mirrors the Dutch blocks one to one: "
        "each paragraph "
        "and list item (parties, recitals a., b., ...) translated in its own block with the same marker"
    )


def test_what_is_behind_the_dutch_text_is_told_apart_from_mistakes(root: Path) -> None:
    """The Dutch concept gains a clause and a recital: the translation lacks them, which is
    its source moving on (behind), not a mistake; a mistake in the same run stays one."""
    dutch = root / "docs/overeenkomst.md"
    text = dutch.read_text()
    text = text.replace("\n## Artikel 2.", "\n1.5 Een nieuw lid.\n\n## Artikel 2.")
    text = text.replace("- f. partijen", "- f. partijen hun afspraken;\n- g. partijen", 1)
    dutch.write_text(text)
    change(root, "overeenkomst.md", lambda s: s.replace("{#doorgifte}", "{#transfers}"))
    found = standing(root)
    behind = {f.unit: f.behind for f in found.findings}
    assert behind == {"definities-5": True, "aanhef": True, "transfers": False}
    assert [f.unit for f in found.errors(published=False)] == ["transfers"]
    assert {f.unit for f in found.errors(published=True)} == {"definities-5", "aanhef", "transfers"}
    assert {p.key for p in found.pending} == {"aanhef", "definities-5"}
