"""The test harness itself: the off-site guard fails a test (in Chromium and in WebKit), the one
server behaves as GitHub Pages does (folders, a missing page, a subpath), and Chromium starts with
the features it should."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

from selenium.webdriver.support.wait import WebDriverWait

from helpers import offsite_requests, page_errors, take_own_page_errors
from scripts.browsers.chromium import ONE_DOCUMENT_HOST
from scripts.browsers.static_server import serve


def test_an_offsite_request_is_blocked_and_would_fail_the_test(browser):
    page = browser.new_page()
    page.set_content('<img src="https://example.org/pixel.png" alt="">')
    page.wait_for_load_state("load")
    page.close()
    assert offsite_requests == ["https://example.org/pixel.png"]
    offsite_requests.clear()  # the request was this test's own; the guard worked
    take_own_page_errors("Failed to load resource: net::ERR_NAME_NOT_RESOLVED")  # and so was Chromium's report of it


# A page of the test's own: the site's pages forbid such requests in their Content-Security-Policy.
OFFSITE_PAGE = """<!doctype html><title>Off-site</title><img src="http://example.org/pixel.png" alt="">
<script>fetch("https://example.org/data.json").catch(() => {}); new WebSocket("wss://example.org/socket");</script>"""


def test_an_offsite_request_from_webkit_is_answered_here_and_would_fail_the_test(webkit, tmp_path):
    """The WebKit proxy (scripts/browsers/webkit.py) sees http, https and wss, each with the page that asked."""
    (tmp_path / "index.html").write_text(OFFSITE_PAGE, encoding="utf-8")
    with serve(tmp_path) as url:
        webkit.get(url)
        WebDriverWait(webkit, 10).until(lambda _: len(offsite_requests) == 3)
    expected = [f"{address} (Referer: {url})" for address in ("http://example.org/pixel.png", "https://example.org/data.json")]
    expected.append("https://example.org/socket")  # a WebSocket sends no Referer
    assert sorted(offsite_requests) == sorted(expected)
    offsite_requests.clear()  # the requests were this test's own; the guard worked


# A page of the test's own with errors of each kind: thrown as it loads, logged, and thrown by a handler.
ERRORS_PAGE = """<!doctype html><title>Errors</title><button>Press</button><script>
document.querySelector("button").onclick = () => { console.error("logged"); throw new Error("in a handler"); };
throw new Error("as it loads");</script>"""


def test_a_page_error_in_chromium_is_recorded_and_would_fail_the_test(browser):
    page = browser.new_page()
    page.set_content(ERRORS_PAGE)
    page.click("button")
    page.close()
    take_own_page_errors("uncaught as it loads", "console error 'logged'", "uncaught in a handler")
    assert page_errors == []


def test_a_page_error_in_webkit_is_recorded_and_would_fail_the_test(webkit, tmp_path):
    """WebKit's listener goes in after a page loads (scripts/browsers/webkit.py): it sees what a handler
    throws or logs, not what is thrown as the page loads."""
    (tmp_path / "index.html").write_text(ERRORS_PAGE, encoding="utf-8")
    with serve(tmp_path) as url:
        webkit.get(url)
        webkit.find_element("css selector", "button").click()
    take_own_page_errors("console error logged", "uncaught Error: in a handler")
    assert page_errors == []


def status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_server_answers_as_pages_does_under_a_subpath(tmp_path):
    (tmp_path / "topic").mkdir()
    (tmp_path / "topic" / "index.html").write_text("a topic", encoding="utf-8")
    (tmp_path / "404.html").write_text("not here", encoding="utf-8")
    with serve(tmp_path, prefix="/sub/") as url:
        assert url.endswith("/sub/")
        assert status(url + "topic/") == (200, "a topic")
        assert status(url + "topic") == (200, "a topic")  # redirected to the folder's address
        assert status(url + "nothing/") == (404, "not here")
        assert status(url.removesuffix("sub/") + "topic/") == (404, "not here")


def browser_command_lines() -> list[list[str]]:
    """The command lines of the Chromium browser processes this test process started (through
    Playwright's driver, a child of this process)."""
    def parent(pid: str) -> str:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat[stat.rindex(")") + 2:].split()[1]

    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
            # /usr/bin/chromium is a script that runs /usr/lib/chromium/chromium in its place.
            if args[0].endswith("/chromium") and not any(arg.startswith("--type=") for arg in args) \
                    and parent(parent(pid)) == str(os.getpid()):
                found.append(args)
        except (OSError, IndexError):
            continue  # a process that ended while it was read
    return found


def test_chromium_keeps_every_feature_playwright_disables_and_ours(browser):
    """Chromium keeps only the last --disable-features: ours must repeat all of Playwright's."""
    [args] = browser_command_lines()
    lists = [arg.removeprefix("--disable-features=").split(",") for arg in args if arg.startswith("--disable-features=")]
    assert len(lists) == 2, lists
    playwrights, ours = lists
    assert set(playwrights) <= set(ours), f"add to PLAYWRIGHT_DISABLED_FEATURES: {set(playwrights) - set(ours)}"
    assert set(ONE_DOCUMENT_HOST) <= set(ours)
