/* The safety card in search. While what the reader types carries fear, violence, control,
   threats or crisis in her own words, "Are you safe? Get help now · Safety first" shows above
   the results (partials/search-safety.html), as major search engines do for crisis queries. The
   results themselves stay as they are: no page is pushed up for it.
   The phrases are data (docs/_data/search-words.yml, which says how they match), read from the
   page, so this works from file:// with no request. A query's words are taken as that file
   writes them: lower case, apostrophes dropped ("won't" is "wont"), split at anything that is
   not a letter or a digit. */
(function () {
  "use strict";

  var data = document.getElementById("search-words");
  var card = document.querySelector(".search-safety__card");
  var box = document.querySelector("input.md-search__input");
  if (!data || !card || !box) return;

  var lists = JSON.parse(data.textContent).safety_card;
  var phrases = {};
  ["signs", "not_signs", "fears", "about_losing_him"].forEach(function (name) {
    phrases[name] = lists[name].map(function (phrase) { return phrase.split(" "); });
  });
  var against = lists.acts_against_her;

  function words(text) {
    return text.toLowerCase().replace(/['’‘`]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // "threat*" matches any word that starts with "threat"; other words match only themselves.
  function matches(pattern, word) {
    return pattern.slice(-1) === "*" ? word.indexOf(pattern.slice(0, -1)) === 0 : word === pattern;
  }

  // Where each phrase occurs in the query's words, as [first, after last].
  function spans(list, query) {
    var found = [];
    list.forEach(function (phrase) {
      for (var start = 0; start + phrase.length <= query.length; start++) {
        if (phrase.every(function (pattern, i) { return matches(pattern, query[start + i]); })) {
          found.push([start, start + phrase.length]);
        }
      }
    });
    return found;
  }

  function excepted(span, exceptions) {
    return exceptions.some(function (not) { return not[0] <= span[0] && span[1] <= not[1]; });
  }

  function carries(list, query, exceptions) {
    return spans(list, query).some(function (span) { return !excepted(span, exceptions); });
  }

  function any(patterns, word) {
    return word !== undefined && patterns.some(function (pattern) { return matches(pattern, word); });
  }

  // "he grabbed me", "my ex slammed my hand": him, then within three words an act, then her.
  function actAgainstHer(query, exceptions) {
    if (!against) return false;
    for (var act = 1; act < query.length - 1; act++) {
      if (!any(against.acts, query[act]) || !any(against.objects, query[act + 1])) continue;
      if (excepted([act, act + 2], exceptions)) continue;
      for (var who = Math.max(0, act - 3); who < act; who++) {
        if (any(against.who, query[who])) return true;
      }
    }
    return false;
  }

  function showsCard(text) {
    var query = words(text);
    var notSigns = spans(phrases.not_signs, query);
    if (carries(phrases.signs, query, notSigns) || actAgainstHer(query, notSigns)) return true;
    return carries(phrases.fears, query, notSigns) && !spans(phrases.about_losing_him, query).length;
  }

  function update() {
    card.hidden = !showsCard(box.value);
  }

  // Material searches on keyup; "input" also covers pasting, and "focus" a query already there.
  ["input", "keyup", "focus"].forEach(function (event) { box.addEventListener(event, update); });
  if (box.form) box.form.addEventListener("reset", function () { setTimeout(update); });
  update();
})();
