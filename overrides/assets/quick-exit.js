/* Quick exit: the "Exit this page" link, or Shift pressed three times within a second, swaps
   this page for a neutral site. location.replace takes this page out of the history, so Back does
   not return to it. Without JavaScript the link still leads to the neutral site. */
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) return;

  var WINDOW_MS = 1000;
  var presses = [];
  var lastKeyWasModified = false;

  function leave(event) {
    if (event) event.preventDefault();
    // Hide the page at once, and send no Referer that would name this site.
    document.documentElement.classList.add("quick-exit--leaving");
    var policy = document.createElement("meta");
    policy.name = "referrer";
    policy.content = "no-referrer";
    document.head.appendChild(policy);
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);

  // Count Shift on its own: not held down, and not Shift used to type a capital letter.
  document.addEventListener("keyup", function (event) {
    if (event.key === "Shift" && !lastKeyWasModified) {
      var now = Date.now();
      presses = presses.filter(function (time) { return now - time < WINDOW_MS; });
      presses.push(now);
      if (presses.length >= 3) {
        presses = [];
        leave();
      }
    } else if (event.key !== "Shift") {
      presses = [];
    }
    lastKeyWasModified = event.key !== "Shift" && event.shiftKey;
  });

  // If the browser brings the page back from its cache, show it again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("quick-exit--leaving");
    }
  });
})();
