"""Phone-first reading, measured in Chromium: positions and sizes on one page of each type, at
390×844 and 1366×900, light and dark."""

from __future__ import annotations

import pytest

from helpers import GET_HELP_JS, PAGE_TYPES, check_get_help_beside_exit
from scripts.measure import reading_order

LAID_OUT = ["home", "topic", "tree-start", "tree-question", "tree-outcome", "help", "safety", "tags", "not-found"]
# The page types whose pages carry tags (front matter, a tree file), so show tag chips; no other does.
WITH_TAGS = {"topic", "tree-start", "safety"}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
TITLE_WITHIN = 300  # px from the top of a phone's screen
LONGEST_LINE = 70  # characters

# The most characters on one rendered line of any paragraph or list item in the article.
LONGEST_LINE_JS = """() => {
  const lines = [];
  for (const block of document.querySelectorAll("article p, article li")) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let top = null, line = "", node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top === null || rect.top > top + 8) { lines.push(line); top = rect.top; line = ""; }
        line += node.data[i];
      }
    }
    lines.push(line);
  }
  // White space in the HTML source folds to one space, and a line's last space is not seen.
  return Math.max(...lines.map(line => line.replace(/\\s+/g, " ").trim().length));
}"""


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request, reader_tab):
    """The screen size's name and a tab set to it (a phone has a touch screen)."""
    return request.param, reader_tab(VIEWPORTS[request.param], has_touch=request.param == "phone")


def style(locator, prop: str) -> str:
    return locator.evaluate(f"element => getComputedStyle(element).{prop}")


@pytest.mark.parametrize("kind", LAID_OUT)
def test_title_first_and_bold_one_line_banner_tags_after_text_one_safety_prompt(viewport, site_url, kind):
    name, page = viewport
    page.goto(site_url + PAGE_TYPES[kind], wait_until="load")
    title = page.locator("article h1")
    box = title.bounding_box()
    if name == "phone":
        assert box["y"] < TITLE_WITHIN, f"{kind}: the title starts {box['y']:.0f}px down"
    assert int(style(title, "fontWeight")) >= 700
    assert style(title, "color") == style(page.locator("body"), "color"), "the title is as dark as the text"
    banner = page.locator(".md-banner").bounding_box()
    assert banner["height"] <= 44, f"{kind}: the banner takes {banner['height']:.0f}px"
    tags = page.locator("article .md-tags")
    assert tags.count() == (kind in WITH_TAGS), f"{kind}: {tags.count()} lists of tag chips"
    if kind in WITH_TAGS:
        last_text = page.locator("article > :is(p, ul, ol, div, h2)").last
        assert tags.bounding_box()["y"] >= last_text.bounding_box()["y"], "tag chips come after the text"
    prompts = page.locator("article .safety-note").count() + page.get_by_text("Do you ever feel afraid").count()
    assert prompts <= 1, f"{kind}: {prompts} safety prompts"


def test_advice_starts_within_the_first_1000px_of_every_topic_page_on_a_phone(reader_tab, site_url):
    """Under the title, the safety note, "In short" and the folded questions, the first section of
    advice starts within 1,000 px at 390×844 (issue 27: it was 820 to 1,180 px down)."""
    page = reader_tab(VIEWPORTS["phone"], has_touch=True)
    tops = reading_order.first_section_tops(page, site_url, reading_order.topic_paths())
    assert len(tops) == 19
    too_low = {path: top for path, top in tops.items() if top > reading_order.FIRST_SECTION_WITHIN}
    assert too_low == {}


@pytest.mark.parametrize("kind", ["home", "topic", "help"])
def test_lines_stay_short_enough_to_read(viewport, site_url, kind):
    _, page = viewport
    page.goto(site_url + PAGE_TYPES[kind], wait_until="load")
    assert page.evaluate(LONGEST_LINE_JS) <= LONGEST_LINE


def test_boxes_tables_and_footnotes_are_body_size_and_dark(viewport, site_url):
    _, page = viewport
    page.goto(site_url + "topics/patience/", wait_until="load")
    body = page.locator("article > p:not([class])").first
    for selector in (".admonition p", ".footnote li"):
        element = page.locator(f"article {selector}").first
        assert style(element, "fontSize") == style(body, "fontSize"), selector
        assert style(element, "color") == style(body, "color"), selector
    page.goto(site_url, wait_until="load")
    cell = page.locator("article table td").first
    assert style(cell, "fontSize") == style(page.locator("article > p:not([class])").first, "fontSize")


def test_footnote_numbers_are_big_enough_to_tap(viewport, site_url):
    _, page = viewport
    page.goto(site_url + "topics/patience/", wait_until="load")
    for ref in page.locator("article .footnote-ref").all():
        box = ref.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, box


def test_the_whole_site_name_shows_in_the_header(viewport, site_url):
    _, page = viewport
    page.goto(site_url + "topics/patience/", wait_until="load")
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.inner_text() == "After He Leaves"
    assert name.evaluate("element => element.scrollWidth <= element.clientWidth"), "the site name is cut"


def test_long_backlink_lists_fold_away_without_javascript(reader_tab, site_url, built_site):
    page = reader_tab(VIEWPORTS["phone"], javascript=False)
    page.goto(site_url + "topics/backing-off/", wait_until="load")
    backlinks = page.locator(".reader-backlinks")
    assert backlinks.locator("details").count() == 1, "backing off has many links to it"
    assert backlinks.locator("li:visible").count() <= 5
    backlinks.locator("summary").click()
    assert backlinks.locator("li:visible").count() > 5


def test_tapping_a_glossary_term_on_a_phone_shows_its_definition_in_place(reader_tab, site_url):
    page = reader_tab(VIEWPORTS["phone"], has_touch=True)
    page.goto(site_url + "topics/no-contact/", wait_until="load")
    term = page.locator("a.glossary-term").first
    definition = term.get_attribute("data-definition")
    box = term.bounding_box()
    assert box["height"] >= 24
    term.tap()
    shown = page.locator(".glossary-definition")
    shown.wait_for()
    assert definition in shown.inner_text()
    assert page.url == site_url + "topics/no-contact/"
    term.tap()
    assert shown.count() == 0


def test_dark_scheme_keeps_titles_dark_on_light_and_light_on_dark(reader_tab, site_url):
    page = reader_tab(VIEWPORTS["phone"], color_scheme="dark")
    page.goto(site_url + "topics/patience/", wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert style(page.locator("article h1"), "color") == style(page.locator("article > p:not([class])").first, "color")


def test_tree_answers_are_cards_without_underlines_while_links_in_text_keep_theirs(reader_tab, site_url):
    page = reader_tab(VIEWPORTS["phone"])
    page.goto(site_url + PAGE_TYPES["tree-question"], wait_until="load")
    assert "underline" not in style(page.locator(".tree-answers a").first, "textDecorationLine")
    page.goto(site_url + "topics/patience/", wait_until="load")
    assert "underline" in style(page.locator("article p a:not(.glossary-term)").first, "textDecorationLine")


@pytest.mark.parametrize("where", [0, 0.5, 1])
def test_get_help_is_in_reach_beside_exit_at_every_scroll_position(viewport, site_url, where):
    """On a long topic page, at the top, the middle and the end: a "Get help" button of at least
    44x44 px on screen, beside "Exit this page", covered by nothing and covering no other control."""
    name, page = viewport
    page.goto(site_url + "topics/backing-off/", wait_until="load")
    height = page.evaluate("document.documentElement.scrollHeight - innerHeight")
    assert height > 4 * VIEWPORTS[name]["height"] or name == "desktop", "a long page"
    page.evaluate(f"window.scrollTo(0, {height * where})")
    page.wait_for_function(f"() => Math.abs(scrollY - {height * where}) < 2")
    check_get_help_beside_exit(page.evaluate(GET_HELP_JS), VIEWPORTS[name])


@pytest.mark.parametrize("kind", ["home", "help", "safety"])
def test_the_first_screen_suggests_a_private_window_and_says_what_exit_does(viewport, site_url, kind):
    name, page = viewport
    page.goto(site_url + PAGE_TYPES[kind], wait_until="load")
    line = page.locator("article .private-line")
    assert "private window" in line.inner_text() and "does not clear your history" in line.inner_text()
    if name == "phone":
        box = line.bounding_box()
        assert box["y"] + box["height"] <= VIEWPORTS[name]["height"], f"{kind}: the line is below the first screen"
