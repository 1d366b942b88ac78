/* Search on demand. Material asks for the search index (about 30 KB gzipped, a third of a first
   visit) and starts its search worker (a thread running 40 KB of script) as soon as a page loads,
   whether or not the reader ever searches. On a slow or metered phone that is data and battery
   spent for nothing, so this holds both back until the reader opens search, or arrives from a
   link that opens search at once (?q=). Material 9.8 fetches the index with XMLHttpRequest and
   talks to the worker only with postMessage and message events. From file:// it loads
   search/search_index.js with a script tag, and the offline shim stands in for Worker; this
   leaves both alone there. Must run before Material's bundle. */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var held = []; // what waits for search to open: the index request, the worker's start
  var released = false;
  var indexRequests = new WeakSet();

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (resume) { resume(); });
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

  // Until search opens, Material gets a stand-in that keeps its messages; the real worker then
  // starts, receives them in order, and its answers reach Material as the stand-in's events.
  var BrowserWorker = window.Worker;
  if (BrowserWorker && location.protocol !== "file:") {
    window.Worker = function (url, options) {
      if (released || !WORKER.test(new URL(url, document.baseURI).pathname)) {
        return new BrowserWorker(url, options);
      }
      var standIn = new EventTarget();
      var worker = null;
      var waiting = [];
      // Stays the stand-in's one postMessage: search-query.js wraps it once, when it is made.
      standIn.postMessage = function (message) {
        if (worker) worker.postMessage(message);
        else waiting.push(message);
      };
      held.push(function () {
        worker = new BrowserWorker(url, options);
        worker.addEventListener("message", function (event) {
          standIn.dispatchEvent(new MessageEvent("message", {data: event.data}));
        });
        waiting.splice(0).forEach(function (message) { worker.postMessage(message); });
      });
      return standIn;
    };
  }

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
