"""Keyboard: every control is reachable by Tab, focus is always visible, the skip link works."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Visit
from tests.browser.pages import VIEWPORTS, page_id, page_paths, specimen_path

# Focus styles are compared in their final state, not halfway through a transition.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
TAB_LIMIT = 600

# Controls a keyboard user must be able to reach when they are visible on screen.
INTERACTIVE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1']), [role=button], [contenteditable=true], "
    # Material's toggles are labels of hidden checkboxes (menu, search, nav sections);
    # vwo.js makes the span inside each a button, so the labels themselves are no tab
    # stops; the full-screen overlays only catch clicks outside a panel, and the menu's
    # title (which holds the logo link) closes the menu, as Escape and the menu button do.
    "label[for]:not(.md-overlay):not(.md-search__overlay):not(.md-nav__title[for='__drawer'])"
    " > [data-vwo-key]"
)
# The button inside one of Material's toggle labels (docs/assets/vwo.js).
MENU_BUTTON = "label.md-header__button[for='__drawer'] > [data-vwo-key]"

# The same style properties of every visited element, now without focus.
UNFOCUSED_STYLES = """(count) => Array.from({length: count}, (_, i) => {
  const s = getComputedStyle(document.querySelector(`[data-vwo-step="${i}"]`));
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | ');
})"""

# Marks the focused element with its step and describes it (after it scrolled into view).
DESCRIBE = """const describe = (el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0]
  + ' ' + JSON.stringify((el.getAttribute('href') || el.textContent || '').trim().slice(0, 50));"""
STEP = (
    DESCRIBE
    + """(step) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.hasAttribute('data-vwo-step')) return {repeat: true};
  el.setAttribute('data-vwo-step', String(step));
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
    && r.left < innerWidth && r.top < innerHeight;
  const s = getComputedStyle(el);
  const visible = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  return {repeat: false, onScreen, visible,
          style: [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(' | '),
          outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
          shadow: s.boxShadow !== 'none',
          label: describe(el)};
}"""
)

# Visible controls that Tab never reached.
UNREACHED = (
    DESCRIBE
    + """(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.hasAttribute('data-vwo-step') || el.disabled || el.closest('[inert]')) continue;
    if (el.tabIndex < 0 && !el.matches('a[href], button, input, select, textarea, summary')) continue;
    const closed = el.closest('details:not([open])');
    if (closed && el.parentElement !== closed) continue;  // inside a folded <details>
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    if (getComputedStyle(el).pointerEvents === 'none') continue;  // not a control here
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    out.push(describe(el));
  }
  return out;
}"""
)


def tab_through(visit: Visit) -> list[dict[str, Any]]:
    page = visit.page
    page.add_style_tag(content=NO_TRANSITIONS)
    steps: list[dict[str, Any]] = []
    for step in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        info = page.evaluate(STEP, step)
        if info is None or info["repeat"]:
            return steps
        steps.append(info)
    raise AssertionError(f"more than {TAB_LIMIT} tab stops: a keyboard trap?")


# At 320 px the page's own controls are those of the wide layout; what differs is the
# header, menu and search, and tables that scroll: checked on these pages (the menu
# itself by the tests below).
NARROW_PAGES = [*page_paths(["home", "overeenkomst", "bijlage"]), specimen_path()]
CASES = [(path, "desktop") for path in [*page_paths(), specimen_path()]] + [
    (p, "320px") for p in NARROW_PAGES
]


@pytest.mark.parametrize(("path", "viewport"), CASES, ids=[f"{page_id(p)}-{v}" for p, v in CASES])
def test_every_control_reachable_with_visible_focus(
    visit: Callable[[str], Visit], path: str, viewport: str
) -> None:
    record = visit(viewport)
    record.goto(path)
    steps = tab_through(record)
    assert steps, f"{path}: Tab reaches nothing"

    where = f"{path} at {viewport}"
    hidden = [s["label"] for s in steps if not (s["onScreen"] and s["visible"])]
    assert not hidden, f"{where}: Tab moves focus to something not visible:\n" + "\n".join(hidden)

    no_indicator = [s["label"] for s in steps if not (s["outline"] or s["shadow"])]
    assert not no_indicator, f"{where}: focus without outline or shadow:\n" + "\n".join(no_indicator)

    record.page.evaluate("document.activeElement && document.activeElement.blur()")
    unfocused = record.page.evaluate(UNFOCUSED_STYLES, len(steps))
    unchanged = [
        step["label"] for step, style in zip(steps, unfocused, strict=True) if style == step["style"]
    ]
    assert not unchanged, f"{where}: focus looks the same as no focus:\n" + "\n".join(unchanged)

    unreached = record.page.evaluate(UNREACHED, INTERACTIVE)
    assert not unreached, f"{where}: visible controls Tab never reaches:\n" + "\n".join(unreached)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skip_link_moves_focus_to_the_content(visit: Callable[[str], Visit], viewport: str) -> None:
    record = visit(viewport)
    record.goto(page_paths(["overeenkomst"])[0])
    page = record.page
    page.add_style_tag(content=NO_TRANSITIONS)
    page.keyboard.press("Tab")
    skip = page.evaluate(
        """() => { const el = document.activeElement; const r = el.getBoundingClientRect();
        return {text: el.textContent.trim(), href: el.getAttribute('href'),
                visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true})
                         && r.width > 0 && r.top >= 0 && r.bottom <= innerHeight}; }"""
    )
    assert "naar inhoud" in skip["text"].lower(), skip
    assert skip["visible"], f"the skip link is not visible when focused: {skip}"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed = page.evaluate(
        """() => { const el = document.activeElement;
        return {inContent: !!el.closest('.md-content'), hash: location.hash,
                label: el.outerHTML.slice(0, 120)}; }"""
    )
    assert landed["hash"] == skip["href"], landed
    assert landed["inContent"], f"after the skip link, Tab lands outside the content: {landed['label']}"


def focus_by_tab(page: Page, selector: str) -> None:
    """Press Tab until ``selector`` has focus (fails if it never does)."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reaches {selector}")


def test_menu_opens_and_closes_by_keyboard_at_320px(visit: Callable[[str], Visit]) -> None:
    record = visit("320px")
    record.goto(page_paths(["toelichting"])[0])
    page = record.page
    page.add_style_tag(content=NO_TRANSITIONS)
    focus_by_tab(page, MENU_BUTTON)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Menu"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"
    assert not page.locator("#__drawer").is_checked()
    page.keyboard.press(" ")
    assert page.locator("#__drawer").is_checked()
    page.keyboard.press("Escape")
    assert not page.locator("#__drawer").is_checked()
    page.keyboard.press("Enter")
    assert page.locator("#__drawer").is_checked()
    # The next stops are in the opened menu, on screen.
    focus_by_tab(page, ".md-sidebar--primary a.md-nav__link")
    box = page.evaluate("JSON.parse(JSON.stringify(document.activeElement.getBoundingClientRect()))")
    assert box["left"] >= 0 and box["right"] <= 320, box
    page.keyboard.press("Escape")
    assert not page.locator("#__drawer").is_checked()
    assert page.evaluate("document.activeElement.closest('label').getAttribute('for')") == "__drawer"


def test_every_menu_item_reachable_by_keyboard_at_320px(visit: Callable[[str], Visit]) -> None:
    """In the drawer, each section's sub-menu opens by keyboard and its pages can be reached."""
    record = visit("320px")
    record.goto(page_paths(["home"])[0])
    page = record.page
    page.add_style_tag(content=NO_TRANSITIONS)
    focus_by_tab(page, MENU_BUTTON)
    page.keyboard.press("Enter")
    sections = page.evaluate(
        """() => [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item--nested')]
             .map(li => li.querySelector(':scope > input.md-nav__toggle').id)"""
    )
    assert sections, "no sections in the menu"
    for section in sections:
        focus_by_tab(page, f"label[for='{section}']:not(.md-nav__title) > [data-vwo-key]")
        name = page.evaluate(
            "document.activeElement.getAttribute('aria-label') || document.activeElement.textContent"
        )
        assert name.strip(), f"the toggle of {section} has no name"
        page.keyboard.press("Enter")
        assert page.locator(f"#{section}").is_checked(), section
        # The first page in the sub-menu is the next stop after the panel's back button.
        focus_by_tab(page, f"nav:has(> label.md-nav__title[for='{section}']) a.md-nav__link")
        box = page.evaluate("JSON.parse(JSON.stringify(document.activeElement.getBoundingClientRect()))")
        assert box["left"] >= 0 and box["right"] <= 320, f"{section}: focus off screen {box}"
        focus_by_tab(page, f"label.md-nav__title[for='{section}'] > [data-vwo-key]")
        page.keyboard.press("Enter")
        assert not page.locator(f"#{section}").is_checked(), section


def test_search_opens_by_keyboard_at_320px(visit: Callable[[str], Visit]) -> None:
    record = visit("320px")
    record.goto(page_paths(["home"])[0])
    page = record.page
    page.add_style_tag(content=NO_TRANSITIONS)
    focus_by_tab(page, "button.vwo-zoekknop")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Zoeken"
    page.keyboard.press(" ")
    page.wait_for_function("document.activeElement.id === 'vwo-zoekterm'")
    page.keyboard.type("verwerker")
    page.wait_for_selector("#vwo-zoeken-resultaten[aria-busy=false] .vwo-resultaat a", state="visible")
    # The site's search (tests/browser/test_search.py): arrow keys move through the results.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.vwo-resultaat a')")
    target = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
