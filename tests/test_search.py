"""Search in Chromium: the index waits until the reader opens search (overrides/assets/
search-on-demand.js), and every way of opening search still gets it."""

from __future__ import annotations

import pytest

from conftest import guard_requests, search_results

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
