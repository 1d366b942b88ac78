"""Render decision-tree pages from the templates in overrides/decide/.

The templates write Markdown (with md_in_html blocks), so MkDocs resolves and checks every link.
Text from the YAML files is escaped on the way out: it can never become HTML or Markdown markup.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from scripts.pages import page_link
from scripts.trees import Outcome, Question, Tree

# Characters Python-Markdown (with tables and attr_list) lets a backslash escape; `<`, `>` and
# `&` are escaped as HTML instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def as_text(value) -> Markup:
    """Show a value as literal text in a Markdown page."""
    if isinstance(value, Markup) or value is None:
        return value if value is not None else Markup("")
    return Markup(escape(_MARKDOWN_SPECIAL.sub(r"\\\1", str(value))))


def as_link(target: str) -> Markup:
    """A link target built from ids and paths the schema already limits to safe characters."""
    if not re.fullmatch(r"[a-z0-9./][a-z0-9/.#-]*", target):
        raise ValueError(f"unsafe link target: {target!r}")
    return Markup(target)


class TreePages:
    def __init__(self, templates: Path, docs_dir: Path, trees: dict[str, Tree], sources: dict):
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            finalize=as_text,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["link"] = as_link
        self.env.tests["question"] = lambda node: isinstance(node, Question)
        self.docs_dir = docs_dir
        self.trees = trees
        self.sources = sources

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(
            trees=list(self.trees.values()), **context
        )

    def index(self) -> str:
        return self._render("index.html")

    def links(self, prefix: str) -> str:
        """A Markdown list linking to every tree, for a page `prefix` away from decide/."""
        return self._render("_list.html", prefix=prefix)

    def start(self, tree_id: str) -> str:
        return self._render("start.html", tree=self.trees[tree_id])

    def overview(self, tree_id: str) -> str:
        return self._render("overview.html", tree=self.trees[tree_id])

    def _other_trees(self, tree: Tree, limit: int = 5) -> list[Tree]:
        """The other trees, those sharing most tags first; capped, as a site may have many."""
        others = [other for other in self.trees.values() if other.id != tree.id]
        others.sort(key=lambda other: (-len(set(other.tags) & set(tree.tags)), other.title))
        return others[:limit]

    def step(self, tree_id: str, node_id: str) -> str:
        tree = self.trees[tree_id]
        node = tree.nodes[node_id]
        trail = tree.trail(node_id)
        back = trail[-1].question.id + ".md" if trail else "index.md"
        if isinstance(node, Outcome):
            return self._render(
                "outcome.html", tree=tree, node=node, trail=trail, back=back,
                topics=[page_link(self.docs_dir, path) for path in node.topics],
                sources=[(source, self.sources[source]["name"]) for source in node.sources],
                other_trees=self._other_trees(tree),
            )
        return self._render("question.html", tree=tree, node=node, trail=trail, back=back)
