"""Static scans of every built page: fast, so they cover every page however many there are, while
the browser tests open one page of each type (PAGE_TYPES in helpers.py).

What axe and the per-page browser tests would find in the structure of a page is checked here for
all of them: links and resources that resolve, one h1 and headings in order, a language and a
title, unique ids, names for images, links and buttons, nothing loaded from another host.
"""

from __future__ import annotations

import pytest

from helpers import OFFLINE_COPIES, PAGE_TYPES, Scan, broken_links, offsite_loads, page_type, scan_site

@pytest.fixture(scope="module")
def scans(built_site) -> dict[str, Scan]:
    return scan_site(built_site)


def test_every_page_is_of_a_type_the_browser_tests_open(scans):
    types = {page_type(path, page.html) for path, page in scans.items()}
    assert types - set(PAGE_TYPES) == set(), "add a page of this type to PAGE_TYPES in tests/helpers.py"
    assert {page_type(path, scans[path].html) for path in PAGE_TYPES.values()} == set(PAGE_TYPES)


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


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site, scans):
    offsite = offsite_loads(built_site, scans)
    assert offsite == [], offsite[:20]


def test_the_scans_catch_planted_mistakes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<html><title>A</title><article><h1 id="x">A</h1><h3 id="x">Skip</h3>'
        '<a href="../b/">gone</a><a href="#nowhere">here</a><a href="../a/"><img src="i.png"></a>'
        '<button></button><script src="https://cdn.example/x.js"></script></article></html>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<style>p { background: url("//x.example/p.png") }</style>', encoding="utf-8")
    page = scan_site(tmp_path)["a/"]
    assert page.lang is None and page.ids == ["x", "x"] and page.headings == [1, 3]
    assert len(page.unnamed) == 3  # the image without alt, so the link it is in, and the button
    assert broken_links(tmp_path, {"a/": page}) == [
        "/a/index.html: <a> ../b/ (no file)", "/a/index.html: <a> #nowhere (no id 'nowhere')",
        "/a/index.html: <img> i.png (no file)"]
    (tmp_path / "a" / "site.css").write_text("@import '//fonts.example/f.css'; b { background: url(https://x.example/i.png) }")
    assert offsite_loads(tmp_path, {"a/": page}) == [
        "/a/: <script> https://cdn.example/x.js", "a/site.css: https://x.example/i.png", "a/site.css: @import //fonts.example/f.css",
        "b.html <style>: //x.example/p.png"]
