"""Walk every path of every real decision tree in Chromium, with JavaScript on and off."""

from __future__ import annotations

import pytest

from conftest import ROOT, follow, guard_requests
from scripts.tree_engine import Outcome, Question, Tree, load_trees

TREES = load_trees(ROOT / "docs")


def paths(tree: Tree) -> list[list[tuple[Question, str]]]:
    """Every route from the first question to an outcome, as (question, answer label) pairs."""
    routes = []

    def walk(node_id: str, route: list) -> None:
        node = tree.nodes[node_id]
        if isinstance(node, Outcome):
            routes.append(route)
            return
        for answer in node.answers:
            walk(answer.next, route + [(node, answer.label)])

    walk(tree.start, [])
    return routes


def click_answer(page, label: str) -> None:
    follow(page.locator(".tree-answers").get_by_role("link", name=label, exact=True))


@pytest.fixture(params=[True, False], ids=["js-on", "js-off"])
def reader(request, browser, site_url):
    context = browser.new_context(java_script_enabled=request.param)
    blocked: list[str] = []
    guard_requests(context, site_url, blocked)
    yield context.new_page(), blocked
    context.close()


def test_there_are_four_trees_with_many_paths():
    assert len(TREES) >= 4
    assert all(len(paths(tree)) >= 4 for tree in TREES)


@pytest.mark.parametrize("tree", TREES, ids=lambda t: t.id)
def test_every_path_ends_on_an_outcome_with_topic_links(tree, reader, site_url):
    page, blocked = reader
    start = f"{site_url}decide/{tree.id}/"
    for route in paths(tree):
        page.goto(start)
        click_answer(page, "No, I feel safe with him")
        for question, label in route:
            assert question.question in page.locator("h1").inner_text()
            click_answer(page, label)
        assert page.locator(".tree-outcome").count() == 1, page.url
        topic_links = page.locator(".tree-outcome a[href*='/topics/']")
        assert topic_links.count() >= 1, page.url
        trail = page.locator(".tree-trail li")
        assert trail.count() == len(route)
        # Back returns to the last question; Start again returns to the tree's first screen.
        follow(page.get_by_role("link", name="Back", exact=True))
        assert page.url == f"{site_url}decide/{tree.id}/{route[-1][0].id}/"
        follow(page.get_by_role("link", name="Start again", exact=True))
        assert page.url == start
    assert blocked == []


def test_afraid_reader_is_sent_to_safety_not_tactics(reader, site_url):
    page, blocked = reader
    for tree in TREES:
        page.goto(f"{site_url}decide/{tree.id}/")
        click_answer(page, "Yes, or I am not sure")
        assert page.url == f"{site_url}safety/"
    assert blocked == []


def test_browser_back_button_returns_to_the_previous_step(reader, site_url):
    page, _ = reader
    tree = TREES[0]
    page.goto(f"{site_url}decide/{tree.id}/")
    click_answer(page, "No, I feel safe with him")
    first = page.url
    click_answer(page, tree.nodes[tree.start].answers[0].label)
    page.go_back()
    assert page.url == first


def test_decide_section_lists_every_tree_in_the_navigation(browser, site_url):
    page = browser.new_page()
    page.goto(f"{site_url}decide/")
    for tree in TREES:
        assert page.locator(".md-nav__link", has_text=tree.title).count() >= 1
        assert page.locator("article").get_by_role("link", name=tree.title).count() == 1
    page.close()
