/* Keyboard and screen-reader access to Material's checkbox toggles (WCAG 2.1.1, 4.1.2).
   Material renders the menu, search and section toggles as <label for="...">, which a
   keyboard cannot reach and a screen reader does not announce as a control. This makes
   each one a named button: focusable; Space presses it (Material itself presses a
   focused label on Enter); Escape closes the open menu and returns focus to the menu
   button (Material closes the search on Escape). Browser tests: tests/browser/. */
(function () {
  "use strict";

  // Not the menu's own title (for="__drawer"): it holds the logo link, and a button must
  // not contain a link; Escape and the menu button close the menu.
  var TOGGLES =
    "label.md-header__button[for], .md-sidebar--primary label.md-nav__title[for]:not([for='__drawer']), " +
    "label.md-search__icon[for]";
  var NAMES = { __drawer: "Menu", __search: "Zoeken" };
  // Below this width the menu is a drawer and sections open as sub-menus (Material's breakpoint).
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var sectionToggles = [];

  function makeButton(label, name) {
    label.setAttribute("data-vwo-key", "");
    label.setAttribute("role", "button");
    if (name) label.setAttribute("aria-label", name);
  }

  function toggles() {
    document.querySelectorAll(TOGGLES).forEach(function (label) {
      var target = label.getAttribute("for");
      var name = null;
      if (label.classList.contains("md-header__button")) name = NAMES[target] || null;
      else if (label.classList.contains("md-search__icon")) name = "Zoeken sluiten";
      makeButton(label, name);
      label.tabIndex = 0;
    });
  }

  // Top-level sections: Material leaves their toggles out of the tab order, and names
  // the sub-menu of a section with an index page after an empty label (the text is in
  // the link beside it). On wide screens sections are always open and the label is no
  // control; on narrow screens it opens the section's sub-menu.
  function sections() {
    document.querySelectorAll(".md-sidebar--primary nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (!label || !title || label.tabIndex >= 0) return;
      var name = title.textContent.trim();
      if (!label.textContent.trim()) {
        nav.setAttribute("aria-label", name);
        nav.removeAttribute("aria-labelledby");
        name += ": onderdelen";
      }
      makeButton(label, label.textContent.trim() ? null : name);
      sectionToggles.push(label);
    });
  }

  function sectionFocus() {
    sectionToggles.forEach(function (label) {
      label.tabIndex = narrow.matches ? 0 : -1;
    });
  }

  // The header buttons say whether their panel is open.
  function track(id) {
    var toggle = document.getElementById(id);
    var button = document.querySelector("label.md-header__button[for='" + id + "']");
    if (!toggle || !button) return;
    var update = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    toggle.addEventListener("change", update);
    update();
  }

  function close(id) {
    var toggle = document.getElementById(id);
    if (!toggle || !toggle.checked) return false;
    toggle.click();
    var button = document.querySelector("label.md-header__button[for='" + id + "']");
    if (button) button.focus();
    return true;
  }

  // Wide tables scroll sideways on narrow screens: the scroll box must be reachable by
  // keyboard and named (WCAG 2.1.1). Only while it actually scrolls, so wide screens get
  // no extra tab stops. Material wraps the tables itself, after this script loads.
  function scrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box, index) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabel " + (index + 1) + ", schuift horizontaal");
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // A mouse click must not move focus to the label (it is focusable now): Material moves
  // focus into the panel it opens, e.g. the search field.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("label[data-vwo-key]")) event.preventDefault();
  });

  document.addEventListener("keydown", function (event) {
    var label = event.target.closest ? event.target.closest("label[data-vwo-key]") : null;
    if (label && event.key === " ") {
      event.preventDefault();
      label.click();
    } else if (event.key === "Escape" && close("__drawer")) {
      event.preventDefault();
    }
  });

  toggles();
  sections();
  sectionFocus();
  narrow.addEventListener("change", sectionFocus);
  track("__drawer");
  track("__search");
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(scrollBoxes);
  } else {
    window.addEventListener("load", scrollBoxes);
  }
  window.addEventListener("resize", scrollBoxes);
})();
