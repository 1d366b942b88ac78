/* A glossary term's definition, shown in place: the first tap, click or Enter on the term shows
   it under the term, with a link to the glossary entry; the next one hides it again. A phone has
   no hover to show the term's title, and a keyboard has none either. Without JavaScript the term
   stays a plain link to its glossary entry. */
(function () {
  "use strict";

  function definitionAfter(term) {
    var next = term.nextElementSibling;
    return next && next.classList.contains("glossary-definition") ? next : null;
  }

  function show(term) {
    var note = document.createElement("span");
    note.className = "glossary-definition";
    note.id = "glossary-definition-" + Math.random().toString(36).slice(2);
    note.appendChild(document.createTextNode(term.getAttribute("data-definition") + " "));
    var more = document.createElement("a");
    more.href = term.href;
    more.textContent = "More in the glossary";
    note.appendChild(more);
    term.after(note);
    term.setAttribute("aria-expanded", "true");
    term.setAttribute("aria-controls", note.id);
  }

  document.addEventListener("click", function (event) {
    var term = event.target.closest && event.target.closest("a.glossary-term");
    if (!term) return;
    event.preventDefault();
    var shown = definitionAfter(term);
    if (shown) {
      shown.remove();
      term.setAttribute("aria-expanded", "false");
    } else {
      show(term);
    }
  });
})();
