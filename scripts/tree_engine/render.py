"""Render decision trees into Markdown pages, from the `*.md.j2` templates beside this file.

The pages are ordinary Markdown (with md_in_html blocks and attr_list buttons) and front matter,
so any Markdown site generator can build them; the links between them are relative `.md` links
that the generator resolves and checks. Text from the YAML files is escaped on the way out by
the one rule in scripts/content/markdown_text.py: it can never become HTML or Markdown markup.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from scripts.content.markdown_text import as_html_text, markdown_environment
from scripts.content.pages import front_matter, page_link
from scripts.tree_engine.model import Outcome, Question, Tree
from scripts.tree_engine.paths import NodePage, node_pages

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
    env = markdown_environment(TEMPLATES)
    env.filters["html_text"] = as_html_text
    env.tests["question"] = lambda node: isinstance(node, Question)
    return env


class TreePages:
    def __init__(self, trees: dict[str, Tree], site: Site):
        self.env = _environment()
        self.trees = trees
        self.site = site
        self._tags: dict[str, set[str]] = {}

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(trees=list(self.trees.values()), **context)

    def index(self) -> str:
        return self._render("index.md.j2")

    def links(self, prefix: str) -> str:
        """A Markdown list linking to every tree, for a page `prefix` away from decide/."""
        return self._render("_list.md.j2", prefix=prefix)

    def start(self, tree: Tree) -> str:
        return self._render("start.md.j2", tree=tree)

    def overview(self, tree: Tree, pages: list[NodePage]) -> str:
        """Each question once, then each outcome once with every path that reaches it."""
        firsts = [page for page in pages if not page.is_copy]
        paths = {page.node.id: [] for page in firsts if isinstance(page.node, Outcome)}
        for page in pages:
            if isinstance(page.node, Outcome):
                paths[page.node.id].append(page.trail)
        return self._render("overview.md.j2", tree=tree, questions=[page.node for page in firsts if isinstance(page.node, Question)],
                            outcomes=[page.node for page in firsts if isinstance(page.node, Outcome)], paths=paths)

    def node(self, tree: Tree, page: NodePage) -> str:
        if isinstance(page.node, Outcome):
            return self._render(
                "outcome.md.j2", tree=tree, node=page.node, page=page,
                topics=[page_link(self.site.docs_dir, path) for path in page.node.topics],
                sources=[(source, self.site.sources[source]["name"]) for source in page.node.sources],
            )
        return self._render("question.md.j2", tree=tree, node=page.node, page=page,
                            answers=list(zip(page.node.answers, page.answer_pages)))

    def suggests_distance(self, node) -> bool:
        """Whether an outcome's advice is about distance, so its page says where to turn if she is
        afraid: not on advice written for a reader protecting herself, which is that advice."""
        return (isinstance(node, Outcome) and not node.protects_her
                and any(self.site.distance_tags & self._topic_tags(topic) for topic in node.topics))

    def _topic_tags(self, topic: str) -> set[str]:
        # Read once a build: shared outcomes link to the same topic pages from many pages.
        if topic not in self._tags:
            self._tags[topic] = set(front_matter(self.site.docs_dir / topic).get("tags", []))
        return self._tags[topic]


def _page(markdown: str, **meta) -> str:
    meta = {key: value for key, value in meta.items() if value is not None}
    # Site generators show a front-matter title as HTML (Material escapes it once more only in
    # aria-labels), so escape markup here but leave quotes alone.
    meta["title"] = html.escape(meta["title"], quote=False)
    # JSON is valid YAML front matter, and much quicker to write than YAML for hundreds of pages.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{markdown}"


def render_site_pages(trees: list[Tree], site: Site) -> dict[str, str]:
    """Every page for these trees, by path from the docs folder: Markdown with front matter that
    names its tree (`tree`), its node (`node`, on question and outcome pages), what kind of page
    it is (`kind`: start, overview, question or outcome) and, on the second and later pages of a
    shared node, the node's first page (`canonical`, a path from the docs folder)."""
    render = TreePages({tree.id: tree for tree in trees}, site)
    pages = {f"{DECIDE}/index.md": _page(render.index(), title=INDEX_TITLE, description=INDEX_DESCRIPTION,
                                         **_oldest_review(trees))}
    for tree in trees:
        folder = f"{DECIDE}/{tree.id}"
        review = _review(tree)
        # Tree pages lead on by their answers: Material's "Next: <page>" footer would only distract.
        # The start page asks its own safety question, so it needs no safety note as well.
        pages[start_page(tree)] = _page(render.start(tree), title=tree.title, description=tree.intro, hide=["footer"],
                                        tags=list(tree.tags), asks_about_safety=True, tree=tree.id, kind="start", **review)
        tree_pages = list(node_pages(tree))
        pages[f"{folder}/overview.md"] = _page(render.overview(tree, tree_pages), title=f"{tree.title} (the whole tree)",
                                               description=tree.intro, hide=["footer"], tree=tree.id, kind="overview", **review)
        for page in tree_pages:
            node = page.node
            pages[f"{folder}/{page.name}.md"] = _page(
                render.node(tree, page), title=node.title, search={"exclude": True}, hide=["footer"],
                suggests_distance=render.suggests_distance(node) or None, tree=tree.id, node=node.id,
                kind="outcome" if isinstance(node, Outcome) else "question",
                canonical=f"{folder}/{page.canonical}.md" if page.is_copy else None, **review)
    return pages


def _review(tree: Tree) -> dict:
    """A tree's review dates for its pages' front matter (as text: JSON has no dates)."""
    return {"last_reviewed": tree.last_reviewed and tree.last_reviewed.isoformat(),
            "next_review_due": tree.next_review_due and tree.next_review_due.isoformat(),
            "reviewed_by": tree.reviewed_by}


def _oldest_review(trees: list[Tree]) -> dict:
    """The Decide page lists every tree: it is as fresh as the least fresh of them."""
    if not trees or not all(tree.last_reviewed and tree.next_review_due and tree.reviewed_by for tree in trees):
        return {}
    due_first = min(trees, key=lambda tree: tree.next_review_due)
    return {**_review(due_first), "last_reviewed": min(tree.last_reviewed for tree in trees).isoformat()}
