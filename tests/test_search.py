"""Search in Chromium: the index waits until the reader opens search (overrides/assets/
search-on-demand.js), and every way of opening search still gets it; reader queries find their
answers, in plain words, and fear shows the safety card above the results, on a phone with the
exit still in reach; a search that finds nothing says what to try."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from helpers import AXE, follow, guard_requests, page_files, search_results
from scripts.content import search_words
from scripts.measure.search_quality import CARD, load_queries, measure, run_queries
from scripts.content.search_words import load_search_words
from scripts.content.yaml_data import DataError

DOCS = Path(__file__).resolve().parent.parent / "docs"
INDEX = "search/search_index.json"
SEARCH_WORDS = re.compile(r'<script type="application/json" id="search-words">(.*?)</script>', re.S)
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
    # Plain words above and under the results: no count of "matching documents", no struck-through
    # "Missing" words (here "xylophone", which no page has).
    assert search_results(page, "jealousy xylophone") >= 2
    assert page.locator(".md-search-result__meta").inner_text() == "Pages that may help"
    assert page.locator(".md-search-result__terms").count() >= 1
    assert not any(terms.is_visible() for terms in page.locator(".md-search-result__terms").all())
    assert blocked == []


def test_fear_shows_the_safety_card_above_the_results_with_the_exit_in_reach(reader, site_url):
    page, _, blocked = reader
    page.add_init_script(path=str(AXE))
    page.goto(site_url + "topics/patience/")
    page.locator("label.md-header__button[for=__search]").click()
    card = page.locator(CARD)
    search_results(page, "he grabbed me and i dont feel safe")
    assert card.is_visible()
    assert card.inner_text().split() == "Are you safe? Get help now · Safety first".split()
    first_result = page.locator(".md-search-result__item").first.bounding_box()
    assert card.bounding_box()["y"] + card.bounding_box()["height"] <= first_result["y"]
    # "Exit this page" stays on top, on screen and free to tap, while search covers the page.
    exit_link = page.locator("[data-quick-exit]")
    box = exit_link.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"]
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[data-quick-exit]') !== null",
                         [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    # Readable: the card sits in the header, whose text is white.
    contrast = page.evaluate("""async (card) => (await axe.run(card, {runOnly: ["color-contrast"]})).violations""", CARD)
    assert contrast == [], contrast
    follow(card.get_by_role("link", name="Safety first"))
    assert page.url == site_url + "safety/"
    page.locator("label.md-header__button[for=__search]").click()
    search_results(page, "he needs space")
    assert card.is_hidden()
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


# --- Answers in a reader's own words (tests/search_queries.yml, scripts/measure/search_quality.py) ----

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


def test_readers_find_answers_in_their_own_words_and_fear_finds_the_safety_card(searcher, site_url):
    report = measure(searcher, site_url, load_queries(), fear_results=False)
    assert report.top3_rate >= 0.95, "\n".join(report.reader_misses)
    # Help and Safety first lead only queries about help: no page leads by weight alone.
    assert report.help_led == []
    assert report.fear_misses == []
    assert report.false_alarms == []
    assert report.synonym_misses == []
    # One entry per page, with at most its best section beside it.
    assert report.crowded == []


def test_the_words_search_listens_for_are_in_every_page_as_data(built_site):
    """The card's phrases and the synonyms reach the scripts as one JSON block per page, the same
    in every page, equal to the data file's (escaped by `tojson` in partials/search-safety.html)."""
    expected = load_search_words(DOCS).for_the_browser()
    blocks = set()
    for page in page_files(built_site):
        found = SEARCH_WORDS.findall(page.read_text(encoding="utf-8"))
        assert len(found) == 1, page
        blocks.add(found[0])
    assert len(blocks) == 1
    assert json.loads(blocks.pop()) == expected


def test_committed_search_words_schema_is_the_one_the_model_writes():
    committed = json.loads((DOCS / search_words.SCHEMA).read_text(encoding="utf-8"))
    assert committed == search_words.json_schema(), "run: .venv/bin/python -m scripts.content.search_words schema"


@pytest.mark.parametrize("change, message", [
    (("    - he hit*\n", "    - He hit*\n"), "line {line}, safety_card/signs/15: 'He hit*' is not allowed here; use one to five words in lower case"),
    (("    - cant go on\n", "    - can't go on\n"), "without apostrophes (cant, wont)"),
    (("    - eggshells\n", "    - eggshells\n    - eggshells\n"), "lists the sign 'eggshells' twice; keep one"),
    (("  hubby: [husband]\n", "  hubby: husband\n"), "synonyms/hubby: must be a list"),
])
def test_a_bad_search_words_file_is_refused_naming_the_file_and_line(tmp_path, change, message):
    text = (DOCS / search_words.DATA).read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "_data").mkdir()
    (tmp_path / search_words.DATA).write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        search_words.load_search_words(tmp_path)
    line = text[:text.index(change[0])].count("\n") + 1
    assert "search-words.yml: line " in str(error.value)
    assert message.format(line=line) in str(error.value), str(error.value)


def test_every_synonym_in_the_data_has_a_query_that_needs_it():
    queries = load_queries()
    assert set(queries.synonyms) == set(load_search_words(DOCS).synonyms)
    for word, item in queries.synonyms.items():
        assert word in item.query.lower().split(), (word, item.query)


# Open on Get help now and Safety first, folded (with links to the answers) on topic pages.
QUESTION_BOX = re.compile(r'<(div class="admonition question"|details class="question")>(.*?)</(?:div|details)>', re.S)


def test_the_questions_pages_answer_show_the_card_only_when_they_ask_about_safety(searcher, site_url, built_site):
    """Every "Questions this page answers" line on a topic page or a tree's start page is a reader's
    question in her words: a false alarm there is one a reader would meet."""
    questions = []
    for page in [*built_site.glob("topics/*/index.html"), *built_site.glob("decide/*/index.html")]:
        for _, box in QUESTION_BOX.findall(page.read_text(encoding="utf-8")):
            questions += [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", box, re.S)]
    assert len(questions) >= 100
    found = run_queries(searcher, questions, site_url, search=False)
    carded = [question for question, item in zip(questions, found) if item.card]
    assert [question for question in carded if "safe" not in question.lower()] == []
    assert carded  # "When is couples counselling not safe?"


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
