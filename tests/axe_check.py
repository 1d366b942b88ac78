"""axe-core in Chromium, shared by the accessibility tests and the decision-tree walk."""

from __future__ import annotations

from conftest import AXE  # noqa: F401  (defined there: the shared tabs inject it)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Material sizes the sticky sidebars with JavaScript after the page loads; until then, on a short
# page, the navigation runs over the footer (and axe, on a busy machine, measured that contrast).
SIDEBARS_SIZED = """() => [...document.querySelectorAll('.md-sidebar')].every((sidebar) => {
  const style = getComputedStyle(sidebar);
  return style.display === 'none' || style.position !== 'sticky'
    || sidebar.querySelector('.md-sidebar__scrollwrap').style.height !== '';
})"""

# Runs axe and waits for it: given [tags, where], `where` an axe context (null: the whole page);
# each violation with the elements it was found on.
RUN_AXE = """([tags, where]) => {
  return axe.run(where || document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  }).then((results) => results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
    summary: v.nodes.length ? v.nodes[0].failureSummary : "",
  })));
}"""
