"""The pure parts of the downloads: placeholders, table widths, site-only syntax,
escaping, sizes and the page fragments."""

from __future__ import annotations

from datetime import date

from vwo.downloads.document import portable, version_meta
from vwo.downloads.markdown import (
    odf_field,
    relative_table_widths,
    table_size,
    with_fields,
    word_field,
)
from vwo.downloads.page import filesize, insert_after_title
from vwo.site.dates import long_date
from vwo.versions.model import VersionInfo


def test_placeholders_become_fields_but_links_footnotes_and_checkboxes_stay() -> None:
    source = "De gemeente [naam gemeente], zie [artikel 7](#subverwerkers)[^1], [ ] ja, [x] nee, [ref][a]."
    out = with_fields(source, "typst")
    assert '`#invul("naam gemeente")`{=typst}' in out
    assert out.count("#invul") == 1, out


def test_word_and_odf_fields_escape_their_label() -> None:
    assert 'w:alias w:val="a &lt;b&gt; &amp; &quot;c&quot;"' in word_field('a <b> & "c"')
    assert '[a &lt;b&gt; &amp; "c"]</w:t>' in word_field('a <b> & "c"')
    assert 'loext:showing-place-holder="true">[x &amp; y]</loext:content-control>' in odf_field("x & y")
    assert '#invul("a \\"b\\" \\\\ c")' in with_fields('[a "b" \\ c]', "typst")


def test_fill_in_columns_get_room_in_proportion() -> None:
    table = "| Soort persoonsgegevens | Ja / nee | Toelichting |\n|---|---|---|\n| Naam en adres | | |\n"
    rule = relative_table_widths(table).split("\n")[1]
    widths = [len(cell) for cell in rule.strip("|").split("|")]
    assert widths == [22, 22, 22]
    long_label = "Een omschrijving van het onderdeel, lang"  # 40 characters
    two = f"| Onderdeel | Invulling |\n|:--|---|\n| {long_label} | [in te vullen] |\n"
    rule = relative_table_widths(two).split("\n")[1]
    assert rule == "|:" + "-" * 39 + "|" + "-" * 44 + "|"


def test_columns_get_room_for_their_longest_word() -> None:
    # "Verwerkingsverantwoordelijke" (28 letters, bold header): 28 x 0.24 + 0.45 = 7.17 cm
    # of 16 cm, 0.448 of the width; by length alone it would get 28 / 78 = 0.359.
    table = (
        "| Rol | Verwerkingsverantwoordelijke |\n|---|---|\n"
        "| Contactpersoon voor de overeenkomst en nog veel meer tekst hier | x |\n"
    )
    rule = relative_table_widths(table).split("\n")[1]
    assert [len(cell) for cell in rule.strip("|").split("|")] == [43, 35]


def test_a_table_with_many_columns_is_set_smaller_and_marked() -> None:
    # Longest words: vestigingsplaats 16, verwerking 10, subverwerker 12, persoonsgegevens
    # 16, "doorgiftegrondslag)" 19 letters: 73 x 0.24 = 17.52 cm at 10 pt, with 5 x 0.45 cm
    # padding in 16 cm: 10 x 13.75 / 17.52 = 7.8 pt, so the smallest size, 8 pt.
    table = (
        "| Naam en vestigingsplaats | Locatie van de verwerking | Verwerking die de subverwerker uitvoert "
        "| Soorten persoonsgegevens | Waarborgen (bijvoorbeeld certificering, doorgiftegrondslag) |\n"
        "|---|---|---|---|---|\n| [in te vullen] | [in te vullen] | [in te vullen] | [in te vullen] | |\n"
    )
    out = relative_table_widths(table, lambda size: f"MARK {size}")
    assert out.startswith("MARK 8\n\n| Naam en vestigingsplaats")
    assert relative_table_widths("| a | b |\n|---|---|\n| c | d |\n", lambda size: "MARK").count("MARK") == 0
    assert table_size([1.0, 1.0]) == 10 and table_size([8.0, 8.0, 8.0]) == 8


def test_site_only_attribute_lists_are_dropped() -> None:
    assert portable("Tekst\n{: .vwo-lid }\n\nMeer") == "Tekst\n\nMeer"
    assert portable("[link](a.md){ .vwo-naar-tekst } en verder") == "[link](a.md) en verder"
    assert portable("gewone {accolades} blijven") == "gewone {accolades} blijven"


def test_cover_facts_of_an_adopted_and_a_concept_version() -> None:
    info = VersionInfo(
        "1.1",
        "vastgesteld",
        date(2019, 3, 1),
        "Samenvatting.",
        "Beheergroep VWO",
        mandatory_from=date(2020, 1, 1),
        replaces="1.0",
    )
    meta = version_meta("VWO", "1.1", info, epoch=1764500000)
    assert meta.facts() == [
        ("Versie", "1.1"),
        ("Status", "Vastgestelde versie"),
        ("Gepubliceerd op", "1 maart 2019"),
        ("Vastgesteld door", "Beheergroep VWO"),
        ("Verplicht vanaf", "1 januari 2020"),
        ("Vervangt", "versie 1.0"),
    ]
    assert meta.source_date.date() == date(2019, 3, 1), "a published version ignores SOURCE_DATE_EPOCH"
    assert meta.watermark is None
    concept = version_meta("VWO", "concept", None)
    assert concept.facts() == [("Status", "Werkversie (concept)")], "no invented date without an epoch"
    assert concept.watermark == "Concept — niet vastgesteld"
    assert long_date(date(2018, 12, 6)) == "6 december 2018"


def test_sizes_read_the_dutch_way() -> None:
    assert [filesize(n) for n in (975, 19_581, 264_380, 1_250_000)] == [
        "975 bytes",
        "19,6 kB",
        "264,4 kB",
        "1,2 MB",
    ]


def test_box_goes_right_under_the_title() -> None:
    page = "# Titel\n\nTekst.\n\n## Artikel 1. A {#a}\n"
    assert insert_after_title(page, "BOX") == "# Titel\n\nBOX\n\n\nTekst.\n\n## Artikel 1. A {#a}\n"
    assert insert_after_title("Geen titel\n", "BOX").startswith("\nBOX\n")
