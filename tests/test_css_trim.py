"""Trimming Material's stylesheets to what the site uses, and putting into each page the rules its
elements and scripts can use (scripts/output/css_trim.py, run by scripts/plugin/assets.py after every build)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import material
import pytest

from scripts.output.css_trim import parse, rules_for, trim, words
from scripts.output.output_policy import sha256
from scripts.measure.page_weight import page_types

ICON = "url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")"


def test_a_selector_needing_a_class_no_page_or_script_has_is_dropped():
    used = words(['<div class="md-nav used">'], ['el.className = "md-search-result__item"'])
    css = ".md-nav{a:1}.md-tooltip{b:2}.md-nav .unused,.used{c:3}.md-search-result__item{d:4}"
    assert trim([css], used) == [".md-nav{a:1}.used{c:3}.md-search-result__item{d:4}"]


def test_a_class_of_a_feature_left_off_counts_only_when_a_page_has_it():
    bundle = 'x("div", {class: "md-tooltip"}); y("md-code__button"); z("md-nav")'
    css = ".md-tooltip{a:1}.md-code__button{b:2}.md-nav{c:3}"
    assert trim([css], words([], [bundle], unused_in_scripts=("md-tooltip", "md-code__"))) == [".md-nav{c:3}"]
    used = words(['<button class="md-code__button">'], [bundle], unused_in_scripts=("md-tooltip", "md-code__"))
    assert trim([css], used) == [".md-code__button{b:2}.md-nav{c:3}"]


def test_page_text_is_not_a_class_but_attribute_values_are():
    used = words(['<p title="a tip">note</p><body data-md-color-scheme="slate">'], [])
    css = ".admonition.note{a:1}.admonition.tip{b:2}[data-md-color-scheme=slate]{c:3}[data-md-color-scheme=red]{d:4}"
    assert trim([css], used | {"admonition"}) == [".admonition.tip{b:2}[data-md-color-scheme=slate]{c:3}"]


def test_classes_a_selector_can_match_without_count_as_not_needed():
    css = ".md-nav:not(.unused){a:1}:is(.unused,.md-nav) a{b:2}.md-tag--chosen{c:3}"
    assert trim([css], {"md-nav"}) == [css]


def test_media_blocks_are_trimmed_and_dropped_when_empty_other_at_rules_kept():
    css = "@media screen{.gone{a:1}}@media print{.kept{b:2}.gone{c:3}}@keyframes spin{0%{d:4}}@charset \"UTF-8\";"
    assert trim([css], {"kept"}) == ['@media print{.kept{b:2}}@keyframes spin{0%{d:4}}@charset "UTF-8";']


def test_custom_properties_nobody_reads_go_and_those_read_through_others_stay():
    main = f":root{{--icon-note:{ICON};--icon-bug:{ICON};--hue:225}}.note{{mask-image:var(--icon-note)}}"
    palette = "[data-scheme=slate]{--fg:hsla(var(--hue),15%,90%);--unused:1}"
    own = "body{color:var(--fg)}"
    assert trim([main, palette], {"note", "slate"}, [own]) == [
        f":root{{--icon-note:{ICON};--hue:225}}.note{{mask-image:var(--icon-note)}}",
        "[data-scheme=slate]{--fg:hsla(var(--hue),15%,90%)}",
    ]


def test_comments_go_and_an_apostrophe_in_one_opens_no_string():
    css = "/* Material's teal */ .kept{a:'/* not a comment */'} /* it's */ .gone{b:2}"
    assert rules_for(parse(css), {"kept"}) == ".kept{a:'/* not a comment */'}"


STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def test_each_page_carries_its_styles_and_links_no_stylesheet(built_site):
    """The first paint waits for no stylesheet: every page of the theme has its rules inline, in
    one <style> allowed by the page's policy, and no stylesheet file is left."""
    pages = {path: path.read_text(encoding="utf-8") for path in built_site.rglob("*.html")}
    themed = {path: html for path, html in pages.items() if "md-header" in html}
    assert len(themed) > 100 and (built_site / "404.html") in themed
    assert [path for path, html in themed.items() if len(STYLE.findall(html)) != 1] == []
    assert [path for path, html in themed.items() if f"style-src 'self' {sha256(STYLE.findall(html)[0])}" not in html] == []
    assert [path for path, html in themed.items() if 'rel="stylesheet"' in html] == []
    assert list(built_site.rglob("*.css")) == [] and not (built_site / "assets" / "stylesheets").exists()
    [css] = STYLE.findall(pages[built_site / "index.html"])
    # It is in the first page's HTML: that page and its styles come in the first round trips.
    assert len(gzip.compress(css.encode(), 6)) < 15_000
    assert ".md-typeset .admonition.bug" not in css  # no page has a "bug" box
    assert ".md-nav__link" in css and ".md-header" in css and ".md-search-result__item" in css
    assert ".tree-answers" not in css  # only the decision trees' pages have their answers
    step = built_site / page_types()["tree step"] / "index.html"
    assert ".tree-answers" in STYLE.findall(pages[step])[0]


MATERIAL = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


# Every element in document order, with its box and the computed styles that show, its own and
# those of its ::before and ::after (all 350-odd properties took ten seconds a page).
PROPERTIES = [
    "display", "position", "top", "left", "width", "height", "margin", "padding", "font-family",
    "font-size", "font-weight", "line-height", "color", "background-color", "background-image",
    "border", "border-radius", "box-shadow", "outline", "opacity", "visibility", "transform",
    "z-index", "overflow", "mask-image", "content", "text-decoration", "white-space", "cursor",
]
COMPUTED_STYLES = """properties => [...document.querySelectorAll('body, body *')].map(el => {
  const box = el.getBoundingClientRect();
  const out = [el.tagName, el.className, box.x, box.y, box.width, box.height];
  for (const pseudo of [null, '::before', '::after']) {
    const style = getComputedStyle(el, pseudo);
    if (pseudo && style.content === 'none') continue;
    for (const name of properties) out.push(style.getPropertyValue(name));
  }
  return out.join('|');
})"""


def _styles(page, url: str, search: str | None) -> list[str]:
    page.goto(url)
    if search:
        page.locator(".md-search__input").fill(search)
        page.locator(".md-search-result__item").first.wait_for()
    # Opening search fades the overlay in: read the styles once no transition is running.
    page.wait_for_function("() => document.getAnimations().length === 0")
    return page.evaluate(COMPUTED_STYLES, PROPERTIES)


WHOLE = {"main.css": next(MATERIAL.glob("main.*.min.css")), "palette.css": next(MATERIAL.glob("palette.*.min.css")),
         "site.css": Path(__file__).parent.parent / "overrides" / "assets" / "site.css"}


def _with_whole_stylesheets(route, site_url: str) -> None:
    """The page as built, but with Material's whole stylesheets and the site's in place of the
    rules put into it (served from this test's own addresses, which the page's policy allows)."""
    response = route.fetch()
    links = "".join(f'<link rel="stylesheet" href="{site_url}whole/{name}">' for name in WHOLE)
    route.fulfill(response=response, body=STYLE.sub(lambda _: links, response.text(), count=1))


@pytest.mark.parametrize("path, scheme, width, search", [
    ("topics/backing-off/", "dark", 390, None),
    ("", "light", 1366, "space"),
])
def test_every_element_looks_as_with_materials_whole_stylesheet(browser, site_url, path, scheme, width, search):
    """The same page, with the search results that scripts build, is styled exactly alike with
    the rules put into it and with Material's whole stylesheets and the site's."""
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    inline = _styles(page, site_url + path, search)
    page.route(site_url + path, lambda route: _with_whole_stylesheets(route, site_url))
    page.route(f"{site_url}whole/*", lambda route: route.fulfill(path=WHOLE[route.request.url.rsplit("/", 1)[1]]))
    whole = _styles(page, site_url + path, search)
    assert page.locator("link[href$='whole/site.css']").count() == 1
    context.close()
    assert len(inline) == len(whole) and len(inline) > 100
    assert [a for a, b in zip(inline, whole) if a != b] == []
