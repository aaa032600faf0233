// The check of "Toets uw overeenkomst", part 2 of 3: which version, and which words
// match (match.py, classify.py). Loaded after vwo-toets-regels.js, before
// vwo-toets-rapport.js; see vwo-toets-regels.js for how the parts belong together.
(function (root) {
  "use strict";

  var shared = root.VwoToetsDelen;
  var FILL = shared.FILL;
  var SEP = shared.SEP;
  var nonfill = shared.nonfill;

  // ---- match.py -----------------------------------------------------------------------
  var SCORE_K = 4, ANCHOR_K = [8, 4], TABLE_LIMIT = 60000, RECOGNISED = 500;

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


  var shared = root.VwoToetsDelen = root.VwoToetsDelen || {};
  shared.SCORE_K = SCORE_K;
  shared.RECOGNISED = RECOGNISED;
  shared.grams = grams;
  shared.score = score;
  shared.ranked = ranked;
  shared.sameScore = sameScore;
  shared.chain = chain;
  shared.lcs = lcs;
  shared.align = align;
  shared.sections = sections;
  shared.classify = classify;
})(typeof window !== "undefined" ? window : globalThis);
