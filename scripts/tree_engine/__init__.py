"""The decision-tree engine: load, check and render trees to Markdown pages, with no MkDocs inside.

    trees = load_trees(docs_dir)                    # read and check docs/_data/trees/*.yml
    check_references(tree, pages, tags, sources)    # what a tree names outside itself
    render_site_pages(trees, Site(...))             # {path from docs/: Markdown with front matter}
    node_pages(tree)                                # one page per path to each node (paths.py)

`python -m scripts.tree_engine check` and `render OUT` do the same from the command line. The
MkDocs side is an adapter: scripts/plugin/trees.py adds the pages and menu entries, and
scripts/macros.py's `tree_links` lists the trees on hand-written pages.
"""

from scripts.tree_engine.errors import TreeError
from scripts.tree_engine.load import check_references, load_tree, load_trees
from scripts.tree_engine.model import Answer, Node, Outcome, Question, Tree
from scripts.tree_engine.paths import NodePage, TrailEntry, node_pages, page_count
from scripts.tree_engine.render import DECIDE, Site, TreePages, menu_pages, render_site_pages, start_page

__all__ = [
    "DECIDE", "Answer", "Node", "NodePage", "Outcome", "Question", "Site", "TrailEntry", "Tree", "TreeError", "TreePages",
    "check_references", "load_tree", "load_trees", "menu_pages", "node_pages", "page_count", "render_site_pages",
    "start_page",
]
