"""How every browser check here starts Chromium (Debian's build, with no background traffic, unable
to reach another host) and notices a page that tries: for the tests and the scripts alike."""

from __future__ import annotations

from collections.abc import Callable

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling Google's hosts, which this machine refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every host but this machine fails to resolve, so no request can leave it. Unlike a Playwright
# route, this keeps the browser's cache on: with a route on every request, each page fetched and
# compiled Material's scripts again (the tree walks took twice as long).
NO_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
# The checks open hundreds of pages one after another in a tab. By default Chromium gives each new
# page a new frame host (RenderDocument) and, between pages of one site, a new browsing instance:
# with both off, the whole test suite takes about 5% less CPU (measured A/B/A/B with `make test`).
ONE_DOCUMENT_HOST = ["ProactivelySwapBrowsingInstance", "RenderDocument"]
# Chromium keeps only the last --disable-features it is given, and Playwright passes its own list
# first, so ours repeats Playwright's (1.65.2's, from the browser's command line).
# tests/test_harness.py fails if a Playwright upgrade disables a feature this list lacks.
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin",
    "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
]
DISABLED_FEATURES = "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + ONE_DOCUMENT_HOST)
# Addresses a page makes for itself, never fetched from a host.
LOCAL_SCHEMES = ("data:", "blob:")


def launch(playwright):
    """Debian's Chromium, headless, through Playwright, unable to reach any other host. (Lighthouse
    starts Chromium itself, with CHROMIUM_ARGS only: it measures the browser as readers have it.)"""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, NO_OTHER_HOSTS, DISABLED_FEATURES])


def report_offsite(context, allowed_prefix: str | tuple[str, ...], on_offsite: Callable[[str], None]) -> None:
    """Report to `on_offsite` every request of a browser context, outside `allowed_prefix` (one or
    a tuple, and data:/blob:), that failed: with `launch`'s Chromium, that is every request to
    another host, except those a test answers itself with a route (a stub for the quick exit)."""

    def failed(request) -> None:
        if not request.url.startswith(allowed_prefix) and not request.url.startswith(LOCAL_SCHEMES):
            on_offsite(request.url)

    context.on("requestfailed", failed)


def report_page_errors(context, on_error: Callable[[str], None]) -> None:
    """Report to `on_error` every uncaught exception thrown in a page of a browser context, and
    every message a page logs as a console error (a script's `console.error`, a resource that
    failed to load, a Content-Security-Policy refusal), each as one line naming the page."""

    def uncaught(error) -> None:
        on_error(f"uncaught {error.error.message} on {error.page.url if error.page else 'a page'}")

    def console(message) -> None:
        if message.type == "error":
            on_error(f"console error {message.text!r} on {message.page.url if message.page else 'a page'}")

    context.on("weberror", uncaught)
    context.on("console", console)
