"""How well the site's search answers readers: every query in tests/search_queries.yml, put into
the real search box in Chromium.

Usage: python -m scripts.measure.search_quality [--offline]
Builds the site (with --offline: the offline copy, opened from file://), runs every query and
prints: reader queries with a right page in the top 3; ordinary queries led by Get help now or
Safety first, and ordinary queries that showed the safety card (both should be none); fear
queries that showed the card (all should), and how many of them a help or safety page leads
anyway; the everyday words mapped to the site's (each query should find its page); the misses,
and the index size. The browser tests (tests/test_search.py, tests/test_publishing.py) use the
same code.
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

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ROOT / "tests" / "search_queries.yml"
SAFETY_PAGES = ("help/", "safety/")
TOP = 3


@dataclass(frozen=True)
class ReaderQuery:
    query: str
    expect: tuple[str, ...]

    @property
    def about_help(self) -> bool:
        """A query about help, helplines or crisis: Get help now or Safety first may lead it."""
        return bool(set(self.expect) & set(SAFETY_PAGES))


@dataclass(frozen=True)
class Queries:
    reader: list[ReaderQuery]
    fear: list[str]
    # For each everyday word mapped to the site's word (docs/_data/search-words.yml), a query that needs it.
    synonyms: dict[str, ReaderQuery]


@dataclass
class Report:
    reader_total: int = 0
    fear_total: int = 0
    synonym_total: int = 0
    reader_misses: list[str] = field(default_factory=list)
    # Ordinary queries (not about help) that Get help now or Safety first leads; reader queries
    # that show the safety card.
    help_led: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    # Fear queries without the safety card; and how many of them a help or safety page leads (when
    # measure() searches them).
    fear_misses: list[str] = field(default_factory=list)
    fear_help_first: int = 0
    synonym_misses: list[str] = field(default_factory=list)
    # Queries whose top three results show a page more than once with a section of its own.
    crowded: list[str] = field(default_factory=list)

    @property
    def top3_rate(self) -> float:
        return 1 - len(self.reader_misses) / self.reader_total

    @property
    def misses(self) -> list[str]:
        return [*self.reader_misses, *self.help_led, *self.false_alarms, *self.fear_misses, *self.synonym_misses]

    def summary(self) -> str:
        found = self.reader_total - len(self.reader_misses)
        carded = self.fear_total - len(self.fear_misses)
        return "\n".join([
            f"reader queries with a right page in the top 3: {found}/{self.reader_total} ({self.top3_rate:.0%})",
            f"ordinary queries led by help or safety: {len(self.help_led)}; showing the safety card: "
            f"{len(self.false_alarms)}",
            f"fear queries with the safety card: {carded}/{self.fear_total}; "
            f"led by a help or safety page as well: {self.fear_help_first}/{self.fear_total}",
            f"everyday words that find their page: {self.synonym_total - len(self.synonym_misses)}/{self.synonym_total}",
        ])


def load_queries(path: Path = QUERIES) -> Queries:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Queries(
        reader=[ReaderQuery(item["query"], tuple(item["expect"])) for item in data["reader"]],
        fear=list(data["fear"]),
        synonyms={item["word"]: ReaderQuery(item["query"], tuple(item["expect"])) for item in data["synonyms"]},
    )


# Material's settings in the page hold the line it shows above the results while the box is empty.
PLACEHOLDER = "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
META = "document.querySelector('.md-search-result__meta').textContent"
# The safety card above the results (overrides/partials/search.html, assets/search-safety.js).
CARD = ".search-safety__card"


def type_query(page, query: str) -> None:
    """Type a query into the search box and wait until its results show.

    Material searches on keyup, and again, with whatever the box holds, once its index is ready.
    Clearing the box first drops any earlier results, and Material then shows its placeholder
    only once the index is ready (before, "Initializing search"), so that the results awaited are
    never those of a part of the query: the line above the results changes from the placeholder
    only when they come. Filling in all but the last letter and then pressing it sends the whole
    query and never a prefix of it."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("Backspace")
    page.wait_for_function(f"() => {META} === {PLACEHOLDER}")
    box.fill(query[:-1])
    box.press(query[-1])
    page.wait_for_function(f"() => {META} !== {PLACEHOLDER}")


# Queries, run in the page in one call to the browser. Each goes into the box with the keyup
# Material searches on, and is done when Material next writes the line above the results (it
# writes it again for every answer, even in the same words). A query the box already holds is
# cleared first, since Material does not search the same words twice in a row. Then: the pages
# the results list, in order (Material gives each page one entry: its own link first, then its
# best section), for each of the top entries how many of its sections show outside "more on this
# page", and whether the safety card shows. With `search` false, the box only gets the query and
# an input event, which the card answers at once and Material does not search on: for a check of
# the card alone. type_query above is how the other tests type, key by key.
RUN_QUERIES = """async ([queries, top, card, search]) => {
  const box = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const placeholder = JSON.parse(document.getElementById("__config").textContent).translations["search.result.placeholder"];
  const answer = (query, send) => new Promise((done, fail) => {
    const watch = new MutationObserver(() => {
      if ((meta.textContent !== placeholder) === (query !== "")) { watch.disconnect(); done(); }
    });
    watch.observe(meta, {childList: true, characterData: true, subtree: true});
    setTimeout(() => { watch.disconnect(); fail(new Error(`search did not answer ${JSON.stringify(query)} within 10 s`)); }, 10000);
    box.value = query;
    box.dispatchEvent(new KeyboardEvent("keyup", {key: query.slice(-1) || "Backspace", bubbles: true}));
  });
  const shown = () => Boolean(document.querySelector(card)?.checkVisibility());
  box.focus();
  if (search && meta.textContent !== placeholder) await answer("");
  const found = [];
  for (const query of queries) {
    if (!search) {
      box.value = query;
      box.dispatchEvent(new Event("input", {bubbles: true}));
      found.push({pages: [], sections: [], card: shown()});
      continue;
    }
    if (box.value === query) await answer("");
    await answer(query);
    const items = [...document.querySelectorAll(".md-search-result__item")];
    found.push({
      pages: items.map((item) => item.querySelector(":scope > .md-search-result__link").href),
      sections: items.slice(0, top).map((item) =>
        [...item.querySelectorAll(":scope > a")].filter((link) => link.checkVisibility()).length - 1),
      card: shown(),
    });
  }
  return found;
}"""


@dataclass(frozen=True)
class Found:
    pages: list[str]  # as paths under the site root ("topics/patience/"), in order
    sections: list[int]  # for each of the top three, how many sections it shows of its own
    card: bool  # whether the safety card shows


def run_queries(page, queries: list[str], site_root: str, search: bool = True) -> list[Found]:
    found = page.evaluate(RUN_QUERIES, [queries, TOP, CARD, search])
    return [Found([site_path(href, site_root) for href in item["pages"]], item["sections"], item["card"])
            for item in found]


def site_path(href: str, site_root: str) -> str:
    """A result's page as the public site names it: "topics/patience/" whether the link reads
    topics/patience/, topics/patience/index.html or (the offline copy) topics/patience.html."""
    path = urljoin(href, "#").rstrip("#").removeprefix(site_root).removesuffix("index.html")
    return path.removesuffix(".html") + "/" if path.endswith(".html") else path


def measure(page, site_root: str, queries: Queries, fear_results: bool = True) -> Report:
    """Run every query in an open page of the site (search already on the page). Without
    `fear_results`, the fear queries are checked for the card alone, which needs no search."""
    report = Report(len(queries.reader), len(queries.fear), len(queries.synonyms))
    for item, found in zip(queries.reader, run_queries(page, [item.query for item in queries.reader], site_root)):
        top = found.pages[:TOP]
        if len(set(top)) < len(top) or any(count > 1 for count in found.sections):
            report.crowded.append(item.query)
        if not set(top) & set(item.expect):
            report.reader_misses.append(f"{item.query!r}: got {top}, want one of {list(item.expect)}")
        if top[:1] and top[0] in SAFETY_PAGES and not item.about_help:
            report.help_led.append(f"{item.query!r}: led by {top[0]}, though not about help")
        if found.card:
            report.false_alarms.append(f"{item.query!r}: showed the safety card")
    for query, found in zip(queries.fear, run_queries(page, queries.fear, site_root, search=fear_results)):
        report.fear_help_first += bool(found.pages[:1] and found.pages[0] in SAFETY_PAGES)
        if not found.card:
            report.fear_misses.append(f"{query!r}: no safety card; got {found.pages[:TOP]}")
    synonyms = list(queries.synonyms.items())
    for (word, item), found in zip(synonyms, run_queries(page, [item.query for _, item in synonyms], site_root)):
        top = found.pages[:TOP]
        if not set(top) & set(item.expect):
            report.synonym_misses.append(f"{word!r} in {item.query!r}: got {top}, want one of {list(item.expect)}")
    return report


def index_size(site: Path) -> str:
    data = (site / "search" / "search_index.json").read_bytes()
    return f"search/search_index.json: {len(data):,} bytes, {len(gzip.compress(data, 9)):,} gzipped"


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from scripts.build import strict_build
    from scripts.browsers.chromium import launch
    from scripts.browsers.static_server import serve

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
            report = measure(page, root, load_queries())
            browser.close()
        print("\n".join(["Misses:", *report.misses]))
        print(f"Queries whose top three show a page more than once: {report.crowded or 'none'}")
        print(index_size(site))
        print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
