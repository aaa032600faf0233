/* Site search: a dialog of our own on Pagefind's JavaScript API (hooks/search.py, vwo.search).

   Each version has its own index in <version>/pagefind/, built with that version. "Deze
   versie" searches that index; "alle gepubliceerde versies" merges the indexes of the
   versions listed in the site root's versies.json (mergeIndex), the current one
   (actueel/) first. Nothing loads before the dialog opens; nothing leaves the site.

   Ranking: per version, the agreement first, then the annexes, the toelichting and the
   other pages (the page's meta data "soort"); within a kind, the sum of Pagefind's scores per
   section (an article heading weighs most). A clause number ("7.2", "artikel 7.2")
   lands on the clause. Dutch: Pagefind stems the index and the query; stop words are
   left out, a verb form ending in -t also searches its stem ("meldt": "meld"), and a
   compound that is not in the index is found by its longest beginning that is
   ("auditrechten": "audit"), if that shares at least five letters with it. Keys: "/", "s" or "f" opens, arrows move through the results,
   Enter opens one, Escape closes. Tests: tests/browser/test_search.py. */
(function () {
  "use strict";

  var dialog = document.getElementById("vwo-zoeken");
  var button = document.querySelector(".vwo-zoekknop");
  if (!dialog || !button || typeof dialog.showModal !== "function") return;

  var settings = JSON.parse(dialog.getAttribute("data-vwo-zoeken"));
  // On a page of a translation its words come from the page (vwo.lang, hooks/translation.py).
  var ownWords = document.getElementById("vwo-teksten");
  var S = ownWords ? JSON.parse(ownWords.textContent) : {};
  function t(key, dutch) { return S["search_" + key] || dutch; }
  var input = dialog.querySelector("#vwo-zoekterm");
  var status = dialog.querySelector("#vwo-zoeken-status");
  var output = dialog.querySelector("#vwo-zoeken-resultaten");
  var KINDS = settings.kinds;
  var PAGES_PER_QUERY = 16;
  var SECTIONS_PER_PAGE = 5;
  var SHOWN_PER_GROUP = 5;
  var STOP_WORDS = ("de het een en van in op te tot met voor aan bij of dat die dit deze is zijn " +
    "wordt worden door als naar om over uit er niet ook dan zo nog wel").split(" ");
  var CLAUSE = /^\s*(?:(?:art(?:ikel)?|lid)\.?\s*)?(\d{1,3})\.(\d{1,3})\s*$/i;
  var ARTICLE = /^\s*art(?:ikel)?\.?\s*(\d{1,3})\s*$/i;
  var MIN_PREFIX = 5;
  var EXACT_BONUS = 10000;

  // The dialog sits in the header's markup; in the body it inherits nothing from it.
  document.body.appendChild(dialog);
  button.hidden = false;

  function url(relative) {
    return new URL(relative, window.location.href).href;
  }

  function versionLabel(version, label, current) {
    var name = version === "concept" ? t("concept", "Werkversie (concept)") : t("version", "Versie ") + version;
    if (version === "concept") return name;
    return name + " · " + label + (current ? t("current", " (actueel)") : "");
  }

  // ---- Sources: the indexes to search -------------------------------------------------

  var own = {
    key: "eigen",
    base: url(settings.versiemap),
    label: versionLabel(settings.versie, settings.status, settings.actueel),
  };
  var shared = settings.gedeeld.map(function (index) {
    return { key: "gedeeld:" + index.pad, base: url(settings.hoofdmap + index.pad.replace(/pagefind\/$/, "")), label: index.label };
  });
  var published = null; // the sources of "alle gepubliceerde versies", from versies.json

  function loadPublished() {
    if (published) return published;
    published = fetch(url(settings.hoofdmap + "versies.json"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("versies.json: HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var list = [];
        (data.versies || []).forEach(function (entry) {
          var path = entry.actueel ? data.alias_actueel : entry.pad;
          list.push({
            key: path,
            base: url(settings.hoofdmap + path),
            label: versionLabel(entry.versie, entry.label, entry.actueel),
            current: entry.actueel,
            version: entry.versie,
          });
        });
        if (settings.versie === "concept") {
          list.push({ key: data.concept, base: url(settings.hoofdmap + data.concept), label: own.label, version: "concept" });
        }
        // The current version first, then the one being read, then the rest newest first.
        list.sort(function (a, b) {
          var rank = function (s) { return s.current ? 0 : s.version === settings.versie ? 1 : 2; };
          return rank(a) - rank(b);
        });
        return Promise.all(list.concat(shared).map(available)).then(function (found) {
          return found.filter(Boolean);
        });
      });
    return published;
  }

  // A version published before the search existed has no index: it is left out.
  function available(source) {
    return fetch(source.base + "pagefind/pagefind-entry.json", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? source : null; })
      .catch(function () { return null; });
  }

  // ---- Pagefind instances --------------------------------------------------------------

  var modulePromise = null;
  var instances = {};

  function pagefindModule() {
    if (!modulePromise) modulePromise = import(own.base + "pagefind/pagefind.js");
    return modulePromise;
  }

  // One instance per scope: the first source is primary, the others are merged into it;
  // every source gets a filter "bron" so its results can be searched on their own.
  function instance(scope, sources) {
    if (instances[scope]) return instances[scope];
    instances[scope] = pagefindModule().then(function (pagefind) {
      var first = sources[0];
      var search = pagefind.createInstance({ basePath: first.base + "pagefind/", baseUrl: new URL(first.base).pathname });
      return search.options({ mergeFilter: { bron: first.key } }).then(function () {
        return Promise.all(sources.slice(1).map(function (source) {
          return search.mergeIndex(source.base + "pagefind/", {
            baseUrl: new URL(source.base).pathname,
            mergeFilter: { bron: source.key },
          });
        }));
      }).then(function () { return search; });
    });
    return instances[scope];
  }

  // ---- Queries ----------------------------------------------------------------------------

  function words(query) {
    var all = query.toLowerCase().split(/\s+/).filter(Boolean);
    var kept = all.filter(function (word) { return STOP_WORDS.indexOf(word) < 0; });
    return kept.length ? kept : all;
  }

  // A clause ("7.2", "artikel 7.2", "lid 7.2") or an article ("artikel 7").
  function reference(query) {
    var clause = query.match(CLAUSE);
    if (clause) return { text: clause[1] + "." + clause[2], clause: clause[1] + "." + clause[2] };
    var article = query.match(ARTICLE);
    if (article) return { text: "artikel", article: "Artikel " + article[1] + "." };
    return null;
  }

  // The query strings to run: the words themselves, and for a verb form ending in -t
  // ("meldt", "vernietigt") the same with its stem, which the stemmer leaves alone.
  function variants(list) {
    var queries = [list.join(" ")];
    list.forEach(function (word, index) {
      if (word.length >= 5 && /[^aeiou]t$/.test(word)) {
        var copy = list.slice();
        copy[index] = word.slice(0, -1);
        queries.push(copy.join(" "));
      }
    });
    return queries;
  }

  // Pagefind matches a word it does not know by the longest beginning it does know:
  // "auditrechten" finds "audit" (good), "ingebrekestelling" finds "in" (not). A match
  // counts when it shares enough of its beginning with a word of the query; the shorter
  // words that stood in for a longer one are named in the status line.
  function keepMatches(data, list, notes) {
    var all = data.content.split(/\s+/);
    var tokens = function (text) { return plain(text).trim().split(" ").filter(Boolean); };
    var wanted = [].concat.apply([], list.map(tokens));
    var keep = function (location) {
      return tokens(all[location] || "").some(function (word) {
        return wanted.some(function (query) {
          // At least five letters, or all but an ending ("melden": "meld"), or a short word whole.
          var need = Math.max(Math.min(MIN_PREFIX, query.length - 2), Math.min(3, query.length));
          if (commonPrefix(word, query) < need) return false;
          if (query.indexOf(word) === 0 && query.length - word.length > 3 && notes.indexOf(word) < 0) notes.push(word);
          return true;
        });
      });
    };
    data.weighted_locations = data.weighted_locations.filter(function (hit) { return keep(hit.location); });
    data.locations = data.locations.filter(keep);
    return data;
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // ---- Sections: one result per heading of a page ---------------------------------------

  // A clause is an element whose id ends in its number (subverwerkers-2) and whose first
  // word is the clause number ("7.2"); Pagefind gives no text for a <div>'s anchor.
  function clauseNumber(anchor, words) {
    if (!/-\d+$/.test(anchor.id)) return null;
    var first = (words[anchor.location] || "").replace(/[^0-9.]+$/, "");
    return /^\d+\.\d+$/.test(first) ? first : null;
  }

  function sections(data, ref, exact) {
    var headings = [];
    var clauses = [];
    var words = data.content.split(/\s+/);
    (data.anchors || []).forEach(function (anchor) {
      if (/^h[1-6]$/i.test(anchor.element) && anchor.id) headings.push(anchor);
      else if ((anchor.number = clauseNumber(anchor, words))) clauses.push(anchor);
    });
    var byLocation = function (a, b) { return a.location - b.location; };
    headings.sort(byLocation);
    clauses.sort(byLocation);
    var found = {};
    data.weighted_locations.forEach(function (hit) {
      var heading = last(headings, hit.location);
      var key = heading && !/^h1$/i.test(heading.element) ? heading.id : "";
      var section = found[key] || (found[key] = { heading: key ? heading : null, score: 0, clauses: {}, inHeading: false, best: hit });
      section.score += hit.balanced_score;
      if (hit.balanced_score > section.best.balanced_score) section.best = hit;
      var clause = last(clauses, hit.location);
      if (heading && hit.location < heading.location + wordCount(heading.text)) section.inHeading = true;
      else if (clause && (!heading || clause.location > heading.location)) {
        section.clauses[clause.id] = section.clauses[clause.id] || { anchor: clause, score: 0 };
        section.clauses[clause.id].score += hit.balanced_score;
      }
    });
    return Object.keys(found).map(function (key) {
      var section = found[key];
      var clause = null;
      Object.keys(section.clauses).forEach(function (id) {
        var candidate = section.clauses[id];
        var wanted = ref && ref.clause && candidate.anchor.number === ref.clause;
        if (wanted) candidate.score += 1e9;
        if (!clause || candidate.score > clause.score) clause = candidate;
      });
      var score = section.score + (clause && clause.score >= 1e9 ? 1e9 : 0);
      if (ref && ref.article && section.heading && section.heading.text.indexOf(ref.article) === 0) score += 1e9;
      // The very word in a heading beats another form of it ("rechten": art. 9 before art. 18's "recht").
      if (section.heading && section.inHeading && exact.some(function (word) { return plain(section.heading.text).indexOf(word) >= 0; })) {
        score += EXACT_BONUS;
      }
      var target = !section.inHeading && clause ? clause.anchor : section.heading;
      var title = section.heading ? section.heading.text : data.meta.title;
      if (target && target === (clause && clause.anchor)) title += t("clause", ", lid ") + clause.anchor.number;
      return {
        url: data.url.split("#")[0] + (target ? "#" + target.id : ""),
        title: title,
        page: data.meta.title,
        kind: kindOf(data),
        score: score,
        excerpt: excerpt(data, section.best.location, target ? target.location : 0),
      };
    });
  }

  function last(anchors, location) {
    var found = null;
    for (var i = 0; i < anchors.length && anchors[i].location <= location; i++) found = anchors[i];
    return found;
  }

  // Lower case, without accents, words between single spaces: "Duur en beëindiging" -> " duur en beeindiging ".
  function plain(text) {
    return " " + text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z0-9.]+/).join(" ") + " ";
  }

  function wordCount(text) {
    return (text || "").split(/\s+/).filter(Boolean).length;
  }

  // Plain text around the best hit, from the start of its section at the earliest; the
  // words that match are marked (as text in <mark>, never as HTML).
  function excerpt(data, location, from) {
    var all = data.content.split(/\s+/);
    var start = Math.max(from, location - 12);
    var marked = {};
    data.locations.forEach(function (spot) { marked[spot] = true; });
    return { words: all.slice(start, start + 30), start: start, marked: marked, more: start + 30 < all.length, cut: start > 0 };
  }

  // ---- One search ---------------------------------------------------------------------------

  function searchSource(search, source, query) {
    var ref = reference(query);
    var list = ref ? [ref.text] : words(query);
    var exact = list.map(plain);
    if (!list.length) return Promise.resolve({ source: source, results: [], notes: [] });
    var queries = ref ? [list.join(" ")] : variants(list);
    var notes = [];
    return Promise.all(queries.map(function (text) {
      return search.search(text, { filters: { bron: source.key } }).then(function (response) {
        return Promise.all(response.results.slice(0, PAGES_PER_QUERY).map(function (result) {
          return result.data().then(function (data) { return keepMatches(data, list, notes); });
        }));
      });
    })).then(function (perQuery) {
      var pages = mergePages(perQuery);
      var perKind = KINDS.map(function (kind) {
        return rankKind(pages.filter(function (data) { return kindOf(data) === kind; }), ref, exact);
      });
      return { source: source, results: [].concat.apply([], perKind), notes: notes };
    });
  }

  function kindOf(data) {
    var kind = (data.meta && data.meta.soort) || "pagina";
    return KINDS.indexOf(kind) >= 0 ? kind : "pagina";
  }

  // The same page found by several query strings counts each word it matched once.
  function mergePages(perQuery) {
    var pages = {};
    var order = [];
    perQuery.forEach(function (list) {
      list.forEach(function (data) {
        var seen = pages[data.url];
        if (!seen) {
          pages[data.url] = { data: data, spots: {} };
          order.push(data.url);
          data.weighted_locations.forEach(function (hit) { pages[data.url].spots[hit.location] = hit; });
          return;
        }
        data.weighted_locations.forEach(function (hit) {
          var had = seen.spots[hit.location];
          if (!had || had.balanced_score < hit.balanced_score) seen.spots[hit.location] = hit;
        });
        seen.data.locations = seen.data.locations.concat(data.locations);
      });
    });
    return order.map(function (key) {
      var page = pages[key];
      page.data.weighted_locations = Object.keys(page.spots).map(function (spot) { return page.spots[spot]; });
      return page.data;
    });
  }

  function rankKind(pages, ref, exact) {
    var out = [];
    pages.forEach(function (data) {
      if (!data.weighted_locations.length) return;
      out = out.concat(sections(data, ref, exact).sort(byScore).slice(0, SECTIONS_PER_PAGE));
    });
    return out.sort(byScore);
  }

  function byScore(a, b) {
    return b.score - a.score;
  }

  // ---- Showing the results -----------------------------------------------------------------

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(result, source) {
    var item = element("li", "vwo-resultaat");
    var link = element("a", "vwo-resultaat__link");
    link.href = result.url;
    link.appendChild(element("span", "vwo-resultaat__titel", result.title));
    item.appendChild(link);
    item.appendChild(element("p", "vwo-resultaat__waar", result.page + " · " + source.label));
    var text = element("p", "vwo-resultaat__uittreksel");
    if (result.excerpt.cut) text.appendChild(document.createTextNode("… "));
    result.excerpt.words.forEach(function (word, index) {
      if (index) text.appendChild(document.createTextNode(" "));
      if (result.excerpt.marked[result.excerpt.start + index]) text.appendChild(element("mark", "", word));
      else text.appendChild(document.createTextNode(word));
    });
    if (result.excerpt.more) text.appendChild(document.createTextNode(" …"));
    item.appendChild(text);
    return item;
  }

  function count(n) {
    return n === 1 ? t("one", "1 resultaat") : n + t("many", " resultaten");
  }

  function group(found, withHeading, index) {
    var box = element("section", "vwo-zoeken__groep");
    var list = element("ol", "vwo-zoeken__lijst");
    if (withHeading) {
      var id = "vwo-zoeken-groep-" + index;
      var heading = element("h3", "vwo-zoeken__groepkop", found.source.label + ": " + count(found.results.length));
      heading.id = id;
      box.setAttribute("aria-labelledby", id);
      box.appendChild(heading);
    } else {
      list.setAttribute("aria-label", t("results", "Resultaten"));
    }
    var limit = withHeading ? SHOWN_PER_GROUP : found.results.length;
    found.results.forEach(function (result, i) {
      var item = resultItem(result, found.source);
      if (i >= limit) item.hidden = true;
      list.appendChild(item);
    });
    box.appendChild(list);
    if (found.results.length > limit) {
      var more = element("button", "vwo-zoeken__meer", t("all", "Alle ") + count(found.results.length) + t("show", " tonen"));
      more.type = "button";
      more.setAttribute("data-vwo-meer", "");
      more.addEventListener("click", function () {
        var first = null;
        list.querySelectorAll("li[hidden]").forEach(function (item) {
          item.hidden = false;
          first = first || item.querySelector("a");
        });
        more.remove();
        if (first) first.focus();
      });
      box.appendChild(more);
    }
    return box;
  }

  function show(query, all, found) {
    output.textContent = "";
    var total = found.reduce(function (sum, f) { return sum + f.results.length; }, 0);
    var notes = [];
    found.forEach(function (f) {
      f.notes.forEach(function (note) { if (notes.indexOf(note) < 0) notes.push(note); });
    });
    var also = notes.length ? t("also", " (ook gezocht op “") + notes.join("”, “") + "”)" : "";
    // The shared index (the pages of the standard) is searched too, but it is not a version.
    var versions = found.filter(function (f) { return f.source.version; }).length;
    var standard = versions < found.length ? t("and_standard", " en de pagina’s van de standaard") : "";
    var where = all ? t("in", "in ") + versions + (versions === 1 ? t("one_version", " versie") : t("versions", " versies")) + standard
                    : t("in", "in ") + scopeName();
    if (!total) {
      status.textContent = t("none", "Geen resultaten voor “") + query + "” " + where + "." +
        (all ? "" : t("try_all", " Kies ‘alle gepubliceerde versies’ om verder te zoeken."));
      return;
    }
    status.textContent = count(total) + also + " " + where + ".";
    found.forEach(function (f, index) {
      if (f.results.length || !all) output.appendChild(group(f, all, index));
    });
  }

  function scopeName() {
    return settings.versie === "concept" ? t("this_concept", "de werkversie") : t("this_version", "versie ") + settings.versie;
  }

  var sequence = 0;
  var timer = null;
  var busy = null;

  function scopeAll() {
    var checked = dialog.querySelector("input[name=bereik]:checked");
    return !!checked && checked.value === "alle";
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++sequence;
    output.setAttribute("aria-busy", "true");
    if (!query) {
      status.textContent = "";
      output.textContent = "";
      output.setAttribute("aria-busy", "false");
      return;
    }
    var all = scopeAll();
    // Announced only when a search takes a while (the first one loads the index).
    window.clearTimeout(busy);
    busy = window.setTimeout(function () { if (ticket === sequence) status.textContent = t("busy", "Zoeken…"); }, 400);
    var sources = all ? loadPublished() : Promise.resolve([own].concat(shared));
    sources.then(function (list) {
      if (!list.length) throw new Error("geen indexen");
      return instance(all ? "alle" : "deze", list).then(function (search) {
        return Promise.all(list.map(function (source) { return searchSource(search, source, query); }));
      });
    }).then(function (found) {
      if (ticket !== sequence) return;
      window.clearTimeout(busy);
      show(query, all, found);
      output.setAttribute("aria-busy", "false");
    }).catch(function (error) {
      if (ticket !== sequence) return;
      window.clearTimeout(busy);
      output.textContent = "";
      status.textContent = all
        ? t("failed_all", "Zoeken in alle versies lukt hier niet: de lijst met versies of hun zoekindex ontbreekt. Zoek in deze versie.")
        : t("failed", "Zoeken lukt nu niet: de zoekindex van deze versie kon niet worden geladen.");
      output.setAttribute("aria-busy", "false");
      if (window.console) window.console.warn("vwo-search:", error);
    });
  }

  function schedule() {
    output.setAttribute("aria-busy", "true");
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 150);
  }

  // ---- Opening, closing, keys ----------------------------------------------------------------

  function open() {
    if (dialog.open) return;
    dialog.showModal();
    button.setAttribute("aria-expanded", "true");
    input.focus();
    input.select();
    pagefindModule().catch(function () {});
  }

  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", open);
  dialog.querySelector("[data-vwo-sluiten]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    button.setAttribute("aria-expanded", "false");
    button.focus();
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  input.addEventListener("input", schedule);
  dialog.querySelectorAll("input[name=bereik]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      window.clearTimeout(timer);
      run();
    });
  });
  // A result on this same page only moves the view: close the dialog first.
  output.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    if (link) dialog.close();
  });

  function links() {
    return Array.prototype.slice.call(output.querySelectorAll("li:not([hidden]) a.vwo-resultaat__link"));
  }

  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var list = links();
    if (!list.length) return;
    var at = list.indexOf(document.activeElement);
    if (document.activeElement === input) {
      if (event.key !== "ArrowDown") return;
      list[0].focus();
    } else if (at >= 0) {
      if (event.key === "ArrowDown" && at < list.length - 1) list[at + 1].focus();
      else if (event.key === "ArrowUp") (at ? list[at - 1] : input).focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  // Material's keys: "/", "s" or "f" opens the search, unless the reader is typing.
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["/", "s", "f", "S", "F"].indexOf(event.key) < 0) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName))) return;
    event.preventDefault();
    open();
  });
})();
