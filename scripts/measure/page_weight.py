"""Page weight: what a first visit to each type of page downloads, gzipped as GitHub Pages serves it.

For one page of each type (home, a topic, a decision-tree step and outcome, the tags page and the
safety page) it loads the page in Chromium from the built site with the browser's cache off, waits
until the network is quiet, and records every response: that is the first visit, and the 75 KB
budget applies to all of it. Then it opens search, as a reader would by clicking the search box,
and records what that adds: the search index, which overrides/assets/search-on-demand.js holds
back until then. Each body is compressed with gzip at level 6, as GitHub Pages would send it, and
the sizes are summed. Any request to a host other than the site fails (launch() lets Chromium
reach no other host) and is reported.

    .venv/bin/python -m scripts.measure.page_weight            # build, serve, print; exit 1 on a failure
    .venv/bin/python -m scripts.measure.page_weight --detail   # also list every response

tests/test_page_weight.py calls measure() with the test suite's browser and served site.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from scripts.build import strict_build
from scripts.browsers.chromium import launch, report_offsite
from scripts.browsers.static_server import GZIP_LEVEL, serve
from scripts.tree_engine import Outcome, load_trees

ROOT = Path(__file__).resolve().parents[2]
LIMIT_BYTES = 75_000  # per first visit, gzipped; 1 KB = 1,000 bytes throughout
SEARCH_INDEX = "search/search_index.json"
SEARCH_WORKER = "assets/javascripts/workers/search."  # Material's, with a hash in its name
T = TypeVar("T")


def page_types(docs_dir: Path = ROOT / "docs") -> dict[str, str]:
    """One page of each type, as paths relative to the site root."""
    tree = load_trees(docs_dir)[0]
    outcome = next(node for node in tree.nodes.values() if isinstance(node, Outcome))
    return {
        "home": "",
        "topic": "topics/backing-off/",
        "tree start": f"decide/{tree.id}/",
        "tree step": f"decide/{tree.id}/{tree.start}/",
        "tree outcome": f"decide/{tree.id}/{outcome.id}/",
        "tags": "tags/",
        "safety": "safety/",
        "help": "help/",
    }


@dataclass
class Resource:
    url: str
    status: int
    raw_bytes: int
    gzip_bytes: int


@dataclass
class PageWeight:
    kind: str
    url: str
    resources: list[Resource] = field(default_factory=list)  # the first visit
    on_search: list[Resource] = field(default_factory=list)  # added by opening search
    offsite: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.resources)

    @property
    def raw_bytes(self) -> int:
        return sum(r.raw_bytes for r in self.resources)

    @property
    def gzip_bytes(self) -> int:
        return sum(r.gzip_bytes for r in self.resources)

    @property
    def search_bytes(self) -> int:
        return sum(r.gzip_bytes for r in self.on_search)

    @property
    def ok(self) -> bool:
        return self.gzip_bytes <= LIMIT_BYTES and not self.offsite


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))


def measure_page(page, responses: list, base_url: str, kind: str, path: str) -> PageWeight:
    """Load one page with the cache off, weigh every response, then open search and weigh what
    that fetches: the search index and the search worker."""
    weight = PageWeight(kind, base_url + path)
    responses.clear()
    page.goto(weight.url, wait_until="networkidle")
    weight.resources = _weigh(responses)
    responses.clear()
    # Both start when search opens; the page's network went idle long before.
    with page.expect_response(lambda response: SEARCH_INDEX in response.url), \
            page.expect_response(lambda response: SEARCH_WORKER in response.url):
        page.locator("input.md-search__input").click()
    weight.on_search = _weigh(responses)
    return weight


def _weigh(responses) -> list[Resource]:
    resources = []
    for response in responses:
        if response.url.startswith(("data:", "blob:")):
            continue
        try:
            body = response.body()
        except Exception:  # a redirect has no body
            body = b""
        resources.append(Resource(response.url, response.status, len(body), gzip_size(body)))
    return resources


def measure(browser, base_url: str, pages: dict[str, str] | None = None) -> list[PageWeight]:
    """Weigh a first visit to one page of each type on the site served at base_url.

    All in one tab: while a route is set, Playwright turns the browser's cache off, so each page
    loads everything as on a first visit (and the page's scripts start afresh on each). A new
    context for each page gave the same figures, byte for byte, for twice the CPU."""
    pages = page_types() if pages is None else pages
    context = browser.new_context()
    try:
        offsite: list[str] = []
        report_offsite(context, base_url, offsite.append)
        context.route("**/*", lambda route: route.continue_())
        # Context events also see what the search worker fetches.
        responses: list = []
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        weights = []
        for kind, path in pages.items():
            weight = measure_page(page, responses, base_url, kind, path)
            weight.offsite, offsite[:] = list(offsite), []
            weights.append(weight)
        return weights
    finally:
        context.close()


def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def table(weights: list[PageWeight], detail: bool = False, base_url: str = "") -> str:
    lines = [
        f"{'page type':<14} {'requests':>8} {'raw KB':>8} {'gzip KB':>8} {'+search':>8}  page",
        f"{'-' * 14} {'-' * 8} {'-' * 8} {'-' * 8} {'-' * 8}  {'-' * 30}",
    ]
    for w in weights:
        flag = "".join([
            "  <-- over the limit" if w.gzip_bytes > LIMIT_BYTES else "",
            "  <-- requests to other hosts" if w.offsite else "",
        ])
        lines.append(f"{w.kind:<14} {w.requests:>8} {kb(w.raw_bytes):>8} {kb(w.gzip_bytes):>8} "
                     f"{kb(w.search_bytes):>8}  /{w.url.removeprefix(base_url)}{flag}")
        if detail:
            for label, resources in (("", w.resources), ("on search", w.on_search)):
                for r in sorted(resources, key=lambda r: -r.gzip_bytes):
                    lines.append(f"{label:<14} {r.status:>8} {kb(r.raw_bytes):>8} {kb(r.gzip_bytes):>8}    "
                                 f"{r.url.removeprefix(base_url)}")
        for url in w.offsite:
            lines.append(f"{'':<14} blocked request to another host: {url}")
    lines.append(f"Limit: {kb(LIMIT_BYTES)} KB gzipped per first visit (1 KB = 1,000 bytes; bodies gzipped at "
                 f"level {GZIP_LEVEL}); no requests to other hosts. '+search' is what opening search adds.")
    return "\n".join(lines)


def build_site(site: Path) -> None:
    """`mkdocs build --strict` of the real site into `site`, as the Makefile does."""
    result = strict_build(ROOT, site)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")


def on_a_fresh_build(measure_site: Callable[[Any, str], T]) -> T:
    """Build the real site into a temporary folder, serve it, start Chromium, and return what
    `measure_site(browser, base_url)` measures there (the measurement scripts' `main`s)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="measure-") as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        with serve(site) as base_url, sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return measure_site(browser, base_url)
            finally:
                browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--detail", action="store_true", help="list every response of every page")
    args = parser.parse_args(argv)

    weights, base_url = on_a_fresh_build(lambda browser, base_url: (measure(browser, base_url), base_url))
    print(table(weights, detail=args.detail, base_url=base_url))
    failed = [w.kind for w in weights if not w.ok]
    if failed:
        print(f"FAIL: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
