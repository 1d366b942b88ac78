/* Search on demand. Material asks for the search index (about 30 KB gzipped, a third of a first
   visit) as soon as a page loads, whether or not the reader ever searches. On a slow or metered
   phone that is data spent for nothing, so this holds the request back until the reader opens
   search, or arrives from a link that opens search at once (?q=). Material 9.8 fetches the index with XMLHttpRequest; from file:// it loads
   search/search_index.js with a script tag instead, which this leaves alone. Must run before
   Material's bundle. */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var held = [];
  var released = false;
  var indexRequests = new WeakSet();

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(new URL(url, document.baseURI).pathname)) indexRequests.add(this);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (released || !indexRequests.has(this)) return send.apply(this, arguments);
    var request = this;
    var args = arguments;
    held.push(function () { send.apply(request, args); });
  };

  var params = new URLSearchParams(location.search);
  if (params.has("q")) release();

  // The search box gets focus however search is opened: a click or tap, or the / key.
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) release();
  });
  // The search button on narrow screens toggles this checkbox before the box takes focus.
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") release();
  });
})();
