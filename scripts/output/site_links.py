"""Every local address on every page of a built site names a file the site holds.

MkDocs checks the links written in Markdown; nothing checks those a theme template writes (the
footer's downloads, the banner's help link) or raw HTML in a page. So after every build, and in
the tests' scan of every page, each page's local `href` and `src` is resolved in the built site:
one that names no file, or an `#id` that is not on the page it names, is reported with the page
and the address. A build with a link to no file fails (scripts/plugin/links.py).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

# The attribute of each element that names another file.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class Links(Protocol):
    """What the check needs from a page: its ids, and its addresses as (tag, address, rel)."""

    ids: list[str]
    urls: list[tuple[str, str, str]]


@dataclass
class PageLinks:
    ids: list[str] = field(default_factory=list)
    urls: list[tuple[str, str, str]] = field(default_factory=list)


class _LinkReader(HTMLParser):
    def __init__(self, links: PageLinks):
        super().__init__(convert_charrefs=True)
        self.links = links

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.links.ids.append(attrs["id"])
        address = attrs.get(LINK_ATTRIBUTES.get(tag, ""))
        if address is not None:
            self.links.urls.append((tag, address, attrs.get("rel") or ""))


def read_links(html: str) -> PageLinks:
    links = PageLinks()
    _LinkReader(links).feed(html)
    return links


def site_files(site: Path) -> set[str]:
    """Every file in the built site, as a path from its top with forward slashes."""
    return {Path(folder, name).relative_to(site).as_posix() for folder, _, names in os.walk(site) for name in names}


def read_site(site: Path, files: set[str], not_pages: set[str]) -> dict[str, PageLinks]:
    """The links of every HTML file among `files`, but those in `not_pages`."""
    return {path: read_links((site / path).read_text(encoding="utf-8")) for path in sorted(files)
            if path.endswith(".html") and path not in not_pages}


def _target(page: str, address: str, prefix: str, files: set[str]) -> tuple[str, str] | None:
    """The file (path from the site's top) and #fragment that `address` on `page` names, or None
    if it is on another host or has a scheme (mailto:, tel:). An address from the root must start
    with `prefix`, the path the site is served under."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page, fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(prefix):
            return f"(outside {prefix}){path}", fragment
        path = path[len(prefix):]
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    path = posixpath.normpath("/" + path).lstrip("/")
    index = posixpath.join(path, "index.html") if path else "index.html"
    return (index if index in files else path), fragment


def dead_links(site: Path, pages: Mapping[str, Links] | None = None, prefix: str = "/",
               not_pages: set[str] = frozenset(), anchors: bool = True) -> list[str]:
    """Addresses on the site's pages that name no file, and (with `anchors`) #fragments of links
    that name no id on their page, as "/page: <tag> address (what is wrong)". `pages`: each HTML
    file's links, by its path from the site's top, if already read; else every HTML file in
    `site` is read, but those in `not_pages`. `prefix`: see _target."""
    files = site_files(site)
    pages = read_site(site, files, not_pages) if pages is None else pages
    ids = {path: set(page.ids) for path, page in pages.items()}
    dead = []
    for path, page in pages.items():
        for tag, address, _ in page.urls:
            found = _target(path, address, prefix, files)
            if found is None:
                continue
            file, fragment = found
            if file not in files:
                dead.append(f"/{path}: <{tag}> {address} (no file)")
            elif anchors and fragment and tag == "a" and file.endswith(".html") and fragment not in ids.get(file, ()):
                dead.append(f"/{path}: <a> {address} (no id {fragment!r})")
    return dead
