// The check of "Toets uw overeenkomst", part 3 of 3: the findings, the report and
// the check itself (findings.py, check.py), and window.VwoToets. Loaded after
// vwo-toets-regels.js and vwo-toets-koppelen.js.
(function (root) {
  "use strict";

  var shared = root.VwoToetsDelen;
  var FILL = shared.FILL;
  var OPEN = shared.OPEN;
  var WORDLIKE = shared.WORDLIKE;
  var clean = shared.clean;
  var tokenSpans = shared.tokenSpans;
  var tokens = shared.tokens;
  var splitLabel = shared.splitLabel;
  var mend = shared.mend;
  var standardTokens = shared.standardTokens;
  var rowTokens = shared.rowTokens;
  var isPageNumber = shared.isPageNumber;
  var joinLines = shared.joinLines;
  var mdBlocks = shared.mdBlocks;
  var otherLanguage = shared.otherLanguage;
  var prepare = shared.prepare;
  var shown = shared.shown;
  var labelFree = shared.labelFree;
  var blockText = shared.blockText;
  var blocksOf = shared.blocksOf;
  var buildStream = shared.buildStream;
  var SCORE_K = shared.SCORE_K;
  var RECOGNISED = shared.RECOGNISED;
  var grams = shared.grams;
  var score = shared.score;
  var ranked = shared.ranked;
  var sameScore = shared.sameScore;
  var chain = shared.chain;
  var lcs = shared.lcs;
  var align = shared.align;
  var sections = shared.sections;
  var classify = shared.classify;

  // ---- findings.py (without the redline: the page makes its own, see redline()) -------
  function spanText(copy, picked, values, slotText) {
    var byParagraph = new Map();
    Array.from(new Set(picked)).sort(function (a, b) { return a - b; }).forEach(function (t) {
      var p = copy.paragraphOf[t];
      if (!byParagraph.has(p)) byParagraph.set(p, []);
      byParagraph.get(p).push(t);
    });
    var replaced = new Map();
    values.forEach(function (v) { replaced.set(v.start, v); });
    var parts = [];
    Array.from(byParagraph.keys()).sort(function (a, b) { return a - b; }).forEach(function (p) {
      var chosen = byParagraph.get(p), para = copy.paragraphs[p];
      var start = copy.spans[chosen[0]][0], end = copy.spans[chosen[chosen.length - 1]][1];
      var pieces = [], position = start, t = chosen[0];
      while (t <= chosen[chosen.length - 1]) {
        var run = replaced.get(t);
        if (run && copy.paragraphOf[run.start] === p) {
          var last = Math.min(run.end, para.end) - 1;
          pieces.push(para.text.slice(position, copy.spans[t][0]));
          pieces.push(slotText.get(run.slot));
          position = copy.spans[last][1];
          t = last + 1;
          continue;
        }
        t++;
      }
      pieces.push(para.text.slice(position, end));
      var text = pieces.join("").trim();
      parts.push(para.kind === "row" ? "| " + text + " |" : text);
    });
    return parts.join("\n\n");
  }

  function whereOf(unit, heads) {
    if (unit.kind === "considerans") return "Considerans";
    if (unit.kind === "titel") return "Titel";
    var head = heads.get(unit.section || "");
    if (unit.kind === "lid") return "Artikel " + (head ? head.number : "?") + ", lid " + unit.number;
    if (unit.kind === "artikelkop") return "Artikel " + unit.number + " (kop)";
    if (unit.kind === "bijlagekop") return "Bijlage " + unit.number + " (kop)";
    return "Bijlage " + (head ? head.number : "?") + ", onderdeel " + unit.number + (unit.title ? " (" + unit.title + ")" : "");
  }

  function provisionsFor(coverage, unit) {
    if (!coverage) return null;
    var out = [];
    [unit.id, unit.section].forEach(function (key) {
      (coverage[key || ""] || []).forEach(function (code) { if (out.indexOf(code) < 0) out.push(code); });
    });
    return out;
  }

  function coverText(copy, firstJudged) {
    if (firstJudged >= copy.tokens.length) return copy.paragraphs.map(function (p) { return p.full; }).join("\n\n");
    var index = copy.paragraphOf[firstJudged];
    var parts = copy.paragraphs.slice(0, index).map(function (p) { return p.full; });
    var lead = copy.paragraphs[index].text.slice(0, copy.spans[firstJudged][0]).trim();
    if (lead) parts.push(lead);
    return parts.join("\n\n");
  }

  function buildFindings(stream, copy, found, coverage, diff) {
    var slotText = new Map();
    found.values.forEach(function (v) { var l = stream.slotLabel[v.slot]; slotText.set(v.slot, l ? "[" + l + "]" : ""); });
    var valuesOf = new Map();
    found.values.forEach(function (v) { if (!valuesOf.has(v.unit)) valuesOf.set(v.unit, []); valuesOf.get(v.unit).push(v); });
    var units = stream.standard.units.map(function (unit, u) {
      var matched = [];
      for (var i = stream.unitStart[u]; i < stream.unitEnd[u]; i++) if (found.s2c[i] >= 0) matched.push(found.s2c[i]);
      var own = valuesOf.get(u) || [];
      var picked = matched.concat(found.inside[u]);
      own.forEach(function (v) { for (var t = v.start; t < v.end; t++) picked.push(t); });
      var number = unit.kind === "lid" ? unit.number : null;
      var standardText = unit.blocks.map(function (b, n) { return blockText(b, n === 0 ? number : null); }).join("\n\n");
      var copyText = picked.length ? spanText(copy, picked, own, slotText) : "";
      var status = found.status[u];
      var copyNumber = null;
      if (matched.length) {
        var labels = copy.paragraphs[copy.paragraphOf[Math.min.apply(null, matched)]].labels;
        var wanted = { artikelkop: "heading", bijlagekop: "annex", lid: "clause" }[unit.kind];
        var label = labels.filter(function (l) { return l.kind === wanted; })[0];
        copyNumber = label ? label.value : null;
      }
      return {
        unit: unit, status: status, standardText: standardText, copyText: copyText, copyNumber: copyNumber,
        redline: status === "changed" ? diff(standardText, copyText) : [], provisions: provisionsFor(coverage, unit)
      };
    });
    return units;
  }

  function fillValues(stream, copy, found) {
    return found.values.map(function (run) {
      var unit = stream.standard.units[run.unit], block = unit.blocks[stream.blockOf[run.slot]];
      var label = stream.slotLabel[run.slot];
      var first = block.kind === "row" && block.cells.length ? block.cells[0] : "";
      var name = first.trim() && first.indexOf(OPEN) < 0 ? shown(first) : block.kind === "row" ? labelFree(unit.title || "") : label;
      var picked = [];
      for (var t = run.start; t < run.end; t++) picked.push(t);
      var value = spanText(copy, picked, [], new Map()).split("\n\n").join(" ");
      if (value.slice(0, 2) === "| " && value.slice(-2) === " |") value = value.slice(2, -2);
      var filled = tokens(value.replace(/\[[^\]]*\]/g, " ")).some(function (x) { return WORDLIKE.test(x); });
      return { unit: unit.id, field: name, context: blockText(block), value: value, filled: filled };
    });
  }

  function report(file, stream, copy, found, coverage, diff, base) {
    var units = buildFindings(stream, copy, found, coverage, diff);
    var standard = stream.standard, heads = new Map(), secs = [], byId = new Map();
    standard.units.forEach(function (u) { if (u.kind === "artikelkop" || u.kind === "bijlagekop") heads.set(u.id, u); });
    units.forEach(function (f) {
      var unit = f.unit;
      byId.set(unit.id, f);
      if (unit.kind === "artikelkop" || unit.kind === "bijlagekop") {
        secs.push({
          kind: unit.kind === "artikelkop" ? "artikel" : "bijlage", id: unit.id, number: unit.number || "",
          title: unit.title || "", heading: f, units: [], copyNumber: f.copyNumber, moved: found.moved.has(unit.id)
        });
      } else if (unit.section !== null && secs.length) {
        secs[secs.length - 1].units.push(f);
      }
    });
    secs.forEach(function (s) { s.renumbered = s.copyNumber !== null && s.copyNumber !== s.number; });
    function textOf(ps) { return ps.map(function (p) { return copy.paragraphs[p].full; }).join("\n\n"); }
    var additions = [], signature = [];
    found.added.forEach(function (added) {
      if (added.kind === "voorblad") return;
      if (added.kind === "ondertekening") { signature.push(textOf(added.paragraphs)); return; }
      var after = added.after !== null ? standard.units[added.after] : null;
      var section = after ? after.section : null;
      additions.push({
        after: after ? after.id : null, section: section, kind: added.kind === "artikel" ? "artikel" : "tekst",
        text: textOf(added.paragraphs), provisions: section && heads.has(section) ? provisionsFor(coverage, heads.get(section)) : null
      });
    });
    var deviations = [];
    function add(kind, unit, section, where, provisions) {
      deviations.push({ id: "A" + (deviations.length + 1), kind: kind, unit: unit ? unit.id : null, section: section, where: where, provisions: provisions });
    }
    var secById = new Map();
    secs.forEach(function (s) { secById.set(s.id, s); });
    units.forEach(function (f) {
      var unit = f.unit;
      if (unit.kind !== "titel" && f.status !== "identical") add(f.status === "changed" ? "gewijzigd" : "ontbreekt", unit, unit.section, whereOf(unit, heads), f.provisions);
      var s = secById.get(unit.id);
      if (s) {
        var label = s.kind === "artikel" ? "Artikel" : "Bijlage";
        if (s.moved) add("verplaatst", unit, unit.id, label + " " + s.number, f.provisions);
        if (s.renumbered) add("anders genummerd", unit, unit.id, label + " " + s.number + " (in de kopie " + s.copyNumber + ")", f.provisions);
      }
      additions.forEach(function (a) {
        if (a.after === unit.id) {
          var w = whereOf(unit, heads);
          add("toegevoegd", unit, a.section, "na " + (unit.kind === "considerans" || unit.kind === "titel" ? w.toLowerCase() : w), a.provisions);
        }
      });
    });
    additions.forEach(function (a) { if (a.after === null) add("toegevoegd", null, null, "aan het begin", null); });
    var values = fillValues(stream, copy, found);
    function counts(kind) {
      var list = units.filter(function (f) { return f.unit.kind === kind; });
      return {
        total: list.length,
        identical: list.filter(function (f) { return f.status === "identical"; }).length,
        changed: list.filter(function (f) { return f.status === "changed"; }).length,
        missing: list.filter(function (f) { return f.status === "missing"; }).length
      };
    }
    var headFindings = units.filter(function (f) { return f.unit.kind === "artikelkop" || f.unit.kind === "bijlagekop"; });
    var considerans = byId.get("considerans");
    var summary = {
      clauses: counts("lid"), annex_parts: counts("onderdeel"),
      headings_changed: headFindings.filter(function (f) { return f.status === "changed"; }).length,
      headings_missing: headFindings.filter(function (f) { return f.status === "missing"; }).length,
      considerans: considerans ? considerans.status : null,
      added: additions.length, added_articles: additions.filter(function (a) { return a.kind === "artikel"; }).length,
      moved: secs.filter(function (s) { return s.moved; }).length, renumbered: secs.filter(function (s) { return s.renumbered; }).length,
      values: values.filter(function (v) { return v.filled; }).length, deviations: deviations.length
    };
    summary.identical = summary.deviations === 0;
    return Object.assign({}, base, {
      title: byId.get("titel") || null, considerans: considerans || null, sections: secs, additions: additions,
      front_matter: copy.tokens.length ? coverText(copy, found.firstJudged) : "", signature: signature.join("\n\n"),
      values: values, deviations: deviations, summary: summary
    });
  }

  // ---- check.py -----------------------------------------------------------------------
  function CheckError(what, hint) { this.what = what; this.hint = hint || ""; }

  // candidates: [{standard, facts: {version, status, label, current, superseded_by}, coverage}]
  function check(file, extracted, candidates, version, diff) {
    diff = diff || function () { return []; };
    var blocks = new Map(), vocabulary = new Set(), seen = new Set();
    candidates.forEach(function (c) { blocks.set(c.facts.version, blocksOf(c.standard)); });
    blocks.forEach(function (list) {
      list.forEach(function (b) {
        if (seen.has(b.key)) return;
        seen.add(b.key);
        b.tokens.forEach(function (t) { if (t !== FILL) vocabulary.add(t); });
      });
    });
    var copy = prepare(extracted, vocabulary);
    if (!copy.tokens.length) throw new CheckError("no text found in the document", "is it the agreement? a scan needs a text layer");
    var language = otherLanguage(copy.tokens);
    if (language) throw new CheckError("the document is in " + language + ", not in Dutch", "the check compares with the Dutch text of the standard; ask for the Dutch version");
    var byVersion = new Map();
    candidates.forEach(function (c) { byVersion.set(c.facts.version, c); });
    if (version && !byVersion.has(version)) throw new CheckError("unknown version " + version, "");
    var copyGrams = grams(copy.tokens, SCORE_K), order = candidates.map(function (c) { return c.facts.version; });
    var cache = new Map();
    var scores = ranked(order.map(function (v) { return score(v, blocks.get(v), copyGrams, cache); }), order);
    var best = scores.length && scores[0].containment >= RECOGNISED ? scores[0] : null;
    var chosenVersion = version || (best ? best.version : null);
    var chosen = chosenVersion ? byVersion.get(chosenVersion) : null;
    var notes = extracted;
    var base = {
      file: file, format: notes.format,
      identification: {
        version: chosenVersion, best: best ? best.version : null, given: !!version,
        tied: scores.slice(1).filter(function (s) { return best && sameScore(s, best); }).map(function (s) { return s.version; }),
        threshold: RECOGNISED,
        scores: scores.map(function (s) { return { version: s.version, score: s.score, containment: s.containment, label: byVersion.get(s.version).facts.label }; })
      },
      facts: chosen ? chosen.facts : null,
      notes: {
        pages: notes.pages === undefined ? null : notes.pages,
        insertions: notes.insertions || 0, deletions: notes.deletions || 0, moves: notes.moves || 0, formatting: notes.formatting || 0,
        comments: notes.comments || [], auto_numbered: notes.auto_numbered || 0, hidden: notes.hidden || 0,
        noise: notes.noise || 0, page_numbers: copy.pageNumbers
      },
      coverage: !!(chosen && chosen.coverage),
      title: null, considerans: null, sections: [], additions: [], front_matter: "", signature: "", values: [], deviations: [], summary: null
    };
    base.recognised = chosenVersion !== null;
    if (!chosen) return base;
    var stream = buildStream(chosen.standard);
    var alignment = align(stream.tokens, copy.tokens, stream.unitOf, copy.paragraphOf, stream.slotText);
    var found = classify(stream, copy, alignment);
    return report(file, stream, copy, found, chosen.coverage || null, diff, base);
  }

  function standardFromData(data) {
    if (!data || data.schema !== "vwo-tekst/1") throw new CheckError("not a vwo-tekst/1 file", "rebuild the site");
    return {
      version: String(data.version), title: String(data.title),
      units: data.units.map(function (u) {
        return {
          id: String(u.id), kind: u.kind, section: u.section, number: u.number, title: u.title,
          blocks: u.blocks.map(function (b) { return { kind: b.kind, text: String(b.text), cells: (b.cells || []).map(String), level: b.level || 0 }; })
        };
      })
    };
  }

  // What both implementations must agree on: the vectors compare this, not the redline.
  function findings(r) {
    var units = [];
    var all = [r.considerans];
    r.sections.forEach(function (s) { all.push(s.heading); Array.prototype.push.apply(all, s.units); });
    all.forEach(function (f) { if (f && f.status !== "identical") units.push([f.unit.id, f.status]); });
    return {
      version: r.identification.version, best: r.identification.best,
      scores: r.identification.scores.map(function (s) { return [s.version, s.score, s.containment]; }),
      deviations: r.deviations.map(function (d) { return [d.kind, d.unit]; }),
      units: units,
      additions: r.additions.map(function (a) { return [a.after, a.kind, a.text]; }),
      values: r.values.filter(function (v) { return v.filled; }).map(function (v) { return [v.unit, v.field, v.value]; }),
      sections: r.sections.filter(function (s) { return s.moved || s.renumbered; }).map(function (s) { return [s.id, s.copyNumber, s.moved]; }),
      front_matter: r.front_matter, signature: r.signature
    };
  }

  var api = {
    FILL: FILL, clean: clean, splitLabel: splitLabel, tokens: tokens, tokenSpans: tokenSpans, mend: mend,
    standardTokens: standardTokens, rowTokens: rowTokens, isPageNumber: isPageNumber, joinLines: joinLines,
    mdBlocks: mdBlocks, otherLanguage: otherLanguage, prepare: prepare, buildStream: buildStream,
    grams: grams, chain: chain, lcs: lcs, align: align, classify: classify, check: check,
    standardFromData: standardFromData, findings: findings, CheckError: CheckError, blockText: blockText
  };
  root.VwoToets = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
