// The check of "Toets uw overeenkomst", in the browser: the same rules and the same
// matching as `vwo toets` (src/vwo/conformance: rules.py, mdtext.py, document.py,
// stream.py, match.py, classify.py, findings.py). The rules are written out in
// docs/over/toetsen-regels.md; tests/toets_vectors.json holds the cases both versions
// must pass (tests/test_toets_vectors.py, tests/browser/test_toets_page.py). Change
// the three together. Pure functions, no DOM, no network. Three files, loaded in this
// order: this one (rules.py to stream.py), vwo-toets-koppelen.js (match.py, classify.py),
// vwo-toets-rapport.js (findings.py, check.py), which exports window.VwoToets; each
// hands what the next needs on through window.VwoToetsDelen.
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
  var SEP = "\u0001";  // joins tokens into one key (match.py's tuples)
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


  var shared = root.VwoToetsDelen = root.VwoToetsDelen || {};
  shared.FILL = FILL;
  shared.OPEN = OPEN;
  shared.WORDLIKE = WORDLIKE;
  shared.clean = clean;
  shared.tokenSpans = tokenSpans;
  shared.tokens = tokens;
  shared.splitLabel = splitLabel;
  shared.mend = mend;
  shared.standardTokens = standardTokens;
  shared.rowTokens = rowTokens;
  shared.isPageNumber = isPageNumber;
  shared.joinLines = joinLines;
  shared.mdBlocks = mdBlocks;
  shared.otherLanguage = otherLanguage;
  shared.prepare = prepare;
  shared.SEP = SEP;
  shared.shown = shown;
  shared.labelFree = labelFree;
  shared.blockText = blockText;
  shared.blocksOf = blocksOf;
  shared.buildStream = buildStream;
  shared.nonfill = nonfill;
})(typeof window !== "undefined" ? window : globalThis);
