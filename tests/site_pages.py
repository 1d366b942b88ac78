"""Which pages the browser tests open, so that their cost does not grow with the content.

Browser checks run on one page of each type (PAGE_TYPES), plus, for axe, the few pages that
between them hold every kind of element the site uses (`component_sample`). Every page is
checked by the static scans in test_every_page.py. A page of a new type fails
test_every_page.py::test_every_page_is_of_a_type_the_browser_tests_open until it is added here.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT
from scripts.offline.copies import FILE_PUBLISHED_AT
from scripts.tree_engine import Outcome, Question, load_trees

TREE = load_trees(ROOT / "docs")[0]
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
