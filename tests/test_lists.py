"""List items that carry their own letter or number ("- a. partijen ..."): shown once, as
the list's own numbering, on the site, on the comparison page and for pandoc."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup

from tests.gitrepo import ROOT
from tests.soup import tag
from vwo.compare.html import blocks_html
from vwo.compare.worddiff import diff_text
from vwo.downloads.pandoc import pandoc_path
from vwo.text.lists import Marker, Run, own_marker, pandoc_lists, runs
from vwo.text.parse import load_agreement

CONSIDERANS = """\
**Overwegende dat**

- a. partijen de hoofdovereenkomst [naam gemeente] hebben gesloten;
- b. de verwerker **persoonsgegevens** verwerkt;
- c. partijen dit willen vastleggen;

**verklaren te zijn overeengekomen als volgt:**
"""


def test_own_markers_are_one_lower_case_letter_or_a_number() -> None:
    assert own_marker("a. partijen") == Marker("lower-alpha", 1, ".", 3)
    assert own_marker("c) de verwerker") == Marker("lower-alpha", 3, ")", 3)
    assert own_marker("12. twaalf") == Marker("decimal", 12, ".", 4)
    assert own_marker("b.\u00a0vast") == Marker("lower-alpha", 2, ".", 3)
    assert own_marker("a. partijen").label == "a."  # type: ignore[union-attr]
    for text in ("J. de Vries", "AVG: de verordening", "ab. twee letters", "a.tekst", "e.g. zo", "a. "):
        assert own_marker(text) is None, text


def test_runs_count_on_and_break_where_the_letters_do() -> None:
    a, b, d, one = (own_marker(f"{x}. t") for x in ("a", "b", "d", "1"))
    assert runs([a, b, d, None, None, one]) == [
        Run(0, 2, a),
        Run(2, 3, d),
        Run(3, 5, None),
        Run(5, 6, one),
    ]
    assert runs([]) == []


def html(source: str) -> BeautifulSoup:
    rendered = markdown.markdown(source, extensions=["attr_list", "md_in_html", "vwo.site.lists"])
    return BeautifulSoup(rendered, "lxml")


def test_site_renders_a_lettered_bullet_list_as_an_ordered_list_of_letters() -> None:
    page = html(CONSIDERANS)
    assert page.find("ul") is None
    ordered = tag(page.find("ol"))
    assert ordered["type"] == "a" and not ordered.get("start")
    items = [li.get_text() for li in ordered.find_all("li")]
    assert items == [
        "partijen de hoofdovereenkomst [naam gemeente] hebben gesloten;",
        "de verwerker persoonsgegevens verwerkt;",
        "partijen dit willen vastleggen;",
    ]
    assert tag(ordered.find("strong")).get_text() == "persoonsgegevens"


def test_site_splits_a_list_where_the_letters_jump_and_keeps_plain_bullets() -> None:
    page = html("- a. een\n- b. twee\n- d. vier\n- gewoon punt\n- **AVG**: de verordening\n")
    lists = [
        (e.name, e.get("type"), e.get("start"), [li.get_text() for li in e.find_all("li")])
        for e in tag(page.body).find_all(["ul", "ol"])
    ]
    assert lists == [
        ("ol", "a", None, ["een", "twee"]),
        ("ol", "a", "4", ["vier"]),
        ("ul", None, None, ["gewoon punt", "AVG: de verordening"]),
    ]


def test_site_handles_loose_items_and_closing_parentheses() -> None:
    page = html("- a) eerste\n\n- b) tweede\n")
    ordered = tag(page.find("ol"))
    assert ordered["class"] == ["vwo-lijst-haakje"] and ordered["type"] == "a"
    assert [p.get_text() for p in ordered.find_all("p")] == ["eerste", "tweede"]


def test_site_leaves_other_lists_alone() -> None:
    source = "- **AVG**: de verordening\n- **betrokkene**: de persoon\n\n1. een\n2. twee\n"
    assert str(html(source)) == str(BeautifulSoup(markdown.markdown(source), "lxml"))


def test_comparison_page_shows_the_letter_once_without_a_bullet() -> None:
    old = "- a. partijen sluiten;\n- b. de verwerker verwerkt;\n"
    new = "- a. partijen sluiten;\n- b. de verwerker verwerkt zorgvuldig;\n"
    page = BeautifulSoup(str(blocks_html(tuple(diff_text(old, new)))), "lxml")
    assert page.find("ul") is None
    ordered = tag(page.find("ol"))
    assert ordered["class"] == ["vwo-lijst", "vwo-lijst--eigen"]
    texts = [li.get_text() for li in ordered.find_all("li")]
    assert texts[0] == "a. partijen sluiten;"
    assert texts[1].startswith("b. de verwerker verwerkt") and "zorgvuldig" in texts[1]
    bullets = BeautifulSoup(str(blocks_html(tuple(diff_text("- x\n- y\n", "- x\n- z\n")))), "lxml")
    assert tag(bullets.find("ul"))["class"] == ["vwo-lijst"] and bullets.find("ol") is None


def native(source: str, reader: str) -> list[Any]:
    out = subprocess.run(
        [pandoc_path(), "--from", reader, "--to", "json"],
        input=source.encode(),
        capture_output=True,
        check=True,
    )
    blocks: list[Any] = json.loads(out.stdout)["blocks"]
    return blocks


def test_pandoc_reads_the_items_as_a_lettered_list() -> None:
    blocks = native(pandoc_lists(CONSIDERANS), "markdown")
    ordered = [b for b in blocks if b["t"] == "OrderedList"]
    assert len(ordered) == 1
    (start, style, delimiter), items = ordered[0]["c"]
    assert (start, style["t"], delimiter["t"]) == (1, "LowerAlpha", "Period")
    assert [item[0]["c"][0]["c"] for item in items] == ["partijen", "de", "partijen"]
    jump = native(pandoc_lists("- a. een\n- b. twee\n- d. vier\n- e. vijf\n"), "markdown")
    assert [(b["c"][0][0], len(b["c"][1])) for b in jump if b["t"] == "OrderedList"] == [(1, 2), (4, 2)]


def _unmarked(inlines: list[Any]) -> list[Any]:
    """The inlines of an item without its leading marker: "a." and the space after it,
    or the marker part of "c.\u00a0de" (a no-break space in the text)."""
    head = inlines[0]["c"]
    marker = own_marker(head + " x")
    assert marker is not None
    if marker.length > len(head):
        return inlines[2:]
    return [{"t": "Str", "c": head[marker.length :]}, *inlines[1:]]


def _expected(blocks: Any) -> Any:
    """What pandoc_lists should change in pandoc's reading without fancy_lists: bullet
    lists whose items start with their own letter become lettered lists, and plain
    "1." lists carry their style explicitly. Everything else stays identical."""
    if isinstance(blocks, list):
        return [_expected(b) for b in blocks]
    if not isinstance(blocks, dict):
        return blocks
    if blocks.get("t") == "BulletList":
        items = blocks["c"]
        heads = [item[0]["c"][0] if item and item[0]["c"] else None for item in items]
        if heads and all(h and h["t"] == "Str" and own_marker(h["c"] + " x") for h in heads):
            head = heads[0]
            assert head is not None
            first = own_marker(head["c"] + " x")
            assert first is not None
            letters = "LowerAlpha" if first.style == "lower-alpha" else "Decimal"
            new_items = [[{**item[0], "c": _unmarked(item[0]["c"])}, *item[1:]] for item in items]
            attrs = [first.value, {"t": letters}, {"t": "Period"}]
            return {"t": "OrderedList", "c": [attrs, _expected(new_items)]}
    if blocks.get("t") == "OrderedList":
        (start, style, delimiter), items = blocks["c"]
        if style["t"] == "DefaultStyle":
            style, delimiter = {"t": "Decimal"}, {"t": "Period"}
        return {"t": "OrderedList", "c": [[start, style, delimiter], _expected(items)]}
    return {key: _expected(value) for key, value in blocks.items()}


@pytest.mark.parametrize("folder", ["docs", "versions/1.0", "versions/1.11"])
def test_every_published_text_reads_the_same_apart_from_the_lettered_lists(folder: str) -> None:
    agreement = load_agreement(ROOT / folder, display=folder)
    texts = [agreement.preamble, *(c.text for c in agreement.clauses()), *(a.body for a in agreement.annexes)]
    texts += [agreement.explanation_intro, *(e.body for e in agreement.explanations)]
    source = "\n\n<!-- -->\n\n".join(texts)
    before = native(source, "markdown-fancy_lists")
    after = native(pandoc_lists(source), "markdown")
    assert after == _expected(before)
    assert json.dumps(after).count('"LowerAlpha"') >= 2, "the considerans and 6.3 (and 10.2 from 1.11 on)"


def test_lines_that_fancy_lists_would_read_as_lists_stay_text() -> None:
    source = "Zie\n\n(a) dit\n\ni. of dat\n\nA. Jansen tekende\n\n1) hier\n\n- ii. nog een\n"
    assert native(pandoc_lists(source), "markdown") == native(source, "markdown-fancy_lists")
