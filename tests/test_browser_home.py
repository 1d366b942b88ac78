"""The home page in Chromium: what a reader sees, the scheme toggle, and no off-site requests."""

from __future__ import annotations

import pytest

from conftest import follow, guard_requests


@pytest.fixture
def home(browser, site_url):
    context = browser.new_context(color_scheme="light", viewport={"width": 390, "height": 844})
    blocked: list[str] = []
    guard_requests(context, site_url, blocked)
    page = context.new_page()
    page.goto(site_url, wait_until="networkidle")
    yield page, blocked
    context.close()


def test_home_page_shows_title_safety_line_and_disclaimer(home):
    page, blocked = home
    assert "After He Leaves" in page.title()
    safety_line = page.locator(".safety-line")
    assert safety_line.is_visible()
    assert "Get help now" in safety_line.inner_text()
    assert safety_line.locator("a").get_attribute("href").endswith("help/")
    disclaimer = page.locator(".md-footer .disclaimer")
    disclaimer.scroll_into_view_if_needed()
    assert disclaimer.is_visible()
    assert "not professional advice" in disclaimer.inner_text()
    assert blocked == []


def test_palette_toggle_switches_scheme(home):
    page, blocked = home
    # On a phone the scheme follows the phone's own setting; the toggle shows on wider screens.
    assert not page.locator("form[data-md-component=palette]").is_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "slate"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "default"
    assert blocked == []


def test_safety_line_leads_to_the_help_page(home):
    page, blocked = home
    follow(page.locator(".safety-line a"))
    assert page.url.endswith("/help/")
    assert page.locator("h1").inner_text().startswith("Get help now")
    assert blocked == []


def test_first_screen_on_a_phone_says_what_to_do_now(home):
    page, blocked = home
    first_days = page.locator("article a[href$='topics/first-days/']").first
    safety = page.locator("article a[href$='safety/']").first
    height = page.viewport_size["height"]
    for link in (first_days, safety):
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= height, "visible without scrolling"
    follow(first_days)
    assert page.url.endswith("/topics/first-days/")
    assert blocked == []
