"""The reader's key paths in Safari's engine: every browser on an iPhone runs WebKit. Debian's
WebKitGTK on a 390 x 844 page (scripts/browsers/webkit.py, the `webkit` fixture in conftest.py), one
browser for all of these tests in a test process: help and the quick exit, a tree walked to an
outcome, search, what a visit leaves behind, sideways scrolling on every page type, the one-file
offline copy, and the zip's search from file://. The same paths are checked in more depth in
Chromium; these are the ones a difference between the engines would break for a reader.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from scripts.measure.search_quality import CARD, META, PLACEHOLDER, TOP, load_queries, site_path
from scripts.tree_engine import Outcome, node_pages
from helpers import (GET_HELP_JS, HELP, NEUTRAL, NOTHING, PAGE_TYPES, PHONE, SAFE, SHOWN_STEP, STORED, TREES,
                     check_get_help_beside_exit, offsite_requests)

WIDTH, HEIGHT = PHONE["width"], PHONE["height"]
MIN_TAP_PX = 44  # the numbers to call or text, as in Chromium (tests/test_help.py)
MIN_CONTROL_PX = 24  # Exit this page, as in Chromium (tests/test_reader_features.py)

# Where something is on the screen, in CSS pixels from the top left of what shows.
BOX = "(e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; })"
# The link among those `css` finds whose text is `name`.
LINK = "return [...document.querySelectorAll(arguments[0])].find(a => a.innerText.trim() === arguments[1])"


def wait(driver, script: str, *args, timeout: float = 30):
    """Wait until `script` (a JavaScript expression, with `arguments`) is true, and return it."""
    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script(f"return {script}", *args),
                                                message=f"waited {timeout} s for: {script}")


def press(driver, element) -> None:
    """Scroll `element` to the middle of the screen, as a reader would to see it, and tap it.
    WebDriver's click lands where a finger would, on the middle of the element, and fails if
    something else is on top there. (Scrolling first: WebKit's driver, left to scroll by itself,
    stops with a link just inside the screen's edge and may then call it not interactable.)"""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def tap(driver, css: str, name: str | None = None) -> None:
    """Tap a link (the first `css` finds, or the one named `name`) and wait for the page it
    leads to."""
    link = driver.execute_script(LINK, css, name) if name else driver.find_element("css selector", css)
    assert link, f"no link {name!r} in {css}"
    before = driver.current_url
    press(driver, link)
    WebDriverWait(driver, 30).until(
        lambda d: d.current_url != before and d.execute_script("return document.readyState") == "complete",
        message=f"tapping {name or css} on {before} led nowhere")


# Whether "Exit this page" is what a tap on its middle lands on: nothing covers it.
EXIT_ON_TOP = """const exit = document.querySelector('.quick-exit'), box = exit.getBoundingClientRect();
    return exit.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2))"""


def assert_help_beside_exit(driver, where: str) -> None:
    """Get help and Exit this page on screen, side by side, big enough to tap, covered by nothing."""
    check_get_help_beside_exit(driver.execute_script(f"return ({GET_HELP_JS})()"), {"width": WIDTH, "height": HEIGHT})
    exit_box = driver.execute_script(f"return {BOX}(document.querySelector('.quick-exit'))")
    assert exit_box["width"] >= MIN_CONTROL_PX and exit_box["height"] >= MIN_CONTROL_PX, f"{where}: {exit_box}"
    assert driver.execute_script(EXIT_ON_TOP), f"{where}: something covers Exit this page"


def assert_no_sideways_scroll(driver, where: str) -> None:
    wide = driver.execute_script("return document.documentElement.scrollWidth")
    assert wide <= WIDTH, f"{where}: the page is {wide} px wide on a {WIDTH} px screen"


# -- Help is one tap away, and Exit leaves for good -------------------------------------------


def test_help_numbers_tap_and_exit_replaces_the_page(webkit, site_url):
    driver = webkit
    driver.get(site_url)
    # Get help stays beside Exit as she scrolls: at the top of the page and at its end.
    for scroll_to in ("0", "document.documentElement.scrollHeight"):
        driver.execute_script(f"window.scrollTo(0, {scroll_to})")
        assert_help_beside_exit(driver, f"scrolled to {scroll_to}")

    tap(driver, ".safety-line__help")
    assert driver.current_url == f"{site_url}help/"
    # Her country's numbers (the browser says en-US), with a list to choose another.
    assert driver.execute_script("return document.querySelector('[data-help-picker]').checkVisibility()")
    numbers = driver.execute_script(f"""return [...document.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')]
        .filter(a => a.checkVisibility()).map(a => [a.getAttribute('href'), a.closest('.help-now') !== null, {BOX}(a)])""")
    assert sum(href.startswith("tel:") for href, _, _ in numbers) >= 6
    assert sum(href.startswith("sms:") for href, _, _ in numbers) >= 1
    for href, emergency, box in numbers:
        assert box["width"] >= MIN_TAP_PX and box["height"] >= MIN_TAP_PX, f"{href} is {box['width']}x{box['height']} px"
        if emergency:
            assert box["y"] + box["height"] <= HEIGHT, f"emergency number {href} is below the first screen"

    # Exit swaps the help page for the neutral site, whose page is the test proxy's stand-in.
    tap(driver, ".quick-exit")
    assert driver.current_url == NEUTRAL
    # Asked for once, with no Referer naming this site. Expected: taken off the guard's list.
    assert offsite_requests == [NEUTRAL]
    offsite_requests.clear()
    driver.back()
    # Material's navigation.tracking may have put the section scrolled to in the home page's address.
    assert driver.current_url.split("#")[0] == site_url, "Back must not return to the page Exit left"


# -- A decision tree walked to an outcome, with Back and Change ------------------------------


def first_answer_path(tree) -> list:
    """The tree's pages from its first question to an outcome, always taking the first answer."""
    pages = node_pages(tree)
    by_name = {page.name: page for page in pages}
    path = [pages[0]]
    while not isinstance(path[-1].node, Outcome):
        path.append(by_name[path[-1].answer_pages[0]])
    return path


# The shortest such walk with a question before the outcome's own: Back then leads to a question
# that has answers above it to Change.
TREE, WALK = min(((tree, first_answer_path(tree)) for tree in TREES if len(first_answer_path(tree)) >= 3),
                 key=lambda pair: len(pair[1]))


def test_a_tree_walked_to_an_outcome_with_back_and_change(webkit, site_url):
    driver = webkit
    folder = f"{site_url}decide/{TREE.id}/"
    driver.get(f"{site_url}decide/")
    tap(driver, f"article a[href='{TREE.id}/']")
    tap(driver, ".tree-answers a", SAFE)
    for step, following in zip(WALK, WALK[1:]):
        assert driver.current_url == f"{folder}{step.name}/"
        tap(driver, ".tree-answers a", step.node.answers[0].label)
    outcome = WALK[-1]
    assert driver.current_url == f"{folder}{outcome.name}/"
    shown = driver.execute_script("""return {
        title: document.querySelector('article h1').innerText.replace('\u00b6', '').trim(),
        panel: document.querySelectorAll('.tree-outcome').length,
        trail: [...document.querySelectorAll('.tree-trail li strong')].map(s => s.innerText.trim()),
    }""")
    assert shown == {"title": outcome.node.outcome, "panel": 1,
                     "trail": [entry.answer.label for entry in outcome.trail]}
    assert_no_sideways_scroll(driver, outcome.name)

    tap(driver, ".tree-back a")
    assert driver.current_url == f"{folder}{outcome.back}/"
    tap(driver, ".tree-trail .tree-change")  # Change the first answer
    assert driver.current_url == f"{folder}{WALK[0].name}/"
    # The whole walk took one entry in the history (assets/tree-history.js): Back leaves the tree.
    driver.back()
    assert driver.current_url == f"{site_url}decide/"


# -- Search ---------------------------------------------------------------------------------

QUERIES = load_queries()


def search(driver, query: str, site_url: str) -> dict:
    """Type `query` into the open search box; return the pages its results list, in order, and
    whether the safety card shows. As scripts/search_quality.type_query does in Chromium: the box
    is emptied and the index awaited, then all but the last letter go in at once and the last is
    typed, so that Material searches for the whole query and never a part of it."""
    box = driver.find_element("css selector", "input.md-search__input")
    driver.execute_script("arguments[0].value = ''", box)
    box.send_keys(Keys.BACKSPACE)
    wait(driver, f"{META} === {PLACEHOLDER}")
    driver.execute_script("arguments[0].value = arguments[1]", box, query[:-1])
    box.send_keys(query[-1])
    wait(driver, f"{META} !== {PLACEHOLDER}")
    found = driver.execute_script(f"""return {{
        pages: [...document.querySelectorAll('.md-search-result__item > .md-search-result__link')].map(a => a.href),
        card: document.querySelector('{CARD}').checkVisibility(),
    }}""")
    return {"pages": [site_path(href, site_url) for href in found["pages"]], "card": found["card"]}


# What each search shows: a reader's query finds her answer in the top three, with no safety
# card; a frightened one shows the card above the results. A row here for each new kind of query.
SEARCHES = [
    (QUERIES.reader[0].query, lambda found: bool(set(found["pages"][:TOP]) & set(QUERIES.reader[0].expect))
     and not found["card"]),
    (QUERIES.fear[0], lambda found: found["card"]),
]


def open_search(driver) -> None:
    """Tap the search button, as on a phone, and wait for the box to take the focus."""
    driver.find_element("css selector", "label.md-header__button[for=__search]").click()
    wait(driver, "document.activeElement === document.querySelector('input.md-search__input')")


def test_search_answers_a_reader_and_shows_the_safety_card_for_fear(webkit, site_url):
    driver = webkit
    driver.get(f"{site_url}topics/patience/")
    open_search(driver)
    for query, answered in SEARCHES:
        found = search(driver, query, site_url)
        assert answered(found), f"{query!r} found {found}"
        assert_help_beside_exit(driver, f"search for {query!r}")  # search opens below them
    assert driver.current_url == f"{site_url}topics/patience/", "search words stay out of the address"
    # The card's first link, tapped, leads to help.
    tap(driver, f"{CARD} a", "Get help now")
    assert driver.current_url == f"{site_url}help/"


# -- What a visit leaves behind --------------------------------------------------------------


def test_a_visit_leaves_nothing_in_storage_or_cookies(webkit, site_url):
    driver = webkit
    driver.get(f"{site_url}decide/")
    tap(driver, f"article a[href='{TREES[0].id}/']")
    tap(driver, ".tree-answers a", SAFE)
    driver.get(f"{site_url}topics/no-contact/")
    press(driver, driver.find_element("css selector", "a.glossary-term"))  # shows its definition in place
    driver.find_element("css selector", "label.md-header__button[for=__drawer]").click()
    wait(driver, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().x >= 0")
    assert_help_beside_exit(driver, "the menu")  # the menu opens below them
    assert driver.execute_script(f"return ({STORED})()") == NOTHING
    assert driver.get_cookies() == []


# -- Every page type on a phone: no sideways scrolling, help beside Exit -----------------------


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_page_type_scrolls_sideways_and_each_has_help_beside_exit(webkit, site_url, kind):
    driver = webkit
    driver.get(site_url + PAGE_TYPES[kind])
    assert_no_sideways_scroll(driver, kind)
    assert_help_beside_exit(driver, kind)


def test_the_zips_search_opened_from_a_folder(webkit, offline_build):
    """From file://, browsers start no worker: the zip's search runs through the site's own
    stand-in (overrides/assets/iframe-worker.js), in Safari's engine too (Safari on a computer)."""
    driver = webkit
    driver.get((offline_build / "topics" / "patience.html").as_uri())
    open_search(driver)
    for query, answered in SEARCHES:
        found = search(driver, query, f"{offline_build.as_uri()}/")
        assert answered(found), f"{query!r} found {found}"


# -- The one-file offline copy ---------------------------------------------------------------


def test_the_one_file_copy_opened_alone_from_a_folder(webkit, notes):
    driver = webkit
    driver.get(notes.as_uri())
    assert driver.title == "Notes"
    first_screen = driver.execute_script(f"""return [
        {BOX}(document.querySelector('.intro .quick-exit')), {BOX}(document.querySelector(".intro .bar a[href='{HELP}']"))]""")
    for box in first_screen:
        assert box["width"] > 0 and 0 <= box["y"] < HEIGHT, first_screen
    assert driver.find_element("css selector", ".intro .quick-exit").get_attribute("href") == NEUTRAL
    assert_no_sideways_scroll(driver, "notes.html")

    # A tree, one step at a time: only the step the address names shows.
    start = f"decide/{TREE.id}"
    driver.get(f"{notes.as_uri()}#{start}")
    press(driver, driver.execute_script(LINK, f"[id='{start}'] .tree-answers a", SAFE))
    for step in WALK:
        shown = wait(driver, f"(step => step.hash === arguments[0] && step)(({SHOWN_STEP})())", f"{start}/{step.name}")
        assert len(shown["shown"]) == 1 and shown["titleShows"], shown
        assert shown["outcome"] == isinstance(step.node, Outcome)
        if not shown["outcome"]:
            press(driver, driver.execute_script(LINK, f"[id='{start}/{step.name}'] .tree-answers a", step.node.answers[0].label))
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
