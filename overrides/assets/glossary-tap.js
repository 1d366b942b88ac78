/* On a touch screen there is no hover, so the tooltip on a glossary term never shows and a tap
   leaves the page for the glossary. Here the first tap shows the definition in place, under the
   term, with a link to the glossary entry; a second tap on the term hides it again. Without
   JavaScript the term stays a plain link to its glossary entry. */
(function () {
  "use strict";

  if (!window.matchMedia("(hover: none)").matches) return;

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
