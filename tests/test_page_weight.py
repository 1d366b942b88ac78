"""First-visit page weight in Chromium: at most 75 KB gzipped per page type, nothing off-site; the
search index and search worker load only when the reader opens search (see scripts/measure/page_weight.py)."""

from __future__ import annotations

import pytest

from scripts.measure.lighthouse import configured_paths, page_paths
from scripts.measure.page_weight import LIMIT_BYTES, SEARCH_INDEX, SEARCH_WORKER, measure, table


@pytest.fixture(scope="module")
def weights(browser, site_url):
    return measure(browser, site_url)


def test_each_page_weighed_is_there_with_its_scripts(weights, built_site):
    assert weights
    for w in weights:
        path = w.url.split("/", 3)[3]
        assert (built_site / path / "index.html").is_file() or path == "", w.url
        # The page itself (its styles inline), Material's script and the site's own at least.
        assert w.requests >= 4, w.url
        assert all(r.status == 200 for r in w.resources), [(r.url, r.status) for r in w.resources]


def test_every_page_type_is_at_most_75_kb_gzipped(weights, site_url):
    over = [w.kind for w in weights if w.gzip_bytes > LIMIT_BYTES]
    assert not over, f"over {LIMIT_BYTES:,} bytes gzipped: {over}\n" + table(weights, detail=True, base_url=site_url)


def test_no_page_requests_another_host(weights):
    offsite = {w.kind: w.offsite for w in weights if w.offsite}
    assert not offsite, offsite


def test_search_loads_its_index_and_worker_when_the_reader_opens_it_not_before(weights):
    for w in weights:
        assert not [r.url for r in w.resources if SEARCH_INDEX in r.url or SEARCH_WORKER in r.url], w.kind
        for what in (SEARCH_INDEX, SEARCH_WORKER):
            fetched = [r for r in w.on_search if what in r.url]
            assert len(fetched) == 1 and fetched[0].status == 200, (w.kind, what)
        assert w.search_bytes > 20_000, w.kind  # the whole index was fetched and weighed


def test_lighthouse_ci_runs_one_page_of_each_type():
    """lighthouserc.json (`make lighthouse`) lists the page types measured here, and the 404 page."""
    assert configured_paths() == list(page_paths().values())
