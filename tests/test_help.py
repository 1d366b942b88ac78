"""Get help now: the helpline data, the page built from it, and a help link one tap away everywhere."""

from __future__ import annotations

import json
import posixpath
import re
from html import escape
from pathlib import Path

import pytest

from conftest import ROOT, follow
from scripts.helplines import KINDS, SCHEMA, json_schema, load_helplines
from scripts.yaml_data import DataError

DOCS = ROOT / "docs"
# The list: these must each have an emergency number, a domestic abuse line and a crisis line.
COUNTRIES_IN_FULL = ["us", "uk", "canada", "australia", "ireland"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def helplines():
    return load_helplines(DOCS)


@pytest.fixture(scope="module")
def help_page(built_site) -> str:
    return (built_site / "help" / "index.html").read_text(encoding="utf-8")


def test_committed_schema_is_the_one_the_model_writes():
    committed = json.loads((DOCS / SCHEMA).read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: .venv/bin/python -m scripts.helplines schema"


def test_each_country_has_every_kind_of_help(helplines):
    kinds = {country.id: {service.kind for service in country.services} for country in helplines.countries}
    for country in COUNTRIES_IN_FULL:
        assert kinds[country] == set(KINDS), country
    assert "emergency" in kinds["eu"]


@pytest.mark.parametrize("yaml_text, where, words", [
    ("countries:\n  - id: uk\n    name: UK\n    services:\n      - kind: emergency\n        name: Police\n"
     "        call: nine-nine-nine\n        sources: []\n",
     "countries/0/services/0/call", "digits, spaces and dashes"),
    ("countries:\n  - id: uk\n    name: UK\n    services:\n      - kind: domestic abuse\n        name: Helpline\n"
     "        call: 0808 2000 247\n"
     "        sources:\n          - {organisation: A, title: B, url: 'https://a.example/', checked: 2026-11-30}\n",
     "countries/0", "needs an emergency number to call"),
    ("countries:\n  - id: uk\n    name: UK\n    services:\n      - kind: emergency\n        name: Police\n"
     "        call: '999'\n        sources:\n          - {organisation: A, title: B, url: 'http://a.example/', checked: 2026-11-30}\n",
     "sources/0/url", "a full https:// address"),
    ("countries:\n  - id: uk\n    name: UK\n    services:\n      - kind: emergency\n        name: Police\n"
     "        sources:\n          - {organisation: A, title: B, url: 'https://a.example/', checked: 2026-11-30}\n",
     "countries/0/services/0", "at least one way to reach the service"),
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
    for country in helplines.countries:
        assert f'id="{country.id}"' in help_page
        for service in country.services:
            if service.call:
                assert f'href="{service.call_href}"' in help_page, service.name
            if service.text:
                assert f'href="{service.text.href}"' in help_page, service.name
            for source in service.sources:
                assert f'href="{escape(source.url)}"' in help_page, source.url
                assert source.checked.strftime("%-d %B %Y") in help_page


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
    for page in built_site.rglob("*.html"):
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
