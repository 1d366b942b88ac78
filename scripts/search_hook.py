"""MkDocs hook: search weights for pages whose front matter the site does not write by hand.

A tree's "whole tree" page (decide/<tree>/overview/, added by tree_hook.py) holds every question
and outcome of its tree in one long text, so it matches almost any query and pushed the topic
pages that answer a question below it. It keeps a place in search, but a lower one; the tree's
start page keeps its full weight. (Pages written by hand set `search: boost:` in front matter.)
"""

from __future__ import annotations

import fnmatch

WHOLE_TREE_PAGES = "decide/*/overview.md"
WHOLE_TREE_BOOST = 0.3


def on_page_markdown(markdown, page, config, files):
    if fnmatch.fnmatch(page.file.src_uri, WHOLE_TREE_PAGES):
        page.meta.setdefault("search", {}).setdefault("boost", WHOLE_TREE_BOOST)
    return markdown
