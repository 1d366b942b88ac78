/* A stand-in for Worker in the offline copy (the zip), opened from file://.

   Browsers refuse to start a Worker from a page opened from file://, and Material's search runs
   in one (assets/javascripts/workers/search.*.min.js): without this, the zip's search box would
   never answer. So, from file:// only, `new Worker(url)` gets this stand-in, which runs the same
   script in a hidden, empty frame of the page and passes messages both ways as a worker would.
   What Material 9.x needs of a worker, and what this gives it:
   - from the page: `new Worker(url)`, `postMessage(message)`, and the answers as "message"
     events, heard with addEventListener (`onmessage` is called too);
   - in the script: `postMessage(answer)`, `addEventListener("message", ...)`, and
     `importScripts(...)` for lunr's language files, which here loads them in order and returns
     a promise (Material's worker waits for it), with addresses read from the worker's own, as
     in a worker;
   - each message arrives later, as a copy (the structured clone a worker gets), made in the
     window that receives it; an error in the script reaches the page as an "error" event.
   The frame is about:blank, so it has the page's origin and its Content-Security-Policy. The
   worker's script goes in as a <script src> of the site's own file: nothing is written inline,
   so the policy needs no hash for it, and it loads nothing from anywhere else.

   Only the offline build loads this file, as Material's `extra.polyfills`, before every other
   script (scripts/assets_hook.py). Its name holds "iframe-worker" because Material's offline
   plugin otherwise adds its own shim, from a CDN. Served over http, the same zip uses real
   workers: nothing changes there. */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;

  // A script of the site, added to the frame; the promise settles when it has run, or failed.
  function load(frameDocument, address) {
    return new Promise(function (resolve, reject) {
      var script = frameDocument.createElement("script");
      script.src = address;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + address)); };
      frameDocument.body.appendChild(script);
    });
  }

  window.Worker = function (url) {
    var worker = new EventTarget();
    var address = new URL(url, document.baseURI).href;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    document.body.appendChild(frame);
    var scope = frame.contentWindow;
    // A document of its own: no browser's pending load of about:blank can replace it later.
    scope.document.open();
    scope.document.close();
    var ended = false;

    function emit(event) {
      if (ended) return;
      worker.dispatchEvent(event);
      var handler = event.type === "message" ? worker.onmessage : worker.onerror;
      if (typeof handler === "function") handler.call(worker, event);
    }

    function reportError(message, error) {
      emit(new ErrorEvent("error", {message: message, filename: address, error: error}));
    }

    // What the script sees as a worker's own functions.
    scope.postMessage = function (answer) {
      var data = structuredClone(answer);
      setTimeout(function () { emit(new MessageEvent("message", {data: data})); });
    };
    scope.importScripts = function () {
      var addresses = Array.prototype.map.call(arguments, function (each) { return new URL(each, address).href; });
      return addresses.reduce(function (loaded, each) {
        return loaded.then(function () { return load(scope.document, each); });
      }, Promise.resolve());
    };
    scope.addEventListener("error", function (event) { reportError(event.message, event.error); });

    // Resolves true once the script has run (it listens for messages from then on), false if it
    // could not load; never rejects, so no message is left with an unhandled rejection.
    var started = load(scope.document, address).then(
      function () { return true; },
      function (error) { reportError(error.message, error); return false; });

    worker.onmessage = null;
    worker.onerror = null;
    worker.postMessage = function (message) {
      var data = scope.structuredClone(message);
      started.then(function (running) {
        if (running && !ended) scope.dispatchEvent(new scope.MessageEvent("message", {data: data}));
      });
    };
    worker.terminate = function () {
      ended = true;
      frame.remove();
    };
    return worker;
  };
})();
