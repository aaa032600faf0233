/* Keyboard and screen-reader access to Material's checkbox toggles (WCAG 2.1.1, 4.1.2).
   Material renders the menu, search and section toggles as <label for="...">, which a
   keyboard cannot reach and a screen reader does not announce as a control. A label may
   not take a button role (ARIA in HTML), so the label's content goes into a span that is
   a named button: focusable; Space and Enter press the label; Escape closes the open
   menu and returns focus to the menu button (Material closes the search on Escape).
   Without JavaScript the labels still work by click and tap. Browser tests: tests/browser/. */
(function () {
  "use strict";

  // Not the menu's own title (for="__drawer"): it holds the logo link, and a button must
  // not contain a link; Escape and the menu button close the menu.
  var TOGGLES =
    "label.md-header__button[for], .md-sidebar--primary label.md-nav__title[for]:not([for='__drawer']), " +
    "label.md-search__icon[for], .md-sidebar--primary label.md-nav__link[for='__toc']";
  // On a page of a translation its words come from the page (vwo.lang, hooks/translation.py).
  var own = document.getElementById("vwo-teksten");
  var S = own ? JSON.parse(own.textContent) : {};
  function t(key, dutch) { return S[key] || dutch; }
  var NAMES = { __drawer: t("menu", "Menu"), __search: t("search", "Zoeken") };
  var KEY = "[data-vwo-key]";
  // Below this width the menu is a drawer and sections open as sub-menus (Material's breakpoint).
  var narrow = window.matchMedia("(max-width: 76.234375em)");
  var sectionToggles = [];

  // The label's content, moved into a span that is the button; returns that span.
  function makeButton(label, name) {
    var existing = label.querySelector(":scope > " + KEY);
    if (existing) return existing;
    var button = document.createElement("span");
    button.className = "vwo-knop";
    button.setAttribute("data-vwo-key", "");
    button.setAttribute("role", "button");
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    if (name) button.setAttribute("aria-label", name);
    return button;
  }

  function buttonFor(id) {
    return document.querySelector("label.md-header__button[for='" + id + "'] > " + KEY);
  }

  function toggles() {
    document.querySelectorAll(TOGGLES).forEach(function (label) {
      var target = label.getAttribute("for");
      var name = null;
      if (label.classList.contains("md-header__button")) name = NAMES[target] || null;
      else if (label.classList.contains("md-search__icon")) name = t("search_close", "Zoeken sluiten");
      makeButton(label, name).tabIndex = 0;
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
      if (!label || !title || label.hasAttribute("tabindex")) return;
      var name = title.textContent.trim();
      if (!label.textContent.trim()) {
        nav.setAttribute("aria-label", name);
        nav.removeAttribute("aria-labelledby");
        name += t("parts", ": onderdelen");
      }
      sectionToggles.push(makeButton(label, label.textContent.trim() ? null : name));
    });
  }

  function sectionFocus() {
    sectionToggles.forEach(function (button) {
      button.tabIndex = narrow.matches ? 0 : -1;
    });
  }

  // The drawer opens at the top level, with every section in reach; Material opens it
  // inside the current page's section (its toggle is checked in the HTML).
  function drawerAtTop() {
    if (!narrow.matches) return;
    document.querySelectorAll(".md-sidebar--primary input.md-nav__toggle:checked").forEach(function (toggle) {
      toggle.checked = false;
    });
  }

  // The header buttons say whether their panel is open.
  function track(id) {
    var toggle = document.getElementById(id);
    var button = buttonFor(id);
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
    var button = buttonFor(id);
    if (button) button.focus();
    return true;
  }

  // A page restored from the browser's cache comes back with its panels closed (the
  // checkboxes carry no autocomplete="off": that is invalid on checkboxes).
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    });
  });

  // Wide tables scroll sideways on narrow screens: the scroll box must be reachable by
  // keyboard and named (WCAG 2.1.1), and a visible hint says that it scrolls. Only while
  // it actually scrolls, so wide screens get no extra tab stops. Material wraps the
  // tables itself, after this script loads.
  function hintFor(box) {
    var hint = box.nextElementSibling && box.nextElementSibling.matches(".vwo-schuif") ? box.nextElementSibling : null;
    if (box.scrollWidth > box.clientWidth + 1) {
      if (!hint) {
        hint = document.createElement("span");
        hint.className = "vwo-schuif";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = t("scroll", "schuif \u2192");
        box.after(hint);
      }
    } else if (hint) {
      hint.remove();
    }
  }

  function scrollBoxes() {
    // The register's tables have a named, focusable scroll box of their own.
    document.querySelectorAll(".md-typeset .vwo-tabel").forEach(hintFor);
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box, index) {
      hintFor(box);
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", t("table", "Tabel ") + (index + 1) + t("scrolls", ", schuift horizontaal"));
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // Long Dutch compounds in headings get a soft hyphen before a known part, so that they
  // break at the joint also where the browser has no Dutch hyphenation dictionary
  // (hyphens: auto in vwo.css does the rest where it has one). Only on the page, never
  // in the source: the search index and the page title keep the plain word.
  var LONG_WORD = /[A-Za-z\u00C0-\u024F]{14,}/g;
  var JOINTS = /overeenkomst|verantwoordelijk|incident|maatregel|bescherming|verwerk|gegevens|voorstel|versie|wijziging/gi;

  function joints(word) {
    var out = "";
    var last = 0;
    word.replace(JOINTS, function (part, at) {
      if (at >= 4 && word.length - at >= 4) {
        out += word.slice(last, at) + "\u00AD";
        last = at;
      }
      return part;
    });
    return out + word.slice(last);
  }

  function hyphenateHeadings() {
    document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3").forEach(function (heading) {
      var walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var text = node.textContent;
        var split = text.replace(LONG_WORD, joints);
        if (split !== text) node.textContent = split;
      }
    });
  }

  // Material's version menu (rendered after it fetched versions.json): the label split
  // into the number and the rest, so narrow screens show only the number (vwo.css); the
  // button's name is its visible text plus what it does (WCAG 2.5.3: the name contains
  // the visible label), not only "Selecteer versie".
  function versionLabel(button) {
    var first = button.firstChild;
    if (!first || first.nodeType !== Node.TEXT_NODE || button.querySelector(".md-version__nummer")) return;
    var text = first.textContent;
    var cut = text.indexOf(" \u2014 ");
    var number = document.createElement("span");
    number.className = "md-version__nummer";
    number.textContent = cut < 0 ? text : text.slice(0, cut);
    button.replaceChild(number, first);
    if (cut >= 0) {
      var rest = document.createElement("span");
      rest.className = "md-version__rest";
      rest.textContent = text.slice(cut);
      number.after(rest);
    }
    var action = document.createElement("span");
    action.className = "sr-only";
    action.textContent = t("other_version", ", andere versie kiezen");
    button.appendChild(action);
    button.removeAttribute("aria-label");
  }

  function watchVersion() {
    var topic = document.querySelector(".md-header__topic");
    if (!topic) return;
    var apply = function () {
      var button = topic.querySelector(".md-version__current");
      if (button) versionLabel(button);
      return !!button;
    };
    if (apply()) return;
    var observer = new MutationObserver(function () {
      if (apply()) observer.disconnect();
    });
    observer.observe(topic, { childList: true, subtree: true });
  }

  // A mouse click must not move focus to the button span: Material moves focus into the
  // panel it opens, e.g. the search field.
  document.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest(KEY)) event.preventDefault();
  });

  document.addEventListener("keydown", function (event) {
    var button = event.target.closest ? event.target.closest(KEY) : null;
    if (button && (event.key === " " || event.key === "Enter")) {
      event.preventDefault();
      button.closest("label").click();
    } else if (event.key === "Escape" && close("__drawer")) {
      event.preventDefault();
    }
  });

  drawerAtTop();
  toggles();
  sections();
  sectionFocus();
  narrow.addEventListener("change", sectionFocus);
  track("__drawer");
  track("__search");
  watchVersion();
  hyphenateHeadings();
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(scrollBoxes);
  } else {
    window.addEventListener("load", scrollBoxes);
  }
  window.addEventListener("resize", scrollBoxes);
})();

/* Outstanding changes (vwo.versions.pending): on a page of the current version, beside
   each article the concept has changed since, a note with a link to that change. The
   version's pages are frozen; concept/openstaand.json is current. Without JavaScript (or
   when the file cannot be read) the status box's static line stays the only pointer. */
(function () {
  "use strict";

  var check = document.querySelector("[data-vwo-openstaand]");
  if (!check || !window.fetch) return;
  var source = new URL(check.getAttribute("data-vwo-openstaand"), window.location.href);
  var version = check.getAttribute("data-vwo-versie");

  function note(href) {
    var p = document.createElement("p");
    p.className = "vwo-openstaand";
    p.appendChild(document.createTextNode("Voor dit artikel is een wijziging aangenomen die nog niet is vastgesteld. "));
    var link = document.createElement("a");
    link.href = href;
    link.textContent = "Bekijk de wijziging in de werkversie";
    p.appendChild(link);
    return p;
  }

  fetch(source.href, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || data.vergeleken_met !== version || !data.artikelen) return;
      var count = 0;
      Object.keys(data.artikelen).forEach(function (id) {
        var heading = document.getElementById(id);
        if (!heading || !/^H[1-6]$/.test(heading.tagName)) return;
        heading.insertAdjacentElement("afterend", note(new URL(data.artikelen[id], source).href));
        count += 1;
      });
      check.setAttribute("data-vwo-openstaand-artikelen", String(count));
      // The notes push down what follows them: vwo-citeer.js places the linked target again.
      if (count) document.dispatchEvent(new CustomEvent("vwo:inhoud-toegevoegd"));
    })
    .catch(function () { /* the static line in the status box stays */ });
})();
