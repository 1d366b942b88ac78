"""Reader features worked out at build time from the rendered pages (run by scripts/plugin/plugin.py).

MkDocs renders every page before it writes any (`on_env` runs in between), so the plugin sees the
HTML of the whole site at once. From it, this module:

* builds the link graph: which page's content links to which page;
* gives each topic page (docs/topics/*.md) its related pages and its backlinks, in `page.meta` for
  the templates in overrides/partials/ (related.html, backlinks.html) to show.

Glossary terms and reading time come from the Markdown extension scripts/plugin/reader_extension.py, which
needs no MkDocs; the plugin only tells it, page by page, where the glossary page is, and copies the
reading time it counts into a topic page's `page.meta` (for reading-time.html).

Related pages are ranked by score = shared tags + 1 for a link from the page + 1 for a link back.
Ties go to the page with more links between the two, then by title, then by URL.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from urllib.parse import urlsplit


TOPICS = "topics/"
GLOSSARY = "glossary.md"
RELATED_LIMIT = 3


def glossary_link(files, page) -> str:
    """Where the glossary page is from this page ("../glossary.md"), or "" on the glossary page
    itself and on a site without one (terms then get tooltips, no links)."""
    glossary = files.get_file_from_path(GLOSSARY)
    linked = glossary is not None and glossary.src_uri != page.file.src_uri
    return posixpath.relpath(GLOSSARY, posixpath.dirname(page.file.src_uri) or ".") if linked else ""


def is_topic(page) -> bool:
    return page.file.src_uri.startswith(TOPICS)


def add_related_and_backlinks(config, files) -> None:
    """Each topic page's related pages and backlinks, in its `page.meta`."""
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    by_url = {_normal(page.url): page for page in pages}
    # Pages are not hashable: the graph and the lookups below go by source path (src_uri).
    by_src = {page.file.src_uri: page for page in pages}
    links = {page.file.src_uri: _links_from(page, by_url) for page in pages}
    linked_from: dict[str, set[str]] = defaultdict(set)
    for source, targets in links.items():
        for target in targets:
            linked_from[target].add(source)
    listings = _tag_listing_pages(pages, config)
    outcomes = _outcome_labels(pages)

    topics = [_Ranked(page) for page in pages if is_topic(page)]
    topics.sort(key=lambda topic: topic.order)
    neighbours = _neighbours(topics, links, linked_from)
    for topic in topics:
        page = topic.page
        page.meta["reader_related"] = [_item(other.page) for other in related_pages(topic, neighbours[topic.src], links)]
        # A page that names another as canonical (a shared tree outcome's later paths) repeats it.
        linking = [by_src[source] for source in linked_from[topic.src]
                   if source not in listings and not by_src[source].meta.get("canonical")]
        page.meta["reader_backlinks"] = _backlinks(linking, outcomes)


# -- The link graph ----------------------------------------------------------------------------


# Python-Markdown writes every attribute in double quotes, with & escaped.
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')


def _normal(url: str) -> str:
    """A page URL as a path from the site root: `topics/patience/` or `topics/patience.html`."""
    url = "/" + url.lstrip("/")
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def _links_from(page, by_url: dict) -> set[str]:
    """The source paths of the other pages that this page's content links to."""
    base = _normal(page.url)
    directory = base if base.endswith("/") else posixpath.dirname(base) + "/"
    targets = set()
    for href in _HREF.findall(page.content or ""):
        parts = urlsplit(html.unescape(href))
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = posixpath.normpath(posixpath.join(directory, parts.path))
        if parts.path.endswith("/") and not path.endswith("/"):
            path += "/"
        target = by_url.get(_normal(path))
        if target is not None and target is not page:
            targets.add(target.file.src_uri)
    return targets


def _tag_listing_pages(pages, config) -> set:
    """Pages that hold a tags listing: they link to every tagged page, so they are no backlink."""
    plugin = config.plugins.get("material/tags")
    directive = getattr(getattr(plugin, "config", None), "listings_directive", None) or "material/tags"
    marker = re.compile(r"<!--\s*" + re.escape(directive))
    return {page.file.src_uri for page in pages
            if not page.file.generated_by and marker.search(page.file.content_string)}


def _outcome_labels(pages) -> dict:
    """Decision-tree outcome pages by source path, each with its tree's start page and its title.

    The tree engine names each page's tree and kind in its front matter."""
    starts = {page.meta["tree"]: page for page in pages if page.meta.get("kind") == "start"}
    return {page.file.src_uri: (starts[page.meta["tree"]], _title(page))
            for page in pages if page.meta.get("kind") == "outcome" and page.meta.get("tree") in starts}


def _title(page) -> str:
    # Generated pages carry escaped titles (see scripts/plugin/trees.py); templates escape again, so unescape.
    return html.unescape(page.title or page.file.name)


def _order(page) -> tuple:
    return (_title(page).casefold(), page.url)


def _item(page) -> dict:
    return {"title": _title(page), "url": page.url}


# -- Related pages and backlinks -----------------------------------------------------------------


class _Ranked:
    """A topic page with what ranking needs worked out once: its source path, tags and sort key."""

    def __init__(self, page):
        self.page = page
        self.src = page.file.src_uri
        self.tags = frozenset(page.meta.get("tags") or [])
        self.order = _order(page)


def _neighbours(topics: list[_Ranked], links: dict, linked_from: dict) -> dict[str, list[_Ranked]]:
    """For each topic, the other topics that share a tag or a link with it: the only ones that
    can score above zero. On a large site this spares comparing every pair of topics."""
    by_src = {topic.src: topic for topic in topics}
    tagged: dict[str, list[_Ranked]] = defaultdict(list)
    for topic in topics:
        for tag in topic.tags:
            tagged[tag].append(topic)
    neighbours = {}
    for topic in topics:
        found = {other.src: other for tag in topic.tags for other in tagged[tag]}
        found |= {src: by_src[src] for src in links[topic.src] | linked_from[topic.src] if src in by_src}
        found.pop(topic.src, None)
        neighbours[topic.src] = list(found.values())
    return neighbours


def related_pages(topic: _Ranked, candidates: list[_Ranked], links: dict) -> list[_Ranked]:
    """Up to three of the candidate topic pages, ranked by shared tags and links both ways."""
    outgoing = links[topic.src]
    ranked = []
    for other in candidates:
        linked = (other.src in outgoing) + (topic.src in links[other.src])
        score = len(topic.tags & other.tags) + linked
        ranked.append(((-score, -linked) + other.order, other))
    ranked.sort(key=lambda pair: pair[0])
    return [other for _, other in ranked[:RELATED_LIMIT]]


def _backlinks(linking, outcomes) -> dict:
    pages = sorted((page for page in linking if page.file.src_uri not in outcomes), key=_order)
    trees: dict = defaultdict(list)
    for page in linking:
        if page.file.src_uri in outcomes:
            start, _ = outcomes[page.file.src_uri]
            trees[start.file.src_uri].append(page)
    by_tree = []
    for outcome_pages in trees.values():
        start, _ = outcomes[outcome_pages[0].file.src_uri]
        by_tree.append({
            "title": _title(start),
            "url": start.url,
            "outcomes": [{"title": outcomes[page.file.src_uri][1], "url": page.url}
                         for page in sorted(outcome_pages, key=_order)],
        })
    by_tree.sort(key=lambda tree: tree["title"].casefold())
    return {"pages": [_item(page) for page in pages], "trees": by_tree}
