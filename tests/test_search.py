"""Search in Chromium: the index waits until the reader opens search (overrides/assets/
search-on-demand.js), and every way of opening search still gets it; reader queries find their
answers and safety queries find help first; a search that finds nothing says what to try."""

from __future__ import annotations

import pytest

from conftest import follow, guard_requests, search_results
from scripts.search_quality import load_queries, measure

INDEX = "search/search_index.json"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def reader(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    blocked: list[str] = []
    guard_requests(context, site_url, blocked)
    page = context.new_page()
    index_requests: list[str] = []
    page.on("request", lambda request: index_requests.append(request.url) if INDEX in request.url else None)
    yield page, index_requests, blocked
    context.close()


def test_tapping_the_search_button_on_a_phone_loads_the_index_and_finds_pages(reader, site_url):
    page, index_requests, blocked = reader
    page.goto(site_url, wait_until="networkidle")
    assert index_requests == []
    with page.expect_response(lambda response: INDEX in response.url and response.ok):
        page.locator("label.md-header__button[for=__search]").click()
    assert search_results(page, "jealousy") >= 1
    assert len(index_requests) == 1
    assert blocked == []


def test_the_slash_key_opens_search_and_loads_the_index(reader, site_url):
    page, index_requests, blocked = reader
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "topics/patience/", wait_until="networkidle")
    assert index_requests == []
    with page.expect_response(lambda response: INDEX in response.url and response.ok):
        page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    assert blocked == []


def test_a_shared_search_link_shows_results_at_once(reader, site_url):
    page, index_requests, blocked = reader
    page.goto(site_url + "?q=jealousy")
    page.locator(".md-search-result__item").first.wait_for()
    assert len(index_requests) == 1
    assert blocked == []


# --- Answers in a reader's own words (tests/search_queries.yml, scripts/search_quality.py) ----

@pytest.fixture(scope="module")
def searcher(browser, site_url):
    """One page for every query: a search box stays open between queries."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[str] = []
    guard_requests(context, site_url, blocked)
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()
    assert blocked == []


def test_readers_find_answers_in_their_own_words_and_safety_first(searcher, site_url):
    report = measure(searcher, site_url, *load_queries())
    assert report.top3_rate >= 0.9, "\n".join(report.reader_misses)
    assert report.safety_misses == []
    # One entry per page, with at most its best section beside it.
    assert report.crowded == []


def test_a_search_that_finds_nothing_shows_what_to_try(searcher, site_url):
    tips = searcher.locator(".search-tips")
    assert search_results(searcher, "jealousy") >= 1
    assert tips.is_hidden()
    assert search_results(searcher, "xylophone") == 0
    assert tips.is_visible()
    targets = {link.inner_text(): link.get_attribute("href") for link in tips.get_by_role("link").all()}
    assert set(targets) == {"a few short questions", "the list of situations", "Get help now"}
    assert targets["the list of situations"].endswith("#find-your-situation")
    follow(tips.get_by_role("link", name="Get help now"))
    assert searcher.url == site_url + "help/"
