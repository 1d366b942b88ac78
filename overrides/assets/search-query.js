/* Search in a reader's own words. Material turns every word of a query into a prefix ("he"
   becomes "he*", which matches "help", "her", "heart") and so can never stem it: "separated*"
   does not find the indexed stem "separ". A worried reader types whole sentences, so this
   rewrites the query on its way to the search worker:
   - each word is matched whole, through the index's stemmer ("separated" finds "separation");
   - a word of five letters or more also matches with one letter wrong ("seperation");
   - the last word, while it is being typed, also matches as a prefix from its fourth letter, so
     results still come as she types (from the third, a finished "call him" found "himself" on the
     help page, and put it first);
   - everyday words also look for the words the site uses ("hubby" finds "husband"): the
     synonyms in docs/_data/search-words.yml, which the build puts into the page as JSON.
   Lunr's query syntax (+, -, ~, ^, :, quotes) is dropped: a reader does not type it on purpose.
   Works the same with the offline copy's worker shim, which is loaded before this file. Must
   run before Material's bundle, which creates the worker. */
(function () {
  "use strict";

  var SEARCH = 2; // Material's message type for a query
  var WORD = /[^\p{L}\p{N}]+/u;
  var FUZZY_FROM = 5;
  var PREFIX_FROM = 4;
  // Readers' words that the pages rarely use, and the site's words for each.
  var data = document.getElementById("search-words");
  var SITE_WORDS = data ? JSON.parse(data.textContent).synonyms : {};

  function rewrite(query) {
    var words = query.toLowerCase().split(WORD).filter(function (word) { return word.length > 1; });
    if (!words.length) return query;
    var clauses = [];
    words.forEach(function (word, i) {
      clauses.push(word + "^1"); // a boost of 1 changes nothing, but tells Material: no prefix
      if (Object.prototype.hasOwnProperty.call(SITE_WORDS, word)) {
        SITE_WORDS[word].forEach(function (siteWord) { clauses.push(siteWord + "^1"); });
      }
      if (word.length >= FUZZY_FROM) clauses.push(word + "~1");
      var typing = i === words.length - 1 && !/\s$/.test(query);
      if (typing && word.length >= PREFIX_FROM) clauses.push(word + "*");
    });
    return clauses.join(" ");
  }

  var Worker = window.Worker;
  if (!Worker) return;
  window.Worker = function (url, options) {
    var worker = new Worker(url, options);
    var post = worker.postMessage;
    worker.postMessage = function (message) {
      if (message && message.type === SEARCH && typeof message.data === "string") {
        arguments[0] = { type: SEARCH, data: rewrite(message.data) };
      }
      return post.apply(worker, arguments);
    };
    return worker;
  };
})();
