"""Assemble a built site into one self-contained HTML file that opens on a phone.

A phone opens a downloaded page from a content:// address or in a preview, where links to other
files do not work. So the whole site goes into one file: every page of a strict build (the
decision-tree steps too), its own small stylesheet inlined, and no JavaScript. Each page becomes a
section; every link between pages becomes a link to an anchor in the file, and every id is made
unique by prefixing it with its page's anchor. A decision tree's steps stay hidden until a link
targets one (CSS :target), so the reader still answers one question at a time.

Why not mkdocs-print-site-plugin (2.9 on PyPI)? It combines only the pages in the navigation, so
the tree steps, which are not in it, would be missing; its page keeps Material's stylesheets and
scripts as separate files, and needs JavaScript for its table of contents. Reading the finished
HTML here works for any page a hook adds, and the file carries only the CSS it needs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from scripts.output import output_policy
from scripts.output.built_site import NAVIGATION, BuiltPage, Token, read_navigation, read_pages, resolve

TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "offline-file"
# Site furniture that has no use in the file: heading permalinks.
DROPPED = {"headerlink"}
# Attributes that name ids, and so must follow the ids when they are made unique.
ID_REFERENCES = {"for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"}
# A tree step shows its answers or its outcome. Steps are not in the navigation; its start page is.
STEP_CLASSES = {"tree-answers", "tree-outcome"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class SingleFileError(Exception):
    """Something in the built site cannot go into one file: the message says what and where."""


@dataclass(frozen=True)
class Section:
    anchor: str
    body: Markup
    step: bool


@dataclass(frozen=True)
class OneFile:
    html: str
    pages: int
    trees: int  # pages followed by decision-tree steps: each tree's start page
    steps: int


@dataclass(frozen=True)
class ContentsGroup:
    title: str  # "" for pages at the top level of the navigation
    entries: list[tuple[str, str]]  # (anchor, title)


def page_anchor(path: str) -> str:
    """A page's id in the file, from its address: "topics/no-contact.html" -> "topics/no-contact"."""
    stem = path.removesuffix(".html")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return stem or "home"


def is_step(page: BuiltPage, in_navigation: bool) -> bool:
    if in_navigation:
        return False
    return any(STEP_CLASSES & set((dict(token.attrs).get("class") or "").split())
               for token in page.article if token.kind == "start")


class _Rewriter:
    """Writes one page's article back out as HTML, with its links and ids pointing into the file."""

    def __init__(self, page: BuiltPage, pages: dict[str, BuiltPage], steps: set[str]):
        self.page = page
        self.pages = pages
        self.steps = steps
        self.anchor = page_anchor(page.path)

    def local_id(self, value: str) -> str:
        return f"{self.anchor}--{value}"

    def link(self, href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return href
        target = resolve(self.page.path, href, self.pages)
        if target is None:
            raise SingleFileError(f"{self.page.path}: the link {href!r} leads to no page of the site; "
                                  "link to a page in docs/ (the file holds pages only)")
        anchor = page_anchor(target)
        # A step is shown only while it is the target itself, so a link into one goes to its top.
        if parts.fragment and target not in self.steps:
            return f"#{anchor}--{parts.fragment}"
        return f"#{anchor}"

    def attribute(self, name: str, value: str | None) -> tuple[str, str | None]:
        if value is None:
            return name, value
        if name == "id":
            return name, self.local_id(value)
        if name in ID_REFERENCES:
            return name, " ".join(self.local_id(ref) for ref in value.split())
        if name == "href":
            return name, self.link(value)
        if name in ("src", "srcset", "data", "poster") or (name == "style" and "url(" in value):
            raise SingleFileError(f"{self.page.path}: <{name}={value!r}> loads another file; "
                                  "the one-file copy can hold text and inline SVG only")
        return name, value

    def start_tag(self, token: Token) -> str:
        if token.tag in ("script", "iframe", "object", "link", "style"):
            raise SingleFileError(f"{self.page.path}: a <{token.tag}> in the page's text cannot go into "
                                  "the one-file copy, which works without scripts or other files")
        attrs = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value)}"'
            for name, value in (self.attribute(*attr) for attr in token.attrs)
        )
        closing = "/" if token.kind == "startend" and token.tag not in VOID else ""
        return f"<{token.tag}{attrs}{closing}>"

    def render(self) -> Markup:
        out: list[str] = []
        dropping: str | None = None
        for token in self.page.article:
            if dropping:
                if token.kind == "end" and token.tag == dropping:
                    dropping = None
                continue
            if token.kind == "start" and DROPPED & set((dict(token.attrs).get("class") or "").split()):
                dropping = token.tag
            elif token.kind in ("start", "startend"):
                out.append(self.start_tag(token))
            elif token.kind == "end":
                out.append(f"</{token.tag}>")
            else:
                out.append(html.escape(token.text, quote=False))
        return Markup("".join(out))


def folder_page(path: str) -> str:
    """The index page of the folder a page is in."""
    return f"{path.rsplit('/', 1)[0]}/index.html" if "/" in path else "index.html"


def order_pages(pages: dict[str, BuiltPage], in_navigation: list[str]) -> list[str]:
    """The navigation's order, each page not in it straight after its folder's page
    (a tree's steps after the tree's start page), and any others at the end."""
    following: dict[str | None, list[str]] = {}
    for path in pages:
        if path not in in_navigation:
            folder = folder_page(path)
            following.setdefault(folder if folder in in_navigation else None, []).append(path)
    ordered = []
    for path in in_navigation:
        ordered += [path, *following.get(path, [])]
    return ordered + following.get(None, [])


def contents(in_navigation: list[str], titles: dict[str, str], sections: dict[str, str]) -> list[ContentsGroup]:
    """The navigation as a contents list, grouped by its first-level sections. A page the home
    page's menu does not list (it leaves out deeper levels) goes with the page before it."""
    groups: list[ContentsGroup] = []
    for path in in_navigation:
        group = sections[path] if path in sections else (groups[-1].title if groups else "")
        if not groups or not group or groups[-1].title != group:
            groups.append(ContentsGroup(group, []))
        groups[-1].entries.append((page_anchor(path), titles.get(path) or path))
    return groups


def help_page(pages: dict[str, BuiltPage], candidates: list[str]) -> str:
    """The first of the configured help pages (Markdown paths) that the build holds."""
    for source in candidates:
        target = resolve("index.html", source.removesuffix(".md") + "/", pages)
        if target:
            return target
    raise SingleFileError(f"none of the help pages {candidates} is in the build: "
                          "set extra.offline_file_help in mkdocs.yml to pages that exist")


def check_unique(sections: list[Section]) -> None:
    seen: set[str] = {"top", "contents", "contents-title"}
    for section in sections:
        ids = [section.anchor, *re.findall(r' id="([^"]*)"', section.body)]
        for value in ids:
            if value in seen:
                raise SingleFileError(f"the id {value!r} appears twice in the one-file copy; "
                                      f"rename the page or heading in {section.anchor}")
            seen.add(value)


def assemble(site: Path, *, site_name: str, exit_url: str, help_candidates: list[str]) -> OneFile:
    """The whole built site in `site` as one HTML document."""
    pages = read_pages(site)
    navigation = read_navigation(site)
    if navigation is None:
        raise SingleFileError(f"{site} has no {NAVIGATION}: make the one-file copy from an offline build "
                              "(OFFLINE=true), whose plugin writes the navigation there")
    in_navigation, titles = navigation.order, navigation.titles
    steps = {path for path in pages if is_step(pages[path], path in in_navigation)}
    sections = [
        Section(page_anchor(path), _Rewriter(pages[path], pages, steps).render(), path in steps)
        for path in order_pages(pages, in_navigation)
    ]
    check_unique(sections)
    help_path = help_page(pages, help_candidates)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    document = env.get_template("notes.html").render(
        site_name=site_name,
        exit_url=exit_url,
        help=(page_anchor(help_path), titles.get(help_path) or pages[help_path].heading),
        contents=contents(in_navigation, titles, navigation.sections),
        sections=sections,
        css=Markup((TEMPLATES / "notes.css").read_text(encoding="utf-8")),
    )
    # Its Content-Security-Policy: no scripts and no other files, only its own inline stylesheet.
    document = output_policy.read(document).with_policy(document, output_policy.ONE_FILE_POLICY)
    trees = {folder_page(path) for path in steps}
    return OneFile(document, pages=len(sections), trees=len(trees), steps=len(steps))
