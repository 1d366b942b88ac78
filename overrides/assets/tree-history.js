/* A walk through a decision tree takes one entry in the browser's history, not one a question:
   each page's title says what she answered, and a phone someone checks shows its history. So a link
   from one page of a tree to another (an answer, Back, Change, Start again, the whole tree) replaces
   this page in the history instead of adding to it. Links out of the tree (a topic page, Safety
   first) add an entry as usual, so Back returns to where she was. Without JavaScript every link
   works as a plain link. */
(function () {
  "use strict";

  // Every tree page links to its overview page; the tree's pages all sit in that page's folder.
  var overview = document.querySelector(".tree-controls a[href*='overview']");
  if (!overview) return;
  var treeFolder = overview.href.replace(/overview(\/|\.html)?([?#].*)?$/, "");

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest("article a[href]");
    if (!link || link.target || link.hasAttribute("download")) return;
    if (link.href.indexOf(treeFolder) !== 0) return;
    // A link within this page (a footnote, a glossary term) moves no history either way.
    if (link.pathname === window.location.pathname) return;
    event.preventDefault();
    window.location.replace(link.href);
  });
})();
