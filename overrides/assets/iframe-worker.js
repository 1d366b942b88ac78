/* A stand-in for Worker in the offline copy (the zip), opened from file://.

   Browsers start no Worker for a page opened from file://, and Material's search runs in one
   (assets/javascripts/workers/search.*.min.js): without this, the zip's search box would never
   answer. So, from file:// only, `new Worker(url)` gets this stand-in, which runs the same script
   in a hidden, empty frame of the page and passes messages both ways, as a worker would: each
   message arrives later, as a copy (the structured clone a worker gets) made in the window that
   receives it.

   It gives what Material 9.8 uses of a worker, and nothing more: from the page, `new Worker(url)`,
   `postMessage(message)` and "message" events heard with addEventListener; in the script,
   `postMessage(answer)` and `addEventListener("message", ...)`. Material's worker would also call
   `importScripts` for lunr's language packs, but this site searches in English only and ships
   none (scripts/plugin/assets.py), and Material never calls `terminate` or listens for "error". If
   an upgrade starts to, the call throws, and the browser tests that search the zip from file://
   notice (tests/test_publishing.py, tests/test_webkit.py).

   The frame is about:blank, so it has the page's origin and its Content-Security-Policy. The
   worker's script goes in as a <script src> of the zip's own file: nothing is written inline, so
   the policy needs no hash for it, and nothing is loaded from anywhere else.

   Only the offline build loads this file, as Material's `extra.polyfills`, before every other
   script (scripts/plugin/plugin.py). Its name holds "iframe-worker" because Material's offline
   plugin otherwise adds its own shim, from a CDN. Served over http, the same zip uses real
   workers: nothing changes there. */
(function () {
  "use strict";

  if (location.protocol !== "file:") return;

  window.Worker = function (url) {
    var worker = new EventTarget();
    var frame = document.createElement("iframe");
    frame.hidden = true;
    document.body.appendChild(frame);
    var scope = frame.contentWindow;
    // A document of its own: no browser's pending load of about:blank can replace it later.
    scope.document.open();
    scope.document.close();

    // The script's postMessage: its answer reaches the page as a worker's would.
    scope.postMessage = function (answer) {
      var data = structuredClone(answer);
      setTimeout(function () { worker.dispatchEvent(new MessageEvent("message", {data: data})); });
    };

    // True once the script has run, and so listens for messages; false if it could not load (the
    // browser reports that in the console). Never rejects: no message is left with an unhandled
    // rejection.
    var started = new Promise(function (resolve) {
      var script = scope.document.createElement("script");
      script.src = new URL(url, document.baseURI).href;
      script.onload = function () { resolve(true); };
      script.onerror = function () { resolve(false); };
      scope.document.body.appendChild(script);
    });

    worker.postMessage = function (message) {
      var data = scope.structuredClone(message);
      started.then(function (running) {
        if (running) scope.dispatchEvent(new scope.MessageEvent("message", {data: data}));
      });
    };
    return worker;
  };
})();
