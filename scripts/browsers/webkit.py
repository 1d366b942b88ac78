"""How every WebKit check here starts Safari's engine (every browser on an iPhone runs it): Debian's
WebKitGTK, driven through its WebDriver (WebKitWebDriver) by Selenium, on a virtual screen, with a
new empty profile each time, unable to reach another host, and noticing a page that tries. The
WebKit counterpart of scripts/browsers/chromium.py.

Playwright's own WebKit build cannot be downloaded here, so Debian's packages do the work:
`webkit2gtk-driver` (the driver, which starts WebKitGTK's MiniBrowser) and `xvfb` (WebKitGTK
has no headless mode, so the browser draws into a window on a screen in memory).
"""

from __future__ import annotations

import contextlib
import os
import socketserver
import ssl
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.remote.command import Command
from selenium.webdriver.support.wait import WebDriverWait
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from scripts.browsers.static_server import running

WEBDRIVER = "/usr/bin/WebKitWebDriver"
XVFB = "/usr/bin/Xvfb"
# The screen in memory, larger than any window the checks open.
SCREEN = "1024x1024x24"
# Hosts the browser reaches directly: this machine, where the tests serve the site.
THIS_MACHINE = ("127.0.0.1", "localhost")
# MiniBrowser's toolbar holds its window to at least 447 px wide, more than a phone. The profile's
# GTK style takes the padding and minimum sizes off the toolbar's buttons, so that the window can
# be as narrow as a phone; the page itself is not touched.
NARROW_TOOLBAR_CSS = "button, entry { padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; }\n"


# What the proxy answers to every request for another host, so that a page that leaves the site
# (the quick exit) arrives somewhere, and the test sees where it went.
# (Its icon is inline: the browser asks no more of that host than the page.)
NOT_REACHED = b"<!doctype html><link rel=icon href=\"data:,\"><title>Not reached</title><p>The tests reach no other host.</p>"


class _AnsweringProxy(socketserver.ThreadingTCPServer):
    """The browser's proxy for every host but this machine. It connects to nothing: it answers
    each request itself, with 403 and NOT_REACHED, and reports the address that was asked for,
    with the Referer if one was sent (http://... as sent; https://... read inside the tunnel the
    browser asks for, which the proxy ends with a certificate of its own that the browser is
    told to accept)."""

    daemon_threads = True

    def __init__(self, on_offsite: Callable[[str], None], tls: ssl.SSLContext):
        self.on_offsite = on_offsite
        self.tls = tls
        super().__init__(("127.0.0.1", 0), _Answer)


def _read_head(stream) -> tuple[str, str, dict[str, str]]:
    """The method, target and headers (lower-case names) of the HTTP request on `stream`."""
    method, target = stream.readline(8192).decode("latin-1").split(" ")[:2]
    headers = {}
    while (line := stream.readline(8192).decode("latin-1").strip()):
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return method, target, headers


class _Answer(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        try:
            method, target, headers = _read_head(self.rfile)
            if method != "CONNECT":
                self._answer(self.wfile, target, headers)
                return
            self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self.wfile.flush()
            with self.server.tls.wrap_socket(self.connection, server_side=True) as tunnel:
                with tunnel.makefile("rwb") as stream:
                    _, path, headers = _read_head(stream)
                    self._answer(stream, f"https://{headers.get('host', target)}{path}", headers)
        except (OSError, ValueError) as error:  # a connection that broke off: still reported
            self.server.on_offsite(f"a request that broke off ({error})")

    def _answer(self, stream, address: str, headers: dict[str, str]) -> None:
        # The page that sent the request, if the browser said (a quick exit must not say).
        referer = headers.get("referer")
        self.server.on_offsite(f"{address} (Referer: {referer})" if referer else address)
        stream.write(b"HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nConnection: close\r\n"
                     b"Content-Length: %d\r\n\r\n%s" % (len(NOT_REACHED), NOT_REACHED))
        stream.flush()


def _self_signed(folder: Path) -> ssl.SSLContext:
    """A TLS server context with a certificate made for this run (Debian's openssl)."""
    key, certificate = folder / "proxy-key.pem", folder / "proxy-cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=not-reached", "-keyout", key, "-out", certificate],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    return context


@contextlib.contextmanager
def _virtual_screen() -> Iterator[str]:
    """An X server in memory on a free display number; yield the display (":N")."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen([XVFB, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                            pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            display = announced.readline().strip()  # Xvfb writes the number once it is ready
        if not display:
            raise RuntimeError(f"{XVFB} did not start (exit code {xvfb.wait()})")
        yield f":{display}"
    finally:
        xvfb.terminate()
        xvfb.wait()


def _browser_environment(profile: Path, display: str, proxy: str) -> dict[str, str]:
    """The driver's environment, which the browser it starts inherits: the virtual screen, a home
    and settings folders inside `profile`, and every host but this machine sent to `proxy`
    (GLib's proxy settings, read from the environment: the WebDriver proxy capability sends https
    to a proxy only over TLS, which would hide the host that was asked for)."""
    config = profile / "config"
    (config / "gtk-3.0").mkdir(parents=True)
    (config / "gtk-3.0" / "gtk.css").write_text(NARROW_TOOLBAR_CSS, encoding="utf-8")
    inherited = {name: value for name, value in os.environ.items() if not name.lower().endswith("_proxy")}
    return {
        **inherited,
        "DISPLAY": display,
        "HOME": str(profile),
        "XDG_CONFIG_HOME": str(config),
        "XDG_CACHE_HOME": str(profile / "cache"),
        "XDG_DATA_HOME": str(profile / "data"),
        "XDG_STATE_HOME": str(profile / "state"),
        "GIO_USE_PROXY_RESOLVER": "libproxy",
        "http_proxy": proxy,
        "https_proxy": proxy,
        "no_proxy": ",".join(THIS_MACHINE),
        # A phone's browser names a language and a region, which the help cards read: en-US, as
        # Playwright's Chromium says. WebKitGTK takes it from the locale's name (which need not be
        # installed).
        "LC_ALL": "en_US.UTF-8",
        "LANG": "en_US.UTF-8",
        "NO_AT_BRIDGE": "1",  # no accessibility bus to talk to on a virtual screen
        # No GPU here: composited through Mesa's software OpenGL, a page took three times the CPU
        # (10 pages: 5.3 s against 1.7 s). Layout, style and script are the same either way.
        "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
        # GStreamer (WebKit's media) finds no plugins: the site plays no media, and listing the
        # system's plugins into a new profile cost half a second of CPU at every start.
        "GST_PLUGIN_SYSTEM_PATH_1_0": str(profile),
        "GST_PLUGIN_PATH_1_0": "",
    }


# Page errors. WebKitWebDriver offers no browser log (Selenium has no `get_log` for it, and it
# refuses BiDi's `webSocketUrl`), and MiniBrowser's `--enable-write-console-messages-to-stdout`
# writes nowhere under the driver. So every page gets a listener, put in by the first command
# after it loads, that records uncaught exceptions, rejected promises, resources that failed to
# load and `console.error` calls; each command that could make or meet an error reads them back.
# What it cannot see: an error thrown while a page loads, before the listener is in (Chromium's
# tests see those).
RECORD_PAGE_ERRORS = """
if (!window.__testPageErrors) {
  const errors = window.__testPageErrors = [];
  window.addEventListener("error", (event) => errors.push(event instanceof ErrorEvent
    ? `uncaught ${event.message}` : `failed to load ${event.target.src || event.target.href}`), true);
  window.addEventListener("unhandledrejection", (event) => errors.push(`unhandled rejection ${event.reason}`));
  const consoleError = console.error;
  console.error = function (...args) { errors.push(`console error ${args.join(" ")}`); return consoleError.apply(this, args); };
}
return window.__testPageErrors.splice(0).map((error) => `${error} on ${location.href}`);
"""
# The commands after which the page is read: those that load a page, act on it or run a script.
_COMMANDS_THAT_MEET_ERRORS = {
    Command.GET, Command.GO_BACK, Command.GO_FORWARD, Command.REFRESH, Command.CLICK_ELEMENT,
    Command.CLEAR_ELEMENT, Command.SEND_KEYS_TO_ELEMENT, Command.W3C_ACTIONS, Command.W3C_EXECUTE_SCRIPT,
    Command.W3C_EXECUTE_SCRIPT_ASYNC,
}


class _ErrorWatchingWebKitGTK(webdriver.WebKitGTK):
    """The WebKitGTK driver, passing every page error it sees to `on_page_error`."""

    def __init__(self, on_page_error: Callable[[str], None], **options):
        self._on_page_error = on_page_error
        self._reading_errors = False
        super().__init__(**options)

    def execute(self, driver_command: str, params: dict | None = None) -> dict:
        response = super().execute(driver_command, params)
        if driver_command in _COMMANDS_THAT_MEET_ERRORS and not self._reading_errors:
            self._reading_errors = True
            try:
                errors = super().execute(Command.W3C_EXECUTE_SCRIPT, {"script": RECORD_PAGE_ERRORS, "args": []})["value"]
            except WebDriverException:  # an alert is open, or a page is on its way: read it next time
                errors = []
            finally:
                self._reading_errors = False
            for error in errors:
                self._on_page_error(error)
        return response


def _fit_viewport(driver, width: int, height: int) -> None:
    """Size the window so that the page gets `width` x `height` CSS pixels, below the toolbar.
    The page learns of a new window size a moment after the driver answers, so each is awaited."""

    def resize(window_height: int, settled) -> list[int]:
        """Set the window's size; return the page's [width, height] once `settled` says so."""
        driver.set_window_size(width, window_height)
        try:
            return WebDriverWait(driver, 10).until(
                lambda _: settled(shown := driver.execute_script("return [innerWidth, innerHeight]")) and shown)
        except TimeoutException:
            shown = driver.execute_script("return [innerWidth, innerHeight]")
            raise RuntimeError(f"WebKit shows pages {shown[0]}x{shown[1]} px, not {width}x{height}: "
                               "has MiniBrowser's toolbar grown (see NARROW_TOOLBAR_CSS)?") from None

    _, page_height = resize(height, lambda shown: shown[0] == width)
    resize(2 * height - page_height, lambda shown: shown == [width, height])  # taller by the toolbar's height


@contextlib.contextmanager
def launch(viewport: tuple[int, int], on_offsite: Callable[[str], None],
           on_page_error: Callable[[str], None]) -> Iterator[webdriver.WebKitGTK]:
    """WebKitGTK with a page of `viewport` CSS pixels, a profile that is deleted afterwards,
    every request to another host refused and passed to `on_offsite`, and every page error it sees
    passed to `on_page_error`. One session per driver: WebKitWebDriver serves one at a time."""
    with (tempfile.TemporaryDirectory(prefix="webkit-profile-") as profile,
          _virtual_screen() as display,
          running(_AnsweringProxy(on_offsite, _self_signed(Path(profile)))) as proxy):
        service = Service(executable_path=WEBDRIVER, env=_browser_environment(Path(profile), display, proxy))
        options = Options()
        options.accept_insecure_certs = True  # the proxy's own certificate, for every other host
        driver = _ErrorWatchingWebKitGTK(on_page_error, options=options, service=service)
        try:
            _fit_viewport(driver, *viewport)
            yield driver
        finally:
            driver.quit()
