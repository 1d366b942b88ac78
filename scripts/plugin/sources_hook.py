"""MkDocs hook: load and check the supporting sources once, before any page is rendered.

A bad entry then stops the build with a short message naming the file and the entry; raised from
inside a macro, mkdocs-macros would print a traceback instead. The Sources page's macro renders
the list from what this hook stored.
"""

from __future__ import annotations

from pathlib import Path
from scripts.plugin.hook_errors import reported
from scripts.content import supporting_sources


@reported
def on_config(config):
    docs_dir = Path(config.docs_dir)
    # Small fixture sites in the tests have no data files; the real site always has this one.
    if (docs_dir / supporting_sources.DATA).is_file():
        config.extra["supporting_sources"] = supporting_sources.load_listing(docs_dir)
    return config
