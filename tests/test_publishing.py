"""Publishing: the offline zip from file://, the site under a GitHub Pages subpath with both offline
copies, the workflow. (The one-file copy has its own tests in test_offline_file.py.)"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers import (PAGE_TYPES, ROOT, broken_links, follow, guard_requests, offsite_loads, scan, scan_site,
                     search_results, take_own_page_errors, warm_mkdocs)
from scripts.offline import copies as offline
from scripts.plugin.assets import SEARCH_SHIM_URI
from scripts.build import strict_build
from scripts.measure.search_quality import load_queries, measure, site_path
from scripts.browsers.static_server import serve

SUBPATH = "/after-he-leaves/"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


# --- Offline zip --------------------------------------------------------------------------

# Both copies as a plain build serves them, where its footer links.
@pytest.fixture(scope="module")
def offline_zip(built_site) -> Path:
    return built_site / offline.ZIP_PUBLISHED_AT


@pytest.fixture(scope="module")
def offline_file(built_site) -> Path:
    return built_site / offline.FILE_PUBLISHED_AT


@pytest.fixture(scope="module")
def offline_site(offline_build) -> Path:
    """The zip, unpacked."""
    return offline_build


def test_zip_has_no_source_maps_or_unused_search_languages(offline_zip, built_site):
    """Only the zip has the stand-in for Worker that its search needs from file://."""
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert not [name for name in names if name.endswith(".map")]
    assert not [name for name in names if "/lunr/" in name]
    assert f"{offline.NAME}/index.html" in names
    assert f"{offline.NAME}/{SEARCH_SHIM_URI}" in names
    assert not (built_site / SEARCH_SHIM_URI).exists()


def test_every_relative_link_in_the_offline_copy_leads_to_a_file(offline_site):
    """From file:// a link to a folder shows a file listing, not a page: every link between pages
    (the help and safety links in the banner, notes and footer included) must name a file."""
    href = re.compile(r'<a [^>]*href="([^"#?]+)')
    broken = set()
    for page in offline_site.rglob("*.html"):
        for target in href.findall(page.read_text(encoding="utf-8")):
            if ":" not in target and not (page.parent / target).is_file():
                broken.add(f"{page.relative_to(offline_site)} -> {target}")
    assert not broken, sorted(broken)[:10]


@pytest.fixture(scope="module")
def file_tab(browser):
    """One tab for the tests that read the zip's pages from file:// (a new context costs the CPU of
    about six page loads), which may load files only; and the requests that failed in it."""
    context = browser.new_context()
    blocked: list[str] = []
    guard_requests(context, "file://", blocked)
    page = context.new_page()
    failed: list[str] = []

    def record(request) -> None:
        # ERR_ABORTED only means the next page was opened before a favicon finished loading.
        if "ERR_ABORTED" not in (request.failure or ""):
            failed.append(f"{request.url} {request.failure}")

    page.on("requestfailed", record)
    yield page, blocked, failed
    context.close()


@pytest.fixture
def file_reader(file_tab):
    """The file:// tab, with only this test's blocked and failed requests."""
    page, blocked, failed = file_tab
    blocked.clear()
    failed.clear()
    return file_tab


def offline_page(site: Path, path: str) -> Path:
    """A page's file in the offline copy, which names files, not folders: `topics/patience.html`,
    or a section's `decide/index.html`."""
    if path == "" or path.endswith(".html"):
        return site / (path or "index.html")
    file = site / (path.rstrip("/") + ".html")
    return file if file.is_file() else site / path / "index.html"


def test_every_offline_page_loads_only_files_that_are_there(offline_site):
    """Every stylesheet, script and image a page of the offline copy names is in it, none comes
    from another host (Material's offline plugin adds polyfills, which it would load from a CDN),
    and every page carries its styles inline, linking no stylesheet (scripts/plugin/assets.py)."""
    scans = {html.relative_to(offline_site).as_posix(): scan(html.read_text(encoding="utf-8"))
             for html in offline_site.rglob("*.html")}
    assert len(scans) >= 60
    assert broken_links(offline_site, scans) == []
    assert offsite_loads(offline_site, scans) == []
    assert [path for path, page in scans.items() if any(rel == "stylesheet" for _, _, rel in page.urls)] == []
    assert [path for path in scans if "<style>" not in (offline_site / path).read_text(encoding="utf-8")] == []


def test_each_type_of_offline_page_is_styled_and_complete(offline_site, file_reader):
    page, blocked, failed = file_reader
    # With no server there is no 404 page.
    for kind, path in PAGE_TYPES.items():
        if kind != "not-found":
            page.goto(offline_page(offline_site, path).as_uri())
            background = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
            assert background not in ("", "rgba(0, 0, 0, 0)"), kind
    assert blocked == [] and failed == []


def test_offline_navigation_search_and_a_tree(offline_site, file_reader):
    page, blocked, failed = file_reader
    page.goto((offline_site / "index.html").as_uri())
    follow(page.locator(".md-nav__link", has_text="Safety first").first)
    assert page.url.endswith("/safety.html")
    assert search_results(page, "jealousy") >= 1
    tree = sorted((offline_site / "decide").glob("*/index.html"))[0]
    page.goto(tree.as_uri())
    follow(page.get_by_role("link", name="No, I feel safe with him", exact=True))
    while page.locator(".tree-outcome").count() == 0:
        follow(page.locator(".tree-answers a").first)
    assert page.locator("article a[href*='topics/']").count() >= 1  # the outcome's Read more list
    assert blocked == [] and failed == []


def search_index(site: Path) -> dict:
    """A site's search index, each entry's address as the public site names it."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        entry["location"] = site_path(entry["location"], "")
    return index


def test_the_offline_search_index_is_the_sites(offline_site, built_site):
    """The same index and the same search code give the same answers (tests/test_search.py and
    test_offline_search_finds_answers_shows_the_safety_card_and_says_what_to_try type every query
    into both)."""
    assert search_index(offline_site) == search_index(built_site)


def test_offline_search_finds_answers_shows_the_safety_card_and_says_what_to_try(offline_site, file_reader):
    """From file:// through the worker shim, with the words the card listens for read from the page."""
    page, blocked, failed = file_reader
    page.goto((offline_site / "index.html").as_uri())
    # The synonyms are the same data in the same script as on the site (tests/test_search.py).
    queries = dataclasses.replace(load_queries(), synonyms={})
    report = measure(page, offline_site.as_uri() + "/", queries, fear_results=False)
    assert report.top3_rate >= 0.95, "\n".join(report.reader_misses)
    assert report.fear_misses == [] and report.false_alarms == [] and report.help_led == []
    assert search_results(page, "xylophone") == 0
    help_link = page.locator(".search-tips").get_by_role("link", name="Get help now")
    assert help_link.is_visible()
    assert help_link.evaluate("link => link.href") == (offline_site / "help.html").as_uri()
    assert blocked == [] and failed == []


def test_reader_features_work_offline(offline_site, browser):
    context = browser.new_context()
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(content_type="text/html", body="<p>Weather</p>"))
    page = context.new_page()
    topic = offline_site / "topics" / "backing-off.html"
    page.goto(topic.as_uri())
    assert page.locator(".reader-reading-time").is_visible()
    for section in (".reader-related a", ".reader-backlinks a"):
        hrefs = page.eval_on_selector_all(section, "els => els.map(e => e.href)")
        assert hrefs and all(href.startswith("file://") and href.endswith(".html") for href in hrefs)
    assert page.locator("a.glossary-term").count() >= 1
    # From file:// the help cards still show her country first (Chromium's en-US), others on choice.
    page.goto((offline_site / "topics" / "first-days.html").as_uri())
    assert page.locator(".help-card:visible").get_attribute("data-id") == "us"
    assert page.locator(".help-cards__picker").is_visible()
    page.goto(topic.as_uri())
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.go_back()
    assert page.url != topic.as_uri()
    context.close()


# --- GitHub Pages under a subpath -------------------------------------------------------

@pytest.fixture(scope="module")
def pages_url(tmp_path_factory, monkeypatch_module):
    """The site as the Pages workflow builds it (with both offline copies), under SUBPATH,
    answering missing paths with its 404 page, as GitHub Pages does."""
    site = tmp_path_factory.mktemp("pages") / "site"
    # The server starts first: the build needs its address.
    with serve(site, prefix=SUBPATH) as url:
        monkeypatch_module.setenv("SITE_URL", url)
        build = strict_build(ROOT, site, run=warm_mkdocs().run)
        assert build.returncode == 0, build.stdout
        yield url, site


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture
def subpath_tab(reader_tab):
    """A tab for the site under the subpath, and the responses with an error status it gets."""
    page = reader_tab({"width": 1280, "height": 720})
    failed: list[str] = []

    def record(response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", record)
    yield page, failed
    page.remove_listener("response", record)


def test_every_link_and_resource_on_every_page_works_under_the_subpath(pages_url):
    """Statically, on every page: addresses resolve to files under SUBPATH, the offline copies
    the footer offers included."""
    url, site = pages_url
    scans = scan_site(site)
    assert len(scans) >= 60
    assert broken_links(site, scans, prefix=SUBPATH) == []
    linked = {address for page in scans.values() for tag, address, _ in page.urls if tag == "a"}
    assert any(address.endswith(offline.ZIP.name) for address in linked)
    assert any(address.endswith(offline.FILE.name) for address in linked)


def test_each_type_of_page_and_its_links_work_under_the_subpath(pages_url, subpath_tab):
    url, _ = pages_url
    page, bad = subpath_tab
    links: set[str] = set()
    # The 404 page is served at addresses that are not there: test_missing_path_gets_a_styled_404_page.
    for kind, path in PAGE_TYPES.items():
        if kind != "not-found":
            assert page.goto(url + path).status == 200, kind
            links.update(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href.split('#')[0])"))
    assert bad == []
    internal = sorted(link for link in links if link.startswith(url))
    assert len(internal) >= 20
    broken = []
    for link in internal:
        try:
            urllib.request.urlopen(link).close()
        except urllib.error.HTTPError as error:
            broken.append(f"{error.code} {link}")
    assert broken == []


def test_footer_offers_both_offline_copies_with_their_sizes(pages_url, offline_file):
    """The footer's links open the copies it names, of the size it gives: the one file (the same
    as the plain build's, whose tests are in test_offline_file.py), and the zip of this site."""
    _, site = pages_url
    footer = re.search(r'<p class="offline-download">(.*?)</p>', (site / "index.html").read_text(encoding="utf-8"), re.S)
    text = " ".join(footer.group(1).split())
    file_size = offline.readable_size((site / "downloads" / "notes.html").stat().st_size)
    zip_size = offline.readable_size((site / "downloads" / "notes.zip").stat().st_size)
    assert f'<a href="downloads/notes.html" download>one file for your phone</a> ({file_size})' in text
    assert f'<a href="downloads/notes.zip" download>the whole site (zip) for a computer</a> ({zip_size})' in text
    assert (site / "downloads" / "notes.html").read_bytes() == offline_file.read_bytes()
    with zipfile.ZipFile(site / "downloads" / "notes.zip") as archive:
        names = set(archive.namelist())
    pages = {f"{offline.NAME}/{path.relative_to(site).as_posix()}".replace("/index.html", ".html")
             for path in (site / "topics").glob("*/index.html")}
    assert pages and pages <= names


def test_search_works_under_the_subpath(pages_url, subpath_tab):
    url, _ = pages_url
    page, _ = subpath_tab
    page.goto(url)
    assert search_results(page, "breadcrumbs") >= 1
    assert search_results(page, "xylophone") == 0


def test_missing_path_gets_a_styled_404_page(pages_url, subpath_tab):
    url, _ = pages_url
    page, failed = subpath_tab
    response = page.goto(url + "no/such/page/")
    assert response.status == 404
    assert "can't find that page" in page.locator("h1").inner_text()
    background = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert background not in ("", "rgba(0, 0, 0, 0)")
    assert failed == [f"404 {url}no/such/page/"]
    take_own_page_errors("status of 404 (Not Found)' on " + url + "no/such/page/")  # Chromium's report of it


# --- The workflow ---------------------------------------------------------------------------

def test_actionlint_passes_on_the_workflows():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run([str(actionlint), *map(str, (ROOT / ".github" / "workflows").glob("*.yml"))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_before_it_deploys_with_least_permissions():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"]
    assert "make test" in [step.get("run") for step in jobs["test"]["steps"]]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step]
    assert {use.split("@")[0] for use in uses} >= {
        "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}
    assert all(re.fullmatch(r"[\w-]+/[\w-]+@v\d+\.\d+\.\d+", use) for use in uses), uses
