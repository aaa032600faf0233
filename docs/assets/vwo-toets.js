// "Toets uw overeenkomst": the page around VwoToets (the check) and VwoToetsLezen (the
// reading of the file). Fetches versies.json and each version's tekst.json from this
// site, reads the chosen file in the browser, shows the report and offers it as JSON
// (schema vwo-toets/1, as `vwo toets --format json`) and as one HTML page. Every text
// from the file reaches the page through textContent only. No request leaves the site.
(function () {
  "use strict";
  var form = document.querySelector("[data-vwo-toets]");
  if (!form || !window.VwoToets || !window.VwoToetsLezen) return;
  if (typeof DecompressionStream === "undefined" || typeof TextDecoder === "undefined" || !window.Blob) return;
  var T = window.VwoToets, L = window.VwoToetsLezen;
  var input = form.querySelector("input[type=file]"), select = form.querySelector("select");
  var status = form.querySelector("[role=status]"), output = document.getElementById("vwo-toets-rapport");
  var versions = [], texts = new Map(), current = null;
  var STATUS = { identical: "gelijk", changed: "gewijzigd", missing: "ontbreekt" };
  var LANGUAGES = { English: "het Engels", German: "het Duits", French: "het Frans" };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function add(parent, tag, attrs, text) { var node = el(tag, attrs, text); parent.appendChild(node); return node; }
  function perMille(v) { return Math.floor(v / 10) + "," + (v % 10) + " %"; }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function facts(entry) {
    return { version: entry.versie, status: entry.status, label: entry.label, current: !!entry.actueel, superseded_by: entry.vervangen_door || null };
  }

  function loadVersions() {
    return getJson(form.getAttribute("data-versies")).then(function (data) {
      return data.versies.map(function (e) { return { facts: facts(e), url: "../../" + e.pad + "tekst.json" }; });
    }).catch(function () {
      // A build without the site root around it (one version, or the concept): its own text.
      var own = form.getAttribute("data-versie");
      return getJson(form.getAttribute("data-eigen-versies")).catch(function () { return { versies: [] }; }).then(function (data) {
        var entry = data.versies.filter(function (e) { return e.versie === own; })[0];
        var f = entry ? facts(entry) : { version: own, status: "concept", label: "Werkversie", current: false, superseded_by: null };
        return [{ facts: f, url: form.getAttribute("data-tekst") }];
      });
    }).then(function (list) {
      versions = list.slice().reverse();  // oldest first, as the CLI orders them
      list.forEach(function (v) { add(select, "option", { value: v.facts.version }, "versie " + v.facts.version + " (" + v.facts.label.toLowerCase() + ")"); });
    });
  }

  function candidates() {
    return texts_of(versions).then(function (list) {
      if (list.length) return list;
      // The site root's versions are not next to this build (a single build): its own text.
      var own = form.getAttribute("data-versie");
      return texts_of([{ facts: { version: own, status: own === "concept" ? "concept" : "vastgesteld", label: own === "concept" ? "Werkversie" : "Versie " + own, current: false, superseded_by: null }, url: form.getAttribute("data-tekst") }]);
    });
  }

  function texts_of(list) {
    return Promise.all(list.map(function (v) {
      if (texts.has(v.url)) return texts.get(v.url);
      var loading = getJson(v.url).then(function (data) {
        return { standard: T.standardFromData(data), facts: v.facts, coverage: data.coverage || null };
      }).catch(function () { return null; });
      texts.set(v.url, loading);
      return loading;
    })).then(function (list) { return list.filter(Boolean); });
  }

  // The redline on this page: a word diff of the standard's text and the copy's words.
  // (`vwo toets` uses the word diff of `vwo compare`; where the two cut a phrase
  // differently, the findings above it are still the same.)
  function diff(a, b) {
    var x = a.match(/\s+|[^\s]+/g) || [], y = b.match(/\s+|[^\s]+/g) || [];
    var key = function (t) { return /^\s+$/.test(t) ? (t.indexOf("\n\n") >= 0 ? "\n\n" : " ") : t; };
    var segments = [];
    function push(op, text) {
      var last = segments[segments.length - 1];
      if (last && last.op === op) last.text += text; else segments.push({ op: op, text: text });
    }
    if (x.length * y.length > 250000) {
      push("delete", a); push("insert", b);
    } else {
      var walk = T.lcs(x.map(key), y.map(key))[0], i = 0, j = 0;
      walk.concat([[x.length, y.length]]).forEach(function (p) {
        while (i < p[0]) push("delete", x[i++]);
        while (j < p[1]) push("insert", y[j++]);
        if (p[0] < x.length) { push("equal", y[j]); i++; j++; }
      });
    }
    return [{ status: "changed", kind: "p", marker: "", segments: segments }];
  }

  function versionLines(r) {
    var id = r.identification, f = r.facts;
    if (!f) {
      var best = id.scores[0];
      return ["Geen versie van de standaard herkend: geen enkele versie komt voldoende overeen." +
        (best ? " Het best past versie " + best.version + " (" + perMille(best.containment) + " van haar tekst gevonden)." : "")];
    }
    var score = id.scores.filter(function (s) { return s.version === f.version; })[0];
    var lines = ["Versie " + f.version + " (" + f.label.toLowerCase() + "), " + (id.given ? "gekozen op deze pagina" : "herkend aan de tekst") +
      (score ? "; " + perMille(score.containment) + " van haar tekst staat in de kopie." : ".")];
    if (id.tied.length) lines.push("Even goed passen: " + id.tied.map(function (v) { return "versie " + v; }).join(", ") + ".");
    if (id.given && id.best && id.best !== f.version) lines.push("Let op: de tekst lijkt het meest op versie " + id.best + ".");
    if (f.superseded_by) lines.push("Let op: deze versie is vervangen door versie " + f.superseded_by + ".");
    else if (f.status === "consultatie") lines.push("Let op: dit is een consultatieversie, niet vastgesteld.");
    else if (f.status === "concept") lines.push("Let op: dit is de werkversie (concept), niet vastgesteld.");
    return lines;
  }

  function summaryLines(r) {
    var s = r.summary;
    if (!s) return [];
    var c = s.clauses, a = s.annex_parts;
    var lines = [
      "Leden: " + c.identical + " gelijk, " + c.changed + " gewijzigd, " + c.missing + " ontbrekend (van " + c.total + ").",
      "Bijlagen: " + a.identical + " onderdelen gelijk, " + a.changed + " gewijzigd, " + a.missing + " ontbrekend (van " + a.total + ").",
      "Toegevoegde tekst: " + s.added + (s.added_articles ? ", waarvan artikelen: " + s.added_articles + "." : ".")
    ];
    if (s.considerans && s.considerans !== "identical") lines.push("Considerans: " + STATUS[s.considerans] + ".");
    if (s.headings_changed || s.headings_missing) lines.push("Koppen: " + s.headings_changed + " gewijzigd, " + s.headings_missing + " ontbrekend.");
    if (s.moved || s.renumbered) lines.push("Artikelen: " + s.moved + " verplaatst, " + s.renumbered + " anders genummerd.");
    lines.push("Ingevulde gegevens: " + s.values + ".");
    lines.push(s.identical ? "Geen afwijkingen van de standaard." : "Afwijkingen die om uitleg vragen: " + s.deviations + ".");
    return lines;
  }

  function noteLines(r) {
    var n = r.notes, lines = [], tracked = n.insertions + n.deletions + n.moves + n.formatting;
    if (tracked) lines.push("Bijgehouden wijzigingen in het bestand: " + tracked + " (invoegingen: " + n.insertions + ", verwijderingen: " + n.deletions +
      ", verplaatsingen: " + n.moves + ", opmaak: " + n.formatting + "). De toets beoordeelt de tekst alsof alle wijzigingen zijn geaccepteerd.");
    if (n.comments.length) lines.push("Opmerkingen in het bestand: " + n.comments.length + " (hieronder); zij tellen niet mee als tekst.");
    if (n.auto_numbered) lines.push("Alinea's met automatische nummering of opsommingstekens: " + n.auto_numbered + "; die nummers staan niet in de tekst en tellen niet mee.");
    if (n.hidden) lines.push("Stukken verborgen tekst, niet meegeteld: " + n.hidden + ".");
    return lines;
  }

  function redline(parent, blocks) {
    blocks.forEach(function (block) {
      var p = add(parent, "p", { "class": "vwo-toets__redline" });
      block.segments.forEach(function (s) {
        if (s.op === "equal") { p.appendChild(document.createTextNode(s.text)); return; }
        var mark = add(p, s.op === "insert" ? "ins" : "del");
        add(mark, "span", { "class": "sr-only" }, s.op === "insert" ? "toegevoegd: " : "verwijderd: ");
        mark.appendChild(document.createTextNode(s.text));
      });
    });
  }

  function unitsById(r) {
    var map = new Map();
    if (r.considerans) map.set(r.considerans.unit.id, r.considerans);
    r.sections.forEach(function (s) {
      map.set(s.heading.unit.id, s.heading);
      s.units.forEach(function (f) { map.set(f.unit.id, f); });
    });
    return map;
  }

  function render(r) {
    current = r;
    output.textContent = "";
    var heading = add(output, "h2", { id: "vwo-toets-uitslag", tabindex: "-1" }, "Rapport van " + r.file);
    versionLines(r).forEach(function (line) { add(output, "p", {}, line); });
    var wrap = add(output, "div", { "class": "vwo-tabel", role: "region", "aria-labelledby": "vwo-toets-scores", tabindex: "0" });
    var table = add(wrap, "table", { "class": "vwo-tabel__tabel" });
    add(table, "caption", { id: "vwo-toets-scores" }, "Overeenkomst per versie");
    var head = add(add(table, "thead"), "tr");
    ["versie", "gevonden in de kopie", "overeenkomst"].forEach(function (h) { add(head, "th", { scope: "col" }, h); });
    var body = add(table, "tbody");
    r.identification.scores.forEach(function (s) {
      var row = add(body, "tr");
      add(row, "td", {}, s.version + " (" + s.label.toLowerCase() + ")");
      add(row, "td", {}, perMille(s.containment));
      add(row, "td", {}, perMille(s.score));
    });
    var summary = summaryLines(r);
    if (summary.length) {
      add(output, "h3", {}, "Samenvatting");
      var ul = add(output, "ul");
      summary.forEach(function (line) { add(ul, "li", {}, line); });
    }
    var notes = noteLines(r);
    if (notes.length || r.notes.comments.length) {
      add(output, "h3", {}, "Over het bestand");
      var nl = add(output, "ul");
      notes.forEach(function (line) { add(nl, "li", {}, line); });
      r.notes.comments.forEach(function (c) { add(nl, "li", {}, "Opmerking" + (c[0] ? " van " + c[0] : "") + ": " + c[1]); });
    }
    if (r.deviations.length) {
      add(output, "h3", {}, "Afwijkingen: pas toe of leg uit");
      var units = unitsById(r), used = new Set();
      r.deviations.forEach(function (d) {
        var section = add(output, "section", { "class": "vwo-toets__afwijking", "aria-labelledby": "vwo-toets-" + d.id });
        var addition = null;
        if (d.kind === "toegevoegd") {
          for (var n = 0; n < r.additions.length && !addition; n++) {
            if (!used.has(n) && r.additions[n].after === d.unit) { addition = r.additions[n]; used.add(n); }
          }
        }
        var title = d.kind === "toegevoegd"
          ? d.id + ". " + (addition && addition.kind === "artikel" ? "artikel toegevoegd " : "tekst toegevoegd ") + d.where
          : d.id + ". " + d.where + ": " + d.kind;
        add(section, "h4", { id: "vwo-toets-" + d.id }, title);
        if (d.provisions && d.provisions.length) add(section, "p", {}, "AVG: " + d.provisions.join(", "));
        var unit = units.get(d.unit || "");
        var quote = add(section, "blockquote");
        if (d.kind === "gewijzigd" && unit) redline(quote, unit.redline);
        else if (d.kind === "ontbreekt" && unit) redline(quote, [{ segments: [{ op: "delete", text: unit.standardText }] }]);
        else if (addition) redline(quote, [{ segments: [{ op: "insert", text: addition.text }] }]);
        else section.removeChild(quote);
        var label = add(section, "label", { "for": "vwo-toets-uitleg-" + d.id }, "Toelichting bij " + d.id + " (pas toe of leg uit)");
        label.className = "vwo-toets__label";
        add(section, "textarea", { id: "vwo-toets-uitleg-" + d.id, rows: "3", "data-afwijking": d.id });
      });
    }
    var filled = r.values.filter(function (v) { return v.filled; });
    if (r.values.length) {
      add(output, "h3", {}, "Ingevulde gegevens");
      add(output, "p", {}, "Niet beoordeeld als afwijking. " + (r.values.length - filled.length) + " velden zijn niet ingevuld.");
      if (filled.length) {
        var vw = add(output, "div", { "class": "vwo-tabel", role: "region", "aria-labelledby": "vwo-toets-ingevuld", tabindex: "0" });
        var vt = add(vw, "table", { "class": "vwo-tabel__tabel" });
        add(vt, "caption", { id: "vwo-toets-ingevuld" }, "Ingevulde gegevens");
        var vh = add(add(vt, "thead"), "tr");
        ["onderdeel", "veld", "ingevuld"].forEach(function (h) { add(vh, "th", { scope: "col" }, h); });
        var vb = add(vt, "tbody");
        filled.forEach(function (v) { var row = add(vb, "tr"); add(row, "td", {}, v.unit); add(row, "td", {}, v.field); add(row, "td", {}, v.value); });
      }
    }
    [["Voor de overeenkomst (voorblad, inhoudsopgave)", r.front_matter], ["Ondertekening", r.signature]].forEach(function (pair) {
      if (!pair[1]) return;
      var details = add(output, "details");
      add(details, "summary", {}, pair[0] + ": niet beoordeeld");
      pair[1].split("\n\n").forEach(function (p) { add(details, "p", {}, p); });
    });
    add(output, "p", {}, "Deze toets vergelijkt tekst met tekst. Hij zegt niet of een afwijking juridisch aanvaardbaar is en vervangt geen juridisch oordeel. Leg elke afwijking uit volgens pas toe of leg uit.");
    var buttons = add(output, "p", { "class": "vwo-toets__downloads" });
    var json = add(buttons, "button", { type: "button", "class": "md-button" }, "Rapport downloaden (JSON)");
    buttons.appendChild(document.createTextNode(" "));
    var html = add(buttons, "button", { type: "button", "class": "md-button" }, "Rapport downloaden (HTML)");
    json.addEventListener("click", function () { save(JSON.stringify(reportData(current), sortedKeys, 2) + "\n", "application/json", ".json"); });
    html.addEventListener("click", function () { save(standalone(), "text/html", ".html"); });
    output.hidden = false;
    heading.focus();
  }

  function explanations() {
    var out = {};
    output.querySelectorAll("textarea[data-afwijking]").forEach(function (t) { out[t.getAttribute("data-afwijking")] = t.value; });
    return out;
  }

  function sortedKeys(key, value) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      var out = {};
      Object.keys(value).sort().forEach(function (k) { out[k] = value[k]; });
      return out;
    }
    return value;
  }

  function unitData(f) {
    return {
      id: f.unit.id, kind: f.unit.kind, number: f.unit.number, title: f.unit.title, status: f.status,
      copy_number: f.copyNumber, standard_text: f.standardText, copy_text: f.copyText, redline: f.redline, provisions: f.provisions
    };
  }

  function reportData(r) {
    var given = explanations(), n = r.notes;
    return {
      schema: "vwo-toets/1", file: r.file, format: r.format, recognised: r.recognised, identification: r.identification,
      version: r.facts, coverage: r.coverage,
      notes: {
        pages: n.pages, tracked_changes: { insertions: n.insertions, deletions: n.deletions, moves: n.moves, formatting: n.formatting },
        comments: n.comments.map(function (c) { return { author: c[0], text: c[1] }; }),
        auto_numbered: n.auto_numbered, hidden: n.hidden, noise_lines: n.noise, page_numbers: n.page_numbers
      },
      summary: r.summary, title: r.title ? unitData(r.title) : null, considerans: r.considerans ? unitData(r.considerans) : null,
      sections: r.sections.map(function (s) {
        return { kind: s.kind, id: s.id, number: s.number, title: s.title, copy_number: s.copyNumber, moved: s.moved, renumbered: s.renumbered,
          heading: unitData(s.heading), units: s.units.map(unitData) };
      }),
      additions: r.additions, front_matter: r.front_matter, signature: r.signature, values: r.values,
      deviations: r.deviations.map(function (d) { return Object.assign({}, d, { explanation: given[d.id] || "" }); })
    };
  }

  function standalone() {
    var copy = output.cloneNode(true);
    copy.querySelectorAll("button").forEach(function (b) { b.remove(); });
    var given = explanations();
    copy.querySelectorAll("textarea[data-afwijking]").forEach(function (t) {
      var p = el("p", { "class": "vwo-toets-uitleg" }, given[t.getAttribute("data-afwijking")] || "");
      t.replaceWith(p);
    });
    var doc = document.implementation.createHTMLDocument("Toets van " + current.file);
    doc.documentElement.setAttribute("lang", "nl");
    var style = doc.createElement("style");
    style.textContent = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.6}" +
      "ins{background:#e6f4ea;color:#0b4d1f;text-decoration:underline}del{background:#fde8e8;color:#8a1111;text-decoration:line-through}" +
      ".sr-only{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}" +
      "table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.2em .5em;text-align:left;vertical-align:top}" +
      ".vwo-toets-uitleg{border:1px dashed #6b7280;min-height:2em;padding:.3em;white-space:pre-wrap}blockquote{white-space:pre-wrap}";
    doc.head.appendChild(style);
    var meta = doc.createElement("meta");
    meta.setAttribute("charset", "utf-8");
    doc.head.insertBefore(meta, doc.head.firstChild);
    var main = doc.createElement("main");
    Array.prototype.slice.call(copy.childNodes).forEach(function (node) { main.appendChild(doc.importNode(node, true)); });
    doc.body.appendChild(main);
    return "<!DOCTYPE html>\n" + doc.documentElement.outerHTML + "\n";
  }

  function save(text, type, suffix) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var link = el("a", { href: url, download: "toets-" + current.file.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_") + suffix });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function message(error) {
    if (error instanceof L.ReadError) return error.what + (error.hint ? ". Tip: " + error.hint + "." : ".");
    if (error instanceof T.CheckError) {
      var language = /^the document is in (\w+), not in Dutch$/.exec(error.what);
      if (language) return "Het document is in " + (LANGUAGES[language[1]] || language[1]) + " geschreven, niet in het Nederlands. De toets vergelijkt met de Nederlandse tekst van de standaard.";
      if (/^no text found/.test(error.what)) return "Geen tekst gevonden in het document.";
      return error.what + ".";
    }
    return "De toets liep vast: " + (error && error.message ? error.message : String(error));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var file = input.files && input.files[0];
    if (!file) { status.textContent = "Kies eerst een bestand."; input.focus(); return; }
    status.textContent = "Bezig met toetsen van " + file.name + "…";
    output.hidden = true;
    Promise.all([file.arrayBuffer(), candidates()]).then(function (results) {
      if (!results[1].length) throw new Error("de teksten van de versies zijn niet te laden");
      return L.extract(results[0], file.name).then(function (extracted) {
        return T.check(file.name, extracted, results[1], select.value || null, diff);
      });
    }).then(function (r) {
      render(r);
      status.textContent = r.summary ? (r.summary.identical ? "Klaar: geen afwijkingen." : "Klaar: " + r.summary.deviations + " afwijkingen.") : "Klaar: geen versie van de standaard herkend.";
    }).catch(function (error) {
      output.textContent = "";
      var p = add(output, "p", { role: "alert", "class": "vwo-toets__fout" }, message(error));
      output.hidden = false;
      status.textContent = "";
      p.setAttribute("tabindex", "-1");
      p.focus();
    });
  });

  loadVersions().then(function () { form.hidden = false; }, function () { form.hidden = false; });
})();
