// Reading a copy in the browser, for "Toets uw overeenkomst": DOCX, ODT, Markdown and
// plain text, as `vwo toets` reads them (src/vwo/conformance/extract: docx.py, odt.py,
// plain.py, safe.py). The file is read here, in the reader's browser; nothing is sent.
// ZIP entries are unpacked with the browser's own DecompressionStream, counted as they
// come, and refused past a limit (an archive bomb); XML with a DTD is refused. A PDF is
// not read here: its text layer needs a PDF library, and `vwo toets` reads it.
(function (root) {
  "use strict";

  var MAX_FILE = 20 * 1024 * 1024, MAX_MEMBER = 50 * 1024 * 1024, MAX_UNPACKED = 100 * 1024 * 1024;
  var MAX_MEMBERS = 5000, MAX_TEXT = 3000000;
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  var OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
  var TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
  var DC = "http://purl.org/dc/elements/1.1/";
  var WORD_HINT = "sla het document op als .docx (Word) of .odt (OpenDocument) en probeer het opnieuw";

  function ReadError(what, hint) { this.what = what; this.hint = hint || ""; }

  // ---- ZIP ----------------------------------------------------------------------------
  function u16(b, i) { return b[i] | (b[i + 1] << 8); }
  function u32(b, i) { return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 16777216; }

  function entries(bytes) {
    var end = -1;
    for (var i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
      if (u32(bytes, i) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) throw new ReadError("het bestand is beschadigd (geen leesbaar ZIP-archief)", WORD_HINT);
    var count = u16(bytes, end + 10), at = u32(bytes, end + 16), out = new Map();
    if (count > MAX_MEMBERS) throw new ReadError("het archief bevat " + count + " bestanden; geweigerd", WORD_HINT);
    var decoder = new TextDecoder("utf-8");
    for (var n = 0; n < count; n++) {
      if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw new ReadError("het bestand is beschadigd", WORD_HINT);
      var flags = u16(bytes, at + 8), method = u16(bytes, at + 10), size = u32(bytes, at + 20);
      var nameLength = u16(bytes, at + 28), extra = u16(bytes, at + 30), comment = u16(bytes, at + 32);
      var offset = u32(bytes, at + 42);
      var name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      if (flags & 1) throw new ReadError("het bestand is beveiligd met een wachtwoord", "vraag om een kopie zonder wachtwoord");
      out.set(name, { method: method, size: size, offset: offset });
      at += 46 + nameLength + extra + comment;
    }
    return out;
  }

  function Archive(bytes) { this.bytes = bytes; this.list = entries(bytes); this.total = 0; }

  Archive.prototype.has = function (name) { return this.list.has(name); };

  Archive.prototype.read = function (name, limit) {
    limit = limit || MAX_MEMBER;
    var entry = this.list.get(name), bytes = this.bytes, self = this;
    var at = entry.offset;
    if (u32(bytes, at) !== 0x04034b50) return Promise.reject(new ReadError("het bestand is beschadigd (" + name + ")", WORD_HINT));
    var start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
    var data = bytes.subarray(start, start + entry.size);
    if (entry.method === 0) return Promise.resolve(data);
    if (entry.method !== 8) return Promise.reject(new ReadError("het bestand is beschadigd (" + name + ": onbekende compressie)", WORD_HINT));
    var stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    var reader = stream.getReader(), chunks = [], length = 0;
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) {
          var out = new Uint8Array(length), position = 0;
          chunks.forEach(function (c) { out.set(c, position); position += c.length; });
          return out;
        }
        length += step.value.length;
        self.total += step.value.length;
        if (length > limit || self.total > MAX_UNPACKED) {
          reader.cancel();
          throw new ReadError(name + " pakt uit tot meer dan " + Math.floor(limit / 1048576) + " MB: geweigerd (mogelijk een archiefbom)", "vraag om het oorspronkelijke document");
        }
        chunks.push(step.value);
        return pump();
      });
    }
    return pump().catch(function (error) {
      if (error instanceof ReadError) throw error;
      throw new ReadError("het bestand is beschadigd (" + name + ")", WORD_HINT);
    });
  };

  function parseXml(bytes, part) {
    var text = new TextDecoder("utf-8").decode(bytes);
    if (text.indexOf("<!DOCTYPE") >= 0 || text.indexOf("<!ENTITY") >= 0) {
      throw new ReadError(part + " declareert een documenttype (DTD): geweigerd", "vraag om het oorspronkelijke document");
    }
    var doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new ReadError("het bestand is beschadigd (" + part + ")", WORD_HINT);
    return doc;
  }

  function kids(element) {
    var out = [];
    for (var node = element.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) out.push(node);
    return out;
  }
  function child(element, ns, name) { return kids(element).filter(function (k) { return k.namespaceURI === ns && k.localName === name; })[0] || null; }
  function all(element, ns, name) { return Array.prototype.slice.call(element.getElementsByTagNameNS(ns, name)); }

  // ---- DOCX (docx.py) -----------------------------------------------------------------
  var HEADING_STYLE = /^(?:heading|kop|title|titel)\s*[0-9]*$/i, TOC_STYLE = /^(?:toc|inhopg|contents)/i;
  var SKIP = new Set(["del", "moveFrom", "instrText", "delInstrText", "drawing", "pict", "object", "txbxContent",
    "AlternateContent", "footnoteReference", "endnoteReference", "commentReference", "rPr", "pPr", "sdtPr",
    "sdtEndPr", "fldData", "bookmarkStart", "bookmarkEnd"]);
  var FORMAT_CHANGES = ["rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange"];

  function WordReader() { this.paragraphs = []; this.hidden = 0; this.numbered = 0; this.joinNext = false; }

  WordReader.prototype.text = function (element) { var out = []; this.inline(element, out); return out.join(""); };

  WordReader.prototype.inline = function (element, out) {
    var self = this;
    kids(element).forEach(function (k) {
      var name = k.localName;
      if (SKIP.has(name) || name === "tbl") return;
      if (name === "r") {
        var props = child(k, W, "rPr");
        if (props && child(props, W, "vanish")) { self.hidden++; return; }
        self.run(k, out);
      } else self.inline(k, out);
    });
  };

  WordReader.prototype.run = function (run, out) {
    var self = this;
    kids(run).forEach(function (k) {
      var name = k.localName;
      if (name === "t") out.push(k.textContent);
      else if (name === "tab" || name === "br" || name === "cr" || name === "ptab") out.push(" ");
      else if (name === "noBreakHyphen") out.push("-");
      else if (!SKIP.has(name) && name !== "softHyphen" && name !== "sym" && name !== "lastRenderedPageBreak") self.inline(k, out);
    });
  };

  WordReader.prototype.paragraph = function (p) {
    var props = child(p, W, "pPr"), style = "", heading = false, joins = false;
    if (props) {
      var styleEl = child(props, W, "pStyle");
      style = styleEl ? styleEl.getAttributeNS(W, "val") || "" : "";
      heading = HEADING_STYLE.test(style) || !!child(props, W, "outlineLvl");
      if (child(props, W, "numPr")) this.numbered++;
      var mark = child(props, W, "rPr");
      joins = !!(mark && child(mark, W, "del"));
    }
    if (TOC_STYLE.test(style)) return;
    var text = this.text(p), last = this.paragraphs[this.paragraphs.length - 1];
    if (this.joinNext && last && last.kind !== "row") {
      this.paragraphs[this.paragraphs.length - 1] = { text: last.text + text, kind: last.kind, cells: [] };
    } else if (text.trim() || joins) {
      this.paragraphs.push({ text: text, kind: heading ? "h" : "p", cells: [] });
    }
    this.joinNext = joins;
  };

  WordReader.prototype.table = function (table) {
    var self = this;
    kids(table).filter(function (k) { return k.localName === "tr"; }).forEach(function (row) {
      var props = child(row, W, "trPr");
      if (props && child(props, W, "del")) return;
      var cells = kids(row).filter(function (k) { return k.localName === "tc"; }).map(function (cell) {
        return all(cell, W, "p").map(function (p) { return self.text(p); }).filter(function (t) { return t.trim(); }).join(" ");
      });
      self.joinNext = false;
      if (cells.some(function (c) { return c.trim(); })) self.paragraphs.push({ text: cells.join(" | "), kind: "row", cells: cells });
    });
  };

  WordReader.prototype.block = function (element) {
    var self = this;
    kids(element).forEach(function (k) {
      var name = k.localName;
      if (name === "p") self.paragraph(k);
      else if (name === "tbl") self.table(k);
      else if (name === "sdt") {
        var props = child(k, W, "sdtPr"), part = props && child(props, W, "docPartObj");
        var gallery = part && child(part, W, "docPartGallery");
        if (gallery && (gallery.getAttributeNS(W, "val") || "").toLowerCase().indexOf("content") >= 0) return;
        var content = child(k, W, "sdtContent");
        if (content) self.block(content);
      } else if (name === "ins" || name === "moveTo" || name === "customXml" || name === "smartTag") self.block(k);
    });
  };

  function readDocx(archive) {
    if (!archive.has("word/document.xml")) return Promise.reject(new ReadError("dit is geen Word-tekstdocument (word/document.xml ontbreekt)", ""));
    return archive.read("word/document.xml").then(function (bytes) {
      var doc = parseXml(bytes, "word/document.xml");
      var body = all(doc.documentElement, W, "body")[0];
      if (!body) throw new ReadError("het bestand is beschadigd (het document heeft geen body)", "");
      var reader = new WordReader();
      reader.block(body);
      var count = function (name) { return all(body, W, name).length; };
      var result = {
        format: "docx", paragraphs: reader.paragraphs, insertions: count("ins"), deletions: count("del"),
        moves: count("moveFrom"), formatting: FORMAT_CHANGES.reduce(function (n, x) { return n + count(x); }, 0),
        comments: [], auto_numbered: reader.numbered, hidden: reader.hidden, pages: null, noise: 0
      };
      if (!archive.has("word/comments.xml")) return result;
      return archive.read("word/comments.xml").then(function (data) {
        all(parseXml(data, "word/comments.xml").documentElement, W, "comment").forEach(function (c) {
          result.comments.push([c.getAttributeNS(W, "author") || "", all(c, W, "p").map(function (p) { return reader.text(p); }).join(" ")]);
        });
        return result;
      });
    });
  }

  // ---- ODT (odt.py) -------------------------------------------------------------------
  var SKIP_INLINE = new Set(["note", "annotation", "annotation-end", "bookmark", "bookmark-start", "bookmark-end",
    "change", "change-start", "change-end", "soft-page-break", "hidden-text", "hidden-paragraph", "reference-mark",
    "sequence-decls", "variable-decls", "user-field-decls", "tracked-changes"]);
  var TEXT_TYPES = ["application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template"];

  function OdfReader() { this.paragraphs = []; this.comments = []; this.hidden = 0; this.listed = 0; }

  OdfReader.prototype.text = function (element) {
    var out = [], self = this;
    for (var node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) { out.push(node.data); continue; }
      if (node.nodeType !== 1) continue;
      var name = node.localName, ns = node.namespaceURI;
      if (name === "s" && ns === TEXT) out.push(" ".repeat(Math.min(parseInt(node.getAttributeNS(TEXT, "c") || "1", 10) || 1, 100)));
      else if ((name === "tab" || name === "line-break") && ns === TEXT) out.push(" ");
      else if (name === "annotation" && ns === OFFICE) {
        var creator = all(node, DC, "creator")[0];
        self.comments.push([creator ? creator.textContent : "", all(node, TEXT, "p").map(function (p) { return self.text(p); }).join(" ")]);
      } else if (name === "hidden-text" || name === "hidden-paragraph") self.hidden++;
      else if (!SKIP_INLINE.has(name) && (ns === TEXT || ns === OFFICE)) out.push(self.text(node));
    }
    return out.join("");
  };

  OdfReader.prototype.block = function (element, listed) {
    var self = this;
    kids(element).forEach(function (k) {
      var name = k.localName;
      if (name === "p" || name === "h") {
        if (listed) self.listed++;
        var text = self.text(k);
        if (text.trim()) self.paragraphs.push({ text: text, kind: name === "h" ? "h" : "p", cells: [] });
      } else if (name === "list") self.block(k, true);
      else if (name === "list-item" || name === "list-header") self.block(k, listed);
      else if (name === "section") self.block(k, false);
      else if (name === "table") self.table(k);
    });
  };

  function rows(element) {
    var out = [];
    kids(element).forEach(function (k) {
      if (k.localName === "table-row") out.push(k);
      else if (k.localName === "table-header-rows" || k.localName === "table-rows" || k.localName === "table-row-group") out = out.concat(rows(k));
    });
    return out;
  }

  OdfReader.prototype.table = function (table) {
    var self = this;
    rows(table).forEach(function (row) {
      var cells = kids(row).filter(function (k) { return k.localName === "table-cell"; }).map(function (cell) {
        return Array.prototype.slice.call(cell.getElementsByTagNameNS(TEXT, "*"))
          .filter(function (e) { return e.localName === "p" || e.localName === "h"; })
          .map(function (p) { return self.text(p); }).join(" ");
      });
      if (cells.some(function (c) { return c.trim(); })) self.paragraphs.push({ text: cells.join(" | "), kind: "row", cells: cells });
    });
  };

  function readOdt(archive) {
    var kind = archive.has("mimetype") ? archive.read("mimetype", 200) : Promise.resolve(new Uint8Array());
    return kind.then(function (bytes) {
      var type = new TextDecoder("ascii").decode(bytes).trim();
      if (TEXT_TYPES.indexOf(type) < 0) throw new ReadError("dit is geen OpenDocument-tekst (" + (type || "geen mimetype") + ")", "een spreadsheet of presentatie kan niet worden getoetst");
      return archive.has("META-INF/manifest.xml") ? archive.read("META-INF/manifest.xml") : new Uint8Array();
    }).then(function (manifest) {
      if (new TextDecoder("utf-8").decode(manifest).indexOf("encryption-data") >= 0) throw new ReadError("het bestand is beveiligd met een wachtwoord", "vraag om een kopie zonder wachtwoord");
      if (!archive.has("content.xml")) throw new ReadError("het bestand is beschadigd (content.xml ontbreekt)", "");
      return archive.read("content.xml");
    }).then(function (bytes) {
      var doc = parseXml(bytes, "content.xml");
      var body = all(doc.documentElement, OFFICE, "text")[0];
      if (!body) throw new ReadError("dit is geen OpenDocument-tekst (geen office:text)", "");
      var reader = new OdfReader();
      reader.block(body, false);
      var counts = { insertion: 0, deletion: 0, "format-change": 0 };
      var changes = child(body, TEXT, "tracked-changes");
      if (changes) kids(changes).forEach(function (region) { kids(region).forEach(function (c) { if (c.localName in counts) counts[c.localName]++; }); });
      return {
        format: "odt", paragraphs: reader.paragraphs, insertions: counts.insertion, deletions: counts.deletion,
        moves: 0, formatting: counts["format-change"], comments: reader.comments, auto_numbered: reader.listed,
        hidden: reader.hidden, pages: null, noise: 0
      };
    });
  }

  // ---- plain.py -----------------------------------------------------------------------
  function decode(bytes) {
    var text;
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      try { text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be", { fatal: true }).decode(bytes.subarray(2)); }
      catch (e) { throw new ReadError("dit is geen document (onleesbare tekst)", ""); }
      return text.replace(/\r\n?/g, "\n");
    }
    if (bytes.indexOf(0) >= 0) throw new ReadError("dit is geen document (binaire gegevens)", "stuur de overeenkomst als .docx, .odt, .md of .txt");
    try { text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes); }
    catch (e) { text = new TextDecoder("windows-1252").decode(bytes); }
    var chars = Array.from(text), printable = chars.filter(function (c) { return /[\n\r\t]/.test(c) || !/[\p{C}\p{Zl}\p{Zp}]/u.test(c); }).length;
    if (chars.length && 20 * printable < 19 * chars.length) throw new ReadError("dit is geen document (vooral onleesbare tekens)", "");
    return text.replace(/\r\n?/g, "\n");
  }

  // ---- extract/__init__.py ------------------------------------------------------------
  function startsWith(bytes, text) {
    for (var i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
    return true;
  }

  function hasUtf16(bytes, word) {
    var pattern = [];
    for (var i = 0; i < word.length; i++) pattern.push(word.charCodeAt(i), 0);
    outer: for (var at = 0; at + pattern.length <= bytes.length; at++) {
      for (var k = 0; k < pattern.length; k++) if (bytes[at + k] !== pattern[k]) continue outer;
      return true;
    }
    return false;
  }

  function extract(buffer, name) {
    var bytes = new Uint8Array(buffer);
    return Promise.resolve().then(function () {
      if (bytes.length > MAX_FILE) throw new ReadError("het bestand is groter dan 20 MB", "");
      if (!new TextDecoder("latin1").decode(bytes.subarray(0, 4096)).trim() && bytes.length < 4096) throw new ReadError("het bestand is leeg", "");
      if (startsWith(bytes, "PK\u0003\u0004") || startsWith(bytes, "PK\u0005\u0006")) {
        var archive = new Archive(bytes);
        if (archive.has("word/document.xml") || archive.has("[Content_Types].xml")) return readDocx(archive);
        if (archive.has("mimetype") || archive.has("content.xml")) return readOdt(archive);
        throw new ReadError("dit is een ZIP-archief, geen document", WORD_HINT);
      }
      if (startsWith(bytes, "%PDF-")) throw new ReadError("een PDF kan deze pagina niet lezen", "vraag om het Word-bestand, of toets de PDF met vwo toets (zie hieronder)");
      if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
        if (hasUtf16(bytes, "EncryptedPackage")) throw new ReadError("het bestand is beveiligd met een wachtwoord", "vraag om een kopie zonder wachtwoord");
        throw new ReadError("dit is een oud Word-bestand (.doc), dat niet te lezen is", WORD_HINT);
      }
      if (startsWith(bytes, "{\\rtf")) throw new ReadError("dit is een RTF-bestand, dat niet te lezen is", WORD_HINT);
      var text = decode(bytes);
      if (/\.(md|markdown)$/i.test(name)) {
        return { format: "md", paragraphs: root.VwoToets.mdBlocks(text, false).map(function (b) { return { text: b.text, kind: b.kind, cells: b.cells }; }) };
      }
      return { format: "txt", paragraphs: root.VwoToets.joinLines(text.split("\n")).map(function (t) { return { text: t, kind: "p", cells: [] }; }) };
    }).then(function (extracted) {
      var length = extracted.paragraphs.reduce(function (n, p) { return n + p.text.length; }, 0);
      if (length > MAX_TEXT) throw new ReadError("het document bevat meer dan 3.000.000 tekens tekst", "");
      return extracted;
    });
  }

  root.VwoToetsLezen = { extract: extract, ReadError: ReadError };
})(typeof window !== "undefined" ? window : globalThis);
