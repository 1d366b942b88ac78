/* Help cards and Get help now: the reader's own country first. Her country is worked out on the
   device, from the regions her browser's languages name (en-GB names GB); nothing is stored and
   nothing is sent. Her country's card shows, with a "Not in ...? Choose your country" list for the
   others; the help page's emergency box puts her country's number first. If no language names a
   region the site has help for, or without JavaScript (the one-file copy has none), every country
   shows. */
(function () {
  "use strict";

  // The first region any of the browser's languages names: "en-GB" and "en-Latn-GB" name GB.
  function readerRegions() {
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    var regions = [];
    languages.forEach(function (tag) {
      var parts = String(tag).split("-").slice(1);
      parts.forEach(function (part) {
        if (/^[A-Za-z]{2}$/.test(part)) regions.push(part.toUpperCase());
      });
    });
    return regions;
  }

  function cardFor(cards, regions) {
    for (var r = 0; r < regions.length; r++) {
      for (var c = 0; c < cards.length; c++) {
        if ((" " + cards[c].getAttribute("data-regions") + " ").indexOf(" " + regions[r] + " ") !== -1) return cards[c];
      }
    }
    return null;
  }

  function show(set, cards, chosen) {
    var name = set.querySelector("[data-help-country]");
    cards.forEach(function (card) {
      card.hidden = card !== chosen;
    });
    // Her country's card comes first, right under the list that changes it.
    chosen.parentNode.insertBefore(chosen, cards[0]);
    cards.splice(cards.indexOf(chosen), 1);
    cards.unshift(chosen);
    name.textContent = chosen.getAttribute("data-name");
  }

  var regions = readerRegions();

  document.querySelectorAll("[data-help-cards]").forEach(function (set) {
    var cards = Array.prototype.slice.call(set.querySelectorAll(".help-card"));
    var picker = set.querySelector("[data-help-picker]");
    var own = cardFor(cards, regions);
    if (!own || !picker) return;
    show(set, cards, own);
    picker.value = own.getAttribute("data-id");
    picker.parentNode.hidden = false;
    picker.addEventListener("change", function () {
      var chosen = cards.filter(function (card) { return card.getAttribute("data-id") === picker.value; })[0];
      if (chosen) show(set, cards, chosen);
    });
  });

  // The help page's emergency box: her country's number first.
  var numbers = document.querySelector("[data-help-emergency]");
  var ownCard = cardFor(Array.prototype.slice.call(document.querySelectorAll("[data-help-cards] .help-card")), regions);
  if (numbers && ownCard) {
    var id = ownCard.getAttribute("data-id");
    Array.prototype.forEach.call(numbers.children, function (item) {
      if ((" " + item.getAttribute("data-ids") + " ").indexOf(" " + id + " ") !== -1) numbers.insertBefore(item, numbers.firstChild);
    });
  }
})();
