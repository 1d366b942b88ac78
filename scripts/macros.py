"""Entry point of the mkdocs-macros plugin: the functions pages may call."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

# mkdocs-macros loads this file by its path, so make the `scripts` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import source_map, supporting_sources  # noqa: E402
from scripts.helplines import load_helplines  # noqa: E402
from scripts.page_parts import render_part  # noqa: E402
from scripts.pages import PageLink, page_link  # noqa: E402
from scripts.tree_pages import TreePages  # noqa: E402


def define_env(env) -> None:
    """Register the site's macros with mkdocs-macros."""
    docs_dir = Path(env.conf["docs_dir"])
    sources = env.conf["extra"]["sources"]

    @env.macro
    def source_name(source_id: str) -> str:
        """How a page names a source article: its exact title, or a note that it has none."""
        source = sources[source_id]
        title = f"“{source['title']}”" if source["title"] else "An untitled article"
        author = source["author"] or "no author given"
        return f"{title} ({author})"

    # Loaded once a build, by the first page that asks (only the Get help now page does).
    helplines = functools.cache(lambda: load_helplines(docs_dir))

    @env.macro
    def emergency_numbers() -> str:
        """The "In danger right now?" box: every emergency number, one tap to call."""
        return render_part("emergency-numbers.html", emergencies=helplines().emergency_numbers(), helplines=helplines())

    @env.macro
    def helpline_list() -> str:
        """Every country's helplines, each cited to the page it comes from."""
        return render_part("helplines.html", helplines=helplines())

    @env.macro
    def pages_drawing_on(source_id: str) -> list[PageLink]:
        """The pages that the source map says cover this source's advice."""
        advice = source_map.load_source_map(docs_dir)
        return [page_link(docs_dir, path) for path in source_map.pages_drawing_on(advice, source_id)]

    @env.macro
    def supporting_sources_list() -> str:
        """The Sources page's list of public guidance pages, from docs/_data/supporting-sources.yml."""
        # Loaded and checked by scripts/sources_hook.py before any page is rendered.
        return supporting_sources.render(Path(env.project_dir) / "overrides" / "sources",
                                         env.conf["extra"]["supporting_sources"])

    # The trees were loaded and checked by scripts/tree_hook.py; these render their pages.
    @functools.cache
    def tree_pages() -> TreePages:
        return TreePages(
            templates=Path(env.project_dir) / "overrides" / "decide",
            docs_dir=docs_dir,
            trees=env.conf["extra"]["decision_trees"],
            sources=sources,
        )

    @env.macro
    def decide_index() -> str:
        return tree_pages().index()

    @env.macro
    def tree_links(prefix: str = "decide/") -> str:
        return tree_pages().links(prefix)

    @env.macro
    def tree_start(tree_id: str) -> str:
        return tree_pages().start(tree_id)

    @env.macro
    def tree_overview(tree_id: str) -> str:
        return tree_pages().overview(tree_id)

    @env.macro
    def tree_step(tree_id: str, node_id: str) -> str:
        return tree_pages().step(tree_id, node_id)
