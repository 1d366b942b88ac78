"""The site's promises, checked on every built page, and written into each page's
Content-Security-Policy so that the browser keeps them too.

Whatever a page's Markdown, data or template holds, a built page:
- loads nothing from another host: no <img>, srcset, <link>, <script>, <iframe>, <video>, <audio>,
  <source>, <track>, <embed>, <object>, SVG href or CSS url() / @import with a host of its own;
- has no javascript: or data: address in any attribute;
- runs no script but the site's own: <script src> of a file on the site, and inline scripts only
  in the theme's templates, never in a page's content; no inline event handlers (onclick=...);
- sends nothing to another host by itself: no <meta http-equiv="refresh">, no ping= on a link, no
  form that submits elsewhere;
- has no style= attribute (the policy below would block it in the browser: use a class in
  overrides/assets/site.css);
- has no <base> (it would move every relative address), each id once, and one <h1>.

`read` lists what a page breaks, each naming the element; the build's adapter
(scripts/plugin/plugin.py) stops the build naming the page it came from. `with_policy` fills the
page's <meta http-equiv="Content-Security-Policy"> (the template places it, empty, first in
<head>) with the policy and a hash of each inline script and style the page has: the browser
then refuses anything else, from a planted image to a script a later bug lets through.
No MkDocs here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from scripts.content.text_reader import cut_short, lookalike_problem

# Attributes that load what they name, by element (SVG's <image>, <use> and <feImage> too).
LOADING = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "frame": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
# Attributes that load what they name on any element: old HTML's background image.
LOADING_ANYWHERE = ("background",)
# <link rel=...> that loads nothing: the page's public address, and the pages before and after it.
LINK_RELS_THAT_LOAD_NOTHING = {"canonical", "prev", "next"}
# Attributes that hold an address: one a reader may follow, a form may send to, or an SVG
# animation may set (to=, from=, values=).
ADDRESSES = {"href", "src", "srcset", "imagesrcset", "action", "formaction", "poster", "data", "xlink:href", "cite",
             "background", "to", "from", "values"}
# Script types a browser runs; any other (Material's JSON settings) is data.
RUNNABLE = {"", "text/javascript", "module", "application/javascript"}
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import\s+(['\"])(.*?)\3", re.IGNORECASE | re.DOTALL)
POLICY_META = '<meta http-equiv="Content-Security-Policy" content="">'
# Schemes that fetch nothing from a host (javascript: and data: are refused on their own).
NOT_FETCHED = {"", "data", "javascript", "vbscript", "mailto", "tel", "sms"}
REFUSED_SCHEMES = ("javascript", "data", "vbscript")

# The policy of the site, online: only its own files, and only the theme's inline scripts (their
# hashes are added page by page). Images may be data: addresses because Material's stylesheet
# draws its icons with them; the pages themselves may not hold one (see read).
SITE_POLICY = {
    "default-src": ["'none'"], "script-src": ["'self'"], "style-src": ["'self'"],
    "img-src": ["'self'", "data:"], "font-src": ["'self'"], "connect-src": ["'self'"],
    "worker-src": ["'self'"], "manifest-src": ["'self'"], "base-uri": ["'none'"], "form-action": ["'none'"],
}
# The live preview (`mkdocs serve`): MkDocs adds an inline script to every page it serves, to reload
# it after a save, with a number that changes each time; no hash can allow it. Never published.
PREVIEW_POLICY = {**SITE_POLICY, "script-src": ["'self'", "'unsafe-inline'"]}
# The one-file copy: no scripts, no other files; its one stylesheet is inline (hashed).
ONE_FILE_POLICY = {"default-src": ["'none'"], "img-src": ["data:"], "base-uri": ["'none'"], "form-action": ["'none'"]}


@dataclass
class _Page:
    problems: list[str] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    h1: int = 0
    policy_metas: int = 0
    inline_scripts: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)


def element(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    """An element as it is named in a message: its tag and attributes, cut short."""
    shown = " ".join(f'{name}="{value}"' if value is not None else name for name, value in attrs)
    return cut_short(f"<{tag}{' ' + shown if shown else ''}>")


# What a browser drops from the ends of an address: spaces and control characters.
_ENDS = "".join(map(chr, range(33)))


def as_browsers_read(address: str) -> str:
    """An address as a browser reads it: without the tabs and line breaks it drops anywhere, the
    spaces and controls it drops at the ends, and with backslashes as slashes (\\\\host is //host)."""
    return re.sub(r"[\t\n\r]", "", address).strip(_ENDS).replace("\\", "/")


def offsite(address: str) -> bool:
    """An address on another host: with a host of its own (https://x, //x), or a scheme that
    fetches from somewhere else (ftp:, file:)."""
    parts = urlsplit(as_browsers_read(address))
    return bool(parts.netloc) or parts.scheme.lower() not in NOT_FETCHED


def refused_scheme(address: str) -> str | None:
    """The scheme of an address that runs code or carries a document of its own (javascript:, data:)."""
    scheme = urlsplit(as_browsers_read(address)).scheme.lower()
    return scheme if scheme in REFUSED_SCHEMES else None


def srcset_addresses(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def css_problems(css: str) -> list[str]:
    """What a stylesheet (a file, or a <style> element) loads from another host, or runs."""
    found = []
    for match in CSS_URL.finditer(css):
        address = (match.group(2) if match.group(2) is not None else match.group(4)).strip()
        # Material draws its icons with data: SVGs in its stylesheets; only hosts are refused here.
        if offsite(address):
            found.append(f"url({cut_short(address)}) loads from another host")
        elif refused_scheme(address) == "javascript":
            found.append(f"url({cut_short(address)}) is a javascript: address")
    return found


class _Reader(HTMLParser):
    def __init__(self, page: _Page, content: bool):
        super().__init__(convert_charrefs=True)
        self.page, self.content = page, content
        self.in_script: str | None = None  # the type of the inline script being read
        self.in_style = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._element(tag, attrs)
        if tag == "script" and not dict(attrs).get("src"):
            self.in_script, self.text = (dict(attrs).get("type") or "").strip().lower(), []
        if tag == "style":
            self.in_style, self.text = True, []

    def handle_startendtag(self, tag, attrs):
        self._element(tag, attrs)

    def handle_data(self, data):
        if self.in_script is not None or self.in_style:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.in_script is not None:
            if self.in_script in RUNNABLE:
                self.page.inline_scripts.append("".join(self.text))
            self.in_script = None
        if tag == "style" and self.in_style:
            css = "".join(self.text)
            self.page.inline_styles.append(css)
            self.page.problems += [f"<style>: {problem}" for problem in css_problems(css)]
            self.in_style = False

    def _element(self, tag, attrs):
        page = self.page
        values = {name: value or "" for name, value in attrs}

        def refuse(problem: str) -> None:
            page.problems.append(f"{element(tag, attrs)}: {problem}")

        if tag == "h1":
            page.h1 += 1
        if tag == "base":
            refuse("a <base> element changes where every relative address leads; remove it")
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            page.policy_metas += 1
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            refuse("a page that moves to another address by itself; link to it instead")
        if tag == "script":
            if self.content:
                refuse("a page's text may not hold a script; the site's scripts live in overrides/assets/")
            elif any(offsite(values[name]) for name in ("src", "href", "xlink:href") if values.get(name)):
                refuse("a script from another host; only the site's own files may run")
        if tag == "style" and self.content:
            refuse("a page's text may not hold a stylesheet; style the site in overrides/assets/site.css")
        if "id" in values:
            page.ids[values["id"]] = page.ids.get(values["id"], 0) + 1
            if lookalike := lookalike_problem(values["id"]):
                refuse(lookalike)
        for name, value in values.items():
            if name.startswith("on"):
                refuse(f"an inline event handler ({name}=); scripts belong in overrides/assets/")
            elif name == "style":
                refuse("a style= attribute, which the page's Content-Security-Policy blocks; "
                       "give the element a class and style it in overrides/assets/site.css")
            elif name == "ping":
                refuse("ping= tells another address each time the link is followed; remove it")
            elif name in ("action", "formaction") and offsite(value):
                refuse("a form that sends what she types to another host; remove it")
            if name in ADDRESSES and (scheme := refused_scheme(value)):
                refuse(f"a {scheme}: address; link to a page or a file of the site, or a web page")
        loads = [name for name in (*LOADING.get(tag, ()), *LOADING_ANYWHERE) if values.get(name)]
        if tag == "link" and not set(values.get("rel", "").lower().split()) & LINK_RELS_THAT_LOAD_NOTHING:
            loads += [name for name in ("href", "imagesrcset") if values.get(name)]
        for name in loads:
            addresses = srcset_addresses(values[name]) if name.endswith("srcset") else [values.get(name, "")]
            if tag != "script" and any(offsite(address) for address in addresses if address):
                refuse("loads from another host, which would tell it that this reader visited; "
                       "save the file in docs/ and link to it there")


@dataclass(frozen=True)
class BuiltPage:
    """One built page, read once: what it breaks of the promises above, and its inline code."""

    problems: list[str]
    inline_scripts: list[str]
    inline_styles: list[str]

    def with_policy(self, document: str, policy: dict[str, list[str]]) -> str:
        """The document with its empty Content-Security-Policy <meta> filled in: `policy`, with the
        hash of each inline script and inline style."""
        policy = {directive: list(sources) for directive, sources in policy.items()}
        # A hash would switch 'unsafe-inline' off.
        if self.inline_scripts and "'unsafe-inline'" not in policy["script-src"]:
            policy["script-src"] = [*policy.get("script-src", ["'none'"]), *dict.fromkeys(map(sha256, self.inline_scripts))]
        if self.inline_styles:
            policy["style-src"] = [*policy.get("style-src", []), *dict.fromkeys(map(sha256, self.inline_styles))]
        return document.replace(POLICY_META, _filled(policy), 1)


def read(document: str, content: str = "") -> BuiltPage:
    """A built page checked against the promises above, each problem one line naming the element.
    `content` is the part of the page made from its Markdown (MkDocs' page.content), which may
    hold no script of any kind; the rest of the document is the theme's."""
    page = _Page()
    _Reader(page, content=False).feed(document)
    found = list(page.problems)
    if "<script" in content.lower() or "<style" in content.lower():
        content_page = _Page()
        _Reader(content_page, content=True).feed(content)
        found += [problem for problem in content_page.problems if problem.startswith(("<script", "<style"))]
    found += [f'id="{name}" is used {count} times on the page; an id must be unique (rename a heading or an id)'
              for name, count in page.ids.items() if count > 1]
    if page.h1 != 1:
        found.append(f"the page has {page.h1} <h1> headings; it needs exactly one (its title): "
                     "use ## for the headings inside it")
    if page.policy_metas != 1:
        found.append(f"the page has {page.policy_metas} Content-Security-Policy <meta> elements, not one: "
                     "its template must extend main.html and keep its site_meta block")
    return BuiltPage(list(dict.fromkeys(found)), page.inline_scripts, page.inline_styles)


_FILLED_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def allow_style(document: str, css: str) -> str:
    """The document, its policy filled in already, with the inline stylesheet `css` allowed by its
    hash too: for a page whose stylesheets are put into it after it is made (scripts/plugin/assets.py)."""
    match = _FILLED_POLICY.search(document)
    if match is None:
        raise DataError("a page has no filled Content-Security-Policy <meta> to allow its stylesheet in")
    policy = {directive: sources for directive, *sources in
              (part.split() for part in unescape(match.group(1)).split(";") if part.strip())}
    policy["style-src"] = [*policy.get("style-src", []), sha256(css)]
    return document[:match.start()] + _filled(policy) + document[match.end():]


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy_text(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([directive, *sources]) for directive, sources in policy.items())


def _filled(policy: dict[str, list[str]]) -> str:
    """The page's Content-Security-Policy <meta>, holding `policy`."""
    return POLICY_META.replace('content=""', f'content="{escape(policy_text(policy), quote=False)}"')
