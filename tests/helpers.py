"""What the tests share, in one module: test modules import from here, never from one another, and
conftest.py holds only fixtures and hooks (it imports from here too).

- Builds: `mkdocs_build` (forked from tests/build_server.py) and small fixture sites.
- Fixture trees: a small good tree and its variants, and a site around one.
- Which pages the browser tests open: one of each type (PAGE_TYPES), and the few that between them
  hold every kind of element. Every page is checked by the static scans (test_every_page.py); a
  page of a new type fails test_every_page.py::test_every_page_is_of_a_type_the_browser_tests_open
  until it is added to PAGE_TYPES.
- Static scans of built pages.
- The guards: what the `browser` and `webkit` fixtures record (requests for another host, page
  errors), which fails the running test, and how a test takes off what it caused on purpose.
- Checks shared by the Chromium and WebKit tests, and axe-core.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from build_server import BuildServer
from scripts.browsers.chromium import report_offsite
from scripts.build import strict_build
from scripts.measure.search_quality import type_query
from scripts.offline import copies as offline
from scripts.offline.copies import FILE_PUBLISHED_AT, ZIP_PUBLISHED_AT
from scripts.offline.single_file import page_anchor
from scripts.output.site_links import LINK_ATTRIBUTES, dead_links
from scripts.tree_engine import Outcome, Question, load_trees

ROOT = Path(__file__).resolve().parent.parent
# axe-core, as npm installs it (package-lock.json).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A phone's page: 390 x 844 CSS pixels, as on an iPhone 12 to 14.
PHONE = {"width": 390, "height": 844}


# -- Builds --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


_build_server: list[BuildServer] = []


def warm_mkdocs() -> BuildServer:
    """This test process's build server (tests/build_server.py): `.run` runs mkdocs in a process
    forked from one that has MkDocs loaded already."""
    if not _build_server:
        _build_server.append(BuildServer())
    return _build_server[0]


def mkdocs_build(project: Path, site: Path) -> Build:
    """Run `mkdocs build --strict` in a project folder, as the Makefile does (forked from the
    build server)."""
    result = strict_build(project, site, run=warm_mkdocs().run)
    return Build(result.returncode, result.stdout + result.stderr, site)


def close_build_servers() -> None:
    for server in _build_server:
        server.close()


# Every page's banner and footer link to these, so a site without them does not build.
ALWAYS_THERE = {
    "help.md": "---\ntitle: Get help now\ndescription: Numbers to call.\n---\n\n# Get help now\n\nNumbers.\n",
    "safety.md": "---\ntitle: Safety first\ndescription: Safety help.\n---\n\n# Safety first\n\nHelp.\n",
    "editorial.md": "---\ntitle: How this site is written\ndescription: How.\n---\n\n# How this site is written\n\n"
                    "## Report a mistake { #report-a-mistake }\n\nHow.\n",
}


# In the real configuration: every build but the preview makes the offline copies.
OFFLINE_COPIES_ON = "offline_copies: true\n"


def make_fixture_site(folder: Path, pages: dict[str, str], offline_copies: bool = False) -> Path:
    """A small site that uses the real configuration, theme overrides and scripts, with only the
    given pages (paths relative to docs/, plus a plain help and safety page unless given) and
    no fixed navigation; unless `offline_copies`, its builds make no offline copies (they would
    double the time of each build, and only test_publishing.py reads them)."""
    pages = {**ALWAYS_THERE, **pages}
    folder.mkdir(parents=True, exist_ok=True)
    for shared in ("overrides", "scripts"):
        (folder / shared).symlink_to(ROOT / shared)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert OFFLINE_COPIES_ON in config
    if not offline_copies:
        config = config.replace(OFFLINE_COPIES_ON, "offline_copies: false\n")
    (folder / "project.yml").write_text(config, encoding="utf-8")
    (folder / "mkdocs.yml").write_text("INHERIT: project.yml\nnav: null\n", encoding="utf-8")
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs" / "_data", docs / "_data", ignore=shutil.ignore_patterns("*.yml"))
    shutil.copyfile(ROOT / "docs" / "_data" / "glossary.yml", docs / "_data" / "glossary.yml")
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return folder


# -- Fixture trees (test_trees.py, test_bad_input.py) -------------------------------------------

TREE_SCHEMA = ROOT / "docs" / "_data" / "trees" / "tree.schema.json"

GOOD_TREE = {
    "id": "small",
    "title": "A small tree",
    "intro": "Two questions that test the machinery.",
    "tags": ["patience"],
    "start": "first",
    "nodes": {
        "first": {
            "question": "Has he asked for space?",
            "help": "Think about the last month.",
            "answers": [{"label": "Yes", "next": "second"}, {"label": "No", "next": "talk"}],
        },
        "second": {
            "question": "Do you call him every day?",
            "answers": [{"label": "Yes, most days", "next": "ease-off"}, {"label": "No", "next": "wait"}],
        },
        "ease-off": {
            "outcome": "Call a little less",
            "summary": "Give him room to notice you are gone.",
            "actions": ["Call less often.", "See friends."],
            "topics": ["topics/one.md"],
            "sources": ["cane-trying"],
            "could_say": ["I hear you. I'll give you more room.", "Hope your week goes well. *No* need to reply."],
            "if_nothing_changes": "Our own view: take stock, and put your own week first.",
        },
        "wait": {
            "outcome": "Give it time",
            "summary": "It may simply be early days.",
            "actions": ["Be patient."],
            "topics": ["topics/one.md", "topics/two.md"],
            "sources": ["cane-trying"],
        },
        "talk": {
            "outcome": "Talk first",
            "summary": "Say what you hope for, kindly.",
            "actions": ["Keep it short."],
            "topics": ["topics/two.md"],
            "sources": ["cane-no-contact"],
        },
    },
}


def tree_file(folder: Path, data: dict | str, name: str = "small") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tree.schema.json").write_text(TREE_SCHEMA.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / f"{name}.yml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def changed(edit) -> dict:
    data = yaml.safe_load(yaml.safe_dump(GOOD_TREE))
    edit(data)
    return data


# Two answers lead to "second" (a shared question), so everything below it has two pages.
SHARED = {**GOOD_TREE, "start": "zero", "nodes": {
    "zero": {"question": "Is it early days?", "answers": [{"label": "Yes", "next": "first"},
                                                            {"label": "I'm not sure", "next": "second"}]},
    **GOOD_TREE["nodes"],
}}


def diamonds(levels: int) -> dict:
    """A tree of `levels` questions in a row, two to a level after the first: each question's two
    answers lead to the two questions of the next level, so there are 2^levels paths (and her
    answers always lead somewhere different)."""
    def name(level: int, side: str) -> str:
        return "q0" if level == 0 else f"q{level}{side}"

    nodes = {}
    for level in range(levels):
        last = level + 1 == levels
        for side in ("a", "b") if level else ("a",):
            nodes[name(level, side)] = {"question": f"Question {level}?", "answers": [
                {"label": "Yes", "next": "talk" if last else name(level + 1, "a")},
                {"label": "No", "next": "wait" if last else name(level + 1, "b")}]}
    return {**GOOD_TREE, "start": "q0", "nodes": {**nodes, "talk": GOOD_TREE["nodes"]["talk"], "wait": GOOD_TREE["nodes"]["wait"]}}


TOPIC = "---\ntitle: {title}\ndescription: A fixture topic page.\ntags:\n  - {tag}\n---\n\n# {title}\n\nText.\n"
FIXTURE_NAV = "nav:\n  - index.md\n  - topics/one.md\n  - topics/two.md\n  - safety.md\n  - help.md\n  - sources.md\n  - editorial.md\n  - Decide:\n      - decide/index.md\n"


def tree_site(tmp_path: Path, tree: dict | str, offline_copies: bool = False) -> Path:
    site = make_fixture_site(tmp_path / "project", offline_copies=offline_copies, pages={
        "index.md": "---\ntitle: Home\n---\n\n# Home\n",
        "safety.md": "---\ntitle: Safety first\n---\n\n# Safety first\n",
        "help.md": "---\ntitle: Get help now\n---\n\n# Get help now\n",
        "sources.md": "---\ntitle: Sources\n---\n\n# Sources\n\n## A { #cane-trying }\n\n## B { #cane-no-contact }\n",
        "topics/one.md": TOPIC.format(title="Topic one", tag="backing off"),
        "topics/two.md": TOPIC.format(title="Topic two", tag="patience"),
    })
    (site / "mkdocs.yml").write_text(f"INHERIT: project.yml\n{FIXTURE_NAV}", encoding="utf-8")
    tree_file(site / "docs" / "_data" / "trees", tree)
    return site


# -- The real trees ------------------------------------------------------------------------------

TREES = load_trees(ROOT / "docs")
# The start page's two answers: whether she feels safe with him comes before any tactic.
SAFE, AFRAID = "No, I feel safe with him", "Yes, or I am not sure"


# -- Which pages the browser tests open ----------------------------------------------------------

TREE = TREES[0]
QUESTION = next(node for node in TREE.nodes.values() if isinstance(node, Question))
OUTCOME = next(node for node in TREE.nodes.values() if isinstance(node, Outcome))

# One page of each type, as a path under the site's address.
PAGE_TYPES = {
    "home": "",
    "topic": "topics/patience/",
    "decide": "decide/",
    "tree-start": f"decide/{TREE.id}/",
    "tree-question": f"decide/{TREE.id}/{QUESTION.id}/",
    "tree-outcome": f"decide/{TREE.id}/{OUTCOME.id}/",
    "tree-overview": f"decide/{TREE.id}/overview/",
    "tags": "tags/",
    "safety": "safety/",
    "help": "help/",
    "glossary": "glossary/",
    "sources": "sources/",
    # Plain prose about the advice: where the sources disagree, and how this site is written.
    "about": "disagreements/",
    "not-found": "404.html",
}


# Pages of prose about the advice, with the same kinds of element as one another.
PROSE_ABOUT_THE_ADVICE = ("disagreements", "editorial")


def page_paths(site: Path) -> list[str]:
    """Every built HTML page, as a path under the site's address ("" for the home page). The
    one-file offline copy is a download, not a page (test_offline_file.py checks it)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel != str(FILE_PUBLISHED_AT):
            paths.append(rel.removesuffix("index.html"))
    return paths


def page_file(site: Path, path: str) -> Path:
    """The HTML file behind a page's path."""
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def page_files(site: Path) -> list[Path]:
    """Every built page's HTML file (not the one-file offline copy: see page_paths)."""
    return [page_file(site, path) for path in page_paths(site)]


def page_type(path: str, html: str) -> str:
    """The type of the page at `path`, from its address (and, for a tree step, its content)."""
    parts = path.strip("/").split("/")
    if path in ("", "404.html", "decide/"):
        return {"": "home", "404.html": "not-found", "decide/": "decide"}[path]
    if parts[0] == "topics":
        return "topic"
    if parts[0] in PROSE_ABOUT_THE_ADVICE:
        return "about"
    if parts[0] == "decide":
        if len(parts) == 2:
            return "tree-start"
        if parts[2] == "overview":
            return "tree-overview"
        return "tree-outcome" if 'class="tree-outcome' in html else "tree-question"
    return "/".join(parts)


class _Components(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: set[tuple[str, str, str]] = set()

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        classes = " ".join(sorted((names.pop("class", None) or "").split()))
        self.found.add((tag, classes, " ".join(sorted(names))))


def components(html: str) -> set[tuple[str, str, str]]:
    """The kinds of element a page holds: tag, classes and attribute names (not their values)."""
    parser = _Components()
    parser.feed(html)
    return parser.found


def component_sample(site: Path, start: list[str]) -> list[str]:
    """Pages that add, to those in `start`, every other kind of element on the site: a site with
    twice the pages but the same kinds of element needs no more of them."""
    found = {path: components(page_file(site, path).read_text(encoding="utf-8")) for path in page_paths(site)}
    return covering(found, set().union(*(found[path] for path in start)))


def covering(found: dict[str, set], covered: set) -> list[str]:
    """Keys of `found` whose sets add every item not yet `covered`, chosen greedily."""
    every = set().union(covered, *found.values())
    chosen = []
    while covered != every:
        best = max(found, key=lambda key: len(found[key] - covered))
        chosen.append(best)
        covered = covered | found[best]
    return chosen


# -- Static scans of built pages -----------------------------------------------------------------

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


def broken_links(site: Path, scans: dict[str, Scan], prefix: str = "/") -> list[str]:
    """Addresses between pages, stylesheets, scripts and images that name no file, and #parts
    that name no id on their page (scripts/output/site_links.py: the check every build runs).
    `prefix`: the path the site is served under."""
    return dead_links(site, {page_file(site, path).relative_to(site).as_posix(): page for path, page in scans.items()},
                      prefix)


def offsite_loads(site: Path, scans: dict[str, Scan]) -> list[str]:
    """Addresses on another host that a page or stylesheet loads by itself (not links a reader
    follows). <link rel="canonical"> names the page's public address; it loads nothing."""
    offsite = [f"/{path}: <{tag}> {address}" for path, page in scans.items() for tag, address, rel in page.urls
               if tag != "a" and rel != "canonical" and urlsplit(address).netloc]
    # Stylesheet files, and the styles each page carries inline (scripts/plugin/assets.py puts them there).
    sheets = {str(css.relative_to(site)): css.read_text(encoding="utf-8") for css in site.rglob("*.css")}
    for html in site.rglob("*.html"):
        styles = re.findall(r"<style>(.*?)</style>", html.read_text(encoding="utf-8"), re.DOTALL)
        sheets[f"{html.relative_to(site)} <style>"] = "".join(styles)
    for name, text in sheets.items():
        offsite += [f"{name}: {url}" for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", text)]
        offsite += [f"{name}: @import {url}" for url in re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", text)]
    return offsite


# -- The guards ----------------------------------------------------------------------------------

# Off-site requests: the `browser` fixture's Chromium cannot reach another host (see
# scripts/browsers/chromium.py), and every context it opens reports a request that tried; the `webkit`
# fixture's proxy does the same. Page errors: an uncaught exception or a console error in any
# page of either browser (scripts/browsers/chromium.py, scripts/browsers/webkit.py). Either fails the test that was
# running, whether or not the test looks (conftest.py's pytest_runtest_call).
LOCAL = ("http://127.0.0.1:", "file://")
offsite_requests: list[str] = []
page_errors: list[str] = []


def take_own_page_errors(*parts: str) -> None:
    """Take off `page_errors` those the running test caused on purpose, each named by a part of its
    text; fails if one of them did not happen."""
    for part in parts:
        own = [error for error in page_errors if part in error]
        assert own, f"no page error with {part!r}: {page_errors}"
        for error in own:
            page_errors.remove(error)


def guard_requests(context, allowed_prefix: str, blocked: list[str]) -> None:
    """Narrow the guard of a context to addresses under `allowed_prefix`: a request elsewhere that
    failed (as every request to another host does) is recorded in `blocked` and fails the test."""

    def record(url: str) -> None:
        blocked.append(url)
        offsite_requests.append(url)

    report_offsite(context, allowed_prefix, record)


# -- In the browser ------------------------------------------------------------------------------

# Where the quick exit leads: a neutral site.
NEUTRAL = "https://www.bbc.co.uk/weather"
# What a browser can keep for a site: all of it should be empty after an ordinary visit.
STORED = """async () => ({
  localStorage: Object.keys(localStorage),
  sessionStorage: Object.keys(sessionStorage),
  cookie: document.cookie,
  indexedDB: (await indexedDB.databases()).map(db => db.name),
  serviceWorkers: (await navigator.serviceWorker.getRegistrations()).length,
  caches: await caches.keys(),
})"""
NOTHING = {"localStorage": [], "sessionStorage": [], "cookie": "", "indexedDB": [], "serviceWorkers": 0, "caches": []}


# The "Get help" button's box, whether the point at its centre shows the button itself (nothing
# covers it), and the boxes of the other controls that stay put as the page scrolls that it meets.
GET_HELP_JS = """() => {
  const help = document.querySelector(".md-banner .safety-line__help");
  const box = help.getBoundingClientRect();
  const atCentre = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  const meets = (other) => {
    const b = other.getBoundingClientRect();
    return b.width && b.height && b.x < box.right && box.x < b.right && b.y < box.bottom && box.y < b.bottom;
  };
  const fixed = [...document.querySelectorAll(".quick-exit, .md-header .md-header__button, .md-header a, .md-top")]
    .filter(meets).map(other => other.className);
  const exit = document.querySelector(".quick-exit").getBoundingClientRect();
  return {box: {x: box.x, y: box.y, width: box.width, height: box.height}, shown: help.contains(atCentre), fixed,
          exitX: exit.x};
}"""


def check_get_help_beside_exit(found: dict, screen: dict) -> None:
    """What GET_HELP_JS found on a screen of that size (also in WebKit: tests/test_webkit.py)."""
    box = found["box"]
    assert box["width"] >= 44 and box["height"] >= 44, box
    assert 0 <= box["y"] and box["y"] + box["height"] <= screen["height"] and box["x"] + box["width"] <= screen["width"]
    assert found["shown"], "something covers Get help"
    assert found["fixed"] == [], found["fixed"]
    assert 0 <= found["exitX"] - (box["x"] + box["width"]) <= 24, "Get help sits right beside Exit"


# The help page the file links to: the first of those configured that the site has.
HELP = "#" + page_anchor(next(
    page for page in offline.CONFIG["extra"]["offline_file_help"] if (ROOT / "docs" / page).is_file()
).removesuffix(".md") + ".html")



# The tree step on show, read in one call: which steps show, the address's #part, and the links
# of the step that shows (the file is large, and each call to the browser searches all of it).
SHOWN_STEP = """() => {
    const shown = [...document.querySelectorAll("section.step")].filter((step) => step.checkVisibility());
    const step = shown[0];
    const href = (css, text) => [...step.querySelectorAll(css)]
        .filter((a) => a.textContent.includes(text)).map((a) => a.getAttribute("href"));
    return {
        shown: shown.map((section) => section.id),
        hash: decodeURIComponent(location.hash.slice(1)),
        titleShows: !!step && step.querySelector("h1").checkVisibility(),
        back: step ? href(".tree-back a", "Back") : [],
        startAgain: step ? href(".tree-controls a", "Start again") : [],
        outcome: !!step && !!step.querySelector(".tree-outcome"),
        answers: step ? [...step.querySelectorAll(".tree-answers a")].map((a) => a.getAttribute("href")) : [],
    };
}"""


def follow(link) -> None:
    """Click a link and wait for the page it leads to. A click returns as soon as the
    navigation starts, so reading the page straight after it may still read the old one."""
    with link.page.expect_navigation(wait_until="load"):
        link.click()


def search_results(page, query: str) -> int:
    """Type a query into the search box and return how many results (pages) show for it."""
    type_query(page, query)
    return page.locator(".md-search-result__item").count()


# -- axe-core ------------------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Material sizes the sticky sidebars with JavaScript after the page loads; until then, on a short
# page, the navigation runs over the footer (and axe, on a busy machine, measured that contrast).
SIDEBARS_SIZED = """() => [...document.querySelectorAll('.md-sidebar')].every((sidebar) => {
  const style = getComputedStyle(sidebar);
  return style.display === 'none' || style.position !== 'sticky'
    || sidebar.querySelector('.md-sidebar__scrollwrap').style.height !== '';
})"""

# Runs axe and waits for it: given [tags, where], `where` an axe context (null: the whole page);
# each violation with the elements it was found on.
RUN_AXE = """([tags, where]) => {
  return axe.run(where || document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  }).then((results) => results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
    summary: v.nodes.length ? v.nodes[0].failureSummary : "",
  })));
}"""



def format_violations(found: dict) -> str:
    lines = []
    for (config, rule), entry in sorted(found.items()):
        pages = entry["pages"]
        lines.append(f"[{config}] {rule} ({entry['help']}) on {len(pages)} page(s):")
        for path, targets in list(pages.items())[:4]:
            shown = ", ".join(targets[:3]) + (f" (+{len(targets) - 3} more)" if len(targets) > 3 else "")
            lines.append(f"    {path}: {shown}")
        if len(pages) > 4:
            lines.append(f"    ... and {len(pages) - 4} more pages")
        lines.append("    " + entry["summary"].replace("\n", "\n    "))
    return "\n".join(lines)
