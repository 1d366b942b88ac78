"""Leave no trace: reading the site stores nothing in the browser, and search words stay out of
addresses (and so out of the history). Measured in Chromium on a phone and a desktop."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from helpers import NOTHING, STORED, follow, guard_requests, search_results

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def visit(request, browser, site_url):
    """A reader's tab on a phone or a desktop, new for this file: one context for each screen size,
    shared by the tests of what reading and searching leave behind, since a test after another only
    finds more that could have been kept. (A new context costs the CPU of about six page loads.)"""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    blocked: list[str] = []
    guard_requests(context, site_url, blocked)
    page = context.new_page()
    yield page, context, request.param
    assert blocked == []
    context.close()


def test_reading_several_pages_and_searching_leaves_nothing_behind(visit, site_url):
    page, context, _ = visit
    for path in ("", "topics/patience/", "decide/", "help/", "safety/"):
        page.goto(site_url + path, wait_until="networkidle")
    if page.locator("label.md-header__button[for=__search]").is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    assert search_results(page, "patience") >= 1
    follow(page.locator(".md-search-result__item a").first)
    assert page.evaluate(STORED) == NOTHING
    assert context.cookies() == []


def test_a_colour_the_reader_picks_is_kept_for_this_tab_only(browser, site_url):
    # The toggle shows on wider screens; a phone follows its own colour setting.
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    assert "until you close this tab" in toggle.get_attribute("title")
    toggle.click()
    page.goto(site_url + "topics/patience/", wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    stored = page.evaluate(STORED)
    assert stored["localStorage"] == [] and stored["cookie"] == ""
    assert [key.rsplit(".", 1)[1] for key in stored["sessionStorage"]] == ["__palette"]
    context.close()


def test_search_words_never_reach_an_address(visit, site_url):
    page, _, _ = visit
    page.goto(site_url + "topics/patience/", wait_until="networkidle")
    if page.locator("label.md-header__button[for=__search]").is_visible():
        page.locator("label.md-header__button[for=__search]").click()
    assert search_results(page, "jealousy") >= 1
    addresses = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    # Section anchors such as #jealousy-plays are the page's own; a query string would be the reader's.
    assert addresses and [urlsplit(address).query for address in addresses] == [""] * len(addresses)
    assert page.locator("[data-md-component=search-share]").count() == 0
    assert "jealousy" not in page.url


def test_clearing_a_search_on_a_phone_clears_it_and_stays_on_the_page(browser, site_url):
    context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True)
    page = context.new_page()
    page.goto(site_url + "topics/patience/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    assert search_results(page, "jealousy") >= 1
    # Open search covers the page, but not the bar: Get help and Exit stay in reach, on top, and
    # no part of the search box is under them.
    assert page.evaluate("""() => {
        const onTop = (element, y) => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, y(box));
            return hit !== null && element.contains(hit);
        };
        const input = document.querySelector("input.md-search__input");
        const controls = [document.querySelector(".safety-line__help"), document.querySelector("[data-quick-exit]")];
        return controls.every(control => onTop(control, box => box.top + box.height / 2))
            && [box => box.top + 2, box => box.bottom - 2].every(y => onTop(input, y));
    }"""), "the bar's controls or the search box are covered"
    clear = page.locator(".md-search__options button[type=reset]")
    exit_box = page.locator("[data-quick-exit]").bounding_box()
    for control in (clear, page.locator("label.md-search__icon").first):
        box = control.bounding_box()
        overlaps = (box["x"] < exit_box["x"] + exit_box["width"] and exit_box["x"] < box["x"] + box["width"]
                    and box["y"] < exit_box["y"] + exit_box["height"] and exit_box["y"] < box["y"] + box["height"])
        assert not overlaps, f"a search control sits under the quick exit: {box} vs {exit_box}"
    # A real tap lands on whatever is on top at that spot: before the fix, the quick exit.
    clear.tap()
    assert page.locator("input.md-search__input").input_value() == ""
    assert page.url == site_url + "topics/patience/"
    context.close()
