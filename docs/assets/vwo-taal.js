/* The switch between the Dutch text and its translation keeps the reader where they are.
   Each switch link already points at the same page and article (vwo.translation: the same
   anchors in every language). When the reader has scrolled on, this carries the clause
   or article now at the top of the screen: the link's fragment becomes that element's id,
   when both pages have it (an article link only within its own article). Without
   JavaScript the link still leads to the article. Browser tests: tests/browser/test_translation.py. */
(function () {
  "use strict";

  var PLACES = ".md-content .vwo-lid[id], .md-content h2[id], .md-content .vwo-naast__rij[id]";

  // The element at the top of the screen: the last clause, heading or row whose top has
  // passed the header (plus a little), or the line a link to it scrolls it to (its
  // scroll-margin, vwo.css), or the fragment the page was opened with.
  function currentPlace() {
    var header = document.querySelector(".md-header");
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 16;
    var found = null;
    document.querySelectorAll(PLACES).forEach(function (element) {
      var margin = parseFloat(getComputedStyle(element).scrollMarginTop) || 0;
      if (element.getBoundingClientRect().top <= Math.max(line, margin + 2)) found = element;
    });
    if (found) return found.id;
    return location.hash ? decodeURIComponent(location.hash.slice(1)) : "";
  }

  function carry(link) {
    var place = currentPlace();
    if (!place) return;
    var url = new URL(link.href, location.href);
    var own = url.hash ? decodeURIComponent(url.hash.slice(1)) : "";
    // An article link ("#subverwerkers") takes only a place inside that article.
    if (own && place !== own && place.indexOf(own + "-") !== 0) return;
    if (place === "aanhef" && own) return;
    url.hash = place;
    link.href = url.href;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-vwo-taal]") : null;
    if (link) carry(link);
  });
  // Keyboard users open the link with Enter, which fires the click above; a middle click
  // or "open in new tab" reads the href when the pointer goes down.
  document.addEventListener("mousedown", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-vwo-taal]") : null;
    if (link) carry(link);
  });
})();
