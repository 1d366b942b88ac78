"""Read the pages of a built site: each page's article, its title and its place in the navigation.

Only the HTML that MkDocs and Material wrote is read, so every page counts, whether it was
written in Markdown or generated from data (the decision-tree steps). The navigation (the pages'
order, their titles in the menu, and its first-level sections such as "Topics" and "Decide") comes
from MkDocs: the site's plugin writes it into the offline build's folder (scripts/plugin/navigation.py),
so no label of Material's footer or menu is read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Only a web server shows 404.html; it is no page to read.
SERVER_ONLY = {"404.html"}
# The offline build's navigation, which the plugin writes for the one-file copy; left out of the zip.
NAVIGATION = "navigation.json"


@dataclass(frozen=True)
class Token:
    """One piece of an article, as the parser met it: a start tag, an end tag or text."""

    kind: str  # "start", "startend", "end" or "text"
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""


@dataclass
class BuiltPage:
    path: str  # relative to the site folder, with forward slashes: "topics/no-contact.html"
    heading: str = ""
    article: list[Token] = field(default_factory=list)


def _classes(attrs) -> set[str]:
    return set((dict(attrs).get("class") or "").split())


class _PageParser(HTMLParser):
    """Keeps the tokens inside <article> and the first heading's text."""

    def __init__(self, page: BuiltPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_article = False
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        self._start("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._start("startend", tag, attrs)

    def _start(self, kind, tag, attrs):
        if tag == "article":
            self.in_article = True
            return
        if self.in_article:
            self.page.article.append(Token(kind, tag, tuple(attrs)))
            if tag == "h1" and not self.page.heading:
                self.in_heading = True
            if tag == "a" and "headerlink" in _classes(attrs):
                self.in_heading = False

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        elif self.in_article:
            self.page.article.append(Token("end", tag))
            if tag == "h1":
                self.in_heading = False

    def handle_data(self, data):
        if self.in_article:
            self.page.article.append(Token("text", text=data))
            if self.in_heading:
                self.page.heading += data


def read_page(site: Path, html: Path) -> BuiltPage:
    page = BuiltPage(html.relative_to(site).as_posix())
    parser = _PageParser(page)
    parser.feed(html.read_text(encoding="utf-8"))
    parser.close()
    page.heading = " ".join(page.heading.split())
    return page


def read_pages(site: Path) -> dict[str, BuiltPage]:
    """Every page a reader can open, by its path in the site."""
    pages = {}
    for html in sorted(site.rglob("*.html")):
        page = read_page(site, html)
        if page.path not in SERVER_ONLY:
            pages[page.path] = page
    return pages


def resolve(from_path: str, href: str, pages: dict) -> str | None:
    """The page a relative link leads to, whether the build wrote directory or .html addresses."""
    path = href.split("#", 1)[0]
    if not path:
        return from_path
    joined = Path(from_path).parent.joinpath(path).as_posix()
    parts: list[str] = []
    for part in joined.split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    base = "/".join(parts)
    if path.endswith("/") or not parts:
        candidates = [f"{base}/index.html".lstrip("/"), f"{base}.html"]
    else:
        candidates = [base, f"{base}/index.html", f"{base}.html"]
    return next((candidate for candidate in candidates if candidate in pages), None)


@dataclass(frozen=True)
class Navigation:
    """The pages in the navigation, in order, each one's title in the menu, and each one's
    first-level section ("" for a page at the top level)."""

    order: list[str]
    titles: dict[str, str]
    sections: dict[str, str]


def read_navigation(site: Path) -> Navigation | None:
    """The navigation the plugin wrote into an offline build's folder, or None if there is none."""
    path = site / NAVIGATION
    if not path.is_file():
        return None
    entries = json.loads(path.read_text(encoding="utf-8"))
    return Navigation(order=[entry["path"] for entry in entries],
                      titles={entry["path"]: entry["title"] for entry in entries},
                      sections={entry["path"]: entry["section"] for entry in entries})
