"""The home page in Chromium: what a reader sees, the scheme toggle, and no off-site requests."""

from __future__ import annotations

import pytest

from helpers import follow


@pytest.fixture
def home(reader_tab, site_url):
    """The home page on a phone. Any request to another host fails the test (conftest.py)."""
    page = reader_tab({"width": 390, "height": 844})
    page.goto(site_url, wait_until="networkidle")
    return page


def test_home_page_shows_title_safety_line_and_disclaimer(home):
    page = home
    assert "After He Leaves" in page.title()
    safety_line = page.locator(".safety-line")
    assert safety_line.is_visible()
    assert "Afraid or in danger?" in safety_line.inner_text()
    assert safety_line.locator("a").get_attribute("href").endswith("help/")
    disclaimer = page.locator(".md-footer .disclaimer")
    disclaimer.scroll_into_view_if_needed()
    assert disclaimer.is_visible()
    assert "not professional advice" in disclaimer.inner_text()


def test_palette_toggle_switches_scheme(home):
    page = home
    # On a phone the scheme follows the phone's own setting; the toggle shows on wider screens.
    assert not page.locator("form[data-md-component=palette]").is_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    scheme = lambda: page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "slate"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "default"


def test_safety_line_leads_to_the_help_page(home):
    page = home
    follow(page.locator(".safety-line a"))
    assert page.url.endswith("/help/")
    assert page.locator("h1").inner_text().startswith("Get help now")


def test_first_screen_on_a_phone_says_what_to_do_now(home):
    page = home
    first_days = page.locator("article a[href$='topics/first-days/']").first
    safety = page.locator("article a[href$='safety/']").first
    height = page.viewport_size["height"]
    for link in (first_days, safety):
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= height, "visible without scrolling"
    follow(first_days)
    assert page.url.endswith("/topics/first-days/")
