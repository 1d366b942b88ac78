"""Reader features: related pages, backlinks, reading time, edit links, glossary tooltips, the quick
exit and print.

Related pages and backlinks are checked against a link graph this file builds on its own, from the
links in the built pages' text (and, for decision-tree outcomes, from the tree YAML), and against
tags read from the Markdown front matter.
"""

from __future__ import annotations

import html as html_lib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

from helpers import NEUTRAL, ROOT, guard_requests, make_fixture_site, mkdocs_build, page_files
from scripts.content.glossary import SCHEMA, json_schema, load_glossary
from scripts.content.pages import front_matter
from scripts.plugin.reader_extension import ReaderExtension
from scripts.checks.site_config import read_settings
from scripts.tree_engine import Outcome, load_trees

DOCS = ROOT / "docs"
CONFIG = read_settings(ROOT / "mkdocs.yml")
TREES = load_trees(DOCS)
TOPICS = sorted(f"topics/{path.stem}/" for path in (DOCS / "topics").glob("*.md"))
TAGS_PAGE = "tags/"  # a tags listing links to every tagged page: not counted as a backlink
DESKTOP = {"width": 1280, "height": 800}
GLOSSARY = load_glossary(DOCS)
# Every way a term is found in a page, mapped to its entry.
GLOSSARY_TERMS = {form: entry for entry in GLOSSARY.entries for form in entry.forms}


# -- Reading the built site ----------------------------------------------------------------------


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Article(HTMLParser):
    """The links and text of a page's <article>, leaving out the reader sections under test."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skip = 0  # inside a part this file does not count
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in VOID:
            return
        # Help cards are numbers to tap, not reading: the reading time leaves them out too.
        if self.skip or {"reader-links", "reader-reading-time", "help-cards"} & set(classes):
            self.skip += 1
        elif tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.skip:
            self.skip -= 1
        elif tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.text.append(data)


def resolve(page: str, href: str) -> str | None:
    """A link in the page at `page` (say `topics/patience/`) as a page path, or None if off-site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = posixpath.normpath(posixpath.join("/" + page, parts.path)).lstrip("/")
    return "" if path in ("", ".") else path + "/"


def built_pages(site: Path) -> dict[str, str]:
    pages = {}
    for html in site.rglob("index.html"):
        rel = html.parent.relative_to(site).as_posix()
        pages["" if rel == "." else rel + "/"] = html.read_text(encoding="utf-8")
    return pages


@pytest.fixture(scope="module")
def site(built_site) -> dict[str, str]:
    return built_pages(built_site)


@pytest.fixture(scope="module")
def graph(site) -> dict[str, set[str]]:
    """Which page's text links to which other page."""
    links = {}
    for path, html in site.items():
        article = Article()
        article.feed(html)
        links[path] = {target for href in article.hrefs
                       if (target := resolve(path, href)) in site and target != path}
    return links


def canonical_path(html: str) -> str:
    """The site path of the page a page names as canonical."""
    return urlsplit(re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)).path.lstrip("/")


def section(html: str, name: str) -> str:
    match = re.search(rf'<nav class="reader-links {name}".*?</nav>', html, re.S)
    return match.group(0) if match else ""


def hrefs(fragment: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', fragment)


def tags(topic: str) -> set[str]:
    return set(front_matter(DOCS / (topic.rstrip("/") + ".md")).get("tags") or [])


def title(topic: str) -> str:
    return front_matter(DOCS / (topic.rstrip("/") + ".md"))["title"]


# -- Related pages and backlinks -----------------------------------------------------------------


def test_every_topic_page_and_no_other_page_has_related_pages(site):
    assert len(TOPICS) >= 2
    for path, html in site.items():
        assert bool(section(html, "reader-related")) == (path in TOPICS), path


@pytest.mark.parametrize("topic", TOPICS)
def test_related_pages_are_other_topics_that_share_a_tag_or_a_link(topic, site, graph):
    related = section(site[topic], "reader-related")
    shown = [resolve(topic, href) for href in hrefs(related)]
    assert 1 <= len(shown) <= 3 and len(set(shown)) == len(shown) and topic not in shown, shown
    for target in shown:
        assert target in TOPICS and (tags(topic) & tags(target) or target in graph[topic] or topic in graph[target]), target
        assert f">{title(target)}</a>" in html_lib.unescape(related)


# Topic pages of a small site, (title, tags, the topics it links to), and the related pages each
# should show, worked out by hand: a shared tag or a link either way scores 1; ties go to more
# links, then to the title; at most three; a topic that shares nothing shows none.
RANKED_TOPICS = {
    "alpha": ("Alpha", ["backing off", "patience"], ["bravo"]),
    "bravo": ("Bravo", ["backing off"], []),
    "charlie": ("Charlie", ["backing off", "patience"], []),
    "delta": ("Delta", ["trust"], []),
    "echo": ("Echo", ["patience"], ["alpha", "bravo"]),
    "foxtrot": ("Foxtrot", ["backing off", "patience"], []),
}
EXPECTED_RELATED = {
    # All score 2: Bravo and Echo by links (linked first, then by title), Charlie and Foxtrot by
    # two tags; three at most, so Foxtrot is left out.
    "alpha": ["Bravo", "Echo", "Charlie"],
    # Alpha 2 (a tag and its link); then three at 1: Echo's by a link comes first, then by title.
    "bravo": ["Alpha", "Echo", "Charlie"],
    # Two tags each beat one.
    "charlie": ["Alpha", "Foxtrot", "Bravo"],
    "delta": [],
    # Alpha 2 (a tag and a link); then three at 1: Bravo's by a link comes first, then by title.
    "echo": ["Alpha", "Bravo", "Charlie"],
    "foxtrot": ["Alpha", "Charlie", "Bravo"],
}


def test_related_pages_are_ranked_by_shared_tags_then_links_then_title(small_site):
    for name, expected in EXPECTED_RELATED.items():
        related = section((small_site / "topics" / name / "index.html").read_text(encoding="utf-8"), "reader-related")
        assert re.findall(r'<a href="[^"]*">([^<]*)</a>', related) == expected, name


@pytest.mark.parametrize("topic", TOPICS)
def test_backlinks_list_every_page_that_links_here(topic, site, graph):
    backlinks = section(site[topic], "reader-backlinks")
    pages_part, *tree_parts = backlinks.split('<p class="reader-backlinks__tree">')
    shown_pages = [resolve(topic, href) for href in hrefs(pages_part)]
    shown_outcomes = []
    for part in tree_parts:
        tree_link, *outcomes = [resolve(topic, href) for href in hrefs(part)]
        tree = next(tree for tree in TREES if tree_link == f"decide/{tree.id}/")
        assert f">{tree.title}</a>" in html_lib.unescape(part)
        for outcome in outcomes:
            node = outcome.split("/")[2]
            assert outcome.startswith(tree_link) and isinstance(tree.nodes[node], Outcome)
            assert f">{tree.nodes[node].outcome}</a>" in html_lib.unescape(part)
        shown_outcomes += outcomes

    # A shared outcome's later paths name its first path's page as canonical, and only that one counts.
    linking = {page for page, targets in graph.items()
               if topic in targets and page != TAGS_PAGE and canonical_path(site[page]) == page}
    from_trees = {page for page in linking if page.startswith("decide/")}
    assert set(shown_pages) == linking - from_trees
    assert len(shown_pages) == len(set(shown_pages))
    # The tree outcomes that link here are exactly those whose YAML lists this topic.
    assert set(shown_outcomes) == from_trees
    assert from_trees == {
        f"decide/{tree.id}/{node.id}/" for tree in TREES for node in tree.nodes.values()
        if isinstance(node, Outcome) and f"{topic.rstrip('/')}.md" in node.topics
    }


def test_backlinks_are_sorted_by_title(site):
    for topic in TOPICS:
        pages_part = section(site[topic], "reader-backlinks").split('<p class="reader-backlinks__tree">')[0]
        titles = [html_lib.unescape(t) for t in re.findall(r'<a href="[^"]*">([^<]*)</a>', pages_part)]
        assert titles == sorted(titles, key=str.casefold), topic


# -- Reading time and edit links -----------------------------------------------------------------


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_page_shows_its_reading_time_under_the_title(topic, site):
    html = site[topic]
    match = re.search(r'</h1>\s*<p class="reader-reading-time"[^>]*>About (\d+) minutes? to read</p>', html)
    assert match, "reading time missing or not right after the title"
    article = Article()
    article.feed(html)
    words = len(re.findall(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", " ".join(article.text)))
    assert abs(int(match.group(1)) - words / 200) <= 1
    assert ("minute to read" in match.group(0)) == (match.group(1) == "1")


def test_only_topic_pages_show_a_reading_time(site):
    for path, html in site.items():
        assert ('class="reader-reading-time"' in html) == (path in TOPICS), path


def test_topic_pages_footer_suggests_a_change_to_their_text_and_tree_pages_to_the_site(site):
    """No edit control beside the title (a stray tap opened the code host); the footer's "Suggest a
    change to this page" opens the page's text there, and a generated tree page, which has no text
    file, points to how to report a mistake."""
    edit_uri = CONFIG["edit_uri"]
    for topic in TOPICS:
        link = re.search(r'<a href="([^"]+)" rel="nofollow">Suggest a change to this page</a>', site[topic])
        assert link and link.group(1) == f"{edit_uri}{topic.rstrip('/')}.md", topic
    tree_pages = [path for path in site if path.startswith("decide/")]
    assert len(tree_pages) >= len(TREES) * 3
    for path in tree_pages:
        assert 'rel="edit"' not in site[path] and "Suggest a change to this page" not in site[path], path
        assert re.search(r'editorial/#report-a-mistake">Suggest a change</a>', site[path]), path


# -- Glossary tooltips ---------------------------------------------------------------------------


def test_committed_glossary_schema_is_the_one_the_model_writes():
    committed = json.loads((DOCS / SCHEMA).read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: .venv/bin/python -m scripts.content.glossary schema"


def test_glossary_terms_are_never_inside_headings_summaries_or_links(site):
    for path, html in site.items():
        for block in re.findall(r"<(h[1-6]|summary)\b.*?</\1>", html, re.S):
            assert "<abbr" not in block and "glossary-term" not in block, (path, block)
        for link in re.findall(r"<a\b[^>]*>.*?</a>", html, re.S):
            assert "<abbr" not in link, (path, link)


def test_the_glossary_page_shows_every_entry_from_the_data(site):
    # Terms in the meanings carry tooltips there too.
    page = html_lib.unescape(re.sub(r"</?abbr\b[^>]*>", "", site["glossary/"]))
    for entry in GLOSSARY.entries:
        assert re.search(rf'<h2 id="{entry.anchor}">{re.escape(entry.term)}<a class="headerlink"', page), entry.term
        assert f"<p>{entry.meaning} See " in page, entry.term


def test_first_use_of_each_term_links_to_its_glossary_entry_and_later_uses_stay_tooltips(site):
    assert 'class="glossary-term"' not in site["glossary/"]  # (its inline styles name the class)
    uses = re.compile(r'<a class="glossary-term" data-definition="([^"]*)" href="([^"]+)" title="([^"]*)">([^<]*)</a>'
                      r'|<abbr title="([^"]*)">([^<]*)</abbr>')
    linked_pages = 0
    for path, html in site.items():
        if path == "glossary/":
            continue
        linked = set()
        for data_definition, href, link_definition, link_term, abbr_definition, abbr_term in uses.findall(html):
            entry = GLOSSARY_TERMS[link_term or abbr_term]
            assert html_lib.unescape(link_definition or abbr_definition) == entry.tooltip, (path, entry.term)
            if href:
                assert data_definition == link_definition
                target = urlsplit(href)
                assert resolve(path, target.path) == "glossary/", (path, href)
                assert target.fragment == entry.anchor, (path, href)
                assert target.fragment not in linked, f"{path}: a second link for {entry.term!r}"
                linked.add(target.fragment)
            else:
                assert entry.anchor in linked, f"{path}: first use of {entry.term!r} is not a link"
        linked_pages += bool(linked)
    assert linked_pages >= len(TOPICS)


def convert(text: str, link_to: str = "glossary.md") -> tuple[str, dict]:
    """A page converted by Python-Markdown alone, with the extension and no MkDocs."""
    record: dict = {}
    extension = ReaderExtension(glossary=str(DOCS / "_data" / "glossary.yml"), link_to=link_to, record=record)
    html = markdown.markdown(text, extensions=["attr_list", "pymdownx.details", extension])
    return html, record


def test_the_extension_links_the_first_use_in_text_only_and_tooltips_later_ones():
    space = GLOSSARY_TERMS["space"].tooltip
    html, _ = convert("# Space\n\n??? note \"Why space helps\"\n    Inside.\n\n"
                      "See [space](x.md) and `space`. Give him space. Space, then more space.\n")
    assert "<h1>Space</h1>" in html and "<summary>Why space helps</summary>" in html
    assert '<a href="x.md">space</a>' in html and "<code>space</code>" in html
    assert (f'Give him <a class="glossary-term" data-definition="{space}" href="glossary.md#space" title="{space}">'
            f'space</a>. <abbr title="{space}">Space</abbr>, then more <abbr title="{space}">space</abbr>.') in html


def test_the_extension_finds_escaped_terms_and_on_the_glossary_page_links_none():
    html, _ = convert("Try no\\-contact, or *light contact*.\n", link_to="")
    assert "glossary-term" not in html
    assert '<abbr title="Cutting off all contact with him for a time.">no-contact</abbr>' in html
    assert '<em><abbr title="Keeping in touch in small, easy, friendly ways.">light contact</abbr></em>' in html


@pytest.mark.parametrize("words, minutes", [(10, 1), (299, 1), (300, 2), (1000, 5)])
def test_the_extension_counts_reading_time_from_the_text(words, minutes):
    _, record = convert("# Title\n\n" + "word " * (words - 1) + "\n\n<div>raw html is not counted</div>\n")
    assert record == {"reading_minutes": minutes}


FIXTURE_GLOSSARY = "---\ntitle: Glossary\n---\n\n# Glossary\n\n## Space\n\nTime apart.\n"
FIXTURE_HOME = ("---\ntitle: Home\n---\n\n# Home\n\n## Why space helps\n\nSee [space]({up}glossary.md).\n\n"
                "Give him space. Then more space.\n")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    """One small site built for what only a build shows: glossary links from pages at any depth,
    and the related pages of the topics in RANKED_TOPICS."""
    folder = tmp_path_factory.mktemp("small-site")
    topics = {f"topics/{name}.md": (f"---\ntitle: {page_title}\ndescription: A fixture topic page.\ntags: {page_tags}\n---\n\n"
                                    f"# {page_title}\n\nText." + "".join(f" See [{other}]({other}.md)." for other in links) + "\n")
              for name, (page_title, page_tags, links) in RANKED_TOPICS.items()}
    site = make_fixture_site(folder / "project", {"index.md": FIXTURE_HOME.format(up=""),
                                                  "more/deep/page.md": FIXTURE_HOME.format(up="../../"),
                                                  "glossary.md": FIXTURE_GLOSSARY, **topics})
    build = mkdocs_build(site, folder / "out")
    assert build.ok, build.log
    return build.site


def test_fixture_site_links_a_term_to_the_glossary_page_by_its_address(small_site):
    definition = GLOSSARY_TERMS["space"].tooltip
    for page, glossary in (("index.html", "glossary/"), ("more/deep/page/index.html", "../../../glossary/")):
        html = (small_site / page).read_text(encoding="utf-8")
        assert '<h2 id="why-space-helps">Why space helps' in html
        assert (f'Give him <a class="glossary-term" data-definition="{definition}" href="{glossary}#space" '
                f'title="{definition}">space</a>. Then more <abbr title="{definition}">space</abbr>.') in html


@pytest.mark.parametrize("change, words", [
    (("tooltip: Time and distance away from you, without pressure.", "tooltip: ''"), "one line of text"),
    (("  - term: Unfollow", "  - term: space"), "'space' is already a term"),
    (("    see:\n      page: topics/walking-away.md", "    see:\n      page: topics/walk-away.md"),
     "the page 'topics/walk-away.md' is not in docs/"),
])
def test_bad_glossary_data_fails_the_build_naming_file_and_line(tmp_path, change, words):
    text = (DOCS / "_data" / "glossary.yml").read_text(encoding="utf-8")
    assert change[0] in text
    glossary_page = (DOCS / "glossary.md").read_text(encoding="utf-8")
    see_pages = {entry.see.page: "---\ntitle: A topic\ndescription: A topic.\ntags: [patience]\n---\n\n# A topic\n"
                 for entry in GLOSSARY.entries}
    site = make_fixture_site(tmp_path / "bad", {"index.md": FIXTURE_HOME.format(up=""), "glossary.md": glossary_page,
                                                **see_pages})
    (site / "docs" / "_data" / "glossary.yml").write_text(text.replace(change[0], change[1]), encoding="utf-8")
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert re.search(r"docs/_data/glossary\.yml: line \d+", build.log) and words in build.log, build.log
    assert "Traceback" not in build.log and 'File "' not in build.log


# -- Page output ---------------------------------------------------------------------------------


# The site ships its HTML as written (a minifier saved 0.6 to 1.2 KB gzipped a page: see the README).
# Whatever changes that, these must come out exactly as written: whitespace is content in them.
# A page's text may hold no script (scripts/output/output_policy.py): the theme's inline script is checked.
KEPT_AS_WRITTEN = ("<textarea aria-label=\"Notes\">\n  one\n\n    two\n</textarea>",)
THEME_SCRIPT_AS_WRITTEN = "<script>\n(function () {\n  var memory = {}, chosen = false;\n"


def test_pre_textarea_and_script_keep_their_whitespace(tmp_path):
    page = ("---\ntitle: Home\n---\n\n# Home\n\n```text\n  one\n\n    two\n```\n\n"
            + "\n\n".join(KEPT_AS_WRITTEN) + "\n")
    build = mkdocs_build(make_fixture_site(tmp_path / "kept", {"index.md": page}), tmp_path / "out")
    assert build.ok, build.log
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<pre\b[^>]*>(?:<span></span>)?<code>  one\n\n    two\n</code></pre>", html), html
    for block in (*KEPT_AS_WRITTEN, THEME_SCRIPT_AS_WRITTEN):
        assert block in html


# -- Quick exit ----------------------------------------------------------------------------------


def test_every_page_has_the_quick_exit_link_and_script(built_site):
    script = built_site / "assets" / "quick-exit.js"
    assert script.stat().st_size < 3000
    assert "location.replace" in script.read_text(encoding="utf-8")
    for html_file in page_files(built_site):
        html = html_file.read_text(encoding="utf-8")
        link = re.findall(r'<a class="quick-exit" href="([^"]+)" rel="noreferrer" data-quick-exit>Exit this page</a>', html)
        assert link == [NEUTRAL], html_file
        assert re.search(r'<script src="[./]*assets/quick-exit\.js">', html), html_file


STUB = "<!doctype html><title>Stub</title><p>A neutral page.</p>"


@pytest.fixture
def exit_reader(browser, site_url):
    """A tab that came to the site from another page; the neutral site is a local stub."""

    def open_reader(javascript: bool = True, stall: tuple[str, ...] = ()):
        """`stall`: address patterns of the site whose requests never get an answer."""
        context = browser.new_context(java_script_enabled=javascript, viewport=DESKTOP)
        blocked: list[str] = []
        guard_requests(context, site_url, blocked)
        neutral_requests = []

        def neutral(route):
            neutral_requests.append(route.request)
            route.fulfill(status=200, content_type="text/html", body=STUB)

        # Routes added later win: these two hosts get stubs, everything else off-site is blocked.
        context.route("https://www.bbc.co.uk/**", neutral)
        context.route("https://before.example/**", lambda route: route.fulfill(content_type="text/html", body=STUB))
        for pattern in stall:
            context.route(site_url + pattern, lambda route: stalled.append(route.request.url))
        contexts.append(context)
        page = context.new_page()
        page.goto("https://before.example/")
        # With requests stalled the page never finishes loading: the reader acts on what has shown.
        page.goto(f"{site_url}topics/patience/", wait_until="commit" if stall else "load")
        return page, blocked, neutral_requests

    stalled: list[str] = []
    open_reader.stalled = stalled

    contexts = []
    yield open_reader
    for context in contexts:
        context.close()


def assert_left_for_good(page, neutral_requests, site_url):
    page.wait_for_url(NEUTRAL)
    assert len(neutral_requests) == 1
    assert "referer" not in neutral_requests[0].headers
    page.go_back()
    assert page.url == "https://before.example/"
    assert not page.url.startswith(site_url)


def test_quick_exit_button_replaces_the_page(exit_reader, site_url):
    page, blocked, neutral_requests = exit_reader()
    page.get_by_role("link", name="Exit this page").click()
    assert_left_for_good(page, neutral_requests, site_url)
    assert blocked == []


def test_quick_exit_works_with_every_stylesheet_stalled(exit_reader, site_url):
    """A page waits for no stylesheet (its styles are in it, scripts/plugin/assets.py): with every
    stylesheet request stalled, Exit shows in its corner and replaces the page."""
    page, blocked, neutral_requests = exit_reader(stall=("**/*.css", "**/*.css?*"))
    button = page.get_by_role("link", name="Exit this page")
    button.wait_for()
    box = button.bounding_box()
    assert box["x"] > DESKTOP["width"] / 2 and box["y"] < 20  # styled: top right, not at the page's start
    page.wait_for_function("() => document.readyState !== 'loading'")  # quick-exit.js has run
    button.click()
    assert_left_for_good(page, neutral_requests, site_url)
    assert exit_reader.stalled == [] and blocked == []


def test_quick_exit_leaves_with_the_sites_scripts_stalled(exit_reader):
    """Before any of the site's scripts has come, the page shows and Exit still leaves (a plain link)."""
    page, blocked, neutral_requests = exit_reader(stall=("**/*.js",))
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(NEUTRAL)
    assert len(neutral_requests) == 1 and "referer" not in neutral_requests[0].headers
    assert any(url.endswith("quick-exit.js") for url in exit_reader.stalled) and blocked == []


def test_pressing_shift_three_times_replaces_the_page(exit_reader, site_url):
    page, blocked, neutral_requests = exit_reader()
    # Capital letters (Shift held with another key) and two presses alone do nothing.
    for _ in range(3):
        page.keyboard.press("Shift+KeyA")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(1100)
    page.keyboard.press("Shift")
    assert page.url == f"{site_url}topics/patience/"
    assert neutral_requests == []
    for _ in range(3):
        page.keyboard.press("Shift")
    assert_left_for_good(page, neutral_requests, site_url)
    assert blocked == []


def test_quick_exit_is_a_plain_link_without_javascript(exit_reader):
    page, blocked, neutral_requests = exit_reader(javascript=False)
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(NEUTRAL)
    assert len(neutral_requests) == 1
    assert "referer" not in neutral_requests[0].headers  # rel="noreferrer"
    assert blocked == []


def test_quick_exit_stays_in_the_top_corner_while_scrolling(reader_tab, site_url):
    page = reader_tab({"width": 390, "height": 844})
    page.goto(f"{site_url}topics/no-contact/")
    button = page.locator(".quick-exit")
    before = button.bounding_box()
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(200)
    after = button.bounding_box()
    assert before == after and after["y"] < 20 and after["x"] + after["width"] > 370
    assert after["height"] >= 24 and after["width"] >= 24
    # It covers none of the header's buttons.
    for control in page.locator(".md-header label.md-header__button:visible, .md-header .md-header__option:visible").all():
        box = control.bounding_box()
        apart = (box["x"] + box["width"] <= after["x"] + 1 or box["y"] >= after["y"] + after["height"] - 1)
        assert apart, (box, after)


# -- Glossary definition from the keyboard --------------------------------------------------------


def test_enter_on_a_glossary_term_shows_its_definition_in_place(reader_tab, site_url):
    page = reader_tab(DESKTOP)
    page.goto(f"{site_url}topics/no-contact/")
    name = page.locator("a.glossary-term").first.inner_text()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('glossary-term')"):
            break
    assert page.evaluate("document.activeElement.textContent") == name
    page.keyboard.press("Enter")
    shown = page.locator(".glossary-definition")
    shown.wait_for()
    assert GLOSSARY_TERMS[name].tooltip in shown.inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "true"
    assert page.url == f"{site_url}topics/no-contact/", "the term shows its definition, not the glossary"
    # Enter again hides it.
    page.keyboard.press("Enter")
    assert shown.count() == 0


# -- Print ---------------------------------------------------------------------------------------

HIDDEN_IN_PRINT = [
    ".md-header", ".md-banner", ".safety-line", ".quick-exit", ".md-sidebar--primary",
    ".md-sidebar--secondary", ".md-search", ".md-footer", ".reader-links", ".reader-reading-time",
    ".tree-controls",
]


@pytest.mark.parametrize("path", ["topics/no-contact/", "decide/back-off-or-no-contact/overview/",
                                  "decide/back-off-or-no-contact/keep-giving-room/"])
def test_pages_print_without_site_furniture(reader_tab, site_url, path):
    page = reader_tab(DESKTOP)
    page.goto(site_url + path, wait_until="networkidle")
    on_screen = [selector for selector in HIDDEN_IN_PRINT if page.locator(selector).first.is_visible()]
    assert ".md-header" in on_screen and ".quick-exit" in on_screen and ".md-sidebar--primary" in on_screen

    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 1 <= pages <= 8

    page.emulate_media(media="print")
    for selector in on_screen:
        assert page.locator(selector).first.is_hidden(), f"{selector} shows in print"
    assert page.locator("article h1").is_visible()
    assert page.locator("article").inner_text().count("\n") > 10
    # On paper, an external link prints where it goes.
    after = page.evaluate("""() => {
      const link = document.createElement('a');
      link.href = 'https://example.org/help';
      link.textContent = 'help';
      document.querySelector('article p').append(link);
      return getComputedStyle(link, '::after').content;
    }""")
    assert "https://example.org/help" in after
