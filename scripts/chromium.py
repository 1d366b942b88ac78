"""How every browser check here starts Chromium (Debian's build, with no background traffic) and
keeps it on the site: one launcher and one off-site request guard for the tests and the scripts."""

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
# Addresses a page makes for itself, never fetched from a host.
LOCAL_SCHEMES = ("data:", "blob:")


def launch(playwright):
    """Debian's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def block_offsite(context, allowed_prefix: str | tuple[str, ...], on_blocked: Callable[[str], None]) -> None:
    """Let a browser context fetch only addresses under `allowed_prefix` (one or a tuple, and
    data:/blob:); abort every other request and report its address to `on_blocked`."""

    def route(route_handle) -> None:
        url = route_handle.request.url
        if url.startswith(allowed_prefix) or url.startswith(LOCAL_SCHEMES):
            route_handle.continue_()
        else:
            on_blocked(url)
            route_handle.abort()

    context.route("**/*", route)
