"""MkDocs hook: what the site's search needs beyond Material's settings.

- The words search listens for (docs/_data/search-words.yml: the safety card's phrases and the
  synonyms), loaded and checked once per build, for the search partial to put into every page.
- Search weights for pages whose front matter the site does not write by hand. A tree's "whole
  tree" page (decide/<tree>/overview/, added by tree_hook.py) holds every question and outcome of
  its tree in one long text, so it matches almost any query and pushed the topic pages that answer
  a question below it. It keeps a place in search, but a lower one; the tree's start page keeps
  its full weight. (Pages written by hand set `search: boost:` in front matter.)
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from scripts.content import search_words
from scripts.plugin.hook_errors import reported

WHOLE_TREE_PAGES = "decide/*/overview.md"
WHOLE_TREE_BOOST = 0.3


@reported
def on_env(env, config, files):
    # Small fixture sites in the tests have no such file; their search has no card or synonyms.
    if (Path(config.docs_dir) / search_words.DATA).is_file():
        env.globals["search_words"] = search_words.load_search_words(Path(config.docs_dir)).for_the_browser()
    return env


def on_page_markdown(markdown, page, config, files):
    if fnmatch.fnmatch(page.file.src_uri, WHOLE_TREE_PAGES):
        page.meta.setdefault("search", {}).setdefault("boost", WHOLE_TREE_BOOST)
    return markdown
