"""The adapter between the tree engine (scripts/tree_engine/) and MkDocs.

The plugin (scripts/plugin/plugin.py) loads and checks the trees once per build; this module adds each tree to the "Decide" section of the
navigation, adds the pages the engine renders as generated files, and points the second and later
pages of a shared node at the node's first page with <link rel="canonical">. No tree page goes through
mkdocs-macros: that plugin evaluates any page title holding `{{` or `{%` as a template, and tree
text is data.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.structure.files import File, Files, InclusionLevel
from scripts.tree_engine import DECIDE, Site, Tree, check_references, menu_pages, render_site_pages

NAV_SECTION = "Decide"
# Up to this many trees are listed straight under "Decide". navigation.sections keeps that section
# open in every page's menu, so beyond this the trees go one level down, where navigation.prune
# shows them only on the Decide pages: every other page's menu stays short (and quick to build;
# 50 trees listed flat cost 1.5 ms a page in scripts/measure/benchmark.py).
TREES_LISTED_FLAT = 8
NESTED_SECTION = "Every question set"


def add_to_nav(config, trees: list[Tree]) -> None:
    """List the trees in the "Decide" section of mkdocs.yml's nav, if it has one."""
    section = next((item[NAV_SECTION] for item in config.nav or [] if isinstance(item, dict) and NAV_SECTION in item), None)
    if section is not None:
        _list_trees(section, trees)


def _list_trees(section: list, trees: list[Tree]) -> None:
    entries = [{title: path} for title, path in menu_pages(trees)]
    if len(trees) <= TREES_LISTED_FLAT:
        section.extend(entries)
        return
    # The section's own pages (decide/index.md) lead the nested list, so navigation.indexes makes
    # the Decide page that list's page; a tree's start page, also an index.md, would take its place.
    nested = section[:] + entries
    section[:] = [{NESTED_SECTION: nested}]


def add_pages(files: Files, config, trees: list[Tree]) -> None:
    """Check the trees against the site's pages, tags and sources, and add the pages they make."""
    pages = {file.src_uri for file in files.documentation_pages()}
    tags = {tag.name for tag in config.plugins["material/tags"].config.tags_allowed}
    for tree in trees:
        check_references(tree, pages, tags, set(config.extra["sources"]))
    site = Site(docs_dir=Path(config.docs_dir), sources=config.extra["sources"],
                distance_tags=frozenset(config.extra["distance_tags"]))
    in_menu = {f"{DECIDE}/index.md"} | {path for _, path in menu_pages(trees)}
    for src_uri, content in render_site_pages(trees, site).items():
        inclusion = InclusionLevel.INCLUDED if src_uri in in_menu else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))


def point_to_canonical(page, config) -> None:
    """A second or later page of a shared node names the node's first page as the canonical one."""
    canonical = page.meta.get("canonical")
    if canonical and config.site_url:
        first = File(canonical, config.docs_dir, config.site_dir, config.use_directory_urls)
        page.canonical_url = urljoin(config.site_url.rstrip("/") + "/", first.url)
