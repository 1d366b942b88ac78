"""Shared fixtures and hooks: a strict build of the real site, the site served on 127.0.0.1, and
Chromium and WebKit guarded against off-site requests and page errors. What tests share besides
fixtures is in helpers.py: test modules import from there, never from here."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from helpers import AXE, LOCAL, PHONE, ROOT, Build, close_build_servers, mkdocs_build, offsite_requests, page_errors
from scripts.offline import copies as offline
from scripts.browsers.chromium import launch, report_offsite, report_page_errors
from scripts.browsers.static_server import serve
from scripts.browsers.webkit import launch as launch_webkit


def pytest_sessionfinish(session) -> None:
    close_build_servers()


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


# The guards (helpers.py): every context the `browser` fixture opens, and the `webkit` fixture's
# browser, record requests for another host and page errors, which fail the running test.
def _guard(context):
    report_offsite(context, LOCAL, offsite_requests.append)
    report_page_errors(context, page_errors.append)
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


@pytest.fixture(scope="session")
def webkit():
    """This test process's WebKit (scripts/browsers/webkit.py): one browser and one WebDriver session for
    all the WebKit tests the process runs, since each start costs about three page loads. Like the
    `browser` fixture's Chromium, it cannot reach another host, and a request that tried, or a page
    error it saw (scripts/browsers/webkit.py says which it can see), fails the test that was running (a test
    that means to leave the site takes its own request off `offsite_requests`)."""
    with launch_webkit((PHONE["width"], PHONE["height"]), offsite_requests.append, page_errors.append) as driver:
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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item) -> None:
    offsite_requests.clear()
    page_errors.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    # Requests made while the test's fixtures were set up count too: they were for this test.
    blocked, offsite_requests[:] = list(offsite_requests), []
    assert not blocked, f"requests that left the test site were blocked: {blocked[:10]}"
    errors, page_errors[:] = list(page_errors), []
    assert not errors, "errors in a page: " + "; ".join(errors[:10])
    return result


