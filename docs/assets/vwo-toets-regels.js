// The check of "Toets uw overeenkomst", in the browser: the same rules and the same
// matching as `vwo toets` (src/vwo/conformance: rules.py, mdtext.py, document.py,
// stream.py, match.py, classify.py, findings.py). The rules are written out in
// docs/over/toetsen-regels.md; tests/toets_vectors.json holds the cases both versions
// must pass (tests/test_toets_vectors.py, tests/browser/test_toets_page.py). Change
// the three together. Pure functions, no DOM, no network: exported as window.VwoToets.
(function (root) {
  "use strict";

  var FILL = "\u0000fill";
  var OPEN = "\u27e6", CLOSE = "\u27e7";
  var LINE_JOIN = "\n", PAGE_BREAK = "\f";

  // ---- rules.py -----------------------------------------------------------------------
  var INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]/g;
  var PRIVATE_BULLETS = /[\uf0b7\uf0a7\uf0d8\uf0fc\uf076]/g;
  var PRIVATE = /[\ue000-\uf8ff]/g;
  var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
  var QUOTES = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"
  };
  var QUOTE_RE = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u2010-\u2015\u2212]/g;
  var TOKEN = /[-\p{L}\p{N}_]*[\p{L}\p{N}][-\p{L}\p{N}_]*|[^\p{L}\p{N}_\s-]|_/gu;
  var WORDLIKE = /[\p{L}\p{N}]/u;
  var PLACEHOLDER = new RegExp(OPEN + "[^" + CLOSE + "]*" + CLOSE, "g");
  var LABELS = [
    ["heading", /^(?:artikel|article|art\.) ?([0-9]{1,3}[a-z]?) ?[.:)]? /iu],
    ["annex", /^(?:bijlage|annex|appendix) ?([0-9]{1,3}) ?[.:)]? /iu],
    ["clause", /^([0-9]{1,3}(?:\.[0-9]{1,3})+)\.? /u],
    ["number", /^([0-9]{1,3})[.)] /u],
    ["letter", /^\(?([a-z])[.)] /iu],
    ["roman", /^\(?(x|ix|iv|vi{0,3}|i{1,3})[.)] /iu],
    ["bullet", /^([\u2022\u25aa\u25e6\u00b7*+>\u2023\u2043-]) /u]
  ];
  var MAX_LABELS = 3, HEADING_WORDS = 12, EDGE_LINES = 3;
  var PAGE_NUMBER = /^(?:(?:(?:pagina|page|blz\.?|p\.) ?)?[0-9]{1,4}(?: ?(?:van|of|\/) ?[0-9]{1,4})?|- ?[0-9]{1,4} ?-)$/iu;
  var TOC_LINE = /(?:\. ?){4,}[0-9]{1,4}$/u;
  var SENTENCE_END = /[.:;!?]$/;

  function clean(text) {
    text = String(text).normalize("NFKC");
    text = text.replace(PRIVATE_BULLETS, "\u2022").replace(PRIVATE, "").replace(INVISIBLE, "");
    text = text.replace(CONTROL, " ").replace(QUOTE_RE, function (c) { return QUOTES[c]; });
    return text.replace(/\s+/g, " ").trim();
  }

  function tokenSpans(text) {
    var out = [];
    TOKEN.lastIndex = 0;
    var m;
    while ((m = TOKEN.exec(text)) !== null) {
      out.push([m[0].toLowerCase().replace(/-/g, ""), m.index, m.index + m[0].length]);
    }
    return out;
  }

  function tokens(text) { return tokenSpans(text).map(function (t) { return t[0]; }); }

  function headingLike(rest) {
    var words = tokenSpans(rest).filter(function (t) { return WORDLIKE.test(t[0]); }).length;
    var end = rest.replace(/\s+$/, "");
    return words <= HEADING_WORDS && !/[.;:,]$/.test(end);
  }

  function splitLabel(text) {
    var labels = [], rest = text;
    for (var n = 0; n < MAX_LABELS; n++) {
      var found = null;
      for (var k = 0; k < LABELS.length; k++) {
        var kind = LABELS[k][0];
        if ((kind === "heading" || kind === "annex") && labels.some(function (l) { return l.kind !== "bullet"; })) continue;
        var m = LABELS[k][1].exec(rest);
        if (m && (kind === "heading" || kind === "annex") && !headingLike(rest.slice(m[0].length))) continue;
        if (m) { found = [{ kind: kind, value: m[1] }, m[0].length]; break; }
      }
      if (!found) break;
      labels.push(found[0]);
      rest = rest.slice(found[1]);
    }
    return [labels, rest];
  }

  function mend(found, joins, vocabulary) {
    var out = [];
    found.forEach(function (t) {
      var last = out[out.length - 1];
      if (last && joins.has(t[1] - 1) && last[2] === t[1] - 1) {
        var joined = last[0] + t[0];
        if (vocabulary.has(joined) && !(vocabulary.has(last[0]) && vocabulary.has(t[0]))) {
          out[out.length - 1] = [joined, last[1], t[2]];
          return;
        }
      }
      out.push(t);
    });
    return out;
  }

  // [token, belongs to a slot]: a placeholder is FILL and the tokens of "[label]".
  function slotTokens(text) {
    var out = [], position = 0, m;
    function plain(part, flag) { tokens(part).forEach(function (t) { out.push([t, flag]); }); }
    PLACEHOLDER.lastIndex = 0;
    while ((m = PLACEHOLDER.exec(text)) !== null) {
      plain(text.slice(position, m.index), false);
      out.push([FILL, true]);
      plain("[" + m[0].slice(1, -1) + "]", true);
      position = m.index + m[0].length;
    }
    plain(text.slice(position), false);
    return out;
  }

  function rowSlotTokens(cells) {
    var out = [];
    cells.forEach(function (cell) {
      if (cell.trim()) Array.prototype.push.apply(out, slotTokens(cell)); else out.push([FILL, true]);
    });
    return out;
  }

  function standardTokens(text) { return slotTokens(text).map(function (t) { return t[0]; }); }
  function rowTokens(cells) { return rowSlotTokens(cells).map(function (t) { return t[0]; }); }

  function isPageNumber(text) { return PAGE_NUMBER.test(text); }

  function codePoints(text) { return Array.from(text).length; }

  function joinLines(lines) {
    var lengths = lines.filter(function (l) { return l.trim(); }).map(function (l) { return codePoints(clean(l)); });
    lengths.sort(function (a, b) { return a - b; });
    var usual = lengths.length ? lengths[Math.floor((3 * (lengths.length - 1)) / 4)] : 0;
    var paragraphs = [], previous = null, pageEnd = false, heading = false;
    lines.forEach(function (raw) {
      if (raw === PAGE_BREAK) { pageEnd = true; return; }
      var line = clean(raw);
      if (TOC_LINE.test(line) || isPageNumber(line)) return;
      if (!line) { previous = null; return; }
      var labels = splitLabel(line)[0];
      var full = previous !== null && 5 * codePoints(previous) >= 4 * usual;
      var ends = previous !== null && SENTENCE_END.test(previous);
      var starts = previous === null || heading ||
        (labels.length > 0 && (labels[0].kind === "bullet" || ends || !full)) ||
        (!full && (ends || pageEnd));
      if (starts || !paragraphs.length) paragraphs.push(raw.trim());
      else paragraphs[paragraphs.length - 1] = join(paragraphs[paragraphs.length - 1], raw.trim());
      previous = line;
      pageEnd = false;
      heading = labels.length > 0 && (labels[0].kind === "heading" || labels[0].kind === "annex");
    });
    return paragraphs;
  }

  function join(before, after) {
    var stripped = before.replace(/\s+$/, "");
    var last = stripped.slice(-1);
    if ((last === "-" || last === "\u00ad") && stripped.length > 1 &&
        /\p{L}/u.test(stripped.slice(-2, -1)) && after && /^\p{Ll}/u.test(after)) {
      return stripped.slice(0, -1) + after;
    }
    return stripped + LINE_JOIN + after;
  }

  // ---- mdtext.py ----------------------------------------------------------------------
  var ATTR_LIST = /^\{:[^}\n]*\}[ \t]*$\n?|[ \t]*\{:?[ \t]*[.#][^}\n]*\}/gm;
  var LIST_ITEM = /^ {0,3}(?:[-*+]|[0-9]{1,3}[.)])[ \t]+/;
  var HEADING = /^ {0,3}(#{1,6})[ \t]+/;
  var RULE_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
  var NAMED = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

  function entity(_, name) {
    if (name.charAt(0) === "#") {
      var code = /^#[xX]/.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[name];
  }

  function inline(text, placeholders) {
    text = text.replace(/\\([\\`*_{}\[\]()#+\-.!|<>])/g, function (_, c) { return String.fromCharCode(0xe000 + c.charCodeAt(0)); });
    text = text.replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, "$1");
    text = text.replace(/\[([^\]\n]+)\]\([^)\n]*\)/g, "$1");
    if (placeholders) {
      text = text.replace(/\[([^\[\]\n]+)\](?![(\[])/g, function (_, label) { return OPEN + label.trim() + CLOSE; });
    }
    text = text.replace(/\*\*|__/g, "").replace(/\*|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])/g, "");
    text = text.replace(/<[^<>\n]*>/g, " ").replace(/`/g, "");
    text = text.replace(/&(amp|lt|gt|quot|apos|nbsp|#[0-9]{1,6}|#x[0-9a-fA-F]{1,6});/g, entity);
    text = text.replace(/[\ue000-\ue07f]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xe000); });
    return text.split(/\s+/).filter(Boolean).join(" ");
  }

  function cellsOf(line) {
    var body = line.trim();
    if (body.charAt(0) === "|") body = body.slice(1);
    if (body.slice(-1) === "|" && body.slice(-2) !== "\\|") body = body.slice(0, -1);
    return body.split(/(?<!\\)\|/).map(function (c) { return c.trim(); });
  }

  function mdBlocks(markdown, placeholders) {
    var lines = markdown.replace(ATTR_LIST, "").split("\n");
    if (lines.length && lines[0].trim() === "---") {
      for (var e = 1; e < lines.length; e++) {
        if (lines[e].trim() === "---" || lines[e].trim() === "...") { lines = lines.slice(e + 1); break; }
      }
    }
    var out = [], current = [], kind = "p";
    function flush() {
      if (current.length) {
        var text = inline(current.join(" "), placeholders);
        if (text) out.push({ kind: kind, text: text, cells: [], level: 0 });
      }
      current = [];
    }
    lines.forEach(function (raw) {
      var stripped = raw.replace(/\s+$/, "").trim();
      while (stripped.charAt(0) === ">") stripped = stripped.slice(1).trim();
      if (!stripped) { flush(); return; }
      var h = HEADING.exec(stripped);
      if (h) {
        flush();
        var text = inline(stripped.slice(h[0].length).replace(/#+$/, "").trim(), placeholders);
        if (text) out.push({ kind: "h", text: text, cells: [], level: h[1].length });
        return;
      }
      if (stripped.charAt(0) === "|") {
        flush();
        if (!RULE_ROW.test(stripped)) {
          var cells = cellsOf(stripped).map(function (c) { return inline(c, placeholders); });
          out.push({ kind: "row", text: cells.join(" | "), cells: cells, level: 0 });
        }
        return;
      }
      var item = LIST_ITEM.exec(stripped);
      if (item) { flush(); kind = "li"; current.push(stripped.slice(item[0].length)); return; }
      if (!current.length) kind = "p";
      current.push(stripped);
    });
    flush();
    return out;
  }

  // ---- language.py --------------------------------------------------------------------
  var WORDS = {
    nl: "de het een van en in op te dat die is voor met aan niet zijn of door bij wordt worden deze als naar om ook hij zij tot over",
    en: "the of and to is that for with on by this be are as or not shall any which",
    de: "der die das und zu den von mit ist des für auf nicht ein eine dem im oder wird werden",
    fr: "le la les de des et du un une est pour par dans que qui sur pas au aux sont"
  };
  var NAMES = { en: "English", de: "German", fr: "French" };
  var VOCAB = {};
  Object.keys(WORDS).forEach(function (k) { VOCAB[k] = new Set(WORDS[k].split(" ")); });

  function otherLanguage(toks) {
    var words = toks.filter(function (t) { return /\p{L}/u.test(t); });
    if (words.length < 40) return null;
    var counts = {};
    Object.keys(VOCAB).forEach(function (lang) {
      counts[lang] = words.filter(function (w) { return VOCAB[lang].has(w); }).length;
    });
    if (10 * counts.nl >= words.length) return null;
    var best = ["en", "de", "fr"].reduce(function (a, b) { return counts[b] > counts[a] ? b : a; });
    return 10 * counts[best] >= words.length ? NAMES[best] : null;
  }

  // ---- document.py --------------------------------------------------------------------
  function prepare(extracted, vocabulary) {
    var paragraphs = [], toks = [], owner = [], spans = [], dropped = 0, pending = [];
    extracted.paragraphs.forEach(function (raw) {
      var text, full, labels, cells = [], found;
      if (raw.kind === "row") {
        cells = raw.cells.map(clean);
        if (!cells.some(Boolean)) return;
        text = cells.join(" | "); full = text; labels = [];
        found = [];
        var offset = 0;
        cells.forEach(function (cell) {
          tokenSpans(cell).forEach(function (t) { found.push([t[0], offset + t[1], offset + t[2]]); });
          offset += cell.length + 3;
        });
      } else {
        var pieces = raw.text.split(LINE_JOIN).map(clean).filter(Boolean);
        var cleaned = pieces.join(" ");
        if (!cleaned) return;
        if (isPageNumber(cleaned)) { dropped += 1; return; }
        var alone = splitLabel(cleaned + " ");
        if (alone[0].length && !alone[1]) { pending = alone[0]; return; }
        var split = splitLabel(cleaned);
        labels = split[0].length ? split[0] : pending;
        pending = [];
        text = split[1]; full = cleaned;
        found = tokenSpans(text);
        if (vocabulary && vocabulary.size && pieces.length > 1) {
          var cut = cleaned.length - text.length, joins = new Set(), at = -1;
          pieces.slice(0, -1).forEach(function (piece) { at += piece.length + 1; joins.add(at - cut); });
          found = mend(found, joins, vocabulary);
        }
      }
      if (!found.length) return;
      var index = paragraphs.length, first = toks.length;
      found.forEach(function (t) { toks.push(t[0]); owner.push(index); spans.push([t[1], t[2]]); });
      paragraphs.push({ text: text, full: full, kind: raw.kind, labels: labels, cells: cells, first: first, end: toks.length });
    });
    return { source: extracted, paragraphs: paragraphs, tokens: toks, paragraphOf: owner, spans: spans, pageNumbers: dropped };
  }

  // ---- stream.py ----------------------------------------------------------------------
  function shown(text) { return text.split(OPEN).join("[").split(CLOSE).join("]"); }

  function labelFree(text, number) {
    var cleaned = clean(text);
    return splitLabel(number ? number + " " + cleaned : cleaned)[1];
  }

  function blockText(block, number) {
    if (block.kind === "row") return "| " + block.cells.map(function (c) { return shown(clean(c)); }).join(" | ") + " |";
    return shown(labelFree(block.text, number));
  }

  function slotLabels(text) {
    var out = [], position = 0;
    for (;;) {
      var start = text.indexOf(OPEN, position);
      if (start < 0) return out;
      var end = text.indexOf(CLOSE, start);
      if (end < 0) return out;
      out.push(text.slice(start + 1, end));
      position = end + 1;
    }
  }

  var blockCache = new Map();

  // (tokens, slot labels) of one block; cached, since versions share most blocks.
  function blockTokens(block, number) {
    var key = block.kind + "\u0002" + block.text + "\u0002" + block.cells.join("\u0003") + "\u0002" + (number || "");
    var found = blockCache.get(key);
    if (found) return found;
    var pairs, labels;
    if (block.kind === "row") {
      var cells = block.cells.map(clean);
      pairs = rowSlotTokens(cells);
      labels = [];
      cells.forEach(function (c) { Array.prototype.push.apply(labels, c.trim() ? slotLabels(c) : [""]); });
    } else {
      var text = labelFree(block.text, number);
      pairs = slotTokens(text);
      labels = slotLabels(text);
    }
    var toks = pairs.map(function (p) { return p[0]; });
    found = { tokens: toks, flags: pairs.map(function (p) { return p[1]; }), labels: labels, key: toks.join(SEP) };
    blockCache.set(key, found);
    return found;
  }

  function blocksOf(standard) {
    var out = [];
    standard.units.forEach(function (unit) {
      unit.blocks.forEach(function (block, b) { out.push(blockTokens(block, unit.kind === "lid" && b === 0 ? unit.number : null)); });
    });
    return out;
  }

  var streamCache = new WeakMap();

  function buildStream(standard) {
    if (streamCache.has(standard)) return streamCache.get(standard);
    var s = { standard: standard, tokens: [], unitOf: [], blockOf: [], slotLabel: [], slotText: [], unitStart: [], unitEnd: [] };
    standard.units.forEach(function (unit, u) {
      s.unitStart.push(s.tokens.length);
      unit.blocks.forEach(function (block, b) {
        var found = blockTokens(block, unit.kind === "lid" && b === 0 ? unit.number : null), next = 0;
        found.tokens.forEach(function (t, n) {
          s.tokens.push(t); s.unitOf.push(u); s.blockOf.push(b); s.slotText.push(found.flags[n]);
          s.slotLabel.push(t === FILL ? (next < found.labels.length ? found.labels[next++] : "") : "");
        });
      });
      s.unitEnd.push(s.tokens.length);
    });
    streamCache.set(standard, s);
    return s;
  }

  function nonfill(stream, u) {
    var n = 0;
    for (var i = stream.unitStart[u]; i < stream.unitEnd[u]; i++) if (!stream.slotText[i]) n++;
    return n;
  }

  // ---- match.py -----------------------------------------------------------------------
  var SCORE_K = 4, ANCHOR_K = [8, 4], TABLE_LIMIT = 60000, RECOGNISED = 500;
  var SEP = "\u0001";

  function grams(toks, k) {
    var out = new Set();
    for (var i = 0; i + k <= toks.length; i++) {
      var gram = toks.slice(i, i + k);
      if (gram.indexOf(FILL) < 0) out.add(gram.join(SEP));
    }
    return out;
  }

  function score(version, blocks, copy, cache) {
    var common = 0, size = 0;
    blocks.forEach(function (block) {
      var found = cache.get(block.key);
      if (!found) {
        var own = grams(block.tokens, SCORE_K), shared = 0;
        own.forEach(function (g) { if (copy.has(g)) shared++; });
        found = [own.size, shared];
        cache.set(block.key, found);
      }
      size += found[0]; common += found[1];
    });
    var total = size + copy.size;
    return {
      version: version,
      score: total ? Math.floor((2000 * common) / total) : 0,
      containment: size ? Math.floor((1000 * common) / size) : 0,
      common: common, size: size, copySize: copy.size
    };
  }

  function ranked(scores, order) {
    return scores.slice().sort(function (a, b) {
      var left = a.common * (b.size + b.copySize), right = b.common * (a.size + a.copySize);
      if (left !== right) return right - left;
      return order.indexOf(b.version) - order.indexOf(a.version);
    });
  }

  function sameScore(a, b) { return a.common * (b.size + b.copySize) === b.common * (a.size + a.copySize); }

  function uniqueGrams(toks, start, end, k, unitOf) {
    var seen = new Map();
    for (var i = start; i <= end - k; i++) {
      if (unitOf && unitOf[i] !== unitOf[i + k - 1]) continue;
      var gram = toks.slice(i, i + k);
      if (gram.indexOf(FILL) >= 0) continue;
      var key = gram.join(SEP);
      seen.set(key, seen.has(key) ? -1 : i);
    }
    var out = new Map();
    seen.forEach(function (i, g) { if (i >= 0) out.set(g, i); });
    return out;
  }

  function bisectLeft(values, x) {
    var lo = 0, hi = values.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (values[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function chain(pairs) {
    var tails = [], tailValues = [], previous = pairs.map(function () { return -1; });
    pairs.forEach(function (p, index) {
      var at = bisectLeft(tailValues, p[1]);
      if (at) previous[index] = tails[at - 1];
      if (at === tails.length) { tails.push(index); tailValues.push(p[1]); }
      else { tails[at] = index; tailValues[at] = p[1]; }
    });
    var out = [], index = tails.length ? tails[tails.length - 1] : -1;
    while (index !== -1) { out.push(index); index = previous[index]; }
    return out.reverse();
  }

  // Two heaviest common subsequences (early, late); weights[i] is what matching a[i] weighs.
  function lcs(a, b, weights) {
    var n = a.length, m = b.length, table = [];
    var w = weights || a.map(function () { return 1; });
    for (var r = 0; r <= n; r++) table.push(new Int32Array(m + 1));
    for (var i = n - 1; i >= 0; i--) {
      var row = table[i], below = table[i + 1], token = a[i], weight = w[i];
      for (var j = m - 1; j >= 0; j--) {
        var best = below[j] >= row[j + 1] ? below[j] : row[j + 1];
        if (token === b[j] && below[j + 1] + weight > best) best = below[j + 1] + weight;
        row[j] = best;
      }
    }
    return [false, true].map(function (late) {
      var out = [], i = 0, j = 0;
      while (i < n && j < m) {
        var here = table[i][j];
        if (late && table[i][j + 1] === here) j++;
        else if (a[i] === b[j] && table[i + 1][j + 1] + w[i] === here) { out.push([i, j]); i++; j++; }
        else if (table[i + 1][j] === here) i++;
        else j++;
      }
      return out;
    });
  }

  function seams(pairs, unitOf, paragraphOf) {
    var count = 0;
    for (var n = 0; n + 1 < pairs.length; n++) {
      var i = pairs[n][0], j = pairs[n][1], k = pairs[n + 1][0], l = pairs[n + 1][1];
      if (k === i + 1 && unitOf[i] === unitOf[k] && paragraphOf[j] !== paragraphOf[l]) count++;
      if (l === j + 1 && paragraphOf[j] === paragraphOf[l] && unitOf[i] !== unitOf[k]) count++;
    }
    return count;
  }

  function strays(pairs, standard) {
    var count = 0;
    for (var n = 0; n + 1 < pairs.length; n++) {
      var i = pairs[n][0], j = pairs[n][1], k = pairs[n + 1][0], m = pairs[n + 1][1];
      if (m > j + 1 && standard.slice(i + 1, k).indexOf(FILL) < 0) count += m - j - 1;
    }
    return count;
  }

  function Aligner(a, b, unitOf, paragraphOf, slotText) {
    this.a = a; this.b = b; this.unitOf = unitOf; this.paragraphOf = paragraphOf; this.slotText = slotText;
    this.pairs = []; this.spare = [];
  }

  Aligner.prototype.table = function (a0, a1, b0, b1) {
    var self = this;
    var before = this.pairs.length ? [this.pairs[this.pairs.length - 1]] : [];
    var after = a1 < this.a.length && b1 < this.b.length && this.a[a1] === this.b[b1] ? [[a1, b1]] : [];
    var best = [], bestKey = null;
    var weights = this.slotText.slice(a0, a1).map(function (slot) { return slot ? 1 : 2; });
    lcs(this.a.slice(a0, a1), this.b.slice(b0, b1), weights).forEach(function (walk) {
      var pairs = walk.map(function (p) { return [a0 + p[0], b0 + p[1]]; });
      var key = [seams(before.concat(pairs, after), self.unitOf, self.paragraphOf),
        strays([[a0 - 1, b0 - 1]].concat(pairs, [[a1, b1]]), self.a)];
      if (!bestKey || key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) { best = pairs; bestKey = key; }
    });
    return best;
  };

  Aligner.prototype.run = function (a0, a1, b0, b1, depth) {
    if (a0 >= a1 || b0 >= b1) return;
    var self = this, a = this.a, b = this.b;
    if (depth && (a1 - a0) * (b1 - b0) <= TABLE_LIMIT) {
      this.table(a0, a1, b0, b1).forEach(function (p) { self.pairs.push(p); });
      return;
    }
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) { this.pairs.push([a0, b0]); a0++; b0++; }
    var tail = [];
    while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) { a1--; b1--; tail.push([a1, b1]); }
    if (a0 < a1 && b0 < b1) {
      if (depth && (a1 - a0) * (b1 - b0) <= TABLE_LIMIT) {
        this.table(a0, a1, b0, b1).forEach(function (p) { self.pairs.push(p); });
      } else if (depth < ANCHOR_K.length) {
        this.anchored(a0, a1, b0, b1, depth);
      }
    }
    tail.reverse().forEach(function (p) { self.pairs.push(p); });
  };

  Aligner.prototype.anchored = function (a0, a1, b0, b1, depth) {
    var k = ANCHOR_K[depth];
    var inA = uniqueGrams(this.a, a0, a1, k, this.unitOf);
    var inB = uniqueGrams(this.b, b0, b1, k, null);
    var anchors = [];
    inA.forEach(function (i, g) { if (inB.has(g)) anchors.push([i, inB.get(g)]); });
    anchors.sort(function (x, y) { return x[0] - y[0]; });
    var kept = chain(anchors);
    if (depth === 0) {
      var keptSet = new Set(kept), self0 = this;
      anchors.forEach(function (p, n) { if (!keptSet.has(n)) self0.spare.push([p[0], p[1], k]); });
    }
    var lastA = a0 - 1, lastB = b0 - 1, self = this;
    kept.forEach(function (n) {
      var i = anchors[n][0], j = anchors[n][1];
      for (var t = 0; t < k; t++) {
        if (i + t > lastA && j + t > lastB) {
          if (i + t > lastA + 1 || j + t > lastB + 1) self.run(lastA + 1, i + t, lastB + 1, j + t, depth + 1);
          self.pairs.push([i + t, j + t]);
          lastA = i + t; lastB = j + t;
        }
      }
    });
    this.run(lastA + 1, a1, lastB + 1, b1, depth + 1);
  };

  function align(standard, copy, unitOf, paragraphOf, slotText) {
    var aligner = new Aligner(standard, copy, unitOf, paragraphOf, slotText);
    aligner.run(0, standard.length, 0, copy.length, 0);
    var s2c = standard.map(function () { return -1; }), c2s = copy.map(function () { return -1; });
    aligner.pairs.forEach(function (p) { s2c[p[0]] = p[1]; c2s[p[1]] = p[0]; });
    return { s2c: s2c, c2s: c2s, spare: aligner.spare };
  }

  function alignPart(standard, a0, a1, copy, b0, b1, unitOf, paragraphOf, slotText) {
    var aligner = new Aligner(standard, copy, unitOf, paragraphOf, slotText);
    aligner.run(a0, a1, b0, b1, 1);
    return aligner.pairs;
  }

  // ---- classify.py --------------------------------------------------------------------
  var SIGNING = new Set(["ondertekening", "ondertekend", "handtekening", "getekend"]);

  function sections(stream) {
    var out = [];
    stream.standard.units.forEach(function (unit, index) {
      if (unit.section === null) return;
      var last = out[out.length - 1];
      if (last && last[0] === unit.section) last[1].push(index); else out.push([unit.section, [index]]);
    });
    return out;
  }

  function matchedIn(stream, s2c, start, end) {
    var n = 0;
    for (var i = start; i < end; i++) if (s2c[i] >= 0 && !stream.slotText[i]) n++;
    return n;
  }

  function unmatch(s2c, c2s, start, end) {
    for (var i = start; i < end; i++) if (s2c[i] >= 0) { c2s[s2c[i]] = -1; s2c[i] = -1; }
  }

  function relocate(stream, copy, alignment, s2c, c2s) {
    sections(stream).forEach(function (section) {
      var units = section[1];
      var start = stream.unitStart[units[0]], end = stream.unitEnd[units[units.length - 1]];
      var total = units.reduce(function (n, u) { return n + nonfill(stream, u); }, 0);
      var before = matchedIn(stream, s2c, start, end);
      if (!total || 2 * before >= total) return;
      var spare = alignment.spare.filter(function (x) { return start <= x[0] && x[0] + x[2] <= end; });
      if (!spare.length) return;
      var pivot = spare[Math.floor((spare.length - 1) / 2)][1];
      if (c2s[pivot] >= 0) return;
      var r0 = pivot, r1 = pivot + 1;
      while (r0 > 0 && c2s[r0 - 1] < 0) r0--;
      while (r1 < c2s.length && c2s[r1] < 0) r1++;
      var pairs = alignPart(stream.tokens, start, end, copy.tokens, r0, r1, stream.unitOf, copy.paragraphOf, stream.slotText);
      var gained = pairs.filter(function (p) { return !stream.slotText[p[0]]; }).length;
      if (gained <= before) return;
      unmatch(s2c, c2s, start, end);
      pairs.forEach(function (p) { s2c[p[0]] = p[1]; c2s[p[1]] = p[0]; });
    });
  }

  // A placeholder's own words count as matched only when the copy has all of them in a row.
  function unfillPartialSlots(stream, s2c, c2s) {
    var toks = stream.tokens, n = toks.length, f = 0;
    while (f < n) {
      if (toks[f] !== FILL) { f++; continue; }
      var e = f + 1;
      while (e < n && stream.slotText[e] && toks[e] !== FILL) e++;
      var whole = true;
      for (var i = f + 1; i < e; i++) {
        if (s2c[i] < 0 || (i > f + 1 && s2c[i] !== s2c[i - 1] + 1)) { whole = false; break; }
      }
      if (!whole) unmatch(s2c, c2s, f + 1, e);
      f = e;
    }
  }

  function unitAt(stream, index) { return index >= 0 && index < stream.tokens.length ? stream.unitOf[index] : -1; }

  function slots(stream, before, after) {
    var units = [unitAt(stream, before), unitAt(stream, after)].filter(function (u) { return u !== -1; });
    var out = [], seen = new Set();
    for (var i = before + 1; i < after; i++) {
      if (stream.tokens[i] === FILL && units.indexOf(stream.unitOf[i]) >= 0) {
        var key = stream.unitOf[i] + ":" + stream.blockOf[i];
        if (!seen.has(key)) { seen.add(key); out.push(i); }
      }
    }
    return out;
  }

  function classify(stream, copy, alignment) {
    var s2c = alignment.s2c.slice(), c2s = alignment.c2s.slice();
    relocate(stream, copy, alignment, s2c, c2s);
    unfillPartialSlots(stream, s2c, c2s);
    var units = stream.standard.units;
    units.forEach(function (_, u) {
      var total = nonfill(stream, u);
      if (total && 2 * matchedIn(stream, s2c, stream.unitStart[u], stream.unitEnd[u]) < total) {
        unmatch(s2c, c2s, stream.unitStart[u], stream.unitEnd[u]);
      }
    });
    var result = { s2c: s2c, c2s: c2s, status: [], inside: units.map(function () { return []; }), values: [], added: [], moved: new Set(), firstJudged: 0 };
    var firstJudged = c2s.length, lastArticle = -1;
    c2s.forEach(function (i, j) {
      if (i < 0) return;
      var unit = units[stream.unitOf[i]];
      if (unit.kind !== "titel" && j < firstJudged) firstJudged = j;
      if (unit.kind === "artikelkop" || unit.kind === "lid") lastArticle = j;
    });
    result.firstJudged = firstJudged;
    var j = 0;
    while (j < c2s.length) {
      if (c2s[j] >= 0) { j++; continue; }
      var r0 = j;
      while (j < c2s.length && c2s[j] < 0) j++;
      runOf(stream, copy, result, r0, j, firstJudged, lastArticle);
    }
    units.forEach(function (_, u) {
      var total = nonfill(stream, u), matched = matchedIn(stream, s2c, stream.unitStart[u], stream.unitEnd[u]);
      result.status.push(total && !matched ? "missing" : matched === total && !result.inside[u].length ? "identical" : "changed");
    });
    result.moved = movedSections(stream, result);
    return result;
  }

  function runOf(stream, copy, result, r0, r1, firstJudged, lastArticle) {
    var c2s = result.c2s;
    var before = r0 > 0 ? c2s[r0 - 1] : -1;
    var after = r1 < c2s.length ? c2s[r1] : stream.tokens.length;
    var found = slots(stream, before, after);
    if (found.length) {
      var t = r0, n = 0;
      while (t < r1) {
        var end = Math.min(r1, copy.paragraphs[copy.paragraphOf[t]].end);
        var slot = found[Math.min(n, found.length - 1)];
        result.values.push({ unit: stream.unitOf[slot], slot: slot, start: t, end: end });
        t = end; n++;
      }
      return;
    }
    var whole = [];
    var t2 = r0;
    while (t2 < r1) {
      var p = copy.paragraphOf[t2], para = copy.paragraphs[p];
      var t1 = Math.min(r1, para.end);
      if (t2 === para.first && t1 === para.end) whole.push(p);
      else if (t1 <= firstJudged) { /* the cover, run into the first paragraph */ }
      else {
        var owner = t2 > para.first ? c2s[t2 - 1] : c2s[t1];
        for (var x = t2; x < t1; x++) result.inside[stream.unitOf[owner]].push(x);
      }
      t2 = t1;
    }
    if (!whole.length) return;
    var afterUnit = before >= 0 ? stream.unitOf[before] : null;
    var start = copy.paragraphs[whole[0]].first, first = copy.paragraphs[whole[0]];
    var signing = whole.some(function (q) {
      for (var i = copy.paragraphs[q].first; i < copy.paragraphs[q].end; i++) if (SIGNING.has(copy.tokens[i])) return true;
      return false;
    });
    var kind;
    if (start < firstJudged) kind = "voorblad";
    else if (start > lastArticle && signing) kind = "ondertekening";
    else if (first.kind === "h" || (first.labels.length && first.labels[0].kind === "heading")) kind = "artikel";
    else kind = "tekst";
    result.added.push({ after: afterUnit, paragraphs: whole, kind: kind });
  }

  function movedSections(stream, result) {
    var moved = new Set(), units = stream.standard.units;
    ["artikelkop", "bijlagekop"].forEach(function (kind) {
      var firsts = [];
      sections(stream).forEach(function (section) {
        var members = section[1];
        if (units[members[0]].kind !== kind) return;
        var found = [];
        for (var i = stream.unitStart[members[0]]; i < stream.unitEnd[members[members.length - 1]]; i++) {
          if (result.s2c[i] >= 0) found.push(result.s2c[i]);
        }
        if (found.length) firsts.push([firsts.length, Math.min.apply(null, found), section[0]]);
      });
      var kept = new Set(chain(firsts.map(function (f) { return [f[0], f[1]]; })));
      firsts.forEach(function (f, n) { if (!kept.has(n)) moved.add(f[2]); });
    });
    return moved;
  }

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
