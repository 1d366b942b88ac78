"""MkDocs hook: turn each decision tree in docs/_data/trees/ into pages.

It loads and checks the trees once per build, adds each tree to the "Decide" section of the
navigation, and adds one generated page per step, its Markdown rendered here from the templates
in overrides/decide/ (scripts/tree_pages.py). No tree page goes through mkdocs-macros: that
plugin evaluates any page title holding `{{` or `{%` as a template, and tree text is data.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

# MkDocs loads hooks by path; make the `scripts` package importable, as macros.py does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.pages import front_matter  # noqa: E402
from scripts.tree_pages import TreePages  # noqa: E402
from scripts.trees import Outcome, Tree, check_references, load_trees  # noqa: E402

DECIDE = "decide"
NAV_SECTION = "Decide"
# Up to this many trees are listed straight under "Decide". navigation.sections keeps that section
# open in every page's menu, so beyond this the trees go one level down, where navigation.prune
# shows them only on the Decide pages: every other page's menu stays short (and quick to build;
# 50 trees listed flat cost 1.5 ms a page in scripts/benchmark.py).
TREES_LISTED_FLAT = 8
NESTED_SECTION = "Every question set"

def on_config(config):
    trees = load_trees(Path(config.docs_dir))
    config.extra["decision_trees"] = {tree.id: tree for tree in trees}
    section = next((item[NAV_SECTION] for item in config.nav or [] if isinstance(item, dict) and NAV_SECTION in item), None)
    if section is not None:
        _list_trees(section, trees)
    return config


def _list_trees(section: list, trees: list[Tree]) -> None:
    entries = [{html.escape(tree.title, quote=False): f"{DECIDE}/{tree.id}/index.md"} for tree in trees]
    if len(trees) <= TREES_LISTED_FLAT:
        section.extend(entries)
        return
    # The section's own pages (decide/index.md) lead the nested list, so navigation.indexes makes
    # the Decide page that list's page; a tree's start page, also an index.md, would take its place.
    nested = section[:] + entries
    section[:] = [{NESTED_SECTION: nested}]


def on_files(files: Files, config) -> Files:
    trees: dict[str, Tree] = config.extra["decision_trees"]
    pages = {file.src_uri for file in files.documentation_pages()}
    tags = set(config.plugins["material/tags"].config.tags_allowed)
    for tree in trees.values():
        check_references(tree, pages, {tag.name for tag in tags}, set(config.extra["sources"]))
    docs_dir = Path(config.docs_dir)
    distance_tags = set(config.extra["distance_tags"])
    render = TreePages(Path(config.theme.custom_dir) / DECIDE, docs_dir, trees, config.extra["sources"])
    _add(files, config, f"{DECIDE}/index.md", render.index(),
         title="Decide: questions to work through",
         description="Short sets of questions that point you to the advice that fits your situation.")
    for tree in trees.values():
        _add(files, config, f"{DECIDE}/{tree.id}/index.md", render.start(tree.id),
             title=tree.title, description=tree.intro, tags=list(tree.tags),
             # The start page asks its own safety question, so it needs no safety note as well.
             asks_about_safety=True)
        _add(files, config, f"{DECIDE}/{tree.id}/overview.md", render.overview(tree.id),
             title=f"{tree.title} (the whole tree)", description=tree.intro, in_nav=False)
        for node in tree.nodes.values():
            suggests_distance = isinstance(node, Outcome) and any(
                distance_tags & set(front_matter(docs_dir / topic).get("tags", [])) for topic in node.topics
            )
            _add(files, config, f"{DECIDE}/{tree.id}/{node.id}.md", render.step(tree.id, node.id),
                 title=node.title, in_nav=False, search={"exclude": True},
                 suggests_distance=suggests_distance or None)
    return files


def _add(files: Files, config, src_uri: str, markdown: str, *, in_nav: bool = True, **meta) -> None:
    meta = {key: value for key, value in meta.items() if value is not None}
    # Material shows titles as HTML (and escapes them once more only in aria-labels), so escape
    # markup here but leave quotes alone. Descriptions are escaped by overrides/main.html.
    meta["title"] = html.escape(meta["title"], quote=False)
    # JSON is valid YAML front matter, and much quicker to write than YAML for hundreds of pages.
    content = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{markdown}"
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
