"""Render decision trees into Markdown pages, from the `*.md.j2` templates beside this file.

The pages are ordinary Markdown (with md_in_html blocks and attr_list buttons) and front matter,
so any Markdown site generator can build them; the links between them are relative `.md` links
that the generator resolves and checks. Text from the YAML files is escaped on the way out by
the one rule in scripts/markdown_text.py: it can never become HTML or Markdown markup.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from scripts.markdown_text import as_link, as_text
from scripts.pages import front_matter, page_link
from scripts.tree_engine.model import Outcome, Question, Tree

# The folder, from the docs folder, that holds every page the engine writes.
DECIDE = "decide"
TEMPLATES = Path(__file__).resolve().parent / "templates"
INDEX_TITLE = "Decide: questions to work through"
INDEX_DESCRIPTION = "Short sets of questions that point you to the advice that fits your situation."


@dataclass(frozen=True)
class Site:
    """What the pages need from the site around them."""

    docs_dir: Path
    # Source id -> {"name": ...}, as in mkdocs.yml's extra.sources.
    sources: dict
    # An outcome linking to a topic page with any of these tags suggests distance (safety note).
    distance_tags: frozenset[str] = frozenset()


def start_page(tree: Tree) -> str:
    return f"{DECIDE}/{tree.id}/index.md"


def menu_pages(trees: list[Tree]) -> list[tuple[str, str]]:
    """(title, path) of each tree's start page, for a site's menu. Titles are escaped for HTML,
    as a site generator shows menu titles as HTML."""
    return [(html.escape(tree.title, quote=False), start_page(tree)) for tree in trees]


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=as_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["link"] = as_link
    env.tests["question"] = lambda node: isinstance(node, Question)
    return env


class TreePages:
    def __init__(self, trees: dict[str, Tree], site: Site):
        self.env = _environment()
        self.trees = trees
        self.site = site

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(trees=list(self.trees.values()), **context)

    def index(self) -> str:
        return self._render("index.md.j2")

    def links(self, prefix: str) -> str:
        """A Markdown list linking to every tree, for a page `prefix` away from decide/."""
        return self._render("_list.md.j2", prefix=prefix)

    def start(self, tree: Tree) -> str:
        return self._render("start.md.j2", tree=tree)

    def overview(self, tree: Tree) -> str:
        return self._render("overview.md.j2", tree=tree)

    def _other_trees(self, tree: Tree, limit: int = 5) -> list[Tree]:
        """The other trees, those sharing most tags first; capped, as a site may have many."""
        others = [other for other in self.trees.values() if other.id != tree.id]
        others.sort(key=lambda other: (-len(set(other.tags) & set(tree.tags)), other.title))
        return others[:limit]

    def node(self, tree: Tree, node_id: str) -> str:
        node = tree.nodes[node_id]
        trail = tree.trail(node_id)
        back = trail[-1].question.id + ".md" if trail else "index.md"
        if isinstance(node, Outcome):
            return self._render(
                "outcome.md.j2", tree=tree, node=node, trail=trail, back=back,
                topics=[page_link(self.site.docs_dir, path) for path in node.topics],
                sources=[(source, self.site.sources[source]["name"]) for source in node.sources],
                other_trees=self._other_trees(tree),
            )
        return self._render("question.md.j2", tree=tree, node=node, trail=trail, back=back)

    def suggests_distance(self, node) -> bool:
        return isinstance(node, Outcome) and any(
            self.site.distance_tags & set(front_matter(self.site.docs_dir / topic).get("tags", []))
            for topic in node.topics
        )


def _page(markdown: str, **meta) -> str:
    meta = {key: value for key, value in meta.items() if value is not None}
    # Site generators show a front-matter title as HTML (Material escapes it once more only in
    # aria-labels), so escape markup here but leave quotes alone.
    meta["title"] = html.escape(meta["title"], quote=False)
    # JSON is valid YAML front matter, and much quicker to write than YAML for hundreds of pages.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{markdown}"


def render_site_pages(trees: list[Tree], site: Site) -> dict[str, str]:
    """Every page for these trees, by path from the docs folder: Markdown with front matter that
    names its tree (`tree`), its node (`node`, on question and outcome pages) and what kind of page
    it is (`kind`: start, overview, question or outcome)."""
    render = TreePages({tree.id: tree for tree in trees}, site)
    pages = {f"{DECIDE}/index.md": _page(render.index(), title=INDEX_TITLE, description=INDEX_DESCRIPTION)}
    for tree in trees:
        # The start page asks its own safety question, so it needs no safety note as well.
        pages[start_page(tree)] = _page(render.start(tree), title=tree.title, description=tree.intro,
                                        tags=list(tree.tags), asks_about_safety=True, tree=tree.id, kind="start")
        pages[f"{DECIDE}/{tree.id}/overview.md"] = _page(
            render.overview(tree), title=f"{tree.title} (the whole tree)", description=tree.intro, tree=tree.id, kind="overview")
        for node in tree.nodes.values():
            pages[f"{DECIDE}/{tree.id}/{node.id}.md"] = _page(
                render.node(tree, node.id), title=node.title, search={"exclude": True},
                suggests_distance=render.suggests_distance(node) or None,
                tree=tree.id, node=node.id, kind="outcome" if isinstance(node, Outcome) else "question")
    return pages
