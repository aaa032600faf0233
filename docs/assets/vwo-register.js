// Progressive enhancement for the register table on "Gebruik van de standaard":
// a search field that hides non-matching rows. Without it the page still works:
// sorting and filtering are links to pre-rendered pages. No external requests.
(function () {
  "use strict";
  var box = document.querySelector("[data-vwo-zoek]");
  var table = document.querySelector("table[data-vwo-register]");
  if (!box || !table) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = rows.map(function (row) { return normalise(row.textContent); });
  var timer = null;
  function apply() {
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, i) {
      var match = words.every(function (word) { return texts[i].indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = words.length
      ? shown + " van de " + rows.length + " organisaties gevonden"
      : "";
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  box.hidden = false;
})();
