"""Renderers on literal texts: untrusted and legal text stays inert; the chooser's pairs."""

from __future__ import annotations

from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from tests.soup import tag
from vwo.compare import compare
from vwo.compare.align import Comparison
from vwo.compare.html import blocks_html
from vwo.compare.markdown import comparison_markdown, inert
from vwo.compare.page import RationaleItem, comparison_page, md_escape, pairs
from vwo.compare.site import earlier_versions
from vwo.compare.worddiff import diff_text
from vwo.errors import VwoError
from vwo.site.fragments import fill_fragments
from vwo.text.parse import parse_sources

OLD = "# T\n\n## Artikel 1. Een {#een}\n\n1.1 De verwerker meldt het.\n"
HOSTILE = "De verwerker meldt het <b>@iedereen</b> [hier](https://x.test)."


def comparison() -> Comparison:
    """The new side carries raw HTML, which the parser refuses (``vwo.text.inert``): it is
    put into the model directly, to test the renderers as the second line of defence."""
    old = parse_sources({"overeenkomst.md": OLD})
    article = old.articles[0]
    new = replace(old, articles=(replace(article, clauses=(replace(article.clauses[0], text=HOSTILE),)),))
    return compare(old, new, old_version="1.0", new_version="1.1")


def test_markdown_for_pull_requests_neutralises_html_mentions_and_links() -> None:
    md = comparison_markdown(comparison())
    assert "<b>" not in md and "&lt;b&gt;" in md
    assert "&#64;iedereen" in md  # no GitHub mention
    assert "\\[hier\\]\\(https&#58;//x\\.test\\)" in md  # no link
    assert inert("**vet** _x_ #1") == "vet \\_x\\_ \\#1"


def test_rationale_from_commits_is_escaped() -> None:
    item = RationaleItem(
        "VWO-2019-003",
        "<script>alert(1)</script>",
        "aangenomen",
        "Beheergroep VWO, 2019-03-01",
        "../../besluiten/#vwo-2019-003",
    )
    store: dict[str, str] = {}
    page = comparison_page(comparison(), rationale={"een": [item]}, fragments=store)
    html = fill_fragments(page, store)
    assert "<script>" not in html and "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "lxml")
    why = tag(soup.find("div", class_="vwo-waarom"))
    assert tag(why.find("a"))["href"] == "../../besluiten/#vwo-2019-003"
    assert (
        "VWO-2019-003: <script>alert(1)</script> (aangenomen, Beheergroep VWO, 2019-03-01)" in why.get_text()
    )


def test_rationale_shows_the_reason_per_paragraph_escaped() -> None:
    item = RationaleItem(
        "VWO-2019-005", "Titel", "aangenomen", "", "../../besluiten/VWO-2019-005/",
        reason="Eerste <b>alinea</b>.\n\nTweede alinea.",
    )  # fmt: skip
    changed = compare(
        parse_sources({"overeenkomst.md": OLD}),
        parse_sources({"overeenkomst.md": OLD.replace("meldt het", "meldt het direct")}),
        old_version="1.0",
        new_version="1.1",
    )
    store: dict[str, str] = {}
    html = fill_fragments(comparison_page(changed, rationale={"een": [item]}, fragments=store), store)
    why = tag(BeautifulSoup(html, "lxml").find("div", class_="vwo-waarom"))
    assert [p.get_text() for p in why.select(".vwo-reden p")] == ["Eerste <b>alinea</b>.", "Tweede alinea."]
    assert "<b>alinea" not in html


def test_rationale_links_only_to_web_pages() -> None:
    bad = RationaleItem("VWO-2019-004", "x", "aangenomen", "", "javascript:alert(1)")
    page = comparison_page(comparison(), rationale={"een": [bad]})
    assert "javascript:" not in page and '<a href="#">VWO-2019-004</a>' in page


def test_legal_text_is_escaped_and_emphasis_kept_per_side() -> None:
    html = str(blocks_html(diff_text("- **Betrokkene**: de persoon.", "- **Betrokkene**: de mens <x>.")))
    assert html == (
        '<ul class="vwo-lijst"><li class="vwo-blok vwo-blok--changed"><strong>Betrokkene</strong>: de '
        '<del><span class="sr-only">verwijderd: </span>persoon'
        '<span class="sr-only"> (einde verwijdering)</span></del>'
        '<ins><span class="sr-only">toegevoegd: </span>mens &lt;x&gt;'
        '<span class="sr-only"> (einde toevoeging)</span></ins>'
        ".</li></ul>"
    )


def test_headings_keep_quotes_and_escape_markdown() -> None:
    assert md_escape("Recht op 'vergetelheid' & <b>*x*</b> #1") == (
        "Recht op 'vergetelheid' &amp; &lt;b&gt;\\*x\\*&lt;/b&gt; \\#1"
    )


def test_chooser_offers_every_pair_newest_first() -> None:
    assert pairs(["1.0", "concept", "1.11", "1.2"]) == [
        ("concept", "1.11"),
        ("concept", "1.2"),
        ("concept", "1.0"),
        ("1.11", "1.2"),
        ("1.11", "1.0"),
        ("1.2", "1.0"),
    ]


def test_a_build_version_that_is_no_version_is_an_error() -> None:
    assert earlier_versions("1.2", ["1.11", "1.0", "1.2", "1.1"]) == ["1.0", "1.1"]
    assert earlier_versions("concept", ["1.11", "1.0"]) == ["1.0", "1.11"]
    with pytest.raises(VwoError, match="neither 'concept' nor a version"):
        earlier_versions("dev", ["1.0"])


def test_revision_labels_keep_their_case() -> None:
    from vwo.compare.page import upper_first, version_label

    assert upper_first(version_label("@HEAD")) == "De tekst op @HEAD"
    assert upper_first(version_label("concept")) == "De werkversie (concept)"


def test_changed_punctuation_gets_a_visible_box_and_spaces_stay_outside_the_tags() -> None:
    html = str(blocks_html(diff_text("Binnen 24 uur, aan de partij.", "Binnen 24 uur aan de partij;")))
    assert html == (
        '<p class="vwo-blok vwo-blok--changed">Binnen 24 uur'
        '<del class="vwo-leesteken"><span class="sr-only">verwijderd: </span>,'
        '<span class="sr-only"> (einde verwijdering)</span></del> aan de partij'
        '<del class="vwo-leesteken"><span class="sr-only">verwijderd: </span>.'
        '<span class="sr-only"> (einde verwijdering)</span></del>'
        '<ins class="vwo-leesteken"><span class="sr-only">toegevoegd: </span>;'
        '<span class="sr-only"> (einde toevoeging)</span></ins></p>'
    )
    # The segment is " die partijen kiezen" (its space is new): the space is written before <ins>.
    html = str(blocks_html(diff_text("Binnen een termijn.", "Binnen een termijn die partijen kiezen.")))
    assert 'termijn <ins><span class="sr-only">toegevoegd: </span>die partijen kiezen<span' in html
    new_view = BeautifulSoup(str(blocks_html(diff_text("a, b.", "a b."), "new")), "lxml")
    assert new_view.get_text() == "a b."


def test_markdown_boxes_changed_punctuation_in_code() -> None:
    old = "# T\n\n## Artikel 1. Een {#een}\n\n1.1 Binnen 24 uur, aan de partij.\n"
    new = "# T\n\n## Artikel 1. Een {#een}\n\n1.1 Binnen 24 uur aan de partij.\n"
    md = comparison_markdown(
        compare(
            parse_sources({"overeenkomst.md": old}),
            parse_sources({"overeenkomst.md": new}),
            old_version="1.0",
            new_version="1.1",
        )
    )
    assert "- **1.1** Binnen 24 uur<del><code>,</code></del> aan de partij\\." in md  # ',' is no syntax
