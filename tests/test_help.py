"""Get help now: the helpline data, the page built from it, and a help link one tap away everywhere."""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from pathlib import Path

import pytest

from helpers import ROOT, follow, page_files
from scripts.content.helplines import SCHEMA, json_schema, load_helplines
from scripts.content.yaml_data import DataError

DOCS = ROOT / "docs"
# The issues' lists: these must each have an emergency number, a domestic abuse line and a crisis line.
COUNTRIES_IN_FULL = ["us", "uk", "canada", "australia", "new-zealand", "ireland"]
IN_FULL = {"emergency", "domestic abuse", "suicide and crisis"}
UK_NATIONS = {"England", "Wales", "Scotland", "Northern Ireland"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# Where the steps are that clear a call log, a messages thread and the browser's history.
TRACKS = "#cover-your-tracks"


@pytest.fixture(scope="module")
def helplines():
    return load_helplines(DOCS)


@pytest.fixture(scope="module")
def help_page(built_site) -> str:
    return (built_site / "help" / "index.html").read_text(encoding="utf-8")


def test_committed_schema_is_the_one_the_model_writes():
    committed = json.loads((DOCS / SCHEMA).read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: .venv/bin/python -m scripts.content.helplines schema"


def test_each_country_has_every_kind_of_help(helplines):
    kinds = {country.id: {service.kind for service in country.services} for country in helplines.countries}
    for country in COUNTRIES_IN_FULL:
        assert IN_FULL <= kinds[country], country
    uk = next(country for country in helplines.countries if country.id == "uk")
    assert {service.area for service in uk.of_kind("domestic abuse")} == UK_NATIONS
    assert {"emergency", "victims of crime", "suicide and crisis"} <= kinds["eu"]
    assert all(service.finder for service in helplines.elsewhere.services), "other countries: a directory"


def test_a_region_listed_under_two_countries_is_refused(tmp_path):
    text = (DOCS / "_data" / "helplines.yml").read_text(encoding="utf-8").replace("regions: [AU]", "regions: [AU, NZ]")
    (tmp_path / "_data").mkdir()
    (tmp_path / "_data" / "helplines.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_helplines(tmp_path)
    assert "listed twice: NZ" in str(raised.value)


SOURCE = "{organisation: A, title: B, url: 'https://a.example/', checked: 2026-11-30, kind: service}"
ELSEWHERE = ("elsewhere:\n  name: Anywhere\n  services:\n    - kind: suicide and crisis\n      name: A directory\n"
             "      finder: https://a.example/\n      sources:\n        - " + SOURCE + "\n")


def one_country(service: str) -> str:
    """A helplines file with one country, whose one service is given, and a directory elsewhere."""
    return "countries:\n  - id: uk\n    name: UK\n    regions: [GB]\n    services:\n" + service + ELSEWHERE


@pytest.mark.parametrize("yaml_text, where, words", [
    (one_country("      - kind: emergency\n        name: Police\n        call: nine-nine-nine\n        sources: []\n"),
     "countries/0/services/0/call", "digits, spaces and dashes"),
    (one_country("      - kind: domestic abuse\n        name: Helpline\n        call: 0808 2000 247\n"
                 "        sources:\n          - " + SOURCE + "\n"),
     "countries/0", "needs an emergency number to call"),
    (one_country("      - kind: emergency\n        name: Police\n        call: '999'\n        sources:\n"
                 "          - " + SOURCE.replace("https:", "http:") + "\n"),
     "sources/0/url", "a full https:// address"),
    (one_country("      - kind: emergency\n        name: Police\n        sources:\n          - " + SOURCE + "\n"),
     "countries/0/services/0", "at least one way to reach the service"),
    (one_country("      - kind: emergency\n        name: Police\n        call: '999'\n        sources:\n"
                 "          - " + SOURCE.replace("kind: service", "kind: blog") + "\n"),
     "sources/0/kind", "'service', 'government', 'health service' or 'secondary'"),
])
def test_bad_helpline_data_names_the_file_and_the_place_in_words(tmp_path, yaml_text, where, words):
    data = tmp_path / "_data"
    data.mkdir()
    (data / "helplines.yml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_helplines(tmp_path)
    message = str(raised.value)
    assert "helplines.yml" in message and where in message and words in message, message
    assert "^" not in message, "an editor should see what is allowed in words, not a pattern"


def test_help_page_shows_every_number_as_a_link_with_its_source(helplines, help_page):
    only_secondary = 0
    for country in helplines.countries + [helplines.elsewhere]:
        assert f'id="{country.id}"' in help_page
        for service in country.services:
            if service.call:
                assert f'href="{service.call_href}"' in help_page, service.name
            if service.text:
                assert f'href="{service.text.href}"' in help_page, service.name
            for source in service.sources:
                assert f'href="{escape(source.url)}"' in help_page, source.url
                assert source.checked.strftime("%-d %B %Y") in help_page
            only_secondary += service.only_secondary_sources
    # A number found only on a secondary page says so, beside it.
    assert only_secondary and help_page.count('class="helpline__secondary"') == only_secondary


def test_a_text_button_only_where_the_service_takes_texts(helplines, built_site):
    texts = {service.text.href for country in helplines.countries + [helplines.elsewhere]
             for service in country.services if service.text}
    for page in page_files(built_site):
        for href in re.findall(r'href="(sms:[^"]*)"', page.read_text(encoding="utf-8")):
            assert href in texts, (page, href)


# Where a page's numbers sit: the help page's emergency box and services, and the help cards.
CONTAINER = re.compile(r'<div class="(help-now|helpline|help-card)"')


def test_every_call_and_text_button_says_what_it_leaves_on_the_phone(built_site):
    """Beside each call or text button, in the same box: a line that it shows in the call log or
    messages, linking to the steps that clear them."""
    buttons = 0
    for page in page_files(built_site):
        html = page.read_text(encoding="utf-8")
        starts = [match.start() for match in CONTAINER.finditer(html)] + [len(html)]
        for button in re.finditer(r'href="(tel|sms):', html):
            buttons += 1
            start = max((at for at in starts if at < button.start()), default=None)
            assert start is not None, (page, "a number outside a help box", html[button.start():button.start() + 80])
            box = html[start:min(at for at in starts if at > button.start())]
            trace = re.search(r'<p class="help-trace">([^<]*)<a href="([^"]*)"', box)
            assert trace, (page, box[:300])
            words = "call log" if button.group(1) == "tel" else "messages"
            assert words in trace.group(1), (page, trace.group(1))
            target, _, anchor = trace.group(2).partition("#")
            assert (page.parent / target).resolve() == (built_site / "safety").resolve(), (page, trace.group(2))
            assert "#" + anchor == TRACKS, (page, trace.group(2))
    assert buttons > 50


def test_no_country_specific_number_is_left_in_prose(helplines, built_site):
    """Numbers live in the helplines data, shown by country: never written into a page's text."""
    numbers = {service.call for country in helplines.countries for service in country.services if service.call}
    numbers |= {service.text.number for country in helplines.countries for service in country.services if service.text}
    written = re.compile("|".join(
        # Not part of a longer figure, such as 1,000 or 2.5.
        r"(?<!\d)(?<!\d[.,])" + r"[ -]?".join(re.escape(digit) for digit in re.sub(r"\D", "", number)) + r"(?!\d|[.,]\d)"
        for number in sorted(numbers, key=len, reverse=True)))
    # The boxes that show numbers from the data, and the titles of cited pages (a service's name).
    shown = re.compile(r'<div class="help-now".*?</ul>|<aside class="help-cards".*?</aside>'
                       r'|<section class="helplines.*?</section>|<a href="https://[^"]*"[^>]*>.*?</a>', re.S)
    # The Sources page lists the titles of the pages cited, as headings: a service's name is no advice.
    for page in set(page_files(built_site)) - {built_site / "sources" / "index.html"}:
        article = page.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        prose = re.sub(r"<[^>]+>", " ", shown.sub("", article))
        found = written.search(prose)
        assert not found, (page, prose[max(found.start() - 60, 0):found.end() + 20])


def test_the_emergency_numbers_come_first_on_the_page(help_page):
    main = help_page.split('<article', 1)[1]
    assert main.index('class="help-now"') < main.index("<p>")


def leads_to_help(page: Path, site: Path, href: str) -> bool:
    """Whether a link on a built page resolves to the help page."""
    return (page.parent / href).resolve() == (site / "help").resolve()


def test_every_page_offers_help_beside_the_quick_exit_and_in_the_footer(built_site):
    banner = re.compile(r'<aside class="md-banner">(.*?)</aside>', re.S)
    banner_help = re.compile(r'class="safety-line__help" href="([^"]*)"')
    footer_help = re.compile(r'<p class="footer-help">.*?href="([^"]*)"', re.S)
    for page in page_files(built_site):
        if page.name == "404.html":
            continue  # served at any address, so its links are absolute: checked on its own below
        html = page.read_text(encoding="utf-8")
        top = banner.search(html)
        assert top and "data-quick-exit" in top.group(1), page
        assert leads_to_help(page, built_site, banner_help.search(top.group(1)).group(1)), page
        footer = html.split('class="md-footer', 1)[1]
        assert leads_to_help(page, built_site, footer_help.search(footer).group(1)), page


def test_tree_start_pages_and_the_safety_page_link_straight_to_help(built_site):
    starts = [path for path in (built_site / "decide").glob("*/index.html")]
    assert starts
    for page in starts + [built_site / "safety" / "index.html"]:
        article = page.read_text(encoding="utf-8").split("<article", 1)[1]
        assert re.search(r'href="(\.\./)+help/"', article), page


def test_the_404_page_offers_ways_on(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1]
    links = {posixpath.normpath(href) for href in re.findall(r'<a href="([^"]+)"', article)}
    for target in ("/help", "/decide", "/safety", "/"):
        assert target in links, (target, links)
    assert 'for="__search"' in article
    assert 'class="safety-line__help" href="/help/"' in html and "data-quick-exit" in html


def test_on_a_phone_the_numbers_are_on_the_first_screen_and_easy_to_tap(reader_tab, site_url):
    page = reader_tab(PHONE)
    page.goto(site_url)
    follow(page.locator(".safety-line__help"))
    assert page.url.endswith("/help/")
    calls = page.locator(".help-now .help-call")
    assert calls.count() >= 4
    for index in range(calls.count()):
        box = calls.nth(index).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], "every emergency number shows without scrolling"
        assert box["height"] >= 44 and box["width"] >= 44
    assert calls.first.get_attribute("href").startswith("tel:")


# Pages that talk about nights, crisis, children at risk or control over money, and how many numbers
# each must offer to tap in her own country's card (JavaScript on, Chromium's en-US).
NUMBERS_ON = {"topics/first-days/": 2, "topics/children/": 1, "safety/": 2, "topics/money-home-law/": 1}
CARDS = "article [data-help-cards]"


@pytest.mark.parametrize("screen, paths", [(PHONE, list(NUMBERS_ON)), (DESKTOP, ["safety/"])], ids=["phone", "desktop"])
def test_pages_about_nights_crisis_children_and_money_offer_numbers_to_tap(reader_tab, site_url, screen, paths):
    page = reader_tab(screen)
    for path in paths:
        least = NUMBERS_ON[path]
        page.goto(site_url + path)
        cards = page.locator(CARDS)
        assert cards.locator(".help-card:visible").count() == 1, f"{path}: her country's card alone"
        assert cards.locator(".help-cards__picker:visible").inner_text().startswith("Not in the United States?")
        tappable = cards.locator("a[href^='tel:']:visible, a[href^='sms:']:visible")
        assert tappable.count() >= least, path
        for index in range(tappable.count()):
            box = tappable.nth(index).bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, (path, box)


def test_without_javascript_every_country_shows(reader_tab, site_url, helplines):
    page = reader_tab(PHONE, javascript=False)
    for path in ("topics/first-days/", "help/"):
        page.goto(site_url + path)
        cards = page.locator(CARDS)
        assert cards.locator(".help-card:visible").count() == len(helplines.countries) + 1, path
        assert cards.locator(".help-cards__picker:visible").count() == 0, path


# Which card shows first, and its "Not in ...?" line, for the languages a browser may report.
LANGUAGES = [(["en-GB", "en"], "uk", "the United Kingdom"), (["fr-FR", "fr"], "eu", "the EU"),
             (["mi-NZ", "en-NZ"], "new-zealand", "New Zealand")]


def test_her_country_comes_first_from_her_browsers_language_and_she_can_choose_another(browser, site_url):
    """Picked on the device: nothing is stored and nothing is requested, before or after a choice.
    A browser whose languages name no region the site knows shows every country."""
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for languages, country, name in LANGUAGES + [(["en"], None, None)]:
        page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {languages!r}, configurable: true}})")
        page.goto(site_url + "topics/first-days/")
        cards = page.locator(CARDS)
        if country is None:
            assert cards.locator(".help-card:visible").count() == cards.locator(".help-card").count()
            assert cards.locator(".help-cards__picker:visible").count() == 0
            continue
        assert cards.locator(".help-card:visible").get_attribute("data-id") == country, languages
        assert cards.locator(".help-card").first.get_attribute("data-id") == country, "hers comes first"
        assert cards.locator(".help-cards__picker label").inner_text() == f"Not in {name}? Choose your country"
    page.add_init_script("Object.defineProperty(navigator, 'languages', {get: () => ['en-GB'], configurable: true})")
    page.goto(site_url + "help/")
    assert page.locator(".help-now__numbers li").first.inner_text().startswith("Call 999")
    assert page.locator("section.help-card:visible").get_attribute("id") == "uk"
    asked = len(requests)
    page.locator("article [data-help-picker]").select_option("new-zealand")
    shown = page.locator("section.help-card:visible")
    assert shown.get_attribute("id") == "new-zealand" and "Call 1737" in shown.inner_text()
    assert page.locator(".help-cards__picker label").inner_text().startswith("Not in New Zealand?")
    assert len(requests) == asked, requests[asked:]
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    context.close()


def test_the_cover_your_tracks_steps_cover_each_phone_and_what_each_change_could_show(built_site):
    safety = (built_site / "safety" / "index.html").read_text(encoding="utf-8")
    tracks = safety.split('id="cover-your-tracks"', 1)[1].split('id="this-is-not-professional-advice"', 1)[0]
    text = re.sub(r"<[^>]+>", "", tracks)
    for section in ("open-a-private-window", "delete-this-site-from-your-history"):
        steps = tracks.split(f'id="{section}"', 1)[1].split("<h3", 1)[0]
        for device in ("iPhone (Safari)", "Android (Chrome)", "Android (Samsung Internet)", "Computer"):
            assert device in steps, (section, device)
    for section in ("before-you-change-a-setting", "calls-and-texts", "location-sharing"):
        assert f'id="{section}"' in tracks, section
    for words in ("call log", "messages", "private window", "does not clear your history"):
        assert words in text, words
