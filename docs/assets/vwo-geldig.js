// Progressive enhancement for "Welke versie gold op een datum?": a date field that
// shows the period of the day entered. The answer is read from the list of periods on
// the page (data-van / data-tot, ISO dates, inclusive), which works without this script.
// No external requests.
(function () {
  "use strict";
  var box = document.querySelector("[data-vwo-geldig]");
  var list = document.querySelector(".vwo-perioden");
  if (!box || !list) return;
  var form = box.querySelector("form");
  var input = box.querySelector("input");
  var output = box.querySelector("[role=status]");
  var months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"];
  function longDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  }
  // A day typed the Dutch way (15-6-2019, 15/6/2019, 15.6.2019) or as 2019-06-15; a
  // text field, not type=date: the same on every browser, and no picker to get past.
  function isoOf(text) {
    var dutch = /^\s*(\d{1,2})[-\/. ](\d{1,2})[-\/. ](\d{4})\s*$/.exec(text);
    var iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
    var y, m, d;
    if (dutch) { d = Number(dutch[1]); m = Number(dutch[2]); y = Number(dutch[3]); }
    else if (iso) { y = Number(iso[1]); m = Number(iso[2]); d = Number(iso[3]); }
    else return null;
    var day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) return null;
    return day.toISOString().slice(0, 10);
  }
  function periodOf(iso) {
    var items = list.querySelectorAll("li");
    for (var i = 0; i < items.length; i += 1) {
      var from = items[i].getAttribute("data-van");
      var to = items[i].getAttribute("data-tot");
      if ((!from || from <= iso) && (!to || iso <= to)) return items[i];
    }
    return null;
  }
  function show() {
    var iso = isoOf(input.value);
    output.textContent = "";
    input.removeAttribute("aria-invalid");
    if (!iso) {
      input.setAttribute("aria-invalid", "true");
      var error = document.createElement("p");
      error.className = "vwo-geldig__fout";
      error.textContent = "Dat is geen datum. Typ dag-maand-jaar, bijvoorbeeld 15-6-2019.";
      output.appendChild(error);
      return;
    }
    var item = periodOf(iso);
    if (!item) return;
    var heading = document.createElement("p");
    var strong = document.createElement("strong");
    strong.textContent = "Op " + longDate(iso) + ":";
    heading.appendChild(strong);
    output.appendChild(heading);
    output.appendChild(item.querySelector(".vwo-periode__antwoord").cloneNode(true));
    var when = document.createElement("p");
    when.textContent = "Periode: " + item.querySelector(".vwo-periode__wanneer").textContent.toLowerCase() + ".";
    output.appendChild(when);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show();
  });
  box.hidden = false;
})();
