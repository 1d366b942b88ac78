"""Walk every path of every real decision tree in Chromium on a phone (390x844), with JavaScript on
and off: the question counter, the answers so far, where Back, Change and Start again lead, and tap
targets; with JavaScript on, axe-core checks every tree page on the way.

One tab per mode (shared with other tests, see conftest.reader_tab), plain navigations and no
sleeps: the walk opens each answer's page once per mode. Where every link leads is read on every
page; tapping them is checked once per mode on the tree with the longest path, since every tree
page comes from the same template.
"""

from __future__ import annotations

import pytest

from helpers import AFRAID, AXE_TAGS, RUN_AXE, SAFE, TREES, follow
from scripts.tree_engine import NodePage, Outcome, node_pages

PHONE = {"width": 390, "height": 844}
MIN_TARGET_PX = 44
# Every link a reader taps on a question or outcome page, apart from links in running text.
TARGETS = ".tree-back a, .tree-answers a, .tree-change, .tree-controls a"




def click(page, name: str, within: str = "article") -> None:
    follow(page.locator(within).get_by_role("link", name=name, exact=True))


def answer_href(page, name: str) -> str:
    return page.locator("article").get_by_role("link", name=name, exact=True).evaluate("a => a.href")


# What a question or outcome page shows, read in one call (it works with the page's JavaScript off).
READ_PAGE = """([selector, minimum]) => {
    const all = (css) => [...document.querySelectorAll(css)];
    const text = (css) => (document.querySelector(css) || {innerText: ""}).innerText.replace("\u00b6", "").trim();
    return {
        title: text("article h1"),
        counter: text(".tree-counter"),
        back: all(".tree-back a").map(a => a.href),
        answers: all(".tree-answers a").map(a => [a.innerText.trim(), a.href]),
        trail: all(".tree-trail li").map(li => [li.querySelector("strong").innerText, li.querySelector(".tree-change").href]),
        startAgain: all("article a").filter(a => a.innerText.trim() == "Start again").map(a => a.href),
        panels: all(".tree-outcome").length,
        topics: all("article a[href*='/topics/']").length,
        small: all(selector).map(a => [a.innerText.trim(), a.getBoundingClientRect()])
            .filter(([, box]) => box.height < minimum || box.width < minimum)
            .map(([label, box]) => `${label}: ${Math.round(box.width)}x${Math.round(box.height)}`),
    };
}"""


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def reader(request, reader_tab):
    """A phone with JavaScript on (and axe-core) or off. A request to another host fails the test
    (conftest.py): it is not routed, since routing sends every request through Python and turns off
    the cache, which made this walk of some hundred pages three times slower."""
    return reader_tab(PHONE, javascript=request.param, axe=request.param)


def test_every_tree_has_several_paths_and_some_share_an_outcome():
    assert len(TREES) >= 6
    for tree in TREES:
        outcomes = [page for page in node_pages(tree) if isinstance(page.node, Outcome)]
        assert len(outcomes) >= 4, tree.id
        assert any(page.is_copy for page in outcomes), f"{tree.id}: no outcome is shared"


def check_page(shown: dict, node_page: NodePage, folder: str) -> None:
    """What a question or outcome page shows, on the path that led to it."""
    url = lambda name: f"{folder}{name}/"  # noqa: E731
    assert shown["back"] == [url(node_page.back) if node_page.trail else folder]
    assert shown["trail"] == [[entry.answer.label, url(entry.page)] for entry in node_page.trail]
    # On the first question, Back goes to the start page already: no Start again beside it.
    assert shown["startAgain"] == ([folder] if node_page.trail else [])
    assert shown["small"] == [], "tap targets under 44 px"
    if isinstance(node_page.node, Outcome):
        assert shown["title"] == node_page.node.outcome and shown["panels"] == 1 and shown["topics"] >= 1
    else:
        assert shown["title"] == node_page.node.text
        assert shown["counter"] == f"Question {node_page.question_number} of up to {node_page.most_questions}"
        assert [label for label, _ in shown["answers"]] == [answer.label for answer in node_page.node.answers]


@pytest.mark.parametrize("tree", TREES, ids=lambda t: t.id)
def test_every_path_of_every_tree(tree, reader, site_url, request):
    """Follows every answer link of every page on every path (each page once), checking each page
    against the path it is on."""
    page = reader
    axe_on = request.node.callspec.params["reader"]  # JavaScript on: axe too
    folder = f"{site_url}decide/{tree.id}/"
    pages = node_pages(tree)
    by_name = {node_page.name: node_page for node_page in pages}
    # With axe, the tree's overview too; the walk starts from the start page, opened last.
    for tree_page in ([f"{folder}overview/"] if axe_on else []) + [folder]:
        page.goto(tree_page)
        if axe_on:
            assert page.evaluate(RUN_AXE, [AXE_TAGS, None]) == [], f"axe on {tree_page}"
    assert answer_href(page, AFRAID) == f"{site_url}safety/"
    click(page, SAFE)
    to_visit = [(page.url, pages[0])]
    visited = 0
    while to_visit:
        address, node_page = to_visit.pop()
        if page.url != address:
            page.goto(address)
        assert page.url == f"{folder}{node_page.name}/"
        shown = page.evaluate(READ_PAGE, [TARGETS, MIN_TARGET_PX])
        check_page(shown, node_page, folder)
        if axe_on:
            assert page.evaluate(RUN_AXE, [AXE_TAGS, None]) == [], f"axe on {page.url}"
        visited += 1
        to_visit += [(href, by_name[name]) for (_, href), name in zip(shown["answers"], node_page.answer_pages)]
    assert visited == len(pages)


def test_back_change_and_start_again_lead_where_they_say(reader, site_url):
    """As a reader taps them, on the deepest outcome of the tree with the longest path."""
    page = reader
    tree, deepest = max(((tree, node_page) for tree in TREES for node_page in node_pages(tree)),
                        key=lambda pair: len(pair[1].trail))
    folder = f"{site_url}decide/{tree.id}/"
    for name, within, lands_on in (("Back", ".tree-back", f"{deepest.back}/"),
                                   ("Change", ".tree-trail", f"{node_pages(tree)[0].name}/"),
                                   ("Start again", ".tree-controls", "")):
        page.goto(f"{folder}{deepest.name}/")
        follow(page.locator(within).get_by_role("link", name=name).first)
        assert page.url == folder + lands_on, name


def test_afraid_reader_is_sent_to_safety_not_tactics(reader, site_url):
    """Tapped here on one tree; the walk above checks where the answer leads on every tree."""
    page = reader
    page.goto(f"{site_url}decide/{TREES[0].id}/")
    click(page, AFRAID)
    assert page.url == f"{site_url}safety/"


def test_a_walk_through_a_tree_takes_one_place_in_the_history(reader, site_url, request):
    """With JavaScript on, an answer, Back, Change or Start again replaces the page in the history
    (assets/tree-history.js), so a whole walk from the Decide page adds one entry, and the browser's
    Back button leaves the tree. Without JavaScript the links work as plain links: Back returns to
    the previous question. (history.length is no measure in a shared tab: Chromium stops it at 50.)"""
    page = reader
    javascript = request.node.callspec.params["reader"]
    tree, deepest = max(((tree, node_page) for tree in TREES for node_page in node_pages(tree)),
                        key=lambda pair: len(pair[1].trail))
    folder = f"{site_url}decide/{tree.id}/"
    page.goto(f"{site_url}decide/")
    follow(page.locator("article h2 > a", has_text=tree.title))
    click(page, SAFE)
    for entry in deepest.trail:
        click(page, entry.answer.label, ".tree-answers")
    assert page.url == f"{folder}{deepest.name}/"
    follow(page.locator(".tree-back").get_by_role("link", name="Back"))
    follow(page.locator(".tree-controls").get_by_role("link", name="Start again"))
    click(page, SAFE)
    assert page.url == f"{folder}{node_pages(tree)[0].name}/"
    page.go_back()
    assert page.url == (f"{site_url}decide/" if javascript else folder)
    # A link out of the tree adds an entry as usual, so Back returns to the tree's page.
    page.goto(folder)
    click(page, AFRAID)
    page.go_back()
    assert page.url == folder


def test_decide_page_lists_every_tree_in_order(reader, site_url):
    page = reader
    page.goto(f"{site_url}decide/")
    titles = page.locator("article h2 > a:not(.headerlink)").all_inner_texts()
    assert titles == [tree.title for tree in TREES]
    for tree in TREES:
        assert page.locator(".md-nav__link", has_text=tree.title).count() >= 1
