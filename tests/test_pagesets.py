"""The page sets (``vwo.site.pagesets``) and the history each one renders
(``vwo.versions.inputs``): pure, on literal paths and commit records."""

from __future__ import annotations

import pytest

from tests.history_records import decided, history, record
from vwo.errors import VwoError
from vwo.site import pagesets as ps
from vwo.versions.inputs import history_digests

SITE = "https://example.org/vwo/"


V, S, W = ps.VERSION, ps.STANDARD, ps.VIEWS


@pytest.mark.parametrize(
    ("src", "pageset"),
    [
        ("besluiten.md", S),
        ("feeds/besluiten.xml", S),
        ("gebruik.md", S),  # the register's page, in the search index
        ("gebruik.csv", S),
        ("gebruik/gemeenten.md", W),  # its sorted and filtered views: a build of their own
        ("gebruik/versie-1.11/op-datum.md", W),
        ("over/contact.md", S),
        ("toegankelijkheid.md", S),
        ("versies.md", S),
        ("besluiten/VWO-2019-005.md", S),  # a page per proposal
        ("besluiten/verworpen/2019.md", S),  # a filter page of the decision log
        ("abonneren.md", S),
        ("geldend-op.md", S),
        ("feeds/atom.xsl", S),
        ("overeenkomst.md", V),
        ("en/overeenkomst.md", V),  # a translation: a page of its version
        ("en/index.md", V),
        ("wijzigingen.md", V),
        ("wijzigingen.json", V),
        ("vergelijken/1.0/index.md", V),
        ("versies.json", V),  # what this version knew; the root has its own
        ("overzicht.md", V),  # "over" as a prefix of a name, not the folder
        ("gebruiksrecht.md", V),  # "gebruik" as a prefix of a name, not the folder
    ],
)
def test_every_page_has_one_set(src: str, pageset: str) -> None:
    assert ps.pageset_of(src) == pageset
    assert ps.is_standard(src) is (pageset != V)
    for other in (V, S, W):
        assert ps.other_set(src, other) is (other != pageset)
    assert ps.other_set(src, ps.ALL) is False


def test_the_views_build_contributes_only_its_pages() -> None:
    assert ps.is_views_output("gebruik/op-type/index.html")
    assert ps.is_views_output("gebruik/versie-1.11/op-datum/index.html")
    assert not ps.is_views_output("gebruik/index.html")  # the register's own page
    assert not ps.is_views_output("gebruik.csv")
    assert not ps.is_views_output("assets/vwo.css")
    assert ps.at_root(S) and ps.at_root(W) and not ps.at_root(V) and not ps.at_root(ps.ALL)


def test_site_path_leaves_off_the_alias_mike_appends() -> None:
    assert ps.site_path("https://example.org/vwo/actueel/") == "/vwo/"
    assert ps.site_path("https://example.org/vwo") == "/vwo/"
    assert ps.site_path("") == "/"
    assert ps.site_root("https://example.org/vwo/actueel/") == "https://example.org/vwo/"
    assert ps.standard_url(SITE, "over/index.md") == "/vwo/over/"
    assert ps.version_url(SITE, "actueel", "bijlagen/b1.md") == "/vwo/actueel/bijlagen/b1/"


def test_links_to_the_other_set_become_absolute() -> None:
    markdown = (
        "[log](besluiten.md#2026) [tekst](overeenkomst.md) [over](over/index.md) "
        "[mail](mailto:a@b.nl) [web](https://x.org/besluiten.md) [abs](/vwo/x/)"
    )
    assert ps.rewrite_links(markdown, "index.md", ps.VERSION, SITE, "actueel", set()) == (
        "[log](/vwo/besluiten/#2026) [tekst](overeenkomst.md) [over](/vwo/over/) "
        "[mail](mailto:a@b.nl) [web](https://x.org/besluiten.md) [abs](/vwo/x/)"
    )
    page = "[t](../overeenkomst.md#lid) [j](../wijzigingen.json) [b](beheer.md) [css](../assets/a.css)"
    assert ps.rewrite_links(page, "over/contact.md", ps.STANDARD, SITE, "actueel", {"assets/a.css"}) == (
        "[t](/vwo/actueel/overeenkomst/#lid) [j](/vwo/actueel/wijzigingen.json) [b](beheer.md) "
        "[css](../assets/a.css)"
    )
    assert ps.rewrite_links(page, "over/contact.md", ps.ALL, SITE, "actueel", set()) == page
    view = "[terug](../gebruik.md) [ander](gemeenten.md) [log](../besluiten.md) [t](../overeenkomst.md)"
    assert ps.rewrite_links(
        view, "gebruik/op-type.md", ps.VIEWS, SITE, "actueel", {"gebruik/gemeenten.md"}
    ) == (
        "[terug](/vwo/gebruik/) [ander](gemeenten.md) [log](/vwo/besluiten/) [t](/vwo/actueel/overeenkomst/)"
    )


def test_only_existing_pages_of_the_standard_are_redirected() -> None:
    moved = ps.moved_pages(["over/index.md"])
    assert "over/index.md" in moved and "over/contact.md" not in moved
    # Generated: always there.
    assert {"besluiten.md", "gebruik.md", "versies.md", "geldend-op.md", "abonneren.md"} <= set(moved)
    assert all(src in ps.MOVED_TITLES for src in ps.MOVED)


def test_an_unknown_page_set_is_an_error() -> None:
    with pytest.raises(VwoError, match="not a page set"):
        ps.check_pageset("alle")
    assert ps.check_pageset(None) == ps.ALL


def test_a_decision_without_text_changes_the_standard_but_not_the_concept() -> None:
    base = history()
    before = history_digests(base)
    top = base[0].sha[:1]
    unrelated = record("a", "Besluit over een voorstel zonder tekst", "2020-05-01", parents=(top,),
                       trailers=decided("VWO-2020-099", "verworpen", "2020-05-01"))  # fmt: skip
    after = history_digests([unrelated, *base])
    assert after.concept == before.concept
    assert after.standard != before.standard


def test_a_decision_on_a_proposal_with_text_changes_the_concept() -> None:
    base = history()
    before = history_digests(base)
    top = base[0].sha[:1]
    on_text = record("a", "College bevestigt", "2020-05-01", parents=(top,),
                     trailers=decided("VWO-2020-001", "aangenomen", "2020-05-01"))  # fmt: skip
    after = history_digests([on_text, *base])
    assert after.concept != before.concept and after.standard != before.standard


def test_a_commit_without_trailers_or_text_changes_neither() -> None:
    base = history()
    before = history_digests(base)
    code = record("a", "Code: sneller bouwen", "2020-05-01", parents=(base[0].sha[:1],),
                  paths=(("M", "src/vwo/cli.py"),))  # fmt: skip
    assert history_digests([code, *base]) == before
