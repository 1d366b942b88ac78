"""Shared fixtures: strict builds of the real site and of small fixture sites, the site served
on 127.0.0.1, and Chromium and WebKit guarded against off-site requests."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from build_server import BuildServer
from scripts.offline import copies as offline
from scripts.build import strict_build
from scripts.browsers.chromium import launch, report_offsite, report_page_errors
from scripts.measure.search_quality import type_query
from scripts.browsers.static_server import serve
from scripts.browsers.webkit import launch as launch_webkit

ROOT = Path(__file__).resolve().parent.parent
# axe-core, as npm installs it (package-lock.json).
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


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


def pytest_sessionfinish(session) -> None:
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


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder `build` fills once per test run. Under pytest-xdist each worker is a process with
    its own session fixtures, so the first worker to ask builds into a folder all of the run's
    workers share, and the others wait for it instead of building the same thing again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # this run's folder, above each worker's own
    folder, done = root / name, root / f"{name}.done"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """One strict build of the real site, shared by every test that reads it."""

    def build(folder: Path) -> None:
        result = mkdocs_build(ROOT, folder / "site")
        (folder / "result.json").write_text(json.dumps({"returncode": result.returncode, "log": result.log}))

    folder = built_once(tmp_path_factory, "real", build)
    result = json.loads((folder / "result.json").read_text())
    return Build(result["returncode"], result["log"], folder / "site")


@pytest.fixture(scope="session")
def built_site(real_site) -> Path:
    assert real_site.ok, real_site.log
    return real_site.site


@pytest.fixture(scope="session")
def offline_build(built_site, tmp_path_factory) -> Path:
    """The site's offline build, unpacked from the zip the real build serves, for both offline
    copies' tests (it holds every page of the build but the server's 404 page)."""

    def unpack(folder: Path) -> None:
        with zipfile.ZipFile(built_site / offline.ZIP_PUBLISHED_AT) as archive:
            archive.extractall(folder)

    return built_once(tmp_path_factory, "offline", unpack) / offline.NAME


@pytest.fixture(scope="session")
def notes(built_site, tmp_path_factory) -> Path:
    """The one-file copy the site serves, copied alone into an empty folder: it must need nothing
    beside it (test_offline_file.py, and in WebKit test_webkit.py)."""
    alone = tmp_path_factory.mktemp("alone") / "notes.html"
    shutil.copyfile(built_site / offline.FILE_PUBLISHED_AT, alone)
    return alone


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1 for the browser tests."""
    with serve(built_site) as url:
        yield url


# Off-site requests: the `browser` fixture's Chromium cannot reach another host (see
# scripts/browsers/chromium.py), and every context it opens reports a request that tried, which fails the
# test that was running, whether or not the test looks: see pytest_runtest_call below.
LOCAL = ("http://127.0.0.1:", "file://")
_offsite_requests: list[str] = []
# Page errors: an uncaught exception or a console error in any page of any browser, Chromium or
# WebKit, fails the test that was running, in the same way.
_page_errors: list[str] = []


def _guard(context):
    report_offsite(context, LOCAL, _offsite_requests.append)
    report_page_errors(context, _page_errors.append)
    return context


class GuardedBrowser:
    """Chromium, whose every new context and page is guarded against off-site requests and page
    errors."""

    def __init__(self, chromium):
        self._chromium = chromium

    def new_context(self, **options):
        return _guard(self._chromium.new_context(**options))

    def new_page(self, **options):
        page = self._chromium.new_page(**options)
        _guard(page.context)
        return page

    def __getattr__(self, name):
        return getattr(self._chromium, name)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield GuardedBrowser(chromium)
        chromium.close()


# Safari's engine on a phone: the page is 390 x 844 CSS pixels, as on an iPhone 12 to 14.
WEBKIT_PHONE = (390, 844)


@pytest.fixture(scope="session")
def webkit():
    """This test process's WebKit (scripts/browsers/webkit.py): one browser and one WebDriver session for
    all the WebKit tests the process runs, since each start costs about three page loads. Like the
    `browser` fixture's Chromium, it cannot reach another host, and a request that tried, or a page
    error it saw (see scripts/webkit.py for which), fails the test that was running (a test that means to leave the site takes its own request off
    `_offsite_requests`)."""
    with launch_webkit(WEBKIT_PHONE, _offsite_requests.append, _page_errors.append) as driver:
        yield driver


# A new tab starts a new renderer process: with its first page, that costs Chromium about five
# times the CPU of loading a page in a tab already open (1.4 s against 0.27 s, measured here).
@pytest.fixture(scope="session")
def shared_tabs(browser):
    """The run's tabs for tests that need nothing fresh, one for each set of context options."""
    tabs: dict[tuple[bool, bool, bool], Page] = {}
    yield tabs
    for page in tabs.values():
        page.context.close()


@pytest.fixture
def reader_tab(shared_tabs, browser, site_url):
    """open(viewport, color_scheme="light", javascript=True, has_touch=False, reduced_motion=...,
    axe=False) -> the run's tab for those context options (axe: axe-core in every page), with this
    test's screen size and media settings.
    For tests that load their own pages: what a visit leaves behind, a first visit, and routes are
    tested in contexts of their own. The site's storage is cleared after the test, so that, say, a
    colour picked in one test does not show in the next."""
    used = []

    def open_tab(viewport: dict, color_scheme: str = "light", javascript: bool = True, has_touch: bool = False,
                 reduced_motion: str = "no-preference", axe: bool = False) -> Page:
        key = (javascript, has_touch, axe)
        if key not in shared_tabs:
            context = browser.new_context(java_script_enabled=javascript, has_touch=has_touch)
            if axe:
                # Injected into every page the context opens. Page.add_script_tag(path=AXE) does the
                # same but sends the 560 KB script to the browser for each page load: a quarter slower.
                context.add_init_script(path=str(AXE))
            shared_tabs[key] = context.new_page()
        page = shared_tabs[key]
        page.set_viewport_size(viewport)
        page.emulate_media(media="screen", color_scheme=color_scheme, reduced_motion=reduced_motion)
        used.append((page, javascript))
        return page

    yield open_tab
    for page, javascript in used:
        if javascript and page.url.startswith(site_url):
            page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")


def guard_requests(context, allowed_prefix: str, blocked: list[str]) -> None:
    """Narrow the guard of a context to addresses under `allowed_prefix`: a request elsewhere that
    failed (as every request to another host does) is recorded in `blocked` and fails the test."""

    def record(url: str) -> None:
        blocked.append(url)
        _offsite_requests.append(url)

    report_offsite(context, allowed_prefix, record)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    _offsite_requests.clear()
    _page_errors.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    # Requests made while the test's fixtures were set up count too: they were for this test.
    blocked, _offsite_requests[:] = list(_offsite_requests), []
    assert not blocked, f"requests that left the test site were blocked: {blocked[:10]}"
    errors, _page_errors[:] = list(_page_errors), []
    assert not errors, "errors in a page: " + "; ".join(errors[:10])
    return result


def follow(link) -> None:
    """Click a link and wait for the page it leads to. A click returns as soon as the
    navigation starts, so reading the page straight after it may still read the old one."""
    with link.page.expect_navigation(wait_until="load"):
        link.click()


def search_results(page, query: str) -> int:
    """Type a query into the search box and return how many results (pages) show for it."""
    type_query(page, query)
    return page.locator(".md-search-result__item").count()
