"""How well the site's search answers readers: every query in tests/search_queries.yml, typed
into the real search box in Chromium.

Usage: python -m scripts.search_quality [--offline]
Builds the site (with --offline: the offline copy, opened from file://), runs every query and
prints the top-3 hit rate, the safety-first rate, the queries that miss, and the index size.
The browser tests (tests/test_search_quality.py, tests/test_publishing.py) use the same code.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "search_queries.yml"
SAFETY_PAGES = ("help/", "safety/")
TOP = 3


@dataclass(frozen=True)
class ReaderQuery:
    query: str
    expect: tuple[str, ...]


@dataclass
class Report:
    reader_total: int = 0
    safety_total: int = 0
    reader_misses: list[str] = field(default_factory=list)
    safety_misses: list[str] = field(default_factory=list)
    # Queries whose top three results show a page more than once with a section of its own.
    crowded: list[str] = field(default_factory=list)

    @property
    def top3_rate(self) -> float:
        return 1 - len(self.reader_misses) / self.reader_total

    @property
    def safety_rate(self) -> float:
        return 1 - len(self.safety_misses) / self.safety_total

    def summary(self) -> str:
        return (
            f"top-3: {self.reader_total - len(self.reader_misses)}/{self.reader_total} ({self.top3_rate:.0%}); "
            f"safety first: {self.safety_total - len(self.safety_misses)}/{self.safety_total} ({self.safety_rate:.0%})"
        )


def load_queries(path: Path = QUERIES) -> tuple[list[ReaderQuery], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    reader = [ReaderQuery(item["query"], tuple(item["expect"])) for item in data["reader"]]
    return reader, list(data["safety"])


def type_query(page, query: str) -> None:
    """Type a query into the search box and wait until its results show.

    Material searches on keyup, and again once its index is ready. Clearing the box first drops
    any earlier results; filling in all but the last letter and then pressing it sends the whole
    query and never a prefix of it."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("Backspace")
    meta = "document.querySelector('.md-search-result__meta').textContent"
    page.wait_for_function(f"() => !/matching document/i.test({meta})")
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(f"() => /matching document/i.test({meta})")


def ranked_pages(page, query: str, site_root: str) -> list[str]:
    """The pages the results list, in order, as paths under the site root ("topics/patience/").
    Material gives each page one entry: its own link first, then its best section."""
    type_query(page, query)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link:first-child", "links => links.map(link => link.href)"
    )
    return [site_path(href, site_root) for href in hrefs]


def sections_shown(page) -> list[int]:
    """For each of the top three entries, how many of its sections show outside "more on this page"."""
    return page.eval_on_selector_all(
        ".md-search-result__item",
        f"items => items.slice(0, {TOP}).map(item => [...item.querySelectorAll(':scope > a')]"
        ".filter(link => link.checkVisibility()).length - 1)",
    )


def site_path(href: str, site_root: str) -> str:
    """A result's page as the public site names it: "topics/patience/" whether the link reads
    topics/patience/, topics/patience/index.html or (the offline copy) topics/patience.html."""
    path = urljoin(href, "#").rstrip("#").removeprefix(site_root).removesuffix("index.html")
    return path.removesuffix(".html") + "/" if path.endswith(".html") else path


def measure(page, site_root: str, reader: list[ReaderQuery], safety: list[str]) -> Report:
    """Run every query in an open page of the site (search already on the page)."""
    report = Report(len(reader), len(safety))
    for item in reader:
        found = ranked_pages(page, item.query, site_root)[:TOP]
        if len(set(found)) < len(found) or any(count > 1 for count in sections_shown(page)):
            report.crowded.append(item.query)
        if not set(found) & set(item.expect):
            report.reader_misses.append(f"{item.query!r}: got {found}, want one of {list(item.expect)}")
    for query in safety:
        found = ranked_pages(page, query, site_root)[:1]
        if found[:1] and found[0] in SAFETY_PAGES:
            continue
        report.safety_misses.append(f"{query!r}: got {found}")
    return report


def index_size(site: Path) -> str:
    data = (site / "search" / "search_index.json").read_bytes()
    return f"search/search_index.json: {len(data):,} bytes, {len(gzip.compress(data, 9)):,} gzipped"


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from scripts.build import strict_build
    from scripts.chromium import launch
    from scripts.static_server import serve

    offline = "--offline" in argv
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        result = strict_build(ROOT, site, **({"OFFLINE": "true"} if offline else {}))
        if result.returncode != 0:
            sys.exit(f"The build failed:\n{result.stdout}{result.stderr}")
        served = contextlib.nullcontext(site.as_uri() + "/") if offline else serve(site)
        with served as root, sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            page.goto(root + ("index.html" if offline else ""))
            report = measure(page, root, *load_queries())
            browser.close()
        print("\n".join(["Misses:", *report.reader_misses, *report.safety_misses]))
        print(f"Queries whose top three show a page more than once: {report.crowded or 'none'}")
        print(index_size(site))
        print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
