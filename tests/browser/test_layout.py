"""The published site on a phone and on a wide screen (issue 20, the mobile persona):
no sideways scrolling at any width from 320 px, the header's name and version side by
side without overlap, headings that hyphenate, tables that scroll in their own box with
a hint, a menu that opens at the top level, a register chart whose text stays legible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.pages import PAGES, PUBLISHED_PREFIXES, published_path

NARROW = [320, 390]
# Widths across Material's breakpoints (45em, 60em, 76.25em) and the review's desktop.
HEADER_WIDTHS = [320, 390, 600, 768, 1000, 1280, 1366]
VERSION_ROOTS = ["actueel/", "concept/", "1.0/"]
COMPARISONS = ["concept/vergelijken/1.11/", "actueel/vergelijken/1.0/"]


@pytest.fixture
def phone(browser: Browser, published_site: str) -> Iterator[Callable[[int], Page]]:
    """``phone(width)``: a page of the published site at that width, with touch below 800 px
    (CSS pixels: the layout is the same at any device pixel ratio)."""
    contexts = []

    def open_page(width: int) -> Page:
        context = browser.new_context(
            viewport={"width": width, "height": 740},
            has_touch=width < 800,
            is_mobile=width < 800,
            locale="nl-NL",
            base_url=published_site,
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def page_paths(prefix: str) -> list[str]:
    """Each page type under ``prefix``; a page of the standard at the site root."""
    return [published_path(prefix, name) for name in PAGES]


WIDTHS = "() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"


@pytest.mark.parametrize("width", NARROW)
@pytest.mark.parametrize("prefix", VERSION_ROOTS)
def test_no_page_is_wider_than_the_screen(phone: Callable[[int], Page], prefix: str, width: int) -> None:
    page = phone(width)
    paths = page_paths(prefix) + (COMPARISONS if prefix == "concept/" else [])
    wide = []
    for path in paths:
        page.goto(path)
        measured = page.evaluate(WIDTHS)
        opened = measured
        # The 404 page has no version menu, nor has a page of the standard (no mike version).
        if not path.endswith("404.html") and path.startswith(tuple(VERSION_ROOTS)):
            page.wait_for_selector(".md-version__current")  # Material renders it late
            # The open version menu (it widened the page to 432 px) must stay inside too.
            page.locator(".md-version__current").focus()
            opened = page.evaluate(WIDTHS)
        if measured[0] != width or measured[1] > width or opened[0] != width:
            wide.append(f"{path}: closed {measured}, version menu open {opened}")
    assert not wide, f"pages wider than {width} px:\n" + "\n".join(wide)


HEADER = """() => {
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      ? {left: r.left, right: r.right, top: r.top, bottom: r.bottom} : null; };
  const shown = (sel) => [...document.querySelectorAll(sel)].map(box).find(Boolean) || null;
  const name = [...document.querySelectorAll('.vwo-sitenaam > *')].find(el => box(el));
  const button = document.querySelector('.md-version__current');
  return {
    name: name ? {text: name.textContent.trim(), box: box(name),
                  clipped: name.scrollWidth > name.clientWidth + 1
                           && getComputedStyle(name).display !== 'inline'} : null,
    nameRoom: box(document.querySelector('.vwo-sitenaam')),
    version: button ? {text: button.innerText.trim(), box: box(button),
                       clipped: button.scrollWidth > button.clientWidth + 1} : null,
    buttons: ['label.md-header__button[for=__drawer]', 'label.md-header__button[for=__search]',
              '.md-search__inner', '.md-logo'].map(shown).filter(Boolean),
    width: innerWidth,
  };
}"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


@pytest.mark.parametrize("width", HEADER_WIDTHS)
def test_header_shows_name_and_version_side_by_side(phone: Callable[[int], Page], width: int) -> None:
    page = phone(width)
    for path, number in [("actueel/", "1.11"), ("concept/overeenkomst/", "concept")]:
        page.goto(path)
        page.wait_for_selector(".md-version__current")
        header: dict[str, Any] = page.evaluate(HEADER)
        where = f"{path} at {width} px: {header}"
        name, version = header["name"], header["version"]
        assert name and version, where
        expected = "VWO" if width < 720 else "Standaard verwerkersovereenkomst gemeenten"
        assert name["text"] == expected, where
        # Nothing cut off: the name's own box holds all of it, the version label too.
        room = header["nameRoom"]
        assert room and room["right"] - room["left"] >= name["box"]["right"] - name["box"]["left"] - 0.5, (
            where
        )
        assert not version["clipped"], where
        assert version["text"].startswith(number), where
        assert _overlap(name["box"], version["box"]) is False, where
        for other in header["buttons"]:
            for own in (name["box"], version["box"]):
                assert not _overlap(own, other), f"overlaps {other}: {where}"
        assert version["box"]["right"] <= width and name["box"]["left"] >= 0, where
        if width >= 1220:  # room for the whole version label
            assert "vastgesteld" in version["text"] or "werkversie" in version["text"], where


def test_headings_hyphenate_in_dutch_and_fit(phone: Callable[[int], Page]) -> None:
    page = phone(320)
    page.goto("actueel/")
    assert page.evaluate("document.documentElement.lang") == "nl"
    heading = page.evaluate(
        """() => { const h = document.querySelector('.md-content h1'); const s = getComputedStyle(h);
        return {hyphens: s.hyphens, wrap: s.overflowWrap, fits: h.scrollWidth <= h.clientWidth,
                text: h.textContent}; }"""
    )
    assert heading["hyphens"] == "auto" and heading["wrap"] in ("break-word", "anywhere"), heading
    assert heading["fits"], heading
    # Where the browser has no Dutch dictionary, the compound still breaks at its joint.
    assert "verwerkers\u00adovereenkomst" in heading["text"], heading


def test_wide_tables_scroll_in_their_own_box_with_a_hint(phone: Callable[[int], Page]) -> None:
    page = phone(320)
    page.goto("actueel/bijlagen/bijlage-3-subverwerkers/")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(box => {
          const hint = box.nextElementSibling; const r = box.getBoundingClientRect();
          return {scrolls: box.scrollWidth > box.clientWidth, left: r.left, right: r.right,
                  region: box.getAttribute('role'), focusable: box.tabIndex === 0,
                  hint: hint && hint.matches('.vwo-schuif') ? hint.textContent : null,
                  shadow: getComputedStyle(box).backgroundImage.includes('gradient')}; })"""
    )
    scrolling = [box for box in boxes if box["scrolls"]]
    assert scrolling, boxes
    for box in scrolling:
        assert box["hint"] == "schuif \u2192" and box["shadow"], box
        assert box["region"] == "region" and box["focusable"], box
    # Every table box is inset like the text, none full-bleed.
    assert {(round(b["left"]), round(b["right"])) for b in boxes} == {(16, 304)}, boxes
    assert page.evaluate(WIDTHS)[0] == 320


def test_menu_opens_at_the_top_level_with_every_section(phone: Callable[[int], Page]) -> None:
    page = phone(320)
    page.goto("actueel/bijlagen/bijlage-2-beveiliging/")  # deep inside a section
    page.add_style_tag(content="* { transition: none !important; }")
    page.locator("label.md-header__button[for='__drawer']").tap()
    items = page.evaluate(
        """() => [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item')]
          .map(li => {
          const el = li.querySelector(':scope > .md-nav__link, :scope > .md-nav__container > a');
          const r = el.getBoundingClientRect();
          return {text: el.textContent.trim(), left: r.left, right: r.right,
                  active: li.classList.contains('md-nav__item--active'),
                  hit: document.elementFromPoint(r.left + 5, r.top + r.height / 2) !== null
                       && el.contains(document.elementFromPoint(r.left + 5, r.top + r.height / 2))}; })"""
    )
    assert len(items) >= 6, items
    off = [item for item in items if not (item["hit"] and 0 <= item["left"] < item["right"] <= 320)]
    assert not off, f"menu items not on screen at the top level: {off}"
    assert [item["text"] for item in items if item["active"]] == ["De overeenkomst"], items


def test_register_chart_text_is_legible_at_320px(phone: Callable[[int], Page]) -> None:
    page = phone(320)
    page.goto("gebruik/")  # a page of the standard, at the root
    sizes = page.evaluate(
        """() => { const svg = document.querySelector('figure svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')]
          .map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }"""
    )
    assert sizes and min(sizes) >= 12, sizes
    assert page.evaluate(WIDTHS)[0] == 320


def test_concept_warning_on_every_page_type_as_strong_as_the_superseded_one(
    phone: Callable[[int], Page],
) -> None:
    page = phone(1280)
    banner = """() => { const b = document.querySelector('.vwo-banner'); if (!b) return null;
      const s = getComputedStyle(b); const t = b.querySelector('.admonition-title');
      return {classes: b.className, title: t ? t.textContent.trim() : '', color: s.borderLeftColor,
              width: s.borderLeftWidth, icon: t ? getComputedStyle(t, '::before').backgroundColor : ''}; }"""
    page.goto(f"1.0/{PAGES['overeenkomst']}")
    superseded = page.evaluate(banner)
    assert superseded and "warning" in superseded["classes"], superseded
    missing = []
    # The concept's own pages; the pages of the standard at the root show no version's banner.
    own = [p for p in page_paths("concept/") if p.startswith("concept/") and not p.endswith("404.html")]
    for path in own + COMPARISONS[:1]:
        page.goto(path)
        shown = page.evaluate(banner)
        if not (
            shown
            and "vwo-banner--concept" in shown["classes"]
            and "warning" in shown["classes"]
            and shown["title"].startswith("Concept")
            and (shown["color"], shown["width"], shown["icon"])
            == (superseded["color"], superseded["width"], superseded["icon"])
        ):
            missing.append(f"{path}: {shown}")
    assert not missing, f"concept pages without the warning (superseded: {superseded}):\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize(("prefix", "word"), [("concept/", "Concept"), ("actueel/", "Vastgestelde versie")])
def test_status_box_and_status_lines(phone: Callable[[int], Page], prefix: str, word: str) -> None:
    page = phone(1280)
    page.goto(prefix)
    box = page.evaluate(
        """() => { const b = document.querySelector('.vwo-statusbox');
        return {text: b.querySelector('.vwo-statusbox__titel').textContent,
                color: getComputedStyle(b).borderLeftColor}; }"""
    )
    assert box["text"].startswith(word), box
    blue = "rgb(21, 66, 115)"
    assert (box["color"] != blue) == (prefix == "concept/"), box
    for path in ["toelichting/", "bijlagen/bijlage-1-specificatie/", "bijlagen/bijlage-4-contact/"]:
        page.goto(prefix + path)
        line = page.locator(".md-content h1 + .vwo-statusregel")
        assert line.count() == 1, path
        assert line.inner_text().startswith(word), (path, line.inner_text())


def test_colofon_in_every_footer_and_on_the_home_page(phone: Callable[[int], Page]) -> None:
    page = phone(1280)
    facts = """(root) => { const el = document.querySelector(root); return el ? {
      text: el.innerText, mail: [...el.querySelectorAll('a[href^="mailto:"]')].map(a => a.href)} : null; }"""
    for prefix in PUBLISHED_PREFIXES:
        for path in [prefix, PAGES["besluiten"], prefix + PAGES["404"]]:
            page.goto(path)
            footer = page.evaluate(facts, ".md-footer .vwo-colofon")
            assert footer, path
            for fact in ("Colofon", "Beheergroep VWO", "Vereniging van Nederlandse Gemeenten", "EUPL-1.2"):
                assert fact in footer["text"], (path, fact, footer)
            assert footer["mail"] == ["mailto:privacy@vng.nl"], path
            # The repository is linked from the colofon, not from the header.
            assert page.locator(".md-header a[href*='github.com']").count() == 0, path
            assert page.locator(".md-footer .vwo-colofon a[href*='github.com']").count() == 1, path
    page.goto("actueel/")
    home = page.evaluate(facts, ".md-content .vwo-colofon")
    assert home and "Beheergroep VWO" in home["text"] and "EUPL-1.2" in home["text"], home
    assert page.locator(".md-content h2", has_text="Colofon").count() == 1
    assert ". U kunt" in page.locator(".md-content").inner_text()
    assert "…." not in page.locator(".md-content").inner_text()


def test_toelichting_has_no_icon_over_its_title_and_body_size_text(phone: Callable[[int], Page]) -> None:
    page = phone(1280)
    page.goto("actueel/overeenkomst/")
    details = page.locator("details.vwo-toelichting").first
    details.locator("summary").click()
    style = details.evaluate(
        """(d) => { const s = d.querySelector('summary'); const icon = getComputedStyle(s, '::before');
        const text = d.querySelector('p'); const body = document.querySelector('.vwo-lid p');
        return {icon: icon.display === 'none' || icon.content === 'none',
                text: parseFloat(getComputedStyle(text).fontSize),
                body: parseFloat(getComputedStyle(body).fontSize)}; }"""
    )
    assert style["icon"], style
    assert style["text"] >= 16 and style["text"] == style["body"], style
