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
  var input = box.querySelector("input[type=date]");
  var output = box.querySelector("[role=status]");
  var months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"];
  function longDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
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
    var iso = input.value;
    output.textContent = "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return;
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
  input.addEventListener("change", show);
  box.hidden = false;
})();
