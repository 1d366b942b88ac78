"""How every browser check here starts Chromium: Debian's build, with no background traffic."""

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps calling Google's hosts, which this machine refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
