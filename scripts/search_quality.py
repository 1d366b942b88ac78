"""How well the site's search answers readers: every query in tests/search_queries.yml, put into
the real search box in Chromium.

Usage: python -m scripts.search_quality [--offline]
Builds the site (with --offline: the offline copy, opened from file://), runs every query and
prints the top-3 hit rate, the safety-first rate, the queries that miss, and the index size.
The browser tests (tests/test_search.py, tests/test_publishing.py) use the same code.
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

    Material searches on keyup, and again, with whatever the box holds, once its index is ready.
    Clearing the box first drops any earlier results, and Material then shows its placeholder
    only once the index is ready (before, "Initializing search"), so that the results awaited are
    never those of a part of the query. Filling in all but the last letter and then pressing it
    sends the whole query and never a prefix of it."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("Backspace")
    meta = "document.querySelector('.md-search-result__meta').textContent"
    placeholder = "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    page.wait_for_function(f"() => {meta} === {placeholder}")
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(f"() => /matching document/i.test({meta})")


# One query, run in the page: the box is emptied, then given the whole query, each time with the
# keyup Material searches on; then the pages the results list, in order (Material gives each page
# one entry: its own link first, then its best section), and for each of the top entries how many
# of its sections show outside "more on this page". One call to the browser instead of the seven a
# typed query takes; type_query above is how the other tests type, key by key.
RUN_QUERY = """async ([query, top]) => {
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const settled = (matching) => new Promise((done, fail) => {
    const check = () => /matching document/i.test(meta.textContent) === matching;
    if (check()) return done();
    const watch = new MutationObserver(() => { if (check()) { watch.disconnect(); done(); } });
    watch.observe(meta, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { watch.disconnect(); fail(new Error(`search did not answer ${JSON.stringify(query)} within 10 s`)); }, 10000);
  });
  const send = (text) => {
    box.value = text;
    box.dispatchEvent(new KeyboardEvent("keyup", {key: text.slice(-1) || "Backspace", bubbles: true}));
  };
  box.focus();
  send("");
  await settled(false);
  send(query);
  await settled(true);
  const items = [...document.querySelectorAll(".md-search-result__item")];
  return {
    pages: items.map((item) => item.querySelector(":scope > .md-search-result__link").href),
    sections: items.slice(0, top).map((item) =>
      [...item.querySelectorAll(":scope > a")].filter((link) => link.checkVisibility()).length - 1),
  };
}"""


def run_query(page, query: str, site_root: str) -> tuple[list[str], list[int]]:
    """The pages a query finds, in order, as paths under the site root ("topics/patience/"), and
    how many sections each of the top three shows of its own."""
    found = page.evaluate(RUN_QUERY, [query, TOP])
    return [site_path(href, site_root) for href in found["pages"]], found["sections"]


def site_path(href: str, site_root: str) -> str:
    """A result's page as the public site names it: "topics/patience/" whether the link reads
    topics/patience/, topics/patience/index.html or (the offline copy) topics/patience.html."""
    path = urljoin(href, "#").rstrip("#").removeprefix(site_root).removesuffix("index.html")
    return path.removesuffix(".html") + "/" if path.endswith(".html") else path


def measure(page, site_root: str, reader: list[ReaderQuery], safety: list[str]) -> Report:
    """Run every query in an open page of the site (search already on the page)."""
    report = Report(len(reader), len(safety))
    for item in reader:
        pages, sections = run_query(page, item.query, site_root)
        found = pages[:TOP]
        if len(set(found)) < len(found) or any(count > 1 for count in sections):
            report.crowded.append(item.query)
        if not set(found) & set(item.expect):
            report.reader_misses.append(f"{item.query!r}: got {found}, want one of {list(item.expect)}")
    for query in safety:
        found = run_query(page, query, site_root)[0][:1]
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
