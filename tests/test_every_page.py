"""Static scans of every built page: fast, so they cover every page however many there are, while
the browser tests open one page of each type (site_pages.py).

What axe and the per-page browser tests would find in the structure of a page is checked here for
all of them: links and resources that resolve, one h1 and headings in order, a language and a
title, unique ids, names for images, links and buttons, nothing loaded from another host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.offline.copies import FILE_PUBLISHED_AT, ZIP_PUBLISHED_AT
from scripts.output.site_links import LINK_ATTRIBUTES, dead_links
from site_pages import PAGE_TYPES, page_file, page_paths, page_type

OFFLINE_COPIES = (str(FILE_PUBLISHED_AT), str(ZIP_PUBLISHED_AT))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


@dataclass
class Scan:
    """What the checks below need from one page, read in one pass."""

    html: str
    lang: str | None = None
    title: str = ""
    ids: list[str] = field(default_factory=list)
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, address, rel)
    headings: list[int] = field(default_factory=list)  # levels inside <article>, in order
    unnamed: list[str] = field(default_factory=list)  # images, links and buttons without a name


class _Scanner(HTMLParser):
    def __init__(self, scan: Scan):
        super().__init__(convert_charrefs=True)
        self.scan = scan
        self.open: list[Element] = []  # links and buttons being read, for their names
        self.in_title = False
        self.article_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        scan = self.scan
        if tag == "html":
            scan.lang = attrs.get("lang")
        self.in_title = tag == "title" and not scan.title
        if "id" in attrs:
            scan.ids.append(attrs["id"])
        if tag in LINK_ATTRIBUTES and LINK_ATTRIBUTES[tag] in attrs:
            scan.urls.append((tag, attrs[LINK_ATTRIBUTES[tag]], attrs.get("rel", "")))
        if tag == "article":
            self.article_depth += 1
        if self.article_depth and re.fullmatch(r"h[1-6]", tag):
            scan.headings.append(int(tag[1]))
        named = attrs.get("aria-label") or attrs.get("title") or attrs.get("aria-labelledby")
        if tag == "img":
            if "alt" not in attrs:
                scan.unnamed.append(f"<img src={attrs.get('src')!r}> has no alt")
            for element in self.open:
                element.text.append(attrs.get("alt", ""))
        elif tag in ("a", "button") and tag not in VOID and not named and ("href" in attrs or tag == "button"):
            self.open.append(Element(tag, attrs))
        elif tag in ("a", "button"):
            self.open.append(Element(tag, attrs, ["(named)"]))

    def handle_endtag(self, tag):
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag in ("a", "button") and self.open:
            element = self.open.pop()
            if not "".join(element.text).strip():
                self.scan.unnamed.append(f"<{element.tag} {element.attrs}> has no name")

    def handle_data(self, data):
        if self.in_title:
            self.scan.title += data
        for element in self.open:
            element.text.append(data)


def scan(html: str) -> Scan:
    result = Scan(html)
    _Scanner(result).feed(html)
    return result


def scan_site(site: Path) -> dict[str, Scan]:
    return {path: scan(page_file(site, path).read_text(encoding="utf-8")) for path in page_paths(site)}


@pytest.fixture(scope="module")
def scans(built_site) -> dict[str, Scan]:
    return scan_site(built_site)


def test_every_page_is_of_a_type_the_browser_tests_open(scans):
    types = {page_type(path, page.html) for path, page in scans.items()}
    assert types - set(PAGE_TYPES) == set(), "add a page of this type to PAGE_TYPES in tests/site_pages.py"
    assert {page_type(path, scans[path].html) for path in PAGE_TYPES.values()} == set(PAGE_TYPES)


def broken_links(site: Path, scans: dict[str, Scan], prefix: str = "/") -> list[str]:
    """Addresses between pages, stylesheets, scripts and images that name no file, and #parts
    that name no id on their page (scripts/output/site_links.py: the check every build runs).
    `prefix`: the path the site is served under."""
    return dead_links(site, {page_file(site, path).relative_to(site).as_posix(): page for path, page in scans.items()},
                      prefix)


def test_every_link_and_resource_on_every_page_resolves(built_site, scans):
    """The footer's links to the offline copies included: every build that publishes holds them."""
    broken = broken_links(built_site, scans)
    assert broken == [], "\n".join(broken[:20])
    not_offering = [path for path, page in scans.items()
                    if {copy for copy in OFFLINE_COPIES for tag, address, _ in page.urls
                        if tag == "a" and address.endswith(copy)} != set(OFFLINE_COPIES)]
    assert not_offering == [], not_offering[:10]


def test_every_page_has_one_h1_and_headings_in_order(scans):
    problems = []
    for path, page in scans.items():
        levels = page.headings
        if levels.count(1) != 1 or levels[:1] != [1]:
            problems.append(f"/{path}: headings {levels[:8]}: one h1, first")
        skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if skips:
            problems.append(f"/{path}: a heading level is skipped: {skips}")
    assert problems == [], "\n".join(problems)


def test_every_page_has_a_language_a_title_and_unique_ids(scans):
    for path, page in scans.items():
        assert page.lang == "en", path
        assert page.title.strip(), path
        duplicates = {name for name in page.ids if page.ids.count(name) > 1}
        assert not duplicates, f"/{path}: ids used twice: {sorted(duplicates)}"


def test_every_image_link_and_button_has_a_name(scans):
    unnamed = [f"/{path}: {problem}" for path, page in scans.items() for problem in page.unnamed]
    assert unnamed == [], "\n".join(unnamed[:20])


def offsite_loads(site: Path, scans: dict[str, Scan]) -> list[str]:
    """Addresses on another host that a page or stylesheet loads by itself (not links a reader
    follows). <link rel="canonical"> names the page's public address; it loads nothing."""
    offsite = [f"/{path}: <{tag}> {address}" for path, page in scans.items() for tag, address, rel in page.urls
               if tag != "a" and rel != "canonical" and urlsplit(address).netloc]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        offsite += [f"{css.relative_to(site)}: {url}" for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text)]
        offsite += [f"{css.relative_to(site)}: @import {url}" for url in re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", text)]
    return offsite


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site, scans):
    offsite = offsite_loads(built_site, scans)
    assert offsite == [], offsite[:20]


def test_the_scans_catch_planted_mistakes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<html><title>A</title><article><h1 id="x">A</h1><h3 id="x">Skip</h3>'
        '<a href="../b/">gone</a><a href="#nowhere">here</a><a href="../a/"><img src="i.png"></a>'
        '<button></button><script src="https://cdn.example/x.js"></script></article></html>', encoding="utf-8")
    page = scan_site(tmp_path)["a/"]
    assert page.lang is None and page.ids == ["x", "x"] and page.headings == [1, 3]
    assert len(page.unnamed) == 3  # the image without alt, so the link it is in, and the button
    assert broken_links(tmp_path, {"a/": page}) == [
        "/a/index.html: <a> ../b/ (no file)", "/a/index.html: <a> #nowhere (no id 'nowhere')",
        "/a/index.html: <img> i.png (no file)"]
    (tmp_path / "a" / "site.css").write_text("@import '//fonts.example/f.css'; b { background: url(https://x.example/i.png) }")
    assert offsite_loads(tmp_path, {"a/": page}) == [
        "/a/: <script> https://cdn.example/x.js", "a/site.css: https://x.example/i.png", "a/site.css: @import //fonts.example/f.css"]
