/* Citable clauses on the agreement page: per article and per clause a button that opens
   a small panel with the citation ("Standaard verwerkersovereenkomst gemeenten, versie
   1.11, artikel 7, lid 2") and two links to copy: this version (/1.11/...) and always the
   current version (/actueel/...). Progressive enhancement: without JavaScript the clause
   numbers and headings are plain links to their anchors. The page says what to cite in
   data attributes (vwo.text.pages): data-vwo-citeer, -deze and -geldend on the title,
   data-vwo-artikel and data-vwo-lid on headings and clauses. Keyboard: the button is a
   <button>; Escape closes the panel and returns focus to it. Browser tests:
   tests/browser/test_citable.py. */
(function () {
  "use strict";

  var title = document.querySelector(".md-content h1[data-vwo-citeer]");
  if (!title) return;

  // Material Design Icons "link-variant" (Pictogrammers Free License), shipped with Material.
  var ICON =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42"/></svg>';
  // On a page of a translation its words come from the page (vwo.lang, hooks/translation.py).
  var own = document.getElementById("vwo-teksten");
  var S = own ? JSON.parse(own.textContent) : {};
  function t(key, dutch, values) {
    var text = S[key] || dutch;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }
  var cite = title.getAttribute("data-vwo-citeer");
  var version = title.getAttribute("data-vwo-versie");
  var here = new URL(title.getAttribute("data-vwo-deze"), location.href);
  var current = new URL(title.getAttribute("data-vwo-geldend"), location.href);
  var panel = null;
  var opener = null;

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  // What the target is called in a citation and in the button's name.
  function describe(target) {
    var article = target.getAttribute("data-vwo-artikel");
    var lid = target.getAttribute("data-vwo-lid");
    var values = { article: article, lid: lid };
    return lid ? { name: t("clause", "lid {article}.{lid}", values), cite: t("cite_clause", "artikel {article}, lid {lid}", values) }
               : { name: t("article", "artikel {article}", values), cite: t("cite_article", "artikel {article}", values) };
  }

  function copy(text, status) {
    var done = function () { status.textContent = t("copied", "Gekopieerd: ") + text; };
    var failed = function () {
      var area = element("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      area.remove();
      status.textContent = ok ? t("copied", "Gekopieerd: ") + text
                              : t("copy_failed", "Kopiëren lukte niet: selecteer de tekst en kopieer die zelf.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function choice(label, url, copyName, status) {
    var item = element("li", "vwo-citeer__keuze");
    item.appendChild(element("span", "vwo-citeer__soort", label));
    var link = element("a", "vwo-citeer__link", url);
    link.href = url;
    item.appendChild(link);
    var button = element("button", "vwo-citeer__kopieer md-button", t("copy_link", "Kopieer link"));
    button.type = "button";
    button.setAttribute("aria-label", t("copy_link_to", "Kopieer link ") + copyName);
    button.addEventListener("click", function () { copy(url, status); });
    item.appendChild(button);
    return item;
  }

  function close() {
    if (!panel) return;
    panel.remove();
    panel = null;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    }
    opener = null;
  }

  function open(button, target) {
    var same = opener === button;
    close();
    if (same) return;
    var what = describe(target);
    var hash = "#" + target.id;
    panel = element("div", "vwo-citeer");
    panel.id = "vwo-citeer";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-labelledby", "vwo-citeer-titel");
    var heading = element("p", "vwo-citeer__titel", t("refer_to", "Verwijzen naar ") + what.name);
    heading.id = "vwo-citeer-titel";
    panel.appendChild(heading);
    var status = element("p", "vwo-citeer__status");
    status.setAttribute("role", "status");
    var citation = cite + ", " + what.cite;
    var quote = element("p", "vwo-citeer__citaat");
    quote.appendChild(element("span", "vwo-citeer__soort", t("reference", "Verwijzing")));
    quote.appendChild(element("q", null, citation));
    var copyCite = element("button", "vwo-citeer__kopieer md-button", t("copy_reference", "Kopieer verwijzing"));
    copyCite.type = "button";
    copyCite.addEventListener("click", function () { copy(citation, status); });
    quote.appendChild(copyCite);
    panel.appendChild(quote);
    var list = element("ul", "vwo-citeer__keuzes");
    var label = version === "concept" ? t("this_concept", "Deze werkversie (verandert nog)")
                                      : t("this_version", "Deze versie ({version})", { version: version });
    list.appendChild(choice(label, here.href.split("#")[0] + hash, t("to_this", "naar deze versie"), status));
    list.appendChild(choice(t("current", "Altijd de geldende versie"), current.href.split("#")[0] + hash,
                            t("to_current", "naar de geldende versie"), status));
    panel.appendChild(list);
    panel.appendChild(status);
    var shut = element("button", "vwo-citeer__sluit md-button", t("close", "Sluiten"));
    shut.type = "button";
    shut.addEventListener("click", close);
    panel.appendChild(shut);
    target.after(panel);
    opener = button;
    button.setAttribute("aria-expanded", "true");
    copyCite.focus();
  }

  function addButton(target, container) {
    var what = describe(target);
    var button = element("button", "vwo-citeer-knop");
    button.type = "button";
    button.innerHTML = ICON;
    button.appendChild(element("span", "sr-only", t("link_to", "Link naar ") + what.name));
    button.title = t("link_to", "Link naar ") + what.name + t("copy_or_cite", " kopiëren of citeren");
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "vwo-citeer");
    button.addEventListener("click", function () { open(button, target); });
    container.appendChild(button);
  }

  // Escape closes the panel wherever focus is, and returns focus to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel) {
      event.preventDefault();
      close();
    }
  });

  document.querySelectorAll(".md-content h2[data-vwo-artikel]").forEach(function (heading) {
    addButton(heading, heading);
  });
  document.querySelectorAll(".md-content .vwo-lid[data-vwo-lid]").forEach(function (clause) {
    var number = clause.querySelector("a.vwo-lidnummer");
    if (!number) return;
    var holder = element("span", "vwo-citeer-plek");
    number.after(holder);
    addButton(clause, holder);
  });

  // The target reached through a link is placed as the browser places it (below the
  // header, by its scroll-margin-top in vwo.css); a clause gets its article's heading in
  // view too when the clause then still starts in the upper part of the screen
  // (the clause itself is highlighted by :target in vwo.css). Content that other scripts
  // add after the page has loaded (vwo.js: the notes on outstanding changes, announced
  // with the event vwo:inhoud-toegevoegd) shifts what lies below it: the target is placed
  // again then, unless the reader has already moved.
  var readerMoved = false;
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { readerMoved = true; }, { passive: true });
  });

  function placeTarget() {
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target || !target.getClientRects().length) return;
    var margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    var start = target.getBoundingClientRect().top + window.scrollY;
    var y = start - margin;
    var heading = target.matches(".vwo-lid") ? target.previousElementSibling : null;
    while (heading && !heading.matches("h2")) heading = heading.previousElementSibling;
    if (heading) {
      var header = document.querySelector(".md-header");
      var offset = (header ? header.getBoundingClientRect().height : 0) + 8;
      var top = heading.getBoundingClientRect().top + window.scrollY - offset;
      if (start - top <= (window.innerHeight - offset) * 0.6) y = top;
    }
    window.scrollTo(0, Math.max(0, y));
  }
  window.addEventListener("hashchange", placeTarget);
  document.addEventListener("vwo:inhoud-toegevoegd", function () {
    if (!readerMoved) placeTarget();
  });
  if (document.readyState === "complete") placeTarget();
  else window.addEventListener("load", placeTarget);
})();
